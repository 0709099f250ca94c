"""Counts over the store: attention over time, facets of a result set, an entity's profile."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .filters import Filters, match_sql

#: Articles read at most to count facets of one result set; beyond it counts are of a sample.
FACET_SAMPLE = 5_000


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


def facets(
    db: sqlite3.Connection, query: str | None, filters: Filters, size: int = 10
) -> dict[str, list[tuple[str, int]]]:
    """The most frequent publishers, agencies, tags, entities and months among the matches."""
    sql, params = matching_ids_sql(query, filters)
    db.execute(
        "CREATE TEMP TABLE IF NOT EXISTS facet_ids (id INTEGER PRIMARY KEY, day TEXT, publisher TEXT, agency TEXT)"
    )
    db.execute("DELETE FROM facet_ids")
    db.execute(f"INSERT INTO facet_ids {sql} LIMIT {FACET_SAMPLE}", params)
    out: dict[str, list[tuple[str, int]]] = {}
    for name, select in (
        ("publisher", "SELECT publisher, count(*) FROM facet_ids WHERE publisher IS NOT NULL GROUP BY 1"),
        ("agency", "SELECT agency, count(*) FROM facet_ids WHERE agency IS NOT NULL GROUP BY 1"),
        ("month", "SELECT substr(day, 1, 7), count(*) FROM facet_ids WHERE day IS NOT NULL GROUP BY 1"),
        # CROSS JOIN: walk the sampled ids and look up their rows, never the other way round
        ("tag", "SELECT t.tag, count(*) FROM facet_ids f CROSS JOIN article_tags t ON t.article_id = f.id GROUP BY 1"),
        (
            "entity",
            "SELECT e.name, count(DISTINCT e.article_id) FROM facet_ids f CROSS JOIN entities e ON e.article_id = f.id "
            "WHERE e.label IN ('person', 'organization') GROUP BY e.name COLLATE NOCASE",
        ),
    ):
        order = "1 DESC" if name == "month" else "2 DESC, 1"
        rows = db.execute(f"{select} ORDER BY {order} LIMIT ?", (size,))
        out[name] = [(str(value), int(n)) for value, n in rows]
    db.execute("DELETE FROM facet_ids")
    return out


def entity_profile(db: sqlite3.Connection, name: str, size: int = 15) -> dict[str, Any] | None:
    """One entity across the store: label, roles, mentions per day and who appears with it."""
    rows = db.execute(
        "SELECT e.label, e.roles, e.mention_count, a.published_day, e.article_id FROM entities e "
        "JOIN articles a ON a.id = e.article_id WHERE e.name = ? COLLATE NOCASE",
        (name,),
    ).fetchall()
    if not rows:
        return None
    labels: dict[str, int] = {}
    roles: list[str] = []
    per_day: dict[str, int] = {}
    for label, role_json, mentions, day, _ in rows:
        labels[label] = labels.get(label, 0) + 1
        for role in json.loads(role_json):
            if role not in roles:
                roles.append(role)
        if day:
            per_day[day] = per_day.get(day, 0) + int(mentions)
    co = db.execute(
        "SELECT other.name, other.label, count(DISTINCT other.article_id) FROM entities me "
        "JOIN entities other ON other.article_id = me.article_id AND other.name <> me.name COLLATE NOCASE "
        "WHERE me.name = ? COLLATE NOCASE AND other.label IN ('person', 'organization', 'place') "
        "GROUP BY other.name COLLATE NOCASE ORDER BY 3 DESC, 1 LIMIT ?",
        (name, size),
    ).fetchall()
    return {
        "name": name,
        "label": max(labels, key=lambda k: labels[k]),
        "roles": roles,
        "articles": len({r[4] for r in rows}),
        "mentions": sum(int(r[2]) for r in rows),
        "mentions_by_day": sorted(per_day.items()),
        "co_mentioned": [{"name": n, "label": lbl, "articles": int(c)} for n, lbl, c in co],
    }
