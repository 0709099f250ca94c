"""The extraction stages: decoded source (HTML or scraped text) → clean text and metadata."""

from __future__ import annotations

from ..errors import Skip
from ..model import Article
from ..pipeline import Stage
from .assemble import assemble
from .html import extract_html
from .line_measures import WORD
from .text import extract_text

_EXTRACTED = frozenset(
    {
        "text",
        "blocks",
        "removed",
        "title",
        "subtitle",
        "authors",
        "published",
        "modified",
        "publisher",
        "canonical_url",
        "language",
        "section",
        "tags",
        "image",
        "dateline",
        "agency",
        "related",
    }
)


class ExtractStage:
    """Pick the HTML or the scraped-text extractor by the sniffed content type."""

    name = "extract"
    version = "1"
    requires = frozenset({"source", "origin"})
    assigns = _EXTRACTED

    def __call__(self, article: Article) -> Article:
        if article.origin.content_type == "html":
            extraction = extract_html(article.source, article.origin.url)
        else:
            extraction = extract_text(article.source)
        return assemble(article, extraction)


#: Fewer words than this is no article.
MIN_WORDS = 1


class RequireText:
    """Drop articles whose body came out empty, so they are counted, not stored blank."""

    name = "require-text"
    version = "1"
    requires = frozenset({"text"})
    assigns: frozenset[str] = frozenset()

    def __call__(self, article: Article) -> Article:
        if len(WORD.findall(article.text)) < MIN_WORDS:
            raise Skip("no article text found")
        return article


def extraction_stages() -> list[Stage]:
    """The default stages that turn a decoded document into an Article."""
    return [ExtractStage(), RequireText()]
