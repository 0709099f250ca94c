"""Facts in the store: writing an article's dates, figures, entities and quotes, and reading them.

Every fact row keeps its character offsets into ``articles.text``, so a reader can show the exact
words it came from.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from typing import Any

from ..model import Article, Figure
from .filters import Filters
from .query_text import fts_query, like_stems

#: Figures within a search that matches more articles than this are listed by walking the
#: articles newest first until the page is full; fewer are all read and sorted. At 100,000
#: articles, figures within a search matching 6,500 took 85 ms the second way and 9 ms the first;
#: the walk costs about the same for any search (it may pass every article), the sort grows with
#: the matches. (Quotes matched by their own words gained nothing from the walk: not used there.)
WALK_NEWEST_FROM = 1_000


def insert(db: sqlite3.Connection, article_id: int, article: Article) -> None:
    """Write the facts of one article (within the caller's transaction)."""
    db.executemany(
        "INSERT INTO time_expressions (article_id, start, end, text, start_date, end_date, granularity, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, t.span.start, t.span.end, t.text, t.start, t.end, t.granularity, t.confidence)
            for t in article.dates
        ],
    )
    db.executemany(
        "INSERT INTO figures (article_id, start, end, text, value, kind, unit, qualifier, measures, base, "
        "change, time_text, time_start, time_end, sentence, value_max, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                n.span.start,
                n.span.end,
                n.text,
                n.value,
                n.kind,
                n.unit,
                n.qualifier,
                n.measures,
                n.base,
                n.change,
                n.time.text if n.time else None,
                n.time.start if n.time else None,
                n.time.end if n.time else None,
                _sentence(article, n),
                n.value_max,
                n.confidence,
            )
            for n in article.figures
        ],
    )
    db.executemany(
        "INSERT INTO entities (article_id, name, label, roles, mentions, mention_count, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                e.name,
                e.label,
                json.dumps(list(e.roles), ensure_ascii=False),
                json.dumps([[m.start, m.end] for m in e.mentions]),
                len(e.mentions),
                e.confidence,
            )
            for e in article.entities
        ],
    )
    db.executemany(
        "INSERT INTO entity_stats (name, label, articles, mentions) VALUES (?, ?, 1, ?) "
        "ON CONFLICT (name, label) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions",
        [(e.name, e.label, len(e.mentions)) for e in article.entities],
    )
    db.executemany(
        "INSERT INTO quotes (article_id, start, end, text, kind, fragments, cue_text, cue_start, cue_end, "
        "speaker_text, speaker_start, speaker_end, speaker_name, confidence) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                article_id,
                q.span.start,
                q.span.end,
                q.text,
                q.kind,
                json.dumps([[f.start, f.end] for f in q.fragments]),
                q.cue_text,
                q.cue.start if q.cue else None,
                q.cue.end if q.cue else None,
                q.speaker_text,
                q.speaker.start if q.speaker else None,
                q.speaker.end if q.speaker else None,
                q.speaker_name,
                q.confidence,
            )
            for q in article.quotes
        ],
    )


def delete(db: sqlite3.Connection, article_id: int) -> None:
    """Remove the facts of one article and its share of the entity totals (within the caller's transaction)."""
    old = db.execute("SELECT name, label, mention_count FROM entities WHERE article_id = ?", (article_id,)).fetchall()
    db.executemany(
        "UPDATE entity_stats SET articles = articles - 1, mentions = mentions - ? WHERE name = ? AND label = ?",
        [(count, name, label) for name, label, count in old],
    )
    db.execute("DELETE FROM entity_stats WHERE articles <= 0")
    for table in ("time_expressions", "figures", "entities", "quotes"):
        db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))


def _sentence(article: Article, figure: Figure) -> str:
    """The figure's sentence as the figures stage found it, else the block that holds it."""
    if figure.sentence is not None:
        return figure.sentence.of(article.text)
    for block in article.blocks:
        if block.span.start <= figure.span.start < block.span.end:
            return block.span.of(article.text)
    return figure.text


