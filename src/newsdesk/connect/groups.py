"""Copy groups of stored articles, with what each copy changed against its group's canonical copy."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Article
from .changes import Change, change_ops, changes
from .conflicts import figure_pairs


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
    source_id: str | None = None  # the id the input gave the article

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "group": self.group,
            "canonical": self.canonical,
            "publisher": self.publisher,
            "published": self.published,
            "title": self.title,
            "changes": [c.to_dict() for c in self.changes],
        }

    def ops(self) -> list[str]:
        return change_ops(list(self.changes))


def copy_rows(grouped: Iterable[tuple[int, int, int]], load: Callable[[int], Article | None]) -> list[CopyRow]:
    """Rows for ``(article_id, group_id, canonical_id)`` triples, each copy's changes computed
    against its canonical copy; ``load`` fetches an article by id."""
    cache: dict[int, Article | None] = {}

    def get(article_id: int) -> Article | None:
        if article_id not in cache:
            cache[article_id] = load(article_id)
        return cache[article_id]

    rows = []
    for article_id, group_id, canonical_id in grouped:
        article, canonical = get(article_id), get(canonical_id)
        if article is None:
            continue
        found: list[Change] = []
        if article_id != canonical_id and canonical is not None:
            found = changes(canonical.text, article.text, canonical.title, article.title)
        rows.append(
            CopyRow(
                article_id,
                group_id,
                canonical_id,
                article.publisher,
                article.published,
                article.title,
                tuple(found),
                article.origin.source_id,
            )
        )
    return rows


def copy_conflicts(
    grouped: Iterable[tuple[int, int, int]], load: Callable[[int], Article | None]
) -> list[dict[str, object]]:
    """Every figure that differs between two copies of one group (``(article_id, group_id,
    canonical_id)`` triples), labelled conflict, rounding or same, as ``{doc_a, doc_b, source_a,
    source_b, mention_a, start_a, end_a, mention_b, start_b, end_b, kind}``."""
    by_group: dict[int, list[int]] = {}
    for article_id, group_id, _ in grouped:
        by_group.setdefault(group_id, []).append(article_id)
    found: list[dict[str, object]] = []
    for ids in by_group.values():
        articles = {i: a for i in ids if (a := load(i)) is not None}
        for position, doc_a in enumerate(ids):
            for doc_b in ids[position + 1 :]:
                if doc_a not in articles or doc_b not in articles:
                    continue
                a, b = articles[doc_a], articles[doc_b]
                sources = {"source_a": a.origin.source_id, "source_b": b.origin.source_id}
                found += [
                    {"doc_a": doc_a, "doc_b": doc_b, **sources, **pair.to_dict()}
                    for pair in figure_pairs(a.text, b.text)
                ]
    return found


#: A story's figures are compared across at most this many of its articles (the latest): pairs
#: grow with the square of the articles.
MAX_STORY_ARTICLES = 60


def story_conflicts(
    members: list[int], copy_group: dict[int, int], load: Callable[[int], Article | None]
) -> list[dict[str, object]]:
    """Figures that differ between two articles of one story (``members`` in publication order;
    ``copy_group`` the copy group of each grouped member): copies of one text are compared
    sentence by sentence (``figure_pairs``), other articles by what the figures measure
    (``story_figure_pairs``). Labelled conflict, rounding, same or update."""
    from .story_conflicts import story_figure_pairs

    members = members[-MAX_STORY_ARTICLES:]
    articles = {i: a for i in members if (a := load(i)) is not None}
    ids = [i for i in members if i in articles]
    found: list[dict[str, object]] = []
    for position, doc_a in enumerate(ids):
        for doc_b in ids[position + 1 :]:
            a, b = articles[doc_a], articles[doc_b]
            copies = doc_a in copy_group and copy_group.get(doc_a) == copy_group.get(doc_b)
            pairs = figure_pairs(a.text, b.text) if copies else story_figure_pairs(a, b)
            sources = {"source_a": a.origin.source_id, "source_b": b.origin.source_id}
            found += [{"doc_a": doc_a, "doc_b": doc_b, **sources, **pair.to_dict()} for pair in pairs]
    return found
