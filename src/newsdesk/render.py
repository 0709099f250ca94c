"""Article → JSON, Markdown and plain text."""

from __future__ import annotations

import json

from .model import Article

_MD_PREFIX = {"heading": "## ", "list_item": "- ", "blockquote": "> "}


def to_json(article: Article, indent: int | None = 2) -> str:
    """The Article JSON document (see ``docs/schema.md``)."""
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=indent)


def to_text(article: Article) -> str:
    """The clean text alone, paragraphs separated by blank lines."""
    return article.text + "\n"


def to_markdown(article: Article) -> str:
    """A readable Markdown page: headline, metadata lines, body with its structure."""
    lines: list[str] = []
    if article.title:
        lines += [f"# {_escape(article.title)}", ""]
    facts = [
        ("By", ", ".join(article.authors)),
        ("Published", article.published),
        ("Publisher", article.publisher),
        ("Agency", article.agency),
        ("Dateline", article.dateline),
        ("Tags", ", ".join(article.tags)),
        ("Source", article.canonical_url or article.origin.url),
    ]
    lines += [f"*{label}:* {_escape(value)}  " for label, value in facts if value]
    if article.image and article.image.caption:
        credit = f" ({article.image.credit})" if article.image.credit else ""
        lines += ["", f"*Photo:* {_escape(article.image.caption)}{_escape(credit)}"]
    lines.append("")
    for block in article.blocks:
        text = block.span.of(article.text)
        if block.kind == "preformatted":
            lines += ["```", text, "```", ""]
        else:
            lines += [_MD_PREFIX.get(block.kind, "") + _escape(text), ""]
    if article.quotes:
        lines += ["## Quotes", ""]
        for quote in article.quotes:
            who = quote.speaker_name or quote.speaker_text or "unattributed"
            written = f" (“{quote.speaker_text}”)" if quote.speaker_text and quote.speaker_text != who else ""
            cue = f", {quote.cue_text}" if quote.cue_text else ""
            content = " … ".join(f.of(article.text) for f in quote.fragments) or quote.text
            lines.append(f"- **{_escape(who)}**{_escape(written)}{_escape(cue)} [{quote.kind}]: {_escape(content)}")
        lines.append("")
    if article.figures:
        lines += ["## Figures", ""]
        for fact in article.figures:
            what = fact.measures or (f"of {fact.base}" if fact.base else "")
            when = f"{fact.time.text} ({_range(fact.time.start, fact.time.end)})" if fact.time else ""
            label = " ".join(x for x in (fact.qualifier, fact.text) if x)
            details = ", ".join(
                x
                for x in (f"{_amount(fact.value, fact.value_max)} {fact.unit or ''}".strip(), fact.kind, fact.change)
                if x
            )
            lines.append(
                f"- **{_escape(label)}** ({_escape(details)})" + "".join(f" — {_escape(x)}" for x in (what, when) if x)
            )
        lines.append("")
    if article.dates:
        lines += ["## Dates", ""]
        lines += [f"- {_escape(t.text)}: {_range(t.start, t.end)} ({t.granularity})" for t in article.dates]
        lines.append("")
    if article.entities:
        lines += ["## Entities", ""]
        for entity in article.entities:
            roles = f" — {', '.join(entity.roles)}" if entity.roles else ""
            lines.append(f"- {_escape(entity.name)} ({entity.label}, {len(entity.mentions)}×){_escape(roles)}")
        lines.append("")
    if article.related:
        lines += ["## Related", ""]
        lines += [f"- {_escape(link.title)}" + (f" <{link.url}>" if link.url else "") for link in article.related]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _amount(value: float, value_max: float | None) -> str:
    return _number(value) if value_max is None else f"{_number(value)}–{_number(value_max)}"


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def _range(start: str | None, end: str | None) -> str:
    if not start:
        return "unresolved"
    return start if start == end else f"{start} – {end}"


def _escape(text: str) -> str:
    # Only characters that would change the structure at the start of a line or inline markup.
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")
