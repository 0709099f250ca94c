"""Metadata from markup: JSON-LD first, then OpenGraph and meta tags, then the page itself.

JSON-LD is preferred because it carries full date-times with zones and typed authors; the
<h1>/<title> and htmldate's fast date search fill what the page's declarations leave empty.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from ..model import Image
from .published import labelled_date, normalise_published
from .result import Metadata

_ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "webpage",
    "report",
    "liveblogposting",
}
log = logging.getLogger(__name__)


def html_metadata(tree: HtmlElement, url: str | None = None) -> Metadata:
    """Everything the markup says about the article."""
    meta = Metadata()
    meta.published = _time_element(tree)
    _from_json_ld(tree, meta)
    _from_meta_tags(tree, meta)
    _from_page(tree, url, meta)
    if url and not meta.canonical_url:
        meta.canonical_url = url
    return meta


def _visible_text(tree: HtmlElement) -> str:
    """The page's text outside scripts, styles and comments, white space collapsed."""
    pieces = tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(" ".join(str(piece) for piece in pieces).split())


def _copyright_year(text: str) -> int | None:
    """The year of the page's copyright line ("© 2008 CanWest"), a hint for dates given without one."""
    found = re.search(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)", text, re.I)
    return int(found.group(1)) if found else None


def _time_element(tree: HtmlElement) -> str | None:
    """``<time pubdate datetime=…>`` or an element marked ``itemprop="datePublished"``."""
    for element in tree.xpath('//time[@pubdate][@datetime] | //*[@itemprop="datePublished"]'):
        found = normalise_published(element.get("datetime") or element.get("content"))
        if found:
            return found
    return None


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _types(item: dict[str, Any]) -> set[str]:
    kind = item.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name"))
    if isinstance(value, list) and value:
        return _name(value[0])
    return None


def _from_json_ld(tree: HtmlElement, meta: Metadata) -> None:
    for item in _json_ld_objects(tree):
        if not _types(item) & _ARTICLE_TYPES:
            continue
        meta.title = meta.title or _name(item.get("headline"))
        meta.subtitle = meta.subtitle or _name(item.get("description"))
        meta.published = meta.published or normalise_published(_name(item.get("datePublished")))
        meta.modified = meta.modified or _name(item.get("dateModified"))
        meta.section = meta.section or _name(item.get("articleSection"))
        meta.language = meta.language or _name(item.get("inLanguage"))
        meta.publisher = meta.publisher or _name(item.get("publisher"))
        meta.canonical_url = meta.canonical_url or _name(item.get("url"))
        if not meta.authors:
            authors = item.get("author") or []
            for author in authors if isinstance(authors, list) else [authors]:
                name = _name(author)
                if name and name not in meta.authors:
                    meta.authors.append(name)
        keywords = item.get("keywords")
        if keywords and not meta.tags:
            meta.tags = [
                k.strip()
                for k in (keywords.split(",") if isinstance(keywords, str) else keywords)
                if isinstance(k, str) and k.strip()
            ]
        image = item.get("image")
        if image and meta.image is None:
            image_obj = image[0] if isinstance(image, list) and image else image
            url = image_obj.get("url") if isinstance(image_obj, dict) else image_obj
            caption = image_obj.get("caption") if isinstance(image_obj, dict) else None
            if isinstance(url, str):
                meta.image = Image(url=url, caption=caption if isinstance(caption, str) else None)


def _meta_index(tree: HtmlElement) -> dict[str, list[str]]:
    """Every non-empty ``<meta>`` content by its lower-cased property, name or itemprop (one pass)."""
    index: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (element.get(attr) or "").strip().lower()
            if key:
                index.setdefault(key, []).append(content)
    return index


def _meta(index: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        values = index.get(key.lower())
        if values:
            return values[0]
    return None


def _from_meta_tags(tree: HtmlElement, meta: Metadata) -> None:
    tags = _meta_index(tree)
    meta.title = meta.title or _meta(tags, "og:title", "twitter:title")
    meta.subtitle = meta.subtitle or _meta(tags, "og:description", "description", "twitter:description")
    for key in ("article:published_time", "datePublished", "pubdate", "publishdate", "dc.date", "dc.date.issued"):
        meta.published = meta.published or normalise_published(_meta(tags, key))
    if not meta.published:
        # what the page shows as its date ("Published: Friday, January 18, 2008") before a bare
        # <meta name="date">, which is often when the page was served
        visible = _visible_text(tree)[:200_000]
        meta.published = labelled_date(visible, _copyright_year(visible))
    meta.published = meta.published or normalise_published(_meta(tags, "date"))
    meta.modified = meta.modified or _meta(tags, "article:modified_time", "dateModified", "og:updated_time")
    meta.publisher = meta.publisher or _meta(tags, "og:site_name", "application-name")
    meta.section = meta.section or _meta(tags, "article:section")
    meta.language = meta.language or (tree.get("lang") or "").strip() or _meta(tags, "og:locale", "language")
    if not meta.tags:
        meta.tags = list(tags.get("article:tag", []))
    author = _meta(tags, "author", "article:author", "byl")
    if author and not meta.authors and not author.startswith("http"):
        meta.authors = [author.removeprefix("By ").removeprefix("by ").strip()]
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    meta.canonical_url = (
        meta.canonical_url or (str(canonical[0]).strip() if canonical else None) or _meta(tags, "og:url")
    )
    image = _meta(tags, "og:image", "twitter:image")
    if image and meta.image is None:
        meta.image = Image(url=image)


def _from_page(tree: HtmlElement, url: str | None, meta: Metadata) -> None:
    """Last resort: the <title>/<h1> for the headline, htmldate's fast search for the date."""
    if not meta.title:
        h1 = tree.xpath("//h1")
        title = " ".join(h1[0].text_content().split()) if h1 else ""
        if not title:
            title = " ".join((tree.findtext(".//title") or "").split())
        meta.title = title or None
    if not meta.published:
        from htmldate import find_date

        try:
            meta.published = normalise_published(find_date(tree, url=url, extensive_search=False, original_date=True))
            if not meta.published:
                found = find_date(tree, url=url, extensive_search=True, original_date=True)
                # the extensive search answers a bare year with its 1 January: no day the page shows
                meta.published = normalise_published(found) if found and not found.endswith("-01-01") else None
        except Exception as exc:
            log.debug("htmldate failed: %s", exc)
