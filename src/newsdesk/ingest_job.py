"""Ingest: sources → tasks → extraction and analysis in worker processes → one writer → the store.

This is the composition root of a batch run (readers, the document path of ``api``, the local
executor and the store meet here), as ``api`` is for one document. Each outcome is written in
one transaction together with the record of its input, so killing the process at any moment
leaves whole articles only, and running the same command again skips what was already done:
the store ends as an uninterrupted run would leave it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import itertools
import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .analyze.language import load_language
from .api import analysis_pipeline, analyzer_version, article_from_raw
from .errors import ModelNotInstalled, NewsdeskError, Skip, StoreError
from .extract.published import as_published
from .extract.stages import extraction_stages
from .ingest.fetch import fetch
from .ingest.readers import Task, tasks_from_paths, tasks_from_urls
from .limits import time_limit
from .model import Article
from .pipeline import Pipeline
from .scale.local import default_workers, run_local
from .settings import Settings
from .store import Store
from .store.store import DEFAULT_PATH


@dataclass(frozen=True, slots=True)
class Outcome:
    key: str
    raw_sha256: str
    status: str  # "ok" | "skipped" | "failed"
    article: str | None = None  # Article JSON: plain data crosses the process boundary cheaply
    reason: str | None = None
    size: int = 0  # the task's input bytes, echoed for progress
    analyzer: str | None = None  # the analysis stages and versions that made the facts


@dataclass
class IngestReport:
    """What an ingest did with each input: counts, skip reasons, and every failure by name."""

    new: int = 0
    versions: int = 0
    duplicates: int = 0
    already: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """A few lines for the end of an ingest."""
        lines = [
            f"{self.new} new, {self.versions} new versions, {self.duplicates} duplicates, "
            f"{self.already} already ingested, {sum(self.skipped.values())} skipped, {len(self.failed)} failed"
        ]
        lines += [f"  skipped ({n}): {reason}" for reason, n in self.skipped.most_common()]
        lines += [f"  failed: {key}: {reason}" for key, reason in self.failed[:50]]
        if len(self.failed) > 50:
            lines.append(f"  … and {len(self.failed) - 50} more failures")
        return "\n".join(lines)


def ingest(
    sources: Iterable[str] | str = (),
    db: str | Path | Store = DEFAULT_PATH,
    *,
    urls: Iterable[str] = (),
    workers: int = 0,
    settings: Settings | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Extract, analyse and store every document of ``sources`` (files, folders, globs, JSON Lines,
    WARC archives) and of ``urls`` (fetched); returns what happened to each kind of input.

    ``db`` is a store path or an open ``Store``; ``workers`` defaults to all cores. Rerunning the
    same call resumes: inputs already stored are skipped, failures are tried again.
    ``on_progress(n_bytes)`` is called once per input done (or skipped as already ingested).
    """
    settings = settings or Settings.load()
    names = [sources] if isinstance(sources, str) else list(sources)
    tasks = itertools.chain(tasks_from_paths(names, settings.max_document_bytes), tasks_from_urls(urls))
    if isinstance(db, Store):
        return _ingest_tasks(db, tasks, settings, workers or default_workers(), on_progress)
    with Store(db) as store:
        return _ingest_tasks(store, tasks, settings, workers or default_workers(), on_progress)


#: Documents a worker takes at once: the spaCy parse runs over them as one batch.
CHUNK = 16
#: Texts longer than this are analysed alone, outside the batch (ten times a long news story).
BATCH_MAX_CHARS = 100_000


