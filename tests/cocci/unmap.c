/* A driver that registers only device-private memory. */
struct chunk {
	struct dev_pagemap pagemap;
};

static void chunk_fini(struct chunk *chunk, struct dev_pagemap *pgmap)
{
	chunk->pagemap.type = MEMORY_DEVICE_PRIVATE;
	memunmap_pages(&chunk->pagemap);
	release_mem_region(chunk->pagemap.range.start,
			   range_len(&chunk->pagemap.range));
	memunmap_pages(pgmap);
	release_mem_region(pgmap->range.start, range_len(&pgmap->range));
}

/* Must not touch: the region released is not the dev_pagemap's. */
static void other_fini(struct chunk *chunk, struct resource *res)
{
	memunmap_pages(&chunk->pagemap);
	release_mem_region(res->start, resource_size(res));
}
