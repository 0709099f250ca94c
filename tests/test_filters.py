"""Date filters name whole periods: ``until=2008`` covers 2008, and no calendar date is refused."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from newsdesk import Article
from newsdesk.store import Filters, Store, StoreError
from newsdesk.store.filters import period_bounds
from newsdesk.web.app import create_app

DAYS = {
    "Ferry fares": "2008-01-15",
    "Pier repairs": "2008-02-29",
    "Summer ferries": "2008-06-30",
    "New year": "2009-01-01",
}


@pytest.mark.parametrize(
    ("written", "bounds"),
    [
        ("2008", ("2008-01-01", "2008-12-31")),
        ("2008-02", ("2008-02-01", "2008-02-29")),  # a leap year
        ("2009-02", ("2009-02-01", "2009-02-28")),
        ("2008-06-30", ("2008-06-30", "2008-06-30")),
    ],
)
def test_a_year_a_month_or_a_day_is_the_period_it_names(written: str, bounds: tuple[str, str]) -> None:
    assert period_bounds(written) == bounds


@pytest.mark.parametrize("written", ["2012-13-45", "2009-02-29", "2008-00", "yesterday", "08", "2008-1-5"])
def test_a_date_no_calendar_has_is_refused(written: str) -> None:
    with pytest.raises(StoreError):
        Filters(until=written)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("filters") / "f.db"
    with Store(path) as store:
        store.add(
            Article(
                text=f"{title}: the island council met about the ferry.",
                title=title,
                published=day,
                canonical_url=f"https://isle.example/{n}",
            )
            for n, (title, day) in enumerate(DAYS.items())
        )
    return path


@pytest.mark.parametrize(
    ("since", "until", "titles"),
    [
        (None, "2008", {"Ferry fares", "Pier repairs", "Summer ferries"}),
        (None, "2008-02", {"Ferry fares", "Pier repairs"}),
        ("2008-06", None, {"Summer ferries", "New year"}),
        ("2008", "2008", {"Ferry fares", "Pier repairs", "Summer ferries"}),
        ("2008-02-29", "2008-02-29", {"Pier repairs"}),
    ],
)
def test_since_and_until_cover_the_periods_they_name(
    db: Path, since: str | None, until: str | None, titles: set[str]
) -> None:
    with Store(db, readonly=True) as store:
        assert {hit.title for hit in store.search(None, Filters(since, until))} == titles
        assert store.count("ferry", Filters(since, until)) == len(titles)


def test_the_api_answers_an_impossible_date_with_a_400_in_words(db: Path) -> None:
    async def run(url: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return await client.get(url)

    assert asyncio.run(run("/api/articles?until=2008")).json()["total"] == 3
    refused = asyncio.run(run("/api/articles?since=2012-13-45"))
    assert refused.status_code == 400
    assert refused.json()["error"]["message"].startswith("since '2012-13-45' is no date on the calendar")
    # the month facet links to the whole month, never to a day the month lacks ("2008-02-31")
    page = asyncio.run(run("/?q=ferry"))
    assert "since=2008-02&amp;until=2008-02" in page.text
