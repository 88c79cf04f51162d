// SPDX-License-Identifier: GPL-2.0
/*
 * hmm-badinput: every test_hmm ioctl fed ranges and buffers it must refuse,
 * one result per (command, input); then a bounded run of random commands.
 * A guest program of the harness (scripts/build, product "torture"), not
 * part of the series.  Each bad input must get its error code; the console
 * check of the run catches any splat (a WARNING, a KASAN report) that a
 * return code cannot show.
 *
 * HMM_BADINPUT_RANDOM, HMM_BADINPUT_SECONDS (environment): random commands
 * to issue (default 2000), and for at most how long (default 60 s).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "test_hmm_uapi.h"

#define PAGE	4096UL
#define NPAGES	16UL

/*
 * What a command does with its range and buffer.  DESCRIBES: it reports
 * on the range (HMM_DMIRROR_SNAPSHOT: one byte per page, an error or no
 * access being a value) and does not fail on what it finds there.
 * MIRROR_ONLY: it looks at the mirror's own table, not at the process
 * (HMM_DMIRROR_CHECK_EXCLUSIVE: "nothing exclusive there" for any range).
 */
enum {
	WRITES_BUF = 1, READS_BUF = 2, NEEDS_WRITE = 4, DESCRIBES = 8,
	MIRROR_ONLY = 16,
};

FIXTURE(badinput) {
	int fd;
	char *area;	/* NPAGES read-write, then NPAGES read-only,
			 * NPAGES PROT_NONE, NPAGES unmapped and NPAGES
			 * PROT_NONE again, so that no later mapping lands in
			 * the hole */
	char *buf;	/* 2 * NPAGES, read-write (as much as any range
			 * that can succeed), then a PROT_NONE page */
	char *robuf;	/* one page, read-only */
};

FIXTURE_VARIANT(badinput) {
	unsigned long req;
	unsigned int uses;
};

FIXTURE_VARIANT_ADD(badinput, read) {
	.req = HMM_DMIRROR_READ, .uses = WRITES_BUF,
};
FIXTURE_VARIANT_ADD(badinput, read_unlocked) {
	.req = HMM_DMIRROR_READ_UNLOCKED, .uses = WRITES_BUF,
};
FIXTURE_VARIANT_ADD(badinput, write) {
	.req = HMM_DMIRROR_WRITE,
	.uses = READS_BUF | NEEDS_WRITE,
};
FIXTURE_VARIANT_ADD(badinput, migrate_to_dev) {
	.req = HMM_DMIRROR_MIGRATE_TO_DEV, .uses = WRITES_BUF,
};
FIXTURE_VARIANT_ADD(badinput, migrate_to_sys) {
	.req = HMM_DMIRROR_MIGRATE_TO_SYS, .uses = 0,
};
FIXTURE_VARIANT_ADD(badinput, snapshot) {
	.req = HMM_DMIRROR_SNAPSHOT, .uses = WRITES_BUF | DESCRIBES,
};
FIXTURE_VARIANT_ADD(badinput, exclusive) {
	.req = HMM_DMIRROR_EXCLUSIVE, .uses = NEEDS_WRITE,
};
FIXTURE_VARIANT_ADD(badinput, check_exclusive) {
	.req = HMM_DMIRROR_CHECK_EXCLUSIVE, .uses = MIRROR_ONLY,
};

