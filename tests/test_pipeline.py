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
