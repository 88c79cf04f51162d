/*
 * A file that registers device-private memory field by field and
 * device-coherent memory with a compound literal: not device-private
 * only, so its dev_pagemaps' ranges are left alone.
 */
struct chunk {
	struct dev_pagemap pagemap;
};

static void chunk_init(struct chunk *chunk, bool coherent)
{
	if (coherent)
		chunk->pagemap = (struct dev_pagemap){ .type = MEMORY_DEVICE_COHERENT };
	else
		chunk->pagemap.type = MEMORY_DEVICE_PRIVATE;
}

static unsigned long page_nr(struct chunk *chunk, struct page *page)
{
	return page_to_pfn(page) - PHYS_PFN(chunk->pagemap.range.start);
}
