"""The store: round trips, idempotency, versions, search, and a reader beside a writer."""

from __future__ import annotations

import dataclasses
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from tests.test_model import articles

import newsdesk
from newsdesk import Article, Origin
from newsdesk.store import Store, StoreError
from newsdesk.store.store import Filters


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "news.db") as s:
        yield s


@pytest.fixture(scope="module")
def sample_article(sample_bytes: bytes) -> Article:
    return newsdesk.extract(sample_bytes)


@settings(max_examples=60, deadline=None)  # the first insert imports datasketch (and SciPy): ~0.7 s once
@given(article=articles())
def test_store_round_trip_is_identity(article: Article) -> None:
    with Store(":memory:") as store:
        assert store.add([article]) == {"new": 1, "duplicate": 0, "version": 0}
        stored = store.get(1)
        assert stored is not None and list(store) == [stored]
        # the one change: a publication date not in ISO 8601 is stored in it, as written beside it
        assert not stored.published or date.fromisoformat(stored.published[:10])
        if stored.published != article.published:
            assert article.published and stored.published_as_written == (article.published.strip() or None)
        assert dataclasses.replace(stored, published=article.published, published_as_written=None) == (
            dataclasses.replace(article, published_as_written=None)
        )


def test_store_keeps_dates_written_as_words_as_iso_and_as_written(store: Store) -> None:
    written = Article(text="The council met.", title="Council", published="Tuesday, July 31, 2012, 2:38 pm")
    unreadable = Article(text="Another meeting.", title="Later", published="sometime last summer")
    store.add([written, unreadable])
    first, second = store.get(1), store.get(2)
    assert first is not None and second is not None
    assert (first.published, first.published_as_written) == ("2012-07-31T14:38", "Tuesday, July 31, 2012, 2:38 pm")
    assert (second.published, second.published_as_written) == (None, "sometime last summer")
    july = Filters(since="2012-07", until="2012-07")
    assert [a.id for a in store.search("council", filters=july)] == [1]


