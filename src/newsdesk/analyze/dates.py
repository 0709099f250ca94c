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
from typing import TYPE_CHECKING

from ..model import Article, Quote, Span, TimeExpression
from ..months import MONTH_NAMES, MONTH_PATTERN, month_number
from .language import lemma
from .sentences import sentence_at, sentence_bounds
from .text_language import is_english

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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

_MONTH_NAME = "|".join(MONTH_NAMES)
_SEASON = r"(?P<season>spring|summer|fall|autumn|winter)"
_COUNT = r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)"
_COUNT_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
#: Months of each season (northern hemisphere, as the guide reads "last summer").
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
# A year on its own ("the 2005 season", "2012 was"), not an amount ("2000 people", "1999 votes").
# Words ending in "s" that are no plural noun: "in 2005 was", "in 2008 as", "2012 has".
_NOT_PLURAL = r"(?!(?:was|has|is|as|this|its|his|thus|us|plus|less|unless|whereas|perhaps)\b)"
_BARE_YEAR = (
    r"(?<![\w$€£#.,/:-])(?P<y>(?:19|20)\d\d)(?![\w%]|[.,]\d|\s*(?:percent|per cent)\b|"
    rf"\s+(?:{_NOT_PLURAL}[a-z]+s|people|men|women|children|police|staff)\b)"
)

# Order matters: longer, more specific patterns first; matches never overlap.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern, re.I))
    for kind, pattern in (
        ("iso", r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)\b"),
        ("month_day_year", rf"\b(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b"),
        ("day_month_year", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_MONTH})\s+(?P<y>{_YEAR})\b"),
        ("month_day_range", rf"\b(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}})\s*[-–]\s*(?P<d2>\d{{1,2}})\b(?!,?\s+\d)"),
        ("month_day", rf"\b(?P<month>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+\d)"),
        (
            "month_and_month",
            rf"\b(?P<month>{_MONTH})\s+(?:and|to|through|-|–)\s+(?P<month2>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b",
        ),
        (
            "months_to",  # "the 12 months to June 2007", "the year to March 2008": a period ending then
            rf"\bthe\s+(?:(?P<n>\d{{1,2}}|three|six|nine|twelve)\s+months|(?P<whole>year|quarter))\s+"
            rf"(?:to|ending|ended|through)\s+(?:the\s+end\s+of\s+)?(?P<month>{_MONTH})\s+(?P<y>{_YEAR})\b",
        ),
        ("month_year", rf"\b(?P<month>{_MONTH})\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("quarter", rf"\b(?:the\s+)?(?P<q>{'|'.join(_QUARTERS)})\s+quarter\s+of\s+(?P<y>{_YEAR})\b"),
        ("season_year", rf"\b(?:the\s+)?{_SEASON}\s+(?:of\s+)?(?P<y>{_YEAR})\b"),
        ("season_relative", rf"\b(?P<rel>last|this|next|past|coming)\s+{_SEASON}\b"),
        ("month_relative", rf"\b(?P<rel>last|this|next)\s+(?P<month>{_MONTH_NAME})\b"),
        ("month_of_year", rf"\b(?P<month>{_MONTH_NAME})\s+(?P<rel>last|this|next)\s+year\b"),
        ("part_of_year", r"\b(?P<part>earlier|later)\s+this\s+year\b"),
        (
            "edge_of",
            r"\b(?:the\s+)?(?P<part>end|beginning|start)\s+of\s+(?P<rel>this|last|next)\s+(?P<unit>year|month)\b",
        ),
        ("ago", rf"\b{_COUNT}\s+(?P<unit>years?|months?|weeks?|days?)\s+ago\b"),
        ("part_of_day", r"\b(?P<rel>last|this|yesterday|tomorrow)\s+(?P<part>night|morning|afternoon|evening)\b"),
        # "the next week" counts seven days from publication; "next week" is the calendar week
        ("rolling_week", r"\bthe\s+(?P<rel>last|next|past|coming)\s+week\b(?!\s+of\b)"),
        ("rest_of", r"\b(?:the\s+)?rest\s+of\s+(?:this|the)\s+(?P<unit>week|month|year)\b"),
        ("relative", r"\b(?P<rel>last|this|next|past|coming)\s+(?P<unit>week|month|year|weekend)\b(?!\s+of\b)"),
        ("deictic", r"\b(?P<word>yesterday|today|tomorrow|tonight)\b"),
        ("decade", r"\b(?:the\s+)?(?:(?P<part>early|mid|late)[- ]?)?(?P<decade>1[5-9]\d0|20\d0)s\b"),
        ("year_span", rf"\b(?P<y>{_YEAR})\s*(?:-|–|/|to|through)\s*(?P<y2>{_YEAR}|\d\d)\b(?![-/]\d)"),
        (
            "event",
            r"\b(?:(?:shortly|soon|just|right|hours|days|weeks|months|years)\s+)?(?:after|before|since|following)\s+"
            r"(?:the\s+|(?:his|her|their|its)\s+|[A-Z][A-Za-z'’-]+(?:['’]s)\s+)"
            rf"(?:(?!(?:{_MONTH_NAME})\b)[A-Za-z-]+\s+){{0,2}}?"
            rf"(?:{_EVENTS})\b(?:\s+(?:to|of|for)\s+(?:a\s+|an\s+|the\s+)?[A-Za-z-]+(?:\s+term)?)?",
        ),
        (
            "weekday",
            rf"\b(?:(?P<rel>last|this|next|on)\s+)?(?P<weekday>{'|'.join(_WEEKDAYS)})\b",
        ),
        (
            "month",
            rf"\b(?:in|since|until|by|from|during|early|late|of|mid-?)\s+(?P<month>{_MONTH_NAME})\b(?!\s+\d)",
        ),
        (
            "year",
            r"\b(?:in|since|until|by|from|during|to|of|before|after|early|late|mid-|the year)\s*"
            rf"(?P<y>{_YEAR})\b(?!\s*(?:percent|%|{_NOT_PLURAL}\w+s\b))",  # not "in 1500 homes"
        ),
        ("bare_year", _BARE_YEAR),
        ("cjk_year", rf"(?P<y>{_YEAR})年(?:(?P<m>\d{{1,2}})月)?"),
    )
)


