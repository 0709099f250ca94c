"""Parquet parts: one file per shard, one row per input record, whatever became of it.

A row keeps everything ``newsdesk load`` needs to store the record as ``ingest`` would (the
Article as JSON, the input's key and digest, the analyzer version) and a few flat columns for
readers of the parts themselves (DuckDB, pandas, Spark). Failed and skipped records are rows
too, with their reason: a part accounts for every record of its shard.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import ScaleError

#: Rows buffered before a row group is written: bounded memory on a shard of any size.
ROWS_PER_GROUP = 256

COLUMNS = (
    ("key", "string"),
    ("raw_sha256", "string"),
    ("status", "string"),  # ok | skipped | failed
    ("reason", "string"),
    ("analyzer", "string"),
    ("size", "int64"),
    ("url", "string"),
    ("title", "string"),
    ("published", "string"),
    ("publisher", "string"),
    ("language", "string"),
    ("article", "string"),  # the Article as newsdesk's JSON
)


def _pyarrow():  # type: ignore[no-untyped-def]
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ScaleError("parts are Parquet files: install pyarrow (pip install 'newsdesk[parquet]')") from exc
    return pyarrow


def schema():  # type: ignore[no-untyped-def]
    """The parts' Arrow schema."""
    pa = _pyarrow()
    return pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS])


def row(
    key: str, raw_sha256: str, status: str, reason: str | None, analyzer: str | None, size: int, article: str | None
) -> dict[str, Any]:
    """One part row; the flat columns are read from the Article JSON."""
    data = json.loads(article) if article else {}
    origin = data.get("origin") or {}
    return {
        "key": key,
        "raw_sha256": raw_sha256,
        "status": status,
        "reason": reason,
        "analyzer": analyzer,
        "size": size,
        "url": origin.get("url") or data.get("canonical_url"),
        "title": data.get("title"),
        "published": data.get("published"),
        "publisher": data.get("publisher"),
        "language": data.get("language"),
        "article": article,
    }


class PartWriter:
    """Rows into a Parquet file at a temporary path, a row group at a time; ``commit`` renames it
    into place, so a part at its final name is always complete."""

    def __init__(self, temporary: Path, final: Path) -> None:
        pq = _pyarrow().parquet
        self._temporary, self._final = temporary, final
        self._schema = schema()
        self._writer = pq.ParquetWriter(str(temporary), self._schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []

    def add(self, values: dict[str, Any]) -> None:
        self._rows.append(values)
        if len(self._rows) >= ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            pa = _pyarrow()
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def commit(self) -> None:
        self._flush()
        self._writer.close()
        os.replace(self._temporary, self._final)

    def abandon(self) -> None:
        """Close and delete the temporary file (the shard failed), and the part if it was renamed
        already (its marker could not be written: the shard is redone)."""
        try:
            self._writer.close()
        finally:
            self._temporary.unlink(missing_ok=True)
            self._final.unlink(missing_ok=True)


def read_rows(part: Path, columns: tuple[str, ...] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of a part, a row group at a time."""
    pq = _pyarrow().parquet
    source = pq.ParquetFile(str(part))
    for batch in source.iter_batches(batch_size=ROWS_PER_GROUP, columns=list(columns) if columns else None):
        yield from batch.to_pylist()
