/*
 * report mode in a file that registers no dev_pagemap: it cannot tell the
 * kind of one, so every use of a range is named.
 */
static u64 vram_addr(struct adev *bo_adev, unsigned long *hmm_pfns, int i)
{
	return (hmm_pfns[i] << PAGE_SHIFT) + bo_adev->vram_base_offset -
	       bo_adev->kfd.pgmap.range.start;
}
