"""Charts as server-rendered SVG (no script, no chart library, nothing from a CDN): the dashboard's CSP
allows no inline script, and the SVG is part of the page the companion serves.

Every text in a chart (titles, axis labels, legend entries, product titles written by strangers) goes
through `markupsafe.escape`; numbers are formatted by Python. Each bar or point carries
`data-series`, `data-label` and `data-value` so a test (or a screen reader via <title>) can read it; the
page shows the same numbers in a table beside each chart.
"""

from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ("#1664ff", "#f5a623", "#00a870", "#d83931", "#8d4eda", "#14c9c9", "#f77234", "#86909c", "#c9cdd4")
W, H = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 16, 46


def _nice_max(value: float) -> int:
    """A round axis maximum at or above `value` (1, 2, 5 × 10^n), at least 1."""
    value = max(1.0, float(value))
    step = 1
    while True:
        for m in (1, 2, 5):
            if m * step >= value:
                return m * step
        step *= 10


def _ticks(top: int) -> list[int]:
    step = max(1, top // 5) if top >= 5 else 1
    return list(range(0, top + 1, step))


def _frame(title: str, desc: str, y_label: str, x_label: str, y_top: float, ticks: list[float], y_fmt, testid: str) -> list[str]:
    plot_h = H - TOP - BOTTOM
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="100%" role="img" class="chart"'
           f' data-testid="{escape(testid)}" aria-label="{escape(title)}" style="max-width:{W}px;background:#fff">',
           f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>"]
    for t in ticks:
        y = TOP + plot_h - (t / y_top * plot_h if y_top else 0)
        out.append(f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e6eb"/>'
                   f'<text x="{LEFT - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#4e5969">{escape(y_fmt(t))}</text>')
    out.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{TOP + plot_h}" stroke="#86909c"/>'
               f'<line x1="{LEFT}" x2="{W - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" stroke="#86909c"/>')
    out.append(f'<text x="12" y="{TOP + plot_h / 2:.1f}" font-size="11" fill="#4e5969" text-anchor="middle"'
               f' transform="rotate(-90 12 {TOP + plot_h / 2:.1f})" data-testid="y-label">{escape(y_label)}</text>')
    out.append(f'<text x="{LEFT + (W - LEFT - RIGHT) / 2:.1f}" y="{H - 4}" font-size="11" fill="#4e5969"'
               f' text-anchor="middle" data-testid="x-label">{escape(x_label)}</text>')
    return out


