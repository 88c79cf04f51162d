/*
 * report mode: every shape of registration, of a range's use and of a pfn
 * derived from one that a driver may have; each must be named.
 */
struct dev {
	struct dev_pagemap pagemap;
	u64 hpa_base;
	unsigned long *pfns;
};

static struct dev_pagemap global_pgmap = {
	.type = MEMORY_DEVICE_PRIVATE,
	.nr_range = 1,
};

static int dev_add(struct dev *dev, struct device *d, unsigned long size)
{
	struct resource *res;
	unsigned long pfn, pfn_first, pfn_last;
	void *ptr;

	res = devm_request_free_mem_region(d, &iomem_resource, size);
	if (IS_ERR(res))
		return PTR_ERR(res);
	dev->pagemap.type = MEMORY_DEVICE_PRIVATE;
	dev->pagemap.range.start = res->start;
	dev->pagemap.range.end = res->end;
	dev->hpa_base = res->start;
	ptr = devm_memremap_pages(d, &dev->pagemap);
	if (IS_ERR(ptr))
		return PTR_ERR(ptr);

	pfn_first = dev->pagemap.range.start >> PAGE_SHIFT;
	pfn_last = pfn_first + (range_len(&dev->pagemap.range) >> PAGE_SHIFT);
	for (pfn = pfn_first; pfn < pfn_last; pfn++)
		free_page_add(pfn_to_page(pfn));
	return 0;
}

static u64 block_to_pfn(struct dev *dev, u64 offset)
{
	return PHYS_PFN(offset + dev->hpa_base);
}

static void dev_evict(struct dev *dev, unsigned long *src)
{
	unsigned long npages = range_len(&dev->pagemap.range) >> PAGE_SHIFT;

	migrate_device_pgmap_range(src, &dev->pagemap, 0, npages);
}

static unsigned long entries(struct dev *dev, unsigned long *src, int i)
{
	struct page *page = pfn_to_page(dev->pfns[i]);
	unsigned long spfn = src[i] >> MIGRATE_PFN_SHIFT;

	return migrate_pfn(spfn) | migrate_pfn(page_to_pfn(page));
}

static u64 fault(struct hmm_range *range, unsigned long delta)
{
	struct page *page = hmm_pfn_to_page(range->hmm_pfns[0]);

	page -= delta;
	if (is_device_private_page(page))
		return 1;
	return 0;
}

static void dev_remove(struct device *d)
{
	memremap_pages(&global_pgmap, 0);
	release_mem_region(global_pgmap.range.start,
			   range_len(&global_pgmap.range));
}

/* The region's start kept in locals, declared with it or not. */
static int region_local(struct dev *dev, unsigned long size)
{
	struct resource *res = request_free_mem_region(&iomem_resource, size, "x");
	struct resource *res2;
	unsigned long first, last;

	dev->pagemap.range.start = res->start;
	first = res->start >> PAGE_SHIFT;
	res2 = devm_request_free_mem_region(dev->d, &iomem_resource, size);
	last = PHYS_PFN(res2->start) + size;
	release_mem_region(res->start, size);
	return first + last;
}
