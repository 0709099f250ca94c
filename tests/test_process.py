"""Sharded runs: `process` writes one Parquet part per shard, `load` stores them; resume, retries, Ray."""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import news_page

from newsdesk import Settings
from newsdesk.load_job import load
from newsdesk.process_job import ProcessOptions, ShardResult, process
from newsdesk.scale import shards as shards_module
from newsdesk.scale.parts import read_rows
from newsdesk.store import Store

pytest.importorskip("pyarrow")
# warcio's record writer leaves its spooled buffers to the garbage collector
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")


def write_warc(path: Path, first: int, count: int, extras: bool = True) -> None:
    """Pages ``first`` … ``first + count - 1``, and what else a crawl stores around them."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)

        def response(url: str, status: str, media: str, body: bytes, lang: str | None = None) -> None:
            headers = [("Content-Type", media)] + ([("Content-Language", lang)] if lang else [])
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)

        for i in range(first, first + count):
            response(f"https://gazette.example/strike-{i}", "200 OK", "text/html; charset=utf-8", news_page(i).encode())
        if extras:
            response("https://gazette.example/gone", "404 Not Found", "text/html", b"<html>gone</html>")
            response("https://gazette.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n")
            again = news_page(first).encode()
            response(f"https://gazette.example/strike-{first}?utm=x", "200 OK", "text/html", again)
            welsh = news_page(first + 500).replace('lang="en"', 'lang="cy"').encode()
            response("https://gazette.example/cy/streic", "200 OK", "text/html", welsh, lang="cy")


def rows(out: Path) -> dict[str, list[dict]]:
    """Every part's rows by shard name, without the columns that depend on the worker."""
    found = {}
    for part in sorted((out / "parts").glob("*.parquet")):
        found[part.stem] = list(read_rows(part))
    return found


@pytest.fixture(scope="module")
def settings() -> Settings:
    return Settings()


def test_process_writes_a_part_per_shard_and_load_stores_it_once(tmp_path: Path, settings: Settings) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, 0, 5)
    report = process([str(warc)], tmp_path / "out", workers=1, settings=settings,
                     options=ProcessOptions(languages=frozenset({"en"})))  # fmt: skip
    assert [r.status for r in report.finished] == ["done"] and not report.failed
    ((name, part),) = rows(tmp_path / "out").items()
    by_status = {status: [r for r in part if r["status"] == status] for status in ("ok", "skipped", "failed")}
    assert len(by_status["ok"]) == 5
    assert {r["reason"] for r in by_status["skipped"]} == {
        "exact duplicate of an earlier page in this WARC",
        "language cy not wanted",
    }
    assert all(r["key"].startswith(f"{warc.resolve()}#") for r in part)
    assert {r["title"] for r in by_status["ok"]} == {f"Port strike {i} ends after deal on wages" for i in range(5)}
    marker = json.loads((tmp_path / "out" / "done" / f"{name}.json").read_text())
    # the 404 and the image are no pages: counted by reason, not rows
    assert marker["dropped"] == {"http status 404": 1, "not html: image/png": 1}
    assert marker["records"] == 7 and marker["peak_rss_mib"] > 0
    assert not list((tmp_path / "out" / "tmp").iterdir())

    db = tmp_path / "store.db"
    with Store(db) as store:
        loaded = load(tmp_path / "out", store)
        assert (loaded.new, sum(loaded.skipped.values()), loaded.failed) == (5, 2, [])
        again = load(tmp_path / "out", store)
        assert (again.new, again.already) == (0, 7)
        assert len(store) == 5
        # what follows ingest ran on the loaded articles: they are placed in stories
        assert store.articles_without_story() == 0
        assert store.story_count() >= 1


def test_process_rerun_redoes_only_the_shard_left_unfinished(tmp_path: Path, settings: Settings) -> None:
    for n in range(3):
        write_warc(tmp_path / f"c{n}.warc.gz", 10 * n, 2, extras=False)
    out = tmp_path / "out"
    process([str(tmp_path / "*.warc.gz")], out, workers=1, settings=settings)
    before = rows(out)
    assert len(before) == 3
    # a run killed while the second shard was writing: its marker is missing, a half part lies in tmp/
    unfinished = sorted(before)[1]
    (out / "done" / f"{unfinished}.json").unlink()
    (out / "tmp" / f"{unfinished}.parquet.12345").write_bytes(b"PAR1 half written")
    redone: list[ShardResult] = []
    report = process([str(tmp_path / "*.warc.gz")], out, workers=1, settings=settings, on_shard=redone.append)
    assert [r.shard for r in redone] == [unfinished]
    assert report.already == 2
    assert rows(out) == before
    assert not list((out / "tmp").iterdir())


