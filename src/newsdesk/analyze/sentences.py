"""Where the sentence around a character offset starts and ends (a light rule, no parser)."""

from __future__ import annotations

import re

# A sentence ends at . ! ? followed by white space or the end, or at a line break (block end).
_END = re.compile(r"[.!?](?=\s|$)|\n")


#: A run of text longer than this without a sentence end (a table or a list the scraper ran
#: together) is cut this far either side of the position: each lookup then costs at most this
#: much, not the length of the text before it (quadratic over a long report full of figures).
MAX_SENTENCE_CHARS = 2000


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """``[start, end)`` of the sentence holding ``position``; ``end`` includes its final mark."""
    start = max(0, position - MAX_SENTENCE_CHARS)
    for match in _END.finditer(text, start, position):
        start = match.end()
    limit = min(len(text), position + MAX_SENTENCE_CHARS)
    stop = _END.search(text, position, limit)
    end = limit if stop is None else stop.end() if stop.group() != "\n" else stop.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def sentence_at(text: str, position: int) -> str:
    """The sentence holding ``position``."""
    start, end = sentence_bounds(text, position)
    return text[start:end]
