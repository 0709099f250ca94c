"""What a copy changed against the text it copies: headline, cuts, inserted, deleted, moved and
reworded passages, changed figures, added boilerplate, each with offsets.

Paragraphs are paired by the words they share (a reworded paragraph still pairs); inside a pair,
sentences are paired the same way, and the words of a sentence pair are diffed. What is left
unpaired is inserted (or boilerplate, when it reads as furniture), deleted, or cut from the end.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

CHANGE_OPS = ("headline", "truncate", "delete", "insert", "reorder", "reword", "boilerplate", "figure")
#: Two passages are one when this share of the smaller one's words is in the other.
MIN_SHARED = 0.5
_PARAGRAPH = re.compile(r"[^\n]+")
# a sentence runs to . ! ? followed by a space or the end ("38.36 points" is not two)
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?]+(?![\"”’)]*(?:\s|$)))+(?:[.!?]+[\"”’)]*)?")
_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*|[^\w\s]")
_NUMERIC = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)\b", re.I
)
# an outlet's lines around a story it took: credits, copyright, prompts to read, follow, subscribe
_CREDIT = re.compile(
    r"\b(?:contributed to this report|all rights reserved|copyright|©|republished with permission|"
    r"read more|related:|see also|wire (?:reports|services)|sign up|subscribe|newsletter|updated \d|"
    r"distributed by|first published|news tip|contact the newsroom|follow (?:us|the)|on twitter|on facebook|"
    r"this story has been updated|click here|share this)",
    re.I,
)


@dataclass(frozen=True)
class Change:
    """One difference of a copy from its base. ``start``/``end`` are offsets into the copy's text
    (what it added or changed); ``text`` is what the base had there (cut, deleted, moved, or the
    words replaced); ``new`` is the copy's own words (the new headline, the rewording)."""

    op: str
    start: int | None = None
    end: int | None = None
    text: str | None = None
    new: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in (("op", self.op), ("start", self.start), ("end", self.end),
                                  ("text", self.text), ("new", self.new)) if v is not None}  # fmt: skip


def changes(base: str, copy: str, base_title: str | None = None, copy_title: str | None = None) -> list[Change]:
    """The changes that turn ``base`` into ``copy`` (texts, and optionally their headlines)."""
    found: list[Change] = []
    if base_title is not None and copy_title is not None and _normal(base_title) != _normal(copy_title):
        found.append(Change("headline", text=base_title, new=copy_title))
    base_parts, copy_parts = _pieces(_PARAGRAPH, base), _pieces(_PARAGRAPH, copy)
    pairs = _pair(base_parts, copy_parts, base, copy)
    paired_base = {b for b, _ in pairs}
    paired_copy = {c for _, c in pairs}
    first, last_paired = min(paired_copy, default=len(copy_parts)), max(paired_copy, default=-1)
    for index, (start, end) in enumerate(copy_parts):
        if index not in paired_copy:
            outside = index < first or index > last_paired  # above or below the story's own text
            found.append(Change(_added(copy[start:end], outside), start, end))
    last = max(paired_base, default=-1)
    cut = [i for i in range(len(base_parts)) if i > last]
    for index, (start, end) in enumerate(base_parts):
        if index not in paired_base and index not in cut:
            found.append(Change("delete", text=base[start:end]))
    if cut:
        found.append(Change("truncate", text="\n".join(base[s:e] for s, e in (base_parts[i] for i in cut))))
    in_order = _longest_increasing([b for b, _ in sorted(pairs, key=lambda p: p[1])])
    for b, c in pairs:
        if b not in in_order:
            start, end = copy_parts[c]
            found.append(Change("reorder", start, end, text=base[slice(*base_parts[b])][:80]))
        found += _sentence_changes(base, copy, base_parts[b], copy_parts[c])
    return found


def aligned_sentences(base: str, copy: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The sentences of ``base`` and ``copy`` that pair (as offset spans), paragraph by paragraph."""
    base_parts, copy_parts = _pieces(_PARAGRAPH, base), _pieces(_PARAGRAPH, copy)
    out = []
    for b, c in _pair(base_parts, copy_parts, base, copy):
        base_sentences, copy_sentences = _sentences(base, base_parts[b]), _sentences(copy, copy_parts[c])
        out += [(base_sentences[i], copy_sentences[j]) for i, j in _pair(base_sentences, copy_sentences, base, copy)]
    return out


def change_ops(found: list[Change]) -> list[str]:
    """The kinds of change, each once, in a fixed order."""
    kinds = {c.op for c in found}
    return [op for op in CHANGE_OPS if op in kinds]


def _sentences(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The sentences of ``text[span]``, as offsets into ``text`` ("Mr. Hall" is not two)."""
    out: list[tuple[int, int]] = []
    for start, end in _pieces(_SENTENCE, text[span[0] : span[1]]):
        start, end = start + span[0], end + span[0]
        if out and (_ABBREVIATION.search(text, out[-1][0], out[-1][1]) or len(text[start:end].split()) < 2):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Gov|Sen|Rep|Gen|Lt|Col|Capt|Sgt|No|U\.S|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.$"
)


