"""Syndicated copies: the articles that are one story's text republished, as they arrive.

Candidates come from MinHash LSH over 5-word shingles (datasketch), among the articles of the
last ``window`` days; a candidate is a copy when most of the shorter text's shingles are in the
other one (containment, so a copy cut after its fourth paragraph still counts). Copies are
grouped transitively; each group's canonical copy is the wire original: the earliest with an
agency dateline ("LONDON (Reuters) -"), else the earliest.

The LSH threshold is low on purpose: it only proposes pairs, each checked exactly. Tuned on
``shared/data/copies-dev`` (``benchmarks/copies.py``): an LSH threshold of 0.1 and a
containment of 0.5 give pair precision 100.0 and recall 98.9 there.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from ..fingerprints import (
    LSH_THRESHOLD,
    MIN_CONTAINMENT,
    NUM_PERM,
    WINDOW_DAYS,
    containment,
    has_agency_dateline,
    shingles,
    signature,
)


@dataclass
class _Seen:
    key: str
    shingles: frozenset[str]
    published: datetime | None
    order: int
    wire: bool


@dataclass
class CopyFinder:
    """Group articles into copies of one text, one article at a time (in publication order).

    ``add`` returns the keys of the earlier articles the new one copies. Articles older than the
    window (by publication date) are dropped from the index, so the cost of an article does not
    grow with how many came before.
    """

    window: timedelta = field(default_factory=lambda: timedelta(days=WINDOW_DAYS))
    lsh_threshold: float = LSH_THRESHOLD
    min_containment: float = MIN_CONTAINMENT

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=self.lsh_threshold, num_perm=NUM_PERM)
        self._seen: dict[str, _Seen] = {}
        self._parent: dict[str, str] = {}
        self._order = 0
        self._queue: deque[tuple[datetime, str]] = deque()

    def add(self, key: str, text: str, published: datetime | None = None) -> list[str]:
        """Index one article; the earlier articles it is a copy of."""
        if key in self._seen:
            raise ValueError(f"article {key!r} was added already")
        if published is not None and published.tzinfo is not None:
            published = published.astimezone(UTC).replace(tzinfo=None)  # one clock for all: UTC
        self._forget_before(published)
        own = shingles(text)
        minhash = signature(own)
        copies = []
        for other in self._lsh.query(minhash) if own else ():
            seen = self._seen[other]
            if self._in_window(seen.published, published) and containment(own, seen.shingles) >= self.min_containment:
                copies.append(other)
        self._seen[key] = _Seen(key, own, published, self._order, has_agency_dateline(text))
        if published is not None:
            self._queue.append((published, key))
        self._order += 1
        self._parent[key] = key
        if own:
            self._lsh.insert(key, minhash)
        for other in copies:
            self._union(key, other)
        return copies

    def group_of(self, key: str) -> str:
        """The group's id: the key of its first article."""
        root = key
        while self._parent[root] != root:
            self._parent[root] = self._parent[self._parent[root]]
            root = self._parent[root]
        return root

    def groups(self) -> dict[str, list[str]]:
        """Each group of two or more articles, by group id, its articles in the order they came."""
        members: dict[str, list[str]] = {}
        for key in self._parent:
            members.setdefault(self.group_of(key), []).append(key)
        return {group: keys for group, keys in members.items() if len(keys) > 1}

    def canonical(self, keys: Iterable[str]) -> str:
        """The wire original among ``keys``: the first with an agency dateline, else the first."""
        seen = sorted((self._seen[k] for k in keys), key=lambda s: s.order)
        wire = [s for s in seen if s.wire]
        return (wire or seen)[0].key

    def _union(self, a: str, b: str) -> None:
        root_a, root_b = self.group_of(a), self.group_of(b)
        if root_a != root_b:
            # the earlier article's root stays the group's id
            first, second = sorted((root_a, root_b), key=lambda k: self._seen[k].order)
            self._parent[second] = first

    def _in_window(self, earlier: datetime | None, later: datetime | None) -> bool:
        return earlier is None or later is None or abs(later - earlier) <= self.window

    def _forget_before(self, published: datetime | None) -> None:
        """Drop from the LSH index what fell out of the window (groups and canonical data stay).

        Articles come in publication order, so the oldest are at the queue's left; one that came
        late leaves when the ones before it have.
        """
        if published is None:
            return
        cutoff = published - self.window
        while self._queue and self._queue[0][0] < cutoff:
            _, key = self._queue.popleft()
            if key in self._lsh:
                self._lsh.remove(key)
            self._seen[key].shingles = frozenset()
