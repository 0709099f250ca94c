"""Counts over the store: attention over time, facets of a result set, an entity's profile."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from .facts import roles_of
from .filters import Filters, match_sql
from .stories import count as count_stories

#: Articles whose tags and names are counted for the facets of one result set: the newest ones
#: when more match (publishers, agencies and months are counted over every match). Names cost
#: 24 ms per 1,000 articles (120 ms for 5,000): the facet may not cost more than the search.
FACET_SAMPLE = 1_000


def matching_ids_sql(query: str | None, filters: Filters) -> tuple[str, list[Any]]:
    """SQL selecting ``a.id`` (and the small columns) of the articles a search matches."""
    return match_sql("a.id, a.published_day, a.publisher, a.agency", query, filters)


def count(db: sqlite3.Connection, query: str | None, filters: Filters) -> int:
    """How many articles match."""
    sql, params = matching_ids_sql(query, filters)
    return int(db.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])


def timeline(db: sqlite3.Connection, query: str | None, filters: Filters) -> list[tuple[str, int]]:
    """Matching articles per publication day, oldest first (articles without a date left out)."""
    sql, params = matching_ids_sql(query, filters)
    rows = db.execute(
        f"SELECT published_day, count(*) FROM ({sql}) WHERE published_day IS NOT NULL GROUP BY 1 ORDER BY 1", params
    )
    return [(str(day), int(n)) for day, n in rows]


@dataclass(frozen=True)
class Summary:
    """What a search page shows of a whole result set, counted in one pass over the matches."""

    total: int
    facets: dict[str, list[tuple[str, int]]]
    per_day: list[tuple[str, int]]  # matches per publication day, oldest first (undated left out)
    stories: int  # stories holding at least one match


def facets(
    db: sqlite3.Connection, query: str | None, filters: Filters, size: int = 10
) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """How many articles match, and their most frequent publishers, agencies, months, tags and
    entities: the first three over every match, tags and entities over the newest ``FACET_SAMPLE``."""
    found = summary(db, query, filters, size)
    return found.total, found.facets


def summary(db: sqlite3.Connection, query: str | None, filters: Filters, size: int = 10) -> Summary:
    """The total, the facets (as ``facets``), the matches per day and how many stories hold them:
    the full-text search runs once, its matches kept in a temporary table for every count."""
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS facet_ids (id INTEGER PRIMARY KEY, day TEXT, publisher TEXT, agency TEXT)"
    )
    db.execute("DELETE FROM facet_ids")
    if query:
        # the full-text matches, searched once, with their small columns beside each id
        sql, params = matching_ids_sql(query, filters)
        total = db.execute(f"INSERT INTO facet_ids {sql}", params).rowcount
        source, day = "facet_ids a", "a.day"
        conditions: list[str] = []
        params = []
    else:
        # no search: the articles' indexes count them all without reading a row (a temporary copy
        # of every article's columns took 144 ms at 10,000 articles, past the time limit at 100,000)
        conditions, params = filters.where("a")
        source, day = "articles a", "a.published_day"
    matching = " AND ".join(conditions) or "1"

    def top(column: str, group: str, order: str = "2 DESC, 1") -> list[tuple[str, int]]:
        rows = db.execute(
            f"SELECT {column}, count(*) FROM {source} WHERE {matching} AND {column} IS NOT NULL "
            f"GROUP BY {group} ORDER BY {order} LIMIT ?",
            [*params, size],
        )
        return [(str(value), int(n)) for value, n in rows]

    out = {
        "publisher": top("a.publisher", "a.publisher COLLATE NOCASE"),
        "agency": top("a.agency", "a.agency COLLATE NOCASE"),
        # months too by how many articles they hold: the newest ten hid the biggest months
        "month": top(f"substr({day}, 1, 7)", "1", "2 DESC, 1 DESC"),
    }
    per_day = [
        (str(d), int(n))
        for d, n in db.execute(
            f"SELECT {day}, count(*) FROM {source} WHERE {matching} AND {day} IS NOT NULL GROUP BY 1 ORDER BY 1",
            params,
        )
    ]
    if query or filters != Filters():
        # CROSS JOIN: walk the matches and look up their story, never every story's members
        (story_count,) = db.execute(
            f"SELECT count(DISTINCT m.story_id) FROM (SELECT a.id FROM {source} WHERE {matching}) a "
            "CROSS JOIN story_members m ON m.article_id = a.id",
            params,
        ).fetchone()
    else:  # every article: every story (the home page need not walk them all)
        story_count = count_stories(db)
    # tags and names are read row by row from other tables: for the newest matches only (the
    # oldest ones, read first before, made a large store's facets describe its first months)
    newest = f"SELECT a.id FROM {source} WHERE {matching} ORDER BY {day} DESC, a.id DESC LIMIT ?"
    if query:
        db.execute(f"DELETE FROM facet_ids WHERE id NOT IN ({newest})", [*params, FACET_SAMPLE])
    else:
        total = int(db.execute(f"SELECT count(*) FROM {source} WHERE {matching}", params).fetchone()[0])
        db.execute(f"INSERT INTO facet_ids (id) {newest}", [*params, FACET_SAMPLE])
    # CROSS JOIN: walk the kept ids and look up their rows, never the other way round
    for name, select in (
        ("tag", "SELECT t.tag, count(*) FROM facet_ids f CROSS JOIN article_tags t ON t.article_id = f.id GROUP BY 1"),
        (
            "entity",
            "SELECT e.name, count(DISTINCT e.article_id) FROM facet_ids f CROSS JOIN entities e "
            "ON e.article_id = f.id WHERE e.label IN ('person', 'organization') GROUP BY e.name COLLATE NOCASE",
        ),
    ):
        out[name] = [(str(v), int(n)) for v, n in db.execute(f"{select} ORDER BY 2 DESC, 1 LIMIT ?", (size,))]
    db.execute("DELETE FROM facet_ids")
    return Summary(total, out, per_day, int(story_count))


#: Latest articles of an entity read for its co-mentions: enough for the top names, bounded cost.
CO_MENTION_SAMPLE = 500


def entity_profile(db: sqlite3.Connection, name: str, size: int = 15) -> dict[str, Any] | None:
    """One entity across the store: label, roles, mentions per day and who appears with it."""
    rows = db.execute(
        "SELECT e.label, count(DISTINCT e.article_id), sum(e.mention_count) FROM entities e "
        "WHERE e.name = ? COLLATE NOCASE GROUP BY e.label ORDER BY 2 DESC",
        (name,),
    ).fetchall()
    if not rows:
        return None
    label = str(rows[0][0])
    # the name as the articles write it most often: "nayib bukele" asks for "Nayib Bukele"
    name = str(
        db.execute(
            "SELECT name FROM entities WHERE name = ? COLLATE NOCASE "
            "GROUP BY name ORDER BY count(*) DESC, name LIMIT 1",
            (name,),
        ).fetchone()[0]
    )
    per_day = db.execute(
        "SELECT a.published_day, sum(e.mention_count) FROM entities e CROSS JOIN articles a ON a.id = e.article_id "
        "WHERE e.name = ? COLLATE NOCASE AND a.published_day IS NOT NULL GROUP BY 1 ORDER BY 1",
        (name,),
    ).fetchall()
    co = db.execute(
        "WITH mine AS (SELECT DISTINCT article_id FROM entities WHERE name = ? COLLATE NOCASE "
        "ORDER BY article_id DESC LIMIT ?) "
        "SELECT other.name, other.label, count(DISTINCT other.article_id) FROM mine "
        "CROSS JOIN entities other ON other.article_id = mine.article_id "
        "WHERE other.name <> ? COLLATE NOCASE AND other.label IN ('person', 'organization', 'place') "
        "GROUP BY other.name COLLATE NOCASE ORDER BY 3 DESC, 1 LIMIT ?",
        (name, CO_MENTION_SAMPLE, name, size),
    ).fetchall()
    return {
        "name": name,
        "label": label,
        "roles": roles_of(db, name, label),
        "articles": sum(int(r[1]) for r in rows),
        "mentions": sum(int(r[2]) for r in rows),
        "mentions_by_day": [(str(day), int(n)) for day, n in per_day],
        "co_mentioned": [{"name": n, "label": lbl, "articles": int(c)} for n, lbl, c in co],
    }
