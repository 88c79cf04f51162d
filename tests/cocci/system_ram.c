/* Must not touch: a driver with no device-private memory, whose pfns
 * are real; and a struct range that is not a dev_pagemap's. */
struct region {
	struct range range;
};

static struct page *ram_page(struct region *r, unsigned long i)
{
	return pfn_to_page((r->range.start >> PAGE_SHIFT) + i);
}

static unsigned long ram_index(struct region *r, struct page *page)
{
	return page_to_pfn(page) - (r->range.start >> PAGE_SHIFT);
}

static phys_addr_t ram_phys(struct page *page)
{
	return PFN_PHYS(page_to_pfn(page));
}
