"""Writes docs/benchmarks.md and the throughput plot from bin/bench's results (one JSON line per run)."""
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time

results, out, np, runs, commit = sys.argv[1:6]
NOTES = "<!-- notes -->"

iops, small, latency, start, sweep, bounded, commands = {}, {}, {}, [], {}, {}, {}
with open(results) as f:
    for line in f:
        label, command, text = line.rstrip("\n").split("\t", 2)
        data = json.loads(text)
        words = label.split()
        kind = words[0]
        if kind == "iops":
            key = (words[1], words[2], words[3])
            iops.setdefault(key, []).append(data)
            commands.setdefault(("iops",) + key, command)
        elif kind == "small":
            small.setdefault(words[1], []).append(data)
            commands.setdefault(("small", words[1]), command)
        elif kind == "latency":
            for op in data["results"]:
                latency.setdefault(op["op"], []).append(op)
            commands.setdefault(("latency",), command)
        elif kind == "start":
            start.append(data["wall_s"])
            commands.setdefault(("start",), command.replace("wall ", "time ", 1))
        elif kind == "bounded":
            bounded.setdefault(words[1], []).append(data)
            commands.setdefault(("bounded", words[1]), command)
        elif kind == "sweep":
            sweep.setdefault(words[1], []).append((data["avg_message_bytes"], data))
            commands.setdefault(("sweep", words[1], words[2]), command)


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def si(units):
    # the benchmark's own unit style: decimal prefixes
    for prefix in ["", "K", "M", "G", "T"]:
        if abs(units) < 1000:
            return f"{units:.2f} {prefix}"
        units /= 1000
    return f"{units:.2f} P"


def size(n):
    for unit in ["B", "KiB", "MiB", "GiB"]:
        if n < 1024:
            return f"{n:g} {unit}"
        n /= 1024
    return f"{n:g} TiB"


def spread(values):
    values = sorted(v for v in values if v is not None)
    return "" if len(values) < 2 else f" ({', '.join(f'{v:.3g}' for v in values)})"


os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
lines = [
    "# Benchmarks",
    "",
    f"Written by `bin/bench` on {time.strftime('%Y-%m-%d %H:%M %Z')} at commit {commit}: {np} ranks, coordinator"
    f" in rank 0, TCP unless a row says otherwise; median of {runs} runs per row unless it says one run.",
    "",
    "| machine | |",
    "|-|-|",
    f"| CPU | {os.cpu_count()} cores, {platform.processor() or platform.machine()} |",
    f"| OS | {platform.system()} {platform.release()} |",
    f"| Java | {java[0] if java else 'unknown'} |",
    f"| JAVA_OPTS | `{os.environ.get('JAVA_OPTS', '')}` |",
    "",
]

# ---- targets
def iops_row(name, api, proto="tcp"):
    return iops.get((name, api, proto), [])


def lat(op):
    return med(r["median_us"] for r in latency.get(op, []))


targets = []
if iops_row("Sync", "buffer"):
    targets.append(("`Iops sync --step-size 0 --max-size 21 --reps 500`, buffer API", "≤ 2.5 s",
                    f"{med(r['time_s'] for r in iops_row('Sync', 'buffer')):.2f} s"
                    + spread(r["time_s"] for r in iops_row("Sync", "buffer"))))
if iops_row("Sync", "object"):
    targets.append(("the same, object API (`byte[]` chunks)", "≤ 4.5 s",
                    f"{med(r['time_s'] for r in iops_row('Sync', 'object')):.2f} s"
                    + spread(r["time_s"] for r in iops_row("Sync", "object"))))
for api in ("buffer", "object"):
    if small.get(api):
        targets.append((f"`Iops sync --step-size 0 --max-size 3 --reps 2000` (8-byte messages), {api} API",
                        "≥ 15,000 ops/s", f"{med(r['iops'] for r in small[api]):,.0f} ops/s"
                        + spread(r["iops"] for r in small[api])))
if "barrier" in latency:
    targets.append(("barrier", "≤ 60 µs median", f"{lat('barrier'):.0f} µs"))
