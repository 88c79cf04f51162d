/* Migrate entries: made from the page, whatever kind of page it is. */
static unsigned long to_device(struct page *dpage, struct folio *dfolio)
{
	unsigned long a = migrate_pfn(page_to_pfn(dpage));
	unsigned long b = migrate_pfn(folio_pfn(dfolio)) | MIGRATE_PFN_WRITE;

	return a | b | migrate_pfn(page_to_pfn(dpage)) | MIGRATE_PFN_COMPOUND;
}

/*
 * Left alone: a pfn used for something else, and an entry of a raw pfn
 * (report mode names it).
 */
static unsigned long to_ram(struct page *spage, unsigned long pfn)
{
	unsigned long phys = page_to_pfn(spage) << PAGE_SHIFT;

	dma_sync(phys);
	return migrate_pfn(pfn);
}

/* Left alone: the helper's own fallback for a page that has a pfn. */
static inline unsigned long page_to_migrate_pfn(const struct page *page)
{
	if (is_device_private_page(page))
		return location_entry(page);
	return migrate_pfn(page_to_pfn(page));
}

/* Left alone: the KUnit case that compares the two forms. */
static void dpriv_test_migrate_pfn(struct kunit *test, struct page *ram)
{
	KUNIT_EXPECT_EQ(test, page_to_migrate_pfn(ram), migrate_pfn(page_to_pfn(ram)));
}
