"""The JSON API and the pages, in-process through httpx's ASGI transport."""

from __future__ import annotations

import asyncio
import csv
import io
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import lxml.html
import pytest

import newsdesk
from newsdesk import Article
from newsdesk.errors import QueryTimeout
from newsdesk.model import Entity, Span
from newsdesk.store import Store, StoreError
from newsdesk.web import data
from newsdesk.web.app import create_app

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, sample_bytes: bytes) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    hostile = (FIXTURES / "hostile-article.html").read_bytes()
    with Store(path) as store:
        store.add(
            [
                newsdesk.extract(sample_bytes, facts=True),
                newsdesk.extract(hostile, url="https://example.org/council-budget", facts=True),
            ]
        )
    return path


def get(db: Path, url: str, **kwargs: Any) -> httpx.Response:
    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db, **kwargs))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return await client.get(url)

    return asyncio.run(run())


def test_web_api_search_envelope_and_facets(db: Path) -> None:
    response = get(db, "/api/articles?q=remittances")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1 and len(body["items"]) == 1
    assert body["items"][0]["title"] == "Trump hosts El Salvador's Bukele, key ally in anti-migrant push"
    assert "[remittances]" in body["items"][0]["snippet"]
    assert {"value": "INQUIRER.net", "count": 1} in body["facets"]["publisher"]
    assert {"query", "filters", "total", "items", "facets", "limit", "offset", "next"} <= set(body)


def test_web_api_pagination_next_link(db: Path) -> None:
    first = get(db, "/api/articles?limit=1").json()
    assert len(first["items"]) == 1 and first["next"] == "/api/articles?limit=1&offset=1"
    second = get(db, first["next"]).json()
    assert second["items"][0]["id"] != first["items"][0]["id"]
    assert get(db, "/api/articles?limit=1&offset=2").json()["items"] == []


def test_web_api_malformed_search_is_400_with_message(db: Path) -> None:
    response = get(db, '/api/articles?q="unbalanced&mode=fts')  # only the advanced mode can be malformed
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert 'cannot be read: a quote (") is not closed' in message and "fts5" not in message.lower()
    assert get(db, '/api/articles?q="unbalanced').status_code == 200  # the plain mode reads any text
    assert get(db, "/api/articles?limit=100000").status_code == 400  # page size is bounded
    assert get(db, "/api/articles?since=yesterday").status_code == 400
    assert get(db, "/api/articles/999").json() == {"error": {"status": 404, "message": "no article with id 999"}}


def test_web_api_malformed_search_naming_an_interruption_is_still_400(db: Path) -> None:
    # a timeout is known by the store's own clock, not by words in an error message
    response = get(db, '/api/articles?q="interrupted&mode=fts')
    assert response.status_code == 400
    assert "cannot be read" in response.json()["error"]["message"]


def test_web_api_quote_cue_has_the_shape_of_the_article_json(db: Path) -> None:
    quote = get(db, "/api/quotes?speaker=Bukele&limit=1").json()["items"][0]
    article = get(db, f"/api/articles/{quote['article_id']}").json()
    cues = {(q["span"]["start"], q["cue_text"]): q["cue"] for q in article["quotes"]}
    assert quote["cue"] == cues[(quote["start"], quote["cue_text"])]
    assert set(quote["cue"]) == {"start", "end"}


def test_web_api_quotes_by_speaker_and_words(db: Path) -> None:
    items = get(db, "/api/quotes?speaker=Bukele").json()["items"]
    assert any(q["text"] == "“a very low fee for them, but a high one for us.”" for q in items)
    assert all("Bukele" in (q["speaker"] or "") for q in items)
    by_words = get(db, "/api/quotes?q=alliance").json()["items"]
    assert [q["speaker_name"] for q in by_words] == ["Marco Rubio"]


def test_web_api_entity_profile_and_figures(db: Path) -> None:
    bukele = get(db, "/api/entities/Nayib%20Bukele").json()
    assert bukele["label"] == "person" and bukele["articles"] == 1
    assert bukele["mentions_by_day"] == [["2025-04-14", bukele["mentions"]]]
    assert any(other["name"] == "Donald Trump" for other in bukele["co_mentioned"])
    figures = get(db, "/api/figures?about=remittances").json()["items"]
    assert any(f["value"] == 8.5e9 and f["unit"] == "USD" and f["time_start"] == "2024-01-01" for f in figures)