if "allreduce (object)" in latency:
    targets.append(("`allreduce` of one int", "≤ 80 µs median",
                    f"{lat('allreduce (object)'):.0f} µs (object), {lat('Allreduce (int[1])'):.0f} µs (`int[1]`)"))
def mib(rows, key):
    return f"{med(r[key] for r in rows) / 2**20:.0f} MiB"


if iops_row("Async", "buffer"):
    rows = iops_row("Async", "buffer")
    sync_time = med(r["time_s"] for r in iops_row("Sync", "buffer"))
    measured = ""
    if bounded.get("async") and bounded.get("sync"):
        b = bounded["async"]
        measured = (f"with `-Xmx300m`: {mib(b, 'peak_pss_bytes')} peak PSS (RSS {mib(b, 'peak_rss_bytes')},"
                    f" heap {mib(b, 'peak_heap_bytes')}), {med(r['time_s'] for r in b):.2f} s"
                    f" (sync with `-Xmx300m` {med(r['time_s'] for r in bounded['sync']):.2f} s); ")
    targets.append(("`Iops async --step-size 0 --max-size 21 --reps 500`, buffer API",
                    "≤ 300 MiB per rank, time ≤ sync",
                    measured + f"with `JAVA_OPTS` only: {mib(rows, 'peak_pss_bytes')} peak PSS"
                    f" (RSS {mib(rows, 'peak_rss_bytes')}, heap {mib(rows, 'peak_heap_bytes')}),"
                    f" {med(r['time_s'] for r in rows):.2f} s (sync {sync_time:.2f} s)"))
if start:
    targets.append((f"`jmpirun -np {np}` of a program that only calls `barrier`", "≤ 2 s wall",
                    f"{med(start):.2f} s" + spread(start)))
if targets:
    lines += ["## Targets", "", "| case | target | measured |", "|-|-|-|"]
    lines += [f"| {c} | {t} | {m} |" for c, t, m in targets]
    lines += [""]

# ---- seed table
lines += [
    "## Throughput (Iops)",
    "",
    "pympi's three cases. Time is the slowest rank's; transfer counts every byte twice (sent and received), as"
    " pympi does; memory is the largest rank's peak (rank 0 also hosts the coordinator). The resident set"
    " counts every shared-memory page a rank touched, its own segment's and the others', in full; the"
    " proportional set size (PSS, sampled every 500 ms) divides each shared page among the processes that map it.",
    "",
    "| Test | API | Transport | Time | Transfer | Operations | Memory (peak RSS) | Memory (peak PSS) | Memory (peak heap) |",
    "|-|-|-|-|-|-|-|-|-|",
]
for (name, api, proto), rows in iops.items():
    one = " (one run)" if len(rows) == 1 and int(runs) > 1 else ""
    lines.append(
        f"| {name} | {api} | {proto.upper()}{one} | {med(r['time_s'] for r in rows):.2f} s"
        f" | {si(med(r['transfer_bps'] for r in rows))}bps"
        f" | {med(r['iops'] for r in rows):.2f} IOPS"
        f" | {med(r['peak_rss_bytes'] for r in rows) / 1e6:.2f} MB"
        f" | {med(r['peak_pss_bytes'] for r in rows) / 1e6:.2f} MB"
        f" | {med(r['peak_heap_bytes'] for r in rows) / 1e6:.2f} MB |")
lines.append("")

