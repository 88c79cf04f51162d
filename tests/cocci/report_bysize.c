/*
 * report mode in a file that registers device-private memory by size:
 * naming MEMORY_DEVICE_PRIVATE is no registration in physical address
 * space, but a range used as a size still is a bug (it is empty).
 */
static int chunk_register(struct chunk *chunk, unsigned long npages)
{
	chunk->pagemap.type = MEMORY_DEVICE_PRIVATE;
	chunk->pagemap.ops = &chunk_ops;
	chunk->pagemap.owner = chunk->drm;
	return memremap_device_private_pages(&chunk->pagemap, npages,
					     NUMA_NO_NODE);
}

static int vram_register(struct device *dev, struct dev_pagemap *pgmap,
			 unsigned long size)
{
	pgmap->type = MEMORY_DEVICE_PRIVATE;
	return devm_memremap_device_private_pages(dev, pgmap, size >> PAGE_SHIFT);
}

static unsigned long chunk_npages(struct chunk *chunk)
{
	return dpriv_nr_pages(&chunk->pagemap);
}

static unsigned long chunk_npages_wrong(struct chunk *chunk)
{
	return range_len(&chunk->pagemap.range) >> PAGE_SHIFT;
}
