/* A driver that registers only device-private memory. */
static struct dev_pagemap pgmap;

static void evict(unsigned long *src, struct dev_pagemap *pg, unsigned long n)
{
	pgmap.type = MEMORY_DEVICE_PRIVATE;
	migrate_device_range(src, pgmap.range.start >> PAGE_SHIFT, n);
	migrate_device_range(src, PHYS_PFN(pg->range.start), n);
	migrate_device_range(src, pg->range.start >> PAGE_SHIFT, n);
}
