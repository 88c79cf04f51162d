/* A driver that registers only device-private memory. */
struct chunk {
	struct dev_pagemap pagemap;
	struct page *free;
};

static void chunk_fill(struct chunk *chunk)
{
	struct page *page;
	unsigned long i, pfn_first;

	chunk->pagemap.type = MEMORY_DEVICE_PRIVATE;
	pfn_first = chunk->pagemap.range.start >> PAGE_SHIFT;
	page = pfn_to_page(pfn_first);
	for (i = 0; i < 512; i++, page++)
		chunk->free = page;
}

static struct page *chunk_first(struct chunk *chunk)
{
	return pfn_to_page(chunk->pagemap.range.start >> PAGE_SHIFT);
}

static struct page *chunk_first2(struct chunk *chunk)
{
	return pfn_to_page(PHYS_PFN(chunk->pagemap.range.start));
}

static struct page *pgmap_first(struct dev_pagemap *pgmap)
{
	struct page *page;
	unsigned long first;

	first = pgmap->range.start >> PAGE_SHIFT;
	page = pfn_to_page(first);
	return page;
}

/* Must not touch: the variable is used again afterwards. */
static unsigned long chunk_last(struct chunk *chunk)
{
	struct page *page;
	unsigned long pfn;

	pfn = chunk->pagemap.range.start >> PAGE_SHIFT;
	page = pfn_to_page(pfn);
	chunk->free = page;
	return pfn + 511;
}