def process_chunk(tasks: list[Task], settings: Settings) -> list[Outcome]:
    """Worker side, a few documents: extract each, then analyse them as a batch.

    Each document has ``document_timeout`` seconds in all, as in ``newsdesk.extract``. The batch
    gets the largest budget left; when it runs over, each document is analysed alone within its
    own budget, so the one over the limit fails alone and the rest are stored.
    """
    extraction, analysis = _pipelines(settings)
    outcomes: list[Outcome | None] = []
    extracted: list[tuple[int, str, Article, float]] = []
    for task in tasks:
        result = _extract(task, settings, extraction)
        if isinstance(result, Outcome):
            outcomes.append(result)
        else:
            extracted.append((len(outcomes), *result))
            outcomes.append(None)
    # The words of each batch are forgotten after it: a worker's vocabulary would otherwise grow
    # with every new word it reads (measured: 85k strings after 730 dev pages with the zone, 106k
    # without, and 270 MiB resident at the end against 550). Nothing parsed outlives the block.
    with memory_zone(settings):
        analysed = _analyse(analysis, extracted, settings)
        for (position, digest, _, _), done in zip(extracted, analysed, strict=True):
            task = tasks[position]
            if isinstance(done, Article):
                data = json.dumps(done.to_dict(), ensure_ascii=False)
                outcomes[position] = Outcome(
                    task.key, digest, "ok", article=data, size=task.size, analyzer=analyzer_version(settings)
                )
            else:
                outcomes[position] = _failure(task, done, digest)
        del analysed
    return [o for o in outcomes if o is not None]


@contextlib.contextmanager
def memory_zone(settings: Settings) -> Iterator[None]:
    """spaCy's memory zone of the analysis model (nothing when the model is not installed: the
    stages then fail each document with ModelNotInstalled, as they would without it)."""
    try:
        nlp = load_language(settings.spacy_model)
    except ModelNotInstalled:
        yield
        return
    with nlp.memory_zone():
        yield


def _extract(task: Task, settings: Settings, extraction: Pipeline) -> Outcome | tuple[str, Article, float]:
    """The task's Article after extraction, its input's digest, and the seconds of its budget left."""
    if task.error:
        return Outcome(task.key, "", "failed", reason=task.error, size=task.size)
    if task.skip:
        return Outcome(task.key, "", "skipped", reason=task.skip, size=task.size)
    try:
        raw = task.raw if task.raw is not None else fetch(task.fetch_url or task.key, settings)
        digest = hashlib.sha256(raw.data).hexdigest()
        started = time.monotonic()
        given = dict(task.given)
        with time_limit(settings.document_timeout):
            article = article_from_raw(raw, settings)
            if given.get("clean"):
                article = dataclasses.replace(article, text=raw.data.decode("utf-8"))  # as given: offsets hold
            else:
                article = extraction.run(article)
        return digest, with_given(article, given), settings.document_timeout - (time.monotonic() - started)
    except Exception as exc:
        return _failure(task, exc, _sha(task))


def with_given(article: Article, given: dict[str, Any]) -> Article:
    """The Article with what its input said of it winning over what extraction found."""
    if not given:
        return article
    # a given date wins even when unreadable: then it is kept as written, and published is null
    published, as_written = (
        as_published(given["published"])
        if given.get("published") not in (None, "")
        else (article.published, article.published_as_written)
    )
    return dataclasses.replace(
        article,
        title=given.get("title", article.title),
        published=published,
        published_as_written=as_written,
        publisher=given.get("publisher", article.publisher),
        language=given.get("language", article.language),
        origin=dataclasses.replace(article.origin, source_id=given.get("id", article.origin.source_id)),
    )


def _analyse(
    analysis: Pipeline, extracted: list[tuple[int, str, Article, float]], settings: Settings
) -> list[Article | BaseException]:
    articles = [article for _, _, article, _ in extracted]
    if not articles:
        return []
    budgets = [left for _, _, _, left in extracted]
    if settings.document_timeout <= 0:  # no limit
        return analysis.run_batch(articles)
    # long texts are analysed alone: in a batch, one that runs out of time would make the whole
    # batch run again, and the others would wait for it twice
    small = [i for i, article in enumerate(articles) if len(article.text) <= BATCH_MAX_CHARS]
    results: list[Article | BaseException | None] = [None] * len(articles)
    if len(small) > 1:
        try:
            with time_limit(max(budgets[i] for i in small), settings.document_timeout):
                for i, done in zip(small, analysis.run_batch([articles[i] for i in small]), strict=True):
                    results[i] = done
        except Exception:  # a time-out or one bad document: each is run alone below
            results = [None] * len(articles)
    for i, (article, left) in enumerate(zip(articles, budgets, strict=True)):
        if results[i] is not None:
            continue
        try:
            with time_limit(max(left, 0.001), settings.document_timeout):
                results[i] = analysis.run(article)
        except Exception as exc:
            results[i] = exc
    return [r for r in results if r is not None]  # every one is set by now; the filter is for the type