def _sentence_changes(base: str, copy: str, base_span: tuple[int, int], copy_span: tuple[int, int]) -> list[Change]:
    if base[slice(*base_span)] == copy[slice(*copy_span)]:
        return []
    base_sentences, copy_sentences = _sentences(base, base_span), _sentences(copy, copy_span)
    pairs = _pair(base_sentences, copy_sentences, base, copy)
    found: list[Change] = []
    paired_base, paired_copy = {b for b, _ in pairs}, {c for _, c in pairs}
    for index, (start, end) in enumerate(copy_sentences):
        if index not in paired_copy:
            found.append(Change(_added(copy[start:end], outside=False), start, end))
    for index, (start, end) in enumerate(base_sentences):
        if index not in paired_base:
            found.append(Change("delete", text=base[start:end]))
    for b, c in pairs:
        found += _word_changes(base, copy, base_sentences[b], copy_sentences[c])
    return found


def _word_changes(base: str, copy: str, base_span: tuple[int, int], copy_span: tuple[int, int]) -> list[Change]:
    """Reworded words and changed figures between two sentences that pair."""
    old = [(m.start() + base_span[0], m.end() + base_span[0]) for m in _TOKEN.finditer(base[slice(*base_span)])]
    new = [(m.start() + copy_span[0], m.end() + copy_span[0]) for m in _TOKEN.finditer(copy[slice(*copy_span)])]
    matcher = difflib.SequenceMatcher(None, [base[s:e] for s, e in old], [copy[s:e] for s, e in new], autojunk=False)
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        was = base[old[i1][0] : old[i2 - 1][1]] if i2 > i1 else ""
        start = new[j1][0] if j2 > j1 else (new[j1][0] if j1 < len(new) else copy_span[1])
        end = new[j2 - 1][1] if j2 > j1 else start
        now = copy[start:end]
        if not (was + now).strip(" ,.;:—-–\"“”'’()"):
            continue  # only punctuation moved
        op = "figure" if _NUMERIC.search(was) and _NUMERIC.search(now) else "reword"
        found.append(Change(op, start, end, text=was, new=now))
    return found


#: An added line above or below the story this short is the outlet's, not more of the story.
MAX_BOILERPLATE_WORDS = 20
MAX_LABEL_WORDS = 4
_ENDS = re.compile(r"[.!?][\"”’)]*\s*$")


def _added(text: str, outside: bool) -> str:
    """An added passage is boilerplate when it reads as furniture or a credit, or is a short line
    above or below the story; else it is inserted text."""
    if _CREDIT.search(text):
        return "boilerplate"
    words = len(text.split())
    if outside and (words <= MAX_LABEL_WORDS or (words <= MAX_BOILERPLATE_WORDS and not _ENDS.search(text))):
        return "boilerplate"  # "From wire reports", a credit line without a sentence's end
    return "insert"


def _pair(base_parts: list[tuple[int, int]], copy_parts: list[tuple[int, int]], base: str, copy: str
          ) -> list[tuple[int, int]]:  # fmt: skip
    """Pairs (base index, copy index), most shared words first, each passage in one pair."""
    base_words = [_words(base[s:e]) for s, e in base_parts]
    copy_words = [_words(copy[s:e]) for s, e in copy_parts]
    index: dict[str, set[int]] = {}
    for b, words in enumerate(base_words):
        for word in words:
            index.setdefault(word, set()).add(b)
    scored = []
    for c, words in enumerate(copy_words):
        candidates = set().union(*(index.get(w, set()) for w in words)) if words else set()
        for b in candidates:
            shared = len(words & base_words[b]) / max(1, min(len(words), len(base_words[b])))
            if shared >= MIN_SHARED:
                scored.append((shared, -abs(b - c), b, c))
    pairs: list[tuple[int, int]] = []
    used_base: set[int] = set()
    used_copy: set[int] = set()
    for _, _, b, c in sorted(scored, reverse=True):
        if b not in used_base and c not in used_copy:
            pairs.append((b, c))
            used_base.add(b)
            used_copy.add(c)
    return sorted(pairs)


def _longest_increasing(values: list[int]) -> set[int]:
    """The values of one longest increasing run through ``values`` (patience sorting)."""
    tails: list[int] = []
    tail_at: list[int] = []
    previous = [-1] * len(values)
    for i, value in enumerate(values):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < value:
                lo = mid + 1
            else:
                hi = mid
        previous[i] = tail_at[lo - 1] if lo else -1
        if lo == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[lo], tail_at[lo] = value, i
    kept = set()
    i = tail_at[-1] if tail_at else -1
    while i >= 0:
        kept.add(values[i])
        i = previous[i]
    return kept


def _pieces(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.group().strip()]


def _words(text: str) -> frozenset[str]:
    return frozenset(w.lower() for w in re.findall(r"\w+", text))


def _normal(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))
