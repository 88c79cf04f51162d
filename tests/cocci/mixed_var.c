/*
 * A file that sets a dev_pagemap's type from a variable besides
 * registering device-private memory: not device-private only, so its
 * dev_pagemaps' ranges are left alone.
 */
struct chunk {
	struct dev_pagemap pagemap;
};

static void chunk_init(struct chunk *chunk, enum memory_type type)
{
	chunk->pagemap.type = MEMORY_DEVICE_PRIVATE;
	if (type)
		chunk->pagemap.type = type;
}

static unsigned long page_nr(struct chunk *chunk, struct page *page)
{
	return page_to_pfn(page) - PHYS_PFN(chunk->pagemap.range.start);
}
