/* migrate pfns: built from the page, whatever kind of page it is. */
static unsigned long to_device(struct page *dpage, struct folio *dfolio)
{
	unsigned long a = migrate_pfn(page_to_pfn(dpage));
	unsigned long b = migrate_pfn(folio_pfn(dfolio)) | MIGRATE_PFN_WRITE;

	return a | b;
}

/* Must not touch: a pfn used for something else, and a migrate pfn of a
 * raw pfn (left for a human: report mode names it). */
static unsigned long to_ram(struct page *spage, unsigned long pfn)
{
	unsigned long phys = page_to_pfn(spage) << PAGE_SHIFT;

	dma_sync(phys);
	return migrate_pfn(pfn);
}
