"""What a story clusterer knows of one article, and how an article compares with a story.

An article is reduced to its words (TF-IDF against the articles seen so far), its opening
words, the names it mentions (capitalised words not opening a sentence), and the years, months,
ages and numbers it states. Two reports of one event share names and numbers ("INS Sukanya",
"26 pirates"); two look-alike events of one kind ("pirates captured in the Gulf of Aden") share
the vocabulary but differ there, so the comparison features below weigh each separately and a
fitted model (``decision``) weighs the features.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?:[A-Z][a-z]+|[A-Z]\.)(?:[ -](?:[A-Z][a-z]+|[A-Z]\.))*")
_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-3]\d)\b")
_MONTH = re.compile(r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")
_AGE = re.compile(r"\b(\d{1,3})[- ]years?[- ]old\b")
_NUMBER = re.compile(r"\b\d[\d,.]*\d\b")
#: A number and the word it counts: "26 pirates", "magnitude 6.1" is not one, "$2.6 million" is.
_COUNT = re.compile(r"\b(\d[\d,.]*\d|\d) ([a-z]{3,})\b")
_SENTENCE_END = '.!?\n"“'
#: Capitalised words that name no one: days, months, and titles before names.
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december mr mrs ms dr sen rep gov coach officer sgt lt capt det "
    "president governor mayor minister police sheriff".split()
)

#: How many of an article's words, opening words and names are kept: enough to compare, small to store.
TOP_TERMS = 120
TOP_LEAD = 30
TOP_NAMES = 40
LEAD_CHARS = 300


@cache
def stop_words() -> frozenset[str]:
    # imported on first use: the web server reads stories without loading spaCy
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def words(text: str) -> list[str]:
    """Lower-cased content words and numbers, possessive 's dropped."""
    stop = stop_words()
    out = []
    for match in _WORD.finditer(text):
        word = match.group().lower().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if word in stop or (len(word) <= 2 and not word.isdigit()):
            continue
        out.append(word)
    return out


def names(text: str) -> Counter[str]:
    """Words of capitalised runs, except a single capitalised word opening a sentence."""
    stop = stop_words()
    found: Counter[str] = Counter()
    for match in _NAME.finditer(text):
        start, run = match.start(), match.group()
        opens_sentence = start == 0 or (text[start - 1].isspace() and text[max(0, start - 2)] in _SENTENCE_END)
        if opens_sentence and " " not in run and "-" not in run:
            continue
        for part in re.split(r"[ -]", run):
            part = part.lower()
            if len(part) > 2 and part not in stop and part not in _NOT_NAMES:
                found[part] += 1
    return found


@dataclass
class Profile:
    """An article as the clusterer sees it (JSON-able; nothing here is the article's text)."""

    terms: Counter[str]
    lead: Counter[str]
    names: Counter[str]
    years: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    counts: set[str] = field(default_factory=set)
    day: date | None = None


def profile(title: str | None, text: str, day: date | None) -> Profile:
    """The profile of an article from its title, text and publication day."""
    body = f"{title}\n{text}" if title else text
    return Profile(
        terms=Counter(words(body)),
        lead=Counter(words(title or text[:LEAD_CHARS])),
        names=Counter(dict(names(body).most_common(TOP_NAMES))),
        years=set(_YEAR.findall(body)),
        months={m.lower() for m in _MONTH.findall(body)},
        ages=set(_AGE.findall(body)),
        numbers={n for n in _NUMBER.findall(text)},
        counts=counts(body),
        day=day,
    )


def counts(text: str) -> set[str]:
    """What the text counts, as "noun=number" with the noun singular ("26 pirates" is
    "pirate=26"): look-alike events differ there."""
    stop = stop_words()
    found = set()
    for number, noun in _COUNT.findall(text):
        if noun not in stop and noun not in _NOT_NAMES:
            found.add(f"{noun.removesuffix('s')}={number.replace(',', '')}")
    return found


