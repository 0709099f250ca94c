"""Numeric facts: normalised values with kind, unit, qualifier, what they measure and when."""

from __future__ import annotations

import pytest

from newsdesk.analyze.figures import find_figures


@pytest.mark.parametrize(
    ("text", "span", "value", "value_max", "unit"),
    [
        ("The fraction of 12–20 μm grains grew.", "12–20 μm", 12, 20, "μm"),
        ("Coverage rose from 10% to 100% in a year.", "10% to 100%", 10, 100, "percent"),
        ("Prices were between 5 and 10 percent higher.", "5 and 10 percent", 5, 10, "percent"),
        ("The deal is worth $6–8 billion.", "$6–8 billion", 6e9, 8e9, "USD"),
        ("It reached 488 ± 14 K at noon.", "488 ± 14 K", 488, None, "K"),
        ("Temperatures fell to −18 °C overnight.", "−18 °C", -18, None, "°C"),
    ],
)
def test_numbers_ranges_tolerances_and_negatives(
    text: str, span: str, value: float, value_max: float | None, unit: str | None
) -> None:
    (fact,) = find_figures(text)
    assert (fact.text, fact.value, fact.value_max, fact.unit) == (span, value, value_max, unit)
    assert fact.span.of(text) == fact.text


@pytest.mark.parametrize(
    ("text", "measures", "base", "change"),
    [
        ("Spending on roads will rise 8 percent compared with last year.", "Spending", "last year", "rise"),
        ("El Salvador was hit with 10 percent tariffs.", "tariffs", None, None),
        ("Exports to the US fell 4 percent from a year earlier, officials said.", "Exports", "a year earlier", "fell"),
        ("The fund holds 30 percent of the country's reserves.", None, "the country's reserves", None),
    ],
)
def test_numbers_read_what_changed_and_against_what(text: str, measures: str, base: str, change: str) -> None:
    (fact,) = find_figures(text)
    assert (fact.measures, fact.base, fact.change) == (measures, base, change)


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("Costs reached €1.2bn last year.", 1.2e9, "money", "EUR"),
        ("The plant emits 40,000 tonnes of CO2.", 40000, "quantity", "tonnes"),  # a unit, not things counted
        ("Unemployment fell 0.3 percentage points.", 0.3, "percentage_points", "percentage points"),
        ("The river rose 2.5 m overnight.", 2.5, "quantity", "m"),
        ("Twelve people were hurt.", 12, "count", "people"),
    ],
)
def test_numbers_values_kinds_and_units(text: str, value: float, kind: str, unit: str) -> None:
    (fact,) = find_figures(text)
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
    assert find_figures(text) == []


def test_numbers_long_run_of_figures_keeps_each_figures_context() -> None:
    # a statistics table the scraper ran into one "sentence": every figure keeps its own change verb
    # and qualifier, read from the words right before it, not from the whole run
    items = [f"sales in the next region rose {i % 9 + 1} percent, then about {i % 7 + 2} percent" for i in range(1500)]
    facts = find_figures("Regional sales: " + ", ".join(items) + ".")
    assert len(facts) == 3000
    assert [fact.value for fact in facts[-2:]] == [1499 % 9 + 1, 1499 % 7 + 2]
    assert all(fact.change == "rose" for fact in facts[::2])
    assert all(fact.qualifier == "about" for fact in facts[1::2])
