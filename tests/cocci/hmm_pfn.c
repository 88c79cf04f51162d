/* The device-private test of an hmm pfn reads the entry, not the page. */
static u64 direct(struct hmm_range *range)
{
	if (is_device_private_page(hmm_pfn_to_page(range->hmm_pfns[0])))
		return 1;
	return 0;
}

static bool in_loop(unsigned long *pfns, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		struct page *page = hmm_pfn_to_page(pfns[i]);

		if (is_device_private_page(page) || is_device_coherent_page(page))
			return true;
	}
	return false;
}

static bool by_value(unsigned long entry)
{
	struct page *page = hmm_pfn_to_page(entry);

	return is_device_private_page(page) && page_count(page);
}

static bool by_pointer(unsigned long *pfns)
{
	struct page *page = hmm_pfn_to_page(*pfns);

	return is_device_private_page(page);
}

static bool first_entry(unsigned long *pfns)
{
	struct page *page = hmm_pfn_to_page(pfns[0]);

	return is_device_private_page(page);
}

/*
 * Left alone (report mode names them): a page variable assigned rather
 * than declared with the page (another path may reach the test), ...
 */
static u64 assigned(unsigned long *pfns, int i)
{
	struct page *page;

	page = hmm_pfn_to_page(pfns[i]);
	if (is_device_private_page(page))
		return device_addr(page);
	return page_to_phys(page);
}

/* ... the entry, its index, its array or its pointer changing, ... */
static bool index_moves(unsigned long *pfns, unsigned long i)
{
	struct page *page = hmm_pfn_to_page(pfns[i]);

	i++;
	return is_device_private_page(page);
}

static bool pointer_moves(unsigned long *pfns)
{
	struct page *page = hmm_pfn_to_page(*pfns);

	pfns++;
	return is_device_private_page(page);
}

static bool side_effect(unsigned long *pfns)
{
	struct page *page = hmm_pfn_to_page(*pfns++);

	return is_device_private_page(page);
}

static bool entry_masked(unsigned long entry)
{
	struct page *page = hmm_pfn_to_page(entry);

	entry &= ~HMM_PFN_FLAGS;
	return is_device_private_page(page);
}

static bool array_written(unsigned long *pfns, int i, int j)
{
	struct page *page = hmm_pfn_to_page(pfns[i]);

	pfns[j] = 0;
	return is_device_private_page(page);
}

static bool array_refilled(unsigned long *pfns, int i)
{
	struct page *page = hmm_pfn_to_page(pfns[i]);

	refill(pfns);
	return is_device_private_page(page);
}

/* ... an entry that is not a variable's, ... */
static bool field_array(struct hmm_range *range)
{
	struct page *page = hmm_pfn_to_page(range->hmm_pfns[0]);

	return is_device_private_page(page);
}

/* ... and the page variable moving or escaping. */
static u64 moved(unsigned long *pfns, unsigned long delta)
{
	struct page *page = hmm_pfn_to_page(pfns[0]);

	page -= delta;
	if (is_device_private_page(page))
		return device_addr(page);
	return 0;
}

static bool escapes(unsigned long *pfns)
{
	struct page *page = hmm_pfn_to_page(pfns[0]);

	next_page(&page);
	return is_device_private_page(page);
}
