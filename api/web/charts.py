"""Small inline SVG charts for the KPI pages: no script, no library, readable without CSS.

Each chart has a <title> and an aria-label, and the page shows the same numbers in a
table beside it, so nothing depends on seeing the picture.
"""

from __future__ import annotations

from markupsafe import Markup, escape

WIDTH = 480
BAR_AREA = 160
COLOURS = ("#2f5d8a", "#c2702b")  # blue and orange stay apart for colour-blind readers


def grouped_bars(
    title: str,
    groups: list[tuple[str, list[float | None]]],
    series: tuple[str, ...],
    *,
    maximum: float | None = None,
) -> Markup:
    """Bars side by side per group (e.g. sessions held vs expected per session)."""
    values = [v for _, vs in groups for v in vs if v is not None]
    top = maximum or max(values, default=1.0) or 1.0
    if not groups:
        return Markup("")
    slot = (WIDTH - 40) / len(groups)
    bar = max(4.0, min(28.0, (slot - 8) / max(len(series), 1)))
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {BAR_AREA + 50}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="30" y1="{BAR_AREA + 10}" x2="{WIDTH - 5}" y2="{BAR_AREA + 10}" '
        'stroke="#555" stroke-width="1"/>',
        f'<text x="2" y="16" class="axis">{escape(_fmt(top))}</text>',
        f'<text x="2" y="{BAR_AREA + 10}" class="axis">0</text>',
    ]
    for g, (label, vs) in enumerate(groups):
        x0 = 34 + g * slot
        for s, value in enumerate(vs):
            if value is None:
                continue
            height = BAR_AREA * value / top
            x = x0 + s * bar
            y = BAR_AREA + 10 - height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 2:.1f}" height="{height:.1f}" '
                f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(label)}: '
                f"{escape(series[s])} {escape(_fmt(value))}</title></rect>"
            )
        parts.append(f'<text x="{x0:.1f}" y="{BAR_AREA + 26}" class="label">{escape(label)}</text>')
    for s, name in enumerate(series):
        x = 34 + s * 150
        parts.append(
            f'<rect x="{x}" y="{BAR_AREA + 36}" width="10" height="10" '
            f'fill="{COLOURS[s % len(COLOURS)]}"/>'
            f'<text x="{x + 14}" y="{BAR_AREA + 45}" class="label">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def meter(title: str, value: float | None, *, maximum: float = 1.0, unit: str = "%") -> Markup:
    """One horizontal bar filled to ``value`` of ``maximum``; rates (maximum 1) read as
    percentages, anything else as the number itself."""
    if value is None:
        shown = "no data yet"
    elif unit == "%" and maximum == 1.0:
        shown = f"{value * 100:.0f}%"
    else:
        shown = f"{_fmt(value)}{unit}"
    fill = 0.0 if value is None else max(0.0, min(1.0, value / maximum))
    return Markup(
        f'<svg class="meter" viewBox="0 0 {WIDTH} 34" role="img" '
        f'aria-label="{escape(title)}: {escape(shown)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}: {escape(shown)}</title>"
        f'<rect x="0" y="6" width="{WIDTH - 90}" height="18" fill="#e8edf2" rx="3"/>'
        f'<rect x="0" y="6" width="{(WIDTH - 90) * fill:.1f}" height="18" '
        f'fill="{COLOURS[0]}" rx="3"/>'
        f'<text x="{WIDTH - 84}" y="21" class="label">{escape(shown)}</text></svg>'
    )


PALETTE = ("#2f5d8a", "#c2702b", "#3b7d4f", "#7a4f9a", "#9a3b3b", "#4f6f7a")


def progress_lines(title: str, series: dict[str, list[int]], *, scale: int = 5) -> Markup:
    """One line per goal through its self-ratings (1 to ``scale``), oldest first: how a
    participant's goals moved over the programme."""
    rated = {goal: values for goal, values in series.items() if values}
    if not rated:
        return Markup("")
    height, left, top_pad = 150, 30, 10
    longest = max(len(values) for values in rated.values())
    step = (WIDTH - left - 20) / max(longest - 1, 1)
    plot = height - top_pad - 20

    def y(value: int) -> float:
        return top_pad + plot - (value - 1) / (scale - 1) * plot

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height + 22 * len(rated)}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for value in range(1, scale + 1):
        parts.append(
            f'<line x1="{left}" x2="{WIDTH - 10}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#ddd"/><text x="4" y="{y(value) + 4:.1f}" font-size="11">{value}</text>'
        )
    for index, (goal, values) in enumerate(rated.items()):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(f"{left + i * step:.1f},{y(v):.1f}" for i, v in enumerate(values))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        for i, v in enumerate(values):
            parts.append(
                f'<circle cx="{left + i * step:.1f}" cy="{y(v):.1f}" r="3.5" fill="{colour}"/>'
            )
        legend_y = height + 16 + 22 * index
        parts.append(
            f'<rect x="{left}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + 18}" y="{legend_y}" font-size="12">{escape(goal)}: '
            f"{escape(' → '.join(map(str, values)))}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"
