"""The facts of an Article as one line each: the format of the golden files in this folder."""

from __future__ import annotations

from newsdesk.model import Article


def facts_lines(article: Article) -> list[str]:
    """Entities, quotes, figures and dates, each line readable on its own."""
    text = article.text
    lines = []
    for e in article.entities:
        forms = " / ".join(dict.fromkeys(m.of(text) for m in e.mentions))
        roles = f" | roles: {'; '.join(e.roles)}" if e.roles else ""
        lines.append(f"entity | {e.label} | {e.name} | {len(e.mentions)}× as {forms}{roles}")
    for q in article.quotes:
        speaker = q.speaker_name or "-"
        content = " … ".join(f.of(text) for f in q.fragments) or q.text
        lines.append(
            f"quote | {speaker} | written “{q.speaker_text or '-'}” | {q.cue_text or '-'} | {q.kind} | {content}"
        )
    for n in article.figures:
        parts = [
            f"{n.value:g} {n.unit or ''}".strip(),
            n.kind,
            f"qualifier: {n.qualifier}" if n.qualifier else "",
            f"measures: {n.measures}" if n.measures else "",
            f"of: {n.base}" if n.base else "",
            f"change: {n.change}" if n.change else "",
            f"when: {n.time.text} = {n.time.start}..{n.time.end}" if n.time else "",
        ]
        lines.append(f"figure | {n.text} | " + " | ".join(p for p in parts if p))
    for d in article.dates:
        lines.append(f"date | {d.text} | {d.start}..{d.end} | {d.granularity}")
    return lines
