"""Confidence through the store, the CLI and the API; reanalyze updating a store in place."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
from tests.conftest import SAMPLE

import newsdesk
from newsdesk import Settings, Store
from newsdesk.api import analyzer_version
from newsdesk.reanalyze import reanalyze
from newsdesk.web.app import create_app


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], capture_output=True, timeout=180)


def test_reanalyze_replaces_the_facts_of_articles_analysed_by_older_stages(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    article = newsdesk.extract(SAMPLE.read_bytes(), facts=True)
    stale = newsdesk.Article(text=article.text, title=article.title, published=article.published)  # no facts
    with Store(db) as store:
        store.add([stale])
        assert store.quotes(speaker="Bukele") == []
        report = reanalyze(store, settings=Settings())
        assert (report.updated, report.current, report.failed) == (1, 0, [])
        (row,) = store.db.execute("SELECT analyzer FROM articles").fetchall()
        assert row[0] == analyzer_version(Settings())
        assert [q["text"] for q in store.quotes(speaker="Bukele")] == [
            q.text for q in article.quotes if q.speaker_name == "Nayib Bukele"
        ]
        entity_rows = [
            tuple(r)
            for r in store.db.execute("SELECT articles, mentions FROM entity_stats WHERE name = 'Nayib Bukele'")
        ]
        assert entity_rows and entity_rows[0][0] == 1
        again = reanalyze(store, settings=Settings())
        assert (again.updated, again.current) == (0, 1)  # current articles are left alone
        forced = reanalyze(store, force=True, settings=Settings())
        assert forced.updated == 1
        # replacing facts does not count an entity's article twice
        assert [
            tuple(r)
            for r in store.db.execute("SELECT articles, mentions FROM entity_stats WHERE name = 'Nayib Bukele'")
        ] == entity_rows
        stored = store.get(1)
        assert stored is not None and stored.quotes == article.quotes and stored.figures == article.figures


def test_reanalyze_command_updates_a_store_in_place(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert cli("ingest", str(SAMPLE), "--db", str(db)).returncode == 0
    with sqlite3.connect(db) as connection:  # as an older release would have left it
        connection.execute("UPDATE articles SET analyzer = 'dates@1,figures@1'")
        connection.execute("DELETE FROM quotes")
    done = cli("reanalyze", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert b"1 re-analysed, 0 already current, 0 failed" in done.stderr
    rows = json.loads(cli("quotes", "--speaker", "Bukele", "--db", str(db), "--format", "json").stdout)
    assert rows and all(r["speaker_name"] == "Nayib Bukele" for r in rows)


def test_min_confidence_filters_quotes_and_figures_in_the_cli_and_the_api(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        store.add([newsdesk.extract(SAMPLE.read_bytes(), facts=True)])
    every = json.loads(cli("quotes", "--db", str(db), "--format", "json", "--limit", "100").stdout)
    sure = json.loads(cli("quotes", "--db", str(db), "--format", "json", "--min-confidence", "0.8").stdout)
    assert 0 < len(sure) < len(every)
    assert all(q["confidence"] >= 0.8 for q in sure)
    assert cli("figures", "--db", str(db), "--min-confidence", "2").returncode == 2  # not a confidence

    async def get(url: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return await client.get(url)

    figures = asyncio.run(get("/api/figures?min_confidence=0.8&limit=200")).json()["items"]
    assert figures and all(f["confidence"] >= 0.8 for f in figures)
    assert asyncio.run(get("/api/quotes?min_confidence=1.5")).status_code == 400
    page = asyncio.run(get("/articles/1")).text
    assert "unsure hidden" in page and 'href="/articles/1?all=1"' in page
    everything = asyncio.run(get("/articles/1?all=1")).text
    assert everything.count('class="unsure"') > page.count('class="unsure"')
    quotes_page = asyncio.run(get("/quotes")).text
    assert "Show unsure quotes too" in quotes_page
