"""The lead readability left out: prose between a page's headline and the block it chose.

readability scores containers and keeps the best one; a standfirst, an abstract or the opening
paragraphs often sit in a sibling container under the headline (the article's header, a teaser
box) and are left out, however much of the page readability covers. Walking the page from the
headline down to readability's first block and keeping the sentences met on the way puts them
back, without a second extractor: only prose is kept (enough words, a sentence's ending, not a
link, not furniture), so labels, bylines, dates, teasers, share bars and prompts stay out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from .boilerplate import judge_line
from .html_blocks import CAPTIONS, Blocks, element_blocks
from .line_measures import ends_like_sentence, normalise_line, word_count

#: A block on the way is lead prose with at least this many words (labels, dates and bylines are
#: shorter) and a sentence's ending.
LEAD_BLOCK_WORDS = 10
#: Stop looking after this many words of any kind: readability's block is not below the headline.
MAX_WALK_WORDS = 5_000
#: Non-prose words after a lead block that part it from what follows (a menu, a list of links,
#: a blog's list of books between its tagline and the post).
MAX_BREAK_WORDS = 80
#: readability's first block of at least this many words is looked for (a name or a label could
#: be found anywhere), by its first KEY_CHARS folded characters.
KEY_WORDS = 5
KEY_CHARS = 60
_LETTERS = re.compile(r"[^\W\d_]{2,}")  # words of letters: numbers and initials do not make prose


def lead_under_headline(tree: HtmlElement, blocks: Blocks) -> Blocks:
    """The prose blocks between the first headline (an h1 that is not the site's masthead) and
    readability's first real block; none when the page has no headline, or the block is the
    headline, above it or not found below it, or the page repeats the lead further down."""
    headline = next((h for h in tree.iter("h1") if h.text_content().strip() and not _is_masthead(h)), None)
    first = next((text for _, text in blocks if word_count(text) >= KEY_WORDS), "")
    key = normalise_line(first)[:KEY_CHARS]
    if headline is None or not key or key in normalise_line(headline.text_content()):
        return []
    # the page's link texts (a teaser or an ad is a link), read when a lead block is met
    links: set[str] | None = None
    lead: Blocks = []
    walked = since_lead = 0
    for element in _following(headline):
        for kind, text in element_blocks(element, skip=CAPTIONS):
            folded = normalise_line(text)
            if key in folded or (len(folded) >= 20 and folded in key):
                return lead if not _repeated(lead, blocks) else []
            words = word_count(text)
            walked += words
            if walked > MAX_WALK_WORDS:
                return []
            # "posted on May 2, 2015, at 11:29 a.m." is no prose: numbers and initials are not words
            if len(_LETTERS.findall(text)) >= LEAD_BLOCK_WORDS and ends_like_sentence(text):
                if links is None:
                    links = {" ".join(a.text_content().split()) for a in tree.iter("a")}
                if text not in links and not judge_line(text).boilerplate:
                    lead.append((kind, text))
                    since_lead = 0
                    continue
            since_lead += words
            if since_lead > MAX_BREAK_WORDS:
                lead = []  # what came before belongs to something else
    return []


def _repeated(lead: Blocks, blocks: Blocks) -> bool:
    """A "lead" that readability's block holds further down: the page repeats itself (an excerpt
    above the post), and there is nothing to add."""
    if not lead:
        return False
    chosen = {normalise_line(text) for _, text in blocks}
    return any(normalise_line(text) in chosen for _, text in lead)


def _is_masthead(heading: HtmlElement) -> bool:
    """A blog's name linked to its front page ("<h1><a href="/blog/">Notes</a></h1>"): the site's
    heading, not the article's; its tagline or the author's note sits under it."""
    links = heading.xpath(".//a[@href]")
    if len(links) != 1 or " ".join(links[0].text_content().split()) != " ".join(heading.text_content().split()):
        return False
    try:
        path = urlsplit(links[0].get("href", "")).path.strip("/")
    except ValueError:  # "http://[::1": no address a reader could follow
        return False
    return "/" not in path and "." not in path


def _following(element: HtmlElement) -> Iterator[HtmlElement]:
    """The subtrees after ``element`` in document order: its following siblings, then its
    parent's, up to the root."""
    node: HtmlElement | None = element
    while node is not None:
        yield from node.itersiblings()
        node = node.getparent()
