// SPDX-License-Identifier: GPL-2.0
/*
 * hmm-torture: test_hmm under injected allocation failures, under
 * concurrency, and across its own unload.  A guest program of the harness
 * (scripts/build, product "torture"), not part of the series.
 *
 *   hmm-torture faults [-n FAILURES] [-t SECONDS] [-s SEED]
 *	Rounds of migrations to both devices and back, device reads,
 *	snapshots, CPU reads and writes, munmap, fork with COW and the
 *	release of a device's memory (its chunks dropped, re-added by the
 *	next migration), each with failslab and fail_page_alloc failing
 *	this process's allocations (make-it-fail) at a random rate, until
 *	FAILURES failures were injected.  Every call must succeed or fail
 *	with an error that says "no memory" (ENOMEM, EFAULT for a copy to
 *	user space, EBUSY/EAGAIN for a page it could not take, ENOENT for a
 *	migration to a device that did not move every page).  A CPU fault
 *	on a device page whose migration back fails is retried by the
 *	kernel (VM_FAULT_OOM); one killed by SIGBUS (test_hmm's handler when
 *	migrate_vma_setup() fails) is counted and retried without injection.
 *	After every operation a device reads the whole region back (without
 *	injection; pages on that device stay there) and it must be what was
 *	written; at the end of each round, and after one operation in four,
 *	the CPU reads it too.  A last round without injection migrates the
 *	whole region to each device and back: the devices' memory is still
 *	usable.
 *
 *   hmm-torture stress [-t SECONDS] [-s SEED] [-r ROUND_SECONDS] [-R]
 *	Threads at the same time: two migrate ranges to device 0, device 1
 *	and back; one snapshots and reads through a device; with -R, one
 *	releases a device's memory (test_hmm's HMM_DMIRROR_RELEASE evicts
 *	and drops its chunks while the others migrate); one reads from the
 *	CPU; and per slot of the region,
 *	one owner that writes, munmaps and maps again, mremaps away and
 *	back, MADV_DONTNEEDs and forks (the child checks and writes its COW
 *	copy).  What others see in a slot is checked as they go (every
 *	word names its own address); at the end of every round all threads
 *	stop and every page is checked against its owner's last write.
 *
 *   hmm-torture hold CMD [ARG...]
 *	Migrates a region into both devices, closes them, runs CMD (rmmod
 *	test_hmm: the module's unload must evict the pages) and checks the
 *	data after it.
 *
 * Output is TAP; "# " lines give the figures (the README's table).
 * Exit status 0 when everything held.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test_hmm_uapi.h"

#define PAGE		4096UL
#define WORDS		(PAGE / sizeof(uint64_t))
#define FI		"/sys/kernel/debug/"

static int tests, failed;

static void tap(bool ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++tests);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	if (!ok)
		failed++;
}

static void __attribute__((noreturn)) bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (errno %d: %s)\n", errno, strerror(errno));
	exit(1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* xorshift64*, one state per thread: runs are repeatable by seed. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static unsigned long rndn(uint64_t *s, unsigned long n)
{
	return rnd(s) % n;
}

static int dev_open(int unit)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/hmm_dmirror%d", unit);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		bail("open %s", path);
	return fd;
}

/* One test_hmm command; returns 0 or -errno, cmd->cpages in *cpages. */
static int dmirror(int fd, unsigned long req, void *addr, void *buf,
		   unsigned long npages, uint64_t *cpages)
{
	struct hmm_dmirror_cmd cmd = {
		.addr = (uintptr_t)addr,
		.ptr = (uintptr_t)buf,
		.npages = npages,
	};

	if (ioctl(fd, req, &cmd))
		return -errno;
	if (cpages)
		*cpages = cmd.cpages;
	return 0;
}

/*
 * A page's contents: word w of the page at index p in generation g.  The
 * low 32 bits name the page and word, so that any reader can check that
 * what it sees belongs where it sees it, whatever the generation.
 */
static uint64_t word(uint64_t g, unsigned long p, unsigned long w)
{
	return g << 32 | (uint32_t)(p * WORDS + w);
}

static void fill(uint64_t *page, uint64_t g, unsigned long p)
{
	unsigned long w;

	for (w = 0; w < WORDS; w++)
		page[w] = word(g, p, w);
}

