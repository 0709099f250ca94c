"""Re-run the analysis stages over stored articles after the rules change, in place.

Each stored article records the analysis stages and versions that made its facts
(``articles.analyzer``). ``reanalyze`` analyses again the articles whose record differs from the
current stages (all of them with ``force``) and swaps their facts in one transaction each, so an
interrupted run leaves every article whole, and running it again finishes the rest.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .api import analysis_pipeline, analyzer_version, release
from .limits import time_limit
from .settings import Settings
from .store import Filters, Store
from .store.store import DEFAULT_PATH


@dataclass
class ReanalyzeReport:
    """What a re-analysis did: articles updated, already current, and failures by id."""

    updated: int = 0
    current: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line, then one per failure."""
        lines = [f"{self.updated} re-analysed, {self.current} already current, {len(self.failed)} failed"]
        lines += [f"  failed: article {article_id}: {reason}" for article_id, reason in self.failed[:50]]
        return "\n".join(lines)


def reanalyze(
    db: str | Path | Store = DEFAULT_PATH,
    *,
    filters: Filters | None = None,
    force: bool = False,
    settings: Settings | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> ReanalyzeReport:
    """Analyse again the stored articles (those the filters keep) whose facts came from other stages."""
    if not isinstance(db, Store):
        with Store(db) as store:
            return reanalyze(store, filters=filters, force=force, settings=settings, on_progress=on_progress)
    settings = settings or Settings.load()
    pipeline = analysis_pipeline(settings)
    version = analyzer_version(settings)
    report = ReanalyzeReport()
    for article_id, analyzer in db.analysed_with(filters):
        if analyzer == version and not force:
            report.current += 1
        else:
            stored = db.get(article_id)
            try:
                if stored is None:
                    raise LookupError("the article is gone")
                # facts of the old stages are dropped first, so no stage sees stale ones
                fresh = dataclasses.replace(stored, dates=(), figures=(), entities=(), quotes=())
                with time_limit(settings.document_timeout):
                    article = release(pipeline.run(fresh))
            except Exception as exc:
                report.failed.append((article_id, f"{type(exc).__name__}: {exc}"))
            else:
                with db.transaction():
                    db.replace_facts(article_id, article, version)
                report.updated += 1
        if on_progress:
            on_progress(1)
    return report