#: Date shapes written without words: all a text in another language gets.
_NUMERIC_KINDS = frozenset({"iso", "cjk_year", "bare_year"})


def find_dates(text: str, published: str | None, english: bool = True) -> list[TimeExpression]:
    """Every temporal expression in ``text``, resolved against ``published`` when it is known.

    ``english=False`` finds only the shapes written without English words (ISO dates, 2024年).
    """
    base = _base_date(published)
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in _PATTERNS:
        if not english and kind not in _NUMERIC_KINDS:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind in ("month", "year", "bare_year"):  # keep the preposition out of the span
                start = match.start("month" if kind == "month" else "y")
            elif kind == "weekday" and match.group("rel") and match.group("rel").lower() == "on":
                start = match.start("weekday")
            if _overlaps(taken, start, end):
                continue
            if kind == "month" and not text[start].isupper():  # "may" the verb, "march" the verb
                continue
            if kind in ("part_of_day", "relative", "rolling_week") and _is_title(text, start, end):
                continue  # "This Morning", "Next Week": the name of a show or a section
            if _on_byline(text, start, end):
                bisect.insort(taken, (start, end))  # no piece of it ("2012") is a date either
                continue  # "Posted Aug 9, 2012 9:21 am": when the page went up, not what the story dates
            bisect.insort(taken, (start, end))
            try:
                resolved = _resolve(kind, match, base, sentence_at(text, start))
            except (OverflowError, ValueError):  # a year at the calendar's edge ("9999 years ago")
                resolved = None
            first, last, granularity = resolved if resolved else (None, None, _GRANULARITY[kind])
            found.append(TimeExpression(Span(start, end), text[start:end], first, last, granularity))
    found.sort(key=lambda t: t.span.start)
    return found


