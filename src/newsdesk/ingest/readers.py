"""Inputs → tasks, lazily: files, folders, globs, JSON Lines, WARC archives and URL lists.

A task carries the bytes (or, for a URL, only the URL: it is fetched in a worker) and a
``key`` that names where it came from (``path``, ``path#offset`` for a WARC record,
``path:line`` for JSON Lines, the URL). The store remembers ``(key, sha256)`` of every input,
which is what makes a rerun resume instead of repeating work.
"""

from __future__ import annotations

import glob
import gzip
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..extract.decode import charset_of
from ..model import RawDocument

DOCUMENT_SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".html.gz", ".htm.gz", ".txt.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
_ALL = DOCUMENT_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES


@dataclass(frozen=True, slots=True)
class Task:
    """One document to process: bytes already read, or a URL for a worker to fetch."""

    key: str
    raw: RawDocument | None = None
    fetch_url: str | None = None
    error: str | None = None  # the input could not even be read: reported, never dropped
    size: int = 0  # bytes of input this task accounts for, for progress and ETA


def total_bytes(paths: Iterable[str]) -> int:
    """Bytes of all input files named (what progress counts towards)."""
    total = 0
    for path in expand(paths):
        try:
            total += path.stat().st_size
        except OSError:
            pass
    return total


def expand(paths: Iterable[str]) -> Iterator[Path]:
    """Files named directly, files under folders (recursively, known suffixes), glob matches."""
    for name in paths:
        if any(ch in name for ch in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            yield from (Path(m) for m in matches if Path(m).is_file())
            continue
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(_ALL))
        else:
            yield path


def tasks_from_paths(paths: Iterable[str], max_bytes: int) -> Iterator[Task]:
    """Tasks for every document in the named files, folders and globs."""
    for path in expand(paths):
        name = path.name.lower()
        try:
            if name.endswith(WARC_SUFFIXES):
                yield from _warc_tasks(path)
            elif name.endswith(JSONL_SUFFIXES):
                yield from _jsonl_tasks(path)
            else:
                size = path.stat().st_size
                if size > max_bytes:
                    yield Task(str(path), error=f"InputTooLarge: {size / 1e6:.1f} MB is over the limit", size=size)
                    continue
                yield Task(str(path), RawDocument(path.read_bytes(), path=str(path)), size=size)
        except (OSError, ValueError) as exc:
            yield Task(str(path), error=f"{type(exc).__name__}: {exc}")


def tasks_from_urls(urls: Iterable[str]) -> Iterator[Task]:
    """One task per URL (blank entries and ``#`` comments skipped)."""
    for line in urls:
        url = line.strip()
        if url and not url.startswith("#"):
            yield Task(url, fetch_url=url)


def read_url_list(path: str) -> Iterator[str]:
    """The lines of a URL list file, lazily."""
    with open(path, encoding="utf-8") as lines:
        yield from lines


def _open(path: Path):  # type: ignore[no-untyped-def]
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else open(path, "rb")


def _jsonl_tasks(path: Path) -> Iterator[Task]:
    with _open(path) as lines:
        for number, line in enumerate(lines, 1):
            key = f"{path}:{number}"
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                body = record.get("html") if record.get("html") is not None else record.get("text")
                if not isinstance(body, str):
                    raise ValueError("needs an 'html' or 'text' string")
            except (ValueError, AttributeError) as exc:
                yield Task(key, error=f"bad JSON line: {exc}", size=len(line))
                continue
            url = record.get("url") if isinstance(record.get("url"), str) else None
            raw = RawDocument(body.encode("utf-8"), url=url or None, path=str(path), http_charset="utf-8")
            yield Task(key, raw, size=len(line))


def _warc_tasks(path: Path) -> Iterator[Task]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        position = 0
        for record in records:
            if record.rec_type != "response":
                continue
            content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            if "html" not in content_type.lower():
                continue
            try:
                data = record.content_stream().read()
            except Exception as exc:  # a truncated record must not end the archive
                yield Task(f"{path}#{records.get_record_offset()}", error=f"unreadable WARC record: {exc}")
                continue
            consumed, position = stream.tell() - position, stream.tell()
            key = f"{path}#{records.get_record_offset()}"  # after the read: warcio's offset needs it
            yield Task(
                key,
                RawDocument(
                    data,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    path=str(path),
                    http_charset=charset_of(content_type),
                    fetched_at=record.rec_headers.get_header("WARC-Date"),
                ),
                size=consumed,
            )