@pytest.mark.parametrize("compressed", [False, True])
def test_process_a_damaged_warc_keeps_the_records_before_the_damage(
    tmp_path: Path, settings: Settings, compressed: bool
) -> None:
    write_warc(tmp_path / "whole.warc.gz", 0, 4, extras=False)
    data = (tmp_path / "whole.warc.gz").read_bytes()
    data = data if compressed else gzip.decompress(data)
    cut = tmp_path / ("cut.warc.gz" if compressed else "cut.warc")
    cut.write_bytes(data[: int(len(data) * 0.6)])
    report = process([str(cut)], tmp_path / "out", workers=1, settings=settings)
    assert not report.failed  # a damaged record never fails its shard
    (part,) = rows(tmp_path / "out").values()
    ok = [r for r in part if r["status"] == "ok"]
    failed = [r for r in part if r["status"] == "failed"]
    assert 1 <= len(ok) < 4
    assert len(failed) == 1 and failed[0]["key"].startswith(f"{cut.resolve()}#")
    assert "truncated record" in failed[0]["reason"] or "damaged WARC" in failed[0]["reason"]


def test_process_pages_are_grouped_into_shards_named_by_their_files(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shards_module, "PAGES_PER_SHARD", 2)
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(5):
        (pages / f"p{i}.html").write_text(news_page(i))
    (pages / "empty.html").write_text("")
    report = process([str(pages)], tmp_path / "out", workers=1, settings=settings)
    assert len(report.finished) == 3  # 6 files, 2 to a shard
    every = [r for part in rows(tmp_path / "out").values() for r in part]
    assert sorted(r["key"] for r in every) == sorted(str(p.resolve()) for p in pages.iterdir())
    assert [r["status"] for r in every].count("ok") == 5
    (empty,) = [r for r in every if r["key"].endswith("empty.html")]
    assert empty["status"] == "failed" and "EmptyInput" in empty["reason"]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A folder served over HTTP on 127.0.0.1, as a crawl's files are."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", folder
    finally:
        server.shutdown()


def test_process_reads_a_paths_list_of_urls_and_local_files(
    tmp_path: Path, settings: Settings, served: tuple[str, Path]
) -> None:
    base, folder = served
    write_warc(folder / "remote.warc.gz", 0, 2, extras=False)
    write_warc(tmp_path / "local.warc.gz", 20, 2, extras=False)
    listing = tmp_path / "warc.paths.gz"
    listing.write_bytes(gzip.compress(f"# a crawl's list\n{base}/remote.warc.gz\nlocal.warc.gz\n".encode()))
    report = process([str(listing)], tmp_path / "out", workers=1, settings=settings)
    assert len(report.finished) == 2 and not report.failed
    keys = sorted(r["key"] for part in rows(tmp_path / "out").values() for r in part)
    assert sum(k.startswith(f"{base}/remote.warc.gz#") for k in keys) == 2  # keyed by the URL, not the download
    assert sum(k.startswith(f"{(tmp_path / 'local.warc.gz').resolve()}#") for k in keys) == 2
    assert not list((tmp_path / "out" / "tmp").iterdir())  # the download is gone


def test_process_a_shard_that_keeps_failing_is_tried_again_then_reported(
    tmp_path: Path, settings: Settings, served: tuple[str, Path]
) -> None:
    base, _ = served
    write_warc(tmp_path / "fine.warc.gz", 0, 1, extras=False)
    missing = f"{base}/nowhere.warc.gz"  # 404 every time
    seen: list[ShardResult] = []
    report = process([str(tmp_path / "fine.warc.gz"), missing], tmp_path / "out", workers=1, attempts=2,
                     settings=settings, on_shard=seen.append)  # fmt: skip
    assert len(report.finished) == 1
    (failed,) = report.failed
    assert failed.label == missing and "404" in (failed.reason or "")
    assert not (tmp_path / "out" / "done" / f"{failed.shard}.json").exists()
    assert "nowhere.warc.gz" in report.summary()
    # run again: the finished shard is not redone, the failed one is tried again
    again = process([str(tmp_path / "fine.warc.gz"), missing], tmp_path / "out", workers=1, attempts=1,
                    settings=settings)  # fmt: skip
    assert again.already == 1 and len(again.failed) == 1


def test_process_names_sources_that_give_no_shard(tmp_path: Path, settings: Settings) -> None:
    report = process([str(tmp_path / "nothing-*.warc.gz")], tmp_path / "out", workers=1, settings=settings)
    assert report.missing == [str(tmp_path / "nothing-*.warc.gz")]
    assert "no input" in report.summary()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs SIGKILL (Linux)")