def _failure(task: Task, exc: BaseException, digest: str) -> Outcome:
    if isinstance(exc, Skip):
        return Outcome(task.key, digest, "skipped", reason=exc.reason, size=task.size)
    if isinstance(exc, NewsdeskError):
        return Outcome(task.key, digest, "failed", reason=f"{type(exc).__name__}: {exc}", size=task.size)
    return Outcome(task.key, digest, "failed", reason=f"internal error {type(exc).__name__}: {exc}", size=task.size)


@functools.cache
def _pipelines(settings: Settings) -> tuple[Pipeline, Pipeline]:
    # built once per worker process: extraction, then the analysis of `newsdesk extract --facts`
    return Pipeline(extraction_stages(settings.max_article_chars)), analysis_pipeline(settings)


def _sha(task: Task) -> str:
    return hashlib.sha256(task.raw.data).hexdigest() if task.raw is not None else ""


def _crashed(chunk: list[Task], exc: BaseException) -> list[Outcome]:
    return [Outcome(t.key, _sha(t), "failed", reason=f"worker crashed: {exc}", size=t.size) for t in chunk]


def in_chunks(tasks: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Lists of ``size`` tasks (the last one shorter), lazily."""
    chunk: list[Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _ingest_tasks(
    store: Store,
    tasks: Iterable[Task],
    settings: Settings,
    workers: int,
    on_progress: Callable[[int], None] | None,
) -> IngestReport:
    report = IngestReport()

    def fresh(stream: Iterable[Task]) -> Iterable[Task]:
        for task in stream:
            digest = _sha(task)
            if (task.raw is not None and store.seen(task.key, digest)) or (task.fetch_url and store.seen_key(task.key)):
                report.already += 1
                if on_progress:
                    on_progress(task.size)
                continue
            yield task

    chunks = in_chunks(fresh(tasks), CHUNK)
    outcomes = itertools.chain.from_iterable(
        run_local(partial(process_chunk, settings=settings), chunks, workers, _crashed)
    )
    for outcome in outcomes:
        try:
            write_outcome(store, outcome, report)
        except sqlite3.DatabaseError as exc:  # a full disk, a lost file: stop, keep what is committed
            raise StoreError(
                f"could not write to the store ({exc}); the {report.new + report.versions} articles "
                "written before are kept, and a rerun goes on from there"
            ) from exc
        if on_progress:
            on_progress(outcome.size)
    return report


def write_outcome(store: Store, outcome: Outcome, report: IngestReport) -> None:
    """One outcome and the record of its input, in one transaction; counted once committed."""
    with store.transaction():
        if outcome.status == "ok" and outcome.article:
            status, article_id = store.insert(Article.from_dict(json.loads(outcome.article)), outcome.analyzer)
            store.record_source(outcome.key, outcome.raw_sha256, status, article_id, None)
        else:
            status = outcome.status
            store.record_source(outcome.key, outcome.raw_sha256, status, None, outcome.reason or "unknown")
    if status == "duplicate":
        report.duplicates += 1
    elif status == "version":
        report.versions += 1
    elif status == "skipped":
        report.skipped[outcome.reason or "unknown"] += 1
    elif status == "failed":
        report.failed.append((outcome.key, outcome.reason or "unknown"))
    elif status == "new":
        report.new += 1
