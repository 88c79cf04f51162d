/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Included by "make bench" into its copy of lib/test_hmm.c, before
 * dmirror_fops_unlocked_ioctl(): an ioctl that times hmm_range_fault()
 * alone, without the work test_hmm does with its output.
 *
 * HMM_DMIRROR_BENCH_FAULT: hmm_range_fault() over cmd->npages pages from
 * cmd->addr, without faulting, owner = this device, BENCH_CHUNK pages per
 * call, over the whole range ptr[3] times (cmd->ptr points to four u64).
 * Writes ptr[0..2]: nanoseconds spent inside hmm_range_fault(), pages
 * returned valid by the last pass, and of those the device-private pages of
 * this device (counted outside the timing).
 */
#include <linux/version.h>

#define HMM_DMIRROR_BENCH_FAULT	_IOWR('H', 0x40, struct hmm_dmirror_cmd)
/* struct page lost its pgmap field for page_pgmap() in 6.15. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
#define bench_page_pgmap(page)	page_pgmap(page)
#else
#define bench_page_pgmap(page)	((page)->pgmap)
#endif
#define BENCH_CHUNK		512

/* One pass over the range; counts what the last pass returned. */
static int dmirror_bench_pass(struct dmirror *dmirror, struct hmm_range *range,
			      unsigned long start, unsigned long end,
			      u64 *out, bool count)
{
	struct mm_struct *mm = dmirror->notifier.mm;
	unsigned long addr, i;
	int ret;

	for (addr = start; addr < end; addr = range->end) {
		u64 t0, t1;

		range->start = addr;
		range->end = min(addr + (BENCH_CHUNK << PAGE_SHIFT), end);
		do {
			range->notifier_seq = mmu_interval_read_begin(range->notifier);
			mmap_read_lock(mm);
			t0 = ktime_get_ns();
			ret = hmm_range_fault(range);
			t1 = ktime_get_ns();
			mmap_read_unlock(mm);
		} while (ret == -EBUSY);
		if (ret)
			return ret;
		out[0] += t1 - t0;
		for (i = 0; count && i < (range->end - addr) >> PAGE_SHIFT; i++) {
			unsigned long entry = range->hmm_pfns[i];
			struct page *page;

			if (!(entry & HMM_PFN_VALID))
				continue;
			out[1]++;
			page = hmm_pfn_to_page(entry);
			if (is_device_private_page(page) &&
			    bench_page_pgmap(page)->owner == dmirror->mdevice)
				out[2]++;
		}
	}
	return 0;
}

static int dmirror_bench_fault(struct dmirror *dmirror,
			       struct hmm_dmirror_cmd *cmd)
{
	struct mm_struct *mm = dmirror->notifier.mm;
	unsigned long start = cmd->addr;
	unsigned long end = start + (cmd->npages << PAGE_SHIFT);
	struct hmm_range range = {
		.notifier = &dmirror->notifier,
		.dev_private_owner = dmirror->mdevice,
	};
	u64 out[4], loop;
	int ret = 0;

	if (copy_from_user(out, u64_to_user_ptr(cmd->ptr), sizeof(out)))
		return -EFAULT;
	if (!out[3] || out[3] > 1000)
		return -EINVAL;
	out[0] = out[1] = out[2] = 0;

	range.hmm_pfns = kvmalloc_array(BENCH_CHUNK, sizeof(unsigned long),
					GFP_KERNEL);
	if (!range.hmm_pfns)
		return -ENOMEM;
	if (!mmget_not_zero(mm)) {
		kvfree(range.hmm_pfns);
		return -EINVAL;
	}
	for (loop = 0; loop < out[3] && !ret; loop++)
		ret = dmirror_bench_pass(dmirror, &range, start, end, out,
					 loop + 1 == out[3]);
	mmput(mm);
	kvfree(range.hmm_pfns);
	if (!ret && copy_to_user(u64_to_user_ptr(cmd->ptr), out, sizeof(out)))
		ret = -EFAULT;
	return ret;
}
