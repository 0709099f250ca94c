"""The one library path from a document to an Article: ``extract`` and ``analyze``.

``document_timeout`` means the same everywhere: the seconds one document may take from its bytes
to a finished Article, decoding, extraction and (with facts) analysis together. Fetching a URL is
bounded by ``fetch_timeout`` instead. ``newsdesk extract``, ``newsdesk ingest`` and notebooks
all go through here.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib

from .analyze import analysis_stages
from .extract.decode import decode
from .extract.stages import extraction_stages
from .limits import time_limit
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
    data: bytes | str | RawDocument,
    url: str | None = None,
    *,
    facts: bool = False,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> Article:
    """Extract the clean article text and metadata from HTML or scraped text.

    ``data`` is the document's bytes, its text, or a ``RawDocument`` (as the readers make them).
    With ``facts=True`` the analysis stages run too: dates resolved against the publication
    date, figures, entities, and quotes with their speakers. Raises an ``InputError`` subclass
    for input that is not a document (``DocumentTimeout`` past ``document_timeout``), and
    ``Skip`` when no article text is found.
    """
    settings = settings or Settings.load()
    if isinstance(data, RawDocument):
        raw = dataclasses.replace(data, url=url) if url else data
    elif isinstance(data, str):
        raw = RawDocument(data.encode("utf-8"), url=url, http_charset="utf-8")
    else:
        raw = RawDocument(data, url=url)
    pipeline = pipeline or default_pipeline(facts, settings)  # models load here, outside the time limit
    with time_limit(settings.document_timeout):
        article = pipeline.run(article_from_raw(raw, settings))
    return release(article)


@functools.cache
def default_pipeline(facts: bool = True, settings: Settings | None = None) -> Pipeline:
    """Extraction stages, followed by the analysis stages when ``facts`` is true (built once each)."""
    settings = settings or Settings.load()
    return Pipeline(extraction_stages(settings.max_article_chars) + (analysis_stages(settings) if facts else []))


def analyze(article: Article, settings: Settings | None = None) -> Article:
    """Run the analysis stages (dates, figures, entities, quotes) on an already extracted Article."""
    settings = settings or Settings.load()
    pipeline = analysis_pipeline(settings)
    with time_limit(settings.document_timeout):
        return release(pipeline.run(article))


@functools.cache
def analysis_pipeline(settings: Settings | None = None) -> Pipeline:
    """The analysis stages alone, for articles that are already extracted (built once)."""
    provided = [f.name for f in dataclasses.fields(Article) if f.name != "parsed"]
    return Pipeline(analysis_stages(settings), provided=provided)


def analyzer_version(settings: Settings | None = None) -> str:
    """The analysis stages with their versions ("dates@2,figures@2,…"), stored with each article's facts."""
    return ",".join(analysis_pipeline(settings).names)


def release(article: Article) -> Article:
    """The Article without its parse: the spaCy Doc is for the stages, ~100 KB an article."""
    return dataclasses.replace(article, parsed=None) if article.parsed is not None else article