FIXTURE_SETUP(badinput)
{
	self->fd = open("/dev/hmm_dmirror0", O_RDWR);
	ASSERT_GE(self->fd, 0);
	self->buf = mmap(NULL, (2 * NPAGES + 1) * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(self->buf, MAP_FAILED);
	memset(self->buf, 0, 2 * NPAGES * PAGE);
	ASSERT_EQ(mprotect(self->buf + 2 * NPAGES * PAGE, PAGE, PROT_NONE), 0);
	self->robuf = mmap(NULL, PAGE, PROT_READ,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(self->robuf, MAP_FAILED);
	self->area = mmap(NULL, 5 * NPAGES * PAGE, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(self->area, MAP_FAILED);
	memset(self->area, 0x5a, 2 * NPAGES * PAGE);
	ASSERT_EQ(mprotect(self->area + NPAGES * PAGE, NPAGES * PAGE,
			   PROT_READ), 0);
	ASSERT_EQ(mprotect(self->area + 2 * NPAGES * PAGE, NPAGES * PAGE,
			   PROT_NONE), 0);
	ASSERT_EQ(mprotect(self->area + 4 * NPAGES * PAGE, NPAGES * PAGE,
			   PROT_NONE), 0);
	ASSERT_EQ(munmap(self->area + 3 * NPAGES * PAGE, NPAGES * PAGE), 0);
}

FIXTURE_TEARDOWN(badinput)
{
	munmap(self->area, 5 * NPAGES * PAGE);
	munmap(self->buf, (2 * NPAGES + 1) * PAGE);
	munmap(self->robuf, PAGE);
	close(self->fd);
}

/* The command on (addr, npages, ptr): 0 or -errno. */
static int cmd(int fd, unsigned long req, uintptr_t addr, uint64_t npages,
	       uintptr_t ptr)
{
	struct hmm_dmirror_cmd c = {
		.addr = addr, .ptr = ptr, .npages = npages,
	};

	return ioctl(fd, req, &c) ? -errno : 0;
}

#define RW(self)	((uintptr_t)(self)->area)
#define RO(self)	((uintptr_t)(self)->area + NPAGES * PAGE)
#define NONE(self)	((uintptr_t)(self)->area + 2 * NPAGES * PAGE)
#define HOLE(self)	((uintptr_t)(self)->area + 3 * NPAGES * PAGE)
#define BUF(self)	((uintptr_t)(self)->buf)
/* The last page of the buffer, before its PROT_NONE guard page */
#define BUF_END(self)	((uintptr_t)(self)->buf + (2 * NPAGES - 1) * PAGE)

/* Skip a test of a buffer the command does not use. */
#define USES_BUF(mask) do {						\
	if (!(variant->uses & (mask)))					\
		SKIP(return, "this command has no buffer to get wrong");	\
} while (0)

/*
 * A range the command cannot use: refused with EFAULT or EINVAL; a
 * snapshot of it says so page by page; the exclusive check finds nothing.
 */
#define REFUSED(ret, npages) do {					\
	unsigned long _i;						\
	int _r;								\
									\
	memset(self->buf, 0xaa, (npages));				\
	_r = (ret);							\
									\
	if (variant->uses & DESCRIBES) {				\
		/* the buffer was 0xaa: every byte must be written */	\
		ASSERT_EQ(_r, 0);					\
		for (_i = 0; _i < (npages); _i++)			\
			ASSERT_TRUE((unsigned char)self->buf[_i] ==	\
				    HMM_DMIRROR_PROT_ERROR ||		\
				    self->buf[_i] == HMM_DMIRROR_PROT_NONE); \
	} else if (variant->uses & MIRROR_ONLY) {			\
		ASSERT_EQ(_r, 0);					\
	} else {							\
		ASSERT_TRUE(_r == -EFAULT || _r == -EINVAL);		\
	}								\
} while (0)

/* Every range a command must refuse with EINVAL before it looks at it. */
TEST_F(badinput, unaligned_start)
{
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self) + 8, 1, BUF(self)),
		  -EINVAL);
}

TEST_F(badinput, zero_pages)
{
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self), 0, BUF(self)),
		  -EINVAL);
}

TEST_F(badinput, range_wraps)
{
	/* npages whose size wraps around the address space */
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self),
		      -RW(self) / PAGE, BUF(self)), -EINVAL);
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self), ~0ULL, BUF(self)),
		  -EINVAL);
}

TEST_F(badinput, size_overflows)
{
	/*
	 * npages << PAGE_SHIFT overflows to one page: the command must not
	 * act on a truncated range.
	 */
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self),
		      (1ULL << (64 - 12)) + 1, BUF(self)), -EINVAL);
}

/* Ranges not (all) mapped, or not accessible */
TEST_F(badinput, unmapped)
{
	REFUSED(cmd(self->fd, variant->req, HOLE(self), NPAGES, BUF(self)),
		NPAGES);
}

TEST_F(badinput, runs_into_hole)
{
	/* the last PROT_NONE page and the first unmapped one */
	REFUSED(cmd(self->fd, variant->req, HOLE(self) - PAGE, 2, BUF(self)),
		2);
}

TEST_F(badinput, prot_none)
{
	REFUSED(cmd(self->fd, variant->req, NONE(self), NPAGES, BUF(self)),
		NPAGES);
}

