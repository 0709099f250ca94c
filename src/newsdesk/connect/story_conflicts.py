"""Figures that disagree between two articles of one story that are not copies of one text.

Without aligned sentences, two figures are taken to state the same thing only when everything
around them agrees: the same kind of quantity (``conflicts._comparable``), the same words for what
they measure ("family remittances"), the same time when either states one, and no named entity
of one's sentence missing from the other's when both sentences name some (the subject: "Mexico's
remittances" are not "El Salvador's"). A figure without ``measures`` is never paired: a
reader could not say what disagrees. The pair is then labelled as for copies (interval of the
printed precision), except that a change — the later article's figure comes with a change verb
("rose to"), or the two figures state different times — is an ``update``, not a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, Figure
from ..stories.profile import stop_words
from .conflicts import FigurePair, _comparable, label

_WORD = re.compile(r"[^\W_]+")


def _measured(figure: Figure) -> frozenset[str] | None:
    if not figure.measures:
        return None
    words = frozenset(w for w in _WORD.findall(figure.measures.lower()) if w not in stop_words())
    return words or None


def _time(figure: Figure) -> tuple[str | None, str | None] | None:
    if figure.time is None or figure.time.start is None:
        return None
    return figure.time.start, figure.time.end


def _names(article: Article, figure: Figure) -> frozenset[str]:
    """Entities named in the figure's sentence (canonical names)."""
    sentence = figure.sentence or figure.span
    return frozenset(
        entity.name
        for entity in article.entities
        if any(sentence.start <= m.start and m.end <= sentence.end for m in entity.mentions)
    )


def story_figure_pairs(a: Article, b: Article) -> Iterator[FigurePair]:
    """Pairs of figures of two articles of one story that state the same thing with other values;
    ``a`` is the earlier article. Kinds: conflict, rounding, update."""
    index: dict[frozenset[str], list[tuple[Figure, frozenset[str]]]] = {}
    for figure in b.figures:
        key = _measured(figure)
        if key is not None:
            index.setdefault(key, []).append((figure, _names(b, figure)))
    for fa in a.figures:
        key = _measured(fa)
        if key is None:
            continue
        names_a = _names(a, fa)
        for fb, names_b in index.get(key, ()):
            if not _comparable(fa, fb) or (fa.value, fa.value_max) == (fb.value, fb.value_max):
                continue
            if names_a and names_b and (names_a - names_b or names_b - names_a):
                continue
            time_a, time_b = _time(fa), _time(fb)
            if (time_a is None) != (time_b is None):
                continue
            kind = label(fa, fb)
            if kind == "same":
                continue
            if time_a != time_b or (kind == "conflict" and fb.change):
                kind = "update"
            yield FigurePair(fa, fb, kind)