def test_web_api_timeline_counts_per_day(db: Path) -> None:
    body = get(db, "/api/timeline").json()
    assert body["items"] == [{"day": "2025-04-10", "count": 1}, {"day": "2025-04-14", "count": 1}]
    assert get(db, "/api/timeline?entity=Maria%20Lopez").json()["items"] == [{"day": "2025-04-10", "count": 1}]


def test_web_api_csv_on_list_endpoints(db: Path) -> None:
    for url in ("/api/articles", "/api/quotes", "/api/figures", "/api/entities", "/api/timeline"):
        response = get(db, url + "?format=csv")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv"), url
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert rows, url


def test_web_api_openapi_schema_lists_endpoints(db: Path) -> None:
    paths = get(db, "/openapi.json").json()["paths"]
    assert {"/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/figures", "/api/entities"} <= set(paths)
    assert "/api/timeline" in paths and "/" not in paths


def test_web_pages_escape_article_content(db: Path) -> None:
    found = get(db, "/api/articles?q=council").json()["items"][0]
    page = get(db, f"/articles/{found['id']}").text
    assert "<script>window.__xss" not in page and 'onerror="window' not in page
    assert "&lt;script&gt;window.__xss" in page
    search = get(db, "/?q=payloads").text
    assert "<script>window.__xss" not in search


def test_web_pages_render(db: Path) -> None:
    for url in ("/", "/?q=remittances", "/figures?about=remittances", "/timeline?q=Trump", "/entities/Nayib%20Bukele"):
        response = get(db, url)
        assert response.status_code == 200 and "<svg" in response.text, url
    quotes = get(db, "/quotes?speaker=Bukele").text
    assert "a very low fee for them" in quotes
    missing = get(db, "/entities/Nobody")
    assert missing.status_code == 404 and "no entity named" in missing.text.lower()


def test_web_requests_have_a_time_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.db"
    with Store(path) as store, store.transaction():
        for i in range(2000):
            day = f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}"
            store.insert(Article(text=f"Report number {i} on harbour works.", title=f"Harbour {i}", published=day))
    response = get(path, "/api/timeline?q=harbour", time_limit=0.0)
    assert response.status_code == 503
    assert response.json()["error"]["message"] == "the query took longer than the 0 s limit"
    first_day = sum(1 for i in range(2000) if i % 12 == 0 and i % 28 == 0)
    assert get(path, "/api/timeline?q=harbour").json()["items"][0] == {"day": "2025-01-01", "count": first_day}


def test_web_refuses_a_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "absent.db")


def test_web_entity_with_a_slash_in_its_name_has_a_page(tmp_path: Path) -> None:
    path = tmp_path / "slash.db"
    text = "The band AC/DC played in Sydney on Friday."
    band = Entity("AC/DC", "organization", (Span(9, 14),))
    with Store(path) as store, store.transaction():
        store.insert(Article(text=text, title="Concert", published="2025-03-07", entities=(band,)))
    assert get(path, "/api/entities/AC%2FDC").json()["name"] == "AC/DC"
    page = get(path, "/entities/AC%2FDC")
    assert page.status_code == 200 and "AC/DC" in page.text
    assert get(path, "/api/entities/AC%2FDC%2Fextra").status_code == 404


def test_every_page_and_api_answer_carries_the_security_headers(db: Path) -> None:
    for url in ("/", "/api/articles", "/api/articles/99999"):
        response = get(db, url)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles?q=" + "remittances%20" * 200,  # over 500 characters
        "/api/articles?q=" + "%20".join(f"w{i}" for i in range(40)),  # over 32 words, under 500 characters
        "/api/quotes?q=" + "fee%20" * 100,
        "/api/figures?about=" + "x" * 60_000,
    ],
)
def test_an_oversized_query_is_a_clear_400_not_a_long_wait(db: Path, url: str) -> None:
    response = get(db, url)
    assert response.status_code == 400
    assert "at most" in response.json()["error"]["message"]


def test_requests_over_the_in_flight_bound_get_503_with_retry_after_at_once(db: Path) -> None:
    from newsdesk.web.guard import Guard

    async def run() -> list[httpx.Response]:
        app = create_app(db)
        busy = Guard(app, max_in_flight=0)  # as if every slot were taken by a slow query
        transport = httpx.ASGITransport(app=busy)
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return [await client.get("/api/articles"), await client.get("/")]

    api, page = asyncio.run(run())
    assert api.status_code == 503 and api.headers["retry-after"] == "1"
    assert api.json()["error"]["status"] == 503
    assert page.status_code == 503 and "busy" in page.text and page.headers["x-frame-options"] == "DENY"


