"""The publication date: found where pages state it, normalised to ISO 8601, checked for sense.

Pages give it in many forms ("2008-1-14 8:54", "July 31, 2012, 2:38 pm", RFC 2822 "Tue, 15 Jan
2008 09:12:00 +0000") and in many places. A date the page labels as its publication in visible
text ("Published: Friday, January 18, 2008") is what a reader sees, so it is preferred to a bare
``<meta name="date">``, which is often the time the page was served. The page's own local date and
offset are kept, never converted to UTC. Placeholders ("0001-01-01") and dates after the fetch are
not publication dates.
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, date, datetime, timedelta

from ..months import MONTH_PATTERN, month_number
from . import cues

#: Publication dates before this year are placeholders or errors, not news.
EARLIEST_YEAR = 1900

_ISO = re.compile(
    r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T\s]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
_RFC_2822 = re.compile(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}")
# no \b before the label: pages glue it to the word before ("The ProvincePublished: …")
_LABEL = re.compile(
    r"(?:first\s+)?(?:published|posted|article\s+published|published\s+date|date\s+published|publication\s+date)"
    r"(?:\s+on)?\s*[:\-–]?\s*",
    re.I,
)


def normalise_published(value: str | None, fetched_at: str | None = None) -> str | None:
    """``value`` as ISO 8601 (date, or date and time with its own offset), or None when it is no
    plausible publication date (unparseable, before 1900, or after the fetch)."""
    if not value or not value.strip():
        return None
    iso = _as_iso(value.strip())
    if iso is None:
        return None
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return None
    if day.year < EARLIEST_YEAR or day > _latest(fetched_at):
        return None
    return iso


def as_published(value: str | None, fetched_at: str | None = None) -> tuple[str | None, str | None]:
    """``(published, published_as_written)`` for a date an input states: the ISO 8601 form, and
    the string itself when it was written otherwise (kept, never lost, even when unreadable)."""
    if value is None or not str(value).strip():
        return None, None
    value = str(value).strip()
    iso = normalise_published(value, fetched_at)
    return iso, (None if iso == value else value)


_WEEKDAY_DATE = re.compile(
    rf"^[^A-Za-z0-9]{{0,16}}(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}})\b",
    re.I,
)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def labelled_date(text: str, near_year: int | None = None) -> str | None:
    """The first date a page's visible text labels as its publication ("Published: …").

    A label without a year ("Published: Tuesday, January 08") takes the year, within two of
    ``near_year``, in which that day falls on that weekday, when exactly one does.
    """
    for label in _LABEL.finditer(text):
        following = text[label.end() : label.end() + 60]
        found = cues.parse_date(following)
        if found:
            return found
        dated = _WEEKDAY_DATE.match(following)
        if dated and near_year:
            weekday = _WEEKDAYS.index(dated["weekday"][:3].lower())
            month, day = month_number(dated["month"]), int(dated["day"])
            years = [y for y in range(near_year - 2, near_year + 3) if _weekday_of(y, month, day) == weekday]
            if len(years) == 1:
                return date(years[0], month, day).isoformat()
    return None


#: A time stamp with a North American zone: month first ("01/09 00:17:25 ET", "1/9/08 8:05 PM EST").
_STAMP = re.compile(
    r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d\d))?,?\s+\d{1,2}:\d\d(?::\d\d)?\s*"
    r"(?:[ap]\.?m\.?\s*)?(?:ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT)\b",
    re.I,
)


def stamped_date(text: str, near_year: int | None = None) -> str | None:
    """The first time stamp in the visible text with a North American zone, its year given or
    the copyright's (``near_year``); None when neither gives one."""
    for found in _STAMP.finditer(text):
        year_text = found["y"]
        year = (2000 + int(year_text) if len(year_text) == 2 else int(year_text)) if year_text else near_year
        if year is None:
            continue
        try:
            return date(year, int(found["m"]), int(found["d"])).isoformat()
        except ValueError:
            continue
    return None


#: A full date with its weekday: "Tuesday, Jan. 15, 2008", as photo captions and bylines print it.
_FULL_WEEKDAY_DATE = re.compile(
    rf"\b(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?P<month>{MONTH_PATTERN})\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.I,
)


def weekday_dated(text: str, near_year: int | None = None) -> str | None:
    """The day the page's visible text names most often in full with a weekday that agrees with
    it ("Tuesday, Jan. 15, 2008" in a photo caption), the latest on a tie; within a year before
    the copyright's (``near_year``) when the page has one. A last resort: the weekday check keeps
    out list numbers and partial dates, and a story about the past rarely spells its days this way.
    """
    seen: dict[date, int] = {}
    for found in _FULL_WEEKDAY_DATE.finditer(text):
        year, month, day = int(found["year"]), month_number(found["month"]), int(found["day"])
        if near_year is not None and not near_year - 1 <= year <= near_year:
            continue
        if _weekday_of(year, month, day) != _WEEKDAYS.index(found["weekday"][:3].lower()):
            continue
        when = date(year, month, day)
        seen[when] = seen.get(when, 0) + 1
    if not seen:
        return None
    return max(seen, key=lambda when: (seen[when], when)).isoformat()


def _weekday_of(year: int, month: int, day: int) -> int | None:
    try:
        return date(year, month, day).weekday()
    except ValueError:
        return None


def _as_iso(value: str) -> str | None:
    match = _ISO.match(value)
    if match:
        parts = match.groupdict()
        try:
            when = datetime(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        except ValueError:
            return None
        if parts["H"] is None:
            return when.date().isoformat()
        try:
            when = when.replace(hour=int(parts["H"]), minute=int(parts["M"]), second=int(parts["S"] or 0))
        except ValueError:
            return when.date().isoformat()
        text = when.isoformat(timespec="seconds" if parts["S"] else "minutes")
        tz = parts["tz"]
        if tz:
            text += "+00:00" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return text
    parsed = None
    # only what is shaped like RFC 2822: its parser reads "July 31, 2012, 2:38 pm" as 02:38
    if _RFC_2822.match(value):
        try:
            parsed = email.utils.parsedate_to_datetime(value)  # "Tue, 15 Jan 2008 09:12:00 +0000"
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is not None:
        return parsed.isoformat(timespec="minutes")
    return cues.parse_date(value)


def _latest(fetched_at: str | None) -> date:
    """The last day a publication date may fall on: the fetch day, else today (a day of grace for time zones)."""
    try:
        fetched = date.fromisoformat(fetched_at[:10]) if fetched_at else None
    except ValueError:
        fetched = None
    return (fetched or datetime.now(UTC).date()) + timedelta(days=1)
