"""Writes docs/benchmarks-compare.md and its plots from bin/bench-compare's results: per case and side,
one line of JSON result records (separated by \\x1e) for each round."""
import json
import os
import statistics
import sys
import time

from svgplot import plot

results, docs, rounds, commit = sys.argv[1:5]
JMPI, TCP, SM = "jmpi", "Open MPI TCP", "Open MPI shared memory"
runs = {}
with open(results) as f:
    for line in f:
        name, side, rnd, text = line.rstrip("\n").split("\t", 3)
        records = [json.loads(t) for t in text.split("\x1e") if t.strip()]
        runs.setdefault((name, side), []).append(records)


def latency(records, op):
    """jmpi's Latency result for op, or the anchor's micro result: both the mean µs of an operation
    (the anchor times all its iterations at once), so that a rare slow one counts on either side."""
    for r in records:
        if r.get("bench") == "latency":
            for o in r["results"]:
                if o["op"] == op:
                    return o.get("mean_us", o["median_us"])
        elif "us_per_op" in r and r.get("bench") != "iops":
            return r["us_per_op"]
        elif r.get("bench") == "pingpong":
            return r["latency_us"] * 2
    return None


def iops_field(records, jmpi_key, anchor_key):
    for r in records:
        if r.get("bench") == "iops":
            return r.get(jmpi_key, r.get(anchor_key))
    return None


# what each case reports: (unit, lower is better, value of one run's records)
METRICS = {
    "alltoall 2 MiB buffer": ("s", True, lambda rs: iops_field(rs, "time_s", "time_max")),
    "alltoall 2 MiB buffer np 8": ("s", True, lambda rs: iops_field(rs, "time_s", "time_max")),
    "alltoall 2 MiB object": ("s", True, lambda rs: iops_field(rs, "time_s", "time_max")),
    "alltoall 2 MiB async": ("s", True, lambda rs: iops_field(rs, "time_s", "time_max")),
    "alltoall 8 B": ("ops/s", False, lambda rs: iops_field(rs, "iops", "iops")),
    "alltoall 8 B ×20000": ("ops/s", False, lambda rs: iops_field(rs, "iops", "iops")),
    "alltoall 8 B cold": ("ops/s", False, lambda rs: iops_field(rs, "iops", "iops")),
    "barrier": ("µs", True, lambda rs: latency(rs, "barrier")),
    "allreduce int": ("µs", True, lambda rs: latency(rs, "Allreduce (int[1])")),
    "ping-pong 8 B": ("µs round trip", True, lambda rs: latency(rs, "ping-pong 8 B")),
    "ping-pong 4 MiB": ("µs round trip", True, lambda rs: latency(rs, "ping-pong 4 MiB")),
    "Mix": ("s", True, lambda rs: iops_field(rs, "time_s", "time_max")),
}
TARGETS = {
    "alltoall 2 MiB buffer": "≤ 1.0 × TCP", "alltoall 2 MiB buffer np 8": "≤ 1.0 × TCP",
    "alltoall 8 B": "≥ 1.0 × TCP", "alltoall 8 B ×20000": "(steady state)", "alltoall 8 B cold": "(no warm-up)", "barrier": "≤ 1.0 × TCP", "allreduce int": "≤ 1.0 × TCP",
    "ping-pong 8 B": "≤ 1.5 × TCP", "ping-pong 4 MiB": "≤ 1.5 × TCP (bandwidth ≥ 0.8 ×)",
    "alltoall 2 MiB object": "≥ 4 × faster than TCP", "Mix": "peak memory ≤ 1.5 GiB per rank",
}


def median(name, side):
    values = [METRICS[name][2](rs) for rs in runs.get((name, side), [])]
    values = [v for v in values if v is not None]
    return (statistics.median(values), values) if values else (None, [])


def fmt(v, unit):
    if v is None:
        return "—"
    return f"{v:,.0f} {unit}" if v >= 100 else f"{v:.3g} {unit}"


def ratio(a, b, lower_better):
    if a is None or b is None or b == 0:
        return "—"
    r = a / b if lower_better else b / a
    return f"{r:.2f}×"


lines = [f"# jmpi beside Open MPI", "",
         f"Written by `bin/bench-compare` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} at commit {commit}: "
         f"{rounds} alternating rounds, medians of the rounds (each round's latency is a mean over its "
         "iterations, on both sides); Open MPI 4.1 driven by mpi4py (the anchors), over TCP on loopback "
         "and over its shared-memory transport. Ratios are jmpi ÷ Open MPI (time), or Open MPI ÷ jmpi (rates), "
         "so above 1 means jmpi is behind.", "",
         *([os.environ["NOTE"], ""] if os.environ.get("NOTE") else []),
         "| case | unit | jmpi | Open MPI TCP | Open MPI shared memory | jmpi ÷ TCP | jmpi ÷ shared memory | target | runs (jmpi) |",
         "|-|-|-|-|-|-|-|-|-|"]
for name, (unit, lower, _) in METRICS.items():
    j, jv = median(name, JMPI)
    t, _ = median(name, TCP)
    s, _ = median(name, SM)
    if j is None and t is None:
        continue
    lines.append(f"| {name} | {unit} | {fmt(j, unit)} | {fmt(t, unit)} | {fmt(s, unit)} | {ratio(j, t, lower)} "
                 f"| {ratio(j, s, lower)} | {TARGETS.get(name, '')} | {', '.join(f'{v:.3g}' for v in jv)} |")
for rs in runs.get(("Mix", JMPI), [])[:1]:
    for r in rs:
        if r.get("bench") == "iops":
            lines += ["", f"Mix, jmpi: peak resident memory of the largest rank {r['peak_rss_bytes'] / 2**30:.2f} GiB."]

# throughput by message size, from the sweep
size_series = {}
for (name, side), rs in runs.items():
    if name.startswith("size "):
        e = int(name.split()[1])
        bps = iops_field(rs[0], "transfer_bps", "bps")
        if bps:
            size_series.setdefault(side, []).append((2 ** e, bps / 1e9))
if size_series:
    plot(os.path.join(docs, "bench-throughput-by-size.svg"), "alltoall throughput by message size, 4 ranks",
         "bytes per message", "Gbit/s", size_series, xfmt=lambda x: f"{x:,}" if x < 1024 else
         (f"{x // 1024} KiB" if x < 2**20 else f"{x // 2**20} MiB"))
    lines += ["", "## Throughput by message size", "", "![throughput by message size](bench-throughput-by-size.svg)"]

rank_series = {}
for (name, side), rs in runs.items():
    if name.startswith("ranks "):
        us = latency(rs[0], "barrier")
        if us:
            rank_series.setdefault(side, []).append((int(name.split()[1]), us))
if rank_series:
    plot(os.path.join(docs, "bench-latency-by-ranks.svg"), "barrier latency by number of ranks",
         "ranks", "µs", rank_series, xlog=True, ylog=True)
    lines += ["", "## Latency by number of ranks", "", "![barrier latency by ranks](bench-latency-by-ranks.svg)"]

with open(os.path.join(docs, "benchmarks-compare.md"), "w") as f:
    f.write("\n".join(lines) + "\n")
print("\n".join(lines))
