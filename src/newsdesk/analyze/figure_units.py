"""Units a story implies for a number written without one.

Reporters leave out what a reader can supply: "Green also scored 18" after "scoring 18 points",
"two people died and more than 200 others", "a daytime high of 49", "the 14,038 in attendance",
"about 23,000 die", "a 4.58 ERA". Each rule here names the unit only when the words say it; a
number none of them fits keeps no unit (and the low confidence of a bare number).
"""

from __future__ import annotations

import re

from ..model import Figure

#: Nouns that stand for an earlier counted noun: "more than 200 others".
_STAND_INS = frozenset({"others", "more"})
_STAND_IN_REACH = 80  # characters between the counted noun and the number standing in for it
#: "each of those sublists has 10 of their own": the number counts the noun counted before it.
_OF_OWN = re.compile(r"[^\S\n]+of\s+(?:their|its|his|her|our|my|your)\s+own\b", re.I)
#: A verb right before the number ("scored 18", "killed 12"); its stem finds the same verb earlier.
_VERB_BEFORE = re.compile(r"\b([a-z]{3,})[^\S\n]+(?:(?:just|only|also|another)[^\S\n]+)?$")
_VERB_REACH = 2000  # characters back to look for the same verb with its noun
_STEM_ENDINGS = ("ing", "ed", "es", "s")
#: Words that are no verb whose object the number could be.
_NOT_VERBS = frozenset(
    "the and or but of to in on at by for from with as than that about around over under nearly almost some "
    "more less least most just only also another his her their its our your my was were are is be been "
    "including top".split()
)
#: A crowd counts people watching: "a crowd of more than 25,000", "the 14,038 in attendance".
_CROWD_BEFORE = re.compile(r"\b(?:crowd|attendance)\s+of\s+(?:[a-z]+\s+){0,2}$", re.I)
_CROWD_AFTER = re.compile(r"[^\S\n]+in\s+attendance\b", re.I)
#: A forecast's high or low is in degrees when the sentence is about the weather.
_TEMPERATURE_BEFORE = re.compile(r"\b(?:highs?|lows?|temperatures?)\s+(?:of|near|around)\s+(?:[a-z]+\s+)?$", re.I)
_WEATHER = re.compile(
    r"\b(?:forecast\w*|weather|temperatures?|degrees?|skies|cloudy|sunny|rain\w*|snow\w*|mild|chilly|"
    r"humid\w*|windy|showers|precipitation)\b",
    re.I,
)
#: A number that dies is a number of deaths: "about 23,000 die" (not the age in "Carsten, 39, died").
_DEATHS_AFTER = re.compile(r"[^\S\n]+(?:have[^\S\n]+|had[^\S\n]+)?(?:die|died|were[^\S\n]+killed)\b", re.I)
#: Letters after a number that name what it counts in a statistic: "a 4.58 ERA", "28 TD, 12 INT";
#: not a word that qualifies a noun after it ("772 IT decision makers", "the 7.1 SDK toolset").
_ACRONYM_AFTER = re.compile(
    r"[^\S\n]([A-Z]{2,5})\b(?![\w'’-])"
    r"(?![^\S\n]+(?!(?:in|on|at|of|for|over|with|and|or|but|to|from|since|vs|as|while|this|last)\b)[A-Za-z])"
)
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")  # as figures._YEAR (not imported: figures imports this module)
_NOT_STAT_ACRONYMS = frozenset(
    "AM PM ET EST EDT CST CDT PST PDT GMT UTC BST CET IST BC AD BCE CE OK US UK EU UN USA TV FM AND OR THE AS "
    "SHARE".split()
)
#: Names of units that a story shortens: "27 megs" is 27 megabytes.
_SPOKEN_UNITS = {"megs": "megabytes"}