def weighted(counts: Mapping[str, int], idf: Callable[[str], float], top: int) -> dict[str, float]:
    """Unit-length TF-IDF vector (sublinear term frequency) of the ``top`` heaviest terms."""
    vector = {term: (1.0 + math.log(n)) * idf(term) for term, n in counts.items() if n > 0}
    if len(vector) > top:
        vector = dict(sorted(vector.items(), key=lambda kv: -kv[1])[:top])
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {term: v / norm for term, v in vector.items()}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


@dataclass
class Member:
    """What a story keeps of each of its articles."""

    vector: dict[str, float]
    lead: dict[str, float]
    names: dict[str, int]


@dataclass
class StoryState:
    """A story's running summary: the sum of its articles' vectors, their names and numbers."""

    centroid: dict[str, float] = field(default_factory=dict)
    names: Counter[str] = field(default_factory=Counter)
    years: set[str] = field(default_factory=set)
    months: set[str] = field(default_factory=set)
    ages: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    counts: set[str] = field(default_factory=set)
    days: list[date] = field(default_factory=list)
    size: int = 0

    def add(self, article: Profile, vector: Mapping[str, float]) -> None:
        for term, v in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + v
        self.names.update(article.names)
        self.years |= article.years
        self.months |= article.months
        self.ages |= article.ages
        self.numbers |= article.numbers
        self.counts |= article.counts
        if article.day:
            self.days.append(article.day)
        self.size += 1

    def trim(self, terms: int = 250, names: int = 100, numbers: int = 200) -> None:
        """Bound what is stored: the heaviest terms and names, some of the numbers, the first and last day."""
        if len(self.centroid) > terms:
            self.centroid = dict(sorted(self.centroid.items(), key=lambda kv: -kv[1])[:terms])
        if len(self.names) > names:
            self.names = Counter(dict(self.names.most_common(names)))
        if len(self.numbers) > numbers:
            self.numbers = set(sorted(self.numbers)[:numbers])
        if len(self.counts) > numbers:
            self.counts = set(sorted(self.counts)[:numbers])
        if len(self.days) > 2:
            self.days = [min(self.days), max(self.days)]

    def to_json(self) -> dict[str, object]:
        return {
            "centroid": {k: round(v, 5) for k, v in self.centroid.items()},
            "names": dict(self.names),
            "years": sorted(self.years),
            "months": sorted(self.months),
            "ages": sorted(self.ages),
            "numbers": sorted(self.numbers),
            "counts": sorted(self.counts),
            "days": [d.isoformat() for d in self.days],
            "size": self.size,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> StoryState:
        return cls(
            centroid=dict(data["centroid"]),
            names=Counter(data["names"]),
            years=set(data["years"]),
            months=set(data["months"]),
            ages=set(data["ages"]),
            numbers=set(data["numbers"]),
            counts=set(data.get("counts", ())),  # stories stored before counts were kept
            days=[date.fromisoformat(d) for d in data["days"]],
            size=int(data["size"]),
        )


FEATURES = (
    "centroid_cosine",
    "best_member_cosine",
    "best_member_lead_cosine",
    "article_names_in_story",
    "story_names_in_article",
    "log_days_apart",
    "undated",
    "numbers_shared",
    "log_story_size",
    "years_shared",
    "months_shared",
    "top_article_names_in_story",
    "top_story_names_in_article",
    "ages_shared",
    "top_article_names_in_best_member",
    "top_member_names_in_article",
    "mean_member_cosine",
    "share_of_members_close",
    "names_cosine",
    "best_member_names_cosine",
    "counts_agree",
    "counts_differ",
)
#: Features that also enter multiplied by ``undated``: without dates, the words must carry more.
UNDATED_TIMES = tuple(name for name in FEATURES if name not in ("log_days_apart", "undated", "ages_shared"))
FEATURE_NAMES = FEATURES + tuple(f"undated*{name}" for name in UNDATED_TIMES)


#: A member this close to the article (cosine) reports the same thing: in a story that merged two
#: look-alike events, only about half of the members are.
CLOSE = 0.2


def _jaccard(a: set[str], b: set[str]) -> float:
    """Share of values in common; 0.5 (no evidence either way) when one side states none."""
    if not a or not b:
        return 0.5
    return len(a & b) / len(a | b)


def _top(counts: Mapping[str, int], idf: Callable[[str], float], n: int) -> list[str]:
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0]))[:n]]


