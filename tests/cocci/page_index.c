/*
 * What device_private.cocci made before dpriv_page_index() was there: the
 * index of a page by a lookup of its location.  In any file.
 */
static unsigned long dmem_page_addr(struct dmem_chunk *chunk, struct page *page)
{
	return chunk->bo_offset + (dpriv_index(page_to_dpriv(page)) << PAGE_SHIFT);
}

static void note_used(struct page *page, unsigned long *used_from)
{
	unsigned long i = dpriv_index(page_to_dpriv(page));

	if (i < *used_from)
		*used_from = i;
}

/* Must not touch: a location of unknown origin is looked up. */
static unsigned long index_of(unsigned long hmm_pfn)
{
	return dpriv_index(hmm_pfn_to_dpriv(hmm_pfn));
}
