"""The notebook-facing functions: ``extract`` one document, ``read`` a RawDocument."""

from __future__ import annotations

import hashlib

from .extract.stages import extraction_stages
from .ingest.decode import decode
from .model import Article, Origin, RawDocument
from .pipeline import Pipeline
from .settings import Settings


def article_from_raw(raw: RawDocument, settings: Settings | None = None) -> Article:
    """Decode a RawDocument into an Article that holds only its source and origin."""
    settings = settings or Settings.load()
    decoded = decode(raw.data, raw.http_charset, settings.max_document_bytes)
    origin = Origin(
        url=raw.url,
        path=raw.path,
        fetched_at=raw.fetched_at,
        content_type=decoded.content_type,
        encoding=decoded.encoding,
        sha256=hashlib.sha256(raw.data).hexdigest(),
    )
    return Article(source=decoded.text, origin=origin)


def extract(
    data: bytes | str,
    url: str | None = None,
    *,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> Article:
    """Extract the clean article text and metadata from HTML or scraped text (bytes or str).

    Raises an ``InputError`` subclass for input that is not a document, and ``Skip`` when no
    article text is found.
    """
    raw_bytes = data.encode("utf-8") if isinstance(data, str) else data
    raw = RawDocument(raw_bytes, url=url, http_charset="utf-8" if isinstance(data, str) else None)
    article = article_from_raw(raw, settings)
    return (pipeline or Pipeline(extraction_stages())).run(article)
