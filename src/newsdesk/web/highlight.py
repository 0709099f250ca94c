"""An article's clean text as HTML, with quotes, speakers, entities and figures marked.

Annotations may overlap (a figure inside a quote, a name inside a quote), so the text is cut at
every annotation boundary and each piece is wrapped on its own: the markup is always well
nested whatever the spans. Every character of the text goes through ``escape``.
"""

from __future__ import annotations

import itertools
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
    """One ``Markup`` per block (paragraph, heading …), in order."""
    marks = _marks(article)
    anchors: set[str] = set()  # each quote and figure gets one id, at its first piece
    out = []
    for block in article.blocks or ():
        out.append(_render(article.text, block.span.start, block.span.end, marks, anchors))
    if not article.blocks and article.text:
        out.append(_render(article.text, 0, len(article.text), marks, anchors))
    return out


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


def _render(text: str, start: int, end: int, marks: list[_Mark], anchors: set[str]) -> Markup:
    inside = [m for m in marks if m.start < end and start < m.end]
    cuts = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    parts: list[Markup] = []
    for lo, hi in itertools.pairwise(cuts):
        piece: Markup = escape(text[lo:hi])
        active = [m for m in inside if m.start <= lo and hi <= m.end]
        # innermost first: figure, entity (a link), speaker, quote
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
        parts.append(piece)
    return Markup("").join(parts)
