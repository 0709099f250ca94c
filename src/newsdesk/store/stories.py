"""Stories in the store: each article joins a story as it is written, in the same transaction.

Online, one pass: an article is compared with the stories still active (touched within
``WINDOW_DAYS`` of its publication day; articles or stories without a date: touched within the
last ``RECENT_ARTICLES`` articles), found through each story's key terms (``story_keys``); the
few that share most words are compared in full (``stories.profile.features``) and the most
probable one joins it if the fitted decision says so, else the article opens a story. A copy of
an article already in a story (``copy_groups``) joins that story without comparison.

Everything the comparison needs is kept in the store (``story_terms`` for document
frequencies, ``stories.state``, ``story_members.profile``), so a resumed ingest continues where
it stopped and an article costs a few index lookups, not a pass over the store.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..model import Article
from ..stories import profile as sp
from ..stories.decision import decision
from .filters import day

WINDOW_DAYS = 30
RECENT_ARTICLES = 5000
KEY_TERMS = 30  # a story is found by its heaviest centroid terms
QUERY_TERMS = 20  # … looked up with an article's heaviest terms
SHORTLIST = 15  # stories sharing most key terms, compared by centroid
CANDIDATES = 6  # … the closest of which are compared in full
MEMBERS_COMPARED = 20  # a story's latest articles compared one by one


@dataclass
class Candidate:
    story_id: int
    features: list[float]
    probability: float


#: ``decide(candidates, features_of)`` → the story to join, or None for a new one. The default
#: takes the most probable candidate above the fitted threshold; ``benchmarks/fit_stories.py``
#: passes one that follows the gold stories (and asks ``features_of`` for a gold story the
#: search missed).
Decider = Callable[[list[Candidate], Callable[[int], list[float]]], int | None]


def _best(candidates: list[Candidate], features_of: Callable[[int], list[float]]) -> int | None:
    threshold = decision().threshold
    best = max(candidates, key=lambda c: c.probability, default=None)
    return best.story_id if best and best.probability >= threshold else None


class _Frequencies:
    """Document frequencies of the articles' words, read once per article."""

    def __init__(self, db: sqlite3.Connection, terms: Iterable[str], count: int) -> None:
        self.count = count
        self.df: dict[str, int] = {}
        terms = list(terms)
        for start in range(0, len(terms), 500):
            chunk = terms[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            self.df.update(db.execute(f"SELECT term, df FROM story_terms WHERE term IN ({marks})", chunk).fetchall())

    def idf(self, term: str) -> float:
        return math.log((self.count + 1) / (self.df.get(term, 0) + 1)) + 1.0


def _parse_day(published: str | None) -> date | None:
    value = day(published)
    try:
        parsed = date.fromisoformat(value) if value else None
    except ValueError:
        return None
    # a placeholder such as 0001-01-01 or 9999-12-31 is no day (and the window around it overflows)
    return parsed if parsed and 1000 < parsed.year < 9000 else None


def _member(data: str) -> sp.Member:
    raw = json.loads(data)
    return sp.Member(raw["vector"], raw["lead"], raw["names"])


def assign(db: sqlite3.Connection, article_id: int, article: Article, decide: Decider | None = None) -> int:
    """Put a newly stored article into a story (an existing one or its own); the story's id."""
    seq = (db.execute("SELECT MAX(seq) FROM story_members").fetchone()[0] or 0) + 1
    published = _parse_day(article.published)
    profile = sp.profile(article.title, article.text, published)
    db.executemany(
        "INSERT INTO story_terms (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1",
        [(term,) for term in profile.terms],
    )
    frequencies = _Frequencies(db, set(profile.terms) | set(profile.lead) | set(profile.names), seq)
    idf = frequencies.idf
    vector = sp.weighted(profile.terms, idf, sp.TOP_TERMS)
    lead = sp.weighted(profile.lead, idf, sp.TOP_LEAD)

    story_id = _story_of_copy(db, article_id)
    states: dict[int, sp.StoryState] = {}
    if story_id is None:

        def features_of(candidate: int) -> list[float]:
            state = states.get(candidate) or _state(db, candidate)
            members = [
                _member(row[0])
                for row in db.execute(
                    "SELECT profile FROM story_members WHERE story_id = ? ORDER BY seq DESC LIMIT ?",
                    (candidate, MEMBERS_COMPARED),
                )
            ]
            return sp.features(profile, vector, lead, state, members, idf)

        shortlist = _shortlist(db, vector, published, seq)
        for candidate, state in shortlist:
            states[candidate] = state
        model = decision()
        candidates = []
        for candidate, _ in shortlist[:CANDIDATES]:
            values = features_of(candidate)
            candidates.append(Candidate(candidate, values, model.probability(values)))
        story_id = (decide or _best)(candidates, features_of)

    if story_id is None:
        state = sp.StoryState()
    else:  # read once: the shortlist holds the candidates it compared
        state = states.get(story_id) or _state(db, story_id)
    state.add(profile, vector)
    state.trim()
    label = _label(state, idf)
    first = min(state.days).isoformat() if state.days else None
    last = max(state.days).isoformat() if state.days else None
    blob = json.dumps(state.to_json(), ensure_ascii=False, separators=(",", ":"))
    if story_id is None:
        cursor = db.execute(
            "INSERT INTO stories (first_seen, last_seen, last_seq, size, label, state) VALUES (?, ?, ?, ?, ?, ?)",
            (first, last, seq, state.size, label, blob),
        )
        story_id = int(cursor.lastrowid or 0)
    else:
        db.execute(
            "UPDATE stories SET first_seen = ?, last_seen = ?, last_seq = ?, size = ?, label = ?, state = ? "
            "WHERE id = ?",
            (first, last, seq, state.size, label, blob, story_id),
        )
        db.execute("DELETE FROM story_keys WHERE story_id = ?", (story_id,))
    keys = sorted(state.centroid, key=lambda t: -state.centroid[t])[:KEY_TERMS]
    db.executemany(
        "INSERT INTO story_keys (term, story_id, last_seen, last_seq) VALUES (?, ?, ?, ?)",
        [(t, story_id, last, seq) for t in keys],
    )
    member = {
        "vector": {k: round(v, 5) for k, v in vector.items()},
        "lead": {k: round(v, 5) for k, v in lead.items()},
        "names": dict(profile.names),
    }
    db.execute(
        "INSERT INTO story_members (article_id, story_id, seq, profile) VALUES (?, ?, ?, ?)",
        (article_id, story_id, seq, json.dumps(member, ensure_ascii=False, separators=(",", ":"))),
    )
    return story_id


def _story_of_copy(db: sqlite3.Connection, article_id: int) -> int | None:
    """The story of an article this one is a syndicated copy of: copies are one story."""
    row = db.execute(
        "SELECT m.story_id FROM copy_groups g JOIN copy_groups o ON o.group_id = g.group_id "
        "JOIN story_members m ON m.article_id = o.article_id WHERE g.article_id = ? ORDER BY m.seq LIMIT 1",
        (article_id,),
    ).fetchone()
    return int(row[0]) if row else None


def _state(db: sqlite3.Connection, story_id: int) -> sp.StoryState:
    (blob,) = db.execute("SELECT state FROM stories WHERE id = ?", (story_id,)).fetchone()
    return sp.StoryState.from_json(json.loads(blob))


def _shortlist(
    db: sqlite3.Connection, vector: dict[str, float], published: date | None, seq: int
) -> list[tuple[int, sp.StoryState]]:
    """Active stories sharing the article's heaviest words, closest centroid first."""
    terms = sorted(vector, key=lambda t: -vector[t])[:QUERY_TERMS]
    if not terms:
        return []
    marks = ", ".join("?" * len(terms))
    recent = seq - RECENT_ARTICLES
    # each lookup walks one index range per word: the stories touched lately, not every story
    undated = f"SELECT story_id FROM story_keys WHERE term IN ({marks}) AND last_seen IS NULL AND last_seq > ?"
    if published:
        low = (published - timedelta(days=WINDOW_DAYS)).isoformat()
        high = (published + timedelta(days=WINDOW_DAYS)).isoformat()
        # a story that began after the window (articles arriving out of order) is not active either
        dated = (
            f"SELECT k.story_id FROM story_keys k JOIN stories s ON s.id = k.story_id "
            f"WHERE k.term IN ({marks}) AND k.last_seen >= ? AND s.first_seen <= ?"
        )
        hits = db.execute(f"{dated} UNION ALL {undated}", [*terms, low, high, *terms, recent]).fetchall()
    else:
        hits = db.execute(
            f"SELECT story_id FROM story_keys WHERE term IN ({marks}) AND last_seq > ?", [*terms, recent]
        ).fetchall()
    shared = Counter(int(r[0]) for r in hits)
    scored = []
    for story_id in sorted(shared, key=lambda s: (-shared[s], s))[:SHORTLIST]:
        state = _state(db, story_id)
        norm = math.sqrt(sum(v * v for v in state.centroid.values())) or 1.0
        scored.append((sp.dot(vector, state.centroid) / norm, story_id, state))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [(story_id, state) for _, story_id, state in scored]


def _label(state: sp.StoryState, idf: Callable[[str], float]) -> str:
    """The story's top names and words, e.g. "Sukanya · Aden · pirates · navy"."""
    names = [w for w, _ in sorted(state.names.items(), key=lambda kv: (-kv[1] * idf(kv[0]), kv[0]))[:3]]
    ranked = sorted(state.centroid, key=lambda t: -state.centroid[t])
    terms = [t for t in ranked if t not in names and not t[0].isdigit()][: 5 - len(names)]
    return " · ".join(w.title() if w in state.names else w for w in names + terms)


def stories_of(db: sqlite3.Connection, article_ids: Iterable[int]) -> dict[int, int]:
    ids = list(article_ids)
    out: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        out.update(db.execute(f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({marks})", chunk))
    return out


def unassigned(db: sqlite3.Connection) -> list[int]:
    """Articles stored before stories were kept, in publication order (undated first, by id)."""
    return [
        int(r[0])
        for r in db.execute(
            "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL ORDER BY COALESCE(a.published_day, ''), a.id"
        )
    ]


def clear(db: sqlite3.Connection) -> None:
    """Forget every story (``recluster`` rebuilds them in publication order)."""
    for table in ("story_keys", "story_members", "stories", "story_terms"):
        db.execute(f"DELETE FROM {table}")


def count(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT COUNT(*) FROM stories").fetchone()[0])


def summaries(
    db: sqlite3.Connection, story_ids: Iterable[int] | None = None, limit: int | None = None, offset: int = 0
) -> list[dict[str, Any]]:
    """A page of story summaries (label, first and last day, size, outlets): of ``story_ids`` in
    their order, or of every story, biggest first."""
    columns = "SELECT s.id, s.label, s.first_seen, s.last_seen, s.size FROM stories s"
    if story_ids is not None:
        ids = list(story_ids)[offset : None if limit is None else offset + limit]
        if not ids:
            return []
        by_id = {r[0]: r for r in db.execute(f"{columns} WHERE s.id IN ({', '.join('?' * len(ids))})", ids)}
        rows = [by_id[i] for i in ids if i in by_id]
    else:
        rows = db.execute(
            f"{columns} ORDER BY s.size DESC, s.last_seen DESC, s.id LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        ).fetchall()
    found = []
    for story_id, label, first, last, size in rows:
        outlets = Counter(
            r[0]
            for r in db.execute(
                "SELECT COALESCE(a.publisher, '') FROM story_members m JOIN articles a ON a.id = m.article_id "
                "WHERE m.story_id = ?",
                (story_id,),
            )
        )
        found.append(
            {
                "id": int(story_id),
                "label": label,
                "first_seen": first,
                "last_seen": last,
                "articles": int(size),
                "outlets": [name for name, _ in outlets.most_common() if name],
            }
        )
    return found
