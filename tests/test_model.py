from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdesk.model
from newsdesk import (
    SCHEMA_VERSION,
    Article,
    Block,
    Entity,
    Figure,
    Image,
    Origin,
    Quote,
    RelatedLink,
    Removed,
    Span,
    TimeExpression,
)

text_st = st.text(max_size=200)
maybe_text = st.none() | text_st


spans = st.builds(Span, st.integers(0, 500), st.integers(0, 500))
maybe_span = st.none() | spans
numbers = st.floats(allow_nan=False, allow_infinity=False)
times = st.builds(
    TimeExpression, spans, text_st, maybe_text, maybe_text, st.sampled_from(["day", "week", "month", "year", "event"])
)
figures = st.builds(
    Figure,
    span=spans,
    text=text_st,
    value=numbers,
    kind=st.sampled_from(["money", "percent", "count", "number"]),
    unit=maybe_text,
    qualifier=maybe_text,
    measures=maybe_text,
    base=maybe_text,
    change=maybe_text,
    time=st.none() | times,
    value_max=st.none() | numbers,
    sentence=maybe_span,
)
entities = st.builds(
    Entity,
    text_st,
    st.sampled_from(["person", "organization", "place"]),
    st.lists(spans, max_size=3).map(tuple),
    st.lists(text_st, max_size=2).map(tuple),
)
quotes = st.builds(
    Quote,
    span=spans,
    text=text_st,
    kind=st.sampled_from(["direct", "mixed", "indirect"]),
    fragments=st.lists(spans, max_size=3).map(tuple),
    cue=maybe_span,
    cue_text=maybe_text,
    speaker=maybe_span,
    speaker_text=maybe_text,
    speaker_name=maybe_text,
)


@st.composite
def articles(draw: st.DrawFn) -> Article:
    text = draw(text_st)
    cut = draw(st.integers(0, len(text)))
    return Article(
        text=text,
        blocks=(Block(draw(st.sampled_from(["paragraph", "heading"])), Span(0, cut)),),
        title=draw(maybe_text),
        authors=tuple(draw(st.lists(text_st, max_size=3))),
        published=draw(maybe_text),
        tags=tuple(draw(st.lists(text_st, max_size=3))),
        image=draw(st.none() | st.builds(Image, maybe_text, maybe_text, maybe_text)),
        agency=draw(maybe_text),
        related=tuple(draw(st.lists(st.builds(RelatedLink, text_st, maybe_text), max_size=2))),
        removed=tuple(draw(st.lists(st.builds(Removed, text_st, text_st), max_size=2))),
        origin=draw(st.builds(Origin, maybe_text, maybe_text)),
        dates=tuple(draw(st.lists(times, max_size=3))),
        figures=tuple(draw(st.lists(figures, max_size=3))),
        entities=tuple(draw(st.lists(entities, max_size=3))),
        quotes=tuple(draw(st.lists(quotes, max_size=3))),
    )


def with_unknown_keys(value: object, key: str) -> object:
    """The same plain data with an extra key in every object, at every level."""
    if isinstance(value, dict):
        return {**{k: with_unknown_keys(v, key) for k, v in value.items()}, key: {"added": [1, 2]}}
    if isinstance(value, list):
        return [with_unknown_keys(v, key) for v in value]
    return value


@given(articles())
def test_model_json_round_trip_is_identity(article: Article) -> None:
    data = json.loads(json.dumps(article.to_dict()))
    assert Article.from_dict(data) == article


#: Every key the model writes or reads, at any level: an "unknown" key must be none of them.
KNOWN_KEYS = frozenset(
    {"numbers", "schema_version"}
    | {
        f.name
        for cls in vars(newsdesk.model).values()
        if dataclasses.is_dataclass(cls)
        for f in dataclasses.fields(cls)
    }
)


@given(articles(), st.text(min_size=1, max_size=12).filter(lambda k: k not in KNOWN_KEYS))
def test_model_from_dict_ignores_unknown_keys_at_every_level(article: Article, key: str) -> None:
    data = with_unknown_keys(json.loads(json.dumps(article.to_dict())), key)
    assert Article.from_dict(data) == article  # type: ignore[arg-type]


def test_model_reads_figures_under_their_old_key() -> None:
    figure = Figure(Span(0, 4), "$8bn", 8e9, "money", "USD")
    old = {"schema_version": "1.2", "text": "$8bn", "numbers": [Article(figures=(figure,)).to_dict()["figures"][0]]}
    assert Article.from_dict(old).figures == (figure,)
    with pytest.warns(DeprecationWarning):
        assert Article(figures=(figure,)).numbers == (figure,)


def test_model_refuses_malformed_nested_data_with_a_value_error() -> None:
    with pytest.raises(ValueError, match="Quote"):
        Article.from_dict({"text": "x", "quotes": [{"text": "no span"}]})
    with pytest.raises(ValueError, match="list"):
        Article.from_dict({"text": "x", "quotes": {"span": {}}})


def test_model_span_of_returns_the_covered_characters() -> None:
    assert Span(4, 9).of("The quick fox") == "quick"


def test_model_dict_carries_schema_version_and_never_the_source() -> None:
    data = Article(text="x", source="<html>secret raw page</html>").to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    assert "source" not in data


def test_model_rejects_other_major_schema_version() -> None:
    with pytest.raises(ValueError, match="schema version"):
        Article.from_dict({"schema_version": "2.0", "text": ""})
