"""The plain search mode: what people type is read as words, never as a malformed query."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk import Article
from newsdesk.store import Store
from newsdesk.store.query_text import NOTHING, fts_query, plain_query
from newsdesk.web.app import create_app

STORIES = {
    "Harbour ban": "The council passed an anti-migrant ordinance on the harbour front, critics said.",
    "Steel duties": "New U.S. tariffs on steel hit the port of Valdrin, where AT&T also runs a depot.",
    "Minister speaks": "Bukele's minister said family remittances fell 50% to $6 million in the quarter.",
    "Clinic reopens": "The covid-19 ward of the island clinic reopened with two policies on visits.",
    "One remittance": "A single remittance from the mainland paid for the new roof of the school.",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "s.db"
    with Store(path) as store:
        store.add(
            Article(text=text, title=title, canonical_url=f"https://isle.example/{n}")
            for n, (title, text) in enumerate(STORIES.items())
        )
    return path


def titles(db: Path, typed: str) -> set[str]:
    with Store(db, readonly=True) as store:
        return {hit.title or "" for hit in store.search(fts_query(typed))}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("anti-migrant", {"Harbour ban"}),
        ("U.S. tariffs", {"Steel duties"}),
        ("Bukele's", {"Minister speaks"}),
        ("$6 million", {"Minister speaks"}),
        ("covid-19", {"Clinic reopens"}),
        ("AT&T", {"Steel duties"}),
        ("50%", {"Minister speaks"}),
        ("policy", {"Clinic reopens"}),  # the other number, both ways
        ("remittance", {"Minister speaks", "One remittance"}),
        ("remittances", {"Minister speaks", "One remittance"}),
        ('"family remittances"', {"Minister speaks"}),
        ("remit*", {"Minister speaks", "One remittance"}),
        ("tariffs OR ordinance", {"Steel duties", "Harbour ban"}),
        ("remittance NOT roof", {"Minister speaks"}),
        ("NOT roof", {"One remittance"}),  # nothing to subtract from: read as the word
        ("harbour AND", {"Harbour ban"}),  # a dangling operator is dropped
        ("&&& ---", set()),  # nothing searchable: no results, not every article
    ],
)
def test_plain_search_reads_what_people_type(db: Path, typed: str, found: set[str]) -> None:
    assert titles(db, typed) == found


def test_plain_search_with_no_words_matches_nothing() -> None:
    assert plain_query("!!! ???") == NOTHING
    assert fts_query("   ") is None  # no text at all is no search: every article, newest first
    assert fts_query("NEAR(a b)", "fts") == "NEAR(a b)"  # the advanced mode as typed


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(max_size=60))  # at most 30 words: under the cap of 32
def test_any_text_is_a_valid_plain_search(db: Path, typed: str) -> None:
    with Store(db, readonly=True) as store:
        store.search(fts_query(typed))  # never a StoreError
        store.count(fts_query(typed))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=st.text(alphabet=st.sampled_from('ab "()*-:^+NOTRAD.&%$'), max_size=30))
def test_any_text_typed_into_the_api_or_the_page_answers_200(db: Path, typed: str) -> None:
    async def run() -> tuple[int, int]:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            api = await client.get("/api/articles", params={"q": typed})
            page = await client.get("/", params={"q": typed})
            return api.status_code, page.status_code

    assert asyncio.run(run()) == (200, 200)


def test_a_malformed_advanced_search_shows_the_form_again_with_why(db: Path) -> None:
    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return await client.get("/", params={"q": "harbour AND (", "mode": "fts"})

    page = asyncio.run(run())
    assert page.status_code == 400
    assert 'name="q" value="harbour AND ("' in page.text and "checked" in page.text
    assert "the parentheses do not pair up" in page.text


def test_a_search_over_the_caps_is_refused_in_words_whatever_its_mode() -> None:
    from newsdesk.store import StoreError

    with pytest.raises(StoreError, match="33 words; at most 32"):
        fts_query(" ".join(["harbour"] * 33))
    with pytest.raises(StoreError, match="at most 500"):
        fts_query("x" * 501, "fts")
    # the longest plain search allowed is still a query the store takes
    longest = fts_query(" ".join(f"harbour{chr(97 + n // 26)}{chr(97 + n % 26)}s" for n in range(32)))
    with Store(":memory:") as store:
        assert store.search(longest) == []
