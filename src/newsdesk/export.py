"""Stream stored articles out as JSON Lines, CSV or Parquet, without holding them in memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .model import Article

#: Flat columns for CSV and Parquet; the full Article is in JSON Lines.
COLUMNS = (
    "id",
    "title",
    "published",
    "publisher",
    "agency",
    "dateline",
    "language",
    "section",
    "authors",
    "tags",
    "canonical_url",
    "url",
    "text",
)


def flat_row(article_id: int, article: Article) -> dict[str, Any]:
    """One article as a flat row (lists joined with "; ")."""
    return {
        "id": article_id,
        "title": article.title,
        "published": article.published,
        "publisher": article.publisher,
        "agency": article.agency,
        "dateline": article.dateline,
        "language": article.language,
        "section": article.section,
        "authors": "; ".join(article.authors),
        "tags": "; ".join(article.tags),
        "canonical_url": article.canonical_url,
        "url": article.origin.url,
        "text": article.text,
    }


def write_jsonl(rows: Iterable[tuple[int, Article]], out: IO[str]) -> int:
    """Write ``{"id": …, **article}`` per line; returns the count."""
    n = 0
    for article_id, article in rows:
        out.write(json.dumps({"id": article_id, **article.to_dict()}, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(rows: Iterable[tuple[int, Article]], out: IO[str]) -> int:
    """Write a header and one flat row per article; returns the count."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for article_id, article in rows:
        writer.writerow({k: safe_cell(v) for k, v in flat_row(article_id, article).items()})
        n += 1
    return n


def write_records_csv(rows: list[dict[str, Any]], out: IO[str], columns: Sequence[str] = ()) -> int:
    """Listing rows (quotes, figures, entities …) as CSV; lists and objects become JSON text.
    ``columns`` heads a file without rows (else it has no header: nothing to name)."""
    fields = list(rows[0]) if rows else list(columns)
    if not fields:
        return 0
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: safe_cell(json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                for k, v in row.items()
            }
        )
    return len(rows)


#: A text cell starting with one of these is a formula to a spreadsheet ("=HYPERLINK(…)").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: a leading quote before what would start a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_parquet(rows: Iterable[tuple[int, Article]], path: str, batch_size: int = 1000) -> int:
    """Write flat rows to a Parquet file in batches (needs pyarrow: ``pip install pyarrow``)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RuntimeError("Parquet export needs pyarrow: pip install 'newsdesk[parquet]'") from exc
    schema = pa.schema([(c, pa.int64() if c == "id" else pa.string()) for c in COLUMNS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        batch: list[dict[str, Any]] = []
        for article_id, article in rows:
            batch.append(flat_row(article_id, article))
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n
