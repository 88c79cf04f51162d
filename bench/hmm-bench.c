// SPDX-License-Identifier: GPL-2.0
/*
 * hmm-bench: the guest side of "make bench".  Drives test_hmm (the copy
 * "make bench" builds, which adds HMM_DMIRROR_BENCH_FAULT) and dpriv_bench,
 * and prints one line per measurement:
 *
 *	bench <figure> <size> <value> <unit>
 *
 * Figures (size in pages, or MiB for the registration figures):
 *   fault_anon     hmm_range_fault() over present anonymous pages (-l
 *                  passes over the range per repeat, default 10), pages/s
 *   fault_owned    hmm_range_fault() over device-private pages owned by the
 *                  caller (returned without faulting), pages/s
 *   migrate_to_dev HMM_DMIRROR_MIGRATE_TO_DEV (migrate_vma to device-private
 *                  memory, then test_hmm reads the pages back), pages/s
 *   migrate_to_sys HMM_DMIRROR_MIGRATE_TO_SYS, pages/s
 *   thp_to_dev     the same for anonymous memory in PMD-sized transparent
 *                  huge pages (2 MiB on x86; sizes that are whole THPs
 *                  only), which must arrive as device-private THPs, pages/s
 *   thp_to_sys     and back, where they must arrive as THPs, pages/s
 *   cpu_fault      a CPU read of each device-private page (migrate_to_ram
 *                  of one page), ns per page
 *   register       dpriv_bench registering N MiB of device-private memory, ms
 *   unregister     and unregistering it, ms
 *   host_ram       free memory (MemFree and the per-cpu lists of
 *                  /proc/zoneinfo) the registration took, bytes per page
 *                  (first round only)
 *
 * With -2 (test_hmm with peer access, in a guest where device 1's DMA
 * engine reaches device 0's BAR: config/guests/bench-p2p), instead, on
 * pages migrated into device 0:
 *   p2p_fault_own  hmm_range_fault() by device 0 over its own pages, pages/s
 *   p2p_fault_peer hmm_range_fault() by device 1, with its engine as the
 *                  client, over the same pages, returned in place, pages/s
 *   p2p_in_place   making them usable by device 1's engine in place:
 *                  hmm_range_fault() and dpriv_p2p_map()/unmap(), pages/s
 *   p2p_migrate    making them usable by migration: hmm_range_fault()
 *                  faulting them to system memory, pages/s
 *
 * Every measurement is checked: the pages must be where the figure says
 * they are, or hmm-bench stops with an error and exit status 1.
 *
 * With -P ("make bench PROFILE=1", under bench/insn-count.so), each timed
 * operation is bracketed by two marks, getcpu() calls, between which the
 * plugin counts the instructions executed, and each is announced on the
 * output as
 *
 *	mark <figure> <size> <units>
 *
 * in the order of the plugin's intervals, where units is what the figure
 * is per: the pages the operation handled (size times passes for
 * hmm_range_fault()), or 1 for a registration.
 *
 * A sample of a page figure handles at least -n pages (default 16384): a
 * smaller size repeats its operation and is timed over all of them, in
 * ceil(n / size) repeats (hmm_range_fault() makes -l passes per repeat; the
 * migrations and CPU faults migrate there and back once per repeat).
 *
 * Usage: hmm-bench [-2] [-P] [-l loops] [-n pages] [-r reps] [-p pages,...] [-m MiB,...]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test_hmm_uapi.h"

#ifndef HMM_DMIRROR_BENCH_FAULT
#define HMM_DMIRROR_BENCH_FAULT	_IOWR('H', 0x40, struct hmm_dmirror_cmd)
#endif
#define HMM_DMIRROR_BENCH_FAULT_PEER	_IOWR('H', 0x41, struct hmm_dmirror_cmd)
#define HMM_DMIRROR_BENCH_ACCESS	_IOWR('H', 0x42, struct hmm_dmirror_cmd)

/* What the ioctl takes at most (bench/kmod/hmm_bench_fault.h). */
#define BENCH_MAX_PASSES	1000

