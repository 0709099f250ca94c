"""Entities: one canonical name per person, roles, descriptions, and the model loading rules."""

from __future__ import annotations

import pytest

import newsdesk
from newsdesk.analyze.entities import find_entities
from newsdesk.analyze.language import load_language
from newsdesk.errors import ModelNotInstalled
from newsdesk.settings import Settings


def test_entities_sample_canonical_names_and_roles(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    people = {e.name: e for e in article.entities if e.label == "person"}
    assert set(people) == {
        "Donald Trump",
        "Nayib Bukele",
        "Kilmar Abrego Garcia",
        "Karoline Leavitt",
        "Marco Rubio",
        "Jorge Arriaza",
    }
    bukele = {m.of(article.text) for m in people["Nayib Bukele"].mentions}
    assert bukele == {"Nayib Bukele", "Bukele", "the Salvadoran leader"}
    assert people["Marco Rubio"].roles == ("US Secretary of State",)
    assert people["Karoline Leavitt"].roles == ("White House spokeswoman",)
    assert people["Donald Trump"].roles == ("US President",)
    places = {e.name for e in article.entities if e.label == "place"}
    assert {"El Salvador", "United States", "Latin America"} <= places


def test_entities_mentions_reproduce_their_text(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    for entity in article.entities:
        for mention in entity.mentions:
            assert mention.of(article.text).strip() == mention.of(article.text)
            assert mention.end > mention.start


def test_entities_same_surname_goes_to_the_last_one_named() -> None:
    doc = load_language()("Hillary Clinton spoke first. Bill Clinton followed her. Clinton then left.")
    people = {e.name: [m.start for m in e.mentions] for e in find_entities(doc) if e.label == "person"}
    assert set(people) == {"Hillary Clinton", "Bill Clinton"}
    assert len(people["Bill Clinton"]) == 2  # "Clinton then left" follows Bill Clinton


def test_entities_description_needs_one_candidate() -> None:
    text = "French President Emmanuel Macron met French Prime Minister Michel Barnier. The French leader spoke later."
    people = {e.name: e for e in find_entities(load_language()(text)) if e.label == "person"}
    assert set(people) == {"Emmanuel Macron", "Michel Barnier"}
    assert all(len(p.mentions) == 1 for p in people.values())  # two French leaders: the description stays unresolved


def test_entities_missing_model_is_a_clear_error(sample_bytes: bytes) -> None:
    with pytest.raises(ModelNotInstalled, match="no_such_model"):
        newsdesk.extract(sample_bytes, facts=True, settings=Settings.load(spacy_model="no_such_model"))


def test_entities_default_model_name_falls_back_to_the_repackaged_one() -> None:
    nlp = load_language("en_core_web_sm")
    assert "ner" in nlp.pipe_names and "parser" in nlp.pipe_names


def test_entities_text_past_the_parse_limit_keeps_its_figures_and_says_what_was_cut(
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = "Nayib Bukele met Donald Trump in Washington on Monday."
    later = "Remittances reached $8.5 billion in 2024, said Maria Lopez."
    text = f"{first}\n\n{later}"
    settings = Settings.load(max_parsed_chars=len(first))
    with caplog.at_level("WARNING", logger="newsdesk"):
        article = newsdesk.extract(text, facts=True, settings=settings)
    names = {entity.name for entity in article.entities}
    assert "Nayib Bukele" in names and "Maria Lopez" not in names  # the parser stopped at the limit
    assert [number.text for number in article.figures] == ["$8.5 billion"]  # figures cover the whole text
    assert f"first {len(first)} of {len(article.text)} characters" in caplog.text
