/*
 * A file that registers device-private and device-coherent memory: its
 * dev_pagemaps' ranges are left alone (report mode names them).
 */
struct chunk {
	struct dev_pagemap pagemap;
};

static int chunk_add(struct chunk *chunk, struct resource *res)
{
	if (res)
		chunk->pagemap.type = MEMORY_DEVICE_PRIVATE;
	else
		chunk->pagemap.type = MEMORY_DEVICE_COHERENT;
	chunk->pagemap.range.start = res->start;
	chunk->pagemap.range.end = res->end;
	return PTR_ERR_OR_ZERO(memremap_pages(&chunk->pagemap, 0));
}

static unsigned long page_addr(struct chunk *chunk, struct page *page)
{
	unsigned long off = (page_to_pfn(page) << PAGE_SHIFT) -
				chunk->pagemap.range.start;

	return off;
}

static unsigned long page_nr(struct dev_pagemap *pgmap, struct page *page)
{
	unsigned long a = page_to_pfn(page) - (pgmap->range.start >> PAGE_SHIFT);
	unsigned long b = page_to_pfn(page) - PHYS_PFN(pgmap->range.start);

	return a + b;
}

static struct page *first_page(struct chunk *chunk, struct dev_pagemap *pgmap)
{
	if (!pgmap)
		return pfn_to_page(chunk->pagemap.range.start >> PAGE_SHIFT);
	return pfn_to_page(PHYS_PFN(pgmap->range.start));
}

static int evict(struct chunk *chunk, unsigned long *src, unsigned long n)
{
	migrate_device_range(src, chunk->pagemap.range.start >> PAGE_SHIFT, n);
	return 0;
}