def _x_labels(categories: list[str], slot: float) -> list[str]:
    every = max(1, (len(categories) + 11) // 12)  # at most ~12 labels under the axis
    out = []
    for i, c in enumerate(categories):
        if i % every == 0:
            x = LEFT + slot * (i + 0.5)
            out.append(f'<text x="{x:.1f}" y="{H - BOTTOM + 14}" font-size="10" fill="#4e5969" text-anchor="middle">{escape(c)}</text>')
    return out


LEGEND_W = 180


def _legend(names: list[str]) -> list[str]:
    """Swatches and names right of the plot (the SVG is LEGEND_W wider when there is a legend)."""
    out = []
    for i, name in enumerate(names[:12]):
        y = TOP + 4 + i * 18
        short = name if len(name) <= 14 else name[:13] + "…"
        out.append(f'<rect x="{W + 8}" y="{y}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}" class="legend"/>'
                   f'<text x="{W + 26}" y="{y + 10}" font-size="11" fill="#1f2329">{escape(short)}<title>{escape(name)}</title></text>')
    return out


def stacked_bars(categories: list[str], series: list[tuple[str, list[float]]], *, title: str, y_label: str,
                 x_label: str, empty: str = "", testid: str = "chart") -> Markup:
    """Stacked bars: one column per category (a week), one coloured segment per series (type, product, platform).
    A `<rect>` is drawn for every non-zero value only."""
    totals = [sum(vals[i] for _name, vals in series) for i in range(len(categories))]
    y_top = _nice_max(max(totals, default=0))
    out = _frame(title, f"{len(categories)} columns, {len(series)} series", y_label, x_label, y_top, _ticks(y_top), lambda t: str(t), testid)
    if series:  # room for the legend
        out[0] = out[0].replace(f'viewBox="0 0 {W} {H}"', f'viewBox="0 0 {W + LEGEND_W} {H}"').replace(
            f"max-width:{W}px", f"max-width:{W + LEGEND_W}px")
    plot_h = H - TOP - BOTTOM
    slot = (W - LEFT - RIGHT) / max(1, len(categories))
    bar_w = max(2.0, min(48.0, slot * 0.7))
    for i, cat in enumerate(categories):
        base = 0.0
        x = LEFT + slot * i + (slot - bar_w) / 2
        for s, (name, vals) in enumerate(series):
            v = vals[i]
            if not v:
                continue
            h = v / y_top * plot_h
            y = TOP + plot_h - base - h
            out.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{PALETTE[s % len(PALETTE)]}"'
                       f' data-series="{escape(name)}" data-label="{escape(cat)}" data-value="{v:g}">'
                       f"<title>{escape(cat)} · {escape(name)}: {v:g}</title></rect>")
            base += h
    out += _x_labels(categories, slot)
    out += _legend([name for name, _vals in series])
    if not categories and empty:
        out.append(f'<text x="{W / 2:.0f}" y="{H / 2:.0f}" text-anchor="middle" fill="#86909c">{escape(empty)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def line_chart(categories: list[str], values: list[float | None], *, title: str, y_label: str, x_label: str,
               percent: bool = True, empty: str = "", testid: str = "chart") -> Markup:
    """A line of rates (0–1, shown as %) per category; a None value is a gap with no point."""
    y_top = 1.0 if percent else float(_nice_max(max((v for v in values if v is not None), default=0)))
    fmt = (lambda t: f"{t * 100:.0f}%") if percent else (lambda t: f"{t:g}")
    ticks = [0, 0.25, 0.5, 0.75, 1.0] if percent else _ticks(int(y_top))
    out = _frame(title, f"{len(categories)} points", y_label, x_label, y_top, ticks, fmt, testid)
    plot_h = H - TOP - BOTTOM
    slot = (W - LEFT - RIGHT) / max(1, len(categories))
    points, path = [], []
    for i, (cat, v) in enumerate(zip(categories, values)):
        if v is None:
            if len(path) > 1:
                points.append(f'<polyline fill="none" stroke="{PALETTE[0]}" stroke-width="2" points="{" ".join(path)}"/>')
            path = []
            continue
        x, y = LEFT + slot * (i + 0.5), TOP + plot_h - v / y_top * plot_h
        path.append(f"{x:.1f},{y:.1f}")
        points.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{PALETTE[0]}" data-label="{escape(cat)}"'
                      f' data-value="{v:.4f}"><title>{escape(cat)}: {escape(fmt(v))}</title></circle>')
    if len(path) > 1:
        points.append(f'<polyline fill="none" stroke="{PALETTE[0]}" stroke-width="2" points="{" ".join(path)}"/>')
    out += points + _x_labels(categories, slot)
    if not any(v is not None for v in values) and empty:
        out.append(f'<text x="{W / 2:.0f}" y="{H / 2:.0f}" text-anchor="middle" fill="#86909c">{escape(empty)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def hbars(rows: list[tuple[str, float | None, str]], *, title: str, x_label: str, percent: bool = True,
          testid: str = "chart") -> Markup:
    """Horizontal bars, one per row `(label, value, note)` — e.g. the pass rate of each appeal reason with
    "3/5" as note. A None value draws no bar (nothing decided yet)."""
    row_h, label_w, width = 26, 230, W
    height = TOP + row_h * max(1, len(rows)) + 34
    top = 1.0 if percent else float(_nice_max(max((v for _l, v, _n in rows if v is not None), default=0)))
    plot_w = width - label_w - 70
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" class="chart"'
           f' data-testid="{escape(testid)}" aria-label="{escape(title)}" style="max-width:{width}px;background:#fff">',
           f"<title>{escape(title)}</title>"]
    for i, (label, v, note) in enumerate(rows):
        y = TOP + row_h * i
        short = label if len(label) <= 18 else label[:17] + "…"
        out.append(f'<text x="{label_w - 6}" y="{y + 16}" font-size="11" text-anchor="end" fill="#1f2329">{escape(short)}'
                   f"<title>{escape(label)}</title></text>")
        if v is not None:
            w = v / top * plot_w if top else 0
            out.append(f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" fill="{PALETTE[2]}"'
                       f' data-label="{escape(label)}" data-value="{v:.4f}"><title>{escape(label)}: {v * 100:.0f}%</title></rect>')
        text = (f"{v * 100:.0f}%" if percent else f"{v:g}") if v is not None else "—"
        out.append(f'<text x="{label_w + (v / top * plot_w if v and top else 0) + 6:.1f}" y="{y + 16}" font-size="11"'
                   f' fill="#4e5969">{escape(text)} {escape(note)}</text>')
    axis_y = TOP + row_h * max(1, len(rows)) + 4
    out.append(f'<line x1="{label_w}" x2="{label_w + plot_w}" y1="{axis_y}" y2="{axis_y}" stroke="#86909c"/>')
    for t in (0, 0.5, 1.0) if percent else (0, top / 2, top):
        x = label_w + (t / top * plot_w if top else 0)
        out.append(f'<text x="{x:.1f}" y="{axis_y + 13}" font-size="10" text-anchor="middle" fill="#4e5969">'
                   f'{(f"{t * 100:.0f}%" if percent else f"{t:g}")}</text>')
    out.append(f'<text x="{label_w + plot_w / 2:.1f}" y="{height - 2}" font-size="11" text-anchor="middle" fill="#4e5969"'
               f' data-testid="x-label">{escape(x_label)}</text>')
    out.append("</svg>")
    return Markup("".join(out))
