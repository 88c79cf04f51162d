/* report mode leaves alone the ranges of a file that registers dax memory. */
static int dax_add(struct dev_pagemap *pgmap, struct resource *res)
{
	pgmap->type = MEMORY_DEVICE_GENERIC;
	pgmap->range.start = res->start;
	return PTR_ERR_OR_ZERO(memremap_pages(pgmap, 0)) +
	       pfn_to_page(PHYS_PFN(pgmap->range.start)) != NULL;
}