#define DEVICE		"/dev/hmm_dmirror0"
#define DEVICE1		"/dev/hmm_dmirror1"
#define DPRIV_BENCH	"/sys/kernel/debug/dpriv_bench"

static long page_size;
static int fd;		/* device 0 */
static int fd1;		/* device 1, with -2 */
static int quiet;	/* the untimed first round prints nothing */
static int loops = 10;	/* passes of hmm_range_fault() over a range */
static unsigned long min_pages = 16384;	/* -n: the fewest pages a sample handles */
static unsigned long thp_pages;	/* pages in a PMD-sized THP; 0: no THP figures */

static int marking;	/* -P: mark the timed operations */

/*
 * The mark: a system call that nothing else in the guest makes, and that
 * the kernel runs out of line (__x64_sys_getcpu).
 */
#define HMM_BENCH_MARK	SYS_getcpu

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "hmm-bench: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	exit(1);
}

/* Open (before a timed operation) or close (after it) an interval. */
static void mark_open(void)
{
	if (marking && !quiet)
		syscall(HMM_BENCH_MARK, NULL, NULL, NULL);
}

static void mark_close(const char *figure, unsigned long size,
		       unsigned long units)
{
	if (!marking || quiet)
		return;
	syscall(HMM_BENCH_MARK, NULL, NULL, NULL);
	printf("mark %s %lu %lu\n", figure, size, units);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static void emit(const char *figure, unsigned long size, double value,
		 const char *unit)
{
	if (quiet)
		return;
	printf("bench %s %lu %.6g %s\n", figure, size, value, unit);
	fflush(stdout);
}

static int dmirror_on(int dev, unsigned long request, void *addr,
		      unsigned long npages, void *ptr, struct hmm_dmirror_cmd *cmd)
{
	memset(cmd, 0, sizeof(*cmd));
	cmd->addr = (uintptr_t)addr;
	cmd->ptr = (uintptr_t)ptr;
	cmd->npages = npages;
	return ioctl(dev, request, cmd) ? -errno : 0;
}

static int dmirror(unsigned long request, void *addr, unsigned long npages,
		   void *ptr, struct hmm_dmirror_cmd *cmd)
{
	return dmirror_on(fd, request, addr, npages, ptr, cmd);
}

static char *map_filled(unsigned long npages)
{
	size_t size = npages * page_size;
	char *p;

	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		die("mmap of %lu pages: %s", npages, strerror(errno));
	/* Small pages: hmm_range_fault() and migration walk PTEs. */
	madvise(p, size, MADV_NOHUGEPAGE);
	for (unsigned long i = 0; i < npages; i++)
		memset(p + i * page_size, (int)(i & 0x7f) + 1, 64);
	return p;
}

/* The size of a PMD-sized THP in bytes, or 0 without THP. */
static unsigned long thp_size(void)
{
	FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "r");
	unsigned long size = 0;

	if (f) {
		if (fscanf(f, "%lu", &size) != 1)
			size = 0;
		fclose(f);
	}
	return size;
}

/*
 * npages of anonymous memory in transparent huge pages, 2 MiB aligned and
 * filled as map_filled() fills; *map is what to munmap (npages + a THP).
 */
