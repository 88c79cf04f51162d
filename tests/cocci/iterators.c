/*
 * Functions that use macros spatch cannot parse unless the script names
 * them as iterators: without that, spatch skips them, silently.
 */
static int validate(struct xe_device *xe, struct page *dpage, unsigned long *dst)
{
	int err = 0;

	xe_validation_guard(&vctx, &xe->val, &exec, (struct xe_val_flags) {}, err) {
		*dst = migrate_pfn(page_to_pfn(dpage));
		break;
	}
	return err;
}

static void lock_all(struct drm_exec *exec, struct page *dpage, unsigned long *dst)
{
	drm_exec_until_all_locked(exec) {
		*dst = migrate_pfn(page_to_pfn(dpage));
	}
}
