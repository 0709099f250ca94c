"""Temporal expressions resolved against the publication date, with offsets into the text."""

from __future__ import annotations

import pytest

import newsdesk
from newsdesk.analyze.dates import find_dates

PUBLISHED = "2025-04-14T13:45"  # a Monday


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister will travel to Paris on Thursday.", ("2025-04-17", "2025-04-17")),
        ("The minister travelled to Paris on Thursday.", ("2025-04-10", "2025-04-10")),
        ("Talks resume next week.", ("2025-04-21", "2025-04-27")),
        ("Prices rose yesterday.", ("2025-04-13", "2025-04-13")),
        ("The law was passed in December.", ("2024-12-01", "2024-12-31")),
        ("Elections are scheduled for December 3.", ("2025-12-03", "2025-12-03")),
        ("The plant opened on March 19, 2025.", ("2025-03-19", "2025-03-19")),
        ("He was born on 4 July 1950.", ("1950-07-04", "1950-07-04")),
        ("Exports fell last year.", ("2024-01-01", "2024-12-31")),
        ("The deal was signed in May 2023.", ("2023-05-01", "2023-05-31")),
        ("Rents climbed 9% in the 12 months to June 2024.", ("2023-07-01", "2024-06-30")),
        ("Sales fell in the year to March 2025, the chain said.", ("2024-04-01", "2025-03-31")),
        ("Losses narrowed in the six months ended January 2025.", ("2024-08-01", "2025-01-31")),
    ],
)
def test_dates_resolve_relative_to_publication(sentence: str, expected: tuple[str, str]) -> None:
    (found,) = find_dates(sentence, PUBLISHED)
    assert (found.start, found.end) == expected


@pytest.mark.parametrize(
    "sentence",
    ["You may go now.", "Troops march on.", "Police found 1500 homes damaged.", "It costs 2024 pesos."],
)
def test_dates_ignore_words_and_numbers_that_are_not_dates(sentence: str) -> None:
    assert find_dates(sentence, PUBLISHED) == []


def test_dates_without_publication_date_keep_spans_but_leave_relative_ones_unresolved() -> None:
    found = find_dates("He left on Monday after the 2019 vote in 2019.", None)
    # "the 2019 vote" places the vote in a year: a year used as a date, as the facts guide counts it
    assert [(t.text, t.start) for t in found] == [("Monday", None), ("2019", "2019-01-01"), ("2019", "2019-01-01")]


def test_dates_survive_the_json_round_trip(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    assert newsdesk.Article.from_dict(article.to_dict()) == article


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # a delay written in the past tense ends ahead of the story's day
        ("The council's move to delay the vote until February 18 has angered residents.", "2025-01-10", "2025-02-18"),
        # and a closing already over ends behind it
        ("The bridge was shut until March 3 while divers checked its piers.", "2025-03-20", "2025-03-03"),
    ],
)
def test_a_day_after_until_is_the_one_nearest_the_story(sentence: str, published: str, expected: str) -> None:
    (found,) = newsdesk.analyze(newsdesk.Article.from_dict({"text": sentence, "published": published})).dates
    assert (found.start, found.end) == (expected, expected)