def _article_filters(filters: Filters, with_dates: bool = True) -> tuple[list[str], list[Any]]:
    if with_dates:
        return filters.where("a")
    return dataclasses.replace(filters, since=None, until=None).where("a")


def figures(
    db: sqlite3.Connection,
    about: str | None,
    kind: str | None,
    filters: Filters,
    limit: int,
    offset: int,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """Figures, newest articles first; dates filter the figure's own time when it has one."""
    clauses, params = _article_filters(filters, with_dates=False)
    # each word of ``about``, singular or plural ("fees" finds "a very low fee"), in what the
    # figure measures, its base or its sentence
    for stem in like_stems(about or ""):
        like = "LIKE ? ESCAPE '\\'"
        clauses.append(f"(f.measures {like} OR f.base {like} OR f.sentence {like})")
        params += [f"%{_like_escaped(stem)}%"] * 3
    if kind:
        clauses.append("f.kind = ?")
        params.append(kind)
    if min_confidence is not None:
        clauses.append("coalesce(f.confidence, 0) >= ?")  # facts from before confidences count as unsure
        params.append(min_confidence)
    if filters.since:
        clauses.append("coalesce(f.time_end, a.published_day) >= ?")
        params.append(filters.since_day)
    if filters.until:
        clauses.append("coalesce(f.time_start, a.published_day) <= ?")
        params.append(filters.until_day)
    columns = (
        "f.article_id, a.title, a.published, a.publisher, f.start, f.end, f.text, f.value, f.kind, "
        "f.unit, f.qualifier, f.measures, f.base, f.change, f.time_text, f.time_start, f.time_end, f.sentence, "
        "f.value_max, f.confidence"
    )
    # the walk starts at the newest article: a filter that keeps few articles, or only old ones,
    # would make it pass most of the store (publisher: 20 ms sorted, 170 ms walked)
    narrow = filters.publisher or filters.agency or filters.language or filters.tag or filters.entity or filters.until
    walk = not narrow and _matches(db, filters.within) > WALK_NEWEST_FROM
    return _newest_first(db, columns, "figures f", "f", clauses, params, limit, offset, walk_newest=walk)


def _like_escaped(text: str) -> str:
    """``text`` matched literally by ``LIKE … ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _matches(db: sqlite3.Connection, within: str | None) -> int:
    """How many articles hold the words of ``within`` (0 without it)."""
    query = fts_query(within, "plain")
    if not query:
        return 0
    return int(db.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (query,)).fetchone()[0])


def quotes(
    db: sqlite3.Connection,
    speaker: str | None,
    query: str | None,
    filters: Filters,
    kind: str | None,
    limit: int,
    offset: int,
    exact_speaker: str | None = None,
    min_confidence: float | None = None,
    named_only: bool = False,
) -> list[dict[str, Any]]:
    """Quotes, newest articles first, filtered by speaker, words (FTS5), kind and article filters.

    ``speaker`` matches part of the resolved or written speaker; ``exact_speaker`` is a
    canonical entity name; ``named_only`` keeps quotes whose speaker is resolved to a name.
    """
    clauses, params = _article_filters(filters)
    source = "quotes q"
    terms = [f"text : ({query})"] if query else []
    words = re.findall(r"\w+", speaker or "")
    if words:
        # the speaker's words as prefixes in the full-text index, then the exact check on those rows
        terms.append("{speaker_name speaker_text} : (" + " ".join(f'"{w}"*' for w in words) + ")")
    if terms:
        source = "quotes_fts CROSS JOIN quotes q ON q.id = quotes_fts.rowid"
        clauses.insert(0, "quotes_fts MATCH ?")
        params.insert(0, " AND ".join(terms))
    if speaker:
        clauses.append("(q.speaker_name LIKE ? OR q.speaker_text LIKE ?)")
        params += [f"%{speaker}%"] * 2
    if exact_speaker:
        clauses.append("q.speaker_name = ? COLLATE NOCASE")
        params.append(exact_speaker)
    if kind:
        clauses.append("q.kind = ?")
        params.append(kind)
    if named_only:
        clauses.append("q.speaker_name IS NOT NULL")
    if min_confidence is not None:
        clauses.append("coalesce(q.confidence, 0) >= ?")
        params.append(min_confidence)
    columns = (
        "q.article_id, a.title, a.published, a.publisher, q.start, q.end, q.text, q.kind, q.fragments, "
        "q.cue_text, q.cue_start, q.cue_end, q.speaker_text, q.speaker_name, q.speaker_start, q.speaker_end, "
        "q.confidence"
    )
    items = _newest_first(db, columns, source, "q", clauses, params, limit, offset)
    for item in items:
        item["fragments"] = json.loads(item["fragments"])
        # the same shape as a quote's cue in the Article JSON: a span, its words beside it
        start, end = item.pop("cue_start"), item.pop("cue_end")
        item["cue"] = {"start": start, "end": end} if start is not None else None
        item["speaker"] = item["speaker_name"] or item["speaker_text"]
    return items


def _newest_first(
    db: sqlite3.Connection,
    columns: str,
    source: str,
    alias: str,
    clauses: list[str],
    params: list[Any],
    limit: int,
    offset: int,
    walk_newest: bool = False,
) -> list[dict[str, Any]]:
    """Rows of a fact table joined to their articles, newest articles first, in text order within
    one. ``walk_newest`` reads the articles in date order and stops when the page is full (for
    filters that keep many articles); else SQLite picks the order, then sorts what it found."""
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    if walk_newest:
        joined = f"articles a INDEXED BY articles_published_day CROSS JOIN {source} ON {alias}.article_id = a.id"
    else:
        joined = f"{source} JOIN articles a ON a.id = {alias}.article_id"
    rows = db.execute(
        f"SELECT {columns} FROM {joined}{where} "
        f"ORDER BY a.published_day DESC, a.id DESC, {alias}.start LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [dict(row) for row in rows]


def entities(
    db: sqlite3.Connection, name: str | None, label: str | None, filters: Filters, limit: int, offset: int = 0
) -> list[dict[str, Any]]:
    """Entities across the store: how many articles and mentions, with the roles seen."""
    # Without an article filter the running totals answer, without reading every mention.
    totals = filters == Filters()
    prefix = "" if totals else "e."
    clauses, params = ([], []) if totals else _article_filters(filters)
    if name:
        clauses.append(f"{prefix}name LIKE ?")
        params.append(f"%{name}%")
    if label:
        clauses.append(f"{prefix}label = ?")
        params.append(label)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    if totals:
        sql = f"SELECT name, label, articles, mentions FROM entity_stats{where} "
        sql += "ORDER BY articles DESC, mentions DESC, name"
    else:
        sql = (
            "SELECT e.name, e.label, count(DISTINCT e.article_id) AS articles, sum(e.mention_count) AS mentions "
            f"FROM entities e JOIN articles a ON a.id = e.article_id{where} "
            "GROUP BY e.name COLLATE NOCASE, e.label ORDER BY articles DESC, mentions DESC, e.name"
        )
    rows = db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
    return [{**dict(row), "roles": roles_of(db, row["name"], row["label"])} for row in rows]


def roles_of(db: sqlite3.Connection, name: str, label: str, sample: int = 50) -> list[str]:
    """The titles written with an entity, from its latest mentions."""
    roles: list[str] = []
    rows = db.execute(
        "SELECT roles FROM entities WHERE name = ? COLLATE NOCASE AND label = ? ORDER BY id DESC LIMIT ?",
        (name, label, sample),
    )
    for (found,) in rows:
        for role in json.loads(found):
            if role not in roles:
                roles.append(role)
    return roles
