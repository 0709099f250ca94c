"""The extraction stages: decoded source (HTML or scraped text) → clean text and metadata."""

from __future__ import annotations

import dataclasses

from ..errors import Skip
from ..model import Article, Removed, Span
from ..pipeline import Stage
from .assemble import assemble
from .html import TOO_DEEP, extract_html
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
            why = [r.reason for r in article.removed if r.reason == TOO_DEEP]  # say what we could not read
            raise Skip(f"no article text found: {why[0]}" if why else "no article text found")
        return article


class CapText:
    """Keep at most ``max_chars`` of article text, cut at the last paragraph end before the cap
    (else at a space), with the cut recorded in ``removed``: a 200,000-link page or a book
    pasted into one page must not cost every later stage, the store and the web page its length."""

    name = "cap-text"
    version = "1"
    requires = frozenset({"text", "blocks", "removed"})
    assigns = frozenset({"text", "blocks", "removed"})

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars

    def __call__(self, article: Article) -> Article:
        text = article.text
        if self.max_chars <= 0 or len(text) <= self.max_chars:
            return article
        ends = [b.span.end for b in article.blocks if b.span.end <= self.max_chars]
        cut = ends[-1] if ends and ends[-1] >= self.max_chars // 2 else text.rfind(" ", 0, self.max_chars)
        cut = cut if cut > 0 else self.max_chars
        dropped = len(text) - cut
        note = Removed(
            text=text[cut : cut + 200].strip() + " …",
            reason=f"article text over {self.max_chars:,} characters: the last {dropped:,} cut "
            "(setting max_article_chars)",
        )
        blocks = tuple(
            b if b.span.end <= cut else dataclasses.replace(b, span=Span(b.span.start, cut))
            for b in article.blocks
            if b.span.start < cut
        )
        return dataclasses.replace(article, text=text[:cut].rstrip(), blocks=blocks, removed=(*article.removed, note))


def extraction_stages(max_article_chars: int = 0) -> list[Stage]:
    """The default stages that turn a decoded document into an Article; text past
    ``max_article_chars`` (when over 0) is cut."""
    stages: list[Stage] = [ExtractStage(), RequireText()]
    if max_article_chars > 0:
        stages.append(CapText(max_article_chars))
    return stages
