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
 *
 * Where test_hmm has peer access (HMM_DMIRROR_P2P_READ, series 4-p2p):
 *
 * HMM_DMIRROR_BENCH_FAULT_PEER: the same, with the device's DMA engine as
 * the client (range->p2p_client), so that a peer's device-private pages
 * the engine reaches come back in place; they count in ptr[2] too.
 *
 * HMM_DMIRROR_BENCH_ACCESS: make cmd->npages pages from cmd->addr usable
 * by the device's engine, once, BENCH_CHUNK pages per call: with ptr[3] ==
 * 1 in place (hmm_range_fault() faulting, with the engine as the client,
 * then dpriv_p2p_map() and dpriv_p2p_unmap() of each peer page), with
 * ptr[3] == 0 by migration (hmm_range_fault() faulting without a client,
 * which migrates a peer's pages to system memory).  Neither reads the
 * data: the engine would read as many bytes either way.  Writes ptr[0..2]:
 * nanoseconds, pages, pages used in place.
 */
#include <linux/version.h>

#define HMM_DMIRROR_BENCH_FAULT	_IOWR('H', 0x40, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_BENCH_FAULT_PEER	_IOWR('H', 0x41, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_BENCH_ACCESS	_IOWR('H', 0x42, struct hmm_dmirror_cmd)
/* struct page lost its pgmap field for page_pgmap() in 6.15. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 15, 0)
#define bench_page_pgmap(page)	page_pgmap(page)
#else
#define bench_page_pgmap(page)	((page)->pgmap)
#endif
#define BENCH_CHUNK		512

#ifdef HMM_DMIRROR_P2P_READ
#define bench_range_peer(range)	((range)->p2p_client)
#else
#define bench_range_peer(range)	false
#endif

/* The pfn array of a range of BENCH_CHUNK pages, and a reference on @mm. */
static int dmirror_bench_begin(struct mm_struct *mm, struct hmm_range *range)
{
	range->hmm_pfns = kvcalloc(BENCH_CHUNK, sizeof(unsigned long),
				   GFP_KERNEL);
	if (!range->hmm_pfns)
		return -ENOMEM;
	if (!mmget_not_zero(mm)) {
		kvfree(range->hmm_pfns);
		range->hmm_pfns = NULL;
		return -EINVAL;
	}
	return 0;
}

#ifdef HMM_DMIRROR_P2P_READ
/*
 * Device 1's first engine, held against its removal until the put: for a
 * whole bench run (up to 1000 passes), which a removal waits for.
 */
static struct dmirror_edu *dmirror_bench_engine(void)
{
	struct dmirror_edu *edu;

	down_read(&dmirror_edu_rwsem);
	edu = dmirror_devices[1].edu[0];
	if (!edu)
		up_read(&dmirror_edu_rwsem);
	return edu;
}

static void dmirror_bench_engine_put(void)
{
	up_read(&dmirror_edu_rwsem);
}
#else
static void dmirror_bench_engine_put(void)
{
}
#endif

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
			if (!is_device_private_page(page))
				continue;
			if (bench_page_pgmap(page)->owner == dmirror->mdevice ||
			    bench_range_peer(range))
				out[2]++;
		}
	}
	return 0;
}

static int dmirror_bench_fault(struct dmirror *dmirror,
			       struct hmm_dmirror_cmd *cmd, bool peer)
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

	if (peer) {
#ifdef HMM_DMIRROR_P2P_READ
		struct dmirror_edu *edu = dmirror_bench_engine();

		if (!edu)
			return -ENODEV;
		range.p2p_client = &edu->client;
#else
		return -EINVAL;
#endif
	}
	ret = dmirror_bench_begin(mm, &range);
	for (loop = 0; loop < out[3] && !ret; loop++)
		ret = dmirror_bench_pass(dmirror, &range, start, end, out,
					 loop + 1 == out[3]);
	if (range.hmm_pfns) {
		mmput(mm);
		kvfree(range.hmm_pfns);
	}
	if (peer)
		dmirror_bench_engine_put();
	if (!ret && copy_to_user(u64_to_user_ptr(cmd->ptr), out, sizeof(out)))
		ret = -EFAULT;
	return ret;
}

#ifdef HMM_DMIRROR_P2P_READ
static int dmirror_bench_access(struct dmirror *dmirror,
				struct hmm_dmirror_cmd *cmd)
{
	struct dmirror_edu *edu;
	struct mm_struct *mm = dmirror->notifier.mm;
	unsigned long start = cmd->addr;
	unsigned long end = start + (cmd->npages << PAGE_SHIFT);
	struct hmm_range range = {
		.notifier = &dmirror->notifier,
		.default_flags = HMM_PFN_REQ_FAULT,
		.dev_private_owner = dmirror->mdevice,
	};
	unsigned long addr, i;
	u64 out[4];
	int ret = 0;

	if (copy_from_user(out, u64_to_user_ptr(cmd->ptr), sizeof(out)))
		return -EFAULT;
	if (out[3] > 1)
		return -EINVAL;
	edu = dmirror_bench_engine();
	if (!edu)
		return -ENODEV;
	if (out[3])
		range.p2p_client = &edu->client;
	out[0] = out[1] = out[2] = 0;

	ret = dmirror_bench_begin(mm, &range);
	if (ret) {
		dmirror_bench_engine_put();
		return ret;
	}
	for (addr = start; addr < end && !ret; addr = range.end) {
		u64 t0 = ktime_get_ns();

		range.start = addr;
		range.end = min(addr + (BENCH_CHUNK << PAGE_SHIFT), end);
		ret = dmirror_range_fault_lock(dmirror, &range);
		if (ret)
			break;
		for (i = 0; i < (range.end - addr) >> PAGE_SHIFT && !ret; i++) {
			struct page *page = hmm_pfn_to_page(range.hmm_pfns[i]);
			struct dpriv_p2p_map map;

			out[1]++;
			if (!is_device_private_page(page) ||
			    page_pgmap(page)->owner == dmirror->mdevice)
				continue;
			ret = dpriv_p2p_map(&edu->client, page_to_dpriv(page), 1,
					    DMA_TO_DEVICE, &map);
			if (!ret)
				dpriv_p2p_unmap(&edu->client, &map);
			out[2]++;
		}
		mutex_unlock(&dmirror->mutex);
		out[0] += ktime_get_ns() - t0;
	}
	mmput(mm);
	kvfree(range.hmm_pfns);
	dmirror_bench_engine_put();
	if (!ret && copy_to_user(u64_to_user_ptr(cmd->ptr), out, sizeof(out)))
		ret = -EFAULT;
	return ret;
}
#else
static int dmirror_bench_access(struct dmirror *dmirror,
				struct hmm_dmirror_cmd *cmd)
{
	return -EINVAL;
}
#endif
