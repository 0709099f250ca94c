"""Figures that disagree between two versions of one story ("$6 million" in one copy, "$6.5
million" in another), told apart from harmless rewrites ("$6.5m") and roundings ("about $6
million" for $6.4 million).

Figures are compared only where the two texts say the same thing: in sentences that pair (most of
their words shared), at the place where their words differ, with the same kind of unit. Each
value is read as an interval from its last printed digit and its qualifier ("$6 million" is
[5.5, 6.5) million and never more than 10% off; "more than 340" reaches 350; "nearly 350" goes
down to 340). The less precise figure must hold the other's value for a rounding; two figures as
precise as each other that differ ("about 57%", "about 58%") conflict; two bounds agree when
their ranges meet ("under 40", "more than 30"). The same value written another way is the same.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..analyze.figures import find_figures
from ..model import Figure, Span
from .changes import aligned_sentences

#: Qualifiers that make a figure approximate, a lower bound or an upper bound.
_ABOUT = frozenset({"about", "around", "roughly", "approximately", "some", "an estimated", "estimated"})
_AT_LEAST = frozenset({"over", "more than", "at least", "just over"})
_AT_MOST = frozenset(
    {"nearly", "almost", "close to", "less than", "fewer than", "at most", "up to", "just under", "under"}
)
_NEARLY = frozenset({"nearly", "almost", "just under", "close to"})
_STRICT = frozenset({"over", "more than", "just over", "less than", "fewer than", "under", "just under"})
#: How far "about", "nearly" or a bare figure may be from the value it rounds.
APPROXIMATE = 0.10
_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class FigurePair:
    """Two figures of two texts that state the same thing; ``kind`` is conflict, rounding or same."""

    a: Figure
    b: Figure
    kind: str

    def to_dict(self) -> dict[str, object]:
        return {
            "mention_a": self.a.text,
            "start_a": self.a.span.start,
            "end_a": self.a.span.end,
            "mention_b": self.b.text,
            "start_b": self.b.span.start,
            "end_b": self.b.span.end,
            "kind": self.kind,
        }


def figure_pairs(text_a: str, text_b: str) -> Iterator[FigurePair]:
    """The figures that differ between two texts of one story, each pair once, labelled."""
    seen: set[tuple[int, int]] = set()
    for span_a, span_b in aligned_sentences(text_a, text_b):
        sentence_a, sentence_b = text_a[slice(*span_a)], text_b[slice(*span_b)]
        if sentence_a == sentence_b:
            continue
        figures_a = _shifted(find_figures(sentence_a), span_a[0])
        figures_b = _shifted(find_figures(sentence_b), span_b[0])
        for a, b in _changed(text_a, text_b, span_a, span_b, figures_a, figures_b):
            written_a, written_b = (a.qualifier, a.text), (b.qualifier, b.text)
            if written_a != written_b and _comparable(a, b) and (a.span.start, b.span.start) not in seen:
                seen.add((a.span.start, b.span.start))
                yield FigurePair(a, b, label(a, b))


def label(a: Figure, b: Figure) -> str:
    """``same`` (one value written two ways), ``rounding`` (the less precise one states the other's
    value correctly) or ``conflict``. A range against one value is compared at each end ("$15 to
    $25 million" and "under $30 million" agree at the top)."""
    if (a.value_max is None) != (b.value_max is None):
        labels = {_label(x, y) for x in _ends(a) for y in _ends(b)}
        return next(kind for kind in ("same", "rounding", "conflict") if kind in labels)
    return _label(a, b)


def _ends(figure: Figure) -> list[Figure]:
    """A range's two ends as figures of their own (a single figure is its own end)."""
    if figure.value_max is None:
        return [figure]
    parts = _RANGE_JOINER.split(figure.text, maxsplit=1)
    low_text, high_text = (parts[0], parts[1]) if len(parts) == 2 else (figure.text, figure.text)
    low = dataclasses.replace(figure, value_max=None, text=low_text)
    high = dataclasses.replace(figure, value=figure.value_max, value_max=None, text=high_text, qualifier=None)
    return [low, high]


_RANGE_JOINER = re.compile(r"\s*(?:–|—|-|\bto\b|\bthrough\b|\band\b)\s*")


def _label(a: Figure, b: Figure) -> str:
    family_a, family_b = _family(a), _family(b)
    if a.value == b.value and a.value_max == b.value_max and family_a == family_b:
        return "same"
    if family_a != "exact" and family_b != "exact" and family_a != family_b:
        # "under 40 percent" and "more than 30 percent": two roundings agree when their ranges meet
        low_a, high_a = interval(a)
        low_b, high_b = interval(b)
        return "rounding" if low_a <= high_b and low_b <= high_a else "conflict"
    step_a, step_b = _step(a), _step(b)
    if family_a == family_b and step_a == step_b:
        return "conflict"  # as precise as each other, and different: "about 57%" and "about 58%"
    a_coarser = (family_b == "exact" and family_a != "exact") or (family_a == family_b and step_a > step_b)
    coarse, fine = (a, b) if a_coarser else (b, a)
    low, high = interval(coarse)
    top = fine.value_max if fine.value_max is not None else fine.value
    return "rounding" if low <= fine.value and top <= high else "conflict"


def interval(figure: Figure) -> tuple[float, float]:
    """The values a figure can stand for: half its last printed digit either side and at most 10%
    ("$6 million" is [5.5, 6.5) million, "about 20 percent" 18 to 22); a bound reaches one digit
    ("more than 340" up to 350, "under 40" down to 30); "nearly" and "close to" one digit and at
    most 10% below."""
    value = abs(figure.value)
    top = abs(figure.value_max) if figure.value_max is not None else value
    step = _step(figure)
    family = _family(figure)
    qualifier = (figure.qualifier or "").lower()
    strict = 1e-9 * max(1.0, value) if qualifier in _STRICT else 0.0  # "more than 40" is not 40
    if family == "at least":
        return value + strict, value + step  # "more than 340": 347 rounded down at its last digit
    if family == "at most":
        reach = min(step, APPROXIMATE * value) if qualifier in _NEARLY else step
        return value - reach, value - strict
    if family == "about":  # within half the last digit and within 10%, both ends included
        reach = min(step / 2, APPROXIMATE * value) if value else step / 2
        return value - reach, top + (min(step / 2, APPROXIMATE * top) if top else step / 2)
    half = min(step / 2, APPROXIMATE * value) if value else step / 2
    high = top + (min(step / 2, APPROXIMATE * top) if top else step / 2)
    return value - half, high - 1e-9 * max(1.0, high)  # half-open: 6.5 is not in "$6 million"


def _step(figure: Figure) -> float:
    """The value of the figure's last significant printed digit: "6.5 million" → 100,000; "$650
    million" → 10 million; "1,200" → 100; a number in words → 1."""
    number = re.search(r"\d[\d,]*(?:\.(\d+))?", figure.text)
    if number is None:
        return 1.0
    digits = number.group().replace(",", "")
    plain = float(digits)
    scale = figure.value / plain if plain else 1.0
    if number.group(1):
        place = 10.0 ** -len(number.group(1))
    else:
        place = 10.0 ** (len(digits) - len(digits.rstrip("0"))) if plain else 1.0
    return abs(scale) * place


def _family(figure: Figure) -> str:
    qualifier = (figure.qualifier or "").lower()
    if qualifier in _ABOUT:
        return "about"
    if qualifier in _AT_LEAST:
        return "at least"
    if qualifier in _AT_MOST:
        return "at most"
    return "exact"


def _comparable(a: Figure, b: Figure) -> bool:
    """Figures of one kind of quantity: the same currency, both shares, or the same counted noun."""
    if a.kind == "money" or b.kind == "money":
        return a.kind == b.kind and a.unit == b.unit
    if a.kind in ("percent", "percentage_points") or b.kind in ("percent", "percentage_points"):
        return a.kind == b.kind
    if a.unit and b.unit:
        return a.unit.lower().rstrip("s") == b.unit.lower().rstrip("s")
    return a.kind == b.kind


def _changed(
    text_a: str, text_b: str, span_a: tuple[int, int], span_b: tuple[int, int],
    figures_a: list[Figure], figures_b: list[Figure],
) -> Iterator[tuple[Figure, Figure]]:  # fmt: skip
    """Figures of two paired sentences that stand where their words differ, paired in order."""
    tokens_a = [(m.start() + span_a[0], m.end() + span_a[0]) for m in _TOKEN.finditer(text_a[slice(*span_a)])]
    tokens_b = [(m.start() + span_b[0], m.end() + span_b[0]) for m in _TOKEN.finditer(text_b[slice(*span_b)])]
    matcher = difflib.SequenceMatcher(
        None, [text_a[s:e].lower() for s, e in tokens_a], [text_b[s:e].lower() for s, e in tokens_b], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        changed_a = (tokens_a[i1][0], tokens_a[i2 - 1][1]) if i2 > i1 else None
        changed_b = (tokens_b[j1][0], tokens_b[j2 - 1][1]) if j2 > j1 else None
        if changed_a is None or changed_b is None:
            continue
        in_a = [f for f in figures_a if _reach(f)[0] < changed_a[1] and changed_a[0] < f.span.end]
        in_b = [f for f in figures_b if _reach(f)[0] < changed_b[1] and changed_b[0] < f.span.end]
        yield from zip(in_a, in_b, strict=False)


def _reach(figure: Figure) -> tuple[int, int]:
    """The figure's span with its qualifier ("more than 40" when only "more than" changed)."""
    lead = len(figure.qualifier) + 1 if figure.qualifier else 0
    return figure.span.start - lead, figure.span.end


def _shifted(figures: list[Figure], offset: int) -> list[Figure]:
    return [dataclasses.replace(f, span=Span(f.span.start + offset, f.span.end + offset)) for f in figures]
