"""HTML page → article body and metadata.

The body comes from readability-lxml (the best anchor on our dev sets), with the lead it left
under the headline put back (headline_gap), and trafilatura's block weighed against it when
readability's holds little of the page's prose (block_choice). News rules on top: figure captions
become the image caption instead of body text, boilerplate blocks (ads, prompts, related links)
are removed by the shared line rules, a leading headline or byline block moves to metadata, and
the note on the writer under the story is dropped.
"""

from __future__ import annotations

import copy
import logging
import re

import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from readability import Document

from ..errors import DocumentTimeout, InputError
from ..model import Image, Removed
from . import cues
from .block_choice import Candidate, Choice, choose, doubtful, page_prose_words
from .boilerplate import is_author_bio, judge_line
from .decode import repair_mojibake
from .headline_gap import lead_under_headline
from .html_blocks import CAPTIONS, element_blocks
from .html_metadata import html_metadata
from .line_measures import normalise_line
from .metadata_cues import collect_cue, fill_from_body
from .result import Extraction, Metadata

log = logging.getLogger(__name__)
# readability logs every failure with its traceback before raising it (a time limit read as a
# crash in the terminal); we catch and report its failures ourselves
logging.getLogger("readability.readability").setLevel(logging.CRITICAL)


# huge_tree: without it libxml2 stops at 256 levels of nesting and everything deeper is lost
# without a word (400 unclosed "<div><p>" kept 252 paragraphs); with it, at 2,048 levels, and
# that loss is said in ``removed``. Parsers are made per page: they are not thread-safe.
TOO_DEEP = "markup nested deeper than 2,048 levels: what lies deeper cannot be read"


def parse_html(html: str) -> tuple[HtmlElement, bool]:
    """Parse a page leniently, and whether it was nested too deep to be read whole; raise
    InputError when nothing can be parsed."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"the HTML cannot be parsed ({exc})") from exc
    too_deep = any("Excessive depth" in error.message for error in parser.error_log)
    _flatten_deep(tree)
    return tree, too_deep


#: Deeper than this (readability and trafilatura walk the tree recursively and fail on about
#: 1,000 levels), the elements on the deep paths are unwrapped: their paragraphs become
#: siblings, as the writer of 2,000 unclosed "<div><p>" meant them, and no text is lost.
MAX_DEPTH = 500
_KEPT = frozenset({"html", "head", "body", "title", "meta"})
# Whether any element lies deeper than MAX_DEPTH (the root is level 1): one step per level over
# the elements above it, in C; walking every element in Python cost 1 ms a page.
_DEEPER_THAN_MAX = etree.XPath("boolean(/" + "/".join(["*"] * (MAX_DEPTH + 1)) + ")")


def _flatten_deep(tree: HtmlElement) -> None:
    """Unwrap the elements over a path deeper than MAX_DEPTH, keeping their text and children.

    Each deep run is replaced, in its parent, by its content in order: every element and string
    moves once (unwrapping one level at a time moved the innermost content once per level, and
    a 4 MB text under 1,000 levels cost minutes and gigabytes).
    """
    if not _DEEPER_THAN_MAX(tree):
        return
    heights: dict[HtmlElement, int] = {}
    for _, element in etree.iterwalk(tree, events=("end",)):  # children before their parent
        heights[element] = 1 + max((heights.get(child, 0) for child in element), default=0)
    unwrapped = {e for e, height in heights.items() if height > MAX_DEPTH // 2 and e.tag not in _KEPT}
    for top in [e for e in unwrapped if e.getparent() is not None and e.getparent() not in unwrapped]:
        _replace_by_content(top, unwrapped)


def _replace_by_content(top: HtmlElement, unwrapped: set[HtmlElement]) -> None:
    """Put ``top``'s content (the unwrapped elements' text, the other elements whole) in its place."""
    pieces: list[str | HtmlElement] = []
    stack: list[str | HtmlElement] = [top]
    while stack:  # depth-first, in document order, without recursion
        item = stack.pop()
        if isinstance(item, str) or item not in unwrapped:
            pieces.append(item)
            continue
        stack.append("" if item is top else (item.tail or ""))  # top's own tail stays its parent's
        stack.extend(reversed([item.text or "", *item]))
    parent = top.getparent()
    index = parent.index(top)
    tail = top.tail or ""
    parent.remove(top)
    previous = parent[index - 1] if index > 0 else None
    texts: list[str] = []

    def flush() -> None:
        nonlocal texts
        joined = "".join(texts)
        texts = []
        if previous is None:
            parent.text = (parent.text or "") + joined
        else:
            previous.tail = (previous.tail or "") + joined

    for piece in pieces:
        if isinstance(piece, str):
            texts.append(piece)
            continue
        flush()
        own_tail, piece.tail = piece.tail, None  # its tail follows it as a string piece
        parent.insert(index, piece)
        index += 1
        previous = piece
        texts.append(own_tail or "")
    texts.append(tail)
    flush()


def extract_html(html: str, url: str | None = None) -> Extraction:
    """Find the article body and metadata in an HTML page."""
    tree, too_deep = parse_html(html)
    result = Extraction(metadata=html_metadata(tree, url))
    if too_deep:
        result.removed.append(Removed("…", TOO_DEEP))
    _caption_from_figure(tree, result.metadata)
    choice = choose_block(tree, url)
    blocks = choice.blocks
    result.blocks = _clean_blocks([(kind, repair_mojibake(text)) for kind, text in blocks], result)
    if result.metadata.title:
        result.metadata.title = repair_mojibake(result.metadata.title)
    fill_from_body(result.metadata, [t for _, t in result.blocks])
    return result


class _ParsedDocument(Document):  # type: ignore[misc]
    """readability's Document on the tree we already parsed.

    readability re-parses the page string and runs lxml's Cleaner on every pass; the Cleaner's
    link rewriting alone was a fifth of our time per page and changes no text. Each pass here gets
    a fresh copy of our tree with what readability's own parse drops (hidden elements, scripts,
    styles). Overrides readability-lxml's ``_parse`` and ``get_link_density`` (pinned <0.10 in
    pyproject.toml).
    """

    def _parse(self, input: HtmlElement) -> HtmlElement:
        doc = copy.deepcopy(input)
        for elem in doc.xpath("//*[@hidden] | //script | //style | //noscript | //link | //template"):
            elem.drop_tree()
        for elem in doc.xpath("//*[@style]"):
            if _DISPLAY_NONE.search(elem.get("style", "")):
                elem.drop_tree()
        return doc

    def get_link_density(self, elem: HtmlElement) -> float:
        """readability's own, on text lengths measured by ``_readability_length``."""
        linked = sum(_readability_length(a) for a in elem.findall(".//a"))
        return linked / max(_readability_length(elem), 1)


