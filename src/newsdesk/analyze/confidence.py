"""How likely each fact is right: a rate per form of fact, fitted on hand-annotated news.

A fact's form is a few things visible on the fact itself (an attribution's kind, how its speaker
was found and its cue; a figure's kind, whether it is written in digits and whether what it
measures was found; a date's shape). ``confidence.json`` holds, for each form, the share of such
facts that were right on the development set, smoothed toward the share for its kind, so a form
seen a few times does not get an extreme value. ``python benchmarks/fit_confidence.py`` refits it
(right as ``shared/tools/facts_eval.py`` defines it). Entities have no annotations: their
confidence is a plain rule on how often and how consistently they are named.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from importlib import resources

from ..model import Article, Entity, Figure, Quote, TimeExpression

_PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "it", "i", "we"})
_PLAIN_CUES = frozenset({"say", "says", "said", "saying", "tell", "tells", "told", "according to"})
_DEICTIC = re.compile(r"\b(today|tonight|yesterday|tomorrow|this morning|last night|this (afternoon|evening))\b", re.I)
_RELATIVE = re.compile(r"\b(last|this|next|past|coming|ago|earlier|later|previous)\b", re.I)
_WEEKDAY = re.compile(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b|\d{4}年")


def quote_form(quote: Quote) -> str:
    """``kind|speaker|cue``: how an attribution was read."""
    written = (quote.speaker_text or "").lower()
    if quote.speaker_text is None:
        speaker = "carried" if quote.speaker_name else "none"  # a run of one speaker's quotes
    elif written in _PRONOUNS:
        speaker = "pronoun" if quote.speaker_name else "pronoun-unresolved"
    else:
        speaker = "named" if quote.speaker_name else "description"
    cue = "plain" if (quote.cue_text or "").lower() in _PLAIN_CUES else "other"
    return f"{quote.kind}|{speaker}|{cue}"


def figure_form(figure: Figure) -> str:
    """``kind|digits or words|measured or not``."""
    written = "words" if figure.text[:1].isalpha() else "digits"
    return f"{figure.kind}|{written}|{'measured' if figure.measures else 'unmeasured'}"


def date_form(date: TimeExpression) -> str:
    """The shape of a date expression: explicit, weekday, deictic, relative, month, event, …"""
    if date.granularity == "event":
        return "event"
    if date.start is None:
        return "unresolved"
    if _YEAR.search(date.text):
        return "explicit" if date.granularity in ("day", "month") else "year"
    if _DEICTIC.search(date.text):
        return "deictic"
    if _RELATIVE.search(date.text):
        return "relative"
    if _WEEKDAY.search(date.text):
        return "weekday"
    return "month" if date.granularity in ("month", "day") else "other"


@functools.cache
def _table() -> dict[str, dict[str, float]]:
    text = resources.files(__package__).joinpath("confidence.json").read_text(encoding="utf-8")
    return {kind: values for kind, values in json.loads(text).items() if not kind.startswith("_")}


def _rate(kind: str, form: str) -> float:
    table = _table().get(kind, {})
    prefix = form.split("|")[0]
    return float(table.get(form, table.get(prefix, table.get("*", 0.5))))


def quote_confidence(quote: Quote) -> float:
    """The fitted rate of attributions of this form that are right with their speaker."""
    return _rate("attributions", quote_form(quote))


def figure_confidence(figure: Figure) -> float:
    """The fitted rate of figures of this form that a reader cites with this value."""
    return _rate("figures", figure_form(figure))


#: A date expression with no value (no publication date to count from) is no date a reader can use.
UNRESOLVED_CEILING = 0.3


def date_confidence(date: TimeExpression) -> float:
    """The fitted rate of date expressions of this shape that are right with their value."""
    rate = _rate("dates", date_form(date))
    return min(rate, UNRESOLVED_CEILING) if date.start is None else rate


def entity_confidence(entity: Entity) -> float:
    """A rule, not a fit (entities have no annotations): named often is surer than named once."""
    mentions = len(entity.mentions)
    return round(min(0.95, 0.55 + 0.1 * min(mentions, 4)), 2)


class ConfidenceStage:
    """Give every fact its confidence, once all the stages that shape it have run."""

    name = "confidence"
    version = "1"
    requires = frozenset({"dates", "figures", "entities", "quotes"})
    assigns = frozenset({"dates", "figures", "entities", "quotes"})

    def __call__(self, article: Article) -> Article:
        return dataclasses.replace(
            article,
            dates=tuple(dataclasses.replace(d, confidence=date_confidence(d)) for d in article.dates),
            figures=tuple(dataclasses.replace(f, confidence=figure_confidence(f)) for f in article.figures),
            entities=tuple(dataclasses.replace(e, confidence=entity_confidence(e)) for e in article.entities),
            quotes=tuple(dataclasses.replace(q, confidence=quote_confidence(q)) for q in article.quotes),
        )
