from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk import SCHEMA_VERSION, Article, Block, Image, Origin, RelatedLink, Removed, Span

text_st = st.text(max_size=200)
maybe_text = st.none() | text_st


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
    )


@given(articles())
def test_model_json_round_trip_is_identity(article: Article) -> None:
    data = json.loads(json.dumps(article.to_dict()))
    assert Article.from_dict(data) == article


def test_model_span_of_returns_the_covered_characters() -> None:
    assert Span(4, 9).of("The quick fox") == "quick"


def test_model_dict_carries_schema_version_and_never_the_source() -> None:
    data = Article(text="x", source="<html>secret raw page</html>").to_dict()
    assert data["schema_version"] == SCHEMA_VERSION
    assert "source" not in data


def test_model_rejects_other_major_schema_version() -> None:
    with pytest.raises(ValueError, match="schema version"):
        Article.from_dict({"schema_version": "2.0", "text": ""})