def _counts_compared(article: set[str], story: set[str]) -> tuple[float, float]:
    """Of the things both count, the share counted alike and the share counted only differently."""
    mine: dict[str, set[str]] = {}
    theirs: dict[str, set[str]] = {}
    for found, into in ((article, mine), (story, theirs)):
        for item in found:
            noun, _, number = item.partition("=")
            into.setdefault(noun, set()).add(number)
    both = [noun for noun in mine if noun in theirs]
    if not both:
        return 0.0, 0.0
    alike = sum(1 for noun in both if mine[noun] & theirs[noun])
    return alike / len(both), (len(both) - alike) / len(both)


def _covered(top: list[str], other: Mapping[str, int]) -> float:
    return sum(1 for w in top if w in other) / len(top) if top else 0.5


def features(
    article: Profile,
    vector: Mapping[str, float],
    lead: Mapping[str, float],
    story: StoryState,
    members: list[Member],
    idf: Callable[[str], float],
) -> list[float]:
    """The comparison of an article with a story, in the order of ``FEATURE_NAMES``."""
    norm = math.sqrt(sum(v * v for v in story.centroid.values())) or 1.0
    centroid = dot(vector, story.centroid) / norm
    cosines = [dot(vector, m.vector) for m in members] or [0.0]
    best = max(range(len(cosines)), key=cosines.__getitem__)
    best_names = members[best].names if members else {}
    lead_cosine = max((dot(lead, m.lead) for m in members), default=0.0)
    weights = {w: idf(w) for w in article.names}
    total = sum(weights.values()) or 1.0
    in_story = sum(x for w, x in weights.items() if w in story.names) / total
    story_total = sum(idf(w) for w in story.names) or 1.0
    in_article = sum(idf(w) for w in story.names if w in article.names) / story_total
    if article.day and story.days:
        gap = min(abs((article.day - d).days) for d in story.days)
        undated = 0.0
    else:
        gap, undated = 0, 1.0
    numbers = len(article.numbers & story.numbers) / (len(article.numbers) or 1)
    article_top = _top(article.names, idf, 3)
    article_names = weighted(article.names, idf, len(article.names))
    agree, differ = _counts_compared(article.counts, story.counts)
    values = {
        "centroid_cosine": centroid,
        "best_member_cosine": cosines[best],
        "best_member_lead_cosine": lead_cosine,
        "article_names_in_story": in_story,
        "story_names_in_article": in_article,
        "log_days_apart": math.log1p(gap),
        "undated": undated,
        "numbers_shared": numbers,
        "log_story_size": math.log1p(story.size),
        "years_shared": _jaccard(article.years, story.years),
        "months_shared": _jaccard(article.months, story.months),
        "top_article_names_in_story": _covered(article_top, story.names),
        "top_story_names_in_article": _covered(_top(story.names, idf, 5), article.names),
        "ages_shared": _jaccard(article.ages, story.ages),
        "top_article_names_in_best_member": _covered(article_top, best_names),
        "top_member_names_in_article": _covered(_top(best_names, idf, 3), article.names),
        "mean_member_cosine": sum(cosines) / len(cosines),
        "share_of_members_close": sum(c >= CLOSE for c in cosines) / len(cosines),
        "names_cosine": dot(article_names, weighted(story.names, idf, len(story.names))),
        "best_member_names_cosine": dot(article_names, weighted(best_names, idf, len(best_names))),
        "counts_agree": agree,
        "counts_differ": differ,
    }
    return [values[name] for name in FEATURES] + [values[name] * undated for name in UNDATED_TIMES]
