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
#: Members of one copy group whose texts are read at most for a new article, closest signatures
#: first: one that confirms joins the article to the whole group, so reading every member of a
#: wire story run by 500 outlets cost 500 texts per new copy (418 ms an insert at 800 copies).
GROUP_READS = 3


def index_article(db: sqlite3.Connection, article_id: int, article: Article, url_key: str | None) -> list[int]:
    """Store the article's signature, join it to the copies it has; the ids of the copies that
    confirmed it (one per copy group it joins, with the copies not yet in a group)."""
    import numpy as np

    own = shingles(article.text)
    if not own:
        return []
    values = signature(own).hashvalues
    keys = band_keys(values)
    published_day = day(article.published)
    marks = ", ".join("?" * len(keys))
    # the band index alone finds the candidates: joining each to its article row read every
    # candidate's text pages (67 ms an insert with 600 copies in the store)
    rows = db.execute(
        "SELECT s.article_id, s.published_day, s.hashvalues FROM copy_signatures s WHERE s.article_id IN "
        f"(SELECT article_id FROM copy_bands WHERE band_key IN ({marks}))",
        keys,
    ).fetchall()
    # older versions of the same page are not copies of it
    same_page = (
        {int(r[0]) for r in db.execute("SELECT id FROM articles WHERE url_key = ?", (url_key,))} if url_key else set()
    )
    kept = [
        (int(i), blob) for i, other_day, blob in rows if i not in same_page and _within_window(published_day, other_day)
    ]
    candidates = []
    if kept:
        # every candidate's signature against the article's at once: a wire story has hundreds
        others = np.frombuffer(b"".join(blob for _, blob in kept), dtype=values.dtype).reshape(len(kept), -1)
        estimates = estimated_jaccard(values, others)
        candidates = [(float(e), i) for (i, _), e in zip(kept, estimates, strict=True) if e >= MIN_ESTIMATED_JACCARD]
    group_of = _groups_of(db, [other_id for _, other_id in candidates])
    reads: dict[int, int] = {}
    joined: set[int] = set()
    copies = []
    for _, other_id in sorted(candidates, key=lambda c: (-c[0], c[1])):
        group = group_of.get(other_id)
        if group is not None:
            if group in joined or reads.get(group, 0) >= GROUP_READS:
                continue  # the group is joined already, or its closest members were no copies
            reads[group] = reads.get(group, 0) + 1
        (text,) = db.execute("SELECT text FROM articles WHERE id = ?", (other_id,)).fetchone()
        if containment(own, shingles(text)) >= MIN_CONTAINMENT:
            copies.append(other_id)
            if group is not None:
                joined.add(group)
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


def _groups_of(db: sqlite3.Connection, article_ids: list[int]) -> dict[int, int]:
    """The copy group of each of the articles that are in one."""
    if not article_ids:
        return {}
    marks = ", ".join("?" * len(article_ids))
    rows = db.execute(f"SELECT article_id, group_id FROM copy_groups WHERE article_id IN ({marks})", article_ids)
    return {int(a): int(g) for a, g in rows}


def _join(db: sqlite3.Connection, ids: list[int]) -> None:
    """Put the articles and the groups they are in into one group, and name its canonical copy."""
    marks = ", ".join("?" * len(ids))
    rows = db.execute(
        "SELECT article_id, group_id, canonical_id FROM copy_groups WHERE group_id IN "
        f"(SELECT group_id FROM copy_groups WHERE article_id IN ({marks}))",
        ids,
    ).fetchall()
    placed = {int(a): (int(g), int(c)) for a, g, c in rows}
    members = set(ids) | set(placed)
    marks = ", ".join("?" * len(members))
    # the wire original: the earliest with an agency dateline, else the earliest
    canonical = db.execute(
        f"SELECT article_id FROM copy_signatures WHERE article_id IN ({marks}) "
        "ORDER BY wire DESC, published IS NULL, published, article_id LIMIT 1",
        sorted(members),
    ).fetchone()[0]
    group_id = min(members)
    # only the rows that change: a new copy of a story run by 500 outlets writes its own row
    db.executemany(
        "INSERT OR REPLACE INTO copy_groups (article_id, group_id, canonical_id) VALUES (?, ?, ?)",
        [(member, group_id, canonical) for member in sorted(members) if placed.get(member) != (group_id, canonical)],
    )


def _within_window(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    try:
        return abs((date.fromisoformat(a) - date.fromisoformat(b)).days) <= WINDOW_DAYS
    except ValueError:
        return True
