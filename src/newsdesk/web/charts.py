"""Charts as server-rendered SVG: no JavaScript library, nothing fetched from elsewhere.

Counts over time come in calendar buckets sized to the span (day, week, month or year), so a
bar is never thinner than a few pixels; ticks fall on calendar boundaries; both axes say what
they measure; every bar links to its period and a data table stands behind each chart. Each
function takes plain data and returns ``Markup``; ``Markup.format`` escapes every value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

WIDTH, HEIGHT = 760, 240
LEFT, RIGHT, TOP, BOTTOM = 62, 14, 14, 46
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
MIN_DAYS = 28  # a few days alone would make a few giant bars
#: The largest span, in days, each bucket size is used for (about 90 to 120 bars at most).
BUCKET_SPANS = (("day", 92), ("week", 2 * 366), ("month", 10 * 366))
MAX_TICKS = 8
_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()

#: ``link(first_day, last_day)`` → the URL of what a bar counts, or None for a bar without a link.
PeriodLink = Callable[[date, date], str | None]


@dataclass(frozen=True)
class Bucket:
    start: date
    end: date  # the last day it covers
    count: int


def bucket_size(first: date, last: date) -> str:
    """``day``, ``week``, ``month`` or ``year``: the smallest that keeps the bars countable."""
    span = (last - first).days + 1
    return next((size for size, most in BUCKET_SPANS if span <= most), "year")


def bucket_start(day: date, size: str) -> date:
    if size == "week":
        return day - timedelta(days=day.weekday())  # ISO weeks begin on Monday
    if size == "month":
        return day.replace(day=1)
    if size == "year":
        return day.replace(month=1, day=1)
    return day


def _next(start: date, size: str, step: int = 1) -> date:
    if size == "day":
        return start + timedelta(days=step)
    if size == "week":
        return start + timedelta(weeks=step)
    if size == "year":
        return start.replace(year=start.year + step)
    months = start.year * 12 + start.month - 1 + step
    return date(months // 12, months % 12 + 1, 1)


def buckets(
    days: Sequence[tuple[str, int]], size: str | None = None, span: tuple[date, date] | None = None
) -> tuple[str, list[Bucket]]:
    """Counts per day summed into calendar buckets, empty ones included; ``(size, buckets)``.
    ``span`` (first and last day) makes several series share their buckets."""
    parsed = sorted((date.fromisoformat(d), n) for d, n in days)
    first, last = span or (parsed[0][0], parsed[-1][0])
    size = size or bucket_size(first, last)
    sums: dict[date, int] = {}
    for day, n in parsed:
        key = bucket_start(day, size)
        sums[key] = sums.get(key, 0) + n
    out = []
    start = bucket_start(first, size)
    while start <= last:
        following = _next(start, size)
        out.append(Bucket(start, following - timedelta(days=1), sums.get(start, 0)))
        start = following
    return size, out


def nice_ticks(top: float, whole: bool = False) -> list[float]:
    """0 and up to six round values (1, 2 or 5 times a power of ten) covering ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if whole:
        step = max(1.0, math.ceil(step))
    count = math.ceil(top / step - 1e-9)
    return [i * step for i in range(count + 1)]


