"""Raw HTML that leaked into scraped text: a line that is mostly tags is source, not story."""

from __future__ import annotations

import re

from .line_measures import WORD

# Ad tags carry long tracking URLs in their attributes; the bound keeps matching linear.
_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]{0,2000}>", re.IGNORECASE)

#: A line whose characters are this much inside tags is source code that leaked into the text...
MARKUP_SHARE = 0.3

#: ...unless this many words stand outside its tags: then it also carries text (a one-line page).
MARKUP_TEXT_WORDS = 30


def is_markup(line: str) -> bool:
    """Raw HTML in scraped text (a template or an ad the scraper printed as text).

    Only for scraped text: in a page, tags written as text are the author's (code samples).
    """
    if "<" not in line:
        return False
    pieces = _outside_comments(line)
    text = " ".join(pieces)
    tags = _TAG.findall(text)
    inside = len(line) - sum(map(len, pieces)) + sum(map(len, tags))
    if len(tags) + len(pieces) - 1 < 2 or inside < MARKUP_SHARE * len(line):
        return False
    return len(WORD.findall(_TAG.sub(" ", text))) < MARKUP_TEXT_WORDS


def _outside_comments(line: str) -> list[str]:
    """The pieces of ``line`` around its ``<!-- … -->`` comments (one more piece than comments).

    A scan with str.find rather than a lazy regex: "<!--" repeated without a close would make
    the regex rescan the rest of the line from every opening (quadratic on hostile input).
    """
    pieces: list[str] = []
    position = 0
    while (start := line.find("<!--", position)) >= 0 and (end := line.find("-->", start + 4)) >= 0:
        pieces.append(line[position:start])
        position = end + 3
    pieces.append(line[position:])
    return pieces
