"""WARC archives → tasks with FastWARC, the cheap filters of a crawl applied before extraction.

A crawl's WARC holds requests, redirects, error pages, images and the same page fetched twice.
Only ``response`` records with status 200 and an HTML type become tasks with bytes; the rest are
counted by reason (``dropped``), never silently lost. A page that declares a language the
run does not want, or that repeats a payload already seen in the same archive, becomes a
skipped task: it is recorded under its key with the reason. Each record is read on its own: a
record that cannot be read fails alone, and damage that ends the archive is reported with the
offset after which nothing could be read.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections import Counter
from collections.abc import Iterator

from ..extract.decode import charset_of
from ..model import RawDocument
from .readers import Task, printable

#: HTML media types; anything else a crawler stored (images, scripts, PDFs) is no article.
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: How far into a page its <html lang> is looked for.
_LANG_PEEK = 4096
_HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.I)


def warc_tasks(
    location: str,
    key_prefix: str,
    max_bytes: int,
    languages: frozenset[str] = frozenset(),
    dropped: Counter[str] | None = None,
) -> Iterator[Task]:
    """Tasks for the HTML pages of the WARC at ``location`` (a path, .gz or not), keyed
    ``key_prefix#offset``. ``languages`` (two-letter codes), when given, keeps pages that declare
    one of them or declare none. Records that are no page are counted by reason in ``dropped``."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    dropped = dropped if dropped is not None else Counter()
    payloads: set[str] = set()  # sha256 of every payload met so far in this archive
    offset = 0
    try:
        records = ArchiveIterator(location, record_types=WarcRecordType.response, parse_http=True, fsspec_args=False)
        for record in records:
            offset = record.stream_pos
            key = f"{key_prefix}#{offset}"
            try:
                task = _task(record, key, max_bytes, languages, payloads, dropped)
            except Exception as exc:  # this record only: the archive goes on
                task = Task(key, error=printable(f"unreadable WARC record: {type(exc).__name__}: {exc}"))
            if task is not None:
                yield task
    except Exception as exc:  # damaged headers or compression: what follows cannot be found again
        yield Task(
            f"{key_prefix}#{offset}",
            error=printable(f"damaged WARC after offset {offset}: {type(exc).__name__}: {exc}"),
        )


def _task(
    record,  # type: ignore[no-untyped-def]  # fastwarc's WarcRecord (compiled, untyped)
    key: str,
    max_bytes: int,
    languages: frozenset[str],
    payloads: set[str],
    dropped: Counter[str],
) -> Task | None:
    status = record.http_headers.status_code if record.http_headers is not None else None
    if status != 200:
        dropped[f"http status {status}" if status else "no http response"] += 1
        return None
    media_type = (record.http_content_type or "").lower()
    if not media_type.startswith(_HTML_TYPES):
        dropped[f"not html: {media_type or 'no type'}"] += 1
        return None
    if record.headers.get("WARC-Truncated"):
        return Task(key, error=f"truncated record: the crawler cut it ({record.headers.get('WARC-Truncated')})")
    data = record.reader.read(max_bytes + 1)
    # FastWARC gives what there is of a record cut short: the stated length tells
    if len(data) <= max_bytes and len(data) < record.content_length:
        return Task(
            key, error=f"truncated record: {record.content_length - len(data)} bytes of its stated length are missing"
        )
    data = _decoded(data, record.http_headers, max_bytes)
    if len(data) > max_bytes:
        limit = f"{max_bytes / 1e6:.1f} MB"
        return Task(key, error=f"InputTooLarge: a WARC record over {limit} (setting max_document_bytes)")
    declared = _declared_language(record, data)
    if languages and declared and declared not in languages:
        return Task(key, skip=f"language {declared} not wanted", size=len(data))
    digest = hashlib.sha256(data).hexdigest()
    if digest in payloads:
        return Task(key, skip="exact duplicate of an earlier page in this WARC", size=len(data))
    payloads.add(digest)
    raw = RawDocument(
        data,
        url=record.headers.get("WARC-Target-URI"),
        http_charset=charset_of(record.http_headers.get("Content-Type", "")),
        fetched_at=record.headers.get("WARC-Date"),
    )
    return Task(key, raw, size=len(data))


def _decoded(data: bytes, headers, max_bytes: int) -> bytes:  # type: ignore[no-untyped-def]
    """The payload as the server meant it: chunks joined, compression undone (at most
    ``max_bytes + 1`` bytes). Common Crawl stores payloads decoded already; other crawlers do not."""
    if "chunked" in (headers.get("Transfer-Encoding") or "").lower():
        data = _unchunked(data)
    coding = (headers.get("Content-Encoding") or "").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        window = zlib.MAX_WBITS | 32 if coding != "deflate" else zlib.MAX_WBITS  # 32: gzip or zlib header
        for bits in (window, -zlib.MAX_WBITS):  # then raw deflate, which some servers send as "deflate"
            try:
                return zlib.decompressobj(bits).decompress(data, max_bytes + 1)
            except zlib.error:
                continue
        return data  # stored decoded under a header that says otherwise: the decoder judges it
    return data  # other codings (br, zstd) are left to the decoder, which says the bytes are binary


def _unchunked(data: bytes) -> bytes:
    """HTTP/1.1 chunked transfer coding undone; what cannot be read as chunks is kept as it is."""
    pieces: list[bytes] = []
    at = 0
    while True:
        line_end = data.find(b"\r\n", at)
        try:
            size = int(data[at:line_end].split(b";")[0], 16) if line_end >= 0 else -1
        except ValueError:
            size = -1
        if size < 0:  # cut short, or no chunks after all: the chunks read so far, else the bytes
            return b"".join(pieces) if pieces else data
        if size == 0:
            return b"".join(pieces)
        pieces.append(data[line_end + 2 : line_end + 2 + size])
        at = line_end + 2 + size + 2


def _declared_language(record, data: bytes) -> str | None:  # type: ignore[no-untyped-def]
    """The page's language as its HTTP header or its <html lang> declares it (two letters), or None."""
    header = (record.http_headers.get("Content-Language") or "").strip()
    if header:
        return header.split(",")[0].strip()[:2].lower() or None
    found = _HTML_LANG.search(data[:_LANG_PEEK])
    return found.group(1)[:2].decode("ascii").lower() if found else None
