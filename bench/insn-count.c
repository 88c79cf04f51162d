// SPDX-License-Identifier: GPL-2.0
/*
 * insn-count: a QEMU TCG plugin for "make bench PROFILE=1".  Counts every
 * guest instruction executed, by the address of the translation block it
 * ran in: an exact profile, not a sample.
 *
 *	qemu-system-x86_64 -plugin bench/insn-count.so,out=FILE,mark=ADDR ...
 *
 * Each execution of the block at guest address ADDR is a mark: the first,
 * third, ... open an interval ("( N" in FILE), the others close it, and
 * the instructions executed since the open are written as
 *
 *	@ <interval number N, from 0>
 *	<block address, hex> <instructions, decimal>
 *	...
 *
 * hmm-bench makes a mark with getcpu(), which nothing else in the guest
 * calls (ADDR is __x64_sys_getcpu), before and after each timed operation,
 * and bench/report.py names the intervals, checks that every mark was
 * hmm-bench's, and symbolises the addresses.
 *
 * The counters are plain additions in the translated code: exact under
 * single-threaded TCG (what -icount runs, and what "make bench PROFILE=1"
 * uses), not under multi-threaded TCG.
 *
 * Built against QEMU's plugin API version 1 (QEMU 7.2, Debian 12), of
 * which it declares the six calls it uses: Debian ships no qemu-plugin.h.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The part of QEMU's plugin API (version 1) used here. */
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS };
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb));
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb,
		enum qemu_plugin_op op, void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *tb,
		void (*cb)(unsigned int vcpu, void *data),
		enum qemu_plugin_cb_flags flags, void *data);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
		void (*cb)(qemu_plugin_id_t id, void *data), void *data);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/*
 * One counter per block address, in an open-addressing table that only
 * grows: a block translated again (after a flush, or cut short by icount)
 * adds to the same counter.
 */
struct counter {
	uint64_t vaddr;
	uint64_t insns;
	uint64_t at_open;	/* insns when the interval opened */
};

static struct counter **table;
static size_t table_size, table_used;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *out;
static uint64_t mark_vaddr;
static unsigned long marks;

static size_t slot(struct counter **t, size_t size, uint64_t vaddr)
{
	size_t i = (vaddr * 0x9e3779b97f4a7c15ULL) >> 20 & (size - 1);

	while (t[i] && t[i]->vaddr != vaddr)
		i = (i + 1) & (size - 1);
	return i;
}

static void grow(void)
{
	size_t size = table_size ? table_size * 2 : 1 << 16;
	struct counter **t = calloc(size, sizeof(*t));

	if (!t) {
		fprintf(stderr, "insn-count: out of memory\n");
		abort();
	}
	for (size_t i = 0; i < table_size; i++)
		if (table[i])
			t[slot(t, size, table[i]->vaddr)] = table[i];
	free(table);
	table = t;
	table_size = size;
}

static struct counter *counter_of(uint64_t vaddr)
{
	struct counter *c;
	size_t i;

	pthread_mutex_lock(&lock);
	if (table_used * 2 >= table_size)
		grow();
	i = slot(table, table_size, vaddr);
	c = table[i];
	if (!c) {
		c = calloc(1, sizeof(*c));
		if (!c) {
			fprintf(stderr, "insn-count: out of memory\n");
			abort();
		}
		c->vaddr = vaddr;
		table[i] = c;
		table_used++;
	}
	pthread_mutex_unlock(&lock);
	return c;
}

static void mark(unsigned int vcpu, void *data)
{
	pthread_mutex_lock(&lock);
	if (!(marks & 1)) {
		for (size_t i = 0; i < table_size; i++)
			if (table[i])
				table[i]->at_open = table[i]->insns;
		fprintf(out, "( %lu\n", marks / 2);
	} else {
		fprintf(out, "@ %lu\n", marks / 2);
		for (size_t i = 0; i < table_size; i++) {
			struct counter *c = table[i];

			if (c && c->insns != c->at_open)
				fprintf(out, "%" PRIx64 " %" PRIu64 "\n",
					c->vaddr, c->insns - c->at_open);
		}
		fflush(out);
	}
	marks++;
	pthread_mutex_unlock(&lock);
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t vaddr = qemu_plugin_tb_vaddr(tb);
	struct counter *c = counter_of(vaddr);

	if (vaddr == mark_vaddr)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, mark,
						     QEMU_PLUGIN_CB_NO_REGS, NULL);
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64,
						 &c->insns,
						 qemu_plugin_tb_n_insns(tb));
}

static void at_exit(qemu_plugin_id_t id, void *data)
{
	fprintf(stderr, "insn-count: %lu marks, %zu blocks\n", marks, table_used);
	fclose(out);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
			int argc, char **argv)
{
	const char *path = NULL;

	for (int i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4))
			path = argv[i] + 4;
		else if (!strncmp(argv[i], "mark=", 5))
			mark_vaddr = strtoull(argv[i] + 5, NULL, 0);
	}
	if (!path || !mark_vaddr) {
		fprintf(stderr, "insn-count: needs out=FILE and mark=ADDRESS\n");
		return -1;
	}
	out = fopen(path, "w");
	if (!out) {
		perror(path);
		return -1;
	}
	grow();
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
