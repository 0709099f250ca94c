"""Temporal expressions, resolved against the publication date.

News writes relative time: "on Monday", "last month", "Saturday", "In January and February".
Each expression found in ``Article.text`` becomes a ``TimeExpression`` with its span, the
resolved range ``[start, end]`` (ISO dates) and a granularity. Weekdays follow newsroom usage:
the publication day itself when it is that weekday, else the last such day before publication,
or the next one when the sentence speaks of the future ("will", "is set to", "next").
Event-relative times ("shortly after Trump's inauguration to a second term") are found, with
granularity ``event``, and left unresolved: they need knowledge of the event, not arithmetic.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import re
from datetime import date, timedelta

from ..model import Article, Span, TimeExpression
from ..months import MONTH_NAMES, MONTH_PATTERN, month_number
from .sentences import sentence_at

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = MONTH_PATTERN
_YEAR = r"(?:1[5-9]\d\d|20\d\d|2100)"
# Events that news dates other things by ("shortly after Trump's inauguration"). Finding them is
# possible; resolving them needs knowledge of the event, so they stay unresolved (start None).
_EVENTS = (
    "inauguration|election|elections|vote|referendum|summit|meeting|talks|war|invasion|attack|attacks|coup|"
    "pandemic|crisis|earthquake|hurricane|storm|floods?|protests?|ceremony|funeral|visit|trip|speech|debate|"
    "arrest|trial|verdict|ruling|deal|agreement|announcement|collapse|shooting|explosion|assassination|death|"
    "resignation|victory|defeat|convention|primary|primaries|strike|ceasefire|truce|takeover|launch|release"
)
_FUTURE = re.compile(
    r"\b(will|would|is|are) (set|due|scheduled|expected|to)\b|\bwill\b|\bnext\b|\bplans? to\b|"
    r"\bupcoming\b|\bis to\b|\bare to\b",
    re.I,
)

# Order matters: longer, more specific patterns first; matches never overlap.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
        ("month_day_year", rf"\b(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b"),
        ("day_month_year", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\s+(?P<y>{_YEAR})\b"),
        ("month_day", rf"\b(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d)"),
        (
            "month_and_month",
            rf"\b(?P<month>{_MONTH})\s+(?:and|to|through|-|–)\s+(?P<month2>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b",
        ),
        ("month_year", rf"\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("relative", r"\b(?P<rel>last|this|next|past|coming)\s+(?P<unit>week|month|year|weekend)\b"),
        ("deictic", r"\b(?P<word>yesterday|today|tomorrow|tonight)\b"),
        (
            "event",
            r"\b(?:(?:shortly|soon|just|right|hours|days|weeks|months|years)\s+)?(?:after|before|since|following)\s+"
            r"(?:the\s+|(?:his|her|their|its)\s+|[A-Z][A-Za-z'’-]+(?:['’]s)\s+)(?:[A-Za-z-]+\s+){0,2}?"
            rf"(?:{_EVENTS})\b(?:\s+(?:to|of|for)\s+(?:a\s+|an\s+|the\s+)?[A-Za-z-]+(?:\s+term)?)?",
        ),
        (
            "weekday",
            rf"\b(?:(?P<rel>last|this|next|on)\s+)?(?P<weekday>{'|'.join(_WEEKDAYS)})\b",
        ),
        (
            "month",
            rf"\b(?:in|since|until|by|from|during|early|late|mid-?)\s+(?P<month>{'|'.join(MONTH_NAMES)})\b(?!\s+\d)",
        ),
        (
            "year",
            r"\b(?:in|since|until|by|from|during|to|of|before|after|early|late|mid-?|the year)\s+"
            rf"(?P<y>{_YEAR})\b(?!\s*(?:percent|%|\w+s\b))",  # not "in 1500 homes"
        ),
    )
)


def find_dates(text: str, published: str | None) -> list[TimeExpression]:
    """Every temporal expression in ``text``, resolved against ``published`` when it is known."""
    base = _base_date(published)
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind in ("month", "year"):  # keep the preposition out of the span
                start = match.start("month" if kind == "month" else "y")
            elif kind == "weekday" and match.group("rel") and match.group("rel").lower() == "on":
                start = match.start("weekday")
            if _overlaps(taken, start, end):
                continue
            if kind == "month" and not text[start].isupper():  # "may" the verb, "march" the verb
                continue
            bisect.insort(taken, (start, end))
            resolved = _resolve(kind, match, base, sentence_at(text, start))
            first, last, granularity = resolved if resolved else (None, None, _GRANULARITY[kind])
            found.append(TimeExpression(Span(start, end), text[start:end], first, last, granularity))
    found.sort(key=lambda t: t.span.start)
    return found


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps a span of ``taken``: disjoint spans sorted by start, so
    only the two either side of ``start`` can (a scan of all of them was quadratic in dates)."""
    index = bisect.bisect_left(taken, (start,))
    before = index > 0 and taken[index - 1][1] > start
    after = index < len(taken) and taken[index][0] < end
    return before or after


