"""Ingest end to end: readers for every input kind, broken inputs, resume after SIGKILL."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import SAMPLE, news_page

from newsdesk import Settings, ingest
from newsdesk.store import Store


def write_warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html.encode()),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2025-04-15T08:00:00Z"},
            )
            writer.write_record(record)
        js = writer.create_warc_record(
            "https://x.example/app.js",
            "response",
            payload=io.BytesIO(b"var a;"),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/javascript")], protocol="HTTP/1.1"),
        )
        writer.write_record(js)


def run_ingest(db: Path, *paths: Path, workers: int = 1):  # type: ignore[no-untyped-def]
    with Store(db) as store:
        report = ingest([str(p) for p in paths], store, workers=workers, settings=Settings())
        return report, len(store)


# warcio's writer leaves a temporary digest buffer to the garbage collector (test helper only)
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_ingest_reads_warc_jsonl_gzip_and_folders(tmp_path: Path) -> None:
    write_warc(
        tmp_path / "crawl.warc.gz",
        [("https://gazette.example/1", news_page(1)), ("https://gazette.example/2", news_page(2))],
    )
    (tmp_path / "pages.jsonl").write_text(
        json.dumps({"url": "https://gazette.example/3", "html": news_page(3)})
        + "\n"
        + json.dumps({"url": "https://inquirer.example/s", "text": SAMPLE.read_text()})
        + "\n"
    )
    folder = tmp_path / "folder" / "deep"
    folder.mkdir(parents=True)
    (folder / "p4.html.gz").write_bytes(gzip.compress(news_page(4).encode()))
    (folder / "notes.md").write_text("not an input kind: ignored in folders")
    report, total = run_ingest(
        tmp_path / "db.sqlite", tmp_path / "crawl.warc.gz", tmp_path / "pages.jsonl", tmp_path / "folder"
    )
    assert (report.new, report.failed, total) == (5, [], 5)
    with Store(tmp_path / "db.sqlite") as store:
        warc_row = store.db.execute(
            "SELECT source_url, fetched_at, source_path FROM articles WHERE source_url = 'https://gazette.example/1'"
        ).fetchone()
        assert tuple(warc_row) == ("https://gazette.example/1", "2025-04-15T08:00:00Z", str(tmp_path / "crawl.warc.gz"))
        published = store.db.execute(
            "SELECT published FROM articles WHERE source_url = ?", ("https://gazette.example/1",)
        ).fetchone()[0]
        assert published == "2024-03-05T09:30:00+01:00"  # the WARC date is the fetch date, not publication
        assert [r.title for r in store.search("bukele")] == [
            "Trump hosts El Salvador's Bukele, key ally in anti-migrant push"
        ]


def test_ingest_batch_with_broken_inputs_finishes_and_reports_them(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_text(news_page(1))
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bad.jsonl").write_text('{"url": "x", "html": "<div><p> </p><img src=a.png></div>"}\n{not json\n')
    (tmp_path / "dup.html").write_text(news_page(1))
    report, total = run_ingest(tmp_path / "db.sqlite", tmp_path)
    assert total == 1 and report.new == 1 and report.duplicates == 1
    failed = dict(report.failed)
    assert "BinaryInput" in failed[str(tmp_path / "binary.html")]
    assert "EmptyInput" in failed[str(tmp_path / "empty.txt")]
    assert "bad JSON line" in failed[f"{tmp_path / 'bad.jsonl'}:2"]
    assert sum(report.skipped.values()) == 1  # the JSON page with only an image has no article text
    # a second run skips what was done and retries only the failures
    again, total = run_ingest(tmp_path / "db.sqlite", tmp_path)
    assert (again.new, again.already, len(again.failed), total) == (0, 3, 3, 1)


def test_ingest_with_worker_processes_matches_one_process(tmp_path: Path) -> None:
    for i in range(12):
        (tmp_path / f"p{i}.html").write_text(news_page(i))
    one, total_one = run_ingest(tmp_path / "one.db", tmp_path, workers=1)
    two, total_two = run_ingest(tmp_path / "two.db", tmp_path, workers=2)
    assert (one.new, total_one) == (two.new, total_two) == (12, 12)
    assert _hashes(tmp_path / "one.db") == _hashes(tmp_path / "two.db")


def _hashes(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return sorted(r[0] for r in conn.execute("SELECT content_hash FROM articles"))


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def _assert_no_orphans(marker: str) -> None:
    """The killed ingest's worker processes end with it (none left holding files or pipes)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        alive = [p for p in Path("/proc").glob("[0-9]*") if _cmdline(p).count(marker)]
        if not alive:
            return
        time.sleep(0.1)
    raise AssertionError(f"worker processes outlived the killed ingest: {alive}")


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs SIGKILL and /proc (Linux)")
def test_ingest_resumes_after_sigkill_to_the_same_store(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    n = 150
    for i in range(n):
        (inputs / f"p{i:03}.html").write_text(news_page(i))
    command = [sys.executable, "-m", "newsdesk", "ingest", str(inputs), "--workers", "2"]
    killed_db = tmp_path / "killed.db"
    proc = subprocess.Popen([*command, "--db", str(killed_db)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(killed_db) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _assert_no_orphans(str(killed_db))
    interrupted_at = _count(killed_db)
    assert 0 < interrupted_at < n, "the kill should land mid-ingest"
    done = subprocess.run([*command, "--db", str(killed_db)], capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    clean_db = tmp_path / "clean.db"
    subprocess.run([*command, "--db", str(clean_db)], check=True, capture_output=True, timeout=300)
    assert _hashes(killed_db) == _hashes(clean_db)
    assert len(_hashes(killed_db)) == n
    with sqlite3.connect(killed_db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM sources").fetchone()[0] == n
        fts = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'").fetchone()[0]
        assert fts == n


def long_story(sentences: int) -> str:
    """A plain-text story long enough that its analysis takes seconds."""
    line = "The harbour board said on Tuesday that the new pier would cost about $4 million, officials said."
    return "Harbour works run late\n\n" + "\n\n".join(f"{line} Paragraph {i} adds detail." for i in range(sentences))


def test_ingest_document_over_the_time_limit_fails_alone(tmp_path: Path) -> None:
    # document_timeout covers extraction and analysis together, in ingest as in `extract --facts`
    (tmp_path / "slow.txt").write_text(long_story(2500), encoding="utf-8")
    (tmp_path / "quick.txt").write_text(long_story(3), encoding="utf-8")
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest([str(tmp_path)], store, workers=1, settings=Settings(document_timeout=1.5))
        titles = [a.title for a in store]
    assert report.new == 1 and titles == ["Harbour works run late"]
    ((key, reason),) = report.failed
    assert (
        key.endswith("slow.txt")
        and reason == "DocumentTimeout: processing took longer than 1.5 s (setting document_timeout)"
    )


def test_ingest_is_a_library_call_with_a_path_or_a_store(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(long_story(3), encoding="utf-8")
    report = ingest(str(tmp_path / "story.txt"), tmp_path / "news.db", workers=1)
    assert (report.new, report.failed) == (1, [])
    with Store(tmp_path / "news.db") as store:
        again = ingest([str(tmp_path)], store, workers=1)
        assert (again.new, again.already, len(store)) == (0, 1, 1)