def test_store_migration_fixes_dates_stored_as_written(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add([Article(text="Flood waters rose in the valley.", title="Flood", publisher="Valley Post")])
        # as stores made before dates were normalised hold them: the string, no day, no month facet
        db = store.db
        db.execute(
            "INSERT INTO articles_fts(articles_fts, rowid, title, text, facets) "
            "SELECT 'delete', id, title, text, facets FROM articles"
        )
        db.execute(
            "UPDATE articles SET published = 'March 3, 2019', published_day = NULL, "
            "data = json_set(data, '$.published', 'March 3, 2019')"
        )
        db.execute("INSERT INTO articles_fts(rowid, title, text, facets) SELECT id, title, text, facets FROM articles")
        db.execute("DELETE FROM migrations WHERE name = 'm011_published_iso'")
        assert store.search("flood", filters=Filters(since="2019-03", until="2019-03")) == []
    with Store(path) as store:
        article = store.get(1)
        assert article is not None
        assert (article.published, article.published_as_written) == ("2019-03-03", "March 3, 2019")
        march = Filters(since="2019-03", until="2019-03", publisher="Valley Post")
        assert [a.id for a in store.search("flood", filters=march)] == [1]
        assert [a.id for a in store.search("flood", filters=Filters(until="2019-03-02"))] == []
        store.db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")


def test_store_same_content_is_stored_once(store: Store, sample_article: Article) -> None:
    again = dataclasses.replace(sample_article, origin=Origin(path="elsewhere.txt"))
    assert store.add([sample_article, again]) == {"new": 1, "duplicate": 1, "version": 0}
    assert len(store) == 1


def test_store_changed_version_of_a_url_is_linked_to_the_old(store: Store) -> None:
    old = Article(text="First version of the story.", title="Story", canonical_url="https://x.example/a")
    new = dataclasses.replace(old, text="Second, corrected version of the story.")
    assert store.add([old, new]) == {"new": 1, "duplicate": 0, "version": 1}
    rows = store.db.execute("SELECT id, previous_id FROM articles ORDER BY id").fetchall()
    assert [tuple(r) for r in rows] == [(1, None), (2, 1)]


def test_store_search_filters_snippets_and_accents(store: Store, sample_article: Article) -> None:
    other = Article(
        text="Les élections à Montréal ont été reportées.",
        title="Élections",
        published="2024-01-02",
        publisher="Le Devoir",
        tags=("Québec",),
    )
    store.add([sample_article, other])
    (hit,) = store.search("remittances", Filters(since="2025-04-01", until="2025-04-30", publisher="inquirer.net"))
    assert hit.title == sample_article.title and "[remittances]" in hit.snippet
    assert store.search("remittances", Filters(since="2025-05-01")) == []
    assert store.search("remittances", agency="Reuters") == []
    assert [r.title for r in store.search("remittances", since="2025-04-14", agency="AFP")] == [sample_article.title]
    assert [r.title for r in store.search("elections montreal")] == ["Élections"]  # accents folded
    assert [r.title for r in store.search('"family remittances"')] == [sample_article.title]
    assert [r.title for r in store.search("bukel*")] == [sample_article.title]
    assert [r.title for r in store.search("remittances NOT Salvador")] == []
    assert [r.title for r in store.search(None, Filters(tag="Québec"))] == ["Élections"]
    with pytest.raises(StoreError, match="cannot be read"):
        store.search('"unbalanced')


def test_store_reader_sees_whole_articles_while_a_writer_adds(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    writer = Store(path)
    stop = threading.Event()
    seen: list[int] = []

    def write() -> None:
        for i in range(200):
            writer.add([Article(text=f"Water plan number {i} approved by the council.", title=f"Plan {i}")])
        stop.set()

    thread = threading.Thread(target=write)
    thread.start()
    reader = Store(path, readonly=True)
    while not stop.is_set():
        hits = reader.search("water", limit=1000)
        assert all(h.title and h.title.startswith("Plan") for h in hits)
        seen.append(len(hits))
    thread.join()
    assert len(reader.search("water", limit=1000)) == 200
    assert seen == sorted(seen)  # never goes backwards, never sees half an article
    reader.close()
    writer.close()


def test_store_readonly_on_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_store_entity_totals_match_a_recount(tmp_path: Path, sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    with Store(tmp_path / "e.db") as store:
        store.add([article, article, dataclasses.replace(article, title="Another version")])
        fast = store.entities(limit=100)  # the running totals
        recount = store.entities(filters=Filters(since="1900-01-01"), limit=100)  # read from the mentions
        assert fast == recount
        bukele = next(e for e in fast if e["name"] == "Nayib Bukele")
        assert bukele["articles"] == 2 and bukele["mentions"] == 20 and bukele["roles"] == ["Salvadoran counterpart"]


def test_store_the_same_text_at_another_url_is_another_outlets_article(store: Store) -> None:
    wire = Article(text="The port reopened on Monday after the strike.", title="Port reopens")
    first = dataclasses.replace(wire, origin=Origin(url="https://one.example/port"))
    second = dataclasses.replace(wire, origin=Origin(url="https://two.example/port"))
    assert store.add([first, second, first]) == {"new": 2, "duplicate": 1, "version": 0}
    assert [a for a, _, _ in store.copy_groups()] == [1, 2]  # a verbatim copy: the strongest kind


def test_facets_count_every_match_by_month_and_the_newest_by_tag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.store import aggregates

    monkeypatch.setattr(aggregates, "FACET_SAMPLE", 3)  # tags and names: the newest three matches only
    days = ["2023-01-05", "2023-01-20", "2023-02-03", "2023-03-09", "2023-03-30"]
    with Store(tmp_path / "f.db") as store:
        store.add(
            [
                Article(
                    text=f"The harbour ferry strike went into day {i + 1} as talks stalled.",
                    title=f"Ferry strike, day {i + 1}",
                    published=day,
                    publisher="Coast Daily" if i % 2 else "Harbour Times",
                    tags=("old" if i < 2 else "new",),
                )
                for i, day in enumerate(days)
            ]
        )
        total, facets = store.facets("ferry")
        # with no search the articles' own indexes count them: the same answer
        assert store.facets(None) == (total, facets)
        assert store.facets(None, Filters(since="2023-02-01", publisher="coast daily"))[0] == 1
    assert total == 5
    assert dict(facets["month"]) == {"2023-01": 2, "2023-02": 1, "2023-03": 2}  # all five, not the first three
    assert dict(facets["publisher"]) == {"Harbour Times": 3, "Coast Daily": 2}
    assert dict(facets["tag"]) == {"new": 3}  # the three newest


def test_summary_counts_what_the_separate_queries_count(tmp_path: Path) -> None:
    days = ["2023-01-05", "2023-01-05", "2023-02-03", None, "2023-03-30"]
    with Store(tmp_path / "s.db") as store:
        store.add(
            [
                Article(
                    text=f"Ferry crews walked out for the {word} time as talks over pay stalled again.",
                    title=f"Ferry strike {i}",
                    published=day,
                    publisher="Harbour Times",
                )
                for i, (day, word) in enumerate(zip(days, ["first", "second", "third", "fourth", "fifth"], strict=True))
            ]
            + [Article(text="The council approved the new library budget on Tuesday.", published="2023-02-03")]
        )
        for query, filters in (("ferry", Filters()), ("ferry", Filters(since="2023-02-01")), (None, Filters())):
            found = store.summary(query, filters)
            assert (found.total, found.facets) == store.facets(query, filters)
            assert found.per_day == store.timeline(query, filters)
            assert found.stories == len(store.story_ids(query, filters))
        found = store.summary("ferry")
    assert found.total == 5 and sum(n for _, n in found.per_day) == 4  # one report has no date
    assert found.per_day[0] == ("2023-01-05", 2)


def test_figures_within_a_big_search_are_the_same_walked_or_sorted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk.store import facts

    texts = [
        "The ferry operator said 1,200 passengers were stranded and 14 sailings were cancelled.",
        "About 300 ferry workers joined the strike, the union said, up from 250 a week earlier.",
        "Ferry fares rose 12 percent this year, and the operator expects 40,000 fewer trips.",
        "The library reopened with 5,000 new books.",
    ]
    days = ["2023-03-01", "2023-01-15", "2023-02-10", "2023-03-02"]
    with Store(tmp_path / "w.db") as store:
        store.add([newsdesk.analyze(Article(text=t, published=d)) for t, d in zip(texts, days, strict=True)])
        asked = [("ferry", Filters(within="ferry")), (None, Filters(within="ferry", since="2023-02-01"))]
        sorted_ = [store.figures(about, None, f, limit=3, offset=off) for about, f in asked for off in (0, 2)]
        monkeypatch.setattr(facts, "WALK_NEWEST_FROM", 0)  # every search counts as big: walked
        walked = [store.figures(about, None, f, limit=3, offset=off) for about, f in asked for off in (0, 2)]
    assert walked == sorted_
    assert [f["published"] for f in sorted_[0]][:1] == ["2023-03-01"]  # newest article first
    assert all(f["article_id"] != 4 for page in sorted_ for f in page)  # the library is not in the search


def test_the_time_limit_counts_work_not_waiting(store: Store) -> None:
    from newsdesk.store import QueryTimeout

    store.add([Article(text="The harbour reopened after the storm.", title="Harbour reopens")])
    store.time_limit(0.2)
    time.sleep(0.3)  # a busy server: the request waited for a core, doing nothing
    counting = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) SELECT count(*) FROM n"
    # a few milliseconds of work, long enough for the limit to be checked: still within its 0.2 s
    assert store._reading(lambda: store.db.execute(counting, (20_000,)).fetchone()[0]) == 20_000
    assert store.count("harbour") == 1
    with pytest.raises(QueryTimeout, match=r"0\.2 s limit"):  # endless work is stopped
        store._reading(lambda: store.db.execute(counting, (10**12,)).fetchone())


def test_figures_about_a_word_find_its_singular_and_plural(store: Store) -> None:
    text = "The ferry company raised its fee to $14 this spring. Fares in two countries rose 8% last year."
    store.add([newsdesk.analyze(Article(text=text, published="2025-03-01"))])

    def about(words: str) -> list[str]:
        return [f["text"] for f in store.figures(words)]

    assert about("fees") == about("fee") == ["$14"]  # "fees" finds "its fee"
    assert about("country") == ["two countries", "8%"]  # the singular finds "countries"
    assert about("f_e") == about("f%e") == []  # _ and % are letters here, not wildcards
