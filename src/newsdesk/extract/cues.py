"""Metadata cues found in text lines: datelines, wire agencies, credits, dates, tags, links.

Used on scraped text (where they are the only metadata there is) and on the body extracted from
HTML (where they fill what the markup did not say).
"""

from __future__ import annotations

import re
from datetime import datetime

from ..months import MONTH_PATTERN, month_number

# Wire agencies: canonical short name -> names and spellings seen in bylines, datelines, credits.
AGENCIES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse", "AFP Photo"),
    "AP": ("AP", "Associated Press", "The Associated Press", "AP Photo"),
    "Reuters": ("Reuters", "Thomson Reuters"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "ANI": ("ANI", "Asian News International"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "TASS": ("TASS", "ITAR-TASS"),
    "UPI": ("UPI", "United Press International"),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "PA": ("PA", "PA Media", "Press Association"),
    "AAP": ("AAP", "Australian Associated Press"),
    "CP": ("The Canadian Press", "Canadian Press", "CP"),
}
_AGENCY_BY_NAME = {name.lower(): short for short, names in AGENCIES.items() for name in names}
_AGENCY_ALT = "|".join(sorted((re.escape(n) for names in AGENCIES.values() for n in names), key=len, reverse=True))
# A credit at the end of a caption: "… 2025. Agence France-Presse", "(AP Photo/Jane Doe)",
# "Photo: Getty Images", "REUTERS/John Smith".
_CREDIT_TAIL = re.compile(
    rf"""(?:[.!?”"')]\s*|\s[|/]\s*|\s)\(?((?:{_AGENCY_ALT})(?:\s*(?:Photo|Images|Pictures|via Getty Images))?"""
    rf"""(?:\s*/\s*[\w .'-]{{1,40}})?|(?:Photo|Image|Picture|Credit)s?\s*(?:by|:)\s*[\w .,'/&-]{{2,60}}"""
    rf"""|[\w.'-]+(?:\s[\w.'-]+){{0,3}}\s*/\s*(?:Getty Images|Shutterstock|AFP|AP|Reuters|EPA))\)?\s*$""",
    re.IGNORECASE,
)
# "WASHINGTON —", "SAN SALVADOR, El Salvador (AP) —", "LONDON (Reuters) -", "Paris, April 3 (AFP) -"
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z.'\- ]{1,40}[A-Z.](?:,\s*[A-Z][\w.' -]{1,30}?)?)"""
    r"""(?:,?\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"""
    r"""\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:—|–|--|-|:)\s+\S"""
)
_BYLINE = re.compile(r"^(?:by|von|par|por)\s+(?P<names>[^|•]{2,120}?)\s*(?:[|•].*)?$", re.I)
_BYLINE_TAIL = re.compile(r"\s+[–—-]\s+")

_TIME_RE = r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?"
_DATE_PATTERNS = (
    re.compile(rf"(?P<month>{MONTH_PATTERN})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)", re.I),
    re.compile(
        rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_PATTERN}),?\s+(?P<year>(?:19|20)\d\d)", re.I
    ),
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<monthnum>\d\d)-(?P<day>\d\d)"),
)
_TIME = re.compile(_TIME_RE, re.I)
_TAGS = re.compile(r"^(?:tags?|topics?|keywords?|filed under)\s*:\s*(?P<tags>.+)$", re.I)
_RELATED = re.compile(
    r"^(?:read|read more|also read|read also|related|see also|more|recommended)\s*[:|>»–—]\s*(?P<title>\S.*)$",
    re.I,
)
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©|\(c\)|copyright)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[^|•.©]*?(?:\.(?:net|com|org|co\.uk|co|de|fr|in|ph|io))?)\s*(?:[|•.]|all rights|$)",
    re.I,
)


def agency_from_name(name: str) -> str | None:
    """Canonical agency for a name such as "Agence France-Presse" or "AP Photo"."""
    cleaned = re.sub(r"\s*/.*$", "", name.strip().strip("().,"))
    cleaned = re.sub(r"\s+(photo|images|pictures|via getty images)$", "", cleaned, flags=re.I)
    return _AGENCY_BY_NAME.get(cleaned.lower())


def split_caption_credit(line: str) -> tuple[str, str] | None:
    """``(caption, credit)`` when the line ends with a photo credit, else None."""
    match = _CREDIT_TAIL.search(line)
    if not match or match.start(1) < 20:
        return None
    caption = line[: match.start(1)].rstrip(" (|/")
    return caption, match.group(1).strip()


def parse_dateline(paragraph: str) -> tuple[str, str | None] | None:
    """``(place, agency or None)`` from a paragraph opening like "WASHINGTON (AP) —"."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    place = match.group("place").strip()
    if len(place.split(",")[0]) < 3 or place.split(",")[0].strip() != place.split(",")[0].strip().upper():
        return None
    agency_text = match.group("agency")
    return place, agency_from_name(agency_text) if agency_text else None


def parse_byline(line: str) -> list[str]:
    """Author names from a byline ("By Jane Doe and John Roe, Reuters"), else []."""
    match = _BYLINE.match(line.strip())
    if not match or len(line) > 160:
        return []
    # what follows a spaced dash is when or what ("By Jane Doe – 18 hours ago", "– Staff Writer")
    written = _BYLINE_TAIL.split(match.group("names"))[0]
    names = re.split(r",\s*|\s+and\s+|\s*&\s*", written)
    return [n.strip() for n in names if n.strip() and not agency_from_name(n) and len(n.split()) <= 5]


def byline_agency(line: str) -> str | None:
    """An agency named in a byline, e.g. "By Jane Doe, Associated Press"."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    for part in re.split(r",\s*|\s+and\s+|\s*[|/]\s*|\s+[–—-]\s+", match.group("names")):
        agency = agency_from_name(part)
        if agency:
            return agency
    return None


def parse_date(line: str) -> str | None:
    """An ISO date (with time when given, no zone) from a short line such as "01:45 PM April 14, 2025"."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if not match:
            continue
        parts = match.groupdict()
        if parts.get("monthnum"):
            month = int(parts["monthnum"])
        else:
            month = month_number(parts["month"])
        try:
            value = datetime(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            continue
        time_match = _TIME.search(line)
        if time_match:
            hour, minute = int(time_match.group("hour")), int(time_match.group("minute"))
            ampm = (time_match.group("ampm") or "").lower().replace(".", "")
            if ampm == "pm" and hour < 12:
                hour += 12
            elif ampm == "am" and hour == 12:
                hour = 0
            if hour < 24 and minute < 60:
                return value.replace(hour=hour, minute=minute).isoformat(timespec="minutes")
        return value.date().isoformat()
    return None


def parse_tags(line: str) -> list[str]:
    """Tags from a "TAGS: a, b" line, else []."""
    match = _TAGS.match(line.strip())
    if not match:
        return []
    return [t.strip() for t in re.split(r"[,;|•]", match.group("tags")) if t.strip()]


def parse_related(line: str) -> str | None:
    """The linked story's title from a "READ: …" line, else None."""
    match = _RELATED.match(line.strip())
    return match.group("title").strip() if match else None


def parse_copyright_holder(line: str) -> str | None:
    """The holder named in a copyright line ("© Copyright 1997-2025 INQUIRER.net | …")."""
    match = _COPYRIGHT.match(line.strip())
    if not match:
        return None
    name = match.group("name").strip(" ,-")
    return name if 2 <= len(name) <= 60 and not name.lower().startswith("all rights") else None