def attention_chart(
    days: Sequence[tuple[str, int]],
    counted: str = "articles",
    link: PeriodLink | None = None,
    undated: int = 0,
) -> Markup:
    """Bars of ``counted`` per calendar bucket, each linking to its period, with a data table."""
    note = _undated_note(undated, counted)
    if not days:
        return Markup('<p class="empty">No dated {}.</p>{}').format(counted, note)
    size, series = buckets(days)
    first, end = _padded(series[0].start, series[-1].end + timedelta(days=1))
    total_days = (end - first).days
    ticks = nice_ticks(max(b.count for b in series), whole=True)
    x_of = _x_scale(first, total_days)
    title = f"{counted.capitalize()} per {size}"
    parts = [_frame(ticks, f"{counted} per {size}"), *_time_ticks(first, end, x_of)]
    # one link per period, for its bar and its row of the table
    hrefs = {b.start: link(b.start, b.end) if link else None for b in series if b.count}
    what = escape(counted)
    for b in series:
        if not b.count:
            continue
        h = PLOT_H * b.count / ticks[-1]
        x0, x1 = x_of(b.start), x_of(b.end + timedelta(days=1))
        # f-strings of escaped values: Markup.format cost a third of a two-year chart's time
        bar = (
            f'<rect class="bar" x="{x0 + 0.08 * (x1 - x0):.1f}" y="{TOP + PLOT_H - h:.1f}" '
            f'width="{max(0.84 * (x1 - x0), 1.5):.1f}" height="{h:.1f}">'
            f"<title>{escape(_period(b, size))}: {b.count} {what}</title></rect>"
        )
        href = hrefs[b.start]
        parts.append(Markup(f'<a href="{escape(href)}">{bar}</a>' if href else bar))
    chart = _svg(Markup("").join(parts), f"{title}, {_period(series[0], size)} to {_period(series[-1], size)}")
    return Markup('<figure class="chart"><figcaption>{}</figcaption>{}{}{}</figure>').format(
        title, chart, note, _table(series, size, counted, hrefs)
    )


#: Line colours of the series on one chart (distinct for the common colour-vision deficiencies).
SERIES_COLOURS = ("#0b5cad", "#c2410c", "#15803d", "#7e22ce")


def series_chart(
    series: Sequence[tuple[str, Sequence[tuple[str, int]]]],
    totals: Sequence[tuple[str, int]] | None = None,
    link: Callable[[int, date, date], str | None] | None = None,
) -> Markup:
    """Several searches over time on one chart, a line each in shared calendar buckets: counts
    of articles, or (with ``totals``, all articles per day) their share of the articles of each
    period. ``link(series, first, last)`` opens one series' search for a period."""
    dated = [d for _, days in series for d, n in days if n]
    if not dated:
        return Markup('<p class="empty">No dated articles.</p>')
    span = (date.fromisoformat(min(dated)), date.fromisoformat(max(dated)))
    size = bucket_size(*span)
    counted = [buckets(days or [(min(dated), 0)], size, span)[1] for _, days in series]
    whole = {b.start: b.count for b in buckets(totals, size, span)[1]} if totals else None

    def value(b: Bucket) -> float:
        if whole is None:
            return float(b.count)
        return 100.0 * b.count / whole[b.start] if whole.get(b.start) else 0.0

    unit = f"% of articles per {size}" if whole is not None else f"articles per {size}"
    values = [[value(b) for b in rows] for rows in counted]
    first, end = _padded(span[0], counted[0][-1].end + timedelta(days=1))
    x_of = _x_scale(first, (end - first).days)
    ticks = nice_ticks(max(max(v) for v in values), whole=whole is None)
    parts = [_frame(ticks, unit), *_time_ticks(first, end, x_of)]
    legend = []
    for i, ((label, _), rows, vals) in enumerate(zip(series, counted, values, strict=True)):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        points = [
            (
                x_of(b.start) + (x_of(b.end + timedelta(days=1)) - x_of(b.start)) / 2,
                TOP + PLOT_H - PLOT_H * v / ticks[-1],
            )
            for b, v in zip(rows, vals, strict=True)
        ]
        parts.append(
            Markup('<polyline class="series" fill="none" stroke="{}" stroke-width="2" points="{}"/>').format(
                colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            )
        )
        for b, v, (x, y) in zip(rows, vals, points, strict=True):
            if not b.count:
                continue
            dot = Markup(
                '<circle cx="{:.1f}" cy="{:.1f}" r="3.5" fill="{}"><title>{}, {}: {} {}</title></circle>'
            ).format(x, y, colour, label, _period(b, size), _amount(v, whole is not None), unit.split(" per ")[0])
            href = link(i, b.start, b.end) if link else None
            parts.append(Markup('<a href="{}">{}</a>').format(href, dot) if href else dot)
        # a presentation attribute, not a style: the pages' CSP forbids inline styles
        swatch = Markup(
            '<svg class="swatch" width="12" height="12" aria-hidden="true">'
            '<rect width="12" height="12" rx="2" fill="{}"/></svg>'
        )
        legend.append(Markup("<li>{}{}</li>").format(swatch.format(colour), label))
    chart = _svg(Markup("").join(parts), f"{unit.capitalize()}: " + ", ".join(label for label, _ in series))
    table_rows: list[tuple[str | Markup, list[str]]] = [
        (_period(b, size), [_amount(vals[j], whole is not None) for vals in values])
        for j, b in enumerate(counted[0])
        if any(series_rows[j].count for series_rows in counted)
    ]
    table = _data_table(unit, [size, *(label for label, _ in series)], table_rows)
    return Markup('<figure class="chart"><figcaption>{}</figcaption><ul class="legend">{}</ul>{}{}</figure>').format(
        unit.capitalize(), Markup("").join(legend), chart, table
    )


