"""Numeric facts: normalised values with kind, unit, qualifier, what they measure and when."""

from __future__ import annotations

import pytest

import newsdesk
from newsdesk.analyze.numbers import find_numbers


def test_numbers_sample_article_golden(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    found = [
        (
            n.span.of(article.text),
            n.value,
            n.kind,
            n.unit,
            n.qualifier,
            n.measures,
            n.base,
            n.change,
            n.time.text if n.time else None,
        )
        for n in article.numbers
    ]
    assert found == [
        ("250 migrants", 250, "count", "migrants", "over", None, None, None, "last month"),
        ("10", 10, "number", None, None, None, None, None, "Sunday"),  # 10 further "criminals"
        ("$6 million", 6e6, "money", "USD", None, None, None, None, None),  # the "$6 million deal" heading
        ("$6 million", 6e6, "money", "USD", None, "taking deportees", None, None, None),
        ("10 percent", 10, "percent", "percent", None, None, None, None, None),
        ("$6.5 billion", 6.5e9, "money", "USD", "nearly", "goods exported", None, None, "2024"),
        ("$2.1 billion", 2.1e9, "money", "USD", None, None, None, None, "2024"),
        ("2.5 million Salvadorans", 2.5e6, "count", "Salvadorans", None, None, None, None, None),
        ("$8.5 billion", 8.5e9, "money", "USD", None, "family remittances", None, None, "2024"),
        ("23 percent", 23, "percent", "percent", None, None, "the country’s GDP", None, "2024"),
        ("14 percent", 14, "percent", "percent", None, None, None, "grew", "January and February"),
    ]
    for fact in article.numbers:
        assert fact.span.of(article.text) == fact.text
    assert newsdesk.Article.from_dict(article.to_dict()) == article


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("Costs reached €1.2bn last year.", 1.2e9, "money", "EUR"),
        ("The plant emits 40,000 tonnes of CO2.", 40000, "count", "tonnes"),
        ("Unemployment fell 0.3 percentage points.", 0.3, "percentage_points", "percentage points"),
        ("The river rose 2.5 m overnight.", 2.5, "quantity", "m"),
        ("Twelve people were hurt.", 12, "count", "people"),
    ],
)
def test_numbers_values_kinds_and_units(text: str, value: float, kind: str, unit: str) -> None:
    (fact,) = find_numbers(text)
    assert (fact.value, fact.kind, fact.unit) == (value, kind, unit)


@pytest.mark.parametrize(
    "text",
    [
        "© Copyright 1997-2025 INQUIRER.net",
        "The law dates to 1798.",
        "As shown in Fig. 5 and Table 2, see also [12] and (26).",
        "Emissions of NO2 and the 3D model were studied by Smith et al. (2006a).",
        "One of the leaders spoke.",
    ],
)
def test_numbers_skip_years_labels_citations_and_copyright(text: str) -> None:
    assert find_numbers(text) == []
