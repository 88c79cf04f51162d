// SPDX-License-Identifier: GPL-2.0
/*
 * Must not compile with -DMISUSE: a device-private location (dpriv_t)
 * used where a pfn is expected.  Without it, the typed call compiles.
 */
#include <linux/module.h>
#include <linux/migrate.h>

unsigned long dpriv_for_pfn(dpriv_t d);
unsigned long dpriv_for_pfn(dpriv_t d)
{
#ifdef MISUSE
	return migrate_pfn(d);
#else
	return page_to_migrate_pfn(dpriv_to_page(d));
#endif
}

MODULE_LICENSE("GPL");
