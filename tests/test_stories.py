"""Stories across outlets: online clustering in the store, the commands, the API and the pages."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest
from tests.story_fixtures import MATCH, PORT_ELLIS, RIVERTON
from tests.test_copies import GAZETTE, WIRE

from newsdesk import Article, Store
from newsdesk.connect.story_conflicts import story_figure_pairs
from newsdesk.model import Figure, Origin, Span
from newsdesk.store import stories
from newsdesk.stories.profile import FEATURE_NAMES, names, profile


def _fixtures() -> list[Article]:
    import dataclasses

    made = [
        Article(text=text, title=title, published=published, publisher=publisher)
        for title, published, publisher, text in [*RIVERTON, *PORT_ELLIS, MATCH]
    ]
    made += [
        Article(text=WIRE, title="Port approves terminal", publisher="Wire", published="2026-03-02T09:00:00Z"),
        Article(text=GAZETTE, title="Port says yes", publisher="Gazette", published="2026-03-02T12:00:00Z"),
    ]
    made.sort(key=lambda a: a.published or "")
    return [dataclasses.replace(a, origin=Origin(source_id=f"doc-{i}")) for i, a in enumerate(made)]


def _partition(db: Path) -> set[frozenset[str]]:
    """The stories as sets of titles: what must not depend on ids or on how the run was split."""
    with Store(db, readonly=True) as store:
        out = set()
        for story in store.stories():
            out.add(frozenset(title or "" for *_, title in store.story_members(story["id"])))
        return out


def _stored(db: Path, batches: list[list[int]], analysed: bool = False) -> set[frozenset[str]]:
    import newsdesk

    articles = _fixtures()
    if analysed:  # with quotes, figures and entities, as an ingest stores them
        articles = [newsdesk.analyze(a) for a in articles]
    for batch in batches:
        with Store(db) as store:  # each batch a separate run, as an ingest killed and started again
            store.add([articles[i] for i in batch])
    return _partition(db)


EXPECTED = {
    frozenset(title for title, *_ in RIVERTON),
    frozenset(title for title, *_ in PORT_ELLIS),
    frozenset({MATCH[0]}),
    frozenset({"Port approves terminal", "Port says yes"}),
}


@pytest.fixture
def stories_db(tmp_path: Path) -> Path:
    db = tmp_path / "stories.sqlite"
    _stored(db, [list(range(len(_fixtures())))])
    return db


def test_names_are_capitalised_words_that_do_not_open_a_sentence() -> None:
    found = names("The bridge fell. Mayor Helen Okafor said the Calder River rose on Monday. Divers came.")
    assert set(found) == {"helen", "okafor", "calder", "river"}  # not "The", "Divers", a title or a day


def test_a_profile_keeps_the_numbers_years_ages_and_months_that_tell_events_apart() -> None:
    p = profile("Boy, 9, hurt", "A 9-year-old was hurt in March 2024 when 26 pirates fired.", None)
    assert (p.years, p.months, p.ages) == ({"2024"}, {"march"}, {"9"})
    assert "26" in p.numbers and "pirates" in p.terms


def test_a_profile_keeps_what_the_text_counts_but_not_ages() -> None:
    p = profile(None, "Police held 26 pirates and seized 3 boats; a 16-year-old and 1,200 people watched.", None)
    assert p.counts == {"pirate=26", "boat=3", "people=1200"}  # the age is in p.ages, not a count


def test_look_alike_events_differ_in_what_they_count_and_whom_they_name() -> None:
    from newsdesk.stories.profile import FEATURES, StoryState, features, weighted

    def idf(_: str) -> float:
        return 1.0

    def compared(story_text: str, article_text: str) -> dict[str, float]:
        story, article = profile(None, story_text, None), profile(None, article_text, None)
        state = StoryState()
        state.add(story, weighted(story.terms, idf, 120))
        vector = weighted(article.terms, idf, 120)
        values = features(article, vector, weighted(article.lead, idf, 30), state, [], idf)
        return dict(zip(FEATURES, values, strict=False))

    first = "The navy ship Tarkan caught 23 pirates off the coast. Captain Amira Soto led the boarding."
    same = compared(first, "Captain Amira Soto and the crew of the Tarkan caught 23 pirates, the navy said.")
    other = compared(first, "The navy ship Meridian caught 31 pirates off the coast. Captain Lev Brandt led it.")
    assert (same["counts_agree"], same["counts_differ"]) == (1.0, 0.0)
    assert (other["counts_agree"], other["counts_differ"]) == (0.0, 1.0)
    assert same["names_cosine"] > 0.8 > 0.3 > other["names_cosine"]


def test_the_fitted_decision_matches_the_features() -> None:
    from newsdesk.stories.decision import decision

    model = decision()
    assert len(model.coefficients) == len(FEATURE_NAMES) and 0 < model.threshold < 1


def test_stories_group_each_event_across_outlets_and_keep_look_alike_events_apart(stories_db: Path) -> None:
    assert _partition(stories_db) == EXPECTED
    with Store(stories_db, readonly=True) as store:
        biggest = store.stories()[0]
    assert biggest["articles"] == 3 and biggest["outlets"] == ["Valley Courier", "Northern Times", "Riverton Post"]
    assert (biggest["first_seen"], biggest["last_seen"]) == ("2026-03-02", "2026-03-04")
    assert "Riverton" in biggest["label"]


def test_a_resumed_ingest_ends_with_the_same_stories(tmp_path: Path) -> None:
    assert _stored(tmp_path / "resumed.sqlite", [[0, 1, 2], [3], [4, 5, 6, 7]]) == EXPECTED


def test_recluster_rebuilds_the_same_stories_and_resumes(stories_db: Path) -> None:
    with Store(stories_db) as store:
        store.clear_stories()
        assert store.stories() == [] and store.articles_without_story() == 8
        code, _, err = _run(["stories", "--db", str(stories_db)])
        assert code == 0 and "8 articles have no story yet" in err and "recluster" in err
        for article_id in stories.unassigned(store.db)[:3]:  # a backfill killed after three articles…
            article = store.get(article_id)
            assert article is not None
            with store.transaction():
                stories.assign(store.db, article_id, article)
        assert store.index_stories() == 5  # …resumed
        assert store.index_stories() == 0
    assert _partition(stories_db) == EXPECTED


def test_a_copy_joins_the_story_of_the_text_it_copies_without_a_comparison(tmp_path: Path) -> None:
    calls: list[int] = []
    db = tmp_path / "copies.sqlite"
    with Store(db) as store:

        def counting(candidates: list, features_of: object) -> None:
            calls.append(len(candidates))
            return None  # every compared article would open its own story

        store.story_decider = counting  # type: ignore[assignment]
        store.add(_fixtures()[1:3])  # the wire story, then its copy
        assert len(calls) == 1  # only the wire story was compared
        assert len({s for s in store.story_of([1, 2]).values()}) == 1


def _run(argv: list[str]) -> tuple[int, str, str]:
    from newsdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def test_cli_stories_lists_stories_and_one_line_per_article_in_jsonl(stories_db: Path) -> None:
    code, out, _ = _run(["stories", "--db", str(stories_db)])
    assert code == 0 and len(out.splitlines()) == 4 and "3 articles" in out.splitlines()[0]
    _, out, _ = _run(["stories", "--db", str(stories_db), "--format", "jsonl"])
    lines = [json.loads(line) for line in out.splitlines()]
    assert sorted(line["id"] for line in lines) == [f"doc-{i}" for i in range(8)]  # the inputs' ids
    assert len({line["story"] for line in lines}) == 4
    _, out, _ = _run(["stories", "--db", str(stories_db), "--query", "footbridge", "--format", "json"])
    (found,) = json.loads(out)
    assert found["articles"] == 2 and {m["source_id"] for m in found["members"]} <= {f"doc-{i}" for i in range(8)}
    _, out, _ = _run(["stories", "--db", str(stories_db), "--of", "doc-0", "--format", "jsonl"])
    assert len(out.splitlines()) == 3  # the Riverton story: the earliest article's
    code, out, err = _run(["stories", "--db", str(stories_db), "--of", "nope"])
    assert code != 0 and "no article" in err


def test_cli_recluster_then_conflicts_of_a_story(stories_db: Path) -> None:
    code, _, err = _run(["recluster", "--db", str(stories_db)])
    assert code == 0 and "placed 8 articles in stories (4 stories)" in err
    with Store(stories_db, readonly=True) as store:
        port = next(s["id"] for s in store.stories() if "Wire" in s["outlets"])
    _, out, _ = _run(["conflicts", "--db", str(stories_db), "--story", str(port), "--format", "jsonl"])
    (line,) = [json.loads(x) for x in out.splitlines()]
    assert (line["mention_a"], line["mention_b"], line["kind"]) == ("$42 million", "$45 million", "conflict")
    code, _, err = _run(["conflicts", "--db", str(stories_db), "--story", "999"])
    assert code != 0 and "no story" in err


def _figure(text: str, start: int, value: float, measures: str, change: str | None = None) -> Figure:
    return Figure(Span(start, start + len(text)), text, value, "money", unit="USD", measures=measures, change=change)


def test_figures_of_two_articles_pair_only_when_they_measure_the_same_thing() -> None:
    a = Article(text="x" * 80, figures=(_figure("$6 million", 10, 6e6, "the repair bill"),))
    same = Article(text="x" * 80, figures=(_figure("$6.5 million", 20, 6.5e6, "the Repair bill"),))
    other = Article(text="x" * 80, figures=(_figure("$6.5 million", 20, 6.5e6, "the stadium"),))
    rounded = Article(text="x" * 80, figures=(_figure("$6.4 million", 20, 6.4e6, "the repair bill"),))
    rose = Article(text="x" * 80, figures=(_figure("$9 million", 20, 9e6, "the repair bill", change="rose"),))
    assert [p.kind for p in story_figure_pairs(a, same)] == ["conflict"]
    assert list(story_figure_pairs(a, other)) == []
    assert [p.kind for p in story_figure_pairs(a, rounded)] == ["rounding"]
    assert [p.kind for p in story_figure_pairs(a, rose)] == ["update"]


def test_web_api_stories_and_one_story(stories_db: Path) -> None:
    from tests.test_web_api import get

    body = get(stories_db, "/api/stories?limit=2").json()
    assert body["total"] == 4 and [s["articles"] for s in body["items"]] == [3, 2]
    assert body["next"] == "/api/stories?limit=2&offset=2"
    assert get(stories_db, "/api/stories?q=footbridge").json()["total"] == 1
    assert get(stories_db, "/api/stories?format=csv").text.splitlines()[0].startswith("id,label,")
    story_id = body["items"][0]["id"]
    story = get(stories_db, f"/api/stories/{story_id}").json()
    assert [m["publisher"] for m in story["members"]] == ["Valley Courier", "Northern Times", "Riverton Post"]
    assert set(story["coverage"]) == {"Valley Courier", "Northern Times", "Riverton Post"}
    assert get(stories_db, "/api/stories/999").status_code == 404
    assert get(stories_db, "/api/stories/0").status_code in (400, 422)


def test_web_story_pages(stories_db: Path) -> None:
    from tests.test_web_api import get

    listing = get(stories_db, "/stories").text
    assert listing.count('href="/stories/') >= 4 and "Riverton" in listing
    with Store(stories_db, readonly=True) as store:
        port = next(s["id"] for s in store.stories() if "Wire" in s["outlets"])
    page = get(stories_db, f"/stories/{port}").text
    assert "Figures that disagree (1)" in page and "$45 million" in page and "Coverage by outlet" in page
    assert get(stories_db, "/stories/999").status_code == 404


def test_a_placeholder_date_is_no_day_for_stories(tmp_path: Path) -> None:
    with Store(tmp_path / "odd.sqlite") as store:
        for published in ("0001-01-01", "9999-12-31"):
            store.add([Article(text=f"The council met on {published} to argue about bridges.", published=published)])
        assert store.articles_without_story() == 0 and all(s["first_seen"] is None for s in store.stories())