_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# readability measures text after its ``clean``: three regex passes over the whole text, one of
# which retries at every blank of a long run of spaces; on pages indented with many spaces it was
# a third of our time. The same result from one pass that touches only the runs to change.
_WHITE_WORK = re.compile(r"\s{2,}|[^\S ]")
_TABS = re.compile(r"\t|[ \t]{2,}")


def _readability_clean_run(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) >= 255:
        return " "  # readability first cuts such runs to 255 spaces, then to one
    if "\n" in run:
        return "\n"
    return _TABS.sub(" ", run)


def _readability_length(element: HtmlElement) -> int:
    """``len(readability.readability.clean(text))`` of the element's text, exactly, faster."""
    return len(_WHITE_WORK.sub(_readability_clean_run, element.text_content() or "").strip())


def choose_block(tree: HtmlElement, url: str | None) -> Choice:
    """The article's blocks: readability's, with the lead it left under the headline, unless the
    page's evidence says another block is the article (block_choice)."""
    blocks, fragment = _readability_blocks(tree, url)
    prose_words = page_prose_words(tree)
    if not doubtful(blocks, prose_words):
        lead = lead_under_headline(tree, blocks)
        return Choice(lead + blocks, "readability+lead" if lead else "readability", doubted=False)
    readability = Candidate("readability", blocks, link_share=_link_share(fragment, blocks))
    return choose(readability, _trafilatura_candidate(tree, url), prose_words)


