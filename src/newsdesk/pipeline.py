"""Stages and the loop that runs them.

A stage is any object with ``name``, ``version``, ``requires``, ``assigns`` and
``__call__(article) -> article``. ``requires``/``assigns`` name Article fields; the pipeline
checks when it is built that every required field is assigned by an earlier stage (or is one of
the fields every article starts with), so a misordered pipeline fails before any document runs.
A stage returns a new Article (``dataclasses.replace``) and drops one only by raising ``Skip``.
A stage may also offer ``pipe(articles) -> articles`` to do a batch at once (the spaCy parse
is about 1.3× faster in batches); ``Pipeline.run_batch`` uses it and falls back to one article
at a time when a batch fails, so one bad document never takes the others down. A
``DocumentTimeout`` ends the whole batch: the caller's time limit covers it, and only the caller
knows each document's budget.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from .errors import DocumentTimeout, PipelineError, Skip
from .model import Article

#: Fields an article has before any stage runs.
INITIAL_FIELDS = frozenset({"source", "origin"})
_ARTICLE_FIELDS = frozenset(f.name for f in dataclasses.fields(Article))


@runtime_checkable
class Stage(Protocol):
    name: str
    version: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, article: Article) -> Article: ...


@dataclass
class RunReport:
    """What happened to the documents that went through a pipeline."""

    processed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        """One line: counts, and each skip reason with its count."""
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{reason}: {n}" for reason, n in self.skipped.most_common())
        return f"{self.processed} processed, {skipped} skipped" + (f" ({reasons})" if reasons else "")


class Pipeline:
    """An ordered list of stages, validated once when built."""

    def __init__(self, stages: Sequence[Stage], provided: Iterable[str] = INITIAL_FIELDS) -> None:
        """``provided`` names the fields the input articles already carry."""
        available = set(provided)
        for stage in stages:
            if not isinstance(stage, Stage):
                raise PipelineError(f"{stage!r} is not a stage (needs name, version, requires, assigns)")
            unknown = (stage.requires | stage.assigns) - _ARTICLE_FIELDS
            if unknown:
                raise PipelineError(f"stage {stage.name!r} names unknown fields {sorted(unknown)}")
            missing = stage.requires - available
            if missing:
                raise PipelineError(f"stage {stage.name!r} requires {sorted(missing)}, which no earlier stage assigns")
            available |= stage.assigns
        self.stages = tuple(stages)
        self.report = RunReport()

    @property
    def names(self) -> list[str]:
        """Stage names with versions, e.g. ``['decode@1', …]``: provenance for stored results."""
        return [f"{s.name}@{s.version}" for s in self.stages]

    def run(self, article: Article) -> Article:
        """Run every stage on one article; ``Skip`` propagates after it is counted."""
        try:
            for stage in self.stages:
                article = stage(article)
        except Skip as skip:
            self.report.skipped[skip.reason] += 1
            raise
        self.report.processed += 1
        return article

    def run_batch(self, articles: Sequence[Article]) -> list[Article | BaseException]:
        """Run every stage over a batch; each result is the Article or the exception it raised."""
        results: list[Article | BaseException] = list(articles)
        for stage in self.stages:
            live = [i for i, r in enumerate(results) if isinstance(r, Article)]
            batch_of = getattr(stage, "pipe", None)
            done: list[Article] | None = None
            if batch_of is not None and len(live) > 1:
                try:
                    done = list(batch_of([results[i] for i in live]))
                except DocumentTimeout:
                    raise  # the batch's time is up: the caller decides what to retry
                except Exception:
                    done = None  # find the document at fault: one at a time below
            for position, i in enumerate(live):
                if done is not None:
                    results[i] = done[position]
                    continue
                try:
                    results[i] = stage(results[i])  # type: ignore[arg-type]
                except DocumentTimeout:
                    raise
                except Exception as exc:
                    results[i] = exc
        for result in results:
            if isinstance(result, Skip):
                self.report.skipped[result.reason] += 1
            elif isinstance(result, Article):
                self.report.processed += 1
        return results

    def run_many(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Run lazily over many articles; skipped ones are counted and left out."""
        for article in articles:
            try:
                yield self.run(article)
            except Skip:
                continue
