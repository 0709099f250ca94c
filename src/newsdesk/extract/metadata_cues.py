"""Metadata read from lines around and inside the story (tags, related links, copyright holder,
date line, byline, caption, dateline): shared by the HTML and the scraped-text paths."""

from __future__ import annotations

from ..model import Image, RelatedLink
from . import cues
from .line_measures import word_count
from .result import Metadata


def collect_cue(line: str, reason: str, meta: Metadata) -> None:
    """Keep what a dropped furniture line tells: tags, a related link, the copyright holder."""
    if reason == "tags":
        meta.tags = meta.tags or cues.parse_tags(line)
    elif reason == "related link":
        title = cues.parse_related(line)
        if title:
            meta.related.append(RelatedLink(title=title))
    elif reason in ("copyright", "legal notice") and not meta.publisher:
        meta.publisher = cues.parse_copyright_holder(line)


def collect_outside_cue(line: str, meta: Metadata, before_story: bool) -> None:
    if not before_story:
        return
    if not meta.published and word_count(line) <= 12:
        meta.published = cues.parse_date(line)
    if not meta.authors:
        meta.authors = cues.parse_byline(line)
        meta.agency = meta.agency or cues.byline_agency(line)
    if meta.image is None and (credit := cues.split_caption_credit(line)):
        meta.image = Image(caption=credit[0], credit=credit[1])


def fill_from_body(meta: Metadata, paragraphs: list[str]) -> None:
    """Dateline and agency from the first paragraph; agency from the image credit."""
    if paragraphs and not meta.dateline:
        found = cues.parse_dateline(paragraphs[0])
        if found:
            meta.dateline, agency = found
            meta.agency = meta.agency or agency
    if not meta.agency and meta.image and meta.image.credit:
        meta.agency = cues.agency_from_name(meta.image.credit)
