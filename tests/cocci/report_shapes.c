/*
 * report mode: registrations of device-private memory in shapes that set
 * no type field by field, and what such a file does with pfns.
 */
struct drv {
	struct {
		struct dev_pagemap pgmap;
	} mem;
};

static const struct drv template = {
	.mem = { .pgmap = { .type = MEMORY_DEVICE_PRIVATE } },
};

static int drv_add(struct drv *drv, struct resource *res, bool coherent)
{
	struct dev_pagemap *pgmap = &drv->mem.pgmap;

	*pgmap = (struct dev_pagemap){ .type = MEMORY_DEVICE_PRIVATE };
	pgmap->type = coherent ? MEMORY_DEVICE_COHERENT : MEMORY_DEVICE_PRIVATE;
	if (pgmap->type == MEMORY_DEVICE_PRIVATE)
		pr_info("private\n");
	return pfn_to_page(PHYS_PFN(res->start)) != NULL;
}
