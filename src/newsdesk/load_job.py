"""Load: finished Parquet parts → the store, as ``ingest`` would have written their records.

Each record goes through the same write as an ingested one: the article and the record of its
input in one transaction, copies and stories updated in it. A record already in the store (the
same key and bytes) is skipped, so loading a part twice, or a folder a run is still adding to,
changes nothing that was loaded before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from .errors import ScaleError, StoreError
from .ingest_job import IngestReport, Outcome, write_outcome
from .scale.parts import read_rows
from .scale.shards import OutputFolder
from .store import Store

_COLUMNS = ("key", "raw_sha256", "status", "reason", "analyzer", "size", "article")


def load(out: str | Path, store: Store, on_part: Callable[[Path], None] | None = None) -> IngestReport:
    """Store the records of every finished part under ``out`` that the store does not hold yet."""
    folder = OutputFolder(Path(out))
    if not folder.root.is_dir():
        raise ScaleError(f"{out} is no folder of a process run")
    report = IngestReport()
    for part in folder.finished_parts():
        for values in read_rows(part, _COLUMNS):
            outcome = Outcome(
                values["key"],
                values["raw_sha256"] or "",
                values["status"],
                article=values["article"],
                reason=values["reason"],
                size=values["size"] or 0,
                analyzer=values["analyzer"],
            )
            if outcome.status != "failed" and store.seen(outcome.key, outcome.raw_sha256):
                report.already += 1
                continue
            try:
                write_outcome(store, outcome, report)
            except sqlite3.DatabaseError as exc:
                raise StoreError(
                    f"could not write to the store ({exc}); what was loaded before is kept, and loading again goes on"
                ) from exc
        if on_part:
            on_part(part)
    return report
