// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile with -DMISUSE: a pfn passed where a device-private
 * location (dpriv_t) is expected.  Without it, the typed call compiles.
 */
#include <linux/module.h>
#include <linux/swap.h>
#include <linux/swapops.h>

swp_entry_t pfn_for_dpriv(struct page *page);
swp_entry_t pfn_for_dpriv(struct page *page)
{
#ifdef MISUSE
	return make_writable_device_private_entry(page_to_pfn(page));
#else
	return make_writable_device_private_entry(page_to_dpriv(page));
#endif
}

MODULE_LICENSE("GPL");
