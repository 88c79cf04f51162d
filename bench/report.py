#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise the samples of "make bench": report.py SAMPLES OUTDIR NOTE OBJDIR.

Writes OUTDIR/results.md (the table), OUTDIR/results.tsv and
OUTDIR/bench.png (gnuplot), one row per figure and size: the median of each
kernel's samples, their spread, and the ratio series/base.  With
OUTDIR/profile.tsv, also OUTDIR/profile.md, symbolised with
OBJDIR/{base,series}/System.map.
"""
import datetime
import os
import platform
import statistics
import subprocess
import sys

ORDER = ["fault_anon", "fault_owned", "migrate_to_dev", "migrate_to_sys",
         "cpu_fault", "register", "unregister", "host_ram"]
WHAT = {
    "fault_anon": "hmm_range_fault, anonymous memory",
    "fault_owned": "hmm_range_fault, device-private owned by the caller",
    "migrate_to_dev": "migrate_vma to device-private",
    "migrate_to_sys": "migrate_vma back to system memory",
    "cpu_fault": "CPU fault on device-private (migrate_to_ram)",
    "register": "register device-private memory",
    "unregister": "unregister device-private memory",
    "host_ram": "host RAM per registered page",
}
HIGHER_IS_BETTER = {"pages/s"}


def quartiles(v):
    if len(v) < 2:
        return v[0], v[0]
    q = statistics.quantiles(v, n=4, method="inclusive")
    return q[0], q[2]


def main():
    samples, outdir, note, objdir = sys.argv[1:5]
    data = {}
    with open(samples) as f:
        next(f)
        for line in f:
            kernel, _boot, fig, size, value, unit = line.rstrip("\n").split("\t")
            key = (fig, int(size), unit)
            data.setdefault(key, {}).setdefault(kernel, []).append(float(value))

    rows = []
    for (fig, size, unit) in sorted(data, key=lambda k: (ORDER.index(k[0]), k[1])):
        d = data[(fig, size, unit)]
        med, spread = {}, {}
        for k in ("base", "series"):
            v = d.get(k)
            if not v:
                continue
            med[k] = statistics.median(v)
            lo, hi = quartiles(v)
            spread[k] = (hi - lo) / 2 / med[k] * 100 if med[k] else 0.0
        ratio = med["series"] / med["base"] if len(med) == 2 and med["base"] else None
        rows.append((fig, size, unit, med, spread, ratio,
                     len(d.get("base", [])), len(d.get("series", []))))

    def fmt(x):
        return "%.3g" % x if x < 1000 else "{:,.0f}".format(x)

    def size_s(fig, size):
        if fig in ("register", "unregister", "host_ram"):
            return "%d GiB" % (size >> 10) if size >= 1024 else "%d MiB" % size
        return "%d pages" % size

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
    md = []
    md.append("Benchmark of %s, %s, %d cores, %s; guests under QEMU TCG "
              "(%s), 2 vCPUs, 4 GiB. Emulated timings: the ratios are the "
              "result, not the absolute numbers."
              % (datetime.date.today().isoformat(), cpu, os.cpu_count(),
                 platform.platform(terse=True), qemu[0] if qemu else "qemu"))
    md.append("")
    md.append(note + ". Median of all samples; ± is half the interquartile "
              "range. Ratio = series/base; higher is better for pages/s, lower "
              "for ns, ms and bytes.")
    md.append("")
    md.append("| figure | size | unit | base | series | series/base |")
    md.append("|---|---|---|---|---|---|")
    for fig, size, unit, med, spread, ratio, nb, ns in rows:
        cell = {k: "%s ±%.0f%%" % (fmt(med[k]), spread[k]) if k in med else "n/a"
                for k in ("base", "series")}
        r = "%.2f" % ratio if ratio is not None else "n/a"
        if ratio is not None and unit in HIGHER_IS_BETTER and ratio < 0.98:
            r += " (slower)"
        md.append("| %s | %s | %s | %s | %s | %s |"
                  % (WHAT.get(fig, fig), size_s(fig, size), unit,
                     cell["base"], cell["series"], r))
    with open(os.path.join(outdir, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")

    with open(os.path.join(outdir, "results.tsv"), "w") as f:
        f.write("figure\tsize\tunit\tbase_median\tbase_spread_pct\t"
                "series_median\tseries_spread_pct\tratio\tbase_n\tseries_n\n")
        for fig, size, unit, med, spread, ratio, nb, ns in rows:
            f.write("\t".join(str(x) for x in (
                fig, size, unit, med.get("base", ""), spread.get("base", ""),
                med.get("series", ""), spread.get("series", ""),
                "" if ratio is None else "%.4f" % ratio, nb, ns)) + "\n")

    plot(outdir, rows, size_s)
    prof = os.path.join(outdir, "profile.tsv")
    if os.path.exists(prof) and os.path.getsize(prof):
        profile_report(outdir, objdir)


def symbols(system_map):
    """Sorted (address, name) of the text symbols, and _stext."""
    syms, stext = [], None
    with open(system_map) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in "tTwW":
                syms.append((int(addr, 16), name))
            if name == "_stext":
                stext = int(addr, 16)
    syms.sort()
    return syms, stext


# Ticks of the idle vCPU, and the reset of /proc/profile itself.
NOT_THE_FIGURE = ("default_idle", "do_idle", "arch_cpu_idle_prepare",
                  "arch_cpu_idle_enter", "write_profile")
# Lookups the series adds: location <-> page, and the checks around them.
LOOKUPS = ("dpriv_to_page", "page_to_dpriv", "__dpriv_space", "__dpriv_entry",
           "dpriv_pgmap", "is_device_private_page", "dpriv_to_folio",
           "folio_to_dpriv")


def profile_report(outdir, objdir):
    """profile.md: per figure, the functions whose samples differ most."""
    import bisect
    samples, step = {}, {}
    with open(os.path.join(outdir, "profile.tsv")) as f:
        for line in f:
            kernel, fig, bucket, n = line.split()
            if fig == "step":
                step[kernel] = int(bucket)
                continue
            samples.setdefault(fig, {}).setdefault(kernel, []).append((int(bucket), int(n)))
    per = {}
    for kernel in step:
        syms, stext = symbols(os.path.join(objdir, kernel, "System.map"))
        addrs = [a for a, _ in syms]
        for fig in samples:
            for bucket, n in samples[fig].get(kernel, []):
                # The last byte of the bucket: under TCG the sampled PC is
                # where a translation block starts, often a function entry.
                addr = stext + (bucket + 1) * step[kernel] - 1
                i = bisect.bisect_right(addrs, addr) - 1
                name = syms[i][1] if i >= 0 else "?"
                if bucket == max(b for b, _ in samples[fig][kernel]) and \
                        addr >= syms[-1][0]:
                    name = "(modules, outside the kernel text)"
                d = per.setdefault(fig, {}).setdefault(name, {"base": 0, "series": 0})
                d[kernel] += n
    md = ["Kernel profile of each figure (/proc/profile, `profile=2`: a "
          "sample per timer tick in kernel mode, 16-byte buckets). Both "
          "kernels did the same work, so sample counts compare directly; "
          "the functions whose counts differ most come first. Ticks of the "
          "idle vCPU and of resetting the profile (%s) are left out. "
          "\"Lookups\" counts the location <-> page helpers (%s), out of "
          "line where the compiler chose so." % (", ".join(NOT_THE_FIGURE), ", ".join(LOOKUPS)), ""]
    for fig in ORDER:
        if fig not in per:
            continue
        funcs = {k: v for k, v in per[fig].items() if k not in NOT_THE_FIGURE}
        tb = sum(v["base"] for v in funcs.values())
        ts = sum(v["series"] for v in funcs.values())
        lk = {k: sum(funcs.get(f, {}).get(k, 0) for f in LOOKUPS)
              for k in ("base", "series")}
        md.append("### %s: %s" % (fig, WHAT[fig]))
        md.append("")
        md.append("Samples: base %d, series %d (%+.1f%%); in lookups: base %d, "
                  "series %d (%.1f%% of the series' samples)."
                  % (tb, ts, (ts - tb) * 100.0 / tb if tb else 0, lk["base"],
                     lk["series"], lk["series"] * 100.0 / ts if ts else 0))
        md.append("")
        md.append("| function | base | series | series - base |")
        md.append("|---|---|---|---|")
        top = sorted(funcs.items(), key=lambda kv: -abs(kv[1]["series"] - kv[1]["base"]))
        for name, v in top[:12]:
            md.append("| %s | %d | %d | %+d |" % (name, v["base"], v["series"],
                                                  v["series"] - v["base"]))
        md.append("")
    with open(os.path.join(outdir, "profile.md"), "w") as f:
        f.write("\n".join(md) + "\n")


def plot(outdir, rows, size_s):
    """Left: every ratio. Right: registration time against size."""
    bars = os.path.join(outdir, "ratios.dat")
    with open(bars, "w") as f:
        for i, (fig, size, unit, med, spread, ratio, nb, ns) in enumerate(rows):
            if ratio is not None:
                f.write('%d %.4f "%s %s"\n' % (i, ratio, fig, size_s(fig, size)))
    reg = os.path.join(outdir, "register.dat")
    with open(reg, "w") as f:
        for fig, size, unit, med, spread, ratio, nb, ns in rows:
            if fig == "register" and len(med) == 2:
                f.write("%d %.4f %.4f\n" % (size, med["base"], med["series"]))
    script = """
set terminal pngcairo size 1400,800 font ",9" noenhanced
set output "%(out)s"
set multiplot layout 1,2
set title "series/base (1 = same; pages/s: higher is better; ns, ms, B: lower is better)"
set style fill solid 0.6
set yrange [*:*] reverse
set ytics nomirror
set xrange [0:*]
set grid x
unset key
set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2
plot "%(bars)s" using 2:1:(0):2:($1-0.4):($1+0.4):ytic(3) with boxxyerror
unset arrow 1
set title "registration time against size (TCG)"
set yrange [*:*] noreverse
set logscale xy
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
    subprocess.run(["gnuplot", gp], check=True)


if __name__ == "__main__":
    main()