TEST_F(badinput, read_only)
{
	int ret = cmd(self->fd, variant->req, RO(self), NPAGES, BUF(self));

	/* reading, snapshotting or migrating a read-only range is fine */
	if (variant->uses & NEEDS_WRITE) {
		ASSERT_NE(ret, 0);
	} else {
		ASSERT_EQ(ret, 0);
	}
}

TEST_F(badinput, kernel_address)
{
	REFUSED(cmd(self->fd, variant->req, 0xffff888000000000ULL, 1,
		    BUF(self)), 1);
	REFUSED(cmd(self->fd, variant->req, 0x0000800000000000ULL, 1,
		    BUF(self)), 1);
	REFUSED(cmd(self->fd, variant->req, 0, 1, BUF(self)), 1);
}

/* Buffers: none, unmapped, read-only, overlapping the range */
TEST_F(badinput, null_buffer)
{
	USES_BUF(WRITES_BUF | READS_BUF);
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self), NPAGES, 0), -EFAULT);
}

TEST_F(badinput, buffer_unmapped)
{
	USES_BUF(WRITES_BUF | READS_BUF);
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self), NPAGES, HOLE(self)),
		  -EFAULT);
}

TEST_F(badinput, buffer_read_only)
{
	USES_BUF(WRITES_BUF);
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self), 1,
		      (uintptr_t)self->robuf), -EFAULT);
}

