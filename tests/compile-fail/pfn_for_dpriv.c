// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile with -DMISUSE: a pfn passed where a device-private
 * location (dpriv_t) is expected.  Without it, the typed call compiles.
 */
#include <linux/module.h>
#include <linux/device_private.h>

struct page *pfn_for_dpriv(struct page *page);
struct page *pfn_for_dpriv(struct page *page)
{
#ifdef MISUSE
	return dpriv_to_page(page_to_pfn(page));
#else
	return dpriv_to_page(page_to_dpriv(page));
#endif
}

MODULE_LICENSE("GPL");