_BYLINE_WORDS = re.compile(
    r"\b(?:posted|updated|published|last updated|modified|by|on|at|am|pm|a\.m|p\.m|gmt|utc|edt|est|bst|cet|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"leave a (?:comment|reply)|no comments|comments?|replies)\b|\d",  # a blog's "On May 2 · 3 Comments"
    re.I,
)


_BYLINE_MARK = re.compile(r"\b(?:posted|updated|published|modified|by)\b|\d:\d\d|\b[ap]\.?m\b", re.I)


BYLINE_CHARS = 120  # the longest line taken for a byline or dateline


def _on_byline(text: str, start: int, end: int) -> bool:
    """Whether the date stands on a line of its own with nothing but date, time and byline words."""
    # looked for no further than a byline line can be long: a page that is one long line costs
    # a bounded search per date, not the whole line
    reach = max(0, start - BYLINE_CHARS - 1)
    line_start = text.rfind("\n", reach, start) + 1
    if line_start == 0 and reach > 0:
        return False
    line_end = text.find("\n", end, end + BYLINE_CHARS + 1)
    if line_end == -1:
        if len(text) - end > BYLINE_CHARS:
            return False
        line_end = len(text)
    if line_end - line_start > BYLINE_CHARS:
        return False
    rest = text[line_start:start] + " " + text[end:line_end]
    words = re.findall(r"[^\W\d_]+", _BYLINE_WORDS.sub(" ", rest))
    if re.search(r"[.!?]\s*$", text[line_start:line_end].strip()[-2:] or ""):
        return False
    # a timeline entry ("March 3, 2012: company founded") keeps its date: a byline says so, or says nothing else
    marked = _BYLINE_MARK.search(rest) is not None
    return not words or (marked and len(words) <= 2)