def _readability_blocks(tree: HtmlElement, url: str | None) -> tuple[list[tuple[str, str]], HtmlElement | None]:
    """readability's blocks, and the fragment they came from (None when readability failed)."""
    try:
        summary = _ParsedDocument(tree, url=url).summary(html_partial=True)
        parser = lxml.html.HTMLParser(remove_comments=True, huge_tree=True)  # per page, as parse_html's
        fragment = lxml.html.fragment_fromstring(summary, create_parent="div", parser=parser)
        _flatten_deep(fragment)
    except Exception as exc:
        _reraise_time_out(exc)  # the document's time is up: never swallowed as a failed candidate
        log.debug("readability failed: %s", exc)
        return [], None
    return element_blocks(fragment, skip=CAPTIONS), fragment


def _reraise_time_out(exc: BaseException) -> None:
    """Raise the DocumentTimeout behind ``exc``, if any: readability wraps every error of its own
    in ``Unparseable``, the time limit too."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return
        if isinstance(seen, DocumentTimeout):
            raise seen
        seen = seen.__cause__ or seen.__context__


def _link_share(fragment: HtmlElement | None, blocks: list[tuple[str, str]]) -> float:
    """The share of the blocks' characters inside links (only needed when readability is doubted)."""
    chars = sum(len(text) for _, text in blocks)
    if fragment is None or not chars:
        return 0.0
    linked = sum(len(" ".join(a.text_content().split())) for a in fragment.iter("a"))
    return min(1.0, linked / chars)


_TRAFILATURA_KINDS = {"head": "heading", "item": "list_item", "quote": "blockquote", "code": "preformatted"}


def _trafilatura_candidate(tree: HtmlElement, url: str | None) -> Candidate:
    import trafilatura

    try:
        # fast: without trafilatura's own fallbacks (readability and jusText), which cost as much
        # again; readability is already the other candidate
        xml = trafilatura.extract(
            tree, url=url, output_format="xml", include_comments=False, include_links=True, fast=True
        )
    except Exception as exc:
        _reraise_time_out(exc)
        log.debug("trafilatura failed: %s", exc)
        return Candidate("trafilatura", [])
    if not xml:
        return Candidate("trafilatura", [])
    root = etree.fromstring(xml.encode("utf-8"))
    blocks: list[tuple[str, str]] = []
    block_links: dict[str, float] = {}
    chars = linked = 0
    main = root.find("main")
    for el in (main if main is not None else root).iter("p", "head", "item", "quote", "code"):
        text = " ".join("".join(el.itertext()).split())
        if not text:
            continue
        links = sum(len(" ".join("".join(ref.itertext()).split())) for ref in el.iter("ref"))
        blocks.append((_TRAFILATURA_KINDS.get(el.tag, "paragraph"), text))
        block_links[text] = links / len(text)
        chars, linked = chars + len(text), linked + links
    return Candidate("trafilatura", blocks, linked / chars if chars else 0.0, block_links)


def _caption_from_figure(tree: HtmlElement, meta: Metadata) -> None:
    """The first figure's caption (split from its credit) becomes the lead image's caption."""
    for figure in tree.xpath("//figure[.//figcaption]")[:1]:
        caption = " ".join(figure.xpath(".//figcaption")[0].text_content().split())
        if not caption:
            continue
        sources = figure.xpath(".//img/@src")
        url = (meta.image.url if meta.image else None) or (str(sources[0]) if sources else None)
        credit = meta.image.credit if meta.image else None
        split = cues.split_caption_credit(caption)
        if split:
            caption, credit = split
        meta.image = Image(url=url, caption=caption, credit=credit)


def _clean_blocks(blocks: list[tuple[str, str]], result: Extraction) -> list[tuple[str, str]]:
    meta = result.metadata
    title_key = normalise_line(meta.title) if meta.title else None
    kept: list[tuple[str, str]] = []
    for kind, text in blocks:
        verdict = judge_line(text)
        reason = verdict.reason if verdict.boilerplate else ""
        if not reason and title_key and not kept and normalise_line(text) == title_key:
            reason = "repeated headline"
        elif not reason and not kept and (names := cues.parse_byline(text)):
            meta.authors = meta.authors or names
            meta.agency = meta.agency or cues.byline_agency(text)
            reason = "byline"
        if reason:
            collect_cue(text, reason, meta)
            result.removed.append(Removed(text, reason))
        else:
            kept.append((kind, text))
    # the note on the writer under the story (at most two: a co-author's)
    for _ in range(2):
        if len(kept) > 1 and is_author_bio(kept[-1][1]):
            result.removed.append(Removed(kept.pop()[1], "author bio"))
    return kept
