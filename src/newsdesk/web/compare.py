"""Text with spans marked as changes, for the side-by-side view of two copies."""

from __future__ import annotations

from markupsafe import Markup, escape


def marked_text(text: str, spans: list[tuple[int | None, int | None, str, str | None]]) -> Markup:
    """``text`` escaped, each ``(start, end, op, was)`` span wrapped in ``<mark class="change-op">``
    (the words it replaced in its title); overlapping spans after the first are left out."""
    out: list[str] = []
    position = 0
    for start, end, op, was in sorted(
        (s for s in spans if s[0] is not None and s[1] is not None), key=lambda s: s[0] or 0
    ):
        assert start is not None and end is not None
        if start < position or end <= start:
            continue
        title = f' title="was: {escape(was)}"' if was and op in ("reword", "figure") else f' title="{escape(op)}"'
        out.append(str(escape(text[position:start])))
        out.append(f'<mark class="change change-{escape(op)}"{title}>{escape(text[start:end])}</mark>')
        position = end
    out.append(str(escape(text[position:])))
    return Markup("".join(out))


def missing_spans(
    text: str, removed: list[tuple[str, str | None]]
) -> list[tuple[int | None, int | None, str, str | None]]:
    """Where the passages a copy dropped (``delete``, ``truncate``) stand in the text it copies."""
    spans: list[tuple[int | None, int | None, str, str | None]] = []
    for op, passage in removed:
        if op not in ("delete", "truncate") or not passage:
            continue
        for piece in passage.split("\n"):
            start = text.find(piece) if piece.strip() else -1
            if start >= 0:
                spans.append((start, start + len(piece), op, None))
    return spans