def _is_title(text: str, start: int, end: int) -> bool:
    """Title Case in mid-sentence ("on This Morning"): a name, not a time."""
    words = text[start:end].split()
    mid_sentence = start > 1 and text[start - 2] not in ".!?\n" and text[start - 1] != "\n"
    return mid_sentence and all(w[:1].isupper() for w in words)


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
    "rolling_week": "week",
    "rest_of": "week",
    "deictic": "day",
    "event": "event",
    "weekday": "day",
    "month": "month",
    "year": "year",
    "month_day_range": "day",
    "quarter": "month",
    "season_year": "month",
    "season_relative": "month",
    "month_relative": "month",
    "month_of_year": "month",
    "part_of_year": "month",
    "edge_of": "month",
    "ago": "day",
    "part_of_day": "day",
    "decade": "year",
    "year_span": "year",
    "cjk_year": "year",
    "bare_year": "year",
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
    if kind == "months_to":
        months = {"year": 12, "quarter": 3}.get((groups["whole"] or "").lower()) or (
            int(groups["n"]) if groups["n"].isdigit() else _COUNT_WORDS[groups["n"].lower()]
        )
        last_year, last_month = int(groups["y"]), month_number(groups["month"])
        if not 1 <= months <= 24:
            return None
        first_index = last_year * 12 + last_month - 1 - (months - 1)  # months counted from year 0
        opening = _month_range(first_index // 12, first_index % 12 + 1, first_index % 12 + 1)
        return opening[0], _month_range(last_year, last_month, last_month)[1], "month"
    if kind in ("year", "bare_year"):
        year = int(groups["y"])
        return f"{year:04d}-01-01", f"{year:04d}-12-31", "year"
    if kind == "cjk_year":
        year = int(groups["y"])
        if groups.get("m") and 1 <= int(groups["m"]) <= 12:
            return _month_range(year, int(groups["m"]), int(groups["m"]))
        return f"{year:04d}-01-01", f"{year:04d}-12-31", "year"
    if kind == "year_span":
        first, second = int(groups["y"]), groups["y2"]
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last <= first or last - first > 50:
            return None
        return f"{first:04d}-01-01", f"{last:04d}-12-31", "year"
    if kind == "decade":
        decade = int(groups["decade"])
        first, last = {"early": (0, 3), "mid": (4, 6), "late": (5, 9)}.get((groups["part"] or "").lower(), (0, 9))
        return f"{decade + first:04d}-01-01", f"{decade + last:04d}-12-31", "year"
    if kind == "quarter":
        quarter = _QUARTERS[groups["q"].lower()]
        return _month_range(int(groups["y"]), 3 * quarter - 2, 3 * quarter)
    if kind == "season_year":
        return _season(int(groups["y"]), groups["season"].lower())
    if base is None:
        return None
    if kind == "month_day_range":
        month = month_number(groups["month"])
        year = _year_for_month(base, month, future)
        first_day, last_day = _day(year, month, int(groups["d"])), _day(year, month, int(groups["d2"]))
        if not first_day or not last_day or last_day[0] < first_day[0]:
            return None
        return first_day[0], last_day[0], "day"
    if kind == "season_relative":
        return _relative_season(base, groups["season"].lower(), groups["rel"].lower())
    if kind == "month_relative":
        month, rel = month_number(groups["month"]), groups["rel"].lower()
        if rel == "last":
            year = base.year if month < base.month else base.year - 1
        elif rel == "next":
            year = base.year if month > base.month else base.year + 1
        else:
            year = base.year
        return _month_range(year, month, month)
    if kind == "month_of_year":
        year = base.year + {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
        month = month_number(groups["month"])
        return _month_range(year, month, month)
    if kind == "part_of_year":
        if groups["part"].lower() == "earlier":
            return _month_range(base.year, 1, base.month)
        return _month_range(base.year, base.month, 12)
    if kind == "edge_of":
        step = {"last": -1, "this": 0, "next": 1}[groups["rel"].lower()]
        beginning = groups["part"].lower() != "end"
        if groups["unit"].lower() == "year":
            month = 1 if beginning else 12
            return _month_range(base.year + step, month, month)
        year, month = divmod(base.year * 12 + base.month - 1 + step, 12)
        return _month_range(year, month + 1, month + 1)
    if kind == "ago":
        count = groups["n"].lower()
        if count not in _COUNT_WORDS and not count.isdigit():
            return None  # "a few years ago": not a calendar time
        n, unit = _COUNT_WORDS.get(count) or int(count), groups["unit"].lower().rstrip("s")
        if unit == "year":
            return f"{base.year - n:04d}-01-01", f"{base.year - n:04d}-12-31", "year"
        if unit == "month":
            year, month = divmod(base.year * 12 + base.month - 1 - n, 12)
            return _month_range(year, month + 1, month + 1)
        when = base - timedelta(days=n * (7 if unit == "week" else 1))
        return when.isoformat(), when.isoformat(), "day"
    if kind == "part_of_day":
        rel, part = groups["rel"].lower(), groups["part"].lower()
        offset = {"yesterday": -1, "tomorrow": 1, "last": -1, "this": 0}[rel]
        if rel == "last" and part != "night":
            offset = -1  # "last evening"
        when = base + timedelta(days=offset)
        return when.isoformat(), when.isoformat(), "day"
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
    if kind == "rolling_week":
        ahead = groups["rel"].lower() in ("next", "coming")
        since, until = (base, base + timedelta(days=7)) if ahead else (base - timedelta(days=7), base)
        return since.isoformat(), until.isoformat(), "week"
    if kind == "rest_of":
        _, end, granularity = _relative(base, "this", groups["unit"].lower())
        return (base + timedelta(days=1)).isoformat(), end, granularity
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


def _season(year: int, season: str) -> tuple[str, str, str]:
    first, last = _SEASONS[season]
    if first <= last:
        return _month_range(year, first, last)
    end_day = calendar.monthrange(year + 1, last)[1]
    return f"{year:04d}-{first:02d}-01", f"{year + 1:04d}-{last:02d}-{end_day:02d}", "month"


def _relative_season(base: date, season: str, rel: str) -> tuple[str, str, str]:
    """ "last summer": the latest one over before publication; "next": the first one after it;
    "this": the one under way, else the coming one within half a year, else the one just over."""
    spans = [(date.fromisoformat(_season(y, season)[0]), date.fromisoformat(_season(y, season)[1]), y)
             for y in range(base.year - 2, base.year + 2)]  # fmt: skip
    over = [s for s in spans if s[1] < base]
    coming = [s for s in spans if s[0] > base]
    if rel in ("last", "past"):
        chosen = over[-1]
    elif rel in ("next", "coming"):
        chosen = coming[0]
    else:
        current = [s for s in spans if s[0] <= base <= s[1]]
        soon = [s for s in coming if (s[0] - base).days <= 183]
        chosen = (current or soon or over[-1:])[0]
    return _season(chosen[2], season)


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


#: Publication years outside these bounds are placeholders: relative dates stay unresolved.
EARLIEST_BASE_YEAR, LATEST_BASE_YEAR = 1900, 2999


def _base_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        base = date.fromisoformat(published[:10])
    except ValueError:
        return None
    # a placeholder ("0001-01-01") resolves nothing: and dates near the calendar's ends overflow
    return base if EARLIEST_BASE_YEAR <= base.year <= LATEST_BASE_YEAR else None


class DatesStage:
    """Find and resolve temporal expressions in the clean text."""

    name = "dates"
    version = "4"
    requires = frozenset({"text", "published", "language"})
    assigns = frozenset({"dates"})

    def __call__(self, article: Article) -> Article:
        english = is_english(article.language)
        return dataclasses.replace(article, dates=tuple(find_dates(article.text, article.published, english)))


#: Verbs whose infinitive complement lies ahead: "plans to meet Thursday", "is set to vote in May".
_AHEAD = frozenset("plan expect set schedule due aim intend hope want go prepare agree promise vow".split())
_BARE_WEEKDAY = re.compile(rf"^(?P<weekday>{'|'.join(_WEEKDAYS)})(?:\s+(?:night|morning|afternoon|evening))?$", re.I)
_BARE_MONTH = re.compile(rf"^(?P<month>{_MONTH})(?:\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?)?$", re.I)


#: Verbs whose present tense tells a state, not a scheduled event ("That includes … in September").
_STATIVE = frozenset(
    "be have include contain remain mean seem appear know believe think want need like love own belong "
    "consist involve depend deserve matter lack exist represent reflect cover concern feature".split()
)
#: Verbs of perceiving and causing, whose bare infinitive takes their tense ("watched them conduct").
_BARE_INFINITIVE_HEADS = frozenset("watch see hear feel let make help notice observe".split())


def _governing_verb(token: Token) -> Token | None:
    """The verb the token belongs to: up the parse to the first verb, past participles that have
    no auxiliary of their own ("a trip beginning on Thursday") to the finite verb above them."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            untensed = token.tag_ in ("VBG", "VBN") and not any(c.dep_ in ("aux", "auxpass") for c in token.children)
            if not (untensed and token.dep_ in ("acl", "advcl")):
                return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """``"past"``, ``"future"`` or None: the tense of the verb the words at ``[start, end)`` belong to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    token = _governing_verb(span.root)
    if token is None:
        return None
    if token.dep_ in ("ccomp", "xcomp") and lemma(token.head) in _BARE_INFINITIVE_HEADS:
        token = token.head
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & {"will", "'ll", "shall", "wo", "would", "could", "might", "may", "should", "can"}:
        return "future"
    if "to" in words and token.head.i != token.i and lemma(token.head) in _AHEAD:
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries) or words & {"has", "have", "had"}:
        return "past"
    if token.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries):
        # the present of a schedule ("Seattle plays Phoenix on Thursday"); in a headline the
        # present tells what happened ("Police arrest man Tuesday"); a state tells no time
        if not auxiliaries and lemma(token) in _STATIVE:
            return None
        return "past" if _in_headline(doc, token) else "future"
    return None


