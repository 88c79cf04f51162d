/* The device-private test of an hmm pfn reads the entry, not the page. */
static u64 entry_addr(struct hmm_range *range, unsigned long *pfns, int i)
{
	struct page *page;

	if (is_device_private_page(hmm_pfn_to_page(range->hmm_pfns[0])))
		return 1;
	page = hmm_pfn_to_page(pfns[i]);
	if (is_device_private_page(page) || is_device_coherent_page(page))
		return device_addr(page);
	return page_to_phys(page);
}

static bool in_loop(unsigned long *pfns, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct page *page = hmm_pfn_to_page(pfns[i]);

		if (is_device_private_page(page))
			return true;
	}
	return false;
}

/* Left alone: the page pointer moves in between (report mode names it). */
static u64 moved(struct hmm_range *range, unsigned long delta)
{
	struct page *page = hmm_pfn_to_page(range->hmm_pfns[0]);

	page -= delta;
	if (is_device_private_page(page))
		return device_addr(page);
	return 0;
}

/* Left alone: the entry the page came from changes in between. */
static bool index_moves(unsigned long *pfns, unsigned long i)
{
	struct page *page = hmm_pfn_to_page(pfns[i]);

	i++;
	return is_device_private_page(page);
}

static bool pointer_moves(unsigned long *pfns)
{
	struct page *page;

	page = hmm_pfn_to_page(*pfns);
	pfns++;
	return is_device_private_page(page);
}

/* Left alone: the page variable's address escapes. */
static bool escapes(unsigned long *pfns)
{
	struct page *page = hmm_pfn_to_page(pfns[0]);

	next_page(&page);
	return is_device_private_page(page);
}
