/*
 * report mode in a file that only tests a dev_pagemap's type and checks
 * what migrate_device_pgmap_range() returns: nothing to name.
 */
static int evict(struct dev_pagemap *pgmap, unsigned long *src, unsigned long n)
{
	if (pgmap->type != MEMORY_DEVICE_PRIVATE)
		return 0;
	if (migrate_device_pgmap_range(src, pgmap, 0, n))
		return -EINVAL;
	return pfn_to_page(0) != NULL;
}