def implied_units(text: str, figures: list[Figure]) -> dict[int, tuple[str, int]]:
    """Index of a figure in ``figures`` (in text order) → the unit its context implies, and where
    the figure's mention then ends (after the unit when the unit is written right after it)."""
    verbs = [_verb_stem(text, figure.span.start) for figure in figures]  # once each, not per pair
    units: dict[int, tuple[str, int]] = {}
    for index in range(len(figures)):
        found = _implied_unit(text, figures, index, verbs)
        if found:
            units[index] = found
    return units


def _implied_unit(text: str, figures: list[Figure], index: int, verbs: list[str | None]) -> tuple[str, int] | None:
    figure = figures[index]
    start, end = figure.span.start, figure.span.end
    if figure.unit and figure.unit.lower() in _SPOKEN_UNITS:
        return _SPOKEN_UNITS[figure.unit.lower()], end
    if figure.unit and figure.unit.lower() in _STAND_INS:
        return _with_end(_counted_before(figures, index), end)
    if figure.unit or figure.kind != "number" or figure.value_max is not None or not figure.text[:1].isdigit():
        return None
    before = text[max(0, start - 40) : start]
    sentence = text[figure.sentence.start : figure.sentence.end] if figure.sentence else ""
    if _OF_OWN.match(text, end):
        return _with_end(_counted_before(figures, index), end)
    if _CROWD_BEFORE.search(before) or _CROWD_AFTER.match(text, end):
        return "spectators", end
    if _TEMPERATURE_BEFORE.search(before) and _WEATHER.search(sentence):
        return "degrees", end
    if _DEATHS_AFTER.match(text, end) and not before.rstrip().endswith(","):
        return "deaths", end
    acronym = _ACRONYM_AFTER.match(text, end)
    if acronym and acronym.group(1) not in _NOT_STAT_ACRONYMS and not _YEAR.fullmatch(figure.text):
        # "Windows 7 SDK", "the 2012 MLB season": a name or a year, not a statistic
        return None if _named_before(before) else (acronym.group(1), acronym.end())  # "4.58 ERA" is the mention
    return _with_end(_unit_of_same_verb(figures, index, verbs), end)


def _with_end(unit: str | None, end: int) -> tuple[str, int] | None:
    return (unit, end) if unit else None


def _counted_before(figures: list[Figure], index: int) -> str | None:
    """The noun counted by a figure just before, in the same sentence ("two people died, and 200
    others"); one further away is often not what "others" stands for ("… guns … wound 19 others")."""
    figure = figures[index]
    for earlier in reversed(figures[:index]):
        if earlier.sentence != figure.sentence or figure.span.start - earlier.span.end > _STAND_IN_REACH:
            return None
        if earlier.kind == "count" and earlier.unit and earlier.unit.lower() not in _STAND_INS:
            return earlier.unit
    return None


def _named_before(before: str) -> bool:
    """A capitalised word right before the number makes it part of a name: "Windows 7 SDK"."""
    return bool(re.search(r"\b[A-Z][\w-]*[^\S\n]+$", before))


def _verb_stem(text: str, start: int) -> str | None:
    """The stem of the verb right before a number ("scored 18" → "scor"), if a verb stands there."""
    verb = _VERB_BEFORE.search(text[max(0, start - 40) : start])
    return _stem(verb.group(1)) if verb and verb.group(1).lower() not in _NOT_VERBS else None


def _unit_of_same_verb(figures: list[Figure], index: int, verbs: list[str | None]) -> str | None:
    """ "Jeff Green also scored 18" after "scoring 18 points": the same verb counted points."""
    stem = verbs[index]
    if stem is None:
        return None
    start = figures[index].span.start
    for earlier in range(index - 1, -1, -1):
        figure = figures[earlier]
        if start - figure.span.start > _VERB_REACH:
            break
        if verbs[earlier] == stem and figure.kind == "count" and figure.unit and figure.unit.lower() not in _STAND_INS:
            return figure.unit
    return None


def _stem(word: str) -> str:
    """ "scoring", "scored", "scores" → "scor": enough to find one verb in its forms."""
    lowered = word.lower()
    for ending in _STEM_ENDINGS:
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 3:
            lowered = lowered[: -len(ending)]
            break
    return lowered.rstrip("e")
