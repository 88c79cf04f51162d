/*
 * Macros spatch 1.1.1 cannot parse in the files device_private.cocci runs
 * on: the harness passes this file to spatch --parse-c, as the script
 * declares the same names ("iterator name").
 */
#define drm_exec_until_all_locked(exec) for (;;)
#define xe_validation_guard(_val, _valctx, _exec, _flags, _ret) for (;;)
