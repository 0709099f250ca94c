"""Extraction → Article: join blocks into the clean text and record each block's span."""

from __future__ import annotations

import dataclasses

from ..model import Article, Block, Span
from .published import normalise_published
from .result import Extraction

#: Blocks are separated by a blank line in ``Article.text``.
BLOCK_SEPARATOR = "\n\n"


def assemble(article: Article, extraction: Extraction) -> Article:
    """A new Article carrying the extraction's text, blocks, removed parts and metadata."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for kind, text in extraction.blocks:
        if parts:
            offset += len(BLOCK_SEPARATOR)
        blocks.append(Block(kind, Span(offset, offset + len(text))))
        parts.append(text)
        offset += len(text)
    meta = extraction.metadata
    return dataclasses.replace(
        article,
        text=BLOCK_SEPARATOR.join(parts),
        blocks=tuple(blocks),
        removed=tuple(extraction.removed),
        title=meta.title,
        subtitle=meta.subtitle,
        authors=tuple(dict.fromkeys(meta.authors)),
        published=normalise_published(meta.published, article.origin.fetched_at),
        modified=meta.modified,
        publisher=meta.publisher,
        canonical_url=meta.canonical_url,
        language=meta.language,
        section=meta.section,
        tags=tuple(dict.fromkeys(meta.tags)),
        image=meta.image,
        dateline=meta.dateline,
        agency=meta.agency,
        related=tuple(dict.fromkeys(meta.related)),
    )