def _amount(value: float, share: bool) -> str:
    return f"{value:.1f}%" if share else f"{value:.0f}"


def scatter_chart(
    points: Sequence[tuple[str, float, float | None, str, str]], unit: str, what: str = "figures"
) -> Markup:
    """Points ``(day, value, value_max, link, title)`` over time, ranges drawn as spans; each links
    to its sentence. All points are in ``unit``: one scale, never two units on one axis."""
    if not points:
        return Markup('<p class="empty">No dated {}.</p>').format(what)
    days = [date.fromisoformat(p[0]) for p in points]
    first, end = _padded(min(days), max(days) + timedelta(days=1))
    x_of = _x_scale(first, (end - first).days)
    ticks = nice_ticks(max(max(p[1], p[2] or 0) for p in points))
    top = ticks[-1]

    def y_of(value: float) -> float:
        return TOP + PLOT_H - PLOT_H * max(value, 0) / top

    parts = [_frame(ticks, unit), *_time_ticks(first, end, x_of)]
    for (_, value, value_max, href, title), day in zip(points, days, strict=True):
        x = x_of(day) + 0.5 * (x_of(day + timedelta(days=1)) - x_of(day))
        span = (
            Markup('<line class="span" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"/>').format(
                x, y_of(value), x, y_of(value_max)
            )
            if value_max is not None
            else Markup("")
        )
        parts.append(
            Markup(
                '<a href="{}">{}<circle class="point" cx="{:.1f}" cy="{:.1f}" r="5"><title>{}</title></circle></a>'
            ).format(href, span, x, y_of(value), title)
        )
    return _svg(Markup("").join(parts), f"{what} in {unit} over time")


def _padded(first: date, end: date) -> tuple[date, date]:
    """``[first, end)`` widened to at least ``MIN_DAYS``, centred on the data."""
    if (end - first).days < MIN_DAYS:
        pad = (MIN_DAYS - (end - first).days) // 2
        first, end = first - timedelta(pad), end + timedelta(MIN_DAYS - (end - first).days - pad)
    return first, end


def _x_scale(first: date, total_days: int) -> Callable[[date], float]:
    return lambda d: LEFT + PLOT_W * (d - first).days / max(total_days, 1)


def _frame(ticks: list[float], axis_title: str) -> Markup:
    bottom = TOP + PLOT_H
    parts = [
        Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(LEFT, bottom, WIDTH - RIGHT, bottom),
        Markup('<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>').format(LEFT, TOP, LEFT, bottom),
        Markup(
            '<text class="axis-title" x="{}" y="{}" text-anchor="middle" transform="rotate(-90 {} {})">{}</text>'
        ).format(14, TOP + PLOT_H / 2, 14, TOP + PLOT_H / 2, axis_title),
        Markup('<text class="axis-title" x="{}" y="{}" text-anchor="middle">publication date</text>').format(
            LEFT + PLOT_W / 2, HEIGHT - 4
        ),
    ]
    for value in ticks:
        y = bottom - PLOT_H * value / ticks[-1]
        if value:
            parts.append(
                Markup('<line class="grid" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>').format(LEFT, y, WIDTH - RIGHT, y)
            )
        parts.append(
            Markup('<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>').format(
                LEFT - 6, y + 4, _short(value)
            )
        )
    return Markup("").join(parts)


#: Tick steps from finest to coarsest: (calendar unit, how many of it).
_TICK_STEPS = (
    ("day", 1), ("day", 2), ("week", 1), ("week", 2), ("month", 1), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
)  # fmt: skip