def request(db: Path, method: str, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return await client.request(method, url, headers=headers)

    return asyncio.run(run())


@pytest.mark.parametrize("url", ["/", "/api/articles?q=remittances", "/quotes", "/api/stories"])
def test_web_head_answers_as_get_without_a_body(db: Path, url: str) -> None:
    got, head = request(db, "GET", url), request(db, "HEAD", url)
    assert head.status_code == got.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]


def test_web_answers_are_compressed_and_validated_by_the_store_state(db: Path, tmp_path: Path) -> None:
    first = request(db, "GET", "/api/articles?q=remittances", {"accept-encoding": "gzip"})
    assert first.headers["content-encoding"] == "gzip" and first.json()["total"] == 1  # httpx unzips
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = request(db, "GET", "/api/articles?q=remittances", {"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    assert request(db, "GET", "/api/articles?q=fee", {"if-none-match": etag}).status_code == 200  # another URL
    # an ingest that writes to the store moves the state: the old tag no longer holds
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    before = request(copy, "GET", "/api/articles").headers["etag"]
    with Store(copy) as store:
        store.add([Article(text="The island ferry runs again after the storm.", title="Ferry back")])
    assert request(copy, "GET", "/api/articles", {"if-none-match": before}).status_code == 200


def test_web_entities_index_pages_on_and_other_casings_go_to_one_page(db: Path) -> None:
    index = get(db, "/entities?label=person")
    assert index.status_code == 200 and "Nayib Bukele" in index.text
    first = get(db, "/api/entities?limit=2").json()
    second = get(db, first["next"]).json()
    assert len(first["items"]) == 2 and second["offset"] == 2
    assert {e["name"] for e in first["items"]}.isdisjoint({e["name"] for e in second["items"]})  # no endless page
    moved = get(db, "/entities/nayib%20bukele")
    assert moved.status_code == 301 and moved.headers["location"] == "/entities/Nayib%20Bukele"
    missing = get(db, "/entities/Bukele")
    assert missing.status_code == 404
    assert 'href="/entities/Nayib%20Bukele"' in missing.text  # the page says whom it may have meant


def test_web_quotes_page_pages_on_with_its_search_kept(db: Path) -> None:
    later = get(db, "/quotes?speaker=Bukele&kind=direct&offset=50")
    assert later.status_code == 200
    assert 'href="/quotes?speaker=Bukele&amp;kind=direct&amp;offset=0" rel="prev">Previous</a>' in later.text
    assert ">Next</a>" not in get(db, "/quotes?speaker=Bukele").text  # one page of quotes: no next


def test_web_quotes_page_presets_dates_and_the_speaker_as_written(db: Path) -> None:
    page = lxml.html.fromstring(get(db, "/quotes?q=fee&all=1").text)
    presets = {a.text_content(): a.get("href") for a in page.xpath("//p[@class='presets']/a")}
    assert presets == {
        "named speakers only": "/quotes?q=fee&all=1&named=1",
        "direct quotes only": "/quotes?q=fee&all=1&kind=direct",
    }
    assert [m.text_content() for m in page.xpath("//blockquote/mark")] == ["fee"]  # "a very low fee for them …"
    named = lxml.html.fromstring(get(db, "/quotes?named=1&all=1").text)
    assert named.xpath("//ul[@class='quotes']/li") and not named.xpath("//*[contains(text(), 'not resolved')]")
    every = lxml.html.fromstring(get(db, "/quotes?all=1").text)
    # a pronoun or a title resolved to a name shows both: what the article wrote, and whom it means
    written = [s.text_content() for s in every.xpath("//span[@class='as-written']")]
    assert any(w.startswith("(as written: ") for w in written)
    on_the_day = get(db, "/quotes?since=2025-04-14&until=2025-04-14&all=1").text
    assert "No quotes match" not in on_the_day and 'value="2025-04-14"' in on_the_day
    assert "No quotes match" in get(db, "/quotes?since=2025-04-15").text
    assert get(db, "/quotes?since=&until=").status_code == 200  # a date input left blank is no filter


def test_web_lists_link_their_pages_and_every_item_to_its_page(db: Path) -> None:
    first = get(db, "/api/articles?limit=1")
    assert first.headers["link"] == '</api/articles?limit=1&offset=1>; rel="next"'
    second = get(db, "/api/articles?limit=1&offset=1")
    assert second.json()["previous"] == "/api/articles?limit=1&offset=0"
    assert 'rel="prev"' in second.headers["link"]
    item = first.json()["items"][0]
    assert item["html_url"] == f"http://newsdesk.test/articles/{item['id']}"
    quote = get(db, "/api/quotes?speaker=Bukele&limit=1").json()["items"][0]
    assert quote["html_url"] == f"http://newsdesk.test/articles/{quote['article_id']}#q{quote['start']}"
    figure = get(db, "/api/figures?about=remittances&limit=1").json()["items"][0]
    assert figure["html_url"].endswith(f"/articles/{figure['article_id']}#f{figure['start']}")
    entity = get(db, "/api/entities?name=Bukele&limit=1").json()["items"][0]
    assert get(db, entity["html_url"].removeprefix("http://newsdesk.test")).status_code == 200


def test_web_csv_downloads_are_named_after_what_they_list(db: Path) -> None:
    response = get(db, "/api/quotes?speaker=Bukele&format=csv")
    assert response.headers["content-disposition"] == 'attachment; filename="newsdesk-quotes.csv"'
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert rows and all(row["html_url"].startswith("http://newsdesk.test/articles/") for row in rows)


def test_web_timeline_bars_open_the_search_for_their_period(db: Path) -> None:
    page = get(db, "/timeline?q=remittances").text
    assert "Articles per day" in page
    # the sample is from 14 April 2025: its bar opens the search for that day, keeping the words
    assert 'href="/?q=remittances&amp;since=2025-04-14&amp;until=2025-04-14"' in page
    assert get(db, "/?q=remittances&since=2025-04-14&until=2025-04-14").status_code == 200


@pytest.mark.parametrize(
    ("page", "api"),
    [("/?q=remittances", "/api/articles?q=remittances"), ("/quotes?speaker=Bukele&all=1", "/api/quotes?speaker=Bukele"),
     ("/figures?about=remittances", "/api/figures?about=remittances&min_confidence=0.6"),
     ("/stories", "/api/stories"), ("/timeline?q=remittances", "/api/timeline?q=remittances"),
     ("/entities", "/api/entities")],
)  # fmt: skip
def test_web_every_list_page_links_its_view_as_json_and_csv(db: Path, page: str, api: str) -> None:
    html = get(db, page).text
    tree = lxml.html.fromstring(html)
    links = [a.get("href") for a in tree.xpath("//span[@class='exports']/a")]
    assert len(links) == 2, page
    json_link, csv_link = links
    assert json_link == api.replace("0.6", str(data.SURE)), page
    assert get(db, json_link).json()["items"], json_link
    download = get(db, csv_link)
    assert (
        download.headers["content-type"].startswith("text/csv")
        and "attachment" in download.headers["content-disposition"]
    )


def test_web_an_empty_csv_is_headed_by_the_fields_of_its_items(db: Path) -> None:
    header = get(db, "/api/quotes?speaker=Nobody%20Anywhere&format=csv").text.splitlines()
    assert header and header[0].startswith("article_id,title,published,publisher,start,end,text")
    assert get(db, "/api/timeline?q=zzzqqq&format=csv").text.strip() == "day,count"


def test_web_cross_origin_reading_is_off_unless_asked(db: Path) -> None:
    async def preflight(**kwargs: Any) -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db, **kwargs))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return await client.get("/api/articles", headers={"Origin": "https://desk.example.org"})

    assert "access-control-allow-origin" not in asyncio.run(preflight()).headers
    allowed = asyncio.run(preflight(cors=["https://desk.example.org"]))
    assert allowed.headers["access-control-allow-origin"] == "https://desk.example.org"
    assert "link" in allowed.headers["access-control-expose-headers"].lower()


