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
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputTooLarge
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
    skip: str | None = None  # a cheap filter dropped it before extraction (why, as Skip reasons are)
    size: int = 0  # bytes of input this task accounts for, for progress and ETA
    given: tuple[tuple[str, Any], ...] = ()  # what the input says of the article: id, title, published, …


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
    """Files named directly, regular files under folders (recursively, known suffixes) and glob
    matches; symbolic links to folders are not followed (a link loop would repeat the work)."""
    for name in paths:
        if any(ch in name for ch in "*?["):
            matches = sorted(glob.glob(name, recursive=True))
            yield from (Path(m) for m in matches if _regular(Path(m)))
            continue
        path = Path(name)
        if path.is_dir():
            found = (
                Path(folder, file)
                for folder, _, files in os.walk(path)  # followlinks=False: no loops through links
                for file in files
                if file.lower().endswith(_ALL)
            )
            yield from sorted(p for p in found if _regular(p))
        else:
            yield path


def _regular(path: Path) -> bool:
    """A regular file (a device, a pipe or a socket matched by a glob is not read)."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file, a device or a pipe, reading at most ``max_bytes + 1`` of them: the
    size a file system reports is 0 for ``/dev/zero`` and for pipes, so it is not trusted."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)  # a pipe with no writer must not hang open()
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as stream:
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)  # once open, wait for a writer's bytes as usual
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(f"more than {max_bytes / 1e6:.1f} MB is over the limit (setting max_document_bytes)")
    return data


def tasks_from_paths(paths: Iterable[str], max_bytes: int) -> Iterator[Task]:
    """Tasks for every document in the named files, folders and globs. A file that cannot be
    read, or a container that is damaged part way, becomes a failed task naming where; the
    records before it are kept and the other files go on."""
    for given in paths:
        found = False
        for path in expand([given]):
            found = True
            yield from _file_tasks(path, max_bytes)
        if not found:  # a glob or a folder that names nothing is said, not silently skipped
            what = "the pattern matches no file" if any(ch in given for ch in "*?[") else "no file of a known kind"
            yield Task(given, error=f"NoInput: {what} ({', '.join(_ALL)})")


def _file_tasks(path: Path, max_bytes: int) -> Iterator[Task]:
    """The tasks of one file (one document, or the records of an archive)."""
    name = path.name.lower()
    try:
        if name.endswith(WARC_SUFFIXES):
            yield from _warc_tasks(path, max_bytes)
        elif name.endswith(JSONL_SUFFIXES):
            yield from _jsonl_tasks(path, max_bytes)
        else:
            data = read_capped(path, max_bytes)
            yield Task(str(path), RawDocument(data, path=str(path)), size=len(data))
    except InputTooLarge as exc:
        yield Task(str(path), error=f"InputTooLarge: {exc}")
    except Exception as exc:  # a damaged file is reported by name; the batch goes on
        yield Task(str(path), error=printable(f"{type(exc).__name__}: {exc}"))


def printable(message: str, limit: int = 300) -> str:
    """An error message fit for a terminal and a log line: no control bytes, no binary, short."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in message.replace("\n", " "))
    return cleaned if len(cleaned) <= limit else cleaned[: limit - 1] + "…"


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