def _time_ticks(first: date, end: date, x_of: Callable[[date], float]) -> list[Markup]:
    """Labels on calendar boundaries (1st of a month, 1 January, Mondays), at most ``MAX_TICKS``."""
    for unit, step in _TICK_STEPS:
        start = _first_boundary(first, unit, step)
        marks: list[date] = []
        d = start
        while d < end and len(marks) <= MAX_TICKS:
            marks.append(d)
            d = _next(d, unit, step)
        if len(marks) <= MAX_TICKS:
            break
    out = []
    for i, d in enumerate(marks):
        x = x_of(d)
        # a label at either edge is anchored inside the frame, not cut by it
        anchor = "start" if x < LEFT + 30 else "end" if x > WIDTH - RIGHT - 30 else "middle"
        out.append(
            Markup('<line class="axis" x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}"/>').format(
                x, TOP + PLOT_H, x, TOP + PLOT_H + 4
            )
        )
        out.append(
            Markup('<text class="tick time" x="{:.1f}" y="{}" text-anchor="{}">{}</text>').format(
                x, TOP + PLOT_H + 17, anchor, _tick_label(d, unit, i == 0 or (d.month == 1 and d.day <= 7))
            )
        )
    return out


def _first_boundary(first: date, unit: str, step: int) -> date:
    if unit == "day":
        return first
    if unit == "week":
        return bucket_start(first, "week") + (timedelta(0) if first.weekday() == 0 else timedelta(weeks=1))
    if unit == "month":
        d = first if first.day == 1 else _next(first.replace(day=1), "month")
        while (d.month - 1) % step:
            d = _next(d, "month")
        return d
    year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
    return date(year + (-year) % step, 1, 1)


def _tick_label(d: date, unit: str, with_year: bool) -> str:
    if unit == "year":
        return str(d.year)
    if unit == "month":
        return f"{_MONTHS[d.month - 1]} {d.year}" if with_year or d.month == 1 else _MONTHS[d.month - 1]
    label = f"{d.day} {_MONTHS[d.month - 1]}"
    return f"{label} {d.year}" if with_year else label


def _period(b: Bucket, size: str) -> str:
    if size == "day":
        return b.start.isoformat()
    if size == "week":
        return f"week of {b.start.isoformat()}"
    if size == "month":
        return b.start.isoformat()[:7]
    return str(b.start.year)


def _table(series: list[Bucket], size: str, counted: str, hrefs: dict[date, str | None]) -> Markup:
    rows: list[tuple[str | Markup, list[str]]] = []
    for b in series:
        if not b.count:
            continue
        href, period = hrefs[b.start], _period(b, size)
        label = Markup(f'<a href="{escape(href)}">{escape(period)}</a>') if href else period
        rows.append((label, [str(b.count)]))
    summary = f"{len(rows)} {size}{'' if len(rows) == 1 else 's'} with {counted}"
    return _data_table(summary, [size, counted], rows)


def _data_table(summary: str, headers: list[str], rows: list[tuple[str | Markup, list[str]]]) -> Markup:
    """The table behind a chart: a period per row, a value per column, folded under ``summary``."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)

    def row(period: str | Markup, values: list[str]) -> str:
        cells = "".join(f'<td class="num">{escape(v)}</td>' for v in values)
        return f"<tr><td>{escape(period)}</td>{cells}</tr>"

    body = "".join(row(period, values) for period, values in rows)
    return Markup(
        '<details class="chart-data"><summary>Data table ({})</summary>'
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table></details>"
    ).format(summary, Markup(head), Markup(body))  # both built of escaped values


def _undated_note(undated: int, counted: str) -> Markup:
    if not undated:
        return Markup("")
    return Markup('<p class="chart-note">{} {} without a publication date {} not plotted.</p>').format(
        undated, counted if undated != 1 else counted.rstrip("s"), "are" if undated != 1 else "is"
    )


def _svg(body: Markup, label: str) -> Markup:
    return Markup(
        '<svg class="chart" viewBox="0 0 {} {}" role="group" aria-label="{}" xmlns="http://www.w3.org/2000/svg">{}</svg>'
    ).format(WIDTH, HEIGHT, label, body)


def _short(value: float) -> str:
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"
