"""The headline of scraped text: the page title's part that the page prints over its story."""

from __future__ import annotations

import re
from collections import Counter

from .boilerplate import Verdict
from .line_measures import BULLET, MIN_SENTENCE_WORDS, ends_like_sentence, normalise_line

#: The story's first sentence comes within so many lines under the headline (byline, date, share bar).
HEADLINE_TO_STORY = 6
#: The headline is printed within the page's first so many lines.
HEADLINE_SEARCH_LINES = 200
#: A part of the page title ("Headline | Site") needs at least this share of its words to be the headline.
HEADLINE_TITLE_SHARE = 0.2


def story_opening(scores: list[float], headline: int | None) -> int | None:
    """Index of the first sentence right under the headline, if the page shows its headline."""
    if headline is None:
        return None
    for index in range(headline + 1, min(headline + 1 + HEADLINE_TO_STORY, len(scores))):
        if scores[index] >= MIN_SENTENCE_WORDS:
            return index
    return None


def headline_index(first_line: str, keys: list[str], verdicts: list[Verdict], scores: list[float]) -> int | None:
    """Where the page prints its headline, when its first line is the page title: the line that
    repeats that title, or its headline part ("Site: Headline", "Headline | Site").

    ``keys`` are the lines folded by :func:`normalise_line`, ``verdicts`` their furniture verdicts,
    ``scores`` their story scores.
    """
    titles = title_parts(first_line)
    min_words = HEADLINE_TITLE_SHARE * len(keys[0].split())
    first_seen: dict[str, int] = {}
    for index, key in enumerate(keys[1:HEADLINE_SEARCH_LINES], start=1):
        if (
            key in titles
            and key not in first_seen
            and len(key.split()) >= min_words
            and not verdicts[index].boilerplate
        ):
            first_seen[key] = index
    if not first_seen:
        return None
    # A part with a sentence under it wins over one without: "Section - Site" is printed in the
    # masthead, the headline over its story. Then the longest; of two as long, the later, since
    # the site's name is printed above the headline.
    return max(
        (story_opening(scores, index) is not None, len(key.split()), index) for key, index in first_seen.items()
    )[2]


_TITLE_SEPARATOR = re.compile(r"\s+[|–—»>·•:~/-]+\s+|:\s+")


def title_parts(title: str) -> set[str]:
    """The page title and every run of its parts from either end, split at separators:
    "13 July: Viva Rosa Mystica! — Paulo Coelho's Blog" holds "13 July: Viva Rosa Mystica!"."""
    parts = _TITLE_SEPARATOR.split(title)
    runs = {normalise_line(title)}
    for cut in range(1, len(parts)):
        runs.add(normalise_line(" ".join(parts[:cut])))
        runs.add(normalise_line(" ".join(parts[cut:])))
    return runs - {""}


def find_title(lines: list[str], keys: list[str], verdicts: list[Verdict], words: list[int]) -> str | None:
    """The headline: a short early line that the page repeats, else the first plausible line.

    ``keys``, ``verdicts`` and ``words`` are the lines' folded forms, furniture verdicts and word counts.
    """
    head = range(min(len(lines), 40))
    counts = Counter(keys[index] for index in head)
    for index in head:
        line = lines[index]
        # a headline rarely ends with a full stop; repeated sentences are story or furniture
        if (
            counts[keys[index]] >= 2
            and 3 <= words[index] <= 30
            and not line.endswith(".")
            and not verdicts[index].boilerplate
        ):
            return line
    for index in head[:5]:
        line = lines[index]
        if (
            3 <= words[index] <= 30
            and not verdicts[index].boilerplate
            and not ends_like_sentence(line)
            and not BULLET.match(line)
        ):
            return line
    return None
