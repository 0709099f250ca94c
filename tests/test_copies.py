"""Syndicated copies and what each outlet changed, on a wire story written for these tests."""

from __future__ import annotations

import contextlib
import dataclasses
import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsdesk.connect.changes import change_ops, changes
from newsdesk.connect.conflicts import figure_pairs
from newsdesk.connect.copies import CopyFinder
from newsdesk.fingerprints import containment, shingles

WIRE = (
    "HARBOURTON, Norland (AP) — The port authority agreed on Monday to spend $42 million on a new "
    "container terminal, ending two years of argument over the future of the old docks.\n\n"
    "The terminal will handle about 300 ships a year and should open in the spring of 2027, the "
    "authority's chair, Ines Varga, told reporters after the vote.\n\n"
    '"We have waited long enough for this decision, and the city will feel the difference," Varga '
    "said, adding that dredging work would begin in the autumn.\n\n"
    "Dock workers' unions had opposed an earlier plan that would have moved most of the jobs to a "
    "site outside the city, and they welcomed the vote on Monday.\n\n"
    "The council still has to approve the road links to the terminal, a vote expected in March "
    "after a public consultation that drew more than 1,200 responses.\n\n"
    "Shipping lines said the larger berths would let bigger vessels call at the port for the "
    "first time since the old cranes were taken down."
)
# the Gazette cut the last paragraph, changed a figure, reworded a word, added its credit line
GAZETTE = (
    "HARBOURTON, Norland (AP) — The port authority agreed on Monday to spend $45 million on a new "
    "container terminal, ending two years of dispute over the future of the old docks.\n\n"
    "The terminal will handle about 300 ships a year and should open in the spring of 2027, the "
    "authority's chair, Ines Varga, told reporters after the vote.\n\n"
    '"We have waited long enough for this decision, and the city will feel the difference," Varga '
    "said, adding that dredging work would begin in the autumn.\n\n"
    "Dock workers' unions had opposed an earlier plan that would have moved most of the jobs to a "
    "site outside the city, and they welcomed the vote on Monday.\n\n"
    "The council still has to approve the road links to the terminal, a vote expected in March "
    "after a public consultation that drew more than 1,200 responses.\n\n"
    "The Associated Press contributed to this report."
)
# the same topic in other words: not a copy
OTHER = (
    "Harbourton's port authority voted this week for a container terminal costing tens of millions "
    "of dollars. Critics on the council say the road links are still unplanned and that the "
    "consultation was rushed. Unions, who fought a plan to move jobs out of the city, are pleased. "
    "Ines Varga, who chairs the authority, has promised the dredging will not disturb the beaches, "
    "and the first ships are due in two years if the budget holds."
)
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_copies_a_cut_and_edited_copy_joins_its_wire_original_and_a_story_on_the_topic_does_not() -> None:
    finder = CopyFinder()
    assert finder.add("wire", WIRE, MONDAY) == []
    assert finder.add("other", OTHER, MONDAY + timedelta(hours=1)) == []
    assert finder.add("gazette", GAZETTE, MONDAY + timedelta(hours=3)) == ["wire"]
    assert finder.groups() == {"wire": ["wire", "gazette"]}
    assert finder.canonical(["gazette", "wire"]) == "wire"


def test_copies_the_wire_original_is_canonical_even_when_a_copy_came_first() -> None:
    finder = CopyFinder()
    undated = GAZETTE.replace("HARBOURTON, Norland (AP) — ", "")  # a copy that dropped the dateline
    finder.add("early-copy", undated, MONDAY)
    finder.add("wire", WIRE, MONDAY + timedelta(minutes=5))
    (members,) = finder.groups().values()
    assert finder.canonical(members) == "wire"


def test_copies_a_copy_outside_the_window_starts_its_own_group() -> None:
    finder = CopyFinder(window=timedelta(days=14))
    finder.add("wire", WIRE, MONDAY)
    assert finder.add("reprint", GAZETTE, MONDAY + timedelta(days=40)) == []
    assert finder.groups() == {}


def test_copies_containment_counts_the_shorter_text() -> None:
    whole, lead = shingles(WIRE), shingles(WIRE.split("\n\n")[0])
    assert containment(whole, lead) == 1.0 and len(lead) < len(whole)


