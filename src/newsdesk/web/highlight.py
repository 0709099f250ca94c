"""An article's clean text as HTML, with quotes, speakers, entities and figures marked.

Annotations may overlap (a figure inside a quote, a name inside a quote), so the text is cut at
every annotation boundary and each piece is wrapped on its own: the markup is always well
nested whatever the spans. Every character of the text goes through ``escape``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from ..model import Article


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    kind: str  # quote | speaker | entity | figure
    ref: str  # anchor id, or the entity name to link to
    title: str


def article_html(article: Article) -> list[Markup]:
    """One ``Markup`` per block (paragraph, heading …), in order.

    One sweep over the text: the cuts of every block and mark are sorted once and the marks
    open at each piece are kept as they start and end, so the time grows with the text and the
    marks, not with their product (a block of thousands of figures renders in linear time).
    """
    marks = _marks(article)
    spans = [(b.span.start, b.span.end) for b in article.blocks or ()]
    if not spans and article.text:
        spans = [(0, len(article.text))]
    starting: dict[int, list[int]] = {}
    ending: dict[int, list[int]] = {}
    for index, mark in enumerate(marks):
        if mark.start < mark.end:
            starting.setdefault(mark.start, []).append(index)
            ending.setdefault(mark.end, []).append(index)
    cuts = sorted({*starting, *ending, *(s for s, _ in spans), *(e for _, e in spans)})
    anchors: set[str] = set()  # each quote and figure gets one id, at its first piece
    parts: list[list[Markup]] = [[] for _ in spans]
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    active: dict[int, None] = {}  # open marks, in the order they were made
    block = 0
    for lo, hi in itertools.pairwise(cuts):
        for index in ending.get(lo, ()):
            active.pop(index, None)
        for index in starting.get(lo, ()):
            active[index] = None
        while block < len(order) and spans[order[block]][1] <= lo:
            block += 1
        if block == len(order) or spans[order[block]][0] > lo:
            continue  # between blocks: not shown
        parts[order[block]].append(_wrap(article.text[lo:hi], [marks[i] for i in active], anchors))
    return [Markup("").join(p) for p in parts]


def _wrap(text: str, active: list[_Mark], anchors: set[str]) -> Markup:
    """One piece of text inside the marks open over it, innermost first: figure, entity (a
    link), speaker, quote."""
    piece: Markup = escape(text)
    for kind in ("figure", "entity", "speaker", "quote"):
        for m in active:
            if m.kind != kind:
                continue
            first = m.ref not in anchors
            anchors.add(m.ref)
            if kind == "entity" or (kind == "speaker" and m.ref):
                href = f"/entities/{url_quote(m.ref, safe='')}"
                piece = Markup('<a class="{}" href="{}" title="{}">{}</a>').format(kind, href, m.title, piece)
            elif kind == "speaker":
                piece = Markup('<span class="speaker" title="{}">{}</span>').format(m.title, piece)
            else:
                ident = Markup(' id="{}"').format(m.ref) if first else Markup("")
                piece = Markup('<span class="{}"{} data-ref="{}" title="{}">{}</span>').format(
                    kind, ident, m.ref, m.title, piece
                )
    return piece


def _marks(article: Article) -> list[_Mark]:
    marks: list[_Mark] = []
    for q in article.quotes:
        who = q.speaker_name or q.speaker_text or "unattributed"
        pieces = [(f.start, f.end) for f in q.fragments] or [(q.span.start, q.span.end)]
        marks += [_Mark(s, e, "quote", f"q{q.span.start}", f"{who} ({q.kind} quote)") for s, e in pieces]
        if q.speaker:
            marks.append(_Mark(q.speaker.start, q.speaker.end, "speaker", q.speaker_name or "", f"speaker: {who}"))
    for entity in article.entities:
        for m in entity.mentions:
            marks.append(_Mark(m.start, m.end, "entity", entity.name, f"{entity.name} ({entity.label})"))
    for n in article.figures:
        what = n.measures or n.base or n.kind
        when = f", {n.time.text}" if n.time else ""
        marks.append(
            _Mark(n.span.start, n.span.end, "figure", f"f{n.span.start}", f"{n.value:g} {n.unit or ''} — {what}{when}")
        )
    return marks


def mark_words(text: str, words: list[str]) -> Markup:
    """``text`` escaped, with the words a search matched marked (as a prefix, as the search reads
    them: "remittance" marks "remittances"); everything else as it is."""
    if not words:
        return Markup(escape(text))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [escape(text[last : match.start()]), Markup("<mark>"), escape(match.group()), Markup("</mark>")]
        last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)