def _in_headline(doc: Doc, token: Token) -> bool:
    """Whether the token stands in a short line without a full stop (a headline or a caption)."""
    # a window of tokens around it, not Doc.text (rebuilt from every token on each call): a line
    # that runs past the window is longer than any headline anyway
    window = doc[max(0, token.i - 60) : token.i + 60]
    text, offset = window.text, window.start_char
    line_start = text.rfind("\n", 0, token.idx - offset) + 1
    line_end = text.find("\n", token.idx - offset)
    if (line_start == 0 and window.start > 0) or (line_end == -1 and window.end < len(doc)):
        return False
    line = text[line_start : len(text) if line_end == -1 else line_end].strip()
    return len(line.split()) <= 16 and not line.endswith((".", "!", "?", '"', "”"))


def with_changed_dates(article: Article, changed: dict[Span, TimeExpression]) -> Article:
    """The article with these dates (by span) replaced, and each figure's time along with them."""
    if not changed:
        return article
    dates = tuple(changed.get(d.span, d) for d in article.dates)
    figures = tuple(
        dataclasses.replace(f, time=changed[f.time.span]) if f.time is not None and f.time.span in changed else f
        for f in article.figures
    )
    return dataclasses.replace(article, dates=dates, figures=figures)


class DateTenseStage:
    """Re-resolve bare weekdays and months by the tense of their clause, read from the parse:
    "was arrested Tuesday" is the last Tuesday, "will meet Thursday" the coming one."""

    name = "date-tense"
    version = "3"
    requires = frozenset({"parsed", "dates", "figures", "published"})
    assigns = frozenset({"dates", "figures"})

    def __call__(self, article: Article) -> Article:
        base = _base_date(article.published)
        if base is None or article.parsed is None:
            return article
        parsed_chars = len(article.parsed.text)  # once: Doc.text rebuilds the string from every token
        retensed = (self._retensed(article.parsed, parsed_chars, base, d) for d in article.dates)
        changed = {old.span: new for old, new in zip(article.dates, retensed, strict=True) if old != new}
        return with_changed_dates(article, changed)

    def _retensed(self, doc: Doc, parsed_chars: int, base: date, found: TimeExpression) -> TimeExpression:
        weekday, month = _BARE_WEEKDAY.match(found.text), _BARE_MONTH.match(found.text)
        if (weekday is None and month is None) or found.span.end > parsed_chars:
            return found
        if month is not None and _after_until(doc, found.span.start):
            return _nearest_month(base, found, month)
        tense = clause_tense(doc, found.span.start, found.span.end)
        if tense is None:
            return found
        if weekday is not None:
            first, last, granularity = _weekday(
                base, _WEEKDAYS.index(weekday["weekday"].lower()), "", tense == "future"
            )
        else:
            month_no = month_number(month["month"])  # type: ignore[index]
            year = _year_for_month(base, month_no, tense == "future")
            day = int(month["d"]) if month["d"] else None  # type: ignore[index]
            resolved = _day(year, month_no, day) if day else _month_range(year, month_no, month_no)
            if resolved is None:
                return found
            first, last, granularity = resolved
        return dataclasses.replace(found, start=first, end=last, granularity=granularity)


