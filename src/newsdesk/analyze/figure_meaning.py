"""What each figure measures, read from the parse: the noun it counts, the phrase its amount is
"in" or "of", or the subject of the verb it completes ("remittances grew 14 percent").

The figures stage finds figures with rules over the text alone and fills ``measures`` only from
the words right after a figure ("$8.5 billion in family remittances"); this stage, after the
parse, fills the rest.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from ..model import Article, Figure

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Words a measured phrase keeps to the left of its noun: "family remittances", "key players".
_LEFT = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
#: Prepositions that say what an amount is of: "$8.5 billion in remittances", "23 percent of GDP".
_OF = frozenset({"of", "in", "for", "on"})
MAX_PHRASE_TOKENS = 8
#: A token longer than this is no word ("<tr><td>1</td><td>2</td>…" glued into one).
MAX_WORD_CHARS = 60
_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "bn", "mn", "m", "k", "percent", "%"})
_QUOTES = re.compile(r"[“”\"«»„]")
_NUMERIC_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod", "amod"})
#: Nouns that say nothing of what is counted or measured: "200 others", a unit of another figure.
_NO_MEANING = frozenset(
    "others ones pounds pound dollars euros inches feet yards miles meters metres kilometers kilometres".split()
)


def measured_phrase(doc: Doc, figure: Figure) -> str | None:
    """A short phrase saying what the figure counts or measures, or None when the parse does not say."""
    span = doc.char_span(figure.span.start, figure.span.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    inside = {t.i for t in span}
    # the noun the number counts, when the figure holds it ("two key players"); a unit of measure
    # ("340 miles", "74 pounds") says how, not what, so what it measures is looked for around it
    counted = figure.kind in ("count", "number")
    if counted and root.pos_ in ("NOUN", "PROPN") and root.i in inside and not root.like_num:
        return None if root.lower_ in _NO_MEANING else _phrase(root)
    head = root.head
    if root.dep_ in _NUMERIC_DEPS and head.pos_ in ("NOUN", "PROPN") and head.i not in inside:
        if head.lower_ in _NO_MEANING:
            return None  # "6-foot-4 and 231 pounds": another measure, not what this one measures
        return _phrase(head, skip=inside)  # "a $6 million deal", not "a 70-yard layout" again
    # "$8.5 billion in family remittances", "23 percent of GDP" (unless that is already its base)
    owner = root if not figure.base else None
    if root.dep_ == "appos" and (head.like_num or head.pos_ in ("SYM", "NUM") or head.text in ("$", "€", "£")):
        owner = head  # "$8.5 billion in remittances, 23 percent of GDP": the share is of the same thing
    for child in owner.rights if owner is not None else ():
        if child.dep_ == "prep" and child.lower_ in _OF:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and objects[0].pos_ in ("NOUN", "PROPN"):
                return _phrase(objects[0])
    # "remittances grew 14 percent", "the deficit reached $1.2 trillion", "Choi's winnings are $17 million"
    verb = head if root.dep_ in ("dobj", "npadvmod", "attr", "pobj", "advmod", "nsubj", "appos") else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    if verb is not None and verb.pos_ in ("VERB", "AUX"):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside]
        if subjects and subjects[0].pos_ == "NOUN":
            return _phrase(subjects[0])
    if figure.base and figure.kind == "percent":
        return f"share of {figure.base}"  # "30 percent of voters": a share of them
    return None


def _phrase(noun: Token, skip: frozenset[int] | set[int] = frozenset()) -> str | None:
    """The noun with the words that qualify it on the left and an "of" phrase on the right,
    without the tokens in ``skip`` (the figure's own, when it stands inside the phrase)."""
    left = noun.i
    for child in noun.lefts:
        if child.dep_ in _LEFT and not child.like_num:
            left = min(left, min(t.i for t in child.subtree))
    right = noun.i
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            right = max(right, max(t.i for t in child.subtree))
    # at most a few times the phrase's length is looked at: a degenerate parse can span thousands
    window = noun.doc[left : min(right + 1, left + 4 * MAX_PHRASE_TOKENS)]
    if any(len(t) > MAX_WORD_CHARS for t in window):
        return None  # no words but a run of markup or symbols: each figure in it would copy the run
    # the figure's own number, scale and sign are not what it measures; its other words may be ("3 young defenders")
    tokens = [t for t in window if not (t.like_num or t.lower_ in _SCALE_WORDS or t.i in skip) or t.i == noun.i]
    while tokens and (tokens[0].pos_ in ("DET", "PUNCT") or tokens[0].text in ("$", "%")):
        tokens = tokens[1:]
    tokens = tokens[:MAX_PHRASE_TOKENS]
    if not tokens:
        return None
    # the words as written (each token with its own trailing space), without quotation marks
    words = "".join(t.text_with_ws for t in tokens)
    words = " ".join(_QUOTES.sub("", words).split())
    return words.strip(" ,.;:") or None


class FigureMeaningStage:
    """Fill what each figure measures from the parse."""

    name = "figure-meaning"
    version = "3"
    requires = frozenset({"parsed", "figures"})
    assigns = frozenset({"figures"})

    def __call__(self, article: Article) -> Article:
        doc = article.parsed
        limit = len(doc.text) if doc is not None else 0
        figures = []
        for figure in article.figures:
            measures = figure.measures
            if measures is None and doc is not None and figure.span.end <= limit:
                measures = measured_phrase(doc, figure)
            figures.append(dataclasses.replace(figure, measures=measures))
        return dataclasses.replace(article, figures=tuple(figures))