def test_changes_say_what_the_outlet_changed_with_offsets() -> None:
    found = changes(WIRE, GAZETTE, "Port approves terminal", "Port says yes to $45m terminal")
    assert change_ops(found) == ["headline", "truncate", "reword", "boilerplate", "figure"]
    by_op = {c.op: c for c in found}
    figure = by_op["figure"]
    assert (figure.text, GAZETTE[figure.start : figure.end]) == ("42", "45")
    reword = by_op["reword"]
    assert (reword.text, GAZETTE[reword.start : reword.end]) == ("argument", "dispute")
    assert by_op["truncate"].text == WIRE.split("\n\n")[-1]
    credit = by_op["boilerplate"]
    assert GAZETTE[credit.start : credit.end] == "The Associated Press contributed to this report."
    assert by_op["headline"].new == "Port says yes to $45m terminal"


def test_changes_of_moved_deleted_and_inserted_paragraphs() -> None:
    paragraphs = WIRE.split("\n\n")
    local = "Officials in the neighbouring town of Eastmoor said they would ask for a share of the new jobs."
    moved = [paragraphs[0], paragraphs[1], paragraphs[3], paragraphs[2], local, paragraphs[5]]  # 4 is gone
    copy = "\n\n".join(moved)
    found = changes(WIRE, copy)
    assert change_ops(found) == ["delete", "insert", "reorder"]
    inserted = next(c for c in found if c.op == "insert")
    assert copy[inserted.start : inserted.end] == local
    assert next(c for c in found if c.op == "delete").text == paragraphs[4]
    assert changes(WIRE, WIRE, "Same", "Same") == []


def test_cli_copies_lists_the_group_with_its_canonical_copy_and_changes(copies_db: Path) -> None:
    import json

    from newsdesk.cli import main

    db = copies_db
    lines = [json.loads(line) for line in capsys_lines(main, ["copies", "--db", str(db), "--format", "jsonl"])]
    assert [(line["id"], line["group"], line["canonical"], line["publisher"]) for line in lines] == [
        (1, 1, 1, "Wire"),
        (3, 1, 1, "Gazette"),
    ]
    assert {c["op"] for c in lines[1]["changes"]} >= {"headline", "truncate", "figure", "reword"}
    assert capsys_lines(main, ["copies", "--db", str(db), "--of", "2", "--format", "jsonl"]) == []
    # a filter keeps the groups that hold an article it keeps, whole
    by_gazette = capsys_lines(main, ["copies", "--db", str(db), "--publisher", "Gazette", "--format", "jsonl"])
    assert [json.loads(line)["id"] for line in by_gazette] == [1, 3]
    assert capsys_lines(main, ["copies", "--db", str(db), "--since", "2027-01-01", "--format", "jsonl"]) == []