# ---- sweep and plot
if sweep:
    lines += ["## Throughput by message size", "",
              "`Iops sync --step-size 0 --max-size E` for E = 3 … 24 (one run each; the number of messages"
              " falls as they grow): transfer rate and operations per second.", "",
              "![throughput by message size](benchmarks-throughput.svg)", "",
              "| message | " + " | ".join(f"{api} transfer | {api} ops/s" for api in sweep) + " |",
              "|-|" + "-|-|" * len(sweep)]
    sizes = sorted({size for points in sweep.values() for size, _ in points})
    for s in sizes:
        cells = []
        for api, points in sweep.items():
            d = next((d for m, d in points if m == s), None)
            cells += ["", ""] if d is None else [f"{si(d['transfer_bps'])}bps", f"{d['iops']:,.0f}"]
        lines.append(f"| {size(s)} | " + " | ".join(cells) + " |")
    lines.append("")

    # a log-log line chart, drawn by hand: no plotting library is needed
    W, H, L, R, T, B = 720, 420, 80, 150, 30, 60
    xs = [math.log2(s) for s in sizes]
    ys = [math.log10(d["transfer_bps"]) for points in sweep.values() for _, d in points if d["transfer_bps"] > 0]
    x0, x1 = min(xs), max(xs)
    y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
    def px(x):
        return L + (x - x0) / (x1 - x0 or 1) * (W - L - R)
    def py(y):
        return H - B - (y - y0) / (y1 - y0 or 1) * (H - T - B)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
           f'<rect width="{W}" height="{H}" fill="white"/>',
           f'<text x="{W / 2 - 60}" y="18" font-size="14">Transfer by message size ({np} ranks, TCP)</text>']
    for y in range(y0, y1 + 1):
        svg.append(f'<line x1="{L}" x2="{W - R}" y1="{py(y):.1f}" y2="{py(y):.1f}" stroke="#ddd"/>')
        svg.append(f'<text x="{L - 8}" y="{py(y) + 4:.1f}" text-anchor="end">{si(10 ** y)}bps</text>')
    for s in sizes:
        x = px(math.log2(s))
        svg.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{T}" y2="{H - B}" stroke="#eee"/>')
        svg.append(f'<text x="{x:.1f}" y="{H - B + 18}" text-anchor="middle">{size(s)}</text>')
    svg.append(f'<text x="{(L + W - R) / 2:.0f}" y="{H - 15}" text-anchor="middle">message size</text>')
    colours = {"buffer": "#1f77b4", "object": "#d62728"}
    for i, (api, points) in enumerate(sweep.items()):
        pts = [(px(math.log2(s)), py(math.log10(d["transfer_bps"]))) for s, d in sorted(points, key=lambda p: p[0])
               if d["transfer_bps"] > 0]
        colour = colours.get(api, "#2ca02c")
        svg.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                   + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
        for x, y in pts:
            svg.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        svg.append(f'<line x1="{W - R + 15}" x2="{W - R + 40}" y1="{T + 20 + 20 * i}" y2="{T + 20 + 20 * i}"'
                   f' stroke="{colour}" stroke-width="2"/>')
        svg.append(f'<text x="{W - R + 45}" y="{T + 24 + 20 * i}">{api} API</text>')
    svg.append("</svg>")
    with open(os.path.join(os.path.dirname(out) or ".", "benchmarks-throughput.svg"), "w") as f:
        f.write("\n".join(svg) + "\n")

# ---- latency
if latency:
    lines += ["## Latency", "",
              "Microseconds. Collectives: the slowest rank's median and p99; ping-pong: the round trip seen by rank 0.",
              "", "| Operation | Iterations | Median µs | p99 µs |", "|-|-|-|-|"]
    for op, rows in latency.items():
        lines.append(f"| {op} | {rows[0]['iters']} | {med(r['median_us'] for r in rows):.1f}"
                     f" | {med(r['p99_us'] for r in rows):.1f} |")
    lines.append("")

lines += ["## Commands", "", "Run from the repository root after `./mvnw -q -DskipTests package`"
          " (`bin/bench` runs them all and writes this page):", "", "```bash"]
lines += [command for key, command in commands.items() if key[0] != "sweep"]
lines += ["```", "", "Micro-benchmarks of the hot paths (frame coding, serialization, reductions), with JMH:", "",
          "```bash", "java -cp 'jmpi-jmh/target/modules/*' org.openjdk.jmh.Main", "```", ""]

notes = ""
if os.path.exists(out):
    with open(out) as f:
        old = f.read()
    if NOTES in old:
        notes = old[old.index(NOTES):]
os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n" + (notes or NOTES + "\n"))
print(f"bench: wrote {out}", file=sys.stderr)