def _after_until(doc: Doc, start: int) -> bool:
    """Whether the words at ``start`` follow "until" ("the delay of the vote until February 18")."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span.start > 0 and doc[span.start - 1].lower_ in ("until", "till", "til")


def _nearest_month(base: date, found: TimeExpression, month: re.Match[str]) -> TimeExpression:
    """A month (and day) after "until", in the year that puts it nearest the story's day: the end of
    a delay or closing lies on either side of it, and the tense of the clause tells of the decision,
    not of the day ("was postponed until February 18" written in January is the coming February)."""
    month_no = month_number(month["month"])
    day = int(month["d"]) if month["d"] else None
    years = (base.year - 1, base.year, base.year + 1)
    options = [_day(y, month_no, day) if day else _month_range(y, month_no, month_no) for y in years]
    resolved = [o for o in options if o is not None]
    if not resolved:
        return found

    def distance(option: tuple[str, str, str]) -> int:
        first, last = date.fromisoformat(option[0]), date.fromisoformat(option[1])
        return 0 if first <= base <= last else min(abs((first - base).days), abs((last - base).days))

    first, last, granularity = min(resolved, key=distance)
    return dataclasses.replace(found, start=first, end=last, granularity=granularity)


_DEICTIC_SHIFT = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1, "this morning": 0}


#: A cue in the present tense ("says", "tells"): the words are the writer's now, not the event's.
_PRESENT_CUE = re.compile(r"^(?!(?:was|has|is)\b)\w*[^s\W]s\b", re.I)
#: How far before publication the story's day may lie: the evening before, or the day before that.
_STORY_DAY_LAG = (1, 2)


class QuotedDaysStage:
    """ "‘We met yesterday,’ she said on Monday": a day word inside a quote counts from the day the
    statement was made: the day the attribution's sentence gives, else the story's own day.

    The story's day is the first day the narration names, when it lies a day or two before
    publication ("broke down last night", "won 4-3 on Friday night" in a story published the next
    morning): quotations told in the past tense are the event's words, and their "today" is that
    day (reported speech is the writer's wording: its "tonight" may be the writer's own).
    """

    name = "quoted-days"
    version = "2"
    requires = frozenset({"dates", "quotes", "figures"})
    assigns = frozenset({"dates", "figures"})

    def __call__(self, article: Article) -> Article:
        days = [d for d in article.dates if d.granularity == "day" and d.start and d.text.lower() not in _DEICTIC_SHIFT]
        quoted = [p for q in article.quotes if q.kind != "indirect" for p in (q.fragments or (q.span,))]
        story_day = self._story_day(article, quoted)
        changed: dict[Span, TimeExpression] = {}
        for quote in article.quotes:
            if quote.cue is None:
                continue
            pieces = quote.fragments or (quote.span,)
            said_on = self._statement_day(article.text, quote, days, pieces)
            if said_on is None and quote.kind != "indirect" and not _PRESENT_CUE.match(quote.cue.of(article.text)):
                said_on = story_day  # the quoted words themselves, told in the past tense
            if said_on is None:
                continue
            for found in article.dates:
                shift = _DEICTIC_SHIFT.get(found.text.lower())
                inside = any(p.start <= found.span.start < p.end for p in pieces)
                if shift is None or not inside:
                    continue
                when = (said_on + timedelta(days=shift)).isoformat()
                changed[found.span] = dataclasses.replace(found, start=when, end=when)
        return with_changed_dates(article, changed)

    @staticmethod
    def _story_day(article: Article, quoted: list[Span]) -> date | None:
        """The first day the narration names (outside quotations), if a day or two before publication."""
        published = _base_date(article.published)
        if published is None:
            return None
        for found in article.dates:  # in text order
            if found.granularity != "day" or not found.start or found.start != found.end:
                continue
            if any(p.start <= found.span.start < p.end for p in quoted):
                continue
            day = date.fromisoformat(found.start)
            lag = (published - day).days
            return day if _STORY_DAY_LAG[0] <= lag <= _STORY_DAY_LAG[1] else None
        return None

    @staticmethod
    def _statement_day(text: str, quote: Quote, days: list[TimeExpression], pieces: tuple[Span, ...]) -> date | None:
        """The day in the attribution's sentence, outside the quoted words, nearest to the cue."""
        assert quote.cue is not None
        low, high = sentence_bounds(text, quote.cue.start)
        outside = [
            d for d in days if low <= d.span.start < high and not any(p.start <= d.span.start < p.end for p in pieces)
        ]
        if not outside:
            return None
        nearest = min(outside, key=lambda d: abs(d.span.start - quote.cue.start))  # type: ignore[union-attr]
        return date.fromisoformat(nearest.start) if nearest.start else None
