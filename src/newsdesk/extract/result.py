"""What an extractor hands back before it becomes an Article: typed blocks and metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Image, RelatedLink, Removed


@dataclass
class Metadata:
    """Metadata found by one source (markup or text cues); ``None`` means not found."""

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    image: Image | None = None
    dateline: str | None = None
    agency: str | None = None
    related: list[RelatedLink] = field(default_factory=list)


@dataclass
class Extraction:
    """Body blocks as ``(kind, text)`` in reading order, what was dropped, and metadata."""

    blocks: list[tuple[str, str]] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    metadata: Metadata = field(default_factory=Metadata)
