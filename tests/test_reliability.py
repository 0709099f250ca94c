"""Reliability: damaged and truncated archives, unbounded streams, giant records and texts.

Each test reproduces one failure a careful user met; the inputs are built here, in our own words.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import news_page as page
from tests.test_ingest import run_ingest, write_warc

import newsdesk
from newsdesk import Settings
from newsdesk.analyze.figures import find_figures
from newsdesk.ingest.readers import InputTooLarge, read_capped, tasks_from_paths
from newsdesk.model import Block, Span

pytestmark = pytest.mark.filterwarnings(
    "ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning"
)  # warcio's writer leaves a digest buffer to the garbage collector (test helper only)


def pages(n: int, start: int = 0) -> list[tuple[str, str]]:
    return [(f"https://gazette.example/{i}", page(i)) for i in range(start, start + n)]


def test_a_damaged_warc_fails_alone_and_the_other_files_are_stored(tmp_path: Path) -> None:
    write_warc(tmp_path / "good.warc.gz", pages(3))
    write_warc(tmp_path / "bad.warc.gz", pages(3, start=10))
    data = bytearray((tmp_path / "bad.warc.gz").read_bytes())
    middle = len(data) // 2
    data[middle : middle + 200] = bytes(b ^ 0x5A for b in data[middle : middle + 200])
    (tmp_path / "bad.warc.gz").write_bytes(bytes(data))
    report, total = run_ingest(tmp_path / "db.sqlite", tmp_path / "bad.warc.gz", tmp_path / "good.warc.gz")
    assert total >= 3  # every good page, and the damaged archive's records before the damage
    assert report.failed, "the damage is reported"
    for key, reason in report.failed:
        assert key.startswith(str(tmp_path / "bad.warc.gz"))
        assert reason.isprintable() and len(reason) <= 300  # one readable line, no binary
    again, total_again = run_ingest(tmp_path / "db.sqlite", tmp_path / "bad.warc.gz", tmp_path / "good.warc.gz")
    assert total_again == total and again.new == 0  # a rerun neither crashes nor duplicates


@pytest.mark.parametrize("share", [0.55, 0.7, 0.9])
def test_a_warc_cut_short_is_never_stored_as_a_complete_article(tmp_path: Path, share: float) -> None:
    write_warc(tmp_path / "crawl.warc.gz", pages(2))
    raw = (tmp_path / "crawl.warc.gz").read_bytes()
    (tmp_path / "crawl.warc.gz").write_bytes(raw[: int(len(raw) * share)])
    tasks = list(tasks_from_paths([str(tmp_path / "crawl.warc.gz")], 20_000_000))
    complete = [t for t in tasks if t.raw is not None]
    assert all(t.raw.data.decode() in (page(0), page(1)) for t in complete if t.raw)  # whole pages only
    assert len(complete) < 2 and any(t.error for t in tasks)  # the cut record is reported, not lost


@pytest.mark.parametrize("kept", [5, 40, 200])
def test_a_warc_cut_in_the_first_bytes_of_a_record_reports_that_record(tmp_path: Path, kept: int) -> None:
    import zlib

    write_warc(tmp_path / "crawl.warc.gz", pages(2))
    raw = (tmp_path / "crawl.warc.gz").read_bytes()
    first = zlib.decompressobj(16 + zlib.MAX_WBITS)
    first.decompress(raw)
    boundary = len(raw) - len(first.unused_data)  # where the second record's gzip member starts
    (tmp_path / "crawl.warc.gz").write_bytes(raw[: boundary + kept])
    tasks = list(tasks_from_paths([str(tmp_path / "crawl.warc.gz")], 20_000_000))
    assert [t.raw is not None for t in tasks] == [True, False]  # warcio alone ends quietly here
    assert "no whole record" in (tasks[1].error or "")


def test_a_record_the_crawler_marked_truncated_is_reported(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(tmp_path / "cut.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://gazette.example/long",
            "response",
            payload=io.BytesIO(page(1).encode()),
            http_headers=headers,
            warc_headers_dict={"WARC-Truncated": "length"},
        )
        writer.write_record(record)
    (task,) = tasks_from_paths([str(tmp_path / "cut.warc.gz")], 20_000_000)
    assert task.raw is None and "crawler cut it (length)" in (task.error or "")


def test_a_device_that_never_ends_is_read_only_to_the_size_cap() -> None:
    with pytest.raises(InputTooLarge):
        read_capped(Path("/dev/zero"), 1_000_000)
    result = subprocess.run(
        [sys.executable, "-m", "newsdesk", "extract", "/dev/zero"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0 and "InputTooLarge" in result.stderr and "Traceback" not in result.stderr


def test_a_named_pipe_without_a_writer_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.html"
    os.mkfifo(fifo)
    (task,) = tasks_from_paths([str(fifo)], 1_000_000)  # returns: open() does not wait for a writer
    assert task.raw is not None and task.raw.data == b""


def test_a_giant_line_in_json_lines_is_refused_without_holding_it(tmp_path: Path) -> None:
    lines = [json.dumps({"url": "https://gazette.example/1", "html": page(1)})]
    lines.append(json.dumps({"url": "https://gazette.example/huge", "html": "<p>" + "word " * 600_000 + "</p>"}))
    lines.append(json.dumps({"url": "https://gazette.example/2", "html": page(2)}))
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt") as out:
        out.write("\n".join(lines) + "\n")
    tasks = list(tasks_from_paths([str(tmp_path / "feed.jsonl.gz")], 1_000_000))
    assert [t.key.rsplit(":", 1)[1] for t in tasks] == ["1", "2", "3"]
    assert tasks[0].raw is not None and tasks[2].raw is not None
    assert tasks[1].raw is None and "InputTooLarge" in (tasks[1].error or "")


def test_a_truncated_gzip_of_json_lines_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"url": f"https://gazette.example/{i}", "html": page(i) + os.urandom(3000).hex()}) + "\n"
        for i in range(40)
    )  # random bytes: the gzip stream is long enough that the cut falls after some whole lines
    packed = gzip.compress(lines.encode())
    (tmp_path / "feed.jsonl.gz").write_bytes(packed[: len(packed) * 2 // 3])
    tasks = list(tasks_from_paths([str(tmp_path / "feed.jsonl.gz")], 20_000_000))
    assert any(t.raw is not None for t in tasks)
    assert tasks[-1].error and "damaged after line" in tasks[-1].error


def test_a_folder_with_a_symlink_loop_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "one.html").write_text(page(1))
    (tmp_path / "pages" / "loop").symlink_to(tmp_path / "pages")
    tasks = list(tasks_from_paths([str(tmp_path / "pages")], 20_000_000))
    assert [Path(t.key).name for t in tasks] == ["one.html"]


def test_text_over_the_cap_is_cut_at_a_paragraph_and_the_cut_recorded() -> None:
    paragraph = "<p>" + "The council approved the harbour budget after a long debate. " * 20 + "</p>"
    html = "<html><body><article>" + paragraph * 400 + "</article></body></html>"
    article = newsdesk.extract(html, facts=False, settings=Settings(max_article_chars=50_000))
    assert 25_000 <= len(article.text) <= 50_000 and article.text.endswith("debate.")
    (cut,) = [r for r in article.removed if "max_article_chars" in r.reason]
    assert "characters" in cut.reason and cut.text.startswith("The council")
    assert all(b.span.end <= len(article.text) for b in article.blocks)


def test_article_html_keeps_every_character_once_and_nests_marks_in_each_block() -> None:
    from html.parser import HTMLParser

    from newsdesk.web.highlight import article_html

    text = "Mayor Ines Roth said the port earned $4 million.\n\n“We paid 12 workers,” Roth said."
    article = newsdesk.analyze(newsdesk.Article(text=text, published="2024-03-06"))
    article = dataclasses.replace(
        article, blocks=(Block("paragraph", Span(0, 48)), Block("paragraph", Span(50, len(text))))
    )
    blocks = article_html(article)
    assert len(blocks) == 2

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[str] = []
            self.chunks: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.open.append(tag)

        def handle_endtag(self, tag: str) -> None:
            assert self.open.pop() == tag  # well nested

        def handle_data(self, data: str) -> None:
            self.chunks.append(data)

    for markup, (start, end) in zip(blocks, [(0, 48), (50, len(text))], strict=True):
        parser = Text()
        parser.feed(str(markup))
        assert "".join(parser.chunks) == text[start:end] and not parser.open
    assert 'class="figure"' in str(blocks[0]) and 'class="quote"' in str(blocks[1])
    assert 'href="/entities/Ines%20Roth"' in str(blocks[0])


def test_article_html_marks_each_of_thousands_of_figures_in_one_block_once() -> None:
    from newsdesk.web.highlight import article_html

    text = " ".join(f"Lot {i} sold for ${i % 90 + 1} million." for i in range(2_000))
    article = newsdesk.Article(text=text, figures=tuple(find_figures(text)))
    assert len(article.figures) >= 2_000
    (block,) = article_html(article)
    assert str(block).count('class="figure"') == len(article.figures)


def test_a_store_that_cannot_be_written_is_refused_before_any_work(tmp_path: Path) -> None:
    import sqlite3

    from newsdesk.errors import StoreError
    from newsdesk.store import Store
    from newsdesk.store.store import check_writable

    with Store(tmp_path / "news.db"):
        pass
    read_only = sqlite3.connect(f"file:{tmp_path / 'news.db'}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(StoreError, match="cannot be written"):
        check_writable(read_only)  # what a read-only file or file system gives (root ignores chmod)
    with Store(tmp_path / "news.db") as store:
        check_writable(store.db)  # a writable store passes, and stays usable
        assert len(store) == 0


def test_a_full_disk_ends_the_ingest_with_one_error_and_keeps_what_was_committed(tmp_path: Path) -> None:
    from newsdesk import ingest
    from newsdesk.errors import StoreError
    from newsdesk.store import Store

    for i in range(40):
        (tmp_path / f"page{i}.html").write_text(page(i))
    with Store(tmp_path / "news.db") as store:
        pages_now = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages_now + 30}")  # SQLite's own "disk full"
        with pytest.raises(StoreError, match="could not write to the store") as raised:
            ingest([str(tmp_path)], store, workers=1, settings=Settings())
        kept = len(store)
    assert 0 < kept < 40 and f"the {kept} articles written before are kept" in str(raised.value)
    with Store(tmp_path / "news.db") as store:  # the store is whole, and a rerun goes on from there
        report = ingest([str(tmp_path)], store, workers=1, settings=Settings())
        assert report.already == kept and len(store) == 40


STORY = "The regional council approved a new water plan on Thursday, its spokesman said. "


@pytest.mark.parametrize("count", [400, 2000])
def test_hundreds_of_unclosed_paragraphs_are_all_kept(count: int) -> None:
    html = "<html><body>" + "".join(f"<div><p>Paragraph {i}. {STORY}" for i in range(count)) + "</body></html>"
    article = newsdesk.extract(html, facts=False)
    assert article.text.count("Paragraph") == count


def test_a_thousand_levels_of_nesting_keep_their_text() -> None:
    html = "<html><body>" + "<div>" * 1000 + "<p>" + STORY * 4 + "</p>" + "</div>" * 1000 + "</body></html>"
    article = newsdesk.extract(html, facts=False)
    assert "water plan" in article.text


def test_unwrapping_deep_markup_keeps_every_text_and_element_in_order() -> None:
    from lxml import etree

    from newsdesk.extract.html import parse_html

    # text at every level, before and after the inner paragraph, and elements beside the run
    html = (
        "<html><body><p>lead</p>"
        + "".join(f"<div>open{i} " for i in range(900))
        + "<p>core <b>bold</b> end</p>after core "
        + "".join(f"</div>close{i} " for i in range(900))
        + "<p>last</p></body></html>"
    )
    flattened, _ = parse_html(html)
    deepest = max(len(list(e.iterancestors())) for e in flattened.iter())
    as_parsed = etree.fromstring(html, etree.HTMLParser(huge_tree=True))
    assert deepest < 500
    assert flattened.body.text_content() == as_parsed.find("body").xpath("string()")
    assert [e.text for e in flattened.body.iter("p", "b")] == ["lead", "core ", "bold", "last"]


def test_nesting_past_what_the_parser_reads_is_said_not_silent() -> None:
    lead = "<p>The council met in the town hall on Thursday evening to debate the plan.</p>"
    html = "<html><body>" + lead + "<div>" * 3000 + "<p>" + STORY + "</p>" + "</div>" * 3000 + "</body></html>"
    article = newsdesk.extract(html, facts=False)
    assert "town hall" in article.text
    assert any("nested deeper than 2,048 levels" in r.reason for r in article.removed)
    with pytest.raises(newsdesk.Skip, match="nested deeper"):
        newsdesk.extract("<html><body>" + "<div>" * 3000 + "<p>" + STORY + "</p></body></html>", facts=False)


def test_nul_and_control_bytes_leave_no_trace_in_the_text() -> None:
    page_bytes = (
        b"<html><body><p>The council\x00 approved\x01 the plan\x7f on Thursday, its spokesman said.</p></body></html>"
    )
    article = newsdesk.extract(page_bytes, facts=False)
    assert article.text == "The council approved the plan on Thursday, its spokesman said."
    scraped = newsdesk.extract(b"The council\x00 approved the plan on Thursday,\x0cits spokesman said.", facts=False)
    assert "\x00" not in scraped.text and "\ufffd" not in scraped.text and "\x0c" not in scraped.text


def test_a_snippet_with_stray_control_characters_keeps_balanced_marks() -> None:
    from newsdesk.web.app import snippet_html

    html = str(snippet_html("the \x02fee\x03 was \x02 low \x03\x03 \x02<b>\x00"))
    assert html.count("<mark>") == html.count("</mark>") == 2
    assert "&lt;b&gt;" in html and "\x00" not in html and "\x02" not in html


def test_a_glob_or_folder_that_names_nothing_is_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"not a page")
    tasks = list(tasks_from_paths([str(tmp_path / "*.html"), str(tmp_path / "empty")], 1_000_000))
    assert [t.key for t in tasks] == [str(tmp_path / "*.html"), str(tmp_path / "empty")]
    assert "matches no file" in (tasks[0].error or "") and "no file of a known kind" in (tasks[1].error or "")


def test_a_warc_record_over_the_cap_is_refused_and_the_next_one_read(tmp_path: Path) -> None:
    huge = "<html><body><p>" + "lorem ipsum dolor " * 200_000 + "</p></body></html>"  # 3.6 MB
    write_warc(tmp_path / "crawl.warc.gz", [("https://gazette.example/huge", huge), *pages(1)])
    first, second = tasks_from_paths([str(tmp_path / "crawl.warc.gz")], 1_000_000)
    assert first.raw is None and "InputTooLarge" in (first.error or "")
    assert second.raw is not None and second.raw.data.decode() == page(0)


def test_the_time_limit_is_not_swallowed_by_a_candidate_that_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    # readability and trafilatura failures are caught (the other candidate stands in), but the
    # document's time running out inside them must end the document, not be taken for a failure
    import readability

    from newsdesk.errors import DocumentTimeout

    def out_of_time(self: object, *args: object, **kwargs: object) -> str:
        try:
            raise DocumentTimeout("processing took longer than 30 s (setting document_timeout)")
        except DocumentTimeout as exc:  # as readability does with every error: wrapped
            raise readability.readability.Unparseable(str(exc)) from exc

    monkeypatch.setattr(readability.Document, "summary", out_of_time)
    with pytest.raises(DocumentTimeout):
        newsdesk.extract("<html><body><p>" + STORY * 5 + "</p></body></html>", facts=False)