def test_process_killed_with_sigkill_and_run_again_ends_with_the_parts_of_an_uninterrupted_run(
    tmp_path: Path, settings: Settings
) -> None:
    sources = tmp_path / "in"
    sources.mkdir()
    for n in range(4):
        write_warc(sources / f"c{n}.warc.gz", 10 * n, 3, extras=False)
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "newsdesk", "process", str(sources), "--out", str(out), "--workers", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None and not list((out / "done").glob("*.json")):
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    finished_when_killed = len(list((out / "done").glob("*.json")))
    assert 1 <= finished_when_killed < 4, "the kill should land mid-run"
    done = subprocess.run(command, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{finished_when_killed} done before" in done.stderr.decode()
    clean = tmp_path / "clean"
    process([str(sources)], clean, workers=1, settings=settings)
    assert rows(out) == rows(clean)
    assert len(rows(out)) == 4


def test_process_on_ray_gives_the_same_parts_as_the_local_engine(tmp_path: Path, settings: Settings) -> None:
    ray = pytest.importorskip("ray")
    for n in range(3):
        write_warc(tmp_path / f"c{n}.warc.gz", 10 * n, 2)
    local = tmp_path / "local"
    process([str(tmp_path / "*.warc.gz")], local, workers=1, settings=settings)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        on_ray = tmp_path / "ray"
        report = process([str(tmp_path / "*.warc.gz")], on_ray, engine="ray", settings=settings)
        assert len(report.finished) == 3 and not report.failed
        assert all(r.peak_rss_mib > 0 for r in report.finished)
    finally:
        ray.shutdown()
    assert rows(on_ray) == rows(local)


def test_warc_pages_stored_compressed_or_chunked_are_read_as_served(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from newsdesk.ingest.warc_records import warc_tasks

    html = news_page(1).encode()
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(piece), piece) for piece in (html[:700], html[700:])) + b"0\r\n\r\n"
    stored = [
        ([("Content-Encoding", "gzip")], gzip.compress(html)),  # as wget and most crawlers keep them
        ([("Transfer-Encoding", "chunked")], chunked),
        ([], html),  # as Common Crawl keeps them: decoded already
    ]
    path = tmp_path / "coded.warc.gz"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n, (headers, body) in enumerate(stored):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://g.example/{n}", "response", payload=io.BytesIO(body),
                                               http_headers=http)  # fmt: skip
            writer.write_record(record)
    tasks = list(warc_tasks(str(path), "coded", 10_000_000))
    assert [t.raw.data if t.raw else t.skip for t in tasks] == [
        html,
        "exact duplicate of an earlier page in this WARC",
        "exact duplicate of an earlier page in this WARC",
    ]


def test_process_refuses_a_folder_another_run_is_writing_to(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    from newsdesk.errors import ScaleError

    monkeypatch.setattr(shards_module, "LOCK_WAIT", 0.3)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ScaleError, match="another run is writing"):
            process([str(tmp_path)], out, workers=1, settings=settings)


def test_cli_load_says_when_the_folder_is_no_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsdesk.cli import main

    assert main(["load", str(tmp_path / "nothing"), "--db", str(tmp_path / "s.db")]) == 2
    assert "is no folder of a process run" in capsys.readouterr().err


def test_cli_process_then_load_fill_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from newsdesk.cli import main

    write_warc(tmp_path / "crawl.warc.gz", 0, 2, extras=False)
    out, db = tmp_path / "out", tmp_path / "s.db"
    assert main(["process", str(tmp_path / "crawl.warc.gz"), "--out", str(out), "--workers", "1"]) == 0
    assert "1 shards done (2 records" in capsys.readouterr().err
    assert main(["load", str(out), "--db", str(db)]) == 0
    assert "2 new" in capsys.readouterr().err
    assert main(["search", "harbour", "--db", str(db), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_process_reads_a_file_named_twice_once_and_fails_a_listed_file_that_is_gone(
    tmp_path: Path, settings: Settings
) -> None:
    write_warc(tmp_path / "one.warc.gz", 0, 1, extras=False)
    (tmp_path / "list.paths").write_text("one.warc.gz\ngone.warc.gz\n")
    report = process([str(tmp_path / "one.warc.gz"), str(tmp_path / "*.warc.gz"), str(tmp_path / "list.paths")],
                     tmp_path / "out", workers=1, attempts=1, settings=settings)  # fmt: skip
    assert [r.label for r in report.finished] == [str((tmp_path / "one.warc.gz").resolve())]
    (gone,) = report.failed
    assert gone.label.endswith("gone.warc.gz") and "no file" in (gone.reason or "")
