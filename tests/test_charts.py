"""Charts a reader can trust: calendar buckets, round ticks, labelled axes, clickable bars, a data table."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import lxml.html
import pytest

from newsdesk.web.charts import attention_chart, bucket_size, buckets, nice_ticks, scatter_chart, series_chart


def _days(first: str, count: int, every: int = 1) -> list[tuple[str, int]]:
    start = date.fromisoformat(first)
    return [((start + timedelta(days=i * every)).isoformat(), 1 + i % 3) for i in range(count)]


@pytest.mark.parametrize(
    ("first", "last", "size"),
    [("2025-04-01", "2025-04-20", "day"), ("2025-01-01", "2025-12-31", "week"),
     ("2020-01-01", "2025-06-30", "month"), ("2007-01-01", "2025-06-30", "year")],
)  # fmt: skip
def test_buckets_grow_with_the_span_and_lose_no_article(first: str, last: str, size: str) -> None:
    days = [(first, 3), (last, 2), ("2025-01-06" if first < "2025-01-06" < last else first, 1)]
    assert bucket_size(date.fromisoformat(first), date.fromisoformat(last)) == size
    got_size, series = buckets(days)
    assert got_size == size and len(series) <= 130
    assert sum(b.count for b in series) == 6
    # each bucket begins where the one before it ended: no gap, no overlap
    assert all(b.start == a.end + timedelta(days=1) for a, b in itertools.pairwise(series))


def test_week_buckets_start_on_monday_and_month_buckets_on_the_first() -> None:
    _, weeks = buckets([("2025-04-16", 1), ("2025-09-03", 1)], "week")  # a Wednesday
    assert weeks[0].start == date(2025, 4, 14) and all(b.start.weekday() == 0 for b in weeks)
    _, months = buckets([("2024-02-29", 2), ("2024-03-31", 1)], "month")
    assert [(b.start, b.end, b.count) for b in months] == [
        (date(2024, 2, 1), date(2024, 2, 29), 2),
        (date(2024, 3, 1), date(2024, 3, 31), 1),
    ]


@pytest.mark.parametrize(
    ("top", "ticks"), [(7, [0, 2, 4, 6, 8]), (3, [0, 1, 2, 3]), (1, [0, 1]), (95, [0, 20, 40, 60, 80, 100])]
)
def test_count_ticks_are_round_whole_numbers_covering_the_tallest_bar(top: int, ticks: list[int]) -> None:
    assert nice_ticks(top, whole=True) == ticks


def test_value_ticks_are_round_for_fractions() -> None:
    assert nice_ticks(23.5) == [0, 5, 10, 15, 20, 25]
    assert nice_ticks(0.37) == pytest.approx([0, 0.1, 0.2, 0.3, 0.4])


def test_attention_chart_over_years_has_year_bars_linking_to_their_period_and_a_table() -> None:
    days = [("2008-03-02", 4), ("2012-07-31", 1), ("2025-04-14", 2)]
    html = str(attention_chart(days, "articles", link=lambda a, b: f"/?since={a}&until={b}", undated=3))
    tree = lxml.html.fromstring(html)
    assert tree.xpath("string(//figcaption)") == "Articles per year"
    links = [a.get("href") for a in tree.xpath("//svg//a")]
    assert links == ["/?since=2008-01-01&until=2008-12-31", "/?since=2012-01-01&until=2012-12-31",
                     "/?since=2025-01-01&until=2025-12-31"]  # fmt: skip
    rows = [[c.text_content() for c in tr.xpath("td")] for tr in tree.xpath("//details//tbody/tr")]
    assert rows == [["2008", "4"], ["2012", "1"], ["2025", "2"]]
    assert "3 articles without a publication date are not plotted" in tree.text_content()
    titles = [t.text_content() for t in tree.xpath("//svg//text[@class='axis-title']")]
    assert titles == ["articles per year", "publication date"]
    # the time axis is labelled on calendar boundaries: whole years here, a few of them
    labels = [t.text_content() for t in tree.xpath("//svg//text[@class='tick time']")]
    assert 2 <= len(labels) <= 8 and all(re.fullmatch(r"\d{4}", label) for label in labels)


def test_attention_chart_over_weeks_labels_month_starts() -> None:
    html = str(attention_chart(_days("2025-01-03", 60, every=5)))
    tree = lxml.html.fromstring(html)
    assert tree.xpath("string(//figcaption)") == "Articles per week"
    labels = [t.text_content() for t in tree.xpath("//svg//text[@class='tick time']")]
    assert labels == ["Jan 2025", "Apr", "Jul", "Oct"]  # ten months: every quarter
    # a bar per non-empty week, none thinner than a pixel
    widths = [float(r.get("width")) for r in tree.xpath("//svg//rect")]
    assert widths and min(widths) >= 1.5


def test_the_y_axis_labels_are_the_round_ticks() -> None:
    tree = lxml.html.fromstring(str(attention_chart([("2025-04-14", 7), ("2025-04-15", 3)])))
    labels = [t.text_content() for t in tree.xpath("//svg//text[@class='tick']")]
    assert labels == ["0", "2", "4", "6", "8"]  # never "3.5" for an odd maximum


def test_scatter_chart_draws_a_range_as_a_span_and_names_its_unit() -> None:
    points = [("2025-04-14", 8.5, None, "/articles/1#f10", "$8.5 billion"),
              ("2025-04-20", 4.0, 6.0, "/articles/2#f30", "four to six billion")]  # fmt: skip
    tree = lxml.html.fromstring(str(scatter_chart(points, "money (USD, billion)")))
    assert [a.get("href") for a in tree.xpath("//a")] == ["/articles/1#f10", "/articles/2#f30"]
    spans = tree.xpath("//line[@class='span']")
    assert len(spans) == 1 and float(spans[0].get("y1")) > float(spans[0].get("y2"))  # from 4 up to 6
    assert tree.xpath("string(//text[@class='axis-title'][1])") == "money (USD, billion)"


def test_no_dated_data_says_so() -> None:
    html = str(attention_chart([], "articles", undated=2))
    assert "No dated articles." in html and "2 articles without a publication date are not plotted" in html


def test_several_searches_share_their_buckets_and_shares_are_of_all_articles() -> None:
    series = [("tariffs", [("2025-04-02", 2), ("2025-04-09", 1)]), ("remittances", [("2025-04-03", 1)])]
    totals = [("2025-04-02", 4), ("2025-04-03", 4), ("2025-04-09", 2)]
    tree = lxml.html.fromstring(str(series_chart(series, totals, link=lambda i, a, b: f"/?s={i}&since={a}")))
    assert tree.xpath("string(//figcaption)") == "% of articles per day"
    assert [li.text_content() for li in tree.xpath("//ul[@class='legend']/li")] == ["tariffs", "remittances"]
    rows = [[c.text_content() for c in tr.xpath("td")] for tr in tree.xpath("//details//tbody/tr")]
    assert rows == [["2025-04-02", "50.0%", "0.0%"], ["2025-04-03", "0.0%", "25.0%"], ["2025-04-09", "50.0%", "0.0%"]]
    lines = tree.xpath("//polyline")
    assert len(lines) == 2 and len(lines[0].get("points").split()) == len(lines[1].get("points").split()) == 8
    assert "/?s=1&since=2025-04-03" in [a.get("href") for a in tree.xpath("//svg//a")]
    # no inline style: the pages' content security policy would drop it
    assert "style=" not in str(series_chart(series))
