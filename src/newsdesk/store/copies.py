"""Copy groups in the store, updated in the same transaction as each article they hold.

Each article's MinHash signature and LSH band keys are stored (``copy_signatures``,
``copy_bands``); a new article looks its band keys up, keeps the candidates published within the
window whose signatures agree on a few values at least, and confirms each by the share of the
shorter text's shingles found in the other (``fingerprints``). Confirmed copies join one group
(``copy_groups``: the group is named by its first article's id and knows its canonical copy).
The cost of an article is a few index lookups and the candidates' texts, not the store's size.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date

from ..fingerprints import (
    MIN_CONTAINMENT,
    WINDOW_DAYS,
    band_keys,
    containment,
    estimated_jaccard,
    has_agency_dateline,
    shingles,
    signature,
)
from ..model import Article
from .filters import day

#: Candidates whose signatures agree on fewer values than this share are not read again: a copy
#: cut to its first two paragraphs out of twelve still shares about 15% of its shingles.
MIN_ESTIMATED_JACCARD = 0.05


def index_article(db: sqlite3.Connection, article_id: int, article: Article, url_key: str | None) -> list[int]:
    """Store the article's signature, join it to the copies it has; the ids of those copies."""
    import numpy as np

    own = shingles(article.text)
    if not own:
        return []
    values = signature(own).hashvalues
    keys = band_keys(values)
    published_day = day(article.published)
    marks = ", ".join("?" * len(keys))
    rows = db.execute(
        "SELECT DISTINCT s.article_id, s.published_day, s.hashvalues, a.url_key FROM copy_bands b "
        "JOIN copy_signatures s ON s.article_id = b.article_id JOIN articles a ON a.id = b.article_id "
        f"WHERE b.band_key IN ({marks})",
        keys,
    ).fetchall()
    copies = []
    for other_id, other_day, blob, other_url in rows:
        if url_key and other_url == url_key:
            continue  # an older version of the same page, not a copy
        if not _within_window(published_day, other_day):
            continue
        if estimated_jaccard(values, np.frombuffer(blob, dtype=values.dtype)) < MIN_ESTIMATED_JACCARD:
            continue
        (text,) = db.execute("SELECT text FROM articles WHERE id = ?", (other_id,)).fetchone()
        if containment(own, shingles(text)) >= MIN_CONTAINMENT:
            copies.append(int(other_id))
    db.execute(
        "INSERT OR REPLACE INTO copy_signatures (article_id, published, published_day, wire, hashvalues) "
        "VALUES (?, ?, ?, ?, ?)",
        (article_id, article.published, published_day, int(has_agency_dateline(article.text)), values.tobytes()),
    )
    db.executemany(
        "INSERT OR IGNORE INTO copy_bands (band_key, article_id) VALUES (?, ?)", [(k, article_id) for k in keys]
    )
    if copies:
        _join(db, [article_id, *copies])
    return copies


def unindexed(db: sqlite3.Connection) -> list[int]:
    """Stored articles without a signature (stored before copies were kept), in id order."""
    rows = db.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM copy_signatures) ORDER BY id"
    ).fetchall()
    return [int(row[0]) for row in rows]


def groups(db: sqlite3.Connection, article_ids: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
    """``(article_id, group_id, canonical_id)`` of grouped articles (of the given ones' groups)."""
    if article_ids is None:
        rows = db.execute("SELECT article_id, group_id, canonical_id FROM copy_groups ORDER BY group_id, article_id")
        return [(int(a), int(g), int(c)) for a, g, c in rows]
    ids = list(article_ids)
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        "SELECT article_id, group_id, canonical_id FROM copy_groups WHERE group_id IN "
        f"(SELECT group_id FROM copy_groups WHERE article_id IN ({marks})) ORDER BY group_id, article_id",
        ids,
    )
    return [(int(a), int(g), int(c)) for a, g, c in rows]


def _join(db: sqlite3.Connection, ids: list[int]) -> None:
    """Put the articles and the groups they are in into one group, and name its canonical copy."""
    marks = ", ".join("?" * len(ids))
    members = set(ids) | {
        int(row[0])
        for row in db.execute(
            "SELECT article_id FROM copy_groups WHERE group_id IN "
            f"(SELECT group_id FROM copy_groups WHERE article_id IN ({marks}))",
            ids,
        )
    }
    marks = ", ".join("?" * len(members))
    # the wire original: the earliest with an agency dateline, else the earliest
    canonical = db.execute(
        f"SELECT article_id FROM copy_signatures WHERE article_id IN ({marks}) "
        "ORDER BY wire DESC, published IS NULL, published, article_id LIMIT 1",
        sorted(members),
    ).fetchone()[0]
    group_id = min(members)
    db.executemany(
        "INSERT OR REPLACE INTO copy_groups (article_id, group_id, canonical_id) VALUES (?, ?, ?)",
        [(member, group_id, canonical) for member in sorted(members)],
    )


def _within_window(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= WINDOW_DAYS
    except ValueError:
        return True
