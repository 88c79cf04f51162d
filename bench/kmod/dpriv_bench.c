// SPDX-License-Identifier: GPL-2.0
/*
 * dpriv_bench: register and unregister device-private memory on request,
 * for "make bench" to time registration and count the host memory it takes.
 *
 * Writing N to /sys/kernel/debug/dpriv_bench registers N MiB of
 * device-private memory in one dev_pagemap; writing 0 unregisters it.  The
 * write returns when the work is done, so the caller times it; a failed
 * registration is returned as the write's error.
 *
 * On the base this is what drivers do today: request_free_mem_region()
 * then memremap_pages().  With the series it is
 * memremap_device_private_pages().
 */
#include <linux/debugfs.h>
#include <linux/ioport.h>
#include <linux/kernel.h>
#include <linux/memremap.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/version.h>

static DEFINE_MUTEX(bench_lock);
static struct dev_pagemap *bench_pgmap;
static struct dentry *bench_file;
static int bench_owner;

/* dev_pagemap_ops took a page before 6.19, a folio since. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 19, 0)
static void bench_page_free(struct folio *folio)
{
}
#define BENCH_FREE_OP	.folio_free
#else
static void bench_page_free(struct page *page)
{
}
#define BENCH_FREE_OP	.page_free
#endif

static vm_fault_t bench_migrate_to_ram(struct vm_fault *vmf)
{
	return VM_FAULT_SIGBUS;	/* nothing is ever migrated to this memory */
}

static const struct dev_pagemap_ops bench_ops = {
	BENCH_FREE_OP = bench_page_free,
	.migrate_to_ram = bench_migrate_to_ram,
};

static void bench_unregister(void)
{
	struct dev_pagemap *pgmap = bench_pgmap;

	if (!pgmap)
		return;
#ifdef DPRIV_BENCH_BY_SIZE
	memunmap_device_private_pages(pgmap);
#else
	memunmap_pages(pgmap);
	release_mem_region(pgmap->range.start, range_len(&pgmap->range));
#endif
	kfree(pgmap);
	bench_pgmap = NULL;
}

static int bench_register(unsigned long mib)
{
	unsigned long size = mib << 20;
	struct dev_pagemap *pgmap;
	int ret = 0;

	if (!mib || size >> 20 != mib)
		return -EINVAL;
	pgmap = kzalloc(sizeof(*pgmap), GFP_KERNEL);
	if (!pgmap)
		return -ENOMEM;
	pgmap->type = MEMORY_DEVICE_PRIVATE;
	pgmap->ops = &bench_ops;
	pgmap->owner = &bench_owner;
#ifdef DPRIV_BENCH_BY_SIZE
	ret = memremap_device_private_pages(pgmap, size >> PAGE_SHIFT,
					    NUMA_NO_NODE);
#else
	{
		struct resource *res;
		void *addr;

		res = request_free_mem_region(&iomem_resource, size,
					      "dpriv_bench");
		if (IS_ERR(res)) {
			ret = PTR_ERR(res);
		} else {
			pgmap->range.start = res->start;
			pgmap->range.end = res->end;
			pgmap->nr_range = 1;
			addr = memremap_pages(pgmap, NUMA_NO_NODE);
			if (IS_ERR(addr)) {
				ret = PTR_ERR(addr);
				release_mem_region(res->start, resource_size(res));
			}
		}
	}
#endif
	if (ret) {
		kfree(pgmap);
		return ret;
	}
	bench_pgmap = pgmap;
	return 0;
}

static ssize_t bench_write(struct file *file, const char __user *buf,
			   size_t count, loff_t *ppos)
{
	unsigned long mib;
	int ret;

	ret = kstrtoul_from_user(buf, count, 0, &mib);
	if (ret)
		return ret;
	mutex_lock(&bench_lock);
	if (!mib) {
		bench_unregister();
	} else if (bench_pgmap) {
		ret = -EBUSY;
	} else {
		ret = bench_register(mib);
	}
	mutex_unlock(&bench_lock);
	return ret ? ret : count;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.write = bench_write,
};

static int __init dpriv_bench_init(void)
{
	bench_file = debugfs_create_file("dpriv_bench", 0200, NULL, NULL,
					 &bench_fops);
	return IS_ERR(bench_file) ? PTR_ERR(bench_file) : 0;
}

static void __exit dpriv_bench_exit(void)
{
	debugfs_remove(bench_file);
	mutex_lock(&bench_lock);
	bench_unregister();
	mutex_unlock(&bench_lock);
}

module_init(dpriv_bench_init);
module_exit(dpriv_bench_exit);
MODULE_DESCRIPTION("Time the registration of device-private memory");
MODULE_LICENSE("GPL");
