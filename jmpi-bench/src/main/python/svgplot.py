"""A small line plot in SVG, log-scaled axes where asked: enough for the benchmark pages, no libraries."""
import math

COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]


def _ticks(lo, hi, log):
    if log:
        return [10 ** e for e in range(math.floor(math.log10(lo)), math.ceil(math.log10(hi)) + 1)]
    step = 10 ** math.floor(math.log10(max(hi - lo, 1e-12)))
    start = math.floor(lo / step) * step
    return [start + i * step for i in range(int((hi - start) / step) + 2)]


def plot(path, title, xlabel, ylabel, series, xlog=True, ylog=True, xfmt=str, yfmt=lambda v: f"{v:g}"):
    """series: {name: [(x, y), ...]}; points with y None or not above 0 on a log axis are left out."""
    w, h, left, right, top, bottom = 720, 420, 80, 200, 40, 60
    pts = [(x, y) for s in series.values() for x, y in s if y is not None and (not ylog or y > 0)]
    if not pts:
        return
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if ylog:
        y0, y1 = 10 ** math.floor(math.log10(y0)), 10 ** math.ceil(math.log10(y1))
    else:
        y0, y1 = 0, y1 * 1.1
    if x0 == x1:
        x1 = x0 * 2 if xlog else x0 + 1

    def fx(x):
        t = (math.log(x) - math.log(x0)) / (math.log(x1) - math.log(x0)) if xlog else (x - x0) / (x1 - x0)
        return left + t * (w - left - right)

    def fy(y):
        t = (math.log(y) - math.log(y0)) / (math.log(y1) - math.log(y0)) if ylog else (y - y0) / (y1 - y0)
        return h - bottom - t * (h - top - bottom)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{w / 2 - right / 2}" y="22" text-anchor="middle" font-size="15">{title}</text>',
           f'<text x="{(w - right + left) / 2}" y="{h - 15}" text-anchor="middle">{xlabel}</text>',
           f'<text transform="translate(18,{h / 2}) rotate(-90)" text-anchor="middle">{ylabel}</text>']
    for t in _ticks(y0, y1, ylog):
        if y0 <= t <= y1:
            out.append(f'<line x1="{left}" x2="{w - right}" y1="{fy(t):.1f}" y2="{fy(t):.1f}" stroke="#ddd"/>')
            out.append(f'<text x="{left - 6}" y="{fy(t) + 4:.1f}" text-anchor="end">{yfmt(t)}</text>')
    for x in sorted(set(xs)):
        out.append(f'<text x="{fx(x):.1f}" y="{h - bottom + 18}" text-anchor="middle">{xfmt(x)}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{w - left - right}" height="{h - top - bottom}" fill="none" stroke="#888"/>')
    for i, (name, s) in enumerate(series.items()):
        c = COLOURS[i % len(COLOURS)]
        line = [(fx(x), fy(y)) for x, y in sorted(s) if y is not None and (not ylog or y > 0)]
        if line:
            out.append('<polyline fill="none" stroke-width="2" stroke="%s" points="%s"/>'
                       % (c, " ".join(f"{a:.1f},{b:.1f}" for a, b in line)))
            out.extend(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{c}"/>' for a, b in line)
        ly = top + 10 + 20 * i
        out.append(f'<line x1="{w - right + 15}" x2="{w - right + 35}" y1="{ly}" y2="{ly}" stroke="{c}" stroke-width="2"/>')
        out.append(f'<text x="{w - right + 40}" y="{ly + 4}">{name}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")
