"""An HTML element tree → typed text blocks (paragraph, heading, list item, quote, code)."""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

_BLOCK_KIND = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "blockquote",
    "pre": "preformatted",
}
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tr",
        "td",
        "th",
        "figure",
        "form",
        "fieldset",
        "address",
        "center",
        "details",
        "summary",
        "hr",
        "body",
        "html",
        "caption",
    }
    | set(_BLOCK_KIND)
)
_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "head",
        "title",
    }
)
_SPACE = re.compile(r"\s+")
#: Text blocks in reading order: (kind, text), kind one of paragraph, heading, list_item, blockquote,
#: preformatted.
Blocks = list[tuple[str, str]]
#: Left out of the body's blocks: a figure's caption is the image's, read into metadata.
CAPTIONS = frozenset({"figcaption"})
# Soft hyphens, zero-width spaces, word joiners and stray byte-order marks are invisible on the
# page but split words in the text: "Mit\u00adtel\u00adal\u00adter" must read "Mittelalter" to be
# searched and quoted. Zero-width (non-)joiners stay: Persian and Indic scripts need them.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def element_blocks(root: HtmlElement, skip: frozenset[str] = frozenset()) -> Blocks:
    """Walk ``root`` and return ``(kind, text)`` blocks in reading order.

    ``skip`` names extra tags to leave out (e.g. ``figcaption`` when captions are metadata).
    """
    blocks: Blocks = []
    buffer: list[str] = []
    kinds: list[str] = ["paragraph"]

    def flush() -> None:
        text = _SPACE.sub(" ", _INVISIBLE.sub("", "".join(buffer))).strip()
        buffer.clear()
        if text:
            blocks.append((kinds[-1], text))

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in _SKIP_TAGS or tag in skip:
            # comments and processing instructions: skip their text, keep the tail
            if el.tail:
                buffer.append(el.tail)
            return
        if tag == "br":
            if kinds[-1] == "preformatted":
                buffer.append("\n")
            else:
                flush()
            if el.tail:
                buffer.append(el.tail)
            return
        is_block = tag in _BLOCK_TAGS or tag == "figcaption"
        if is_block:
            flush()
            kinds.append(_BLOCK_KIND.get(tag, kinds[-1]))
        if el.text:
            buffer.append(el.text)
        for child in el:
            walk(child)
        if is_block:
            flush()
            kinds.pop()
        if el.tail:
            buffer.append(el.tail)

    walk(root)
    flush()
    return blocks
