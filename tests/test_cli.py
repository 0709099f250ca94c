"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, SAMPLE


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], input=stdin, capture_output=True, timeout=120)


def test_cli_extract_prints_the_sample_article_as_json() -> None:
    done = run("extract", str(SAMPLE))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["title"] == "Trump hosts El Salvador's Bukele, key ally in anti-migrant push"
    assert data["agency"] == "AFP" and data["dateline"] == "WASHINGTON"
    assert data["text"].startswith("WASHINGTON — US President Donald Trump")
    assert any(r["reason"] == "advertisement" for r in data["removed"])


def test_cli_extract_reads_stdin_and_renders_markdown_and_text() -> None:
    md = run("extract", "-", "--format", "md", stdin=SAMPLE.read_bytes())
    assert md.returncode == 0 and md.stdout.decode().startswith("# Trump hosts El Salvador's Bukele")
    txt = run("extract", "-", "--format", "txt", stdin=SAMPLE.read_bytes())
    assert txt.stdout.decode().startswith("WASHINGTON —") and b"# " not in txt.stdout


def test_cli_extract_batch_reports_bad_inputs_and_goes_on(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    page_gz = tmp_path / "page.html.gz"
    page_gz.write_bytes(gzip.compress((FIXTURES / "news-page.html").read_bytes()))
    missing = tmp_path / "missing.html"
    done = run("extract", str(SAMPLE), str(pdf), str(empty), str(missing), str(page_gz))
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    assert [json.loads(line)["title"] for line in lines] == [
        "Trump hosts El Salvador's Bukele, key ally in anti-migrant push",
        "Port strike ends after deal on wages",
    ]
    err = done.stderr.decode()
    assert f"{pdf}: BinaryInput: the input is a PDF document" in err
    assert f"{empty}: EmptyInput" in err
    assert f"{missing}: FileNotFoundError" in err
    assert "2 extracted, 3 failed" in err
    assert "Traceback" not in err


def test_cli_extract_refuses_non_http_urls_and_private_addresses() -> None:
    done = run("extract", "file:///etc/passwd")
    assert done.returncode == 1 and b"only http and https" in done.stderr
    done = run("extract", "http://127.0.0.1:9/")
    assert done.returncode == 1 and b"BlockedAddress" in done.stderr


def test_cli_without_a_command_prints_help_and_exits_2() -> None:
    done = run()
    assert done.returncode == 2 and b"extract" in done.stdout


def test_cli_ingest_search_show_stats_export(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    done = run("ingest", str(SAMPLE), str(FIXTURES / "news-page.html"), "--db", db)
    assert done.returncode == 0, done.stderr
    assert b"2 new" in done.stderr
    found = run("search", "remittances", "--db", db, "--since", "2025-04-01", "--format", "json")
    hits = json.loads(found.stdout)
    assert [h["title"] for h in hits] == ["Trump hosts El Salvador's Bukele, key ally in anti-migrant push"]
    assert "[remittances]" in hits[0]["snippet"]
    table = run("search", "strike", "--db", db, "--agency", "AP")
    assert b"Port strike ends after deal on wages" in table.stdout
    csv_out = run("search", "strike OR bukele", "--db", db, "--format", "csv")
    assert csv_out.stdout.decode().splitlines()[0].startswith("id,title,published")
    assert len(csv_out.stdout.decode().splitlines()) == 3
    shown = run("show", str(hits[0]["id"]), "--db", db, "--format", "txt")
    assert shown.stdout.decode().startswith("WASHINGTON —")
    stats = json.loads(run("stats", "--db", db, "--format", "json").stdout)
    assert stats["articles"] == 2 and stats["agency"] == {"AFP": 1, "AP": 1}
    exported = run("export", "--db", db, "--agency", "AFP")
    assert [json.loads(line)["agency"] for line in exported.stdout.decode().splitlines()] == ["AFP"]
    parquet = tmp_path / "out.parquet"
    assert run("export", "--db", db, "--format", "parquet", "-o", str(parquet)).returncode == 0
    import pyarrow.parquet as pq

    assert sorted(pq.read_table(parquet).column("publisher").to_pylist()) == ["INQUIRER.net", "The Harbour Gazette"]


def test_cli_quotes_and_entities_from_the_store(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    run("ingest", str(SAMPLE), "--db", db)
    table = run("quotes", "--speaker", "Bukele", "--db", db).stdout.decode()
    assert "Nayib Bukele" in table and "“a very low fee for them, but a high one for us.”" in table
    rows = json.loads(run("quotes", "--query", "alliance", "--db", db, "--format", "json").stdout)
    assert [(r["speaker_text"], r["speaker_name"], r["cue_text"], r["kind"]) for r in rows] == [
        ("he", "Marco Rubio", "wrote", "direct")
    ]
    # the cue is a span into the article's text, the same shape as in the Article JSON
    article = json.loads(run("show", str(rows[0]["article_id"]), "--format", "json", "--db", db).stdout)
    assert article["text"][rows[0]["cue"]["start"] : rows[0]["cue"]["end"]] == "wrote"
    assert {"start": rows[0]["cue"]["start"], "end": rows[0]["cue"]["end"]} in [q["cue"] for q in article["quotes"]]
    assert run("quotes", "--speaker", "Nobody", "--db", db).stdout == b""
    assert run("quotes", "--query", '"unbalanced', "--fts", "--db", db).returncode == 2
    assert run("quotes", "--query", '"unbalanced', "--db", db).returncode == 0  # plain: read as a phrase
    people = run("entities", "--label", "person", "--db", db, "--format", "csv").stdout.decode().splitlines()
    assert people[0].startswith("name,label,articles,mentions,roles") and len(people) == 7
    assert '"[""US Secretary of State""]"' in next(line for line in people if line.startswith("Marco Rubio"))


def test_cli_search_malformed_advanced_query_is_one_line_and_exit_2(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    run("ingest", str(SAMPLE), "--db", db)
    done = run("search", '"unbalanced', "--fts", "--db", db)
    assert done.returncode == 2
    assert done.stderr.decode().count("\n") == 1 and b"cannot be read" in done.stderr
    assert run("search", '"unbalanced', "--db", db).returncode == 0  # the plain mode reads any text
    missing = run("search", "x", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and b"no store" in missing.stderr


def test_cli_facts_lists_figures_with_what_they_measure_and_when(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    run("ingest", str(SAMPLE), "--db", db)
    rows = json.loads(run("facts", "--about", "remittances", "--db", db, "--format", "json").stdout)
    by_text = {r["text"]: r for r in rows}
    assert by_text["$8.5 billion"]["value"] == 8.5e9 and by_text["$8.5 billion"]["measures"] == "family remittances"
    assert by_text["$8.5 billion"]["time_start"] == "2024-01-01"
    assert by_text["14 percent"]["time_text"] == "January and February" and by_text["14 percent"]["change"] == "grew"
    money = json.loads(
        run(
            "facts", "--kind", "money", "--db", db, "--format", "json", "--since", "2024-01-01", "--until", "2024-12-31"
        ).stdout
    )
    assert sorted(r["text"] for r in money) == ["$2.1 billion", "$6.5 billion", "$8.5 billion"]
    table = run("facts", "--about", "GDP", "--db", db).stdout.decode()
    assert "23 percent" in table and "the country’s GDP" in table


def test_cli_extract_facts_markdown_lists_figures_and_dates() -> None:
    md = run("extract", str(SAMPLE), "--facts", "--format", "md").stdout.decode()
    assert "- **$8.5 billion** (8,500,000,000 USD, money) — family remittances — 2024 (2024-01-01 – 2024-12-31)" in md
    assert "- **nearly $6.5 billion** (6,500,000,000 USD, money) — goods exported" in md
    assert "- Saturday: 2025-04-12 (day)" in md
    assert "## Figures" not in run("extract", str(SAMPLE), "--format", "md").stdout.decode()


def test_cli_oversized_queries_and_a_busy_port_are_one_line_errors(tmp_path: Path) -> None:
    import socket

    db = str(tmp_path / "news.db")
    run("ingest", str(SAMPLE), "--db", db)
    for args in (
        ("figures", "--about", "x" * 60_000),
        ("search", " ".join(["fee"] * 40)),
        ("quotes", "--query", "y" * 600),
    ):
        done = run(*args, "--db", db)
        assert done.returncode == 2, (args[0], done.stderr)
        assert done.stderr.decode().count("\n") == 1 and b"at most" in done.stderr and b"Traceback" not in done.stderr
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        busy = run("serve", "--db", db, "--host", "127.0.0.1", "--port", str(port))
    assert busy.returncode == 2 and b"cannot listen on 127.0.0.1:" in busy.stderr and b"serving" not in busy.stderr


@pytest.mark.parametrize("workers", [1, 2])
def test_cli_serve_answers_and_stops_promptly_on_sigterm(tmp_path: Path, workers: int) -> None:
    import signal
    import socket
    import time
    import urllib.request

    db = str(tmp_path / "news.db")
    run("ingest", str(SAMPLE), "--db", db)
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
        stderr=subprocess.DEVNULL,
    )
    answered = None
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/articles?q=remittances", timeout=2) as answer:
                    answered = json.loads(answer.read())
                break
            except OSError:
                time.sleep(0.2)
        server.send_signal(signal.SIGTERM)
        started = time.monotonic()
        server.wait(timeout=15)
        assert time.monotonic() - started < 10
    finally:
        server.kill()
        server.wait()
    assert answered is not None and answered["total"] == 1  # each worker reads the store
    with socket.create_server(("127.0.0.1", port)):  # and none is left listening
        pass