/* Page @p's contents as expected; returns the first wrong word or -1. */
static long check_page(const uint64_t *page, uint64_t g, unsigned long p)
{
	unsigned long w;

	for (w = 0; w < WORDS; w++)
		if (page[w] != word(g, p, w))
			return w;
	return -1;
}

/*
 * Page @p of some generation, or all zero (after MADV_DONTNEED).  A copy
 * taken while its owner writes it (!@whole) may mix generations and zeros,
 * but no word may belong to another address.
 */
static bool plausible(const uint64_t *page, unsigned long p, bool whole)
{
	unsigned long w;

	if (!whole) {
		for (w = 0; w < WORDS; w++)
			if (page[w] && (uint32_t)page[w] != (uint32_t)(p * WORDS + w))
				return false;
		return true;
	}
	if (!page[0]) {
		for (w = 0; w < WORDS; w++)
			if (page[w])
				return false;
		return true;
	}
	for (w = 0; w < WORDS; w++)
		if ((uint32_t)page[w] != (uint32_t)(p * WORDS + w) ||
		    (page[w] >> 32) != (page[0] >> 32))
			return false;
	return true;
}

static void *map_region(unsigned long npages)
{
	/* 2 MiB aligned, so that THP-backed halves are whole folios. */
	unsigned long align = 2UL << 20, len = npages * PAGE;
	char *p = mmap(NULL, len + align, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	if (p == MAP_FAILED)
		bail("mmap %lu pages", npages);
	a = (char *)(((uintptr_t)p + align - 1) & ~(align - 1));
	if (a > p)
		munmap(p, a - p);
	munmap(a + len, p + align - a);
	return a;
}

/* ---- faults ---------------------------------------------------------- */

static int mif_fd = -1;
static sigjmp_buf bus_jmp;
static volatile sig_atomic_t bus_armed;
static unsigned long sigbus;

static void on_sigbus(int sig)
{
	if (!bus_armed)
		_exit(3);
	sigbus++;
	siglongjmp(bus_jmp, 1);
}

/* This thread's make-it-fail; a write can itself fail under injection. */
static void inject(bool on)
{
	char c = on ? '1' : '0';

	while (pwrite(mif_fd, &c, 1, 0) != 1)
		if (errno != ENOMEM && errno != EINTR)
			bail("make-it-fail");
}

/*
 * A forked child's own make-it-fail off (it inherits its parent's).  Until
 * it is, any step may fail for an injected failure, with whatever error the
 * path makes of it: try again, a bounded number of times, and say why if it
 * never works.
 */
static void child_inject_off(void)
{
	int fd = -1, tries;

	for (tries = 0; tries < 10000; tries++) {
		if (fd < 0)
			fd = open("/proc/thread-self/make-it-fail", O_WRONLY);
		if (fd >= 0 && write(fd, "0", 1) == 1) {
			close(fd);
			return;
		}
	}
	printf("# forked child: make-it-fail stays on: %s\n", strerror(errno));
	fflush(stdout);
	_exit(4);
}

static void fi_write(const char *file, const char *val)
{
	char path[128];
	int fd;

	snprintf(path, sizeof(path), FI "%s", file);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, val, strlen(val)) != (ssize_t)strlen(val))
		bail("%s <- %s", path, val);
	close(fd);
}