_GRANULARITY = {
    "iso": "day",
    "month_day_year": "day",
    "day_month_year": "day",
    "month_day": "day",
    "month_and_month": "month",
    "month_year": "month",
    "relative": "week",
    "deictic": "day",
    "event": "event",
    "weekday": "day",
    "month": "month",
    "year": "year",
}


def _resolve(kind: str, m: re.Match[str], base: date | None, sentence: str) -> tuple[str, str, str] | None:
    if kind == "event":
        return None
    groups = m.groupdict()
    future = bool(_FUTURE.search(sentence))
    if kind == "iso":
        return _day(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    if kind in ("month_day_year", "day_month_year"):
        return _day(int(groups["y"]), month_number(groups["month"]), int(groups["d"]))
    if kind == "month_year":
        return _month_range(int(groups["y"]), month_number(groups["month"]), month_number(groups["month"]))
    if kind == "year":
        year = int(groups["y"])
        return f"{year:04d}-01-01", f"{year:04d}-12-31", "year"
    if base is None:
        return None
    if kind == "month_day":
        month, day = month_number(groups["month"]), int(groups["d"])
        year = _year_for_month(base, month, future)
        return _day(year, month, day)
    if kind in ("month", "month_and_month"):
        first = month_number(groups["month"])
        last = month_number(groups.get("month2") or groups["month"])
        year = int(groups["y"]) if groups.get("y") else _year_for_month(base, first, future)
        return _month_range(year, first, last if last >= first else first)
    if kind == "deictic":
        offset = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[groups["word"].lower()]
        when = base + timedelta(days=offset)
        return when.isoformat(), when.isoformat(), "day"
    if kind == "weekday":
        return _weekday(base, _WEEKDAYS.index(groups["weekday"].lower()), (groups["rel"] or "").lower(), future)
    if kind == "relative":
        return _relative(base, groups["rel"].lower(), groups["unit"].lower())
    return None


def _weekday(base: date, weekday: int, rel: str, future: bool) -> tuple[str, str, str]:
    if rel == "next" or (future and rel != "last"):
        ahead = (weekday - base.weekday()) % 7
        day = base + timedelta(days=ahead)
    elif rel == "last":
        back = (base.weekday() - weekday) % 7 or 7
        day = base - timedelta(days=back)
    else:
        day = base - timedelta(days=(base.weekday() - weekday) % 7)
    return day.isoformat(), day.isoformat(), "day"


def _relative(base: date, rel: str, unit: str) -> tuple[str, str, str]:
    step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[rel]
    if unit in ("week", "weekend"):
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
        if unit == "weekend":
            return (monday + timedelta(days=5)).isoformat(), (monday + timedelta(days=6)).isoformat(), "day"
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week"
    if unit == "month":
        year, month = divmod(base.year * 12 + base.month - 1 + step, 12)
        return _month_range(year, month + 1, month + 1)
    year = base.year + step
    return f"{year:04d}-01-01", f"{year:04d}-12-31", "year"


def _year_for_month(base: date, month: int, future: bool) -> int:
    """A month named without a year: this year's unless that points the wrong way in time."""
    if future:
        return base.year if month >= base.month else base.year + 1
    return base.year if month <= base.month else base.year - 1


def _month_range(year: int, first: int, last: int) -> tuple[str, str, str]:
    end_day = calendar.monthrange(year, last)[1]
    return f"{year:04d}-{first:02d}-01", f"{year:04d}-{last:02d}-{end_day:02d}", "month"


def _day(year: int, month: int, day: int) -> tuple[str, str, str] | None:
    try:
        value = date(year, month, day).isoformat()
    except ValueError:
        return None
    return value, value, "day"


def _base_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class DatesStage:
    """Find and resolve temporal expressions in the clean text."""

    name = "dates"
    version = "1"
    requires = frozenset({"text", "published"})
    assigns = frozenset({"dates"})

    def __call__(self, article: Article) -> Article:
        return dataclasses.replace(article, dates=tuple(find_dates(article.text, article.published)))
