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

from lxml import etree
from lxml.html import HtmlElement

from ..errors import DocumentTimeout
from ..model import Image
from . import cues
from .published import labelled_date, normalise_published, stamped_date, weekday_dated
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
#: How far after ``document.write(`` a written date is looked for.
SCRIPT_DATE_CHARS = 200


def html_metadata(tree: HtmlElement, url: str | None = None) -> Metadata:
    """Everything the markup says about the article."""
    meta = Metadata()
    meta.published = _time_element(tree)
    _from_json_ld(tree, meta)
    tags = _meta_index(tree)
    meta.published = meta.published or _publication_date(tree, tags, url)
    _from_meta_tags(tags, tree, meta)
    _from_page(tree, meta)
    if url and not meta.canonical_url:
        meta.canonical_url = url
    return meta


#: Characters of a page's visible text read for its printed date (the top of the page holds it).
VISIBLE_CHARS = 200_000
_INVISIBLE = frozenset({"script", "style", "noscript", "template"})


def _visible_text(tree: HtmlElement) -> str:
    """The page's text outside scripts, styles and comments, white space collapsed, in order."""
    bodies = tree.xpath("//body")
    pieces: list[str] = []
    size = 0
    for event, element in etree.iterwalk(bodies[0] if bodies else tree, events=("start", "end")):
        hidden = not isinstance(element.tag, str) or element.tag in _INVISIBLE  # comments have no str tag
        piece = element.text if event == "start" and not hidden else element.tail if event == "end" else None
        if piece:
            pieces.append(piece)
            size += len(piece)
            if size > VISIBLE_CHARS:
                break
    return " ".join(" ".join(pieces).split())[:VISIBLE_CHARS]


def _copyright_year(text: str) -> int | None:
    """The year of the page's copyright line ("© 2008 CanWest"), a hint for dates given without one."""
    found = re.search(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)", text, re.I)
    return int(found.group(1)) if found else None


#: Characters of visible text after the headline (and before it) where the page prints its date.
HEADLINE_DATE_AFTER, HEADLINE_DATE_BEFORE = 300, 120


def _date_by_headline(tree: HtmlElement, visible: str) -> str | None:
    """A full date printed right under (or over) the page's <h1>: "9th January 2008, 16:23 WST"."""
    h1 = tree.xpath("//h1")
    headline = " ".join(h1[0].text_content().split()) if h1 else ""
    at = visible.find(headline) if len(headline) >= 10 else -1
    if at < 0:
        return None
    after = visible[at + len(headline) : at + len(headline) + HEADLINE_DATE_AFTER]
    before = visible[max(0, at - HEADLINE_DATE_BEFORE) : at]
    return normalise_published(cues.parse_date(after) or cues.parse_date(before))


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


def _publication_date(tree: HtmlElement, tags: dict[str, list[str]], url: str | None) -> str | None:
    """The date the page declares or shows as its publication, in order of trust.

    Declared dates first; then what a reader sees: the date the page labels "Published:" in its
    visible text, or a full date printed by the headline; only then a bare <meta name="date">
    (often when the page was served) and htmldate's fast search, which also reads dates in
    links and image paths (a photo filed the day before); last, a time stamp with a North
    American zone anywhere in the text ("01/09 00:17:25 ET"), or a full date with its weekday
    ("Tuesday, Jan. 15, 2008", often in a photo caption). htmldate's extensive search
    (dateparser on every date-like string) is not used: 0.19 s a page, twice the extraction time.
    """
    for key in ("article:published_time", "datePublished", "pubdate", "publishdate", "dc.date", "dc.date.issued"):
        found = normalise_published(_meta(tags, key))
        if found:
            return found
    visible = _visible_text(tree)  # once: the walk over the page is the costly part
    year = _copyright_year(visible)
    return (
        labelled_date(visible, year)
        or _date_by_headline(tree, visible)
        or normalise_published(_meta(tags, "date"))
        or _fast_search(tree, url)
        or _written_by_script(tree)
        or normalise_published(stamped_date(visible, year))
        or normalise_published(weekday_dated(visible, year))
    )


#: A date a page's own script writes into it ("document.write(stamp('January 2, 2008 -- Updated …'))").
_SCRIPT_WRITE = re.compile(r"document\.write(?:ln)?\s*\(")


def _written_by_script(tree: HtmlElement) -> str | None:
    """The first full date in an inline script that writes the page (old CMSes printed their
    time stamps with ``document.write``): a reader sees it, though the markup only holds the script."""
    for script in tree.xpath("//body//script[not(@src)]"):
        code = script.text or ""
        writes = _SCRIPT_WRITE.search(code)
        if writes:
            found = normalise_published(cues.parse_date(code[writes.end() : writes.end() + SCRIPT_DATE_CHARS]))
            if found:
                return found
    return None


def _fast_search(tree: HtmlElement, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        return normalise_published(find_date(tree, url=url, extensive_search=False, original_date=True))
    except DocumentTimeout:
        raise  # the document's time is up: not a date search that failed
    except Exception as exc:
        log.debug("htmldate failed: %s", exc)
        return None


def _from_meta_tags(tags: dict[str, list[str]], tree: HtmlElement, meta: Metadata) -> None:
    meta.title = meta.title or _meta(tags, "og:title", "twitter:title")
    meta.subtitle = meta.subtitle or _meta(tags, "og:description", "description", "twitter:description")
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


def _from_page(tree: HtmlElement, meta: Metadata) -> None:
    """Last resort: the <title>/<h1> for the headline."""
    if not meta.title:
        h1 = tree.xpath("//h1")
        title = " ".join(h1[0].text_content().split()) if h1 else ""
        if not title:
            title = " ".join((tree.findtext(".//title") or "").split())
        meta.title = title or None
