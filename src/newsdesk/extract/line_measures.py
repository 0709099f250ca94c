"""Measures of one line of text: words, capitals, sentence ending, list-item shape, folded form."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)

#: A sentence line with fewer words than this is too short to anchor the story on.
MIN_SENTENCE_WORDS = 7

BULLET = re.compile(r"^([-+•*–·▪►✓]|\d{1,2}[.)])\s+\S")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(line: str) -> int:
    """Number of ``\\w+`` tokens, counting CJK characters as half a word each (no spaces there)."""
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(WORD.findall(line))
    return len(WORD.findall(_CJK.sub(" ", line))) + cjk // 2


def capitalised_share(line: str) -> float:
    """Share of tokens that start with a capital letter: high in menus, lists and headlines."""
    tokens = [t for t in WORD.findall(line) if t[0].isalpha()]
    return sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0


_TERMINAL = re.compile(r"""[.!?…:;。！？]["'”’»)\]」』]*\s*$""")


def ends_like_sentence(line: str) -> bool:
    """True when the line ends with sentence punctuation (closing quotes allowed)."""
    return bool(_TERMINAL.search(line))


def normalise_line(line: str) -> str:
    """Case-, quote- and punctuation-folded words of a line, for comparing repeats."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    folded = folded.translate(str.maketrans("‘’‚‛“”„‟", "''''\"\"\"\""))
    return " ".join(re.findall(r"\w+", folded))