static char *map_huge(unsigned long npages, char **map)
{
	size_t size = npages * page_size, thp = thp_pages * page_size;
	char *p;

	*map = mmap(NULL, size + thp, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (*map == MAP_FAILED)
		die("mmap of %lu pages: %s", npages, strerror(errno));
	p = (char *)(((uintptr_t)*map + thp - 1) & ~(uintptr_t)(thp - 1));
	if (madvise(p, size, MADV_HUGEPAGE))
		die("madvise(MADV_HUGEPAGE): %s (no THP in this kernel?)",
		    strerror(errno));
	for (unsigned long i = 0; i < npages; i++)
		memset(p + i * page_size, (int)(i & 0x7f) + 1, 64);
	return p;
}

/*
 * That each page of npages from p is mapped by a PMD, writable, and where
 * @where says (0: system memory, or HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL),
 * in test_hmm's snapshot (hmm_range_fault() gave it with a PMD's order),
 * or stop: a THP figure whose folios were split measures small pages.
 */
static void check_huge(const char *what, char *p, unsigned long npages,
		       unsigned char where)
{
	unsigned char want = where | HMM_DMIRROR_PROT_WRITE | HMM_DMIRROR_PROT_PMD;
	unsigned char *m = malloc(npages);
	struct hmm_dmirror_cmd cmd;
	int ret;

	if (!m)
		die("out of memory");
	ret = dmirror(HMM_DMIRROR_SNAPSHOT, p, npages, m, &cmd);
	if (ret)
		die("snapshot of %lu pages: %s", npages, strerror(-ret));
	for (unsigned long i = 0; i < npages; i++)
		if (m[i] != want)
			die("%s: page %lu has snapshot 0x%x, want 0x%x (a writable THP%s)",
			    what, i, m[i], want, where ? " of device memory" : "");
	free(m);
}

/*
 * hmm_range_fault() alone, passes times over npages from p, by device dev
 * with request (HMM_DMIRROR_BENCH_FAULT, or _PEER for device 1 with its
 * engine as the client); pages/s.  A timed figure (marked with -P), or a
 * check when figure is NULL.
 */
static double time_fault_on(int dev, unsigned long request,
			    const char *figure, char *p, unsigned long npages,
			    int want_devpriv, unsigned long passes)
{
	uint64_t ns = 0, done = 0;
	struct hmm_dmirror_cmd cmd;
	int ret = 0;

	if (figure)
		mark_open();
	/* The ioctl makes at most BENCH_MAX_PASSES passes a call. */
	while (done < passes && !ret) {
		uint64_t out[4] = { 0, 0, 0, passes - done };

		if (out[3] > BENCH_MAX_PASSES)
			out[3] = BENCH_MAX_PASSES;
		ret = dmirror_on(dev, request, p, npages, out, &cmd);
		if (!ret && (out[1] != npages || out[2] != (want_devpriv ? npages : 0)))
			die("hmm_range_fault over %lu pages: %llu valid, %llu device-private (want %lu, %lu)",
			    npages, (unsigned long long)out[1],
			    (unsigned long long)out[2], npages,
			    want_devpriv ? npages : 0);
		ns += out[0];
		done += out[3];
	}
	if (figure)
		mark_close(figure, npages, npages * passes);
	if (ret)
		die("HMM_DMIRROR_BENCH_FAULT: %s (is this test_hmm the bench copy?)",
		    strerror(-ret));
	return npages * passes / (ns * 1e-9);
}

static double time_fault(const char *figure, char *p, unsigned long npages,
			 int want_devpriv, unsigned long passes)
{
	return time_fault_on(fd, HMM_DMIRROR_BENCH_FAULT, figure, p, npages,
			     want_devpriv, passes);
}

/* A migration, its time in seconds; marked with -P unless figure is NULL. */
static double time_migrate(const char *figure, unsigned long request,
			   char *p, unsigned long npages, char *buf)
{
	struct hmm_dmirror_cmd cmd;
	double t;
	int ret;

	if (figure)
		mark_open();
	t = now();
	ret = dmirror(request, p, npages, buf, &cmd);
	t = now() - t;
	if (figure)
		mark_close(figure, npages, npages);
	if (ret)
		die("migrate %lu pages (%s): %s", npages,
		    request == HMM_DMIRROR_MIGRATE_TO_DEV ? "to device" : "to system",
		    strerror(-ret));
	if (cmd.cpages != npages)
		die("migrated %llu of %lu pages", (unsigned long long)cmd.cpages,
		    npages);
	return t;
}

static void check_data(const char *what, char *p, unsigned long npages)
{
	for (unsigned long i = 0; i < npages; i++)
		if (p[i * page_size] != (char)((i & 0x7f) + 1))
			die("%s: page %lu holds %d", what, i, p[i * page_size]);
}

/*
 * One sample of each page figure at npages.  A sample handles at least
 * min_pages pages: a smaller size repeats its operation and the
 * sample is their total, so that no sample is a few hundred microseconds
 * of emulated time, where a timer tick or a translation decides it.
 */
static void bench_pages(unsigned long npages)
{
	unsigned long repeats = (min_pages + npages - 1) / npages;
	char *buf = malloc(npages * page_size);
	double t_dev = 0, t_sys = 0, t_cpu = 0, t;
	volatile char sum = 0;
	char *p;

	if (!buf)
		die("out of memory");

	p = map_filled(npages);
	emit("fault_anon", npages,
	     time_fault("fault_anon", p, npages, 0, loops * repeats), "pages/s");

	for (unsigned long r = 0; r < repeats; r++) {
		t_dev += time_migrate("migrate_to_dev", HMM_DMIRROR_MIGRATE_TO_DEV,
				      p, npages, buf);
		check_data("device copy", buf, npages);
		if (r == 0)
			emit("fault_owned", npages,
			     time_fault("fault_owned", p, npages, 1,
					loops * repeats), "pages/s");
		t_sys += time_migrate("migrate_to_sys", HMM_DMIRROR_MIGRATE_TO_SYS,
				      p, npages, buf);
		time_fault(NULL, p, npages, 0, 1);	/* all in system memory? */
		check_data("after migration to system", p, npages);
	}
	emit("migrate_to_dev", npages, npages * repeats / t_dev, "pages/s");
	emit("migrate_to_sys", npages, npages * repeats / t_sys, "pages/s");

	/* The same migrations in 2 MiB THPs, where the size is whole THPs. */
	if (thp_pages && npages % thp_pages == 0) {
		char *map, *h = map_huge(npages, &map);

		check_huge("THPs before migration", h, npages, 0);
		t_dev = t_sys = 0;
		for (unsigned long r = 0; r < repeats; r++) {
			t_dev += time_migrate("thp_to_dev", HMM_DMIRROR_MIGRATE_TO_DEV,
					      h, npages, buf);
			check_data("device copy of THPs", buf, npages);
			check_huge("THPs after migration to the device", h, npages,
				   HMM_DMIRROR_PROT_DEV_PRIVATE_LOCAL);
			t_sys += time_migrate("thp_to_sys", HMM_DMIRROR_MIGRATE_TO_SYS,
					      h, npages, buf);
			check_huge("THPs after migration to system", h, npages, 0);
			check_data("THPs after migration to system", h, npages);
		}
		emit("thp_to_dev", npages, npages * repeats / t_dev, "pages/s");
		emit("thp_to_sys", npages, npages * repeats / t_sys, "pages/s");
		munmap(map, (npages + thp_pages) * page_size);
	}

	/* Back to the device, then one CPU fault per page. */
	for (unsigned long r = 0; r < repeats; r++) {
		time_migrate(NULL, HMM_DMIRROR_MIGRATE_TO_DEV, p, npages, buf);
		mark_open();
		t = now();
		for (unsigned long i = 0; i < npages; i++)
			sum += p[i * page_size];
		t_cpu += now() - t;
		mark_close("cpu_fault", npages, npages);
		time_fault(NULL, p, npages, 0, 1);
		check_data("after CPU faults", p, npages);
	}
	emit("cpu_fault", npages, t_cpu * 1e9 / (npages * repeats), "ns/page");

	munmap(p, npages * page_size);
	free(buf);
}

/*
 * Device 1 makes npages of device 0's memory usable by its engine, in place
 * or by migration (HMM_DMIRROR_BENCH_ACCESS); seconds.  Checks that every
 * page was used in place, or none.
 */
static double time_access(const char *figure, char *p, unsigned long npages,
			  int in_place)
{
	uint64_t out[4] = { 0, 0, 0, in_place };
	struct hmm_dmirror_cmd cmd;
	int ret;

	mark_open();
	ret = dmirror_on(fd1, HMM_DMIRROR_BENCH_ACCESS, p, npages, out, &cmd);
	mark_close(figure, npages, npages);
	if (ret)
		die("HMM_DMIRROR_BENCH_ACCESS (%s): %s", figure, strerror(-ret));
	if (out[1] != npages || out[2] != (in_place ? npages : 0))
		die("%s over %lu pages: %llu pages, %llu in place", figure, npages,
		    (unsigned long long)out[1], (unsigned long long)out[2]);
	return out[0] * 1e-9;
}

/* One sample of each P2P figure at npages (-2). */
static void bench_p2p(unsigned long npages)
{
	unsigned long repeats = (min_pages + npages - 1) / npages;
	char *buf = malloc(npages * page_size);
	double t_in = 0, t_mig = 0;
	char *p;

	if (!buf)
		die("out of memory");
	p = map_filled(npages);
	time_migrate(NULL, HMM_DMIRROR_MIGRATE_TO_DEV, p, npages, buf);
	check_data("device copy", buf, npages);
	emit("p2p_fault_own", npages,
	     time_fault("p2p_fault_own", p, npages, 1, loops * repeats),
	     "pages/s");
	emit("p2p_fault_peer", npages,
	     time_fault_on(fd1, HMM_DMIRROR_BENCH_FAULT_PEER, "p2p_fault_peer",
			   p, npages, 1, loops * repeats), "pages/s");
	for (unsigned long r = 0; r < repeats; r++) {
		t_in += time_access("p2p_in_place", p, npages, 1);
		time_fault(NULL, p, npages, 1, 1);	/* all still on device 0? */
		t_mig += time_access("p2p_migrate", p, npages, 0);
		time_fault(NULL, p, npages, 0, 1);	/* all in system memory? */
		check_data("after migration", p, npages);
		time_migrate(NULL, HMM_DMIRROR_MIGRATE_TO_DEV, p, npages, buf);
	}
	emit("p2p_in_place", npages, npages * repeats / t_in, "pages/s");
	emit("p2p_migrate", npages, npages * repeats / t_mig, "pages/s");
	munmap(p, npages * page_size);
	free(buf);
}

static long meminfo_kb(const char *key)
{
	char line[256];
	size_t n = strlen(key);
	long v = -1;
	FILE *f;

	f = fopen("/proc/meminfo", "r");
	if (!f)
		die("/proc/meminfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, n) && line[n] == ':')
			v = strtol(line + n + 1, NULL, 10);
	fclose(f);
	if (v < 0)
		die("no %s in /proc/meminfo", key);
	return v;
}

/*
 * Free memory in KiB: MemFree plus the pages on the per-cpu free lists,
 * which MemFree leaves out.  Order-0 pages freed by one unregistration sit
 * there and serve the next registration's allocations: without them, that
 * registration would seem to take nothing.
 */
static long free_kb(void)
{
	char line[256];
	long pcp = 0;
	FILE *f;

	f = fopen("/proc/zoneinfo", "r");
	if (!f)
		die("/proc/zoneinfo: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *p = line + strspn(line, " ");

		if (!strncmp(p, "count: ", 7))
			pcp += strtol(p + 7, NULL, 10);
	}
	fclose(f);
	return meminfo_kb("MemFree") + pcp * (page_size / 1024);
}

/*
 * Free memory once it has settled: memory freed by the previous round
 * (RCU, lazy vunmap) must not count against this one.  Settled is three
 * reads in a row, 200 ms apart, within 64 KiB of each other.
 */
static long memfree_settled(void)
{
	long lo, hi, cur;
	int stable = 0;

	lo = hi = cur = free_kb();
	for (int i = 0; i < 25 && stable < 2; i++) {
		usleep(200000);
		cur = free_kb();
		lo = cur < lo ? cur : lo;
		hi = cur > hi ? cur : hi;
		if (hi - lo < 64) {
			stable++;
		} else {
			stable = 0;
			lo = hi = cur;
		}
	}
	return cur;
}

static int dpriv_write(unsigned long mib)
{
	char s[32];
	int ctl, ret = 0;

	ctl = open(DPRIV_BENCH, O_WRONLY);
	if (ctl < 0)
		die("%s: %s (dpriv_bench loaded?)", DPRIV_BENCH, strerror(errno));
	snprintf(s, sizeof(s), "%lu", mib);
	if (write(ctl, s, strlen(s)) < 0)
		ret = -errno;
	close(ctl);
	return ret;
}

/* Host RAM is measured in the first round only: it does not vary. */
static void bench_register(unsigned long mib, int measure_ram)
{
	unsigned long npages = (mib << 20) / page_size;
	long before, after;
	double t;
	int ret;

	before = measure_ram ? memfree_settled() : 0;
	mark_open();
	t = now();
	ret = dpriv_write(mib);
	t = now() - t;
	mark_close(ret ? "-" : "register", mib, 1);	/* "-": not a figure */
	if (ret) {
		/* The largest size may not fit: say so, measure nothing. */
		printf("# register %lu MiB: %s\n", mib, strerror(-ret));
		return;
	}
	emit("register", mib, t * 1e3, "ms");
	if (measure_ram) {
		after = memfree_settled();
		emit("host_ram", mib, (before - after) * 1024.0 / npages,
		     "B/page");
	}
	mark_open();
	t = now();
	ret = dpriv_write(0);
	t = now() - t;
	mark_close("unregister", mib, 1);
	if (ret)
		die("unregister %lu MiB: %s", mib, strerror(-ret));
	emit("unregister", mib, t * 1e3, "ms");
}

static unsigned long *parse_list(char *s, int *n)
{
	unsigned long *v = NULL;
	char *tok;

	*n = 0;
	for (tok = strtok(s, ","); tok; tok = strtok(NULL, ",")) {
		v = realloc(v, (*n + 1) * sizeof(*v));
		if (!v)
			die("out of memory");
		v[(*n)++] = strtoul(tok, NULL, 0);
	}
	return v;
}

int main(int argc, char **argv)
{
	char pages_arg[] = "256,4096,16384";
	char mib_arg[] = "256,1024,4096,16384,65536,131072";
	unsigned long *pages, *mibs;
	int npages, nmibs, reps = 5, opt, p2p = 0;
	char *pa = pages_arg, *ma = mib_arg;

	while ((opt = getopt(argc, argv, "2Pl:n:r:p:m:")) != -1) {
		switch (opt) {
		case '2':
			p2p = 1;
			break;
		case 'P':
			marking = 1;
			break;
		case 'l':
			loops = atoi(optarg);
			break;
		case 'n':
			min_pages = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 'p':
			pa = optarg;
			break;
		case 'm':
			ma = optarg;
			break;
		default:
			fprintf(stderr, "usage: hmm-bench [-2] [-P] [-l loops] [-n pages] [-r reps] [-p pages,...] [-m MiB,...]\n");
			return 2;
		}
	}
	if (!min_pages)
		die("-n 0: a sample handles at least one page");
	page_size = sysconf(_SC_PAGESIZE);
	thp_pages = thp_size() / page_size;
	pages = parse_list(pa, &npages);
	mibs = parse_list(ma, &nmibs);
	for (int i = 0; i < npages; i++)
		if (!pages[i])
			die("-p: a size of 0 pages");

	if (p2p) {
		fd = open(DEVICE, O_RDWR);
		fd1 = open(DEVICE1, O_RDWR);
		if (fd < 0 || fd1 < 0)
			die("%s, %s: %s", DEVICE, DEVICE1, strerror(errno));
		/* An untimed round: test_hmm allocates device 0's memory. */
		quiet = 1;
		for (int i = 0; i < npages; i++)
			bench_p2p(pages[i]);
		quiet = 0;
		for (int r = 0; r < reps; r++)
			for (int i = 0; i < npages; i++)
				bench_p2p(pages[i]);
		return 0;
	}
	if (npages) {
		fd = open(DEVICE, O_RDWR);
		if (fd < 0)
			die("%s: %s", DEVICE, strerror(errno));
		/*
		 * One untimed round at the largest size: test_hmm allocates
		 * its device memory (THPs included, where it is whole THPs).
		 */
		unsigned long largest = 0;

		for (int i = 0; i < npages; i++)
			if (pages[i] > largest)
				largest = pages[i];
		quiet = 1;
		bench_pages(largest);
		quiet = 0;
		for (int r = 0; r < reps; r++)
			for (int i = 0; i < npages; i++)
				bench_pages(pages[i]);
		close(fd);
	}
	for (int r = 0; r < reps; r++)
		for (int i = 0; i < nmibs; i++)
			bench_register(mibs[i], r == 0);
	return 0;
}
