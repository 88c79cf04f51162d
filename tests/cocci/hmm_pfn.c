/* hmm_range_fault() output: test the entry, not its struct page. */
static bool direct(unsigned long hmm_pfn)
{
	return is_device_private_page(hmm_pfn_to_page(hmm_pfn));
}

static void through_page(struct xe *xe, struct hmm_range *range, int i)
{
	unsigned long hmm_pfn = range->hmm_pfns[i];
	struct page *page;

	page = hmm_pfn_to_page(hmm_pfn);
	xe_assert(xe, !is_device_private_page(page));
	use(page);
}

/* Must not touch: the page pointer moves in between (report mode names it). */
static unsigned long moved(struct hmm_range *range, unsigned long n)
{
	struct page *page;

	page = hmm_pfn_to_page(range->hmm_pfns[0]);
	page -= n;
	if (is_device_private_page(page))
		return 1;
	return 0;
}

/* Must not touch: a page that did not come from an hmm pfn. */
static bool other(struct page *page)
{
	return is_device_private_page(page);
}