def test_web_quotes_and_figures_of_the_articles_a_search_finds(db: Path) -> None:
    every = get(db, "/api/quotes?limit=200").json()["items"]
    assert len({q["article_id"] for q in every}) == 2  # both stored articles have quotes
    sample = get(db, "/api/articles?q=remittances").json()["items"][0]["id"]
    within = get(db, "/api/quotes?within=remittances&limit=200").json()["items"]
    assert within and {q["article_id"] for q in within} == {sample}
    # "remittance" finds the article that says "remittances", as the search box does
    figures = get(db, "/api/figures?within=remittance&limit=200").json()["items"]
    assert figures and {f["article_id"] for f in figures} == {sample}
    assert get(db, "/api/quotes?within=zzzqqqxx").json()["items"] == []
    page = get(db, "/?q=remittances").text
    assert 'href="/quotes?within=remittances">Quotes in these articles</a>' in page


def test_web_timeline_compares_searches_as_counts_or_shares(db: Path) -> None:
    page = lxml.html.fromstring(get(db, "/timeline?q=remittances&vs=council&vs=&share=true").text)
    assert [li.text_content() for li in page.xpath("//ul[@class='legend']/li")] == ["remittances", "council"]
    assert page.xpath("string(//figcaption)") == "% of articles per day"
    # each search is one article of the one stored that day: 100% on its day, 0% on the other's
    rows = [[c.text_content() for c in tr.xpath("td")] for tr in page.xpath("//details//tbody/tr")]
    assert rows == [["2025-04-10", "0.0%", "100.0%"], ["2025-04-14", "100.0%", "0.0%"]]
    links = [a.get("href") for a in page.xpath("//svg//a")]
    assert "/?q=council&since=2025-04-10&until=2025-04-10" in links