static long fi_read(const char *file)
{
	char path[128], buf[32] = "";
	int fd;

	snprintf(path, sizeof(path), FI "%s", file);
	fd = open(path, O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
		bail("%s", path);
	close(fd);
	return strtol(buf, NULL, 10);
}

#define FI_TIMES	1000000000L

static void fi_setup(void)
{
	static const char *const attr[] = {
		"failslab", "fail_page_alloc",
	};
	char f[96];
	int i;

	for (i = 0; i < 2; i++) {
		snprintf(f, sizeof(f), "%s/task-filter", attr[i]);
		fi_write(f, "Y");
		snprintf(f, sizeof(f), "%s/verbose", attr[i]);
		fi_write(f, "0");
		snprintf(f, sizeof(f), "%s/interval", attr[i]);
		fi_write(f, "1");
		snprintf(f, sizeof(f), "%s/times", attr[i]);
		snprintf(f + 64, 32, "%ld", FI_TIMES);
		fi_write(f, f + 64);
		snprintf(f, sizeof(f), "%s/ignore-gfp-wait", attr[i]);
		fi_write(f, "N");
	}
	fi_write("fail_page_alloc/ignore-gfp-highmem", "N");
	fi_write("fail_page_alloc/min-order", "0");
}

static void fi_rate(unsigned int percent)
{
	char v[16];

	snprintf(v, sizeof(v), "%u", percent);
	fi_write("failslab/probability", v);
	fi_write("fail_page_alloc/probability", v);
}

static long fi_injected(const char *attr)
{
	char f[64];

	snprintf(f, sizeof(f), "%s/times", attr);
	return FI_TIMES - fi_read(f);
}

struct fstats {
	unsigned long ops, errors, unexpected, mismatches, cpu_retries;
};

/*
 * ENOENT: a migration to a device that could not move every page (test_hmm
 * reads back what it moved, and a page that stayed is not in its mirror).
 */
static bool expected_errno(int err, unsigned int op)
{
	return err == -ENOMEM || err == -EFAULT || err == -EBUSY ||
	       err == -EAGAIN || err == -EINTR ||
	       (err == -ENOENT && op <= 1);
}

static const char *const op_names[] = {
	"migrate to device 0", "migrate to device 1", "migrate to system",
	"device read", "snapshot", "CPU write", "CPU read", "munmap",
	"fork", "release",
};
#define NOPS (sizeof(op_names) / sizeof(op_names[0]))

/*
 * CPU access to page @p under injection: a SIGBUS (test_hmm could not
 * allocate the page to migrate back to) is retried without it.
 */
static bool cpu_page(uint64_t *page, uint64_t *gen, unsigned long p,
		     bool write, struct fstats *st)
{
	volatile int tries = 0;
	volatile bool ok = true;

	bus_armed = 1;
	if (sigsetjmp(bus_jmp, 1)) {
		inject(false);
		/* without injection, a SIGBUS is a failure */
		if (++tries > 1) {
			bus_armed = 0;
			printf("# SIGBUS on page %lu without injected failures\n", p);
			return false;
		}
		st->cpu_retries++;
	} else {
		inject(true);
	}
	if (write) {
		fill(page, gen[p] + 1, p);
		gen[p]++;
	} else {
		ok = check_page(page, gen[p], p) < 0;
	}
	inject(false);
	bus_armed = 0;
	return ok;
}

static int faults(long want, double secs, uint64_t seed)
{
	const unsigned long npages = 1024;
	unsigned long opcount[NOPS] = { 0 };
	long slab, page, total = 0;
	uint64_t *gen, *buf, cp = 0, s = seed;
	struct fstats st = { 0 };
	double t0 = now();
	unsigned long round = 0, p, i;
	char *r = NULL;
	int fd[2], err;
	bool ok;

	fd[0] = dev_open(0);
	fd[1] = dev_open(1);
	mif_fd = open("/proc/thread-self/make-it-fail", O_WRONLY | O_CLOEXEC);
	if (mif_fd < 0)
		bail("/proc/thread-self/make-it-fail");
	signal(SIGBUS, on_sigbus);
	fi_setup();
	gen = calloc(npages, sizeof(*gen));
	buf = malloc(npages * PAGE);
	if (!gen || !buf)
		bail("malloc");
	memset(buf, 0, npages * PAGE);

	while (total < want && now() - t0 < secs) {
		round++;
		r = map_region(npages);
		if (rnd(&s) & 1)
			madvise(r, npages * PAGE, MADV_HUGEPAGE);
		for (p = 0; p < npages; p++) {
			gen[p] = round << 8;
			fill((uint64_t *)(r + p * PAGE), gen[p], p);
		}
		for (i = 0; i < 16; i++) {
			unsigned int op = rndn(&s, NOPS);
			unsigned long first = rndn(&s, npages);
			unsigned long n = 1 + rndn(&s, npages - first);
			static const unsigned int rates[] = { 1, 3, 10, 30 };
			char *a = r + first * PAGE;
			pid_t pid;
			int status;

			/* release drops all of a device's memory: rarely */
			if (op == NOPS - 1 && rndn(&s, 4))
				op = rndn(&s, NOPS - 1);
			fi_rate(rates[rndn(&s, 4)]);
			st.ops++;
			opcount[op]++;
			err = 0;
			switch (op) {
			case 0:
			case 1:
			case 2:
				inject(true);
				err = dmirror(fd[op == 2 ? rnd(&s) & 1 : op], op == 2 ?
					      HMM_DMIRROR_MIGRATE_TO_SYS :
					      HMM_DMIRROR_MIGRATE_TO_DEV,
					      a, buf, n, &cp);
				inject(false);
				break;
			case 3:
				inject(true);
				err = dmirror(fd[rnd(&s) & 1], HMM_DMIRROR_READ,
					      a, buf, n, &cp);
				inject(false);
				for (p = 0; !err && p < n; p++) {
					if (check_page(buf + p * WORDS,
						       gen[first + p],
						       first + p) >= 0) {
						st.mismatches++;
						printf("# round %lu: device read of page %lu: wrong data\n",
						       round, first + p);
						break;
					}
				}
				break;
			case 4:
				inject(true);
				err = dmirror(fd[rnd(&s) & 1],
					      HMM_DMIRROR_SNAPSHOT, a, buf, n,
					      &cp);
				inject(false);
				break;
			case 5:
			case 6:
				for (p = first; p < first + n; p++) {
					if (cpu_page((uint64_t *)(r + p * PAGE),
						     gen, p, op == 5, &st))
						continue;
					st.mismatches++;
					printf("# round %lu: CPU read of page %lu: wrong data\n",
					       round, p);
					break;
				}
				break;
			case 7:
				/* splitting the VMA may fail; then nothing changed */
				inject(true);
				err = munmap(a, n * PAGE) ? -errno : 0;
				inject(false);
				if (err)
					break;
				if (mmap(a, n * PAGE, PROT_READ | PROT_WRITE,
					 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
					 -1, 0) != a)
					bail("mmap again");
				for (p = first; p < first + n; p++) {
					gen[p]++;
					fill((uint64_t *)(r + p * PAGE), gen[p], p);
				}
				break;
			case 8:
				inject(true);
				pid = fork();
				if (!pid) {
					child_inject_off();
					for (p = 0; p < npages; p++)
						if (check_page((uint64_t *)(r + p * PAGE),
							       gen[p], p) >= 0)
							_exit(1);
					/* the COW copy is the child's */
					for (p = first; p < first + n; p++)
						fill((uint64_t *)(r + p * PAGE),
						     ~0ULL >> 32, p);
					_exit(0);
				}
				err = pid < 0 ? -errno : 0;
				inject(false);
				if (pid > 0 &&
				    (waitpid(pid, &status, 0) != pid ||
				     !WIFEXITED(status) || WEXITSTATUS(status))) {
					st.mismatches++;
					printf("# round %lu: the forked child saw wrong data (status %#x)\n",
					       round, status);
				}
				break;
			case 9:
				inject(true);
				err = dmirror(fd[rnd(&s) & 1], HMM_DMIRROR_RELEASE,
					      r, buf, 1, NULL);
				inject(false);
				break;
			}
			if (err) {
				st.errors++;
				if (!expected_errno(err, op)) {
					st.unexpected++;
					printf("# round %lu: %s of pages %lu-%lu: error %d (%s)\n",
					       round, op_names[op], first,
					       first + n - 1, err, strerror(-err));
				}
			}
			/*
			 * The data after every operation, without injection:
			 * read by a device (its own pages stay where they
			 * are), and one time in four by the CPU, which brings
			 * every page back to system memory.
			 */
			err = dmirror(fd[rnd(&s) & 1], HMM_DMIRROR_READ, r, buf,
				      npages, &cp);
			for (p = 0; p < npages; p++) {
				const uint64_t *pg = err ? NULL : buf + p * WORDS;

				if (pg && check_page(pg, gen[p], p) < 0)
					continue;
				st.mismatches++;
				printf("# round %lu: after %s of pages %lu-%lu: device read %s page %lu\n",
				       round, op_names[op], first, first + n - 1,
				       err ? "failed at" : "wrong on", p);
				break;
			}
			for (p = 0; !(rnd(&s) & 3) && p < npages; p++) {
				if (check_page((uint64_t *)(r + p * PAGE),
					       gen[p], p) < 0)
					continue;
				st.mismatches++;
				printf("# round %lu: after %s of pages %lu-%lu: page %lu wrong\n",
				       round, op_names[op], first, first + n - 1,
				       p);
				break;
			}
			if (st.mismatches || st.unexpected)
				break;
		}
		for (p = 0; p < npages; p++) {
			if (check_page((uint64_t *)(r + p * PAGE), gen[p], p) < 0)
				continue;
			st.mismatches++;
			printf("# round %lu: at its end: page %lu wrong\n", round, p);
			break;
		}
		munmap(r, npages * PAGE);
		slab = fi_injected("failslab");
		page = fi_injected("fail_page_alloc");
		total = slab + page;
		if (st.mismatches || st.unexpected)
			break;
	}
	fi_rate(0);
	slab = fi_injected("failslab");
	page = fi_injected("fail_page_alloc");
	total = slab + page;
	printf("# faults: %lu rounds, %lu operations in %.0f s; injected %ld failures (failslab %ld, fail_page_alloc %ld)\n",
	       round, st.ops, now() - t0, total, slab, page);
	printf("# faults: errors returned %lu (unexpected %lu), CPU accesses retried after SIGBUS %lu, mismatches %lu\n",
	       st.errors, st.unexpected, st.cpu_retries, st.mismatches);
	for (i = 0; i < NOPS; i++)
		printf("# faults: %-20s %lu\n", op_names[i], opcount[i]);
	tap(total >= want, "faults: at least %ld failures injected (%ld)",
	    want, total);
	tap(!st.unexpected, "faults: every error is ENOMEM, EFAULT, EBUSY, EAGAIN, EINTR (or ENOENT: not all pages moved to a device)");
	tap(!st.mismatches, "faults: no data mismatch");

	/* Without injection: the whole region to each device and back. */
	r = map_region(npages);
	for (p = 0; p < npages; p++)
		fill((uint64_t *)(r + p * PAGE), 7, p);
	ok = true;
	for (i = 0; i < 2; i++) {
		err = dmirror(fd[i], HMM_DMIRROR_MIGRATE_TO_DEV, r, buf,
			      npages, &cp);
		ok &= !err && cp == npages;
		if (!ok)
			printf("# device %lu: migrated %lu of %lu pages, error %d\n",
			       i, (unsigned long)cp, npages, err);
		err = dmirror(fd[i], HMM_DMIRROR_READ, r, buf, npages, &cp);
		for (p = 0; !err && p < npages; p++)
			ok &= check_page(buf + p * WORDS, 7, p) < 0;
		ok &= !err;
		err = dmirror(fd[i], HMM_DMIRROR_MIGRATE_TO_SYS, r, buf,
			      npages, &cp);
		ok &= !err;
		for (p = 0; p < npages; p++)
			ok &= check_page((uint64_t *)(r + p * PAGE), 7, p) < 0;
	}
	tap(ok, "faults: afterwards, both devices take the whole region and give it back intact");
	munmap(r, npages * PAGE);
	close(fd[0]);
	close(fd[1]);
	return failed;
}

/* ---- stress ---------------------------------------------------------- */

#define SLOTS		8
#define SLOT_PAGES	64
#define NPAGES		(SLOTS * SLOT_PAGES)

static char *region, *spare;
static uint64_t gen[NPAGES];
static pthread_rwlock_t slot_lock[SLOTS];
static volatile int stop;
static int devfd[2];
static unsigned long ops[16], errs[16], bad;
static bool with_release;

enum { T_MIG0, T_MIG1, T_SYS, T_SNAP, T_RELEASE, T_CPU, T_OWNER };
static const char *const tname[] = {
	"migrate to device 0", "migrate to device 1", "migrate to system",
	"snapshot and device read", "release", "CPU read",
};

struct thr {
	int kind, slot;
	uint64_t seed;
	pthread_t t;
};

static __thread int my_kind = -1;

/* Say where a crash happened before dying of it: the run shows only output. */
static void on_sigsegv(int sig, siginfo_t *si, void *uc)
{
	static char maps[65536];
	char msg[160];
	bool bol = true;
	ssize_t i, len;
	int fd, n;

	n = snprintf(msg, sizeof(msg),
		     "# stress: signal %d code %d at %p (region %p, spare %p) in a %s thread\n",
		     sig, si->si_code, si->si_addr, (void *)region, (void *)spare,
		     my_kind < 0 ? "main" : my_kind < T_OWNER ? tname[my_kind] :
		     "slot owner");
	if (write(1, msg, n) < 0)
		_exit(128 + sig);
	/*
	 * And the mappings, as the other threads go on changing them: the
	 * code above (SEGV_MAPERR, SEGV_ACCERR) is the reliable part.
	 */
	fd = open("/proc/self/maps", O_RDONLY);
	while (fd >= 0 && (len = read(fd, maps, sizeof(maps))) > 0)
		for (i = 0; i < len; i += n) {
			n = 1;
			while (i + n < len && maps[i + n - 1] != '\n')
				n++;
			if ((bol && write(1, "# maps: ", 8) < 0) ||
			    write(1, maps + i, n) < 0)
				_exit(128 + sig);
			bol = maps[i + n - 1] == '\n';
		}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void complain(const char *what, unsigned long p)
{
	__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
	printf("# stress: %s: page %lu wrong\n", what, p);
}

static void *worker(void *arg)
{
	struct thr *t = arg;
	uint64_t cp = 0, *buf = malloc(NPAGES * PAGE);
	unsigned long first, n, p;
	int err, k = t->kind;

	my_kind = k;
	if (!buf)
		bail("malloc");
	while (!stop) {
		first = rndn(&t->seed, NPAGES);
		n = 1 + rndn(&t->seed, NPAGES - first);
		err = 0;
		switch (k) {
		case T_MIG0:
		case T_MIG1:
			err = dmirror(devfd[k], HMM_DMIRROR_MIGRATE_TO_DEV,
				      region + first * PAGE, buf, n, &cp);
			break;
		case T_SYS:
			err = dmirror(devfd[rnd(&t->seed) & 1],
				      HMM_DMIRROR_MIGRATE_TO_SYS,
				      region + first * PAGE, buf, n, &cp);
			break;
		case T_SNAP:
			err = dmirror(devfd[rnd(&t->seed) & 1],
				      HMM_DMIRROR_SNAPSHOT,
				      region + first * PAGE, buf, n, &cp);
			if (err)
				break;
			err = dmirror(devfd[rnd(&t->seed) & 1],
				      HMM_DMIRROR_READ, region + first * PAGE,
				      buf, n, &cp);
			for (p = 0; !err && p < n; p++)
				if (!plausible(buf + p * WORDS, first + p, false))
					complain("device read", first + p);
			break;
		case T_RELEASE:
			usleep(200000 + rndn(&t->seed, 300000));
			if (!with_release)
				continue;
			err = dmirror(devfd[rnd(&t->seed) & 1],
				      HMM_DMIRROR_RELEASE, region, buf, 1,
				      NULL);
			break;
		case T_CPU: {
			unsigned int s = first / SLOT_PAGES;

			pthread_rwlock_rdlock(&slot_lock[s]);
			/* under the slot's lock: exactly its owner's last write */
			for (p = s * SLOT_PAGES; p < (s + 1) * SLOT_PAGES; p++)
				if (check_page((uint64_t *)(region + p * PAGE),
					       gen[p], p) >= 0)
					complain("CPU read", p);
			pthread_rwlock_unlock(&slot_lock[s]);
			break;
		}
		}
		/* A range may cross a slot being remapped: EINVAL, EFAULT */
		__atomic_add_fetch(&ops[k], 1, __ATOMIC_RELAXED);
		if (err)
			__atomic_add_fetch(&errs[k], 1, __ATOMIC_RELAXED);
	}
	free(buf);
	return NULL;
}

static void slot_fill(unsigned int s)
{
	unsigned long p;

	for (p = s * SLOT_PAGES; p < (s + 1) * SLOT_PAGES; p++) {
		gen[p]++;
		fill((uint64_t *)(region + p * PAGE), gen[p], p);
	}
}

/* The owner of one slot: the only thread that changes it. */
static void *owner(void *arg)
{
	struct thr *t = arg;
	unsigned int s = t->slot;
	char *a = region + s * SLOT_PAGES * PAGE, *b = spare + s * SLOT_PAGES * PAGE;
	size_t len = SLOT_PAGES * PAGE;
	unsigned long p;
	int status;
	pid_t pid;

	my_kind = T_OWNER;
	while (!stop) {
		unsigned int what = rndn(&t->seed, 5);

		pthread_rwlock_wrlock(&slot_lock[s]);
		switch (what) {
		case 0:		/* write from the CPU */
			slot_fill(s);
			break;
		case 1:		/* munmap, then map anew: a hole meanwhile */
			if (munmap(a, len) ||
			    mmap(a, len, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS |
				 MAP_FIXED_NOREPLACE, -1, 0) != a)
				bail("munmap and map slot %u", s);
			slot_fill(s);
			break;
		case 2:
			/*
			 * mremap away and back, then b reserved again.  Each
			 * move leaves its source mapped (empty): MREMAP_FIXED
			 * maps over whatever it finds, and had another thread
			 * mapped something into a hole meanwhile, that would
			 * be lost without a word.
			 */
			if (mremap(a, len, len, MREMAP_MAYMOVE | MREMAP_FIXED |
				   MREMAP_DONTUNMAP, b) != b ||
			    mremap(b, len, len, MREMAP_MAYMOVE | MREMAP_FIXED |
				   MREMAP_DONTUNMAP, a) != a ||
			    mmap(b, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
				 MAP_NORESERVE | MAP_FIXED, -1, 0) != b)
				bail("mremap slot %u", s);
			break;
		case 3:		/* MADV_DONTNEED: zeros, then written again */
			if (madvise(a, len, MADV_DONTNEED))
				bail("madvise slot %u", s);
			for (p = s * SLOT_PAGES; p < (s + 1) * SLOT_PAGES; p++)
				if (*(uint64_t *)(region + p * PAGE))
					complain("after MADV_DONTNEED", p);
			slot_fill(s);
			break;
		case 4:		/* fork: the child checks and writes its copy */
			pid = fork();
			if (pid < 0)
				bail("fork");
			if (!pid) {
				for (p = s * SLOT_PAGES; p < (s + 1) * SLOT_PAGES; p++) {
					if (check_page((uint64_t *)(region + p * PAGE),
						       gen[p], p) >= 0)
						_exit(1);
					fill((uint64_t *)(region + p * PAGE),
					     gen[p] + 1000, p);
				}
				_exit(0);
			}
			if (waitpid(pid, &status, 0) != pid || status)
				complain("in a forked child", s * SLOT_PAGES);
			break;
		}
		pthread_rwlock_unlock(&slot_lock[s]);
		__atomic_add_fetch(&ops[T_OWNER], 1, __ATOMIC_RELAXED);
		usleep(rndn(&t->seed, 20000));
	}
	return NULL;
}

/*
 * The region, and the spare area the slots are mremap()ped into, 2 MiB
 * aligned inside one PROT_NONE reservation: no hole around them.  A slot
 * owner's munmap() then leaves a hole of one slot, smaller than anything
 * another thread maps (2 MiB buffers, 8 MiB stacks, malloc()'s 64 MiB
 * arenas), so nothing else lands in it; the slot is mapped again with
 * MAP_FIXED_NOREPLACE, which would fail if something had.  Before, the
 * hole next to the gap below the region took a worker's malloc()ed
 * buffer, and the slot was lost when that was freed (SIGSEGV).
 */
static void map_stress_regions(void)
{
	unsigned long align = 2UL << 20, len = NPAGES * PAGE;
	char *p = mmap(NULL, 2 * len + 4 * align, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		bail("mmap a reservation");
	spare = (char *)(((uintptr_t)p + 2 * align - 1) & ~(align - 1));
	region = spare + len + align;
	if (mprotect(region, len, PROT_READ | PROT_WRITE))
		bail("mprotect the region");
}

static int stress(double secs, double round_secs, uint64_t seed)
{
	struct thr th[T_OWNER + SLOTS];
	unsigned long round = 0, p, total = 0;
	double t0 = now();
	unsigned int i, nth = T_OWNER + SLOTS;
	struct sigaction sa = {
		.sa_sigaction = on_sigsegv,
		.sa_flags = SA_SIGINFO,
	};

	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	devfd[0] = dev_open(0);
	devfd[1] = dev_open(1);
	map_stress_regions();
	for (i = 0; i < SLOTS; i++) {
		pthread_rwlock_init(&slot_lock[i], NULL);
		slot_fill(i);
	}
	do {
		round++;
		stop = 0;
		for (i = 0; i < nth; i++) {
			th[i].kind = i < T_OWNER ? (int)i : T_OWNER;
			th[i].slot = i - T_OWNER;
			th[i].seed = seed * 1000003 + round * 101 + i + 1;
			if (pthread_create(&th[i].t, NULL,
					   i < T_OWNER ? worker : owner, &th[i]))
				bail("pthread_create");
		}
		usleep(round_secs * 1e6);
		stop = 1;
		for (i = 0; i < nth; i++)
			pthread_join(th[i].t, NULL);
		/* every page as its owner last wrote it */
		for (p = 0; p < NPAGES; p++)
			if (check_page((uint64_t *)(region + p * PAGE), gen[p],
				       p) >= 0)
				complain("at the end of a round", p);
	} while (!bad && now() - t0 < secs);

	for (i = 0; i < T_OWNER; i++) {
		printf("# stress: %-26s %lu operations, %lu errors\n",
		       tname[i], ops[i], errs[i]);
		total += ops[i];
	}
	printf("# stress: %-26s %lu operations\n", "slot owners", ops[T_OWNER]);
	total += ops[T_OWNER];
	printf("# stress: %lu rounds, %lu operations in %.0f s, seed %lu, %lu mismatches\n",
	       round, total, now() - t0, (unsigned long)seed, bad);
	tap(!bad, "stress: %lu rounds, every page checked at the end of each", round);
	tap(ops[T_MIG0] > errs[T_MIG0] && ops[T_SYS] > errs[T_SYS],
	    "stress: migrations succeeded while the others ran");
	return failed;
}

/* ---- hold ------------------------------------------------------------ */

static int hold(char **argv)
{
	const unsigned long npages = 256;
	char *r = map_region(npages);
	uint64_t cp = 0, *buf = malloc(npages * PAGE);
	unsigned long p, moved = 0;
	int i, fd, status;
	pid_t pid;

	if (!buf)
		bail("malloc");
	for (p = 0; p < npages; p++)
		fill((uint64_t *)(r + p * PAGE), 3, p);
	for (i = 0; i < 2; i++) {
		fd = dev_open(i);
		if (dmirror(fd, HMM_DMIRROR_MIGRATE_TO_DEV,
			    r + i * npages / 2 * PAGE, buf, npages / 2, &cp))
			bail("migrate to device %d", i);
		moved += cp;
		close(fd);
	}
	pid = fork();
	if (!pid) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		bail("run %s", argv[0]);
	for (p = 0; p < npages; p++)
		if (check_page((uint64_t *)(r + p * PAGE), 3, p) >= 0)
			break;
	tap(moved == npages && !status && p == npages,
	    "hold: %lu pages in device memory, %s exited %d, data intact after it",
	    moved, argv[0], WEXITSTATUS(status));
	return failed;
}

int main(int argc, char **argv)
{
	double secs = 60, round_secs = 2;
	uint64_t seed = 1;
	long want = 1000;
	int opt;

	if (argc < 2)
		goto usage;
	setvbuf(stdout, NULL, _IOLBF, 0);
	optind = 2;
	if (!strcmp(argv[1], "hold")) {
		if (argc < 3)
			goto usage;
		printf("TAP version 13\n1..1\n");
		return hold(argv + 2) ? 1 : 0;
	}
	while ((opt = getopt(argc, argv, "n:t:s:r:R")) != -1) {
		switch (opt) {
		case 'R':
			with_release = true;
			break;
		case 'n':
			want = atol(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'r':
			round_secs = atof(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (!seed)
		seed = 1;
	if (!strcmp(argv[1], "faults")) {
		printf("TAP version 13\n1..4\n");
		return faults(want, secs, seed) ? 1 : 0;
	}
	if (!strcmp(argv[1], "stress")) {
		printf("TAP version 13\n1..2\n");
		return stress(secs, round_secs, seed) ? 1 : 0;
	}
usage:
	fprintf(stderr, "usage: %s faults [-n FAILURES] [-t SECONDS] [-s SEED]\n"
		"       %s stress [-t SECONDS] [-s SEED] [-r ROUND_SECONDS] [-R]\n"
		"       %s hold CMD [ARG...]\n", argv[0], argv[0], argv[0]);
	return 2;
}