TEST_F(badinput, buffer_too_short)
{
	/*
	 * A buffer whose first page is writable and the rest a guard page:
	 * the copy starts and must fail part way.  A snapshot writes a byte
	 * per page, so it needs more pages than a page has bytes to overrun.
	 */
	char *p;
	unsigned long n = variant->uses & DESCRIBES ? PAGE + 1 : NPAGES;

	USES_BUF(WRITES_BUF | READS_BUF);
	if (n > NPAGES) {
		p = mmap(NULL, n * PAGE, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		ASSERT_NE(p, MAP_FAILED);
		ASSERT_EQ(cmd(self->fd, variant->req, (uintptr_t)p, n,
			      BUF_END(self)), -EFAULT);
		munmap(p, n * PAGE);
		return;
	}
	ASSERT_EQ(cmd(self->fd, variant->req, RW(self), n, BUF_END(self)),
		  -EFAULT);
}

TEST_F(badinput, buffer_is_the_range)
{
	/*
	 * Defined, if odd: what is written to the buffer is the range's
	 * own data, so it must be the same afterwards (but for a snapshot,
	 * which writes what it finds, not the data).
	 */
	unsigned long i;

	cmd(self->fd, variant->req, RW(self), NPAGES, RW(self));
	if (variant->uses & DESCRIBES)
		return;
	for (i = 0; i < NPAGES * PAGE; i++)
		if (self->area[i] != 0x5a)
			break;
	ASSERT_EQ(i, NPAGES * PAGE);
}

TEST_F(badinput, freed_after_migration)
{
	char *p = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ASSERT_NE(p, MAP_FAILED);
	memset(p, 1, NPAGES * PAGE);
	ASSERT_EQ(cmd(self->fd, HMM_DMIRROR_MIGRATE_TO_DEV, (uintptr_t)p,
		      NPAGES, BUF(self)), 0);
	ASSERT_EQ(munmap(p, NPAGES * PAGE), 0);
	REFUSED(cmd(self->fd, variant->req, (uintptr_t)p, NPAGES, BUF(self)),
		NPAGES);
}

/* The ioctl itself: a bad argument pointer, an unknown command */
TEST_F(badinput, bad_argument_pointer)
{
	ASSERT_NE(ioctl(self->fd, variant->req, (void *)HOLE(self)), 0);
	ASSERT_EQ(errno, EFAULT);
	ASSERT_NE(ioctl(self->fd, variant->req, NULL), 0);
	ASSERT_EQ(errno, EFAULT);
}

TEST(unknown_command)
{
	static char page[PAGE] __attribute__((aligned(PAGE)));
	struct hmm_dmirror_cmd c = {
		.addr = (uintptr_t)page, .npages = 1, .ptr = (uintptr_t)page,
	};
	int fd = open("/dev/hmm_dmirror0", O_RDWR);

	ASSERT_GE(fd, 0);
	ASSERT_NE(ioctl(fd, _IOWR('H', 0x7f, struct hmm_dmirror_cmd), &c), 0);
	ASSERT_TRUE(errno == EINVAL || errno == ENOTTY);
	ASSERT_NE(ioctl(fd, _IOWR('X', 0x00, struct hmm_dmirror_cmd), &c), 0);
	ASSERT_TRUE(errno == EINVAL || errno == ENOTTY);
	close(fd);
}

/*
 * Random commands (a fixed seed) on addresses inside the fixture's area,
 * around it and nowhere, with random sizes and buffers: every one returns,
 * and the read-write part holds its data afterwards (no command may write
 * to memory it was not given: only HMM_DMIRROR_WRITE writes, and its
 * source is a zero buffer that the test never hands it as the range).
 */
TEST_F_TIMEOUT(badinput, random_commands, 900)
{
	static const unsigned long reqs[] = {
		HMM_DMIRROR_READ, HMM_DMIRROR_MIGRATE_TO_DEV,
		HMM_DMIRROR_MIGRATE_TO_SYS, HMM_DMIRROR_SNAPSHOT,
		HMM_DMIRROR_EXCLUSIVE, HMM_DMIRROR_CHECK_EXCLUSIVE,
		HMM_DMIRROR_READ_UNLOCKED, HMM_DMIRROR_WRITE,
	};
	const char *env = getenv("HMM_BADINPUT_RANDOM");
	const char *tenv = getenv("HMM_BADINPUT_SECONDS");
	unsigned long n = env ? strtoul(env, NULL, 0) : 2000, i, j, ok = 0;
	time_t stop = time(NULL) + (tenv ? strtoul(tenv, NULL, 0) : 60);
	uint64_t s = 88172645463325252ULL;
	char *scratch;

	/* only one variant runs the random commands */
	if (variant->req != HMM_DMIRROR_READ)
		SKIP(return, "the read variant runs them");
	scratch = mmap(NULL, NPAGES * PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(scratch, MAP_FAILED);
	for (i = 0; i < n && time(NULL) < stop; i++) {
		uintptr_t addr, ptr;
		uint64_t npages;
		unsigned long req;

		s ^= s << 13, s ^= s >> 7, s ^= s << 17;
		req = reqs[s % 8];
		/* the range: in the area but its read-write part, or wild */
		switch ((s >> 8) % 6) {
		case 0:
			addr = RO(self) + ((s >> 16) % (3 * NPAGES)) * PAGE;
			break;
		case 1:
			addr = (uintptr_t)scratch + ((s >> 16) % NPAGES) * PAGE;
			break;
		case 2:
			addr = (s >> 12) << 12;
			break;
		case 3:
			addr = RO(self) + ((s >> 16) % (3 * NPAGES * PAGE));
			break;
		case 4:
			addr = 0xffff800000000000ULL + ((s >> 20) << 12);
			break;
		default:
			addr = RW(self) + ((s >> 16) % NPAGES) * PAGE;
			/* HMM_DMIRROR_WRITE would write zeros into it */
			if (req == HMM_DMIRROR_WRITE)
				req = HMM_DMIRROR_READ;
			break;
		}
		switch ((s >> 40) % 4) {
		case 0:
			npages = 1 + (s >> 44) % (2 * NPAGES);
			break;
		case 1:
			npages = s;
			break;
		case 2:
			npages = (1ULL << ((s >> 44) % 64)) + (s >> 60);
			break;
		default:
			npages = 0;
			break;
		}
		/* the buffer: big enough, too short, read-only or wild */
		switch ((s >> 50) % 4) {
		case 0:
			ptr = BUF(self);
			break;
		case 1:
			ptr = BUF_END(self);
			break;
		case 2:
			ptr = (uintptr_t)self->robuf;
			break;
		default:
			ptr = s;
			break;
		}
		if (!cmd(self->fd, req, addr, npages, ptr))
			ok++;
	}
	for (j = 0; j < NPAGES * PAGE; j++)
		if (self->area[j] != 0x5a)
			break;
	ASSERT_EQ(j, NPAGES * PAGE);
	TH_LOG("%lu random commands, %lu succeeded", i, ok);
	munmap(scratch, NPAGES * PAGE);
}

TEST_HARNESS_MAIN
