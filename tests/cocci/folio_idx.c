/* A page's number in its folio, by pointers rather than by pfns. */
static void split(struct folio *head, struct folio *tail, struct page *page)
{
	unsigned long offset = folio_pfn(tail) - folio_pfn(head);
	unsigned long n = page_to_pfn(page) - folio_pfn(head);

	use(offset, n);
}

/* Left alone: not two pfns of one folio. */
static unsigned long span(struct folio *a, unsigned long pfn)
{
	return pfn - folio_pfn(a);
}
