/* Must not touch: a driver that registers device-coherent memory too,
 * whose pages have real pfns. */
struct chunk {
	struct dev_pagemap pagemap;
};

static struct dev_pagemap global_pgmap;

static void chunk_init(struct chunk *chunk, struct dev_pagemap *pgmap)
{
	chunk->pagemap.type = MEMORY_DEVICE_PRIVATE;
	chunk->pagemap.range.start = 0;
	pgmap->type = MEMORY_DEVICE_COHERENT;
}

static unsigned long offset_in_chunk(struct chunk *chunk, struct page *page)
{
	return (page_to_pfn(page) << PAGE_SHIFT) - chunk->pagemap.range.start;
}

static unsigned long index_in_pgmap(struct dev_pagemap *pgmap, struct page *page)
{
	return page_to_pfn(page) - (pgmap->range.start >> PAGE_SHIFT);
}

static unsigned long index_in_global(struct page *page)
{
	return page_to_pfn(page) - PHYS_PFN(global_pgmap.range.start);
}
