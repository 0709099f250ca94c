from __future__ import annotations

import dataclasses

import pytest

from newsdesk import Article, Pipeline, PipelineError, Skip


class Upper:
    name, version = "upper", "1"
    requires = frozenset({"text"})
    assigns = frozenset({"text"})

    def __call__(self, article: Article) -> Article:
        return dataclasses.replace(article, text=article.text.upper())


class SetText:
    name, version = "set-text", "1"
    requires = frozenset({"source"})
    assigns = frozenset({"text"})

    def __call__(self, article: Article) -> Article:
        if not article.source:
            raise Skip("empty source")
        return dataclasses.replace(article, text=article.source)


def test_pipeline_rejects_stage_whose_requirement_nobody_assigns() -> None:
    with pytest.raises(PipelineError, match="requires \\['text'\\]"):
        Pipeline([Upper(), SetText()])


def test_pipeline_rejects_unknown_field_names() -> None:
    class Bad(Upper):
        assigns = frozenset({"no_such_field"})

    with pytest.raises(PipelineError, match="unknown fields"):
        Pipeline([SetText(), Bad()])


def test_pipeline_runs_stages_in_order_without_mutating_input() -> None:
    pipeline = Pipeline([SetText(), Upper()])
    original = Article(source="news")
    result = pipeline.run(original)
    assert result.text == "NEWS"
    assert original.text == ""
    assert pipeline.names == ["set-text@1", "upper@1"]


def test_pipeline_counts_every_skip_with_its_reason() -> None:
    pipeline = Pipeline([SetText(), Upper()])
    out = list(pipeline.run_many([Article(source="a"), Article(source=""), Article(source="")]))
    assert [a.text for a in out] == ["A"]
    assert pipeline.report.processed == 1
    assert pipeline.report.skipped == {"empty source": 2}
    assert pipeline.report.summary() == "1 processed, 2 skipped (empty source: 2)"


class BatchUpper(Upper):
    """Upper-cases in batches; a batch holding "boom" fails as a whole, as a parser batch might."""

    batches = 0

    def pipe(self, articles: list[Article]) -> list[Article]:
        BatchUpper.batches += 1
        if any(a.text == "boom" for a in articles):
            raise RuntimeError("bad batch")
        return [self(a) for a in articles]

    def __call__(self, article: Article) -> Article:
        if article.text == "boom":
            raise RuntimeError("this one")
        return super().__call__(article)


def test_pipeline_run_batch_isolates_the_bad_document() -> None:
    pipeline = Pipeline([SetText(), BatchUpper()])
    good = pipeline.run_batch([Article(source="a"), Article(source="b")])
    assert [r.text for r in good if isinstance(r, Article)] == ["A", "B"] and BatchUpper.batches == 1
    mixed = pipeline.run_batch([Article(source="a"), Article(source="boom"), Article(source=""), Article(source="c")])
    assert isinstance(mixed[0], Article) and mixed[0].text == "A"
    assert isinstance(mixed[1], RuntimeError) and str(mixed[1]) == "this one"
    assert isinstance(mixed[2], Skip) and mixed[2].reason == "empty source"
    assert isinstance(mixed[3], Article) and mixed[3].text == "C"
    assert pipeline.report.processed == 4 and pipeline.report.skipped["empty source"] == 1
