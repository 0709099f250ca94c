"""Copy groups of stored articles, with what each copy changed against its group's canonical copy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from ..model import Article
from .changes import Change, change_ops, changes
from .conflicts import figure_pairs
from .copies import CopyFinder


@dataclass(frozen=True)
class CopyRow:
    """One article of a copy group: ``group`` is the id of the group's first article, ``canonical``
    the wire original's; ``changes`` are against the canonical copy (none for the canonical)."""

    id: int
    group: int
    canonical: int
    publisher: str | None
    published: str | None
    title: str | None
    changes: tuple[Change, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "group": self.group,
            "canonical": self.canonical,
            "publisher": self.publisher,
            "published": self.published,
            "title": self.title,
            "changes": [c.to_dict() for c in self.changes],
        }

    def ops(self) -> list[str]:
        return change_ops(list(self.changes))


def copy_groups(articles: Iterable[tuple[int, Article]], load: Callable[[int], Article | None]) -> list[CopyRow]:
    """Group ``(id, Article)`` pairs, given in the order they arrived, into copies of one text;
    ``load`` fetches an article again by id (only the texts of grouped articles are compared)."""
    finder = CopyFinder()
    about: dict[int, tuple[str | None, str | None, str | None]] = {}
    for article_id, article in articles:
        finder.add(str(article_id), article.text, _when(article.published))
        about[article_id] = (article.publisher, article.published, article.title)
    rows: list[CopyRow] = []
    for group, keys in finder.groups().items():
        canonical_id = int(finder.canonical(keys))
        canonical = load(canonical_id)
        for key in keys:
            article_id = int(key)
            found: list[Change] = []
            if article_id != canonical_id and canonical is not None:
                copy = load(article_id)
                if copy is not None:
                    found = changes(canonical.text, copy.text, canonical.title, copy.title)
            publisher, published, title = about[article_id]
            rows.append(CopyRow(article_id, int(group), canonical_id, publisher, published, title, tuple(found)))
    return rows


def _when(published: str | None) -> datetime | None:
    """A publication date as a datetime; None when it cannot be read."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.replace("Z", "+00:00"))
    except ValueError:
        return None


def copy_conflicts(rows: list[CopyRow], load: Callable[[int], Article | None]) -> list[dict[str, object]]:
    """Every figure that differs between two copies of one group, labelled conflict, rounding or
    same, as ``{doc_a, doc_b, mention_a, start_a, end_a, mention_b, start_b, end_b, kind}``."""
    by_group: dict[int, list[int]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row.id)
    found: list[dict[str, object]] = []
    for ids in by_group.values():
        texts = {i: a.text for i in ids if (a := load(i)) is not None}
        for position, doc_a in enumerate(ids):
            for doc_b in ids[position + 1 :]:
                if doc_a in texts and doc_b in texts:
                    found += [
                        {"doc_a": doc_a, "doc_b": doc_b, **pair.to_dict()}
                        for pair in figure_pairs(texts[doc_a], texts[doc_b])
                    ]
    return found