def test_web_counts_kept_for_a_search_are_counted_again_once_the_store_changes(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    app = create_app(copy)
    memo = app.state.memo
    computed: list[str] = []

    def count(key: str) -> int:
        computed.append(key)
        return len(computed)

    assert memo.get("a", lambda: count("a")) == memo.get("a", lambda: count("a")) == 1  # counted once
    # a second page of the same search: the total and the facets come from the first one
    first, second = asyncio.run(_get_all(app, ["/api/articles?q=remittances", "/api/articles?q=remittances&offset=1"]))
    assert first.json()["total"] == second.json()["total"] == 1
    assert second.json()["facets"] == first.json()["facets"]
    with Store(copy) as store:
        store.add([Article(text="Remittances fell again this spring, the bank said.", title="Remittances fall")])
    assert memo.get("a", lambda: count("a")) == 2  # the write made the kept value stale
    (after,) = asyncio.run(_get_all(app, ["/api/articles?q=remittances"]))
    assert after.json()["total"] == 2
    # an entity's profile and a timeline are kept the same way, and counted again after a write
    urls = ["/api/entities/Nayib%20Bukele", "/api/timeline?q=bukele"]
    profile, timeline = asyncio.run(_get_all(app, urls))
    with Store(copy) as store:
        later = "Nayib Bukele met bankers in San Salvador on Friday to discuss the fee."
        store.add([newsdesk.analyze(Article(text=later, title="Bukele meets bankers", published="2025-05-02"))])
    profile_after, timeline_after = asyncio.run(_get_all(app, urls))
    assert profile_after.json()["articles"] == profile.json()["articles"] + 1
    assert (
        sum(d["count"] for d in timeline_after.json()["items"]) == sum(d["count"] for d in timeline.json()["items"]) + 1
    )


def test_web_requests_for_a_value_being_counted_wait_for_it_instead_of_counting_again(db: Path) -> None:
    memo = create_app(db).state.memo
    started, release = threading.Event(), threading.Event()
    computed: list[str] = []

    def slow(key: str) -> str:
        computed.append(key)
        started.set()
        release.wait(5)
        return key.upper()

    results: list[str] = []
    first = threading.Thread(target=lambda: results.append(memo.get("q", lambda: slow("q"))))
    first.start()
    assert started.wait(5)
    waiting = [threading.Thread(target=lambda: results.append(memo.get("q", lambda: slow("q")))) for _ in range(3)]
    for thread in waiting:
        thread.start()
    assert memo.get("other", lambda: "other") == "other"  # another key is not held up meanwhile
    time.sleep(0.2)  # let the three reach the memo while the first still counts
    release.set()
    for thread in [first, *waiting]:
        thread.join(5)
    assert results == ["Q"] * 4 and computed == ["q"]

    def failing() -> str:
        computed.append("fails")
        started.set()
        release.wait(5)
        raise QueryTimeout("over the time limit")

    started.clear(), release.clear()
    errors: list[str] = []

    def ask() -> None:
        try:
            memo.get("f", failing)
        except QueryTimeout as exc:
            errors.append(str(exc))

    first = threading.Thread(target=ask)
    first.start()
    assert started.wait(5)
    waiting = [threading.Thread(target=ask) for _ in range(2)]
    for thread in waiting:
        thread.start()
    time.sleep(0.2)
    release.set()
    for thread in [first, *waiting]:
        thread.join(5)
    # the waiters get the error at once instead of each counting again in turn
    assert errors == ["over the time limit"] * 3 and computed.count("fails") == 1
    assert memo.get("f", lambda: "now") == "now"  # the next request counts afresh


async def _get_all(app: Any, urls: list[str]) -> list[httpx.Response]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
        return [await client.get(url) for url in urls]
