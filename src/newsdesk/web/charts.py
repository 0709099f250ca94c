"""Charts as server-rendered SVG: no JavaScript library, nothing fetched from elsewhere.

Each function takes plain data and returns ``Markup``; ``Markup.format`` escapes every value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from markupsafe import Markup

WIDTH, HEIGHT = 760, 220
MIN_DAYS = 28
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 36


def attention_chart(days: Sequence[tuple[str, int]], label: str = "articles per day") -> Markup:
    """Bars of counts per day, gaps filled with zero, ticks on the time axis."""
    if not days:
        return Markup('<p class="empty">No dated articles.</p>')
    counts = dict(days)
    first, last = date.fromisoformat(days[0][0]), date.fromisoformat(days[-1][0])
    if (last - first).days < MIN_DAYS:  # a few days alone would make a few giant bars
        pad = (MIN_DAYS - (last - first).days) // 2
        first, last = first - timedelta(pad), last + timedelta(pad)
    span = (last - first).days + 1
    series = [
        ((first + timedelta(d)).isoformat(), counts.get((first + timedelta(d)).isoformat(), 0)) for d in range(span)
    ]
    top = max(n for _, n in series) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    bar = plot_w / len(series)
    parts = [_frame(label, top, whole=True)]
    for i, (day, n) in enumerate(series):
        if not n:
            continue
        h = plot_h * n / top
        x, y = LEFT + i * bar, TOP + plot_h - h
        parts.append(
            Markup(
                '<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"><title>{}: {}</title></rect>'
            ).format(x + 0.1 * bar, y, max(0.8 * bar, 1.0), h, day, n)
        )
    parts += _time_ticks(first, last, lambda d: LEFT + ((d - first).days + 0.5) * bar)
    return _svg(Markup("").join(parts), label)


def scatter_chart(points: Sequence[tuple[str, float, str, str]], label: str) -> Markup:
    """Points ``(day, value, link, title)`` over time; each point links to its sentence."""
    if not points:
        return Markup('<p class="empty">No dated figures.</p>')
    days = [date.fromisoformat(p[0]) for p in points]
    first, last = min(days), max(days)
    if (last - first).days < MIN_DAYS:
        pad = (MIN_DAYS - (last - first).days) // 2
        first, last = first - timedelta(pad), last + timedelta(pad)
    span = (last - first).days
    top = max(p[1] for p in points) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [_frame(label, top)]
    for (_, value, link, title), d in zip(points, days, strict=True):
        x = LEFT + plot_w * (d - first).days / span
        y = TOP + plot_h - plot_h * max(value, 0) / top
        parts.append(
            Markup(
                '<a href="{}"><circle class="point" cx="{:.1f}" cy="{:.1f}" r="5"><title>{}</title></circle></a>'
            ).format(link, x, y, title)
        )
    parts += _time_ticks(first, last, lambda d: LEFT + plot_w * (d - first).days / span)
    return _svg(Markup("").join(parts), label)


def _frame(label: str, top: float, whole: bool = False) -> Markup:
    plot_h = HEIGHT - TOP - BOTTOM
    lines = [
        Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(
            LEFT, TOP + plot_h, WIDTH - RIGHT, TOP + plot_h
        ),
        Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(LEFT, TOP, LEFT, TOP + plot_h),
    ]
    fractions = (0.0, 1.0) if whole and top < 4 else (0.0, 0.5, 1.0)  # no "0.5 articles"
    for fraction in fractions:
        y = TOP + plot_h - plot_h * fraction
        lines.append(
            Markup('<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>').format(
                LEFT - 6, y + 4, _short(round(top * fraction) if whole else top * fraction)
            )
        )
    return Markup("").join(lines)


def _time_ticks(first: date, last: date, x_of: Callable[[date], float]) -> list[Markup]:
    span = (last - first).days
    step = max(span // 6, 1)
    ticks = []
    previous = -1e9
    d = first
    while d <= last:
        # kept inside the frame, and never closer to the last label than a label is wide
        x = min(max(x_of(d), LEFT + 34), WIDTH - RIGHT - 34)
        if x - previous >= 72:
            ticks.append(
                Markup('<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>').format(
                    x, HEIGHT - 14, d.isoformat()
                )
            )
            previous = x
        d += timedelta(days=step)
    return ticks


def _svg(body: Markup, label: str) -> Markup:
    return Markup(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">{}</svg>'
    ).format(WIDTH, HEIGHT, label, body)


def _short(value: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"
