"""Where the sentence around a character offset starts and ends (a light rule, no parser)."""

from __future__ import annotations

import re

# A sentence ends at . ! ? followed by white space or the end, or at a line break (block end).
_END = re.compile(r"[.!?](?=\s|$)|\n")


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """``[start, end)`` of the sentence holding ``position``; ``end`` includes its final mark."""
    start = 0
    for match in _END.finditer(text, 0, position):
        start = match.end()
    stop = _END.search(text, position)
    end = len(text) if stop is None else stop.end() if stop.group() != "\n" else stop.start()
    while start < end and text[start].isspace():
        start += 1
    return start, end


def sentence_at(text: str, position: int) -> str:
    """The sentence holding ``position``."""
    start, end = sentence_bounds(text, position)
    return text[start:end]
