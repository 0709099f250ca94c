"""Answers instead of tracebacks: odd store names, huge ids, out-of-range limits."""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys
from pathlib import Path

import httpx
from tests.conftest import SAMPLE

import newsdesk
from newsdesk import Store
from newsdesk.export import write_records_csv
from newsdesk.web.app import create_app


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], capture_output=True, timeout=180)


def test_store_path_with_hash_and_question_mark_is_a_file_name(tmp_path: Path) -> None:
    db = tmp_path / "news#1?.db"
    assert cli("ingest", str(SAMPLE), "--db", str(db)).returncode == 0
    stats = cli("stats", "--db", str(db))
    assert stats.returncode == 0 and stats.stdout.startswith(b"1 articles")
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".db") == ["news#1?.db"]  # no stray "news"


def test_huge_ids_and_bad_limits_are_clear_answers_not_tracebacks(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store(db) as store:
        store.add([newsdesk.extract(SAMPLE.read_bytes())])
        assert store.get(99999999999999999999) is None and store.get(0) is None
    shown = cli("show", "99999999999999999999", "--db", str(db))
    assert shown.returncode == 1 and shown.stderr == b"newsdesk: no article with id 99999999999999999999\n"
    for args in (("search", "x", "--limit", "-1"), ("search", "x", "--limit", "99999999999999999999")):
        done = cli(*args, "--db", str(db))
        assert done.returncode == 2 and b"Traceback" not in done.stderr and b"--limit" in done.stderr

    async def get(url: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            return await client.get(url)

    response = asyncio.run(get("/api/articles/99999999999999999999"))
    assert response.status_code == 404 and response.json()["error"]["status"] == 404


def test_csv_cells_that_would_be_spreadsheet_formulas_are_neutralised() -> None:
    out = io.StringIO()
    write_records_csv([{"text": '=HYPERLINK("http://example.org")', "value": -5, "who": "@handle", "ok": "fine"}], out)
    header, row = list(csv.reader(io.StringIO(out.getvalue())))
    assert header == ["text", "value", "who", "ok"]
    assert row == ['\'=HYPERLINK("http://example.org")', "-5", "'@handle", "fine"]  # numbers stay numbers
