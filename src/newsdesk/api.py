"""The notebook-facing functions: ``extract`` one document, ``read`` a RawDocument."""

from __future__ import annotations

import dataclasses
import hashlib

from .analyze import analysis_stages
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
    facts: bool = False,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> Article:
    """Extract the clean article text and metadata from HTML or scraped text (bytes or str).

    With ``facts=True`` the analysis stages run too: dates resolved against the publication
    date, figures, entities, and quotes with their speakers. Raises an ``InputError`` subclass
    for input that is not a document, and ``Skip`` when no article text is found.
    """
    raw_bytes = data.encode("utf-8") if isinstance(data, str) else data
    raw = RawDocument(raw_bytes, url=url, http_charset="utf-8" if isinstance(data, str) else None)
    article = article_from_raw(raw, settings)
    return _release((pipeline or default_pipeline(facts, settings)).run(article))


def default_pipeline(facts: bool = True, settings: Settings | None = None) -> Pipeline:
    """Extraction stages, followed by the analysis stages when ``facts`` is true."""
    return Pipeline(extraction_stages() + (analysis_stages(settings) if facts else []))


def analyze(article: Article, settings: Settings | None = None) -> Article:
    """Run the analysis stages (dates, figures, entities, quotes) on an already extracted Article."""
    return _release(analysis_pipeline(settings).run(article))


def analysis_pipeline(settings: Settings | None = None) -> Pipeline:
    """The analysis stages alone, for articles that are already extracted."""
    provided = [f.name for f in dataclasses.fields(Article) if f.name != "parsed"]
    return Pipeline(analysis_stages(settings), provided=provided)


def _release(article: Article) -> Article:
    # The spaCy Doc is only for the stages; kept on every Article it would hold ~100 KB each.
    return dataclasses.replace(article, parsed=None) if article.parsed is not None else article
