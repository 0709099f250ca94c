"""The command line, run as a user runs it: a real subprocess."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

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