def _bounded_lines(stream: IO[bytes], max_bytes: int) -> Iterator[tuple[bytes | None, int]]:
    """``(line, size)`` for each line, reading no line past ``max_bytes``: a longer one is
    skipped in pieces and given as ``(None, size)``, so one giant record never sits in memory."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line, len(line)
            continue
        size = len(line)
        while True:  # the rest of the giant line, a piece at a time
            piece = stream.readline(1 << 20)
            size += len(piece)
            if not piece or piece.endswith(b"\n"):
                break
        yield None, size


def _jsonl_tasks(path: Path, max_bytes: int) -> Iterator[Task]:
    with _open(path) as stream:
        number = 0
        try:
            for number, (line, size) in enumerate(_bounded_lines(stream, max_bytes), 1):
                key = f"{path}:{number}"
                if line is None:
                    yield Task(key, error=f"InputTooLarge: a line of {size / 1e6:.1f} MB is over the limit", size=size)
                    continue
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    body = record.get("html") if record.get("html") is not None else record.get("text")
                    if not isinstance(body, str):
                        raise ValueError("needs an 'html' or 'text' string")
                except (ValueError, AttributeError) as exc:
                    yield Task(key, error=printable(f"bad JSON line: {exc}"), size=size)
                    continue
                url = record.get("url") if isinstance(record.get("url"), str) else None
                raw = RawDocument(body.encode("utf-8"), url=url or None, path=str(path), http_charset="utf-8")
                yield Task(key, raw, size=size, given=given_fields(record))
        except (OSError, EOFError, zlib.error) as exc:  # a damaged or truncated gzip stream
            reason = f"damaged after line {number}: {type(exc).__name__}: {exc}"
            yield Task(f"{path}:{number + 1}", error=printable(reason))


#: Fields of a JSON Lines record that win over what extraction finds.
GIVEN_FIELDS = ("id", "title", "published", "publisher", "language")


def given_fields(record: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The record's own metadata (strings; an id may be a number) and whether its text is clean."""
    given: list[tuple[str, Any]] = []
    for name in GIVEN_FIELDS:
        value = record.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and name == "id":
            value = str(value)
        if isinstance(value, str) and value.strip():
            given.append((name, value.strip()))
    if record.get("clean") is True and isinstance(record.get("text"), str) and record.get("html") is None:
        given.append(("clean", True))  # the text is the article as given: no scraped-text cleaning
    return tuple(given)


def _warc_tasks(path: Path, max_bytes: int) -> Iterator[Task]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        position = 0
        offset = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                # warcio ends quietly when the file stops inside a record's first bytes: what is
                # left after the last whole record is a record cut short, and said so
                end, size = getattr(records, "offset", None), os.fstat(stream.fileno()).st_size
                if isinstance(end, int) and end < size:
                    message = f"damaged WARC: {size - end} bytes after offset {end} are no whole record"
                    yield Task(f"{path}#{end}", error=message)
                return
            except Exception as exc:  # damaged headers or gzip: what follows cannot be found again
                where = f"{path}#{offset}"
                yield Task(where, error=printable(f"damaged WARC after offset {offset}: {type(exc).__name__}: {exc}"))
                return
            content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            wanted = record.rec_type == "response" and "html" in content_type.lower()
            try:
                data = record.content_stream().read(max_bytes + 1) if wanted else b""
            except Exception as exc:  # this record only: the archive goes on
                offset = records.get_record_offset()
                yield Task(f"{path}#{offset}", error=printable(f"unreadable WARC record: {type(exc).__name__}: {exc}"))
                continue
            offset = records.get_record_offset()  # after the read: warcio's offset needs it
            key = f"{path}#{offset}"
            try:
                while record.raw_stream.read(1 << 20):  # to its end, a piece at a time: what is left
                    pass  # unread after that says the record was cut short
                missing = getattr(record.raw_stream, "limit", 0)
                if missing:
                    raise ValueError(f"truncated record: {missing} bytes of its stated length are missing")
                if not wanted:
                    continue
                if len(data) > max_bytes:
                    raise InputTooLarge(f"a WARC record over {max_bytes / 1e6:.1f} MB (setting max_document_bytes)")
                if record.rec_headers.get_header("WARC-Truncated"):
                    reason = record.rec_headers.get_header("WARC-Truncated")
                    raise ValueError(f"truncated record: the crawler cut it ({reason})")
            except Exception as exc:  # this record only: the archive goes on
                yield Task(key, error=printable(f"unreadable WARC record: {type(exc).__name__}: {exc}"))
                continue
            consumed, position = stream.tell() - position, stream.tell()
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