def capsys_lines(main: Callable[[list[str]], int], argv: list[str]) -> list[str]:
    """What the command prints on stdout, line by line (it must succeed)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(argv) == 0
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("first", "second", "kind"),
    [
        ("The deal was worth $6 million.", "The deal was worth $6.5 million.", "conflict"),  # 6.5 rounds to 7
        ("The deal was worth $6.4 million.", "The deal was worth $6 million.", "rounding"),
        ("The deal was worth $6.5 million.", "The deal was worth $6.5m.", "same"),
        ("Turnout was 14 percent.", "Turnout was 14%.", "same"),
        ("About 57% agreed.", "About 58% agreed.", "conflict"),  # as precise as each other
        ("About 20 percent agreed.", "24 percent agreed.", "conflict"),  # more than 10% off
        ("More than 340 people came.", "347 people came.", "rounding"),
        ("Nearly 350 people came.", "347 people came.", "rounding"),
        ("More than 40 people came.", "Under 40 people came.", "conflict"),
        ("Under 40 percent agreed.", "More than 30 percent agreed.", "rounding"),  # the ranges meet
        ("Prices ran from $15 million to $25 million.", "Prices ran under $30 million.", "rounding"),
    ],
)
def test_conflicts_tell_a_changed_figure_from_a_rounding_or_a_rewrite(first: str, second: str, kind: str) -> None:
    (pair,) = figure_pairs(first, second)
    assert pair.kind == kind
    assert first[pair.a.span.start : pair.a.span.end] == pair.a.text


def test_conflicts_compare_only_where_the_copies_say_the_same_thing() -> None:
    edited = WIRE.replace("$42 million", "$45 million").replace("more than 1,200", "more than 1,700")
    found = [(p.a.text, p.b.text, p.kind) for p in figure_pairs(WIRE, edited)]
    assert found == [("$42 million", "$45 million", "conflict"), ("1,200 responses", "1,700 responses", "conflict")]
    assert list(figure_pairs(WIRE, OTHER)) == []  # another text: its figures are not these


def test_cli_conflicts_lists_the_figures_two_copies_disagree_on(copies_db: Path) -> None:
    import json

    from newsdesk.cli import main

    db = copies_db
    (line,) = [json.loads(x) for x in capsys_lines(main, ["conflicts", "--db", str(db), "--format", "jsonl"])]
    assert (line["doc_a"], line["doc_b"], line["mention_a"], line["mention_b"], line["kind"]) == (
        1,
        3,
        "$42 million",
        "$45 million",
        "conflict",
    )
    assert WIRE[line["start_a"] : line["end_a"]] == "$42 million"


def _stored(db: Path, batches: list[list[int]]) -> list[tuple[int, int, int]]:
    from newsdesk import Article, Store

    articles = [
        Article(text=WIRE, title="Port approves terminal", publisher="Wire", published="2026-03-02T09:00:00Z"),
        Article(text=OTHER, title="Terminal vote", publisher="Weekly", published="2026-03-02T10:00:00Z"),
        Article(text=GAZETTE, title="Port says yes", publisher="Gazette", published="2026-03-02T12:00:00Z"),
    ]
    for batch in batches:
        with Store(db) as store:  # each batch a separate run, as an ingest killed and started again
            store.add([articles[i] for i in batch])
    with Store(db, readonly=True) as store:
        return store.copy_groups()


def test_store_keeps_copy_groups_as_articles_arrive_and_a_resumed_run_ends_the_same(tmp_path: Path) -> None:
    whole = _stored(tmp_path / "whole.sqlite", [[0, 1, 2]])
    assert whole == [(1, 1, 1), (3, 1, 1)]  # the wire story and its copy; the other story alone
    assert _stored(tmp_path / "resumed.sqlite", [[0], [1, 2]]) == whole


def test_store_finds_the_copies_of_articles_stored_before_copies_were_kept(tmp_path: Path) -> None:
    from newsdesk import Store

    db = tmp_path / "old.sqlite"
    expected = _stored(db, [[0, 1, 2]])
    with Store(db) as store:
        store.db.executescript("DELETE FROM copy_groups; DELETE FROM copy_bands; DELETE FROM copy_signatures;")
        assert store.copy_groups() == []
        assert store.index_copies() == 3
        assert store.copy_groups() == expected and store.index_copies() == 0


def test_store_a_new_version_of_a_page_is_not_its_own_copy(tmp_path: Path) -> None:
    from newsdesk import Article, Store
    from newsdesk.model import Origin

    origin = Origin(url="https://port.example/terminal")
    with Store(tmp_path / "v.sqlite") as store:
        store.add([Article(text=WIRE, origin=origin), Article(text=GAZETTE, origin=origin)])
        assert store.copy_groups() == []


def test_store_a_wire_story_run_by_many_outlets_reads_a_few_of_its_copies_per_new_one(tmp_path: Path) -> None:
    from newsdesk import Article, Store
    from newsdesk.store.copies import GROUP_READS

    with Store(tmp_path / "wire.sqlite") as store:
        for i in range(12):
            outlet = Article(text=WIRE, title=f"Port terminal approved ({i})", publisher=f"Outlet {i}")
            store.add([dataclasses.replace(outlet, canonical_url=f"https://outlet{i}.example/port")])
        texts_read: list[str] = []
        store.db.set_trace_callback(lambda sql: texts_read.append(sql) if sql.startswith("SELECT text FROM") else None)
        store.add([Article(text=GAZETTE, title="Port says yes", canonical_url="https://gazette.example/port")])
        store.db.set_trace_callback(None)
        groups = store.copy_groups()
    # one confirmed copy joins the Gazette to all twelve: it read no more than a few of them
    assert 1 <= len(texts_read) <= GROUP_READS
    assert len(groups) == 13 and len({group for _, group, _ in groups}) == 1


@pytest.fixture
def copies_db(tmp_path: Path) -> Path:
    _stored(tmp_path / "copies.sqlite", [[0, 1, 2]])
    return tmp_path / "copies.sqlite"


def test_web_api_copies_and_conflicts_of_an_article(copies_db: Path) -> None:
    from tests.test_web_api import get

    body = get(copies_db, "/api/copies?of=3").json()
    assert [(item["group"], item["canonical"]) for item in body["items"]] == [(1, 1), (1, 1)]
    assert [(item["id"], item["ops"]) for item in body["items"]] == [
        (1, []),
        (3, ["headline", "truncate", "reword", "boilerplate", "figure"]),
    ]
    assert get(copies_db, "/api/copies?of=2").json()["items"] == []  # a story of its own
    (conflict,) = get(copies_db, "/api/conflicts?of=1").json()["items"]
    assert (conflict["mention_a"], conflict["mention_b"], conflict["kind"]) == (
        "$42 million",
        "$45 million",
        "conflict",
    )
    csv_text = get(copies_db, "/api/copies?of=1&format=csv").text
    assert csv_text.splitlines()[0].endswith(",changes") and "headline truncate" in csv_text
    assert get(copies_db, "/api/copies?of=0").status_code == 400
    first = get(copies_db, "/api/copies?limit=1").json()  # every group, a page at a time
    assert (first["total"], [item["id"] for item in first["items"]]) == (2, [1])
    assert first["next"] == "/api/copies?limit=1&offset=1"
    assert [item["id"] for item in get(copies_db, first["next"]).json()["items"]] == [3]


def test_web_pages_show_the_other_outlets_and_what_each_changed(copies_db: Path) -> None:
    from tests.test_web_api import get

    page = get(copies_db, "/articles/1").text
    assert "Also published by 1 outlet" in page and 'href="/articles/3/compare">what they changed' in page
    assert 'href="/articles/3/compare">what this copy changed' in get(copies_db, "/articles/3").text
    assert "Also published" not in get(copies_db, "/articles/2").text
    side = get(copies_db, "/articles/3/compare").text
    assert '<mark class="change change-figure" title="was: 42">45</mark>' in side
    assert 'class="change change-truncate"' in side  # the cut paragraph, marked in the wire text
    assert "No other stored copy" in get(copies_db, "/articles/2/compare").text
    assert get(copies_db, "/articles/99/compare").status_code == 404


def test_ingest_jsonl_articles_with_their_own_ids_fields_and_clean_text(tmp_path: Path) -> None:
    import json

    from newsdesk import Settings, Store
    from newsdesk.cli import main
    from newsdesk.ingest_job import ingest

    scraped = "  Port approves terminal\n\nAdvertisement\n\n" + WIRE  # clean: kept exactly as given
    lines = [
        {"id": "wire-1", "text": WIRE, "title": "Port approves terminal", "publisher": "Wire",
         "published": "2026-03-02T09:00:00Z", "clean": True},
        {"id": "gazette-7", "text": GAZETTE, "title": "Port says yes", "publisher": "Gazette",
         "published": "2026-03-02T12:00:00Z", "clean": True},
        {"id": "mirror-3", "text": WIRE, "title": "Port approves terminal", "publisher": "Mirror", "clean": True},
        {"id": "wire-1", "text": WIRE, "title": "Port approves terminal", "publisher": "Wire", "clean": True},
        {"id": 42, "text": scraped, "title": "Scraped", "clean": True},
    ]  # fmt: skip
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    with Store(tmp_path / "db.sqlite") as store:
        report = ingest([str(tmp_path / "feed.jsonl")], store, workers=1, settings=Settings())
        assert (report.new, report.duplicates) == (4, 1)  # the same text under another id is kept; the same id is not
        first = store.get(1)
        assert first is not None and (first.publisher, first.published, first.origin.source_id) == (
            "Wire",
            "2026-03-02T09:00:00+00:00",  # as the store normalises dates
            "wire-1",
        )
        scraped_article = store.get(4)
        assert scraped_article is not None and scraped_article.text == scraped
        assert store.find_id("gazette-7") == 2 and store.find_id("42") == 4 and store.find_id("nope") is None
    rows = [
        json.loads(x)
        for x in capsys_lines(
            main, ["copies", "--db", str(tmp_path / "db.sqlite"), "--of", "gazette-7", "--format", "jsonl"]
        )
    ]
    assert [(r["id"], r["source_id"], r["canonical"]) for r in rows] == [
        (1, "wire-1", 1),
        (2, "gazette-7", 1),
        (3, "mirror-3", 1),
        (4, "42", 1),  # the scraped page holds the wire text too
    ]
    assert rows[2]["changes"] == []  # a verbatim copy
