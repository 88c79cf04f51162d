/* Report mode: every site left, once, converted by patch mode or not. */
static struct dev_pagemap pgmap;

static void setup(void)
{
	struct resource *res;

	res = request_free_mem_region(&iomem_resource, SZ_2M, "drv");
	pgmap.type = MEMORY_DEVICE_PRIVATE;
	pgmap.range.start = res->start;
	memremap_pages(&pgmap, NUMA_NO_NODE);
}

static unsigned long build(struct page *dpage, unsigned long pfn)
{
	return migrate_pfn(page_to_pfn(dpage)) | migrate_pfn(pfn);
}

static unsigned long decode(unsigned long mpfn)
{
	return mpfn >> MIGRATE_PFN_SHIFT;
}

static struct page *lookup(unsigned long stored_pfn)
{
	return pfn_to_page(stored_pfn);
}

static unsigned long index(struct page *page)
{
	return page_to_pfn(page) - (pgmap.range.start >> PAGE_SHIFT);
}

static bool moved(struct hmm_range *range, unsigned long n)
{
	struct page *page = NULL;

	page = hmm_pfn_to_page(range->hmm_pfns[0]);
	page -= n;
	return is_device_private_page(page);
}

static void teardown(void)
{
	release_mem_region(pgmap.range.start, range_len(&pgmap.range));
}

static unsigned long index_by_location(struct page *page)
{
	return dpriv_index(page_to_dpriv(page));
}
