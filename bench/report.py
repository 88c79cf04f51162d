#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise the runs of "make bench": report.py OUTDIR PRODUCTS NOTE.

Reads OUTDIR/runs/KERNEL.CLOCK.REP/channel.txt (scripts/boot's runs of
config/guests/bench, through scripts/channel.py): the samples hmm-bench
printed in its step, "bench FIGURE SIZE VALUE UNIT".  Writes
OUTDIR/results.md (the table), OUTDIR/results.tsv and OUTDIR/bench.png
(gnuplot): per figure and size, each kernel's median and spread and the
ratio series/base, under each clock.  With the insn-count plugin's output
in OUTDIR/runs/*/insns ("make bench PROFILE=1"), also OUTDIR/profile.md:
the instructions of each figure by function, symbolised with
PRODUCTS/KERNEL/bench/System.map and the modules there (scripts/build).
"""
import bisect
import datetime
import glob
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "scripts"))
import channel  # noqa: E402

ORDER = ["fault_anon", "fault_owned", "migrate_to_dev", "migrate_to_sys",
         "thp_to_dev", "thp_to_sys", "cpu_fault", "register", "unregister",
         "host_ram", "p2p_fault_own", "p2p_fault_peer", "p2p_in_place",
         "p2p_migrate"]
WHAT = {
    "fault_anon": "hmm_range_fault, anonymous memory",
    "fault_owned": "hmm_range_fault, device-private owned by the caller",
    "migrate_to_dev": "migrate_vma to device-private",
    "migrate_to_sys": "migrate_vma back to system memory",
    "thp_to_dev": "migrate_vma of 2 MiB THPs to device-private",
    "thp_to_sys": "migrate_vma of 2 MiB THPs back to system memory",
    "cpu_fault": "CPU fault on device-private (migrate_to_ram)",
    "register": "register device-private memory",
    "unregister": "unregister device-private memory",
    "host_ram": "host RAM per registered page",
    "p2p_fault_own": "hmm_range_fault by device 0, its own pages in a BAR",
    "p2p_fault_peer": "hmm_range_fault by device 1 (client) over device 0's pages",
    "p2p_in_place": "device 1 uses device 0's pages in place (fault + map)",
    "p2p_migrate": "device 1 uses device 0's pages by migrating them",
}
# Series-only comparisons ("make bench P2P=1"): figure over figure.
PAIRS = [("p2p_fault_peer", "p2p_fault_own",
          "hmm_range_fault over a reachable peer's pages / over the caller's own"),
         ("p2p_in_place", "p2p_migrate",
          "using a peer's pages in place / migrating them first")]
HIGHER_IS_BETTER = {"pages/s"}
KERNELS = ("base", "series")


def quartiles(v):
    if len(v) < 2:
        return v[0], v[0]
    q = statistics.quantiles(v, n=4, method="inclusive")
    return q[0], q[2]


def instructions(value, unit):
    """An icount sample in guest instructions: per page, or millions."""
    if unit == "pages/s":
        return 1e9 / value		# 1 ns per instruction
    if unit == "ns/page":
        return value
    if unit == "ms":
        return value			# ms of 1e6 instructions each
    return value


def boot_ci(per):
    """95% interval of the ratio series/base of medians, by bootstrap.

    per: kernel -> placement -> the samples of each boot there.  Boots are
    resampled, with replacement, within each placement (a boot's samples
    stay together: two boots of one kernel differ as much as placements
    do), 2000 times with a fixed seed; the interval holds the middle 95%
    of the ratios.  None with fewer than two boots per kernel.
    """
    if any(sum(len(b) for b in per.get(k, {}).values()) < 2 for k in KERNELS):
        return None
    rng = random.Random(1)
    ratios = []
    for _ in range(2000):
        med = {}
        for k in KERNELS:
            pool = []
            for boots in per[k].values():
                for _ in boots:
                    pool.extend(rng.choice(boots))
            med[k] = statistics.median(pool)
        if not med["base"] or not med["series"]:
            return None
        ratios.append(med["series"] / med["base"])
    ratios.sort()
    return ratios[int(0.025 * len(ratios))], ratios[int(0.975 * len(ratios)) - 1]


def summary(values):
    med = statistics.median(values)
    lo, hi = quartiles(values)
    return med, (hi - lo) / 2 / med * 100 if med else 0.0


def size_s(fig, size):
    if fig in ("register", "unregister", "host_ram"):
        return "%d GiB" % (size >> 10) if size >= 1024 else "%d MiB" % size
    return "%d pages" % size


def fmt(x):
    return "%.3g" % x if x < 1000 else "{:,.0f}".format(x)


def main():
    outdir, products, note = sys.argv[1:4]
    data = {}
    boots = {}		# (fig, size, unit) -> clock -> kernel -> placement -> boots
    for run in sorted(glob.glob(os.path.join(outdir, "runs", "*"))):
        kernel, clock, rep = os.path.basename(run).split(".")
        place = rep.rsplit("-", 1)[0] if "-" in rep else ""
        samples = [ln.split() for ln in
                   channel.read(os.path.join(run, "channel.txt")).block("bench")]
        samples = [w[1:] for w in samples if len(w) == 5 and w[0] == "bench"]
        if not samples:
            sys.exit("%s: no samples in its bench step" % run)
        boot = {}
        for fig, size, value, unit in samples:
            # host_ram is not a time: the same under both clocks.
            c = "any" if fig == "host_ram" else clock
            v = float(value)
            if c == "icount":
                v = instructions(v, unit)
            data.setdefault((fig, int(size), unit), {}) \
                .setdefault(c, {}).setdefault(kernel, []).append(v)
            boot.setdefault((fig, int(size), unit, c), []).append(v)
        for (fig, size, unit, c), v in boot.items():
            boots.setdefault((fig, size, unit), {}).setdefault(c, {}) \
                .setdefault(kernel, {}).setdefault(place, []).append(v)

    rows = []
    for key in sorted(data, key=lambda k: (ORDER.index(k[0]), k[1])):
        fig, size, unit = key
        row = {"fig": fig, "size": size, "unit": unit}
        for clock, per in data[key].items():
            r = {k: summary(per[k]) + (len(per[k]),) for k in KERNELS if k in per}
            ratio = None
            if len(r) == 2 and r["base"][0] and r["series"][0]:
                ratio = r["series"][0] / r["base"][0]
                if clock == "icount" and unit in HIGHER_IS_BETTER:
                    ratio = 1 / ratio	# instructions per page: invert
            ci = None
            if clock == "tcg":
                ci = boot_ci(boots[key][clock])
            row[clock] = (r, ratio, ci)
        rows.append(row)

    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    qemu = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True,
                          text=True).stdout.splitlines()[:1]

    def cell(r, k, unit=""):
        if k not in r:
            return "n/a"
        med, spread, _n = r[k]
        return "%s%s ±%.1f%%" % (fmt(med), unit, spread)

    def ratio_s(ratio, unit, ci=None):
        if ratio is None:
            return "n/a"
        s = "%.2f" % ratio
        # Behind by 2% or more: by the whole interval where there is one.
        def behind(x):
            if unit in HIGHER_IS_BETTER:
                return x < 0.98
            return unit != "B/page" and x > 1 / 0.98

        if ci:
            s += " [%.2f, %.2f]" % ci
            if behind(ratio):
                s += " (slower)" if all(behind(x) for x in ci) else " (undecided)"
        elif behind(ratio):
            s += " (slower)"
        return s

    md = []
    md.append("Benchmark of %s on %s, %d cores, %s; guests under QEMU TCG "
              "(%s), 2 vCPUs, 4 GiB. Emulated: the ratios are the result, "
              "not the absolute numbers."
              % (datetime.date.today().isoformat(), cpu, os.cpu_count(),
                 platform.platform(terse=True), qemu[0] if qemu else "qemu"))
    md.append("")
    md.append(note + ". Median of all samples; ± is half the interquartile "
              "range, as a percentage of the median. Ratio = series/base of "
              "the figure: above 1 is better for pages/s, below 1 for ns, ms "
              "and bytes; \"(slower)\" marks the series 2% or more behind. "
              "[a, b] after a TCG ratio: its 95% bootstrap interval, boots "
              "resampled within each placement; \"(undecided)\" marks a ratio "
              "2% or more behind whose interval reaches the other side.")
    md.append("")
    md.append("- **TCG time**: the guest's clock under plain TCG (multi-threaded), "
              "i.e. the host's time to emulate the work. It charges for things "
              "hardware does not: a jump to another 4 KiB page of guest code "
              "costs a lookup that a jump within the page does not, so where "
              "the compiler places a function moves this by up to 10% (measured: "
              "doc/port-7.3.md).")
    md.append("- **Instructions**: the same operations under `-icount shift=0`, "
              "where the guest's clock advances 1 ns per guest instruction: "
              "guest instructions per page (per operation, in millions, for "
              "registration). Deterministic and independent of the host, but "
              "blind to cache misses, which is where the series saves most on "
              "hardware (it reads no struct page to test an owner).")
    md.append("")
    md.append("| figure | size | unit | TCG time: base | series | series/base "
              "| instructions: base | series | series/base |")
    md.append("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        fig, unit = row["fig"], row["unit"]
        if fig == "host_ram":
            r, ratio, _ci = row["any"]
            md.append("| %s | %s | %s | %s | %s | %s | | | |"
                      % (WHAT[fig], size_s(fig, row["size"]), unit,
                         cell(r, "base"), cell(r, "series"), ratio_s(ratio, unit)))
            continue
        tc = row.get("tcg", ({}, None, None))
        ic = row.get("icount", ({}, None, None))
        iunit = "M" if fig in ("register", "unregister") else ""
        md.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s |"
                  % (WHAT[fig], size_s(fig, row["size"]), unit,
                     cell(tc[0], "base"), cell(tc[0], "series"),
                     ratio_s(tc[1], unit, tc[2]),
                     cell(ic[0], "base", iunit), cell(ic[0], "series", iunit),
                     ratio_s(ic[1], unit)))
    pairs = pair_rows(rows)
    if pairs:
        md.append("")
        md.append("Within the series (pages/s over pages/s: above 1, the "
                  "first is faster; under icount, instructions per page "
                  "inverted):")
        md.append("")
        md.append("| comparison | size | TCG time | instructions |")
        md.append("|---|---|---|---|")
        md.extend(pairs)
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")

    with open(os.path.join(outdir, "results.tsv"), "w") as f:
        f.write("figure\tsize\tunit\tclock\tbase_median\tbase_spread_pct\t"
                "series_median\tseries_spread_pct\tratio\tbase_n\tseries_n\n")
        for row in rows:
            for clock in ("tcg", "icount", "any"):
                if clock not in row:
                    continue
                r, ratio, _ci = row[clock]
                b, s = r.get("base", ("", "", 0)), r.get("series", ("", "", 0))
                f.write("\t".join(str(x) for x in (
                    row["fig"], row["size"],
                    "instructions" if clock == "icount" else row["unit"], clock,
                    b[0], b[1], s[0], s[1],
                    "" if ratio is None else "%.4f" % ratio, b[2], s[2])) + "\n")

    plot(outdir, rows)
    runs = glob.glob(os.path.join(outdir, "runs", "*"))
    with_insns = [r for r in runs if os.path.exists(os.path.join(r, "insns"))]
    if with_insns and len(with_insns) != len(runs):
        sys.exit("%d of %d runs have no insns file: the plugin did not run "
                 "in all of them" % (len(runs) - len(with_insns), len(runs)))
    if with_insns:
        profile_report(outdir, products)


def pair_rows(rows):
    """Table rows of PAIRS: the series' medians, one figure over another."""
    med = {}
    for row in rows:
        for clock in ("tcg", "icount"):
            r = row.get(clock, ({}, None, None))[0]
            if "series" in r and r["series"][0]:
                med[(row["fig"], row["size"], clock)] = r["series"][0]
    out = []
    for a, b, what in PAIRS:
        for size in sorted({k[1] for k in med if k[0] == a}):
            cells = []
            for clock in ("tcg", "icount"):
                x, y = med.get((a, size, clock)), med.get((b, size, clock))
                if not x or not y:
                    cells.append("n/a")
                    continue
                # icount holds instructions per page: lower is faster.
                cells.append("%.2f" % (y / x if clock == "icount" else x / y))
            out.append("| %s | %s | %s | %s |" % (what, size_s(a, size), *cells))
    return out


def symbols(system_map):
    """Sorted (address, name) of the kernel's text symbols."""
    syms = []
    with open(system_map) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in "tTwW":
                syms.append((int(addr, 16), name))
    syms.sort()
    return syms


def module_symbols(ko, base):
    """(address, name) of a module's .text functions, loaded at base.

    /proc/modules gives the address of the module's text, whose first
    section is .text: only symbols of .text are placed from it (those of
    .init.text or .text.unlikely have offsets in their own sections), and
    what lies past the end of .text is named as such.
    """
    out = subprocess.run(["objdump", "-t", ko], capture_output=True,
                         text=True, check=True).stdout
    mod = os.path.basename(ko)[:-3]
    syms, end = [], 0
    for line in out.splitlines():
        m = re.match(r"^([0-9a-f]+) .{7} (\S+)\s+([0-9a-f]+)\s+(\S+)$", line)
        if not m or m.group(2) != ".text":
            continue
        addr, size = int(m.group(1), 16), int(m.group(3), 16)
        end = max(end, addr + size)
        if size:
            syms.append((base + addr, "%s [%s]" % (m.group(4), mod)))
    syms.append((base + end, "(%s, past its .text)" % mod))
    return syms


def profile_report(outdir, products):
    """profile.md: instructions per page (or operation) by function."""
    per = {}		# (fig, size) -> kernel -> function -> instructions
    count = {}		# (fig, size) -> kernel -> pages handled, or operations
    for run in sorted(glob.glob(os.path.join(outdir, "runs", "*"))):
        kernel = os.path.basename(run).split(".")[0]
        ch = channel.read(os.path.join(run, "channel.txt"))
        marks = [(w[1], int(w[2]), int(w[3])) for w in
                 (ln.split() for ln in ch.block("bench"))
                 if len(w) == 4 and w[0] == "mark"]
        # /proc/modules: name size refcount deps state address
        modules = {w[0]: int(w[5], 16) for w in
                   (ln.split() for ln in ch.block("modules")) if len(w) >= 6}
        syms = symbols(os.path.join(products, kernel, "bench", "System.map"))
        for name, base in modules.items():
            ko = os.path.join(products, kernel, "bench", name + ".ko")
            if base and os.path.exists(ko):
                syms += module_symbols(ko, base)
        syms.sort()
        addrs = [a for a, _ in syms]

        def name_of(addr):
            if addr < 0xffff800000000000:
                return "(user space)"
            i = bisect.bisect_right(addrs, addr) - 1
            return syms[i][1] if i >= 0 else "?"

        intervals, opens = [], 0
        with open(os.path.join(run, "insns")) as f:
            for line in f:
                if line.startswith("("):
                    opens += 1
                    continue
                if line.startswith("@"):
                    intervals.append({})
                    continue
                addr, n = line.split()
                fn = name_of(int(addr, 16))
                intervals[-1][fn] = intervals[-1].get(fn, 0) + int(n)
        if opens != len(marks) or len(intervals) != len(marks):
            sys.exit("%s: %d intervals opened and %d closed, but hmm-bench "
                     "marked %d: something else made the marking system call"
                     % (run, opens, len(intervals), len(marks)))
        for (fig, size, units), counts in zip(marks, intervals):
            if fig == "-":
                continue
            key = (fig, size)
            count.setdefault(key, {}).setdefault(kernel, 0)
            count[key][kernel] += units
            d = per.setdefault(key, {}).setdefault(kernel, {})
            for fn, n in counts.items():
                d[fn] = d.get(fn, 0) + n

    md = ["Instructions of each timed operation by function, counted by "
          "bench/insn-count.so (a QEMU plugin) under `-icount shift=0`: "
          "exact, not sampled. A figure's instructions are those between "
          "the two marks around its operation, divided by the pages it "
          "handled (the figure's size times its passes), or per operation "
          "for registration. Functions whose counts differ most come first.", ""]
    for fig, size in sorted(per, key=lambda k: (ORDER.index(k[0]), k[1])):
        d = per[(fig, size)]
        if len(d) != 2:
            continue
        div = count[(fig, size)]
        unit = "per operation" if fig in ("register", "unregister") else "per page"
        fns = set(d["base"]) | set(d["series"])
        rows = [(fn, d["base"].get(fn, 0) / div["base"],
                 d["series"].get(fn, 0) / div["series"]) for fn in fns]
        tb = sum(r[1] for r in rows)
        ts = sum(r[2] for r in rows)
        md.append("### %s, %s: %s" % (fig, size_s(fig, size), WHAT[fig]))
        md.append("")
        md.append("Instructions %s: base %s, series %s (%+.1f%%)."
                  % (unit, fmt(tb), fmt(ts), (ts - tb) * 100 / tb if tb else 0))
        md.append("")
        md.append("| function | base | series | series - base |")
        md.append("|---|---|---|---|")
        rows.sort(key=lambda r: -abs(r[2] - r[1]))
        for fn, b, s in rows[:15]:
            md.append("| %s | %s | %s | %+.1f |" % (fn, fmt(b), fmt(s), s - b))
        md.append("")
    with open(os.path.join(outdir, "profile.md"), "w") as f:
        f.write("\n".join(md) + "\n")


def plot(outdir, rows):
    """Left: every ratio, under both clocks. Right: registration time."""
    bars = os.path.join(outdir, "ratios.dat")
    with open(bars, "w") as f:
        i = 0
        for row in rows:
            if row["fig"] == "host_ram":
                continue
            t = row.get("tcg", ({}, None))[1]
            c = row.get("icount", ({}, None))[1]
            f.write('%d %s %s "%s %s"\n' % (i, "%.4f" % t if t else "NaN",
                                           "%.4f" % c if c else "NaN", row["fig"],
                                           size_s(row["fig"], row["size"])))
            i += 1
    reg = os.path.join(outdir, "register.dat")
    nreg = 0
    with open(reg, "w") as f:
        for row in rows:
            r = row.get("tcg", ({}, None))[0]
            if row["fig"] == "register" and len(r) == 2:
                f.write("%d %.4f %.4f\n" % (row["size"], r["base"][0], r["series"][0]))
                nreg += 1
    if not i or nreg < 2:
        return		# nothing worth a plot (a profile run, one size)
    script = """
set terminal pngcairo size 1400,800 font ",9" noenhanced
set output "%(out)s"
set multiplot layout 1,2
set title "series/base (1 = same; pages/s: higher is better; ns, ms: lower is better)"
set style fill solid 0.6
set yrange [*:*] reverse
set ytics nomirror
set xrange [0:*]
set grid x
set key top right
set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2
plot "%(bars)s" using 2:($1-0.2):(0):2:($1-0.4):($1):ytic(4) with boxxyerror title "TCG time", \\
     "%(bars)s" using 3:($1+0.2):(0):3:($1):($1+0.4) with boxxyerror title "instructions (icount)"
unset arrow 1
set title "registration time against size (TCG)"
set yrange [*:*] noreverse
set logscale xy
set xrange [128:262144]
set xlabel "MiB of device-private memory"
set ylabel "ms"
set key left top
set grid
plot "%(reg)s" using 1:2 with linespoints title "base", \\
     "%(reg)s" using 1:3 with linespoints title "series"
unset multiplot
""" % {"out": os.path.join(outdir, "bench.png"), "bars": bars, "reg": reg}
    gp = os.path.join(outdir, "bench.gp")
    with open(gp, "w") as f:
        f.write(script)
    if not shutil.which("gnuplot"):
        print("report.py: no gnuplot (config/packages.bench), no bench.png",
              file=sys.stderr)
        return
    subprocess.run(["gnuplot", gp], check=True)


if __name__ == "__main__":
    main()
