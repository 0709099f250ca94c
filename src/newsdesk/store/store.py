"""``Store``: articles in SQLite (WAL, FTS5), one writer, many readers.

The vocabulary is small on purpose: ``add``, ``get``, ``search``, iteration, ``stats``. Every
write happens in a short explicit transaction, so a reader (a notebook, ``newsdesk search``)
sees whole articles only, even while an ingest is writing, and a killed process leaves either
the whole article or nothing.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from ..errors import QueryTimeout, StoreError
from ..extract.published import as_published
from ..model import Article
from . import aggregates, copies, facts, stories
from .filters import Filters, article_facets, day, language, match_sql
from .migrations import migrate
from .query_text import bounded, bounded_fts, explain_fts_error

#: The largest row id SQLite can hold.
MAX_ID = 2**63 - 1
#: Where the store lives unless ``--db`` or ``Store(path)`` says otherwise.
DEFAULT_PATH = "newsdesk.db"
#: A time limit on CPU also bounds the clock, at this many times the limit (see ``Store.time_limit``).
WAIT_FACTOR = 10
_ARTICLE_COLUMNS = (
    "content_hash, url_key, previous_id, title, text, published, published_day, publisher, agency, language, facets, "
    "section, dateline, source_url, source_path, fetched_at, raw_sha256, ingested_at, data, analyzer"
)


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SearchResult:
    id: int
    title: str | None
    published: str | None
    publisher: str | None
    agency: str | None
    url: str | None
    snippet: str
    score: float | None


#: Ranking: BM25 with the title weighted five times the body; facets do not count.
_RANK = "bm25(articles_fts, 5.0, 1.0, 0.0)"


def _source_key(source_id: str | None) -> str | None:
    """An article known by the id its input gave it, where it has no URL."""
    return f"id:{source_id}" if source_id else None


def content_hash(article: Article, url_key: str | None = None) -> str:
    """The identity of an article's content (its title and clean text), at a URL when given."""
    where = f"{url_key}\n" if url_key else ""
    return hashlib.sha256(f"{where}{article.title or ''}\n{article.text}".encode()).hexdigest()


def check_writable(db: sqlite3.Connection) -> None:
    """Fail now, before any work, when the store cannot take a write (a read-only file, folder
    or file system): one write is made and rolled back at once."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute(f"PRAGMA user_version = {int(version)}")  # a real write, undone below
    except sqlite3.OperationalError as exc:
        raise StoreError(f"the store cannot be written ({exc}); check its file and folder permissions") from exc
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")


class Store:
    """An embedded article store in one SQLite file (created and migrated on first use)."""

    def __init__(self, path: str | Path = DEFAULT_PATH, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self._time_limit: float | None = None
        self._timed_out = False
        #: how ``insert`` picks an article's story; None: the fitted decision (see store.stories)
        self.story_decider: stories.Decider | None = None
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path} (run `newsdesk ingest` first)")
                self.db = sqlite3.connect(
                    # the path quoted: a "#" or "?" in a file name is part of the name, not URI syntax
                    f"file:{quote(str(self.path.resolve()))}?mode=ro",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
            else:
                self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=10000")
            self.db.execute("PRAGMA foreign_keys=ON")
            if not readonly:
                migrate(self.db)
                check_writable(self.db)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {exc}") from exc
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def add(self, articles: Iterable[Article]) -> dict[str, int]:
        """Store articles; returns counts of ``new``, ``duplicate`` and ``version`` (changed URL)."""
        counts = {"new": 0, "duplicate": 0, "version": 0}
        for article in articles:
            with self.transaction():
                status, _ = self.insert(article)
            counts[status] += 1
        return counts

    def transaction(self) -> _Transaction:
        """``with store.transaction():`` — one atomic write (BEGIN IMMEDIATE … COMMIT)."""
        return _Transaction(self.db)

    def insert(self, article: Article, analyzer: str | None = None) -> tuple[str, int]:
        """Insert within the caller's transaction: ``("new"|"version"|"duplicate", id)``.

        A page is known by its URL: the same URL with the same content is a duplicate, with other
        content a new version. The same text under another URL is another outlet's article (the
        strongest evidence of a syndicated copy), so it is kept. Without a URL, the content is
        the identity.
        """
        article = _dated(article)
        url_key = article.canonical_url or article.origin.url or _source_key(article.origin.source_id)
        digest = content_hash(article)
        if url_key:
            keyed = content_hash(article, url_key)
            row = self.db.execute(
                "SELECT id FROM articles WHERE url_key = ? AND content_hash IN (?, ?)", (url_key, digest, keyed)
            ).fetchone()  # stores made before URLs took part in the hash hold the plain one
            digest = keyed
        else:
            row = self.db.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if row:
            return "duplicate", int(row[0])
        previous = None
        if url_key:
            found = self.db.execute(
                "SELECT id FROM articles WHERE url_key = ? ORDER BY id DESC LIMIT 1", (url_key,)
            ).fetchone()
            previous = int(found[0]) if found else None
        origin = article.origin
        values = (
            digest,
            url_key,
            previous,
            article.title,
            article.text,
            article.published,
            day(article.published),
            article.publisher,
            article.agency,
            language(article.language),
            article_facets(article),
            article.section,
            article.dateline,
            origin.url,
            origin.path,
            origin.fetched_at,
            origin.sha256,
            datetime.now(UTC).isoformat(timespec="seconds"),
            json.dumps(_without_text(article), ensure_ascii=False),
            analyzer,
        )
        cursor = self.db.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES ({', '.join('?' * len(values))})", values
        )
        article_id = int(cursor.lastrowid or 0)
        self.db.executemany(
            "INSERT OR IGNORE INTO article_tags (article_id, tag) VALUES (?, ?)",
            [(article_id, tag) for tag in article.tags],
        )
        facts.insert(self.db, article_id, article)
        if article.origin.source_id:
            self.db.execute(
                "INSERT OR IGNORE INTO source_ids (source_id, article_id) VALUES (?, ?)",
                (article.origin.source_id, article_id),
            )
        copies.index_article(self.db, article_id, article, url_key)
        stories.assign(self.db, article_id, article, self.story_decider)
        return ("version" if previous else "new"), article_id

    def find_id(self, key: str) -> int | None:
        """The store id of an article named by its store id or by the id its input gave it."""
        row = self.db.execute("SELECT article_id FROM source_ids WHERE source_id = ?", (key,)).fetchone()
        if row:
            return int(row[0])
        if key.isdigit() and self.db.execute("SELECT 1 FROM articles WHERE id = ?", (int(key),)).fetchone():
            return int(key)
        return None

    def source_ids(self, article_ids: Iterable[int]) -> dict[int, str]:
        """The ids their inputs gave these articles, where they had one."""
        ids = list(article_ids)
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        rows = self.db.execute(f"SELECT article_id, source_id FROM source_ids WHERE article_id IN ({marks})", ids)
        return {int(a): str(s) for a, s in rows}

    def copy_groups(self, of: Iterable[int] | None = None) -> list[tuple[int, int, int]]:
        """``(article_id, group_id, canonical_id)`` of every grouped article, or of the groups of ``of``."""
        return self._reading(lambda: copies.groups(self.db, of))

    def index_copies(self) -> int:
        """Find the copies of articles stored before copies were kept (one transaction each);
        how many were indexed."""
        todo = copies.unindexed(self.db)
        for article_id in todo:
            row = self.db.execute("SELECT text, data, url_key FROM articles WHERE id = ?", (article_id,)).fetchone()
            with self.transaction():
                copies.index_article(self.db, article_id, _article(row[0], row[1]), row[2])
        return len(todo)

    def index_stories(self) -> int:
        """Put every article without a story into one, in publication order (one transaction
        each); how many. After ``clear_stories`` this rebuilds every story: a backfill."""
        todo = stories.unassigned(self.db)
        for article_id in todo:
            row = self.db.execute("SELECT text, data FROM articles WHERE id = ?", (article_id,)).fetchone()
            with self.transaction():
                stories.assign(self.db, article_id, _article(row[0], row[1]), self.story_decider)
        return len(todo)

    def clear_stories(self) -> None:
        """Forget every story, in one transaction (``index_stories`` then rebuilds them)."""
        with self.transaction():
            stories.clear(self.db)

    def story_ids(self, query: str | None = None, filters: Filters | None = None) -> list[int]:
        """Stories with articles matching a full-text query and filters, most matching first."""

        def read() -> list[int]:
            sql, params = match_sql("a.id", query, filters or Filters())
            rows = self.db.execute(
                f"SELECT m.story_id, COUNT(*) AS n FROM story_members m WHERE m.article_id IN ({sql}) "
                "GROUP BY m.story_id ORDER BY n DESC, m.story_id",
                params,
            )
            return [int(r[0]) for r in rows]

        return self._reading(read, query)

    def stories(
        self, story_ids: Iterable[int] | None = None, limit: int | None = None, offset: int = 0
    ) -> list[dict[str, Any]]:
        """A page of story summaries (label, first and last seen, size, outlets): of ``story_ids``
        in their order, or of every story, biggest first."""
        return self._reading(lambda: stories.summaries(self.db, story_ids, limit, offset))

    def story_count(self) -> int:
        return stories.count(self.db)

    def articles_without_story(self) -> int:
        """How many stored articles are in no story (stored before stories were kept)."""
        (articles,) = self.db.execute("SELECT COUNT(*) FROM articles").fetchone()
        (placed,) = self.db.execute("SELECT COUNT(*) FROM story_members").fetchone()
        return int(articles) - int(placed)

    def story_members(self, story_id: int) -> list[tuple[int, str | None, str | None, str | None]]:
        """``(article_id, published, publisher, title)`` of a story's articles in publication order."""
        rows = self.db.execute(
            "SELECT a.id, a.published, a.publisher, a.title FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY COALESCE(a.published_day, ''), m.seq",
            (story_id,),
        )
        return [(int(r[0]), r[1], r[2], r[3]) for r in rows]

    def story_of(self, article_ids: Iterable[int]) -> dict[int, int]:
        """The story of each of these articles (articles stored before stories were kept have none)."""
        return stories.stories_of(self.db, article_ids)

    def figures(
        self,
        about: str | None = None,
        kind: str | None = None,
        filters: Filters | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
        min_confidence: float | None = None,
    ) -> list[dict[str, Any]]:
        """Figures, newest articles first; ``about`` matches what they measure or their sentence.

        ``since``/``until`` of the filters apply to the figure's own time when it has one, else to
        the article's publication day; ``min_confidence`` keeps figures at least that sure.
        """
        bounded(about, "--about text")
        return self._reading(
            lambda: facts.figures(self.db, about, kind, filters or Filters(), limit, offset, min_confidence)
        )

    def facts(self, *args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        """Deprecated name of ``figures`` (removed in 2.0)."""
        warnings.warn("Store.facts is deprecated; use Store.figures", DeprecationWarning, stacklevel=2)
        return self.figures(*args, **kwargs)

    def quotes(
        self,
        speaker: str | None = None,
        query: str | None = None,
        filters: Filters | None = None,
        *,
        kind: str | None = None,
        limit: int = 50,
        offset: int = 0,
        exact_speaker: str | None = None,
        min_confidence: float | None = None,
        named_only: bool = False,
    ) -> list[dict[str, Any]]:
        """Quotes, newest articles first; ``speaker`` matches part of the resolved or written
        speaker, ``exact_speaker`` an entity's canonical name; ``query`` is full-text (FTS5
        syntax) over the quoted words; ``min_confidence`` keeps attributions at least that sure;
        ``named_only`` those whose speaker is resolved to a name ("she" → "Barack Obama")."""
        bounded(speaker, "speaker"), bounded_fts(query), bounded(exact_speaker, "speaker")
        return self._reading(
            lambda: facts.quotes(
                self.db,
                speaker,
                query,
                filters or Filters(),
                kind,
                limit,
                offset,
                exact_speaker,
                min_confidence,
                named_only,
            ),
            query,
        )

    def entities(
        self,
        name: str | None = None,
        label: str | None = None,
        filters: Filters | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Entities with the number of articles and mentions, most covered first; ``name`` is part of one."""
        bounded(name, "entity name")
        return self._reading(lambda: facts.entities(self.db, name, label, filters or Filters(), limit, offset))

    def replace_facts(self, article_id: int, article: Article, analyzer: str) -> None:
        """Put a re-analysed article's facts in place of its old ones (within the caller's transaction).

        The text is not touched: facts point into it, and re-analysis never changes it.
        """
        facts.delete(self.db, article_id)
        self.db.execute(
            "UPDATE articles SET data = ?, analyzer = ? WHERE id = ?",
            (json.dumps(_without_text(article), ensure_ascii=False), analyzer, article_id),
        )
        facts.insert(self.db, article_id, article)

    def analysed_with(self, filters: Filters | None = None) -> Iterator[tuple[int, str | None]]:
        """``(id, analyzer)`` of every stored article the filters keep, oldest first."""
        sql, params = match_sql("a.id, a.analyzer", None, filters or Filters())
        rows = self.db.execute(
            sql + " ORDER BY a.id", params
        ).fetchall()  # ids only: small, and safe to write meanwhile
        for row in rows:
            yield int(row[0]), row[1]

    def record_source(self, key: str, raw_sha256: str, status: str, article_id: int | None, reason: str | None) -> None:
        """Remember an input (within the caller's transaction) so a rerun can skip it."""
        self.db.execute(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?)",
            (key, raw_sha256, status, article_id, reason, datetime.now(UTC).isoformat(timespec="seconds")),
        )

    def seen(self, key: str, raw_sha256: str) -> bool:
        """True when this exact input was ingested or skipped before (failures are retried)."""
        row = self.db.execute(
            "SELECT 1 FROM sources WHERE source_key = ? AND raw_sha256 = ? AND status != 'failed'", (key, raw_sha256)
        ).fetchone()
        return row is not None

    def seen_key(self, key: str) -> bool:
        """True when an input with this key (e.g. a URL) was ingested before, whatever its bytes."""
        row = self.db.execute("SELECT 1 FROM sources WHERE source_key = ? AND status != 'failed' LIMIT 1", (key,))
        return row.fetchone() is not None

    # -- reading ---------------------------------------------------------------------------

    def get(self, article_id: int) -> Article | None:
        """The stored Article with this id, or None."""
        if not 0 < article_id <= MAX_ID:
            return None  # SQLite ids are 64-bit: a larger number names no article
        row = self._reading(
            lambda: self.db.execute("SELECT text, data FROM articles WHERE id = ?", (article_id,)).fetchone()
        )
        return _article(row[0], row[1]) if row else None

    def __iter__(self) -> Iterator[Article]:
        """Every stored article, oldest first, streamed."""
        for _, article in self.select():
            yield article

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article_ids(self, filters: Filters) -> list[int]:
        """The ids of the articles the filters keep (no article is read)."""
        sql, params = match_sql("a.id", None, filters)
        return self._reading(lambda: [int(row[0]) for row in self.db.execute(sql, params)])

    def select(self, query: str | None = None, filters: Filters | None = None) -> Iterator[tuple[int, Article]]:
        """Stream ``(id, Article)`` matching a query and filters (no limit), for exports."""
        sql, params = match_sql("a.id, a.text, a.data", query, filters or Filters())
        order = " ORDER BY a.id"
        try:
            cursor = self.db.execute(sql + order, params)
            for row in cursor:
                yield int(row[0]), _article(row[1], row[2])
        except sqlite3.OperationalError as exc:
            raise self._query_error(exc, query) from exc

    def search(
        self,
        query: str | None = None,
        filters: Filters | None = None,
        *,
        limit: int = 20,
        offset: int = 0,
        marks: tuple[str, str] = ("[", "]"),
        **filter_values: str | None,
    ) -> list[SearchResult]:
        """Ranked results (FTS5 syntax: phrases, AND/OR/NOT, prefix*) with highlighted snippets.

        Filters come as a ``Filters`` or as keywords: ``since``, ``until``, ``publisher``,
        ``agency``, ``language``, ``tag``, ``entity``. ``marks`` enclose the matched words.
        """
        bounded_fts(query)
        filters = filters or Filters(**filter_values)
        columns = "a.id, a.title, a.published, a.publisher, a.agency, coalesce(a.url_key, a.source_url)"
        try:
            if not query:
                sql, params = match_sql(f"{columns}, substr(a.text, 1, 160), NULL", None, filters)
                sql += " ORDER BY a.published_day DESC, a.id DESC LIMIT ? OFFSET ?"
                rows = self.db.execute(sql, [*params, limit, offset]).fetchall()
                return [SearchResult(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6] or "", None) for r in rows]
            # Rank first, reading only the small filter columns; snippets only for the page shown.
            sql, params = match_sql(f"a.id, {_RANK}", query, filters)
            ranked = self.db.execute(f"{sql} ORDER BY 2 LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
            if not ranked:
                return []
            ids = [int(r[0]) for r in ranked]
            rows = self.db.execute(
                f"SELECT {columns}, snippet(articles_fts, 1, ?, ?, ' … ', 16) FROM articles_fts "
                f"CROSS JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? "
                f"AND articles_fts.rowid IN ({', '.join('?' * len(ids))})",
                [*marks, query, *ids],
            ).fetchall()
        except sqlite3.OperationalError as exc:
            raise self._query_error(exc, query) from exc
        by_id = {int(r[0]): r for r in rows}
        scores = {int(r[0]): float(r[1]) for r in ranked}
        return [
            SearchResult(i, r[1], r[2], r[3], r[4], r[5], r[6] or "", scores[i])
            for i in ids
            if (r := by_id.get(i)) is not None
        ]

    def count(self, query: str | None = None, filters: Filters | None = None) -> int:
        """How many articles a search matches."""
        bounded_fts(query)
        return self._reading(lambda: aggregates.count(self.db, query, filters or Filters()), query)

    def timeline(self, query: str | None = None, filters: Filters | None = None) -> list[tuple[str, int]]:
        """Matching articles per publication day: attention over time."""
        bounded_fts(query)
        return self._reading(lambda: aggregates.timeline(self.db, query, filters or Filters()), query)

    def facets(
        self, query: str | None = None, filters: Filters | None = None
    ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """How many articles match, and their top publishers, agencies, months, tags and entities."""
        bounded_fts(query)
        return self._reading(lambda: aggregates.facets(self.db, query, filters or Filters()), query)

    def summary(self, query: str | None = None, filters: Filters | None = None) -> aggregates.Summary:
        """The total, facets, matches per day and number of stories of a search, in one pass."""
        bounded_fts(query)
        return self._reading(lambda: aggregates.summary(self.db, query, filters or Filters()), query)

    def entity(self, name: str) -> dict[str, Any] | None:
        """An entity's profile across the store (None when no article mentions it)."""
        bounded(name, "entity name")
        return self._reading(lambda: aggregates.entity_profile(self.db, name))

    def time_limit(self, seconds: float | None) -> None:
        """Abort a statement of this connection once its statements together have used ``seconds``
        of CPU time, or have taken ``WAIT_FACTOR`` times that on the clock (None: no limit).

        CPU time, not the clock: a busy server runs eight requests on two cores, and a search that
        needs 0.2 s of work takes a second there; timed by the clock, it failed exactly when many
        people searched. The clock bound remains for a statement that waits on the disk instead.
        """
        self._time_limit = seconds
        if seconds is None:
            self.db.set_progress_handler(None, 0)
            return
        wall_deadline = time.monotonic() + seconds * WAIT_FACTOR
        used = 0.0
        last: dict[int, float] = {}  # per thread: a request's statements may run in several

        def over_time() -> int:
            nonlocal used
            thread, now = threading.get_ident(), time.thread_time()
            used += now - last.get(thread, now)
            last[thread] = now
            self._timed_out = used > seconds or time.monotonic() > wall_deadline
            return int(self._timed_out)

        # Checked every 1,000 SQLite virtual-machine steps (microseconds): a non-zero answer interrupts.
        self.db.set_progress_handler(over_time, 1_000)

    def _reading(self, read: Callable[[], T], query: str | None = None) -> T:
        """Run a read, turning SQLite's errors into ours (a timeout, or a malformed query)."""
        try:
            return read()
        except sqlite3.OperationalError as exc:
            raise self._query_error(exc, query) from exc

    def _query_error(self, exc: sqlite3.OperationalError, query: str | None) -> StoreError:
        if self._timed_out:  # our progress handler stopped the statement, whatever SQLite's message
            return QueryTimeout(f"the query took longer than the {self._time_limit:g} s limit")
        if query:  # in our words: SQLite's ("fts5: syntax error near …") helps no reader
            return StoreError(explain_fts_error(query))
        return StoreError(str(exc))

    def stats(self) -> dict[str, list[tuple[str, int]]]:
        """Article counts by publication day, publisher and agency."""
        out: dict[str, list[tuple[str, int]]] = {}
        for name, column in (("day", "published_day"), ("publisher", "publisher"), ("agency", "agency")):
            rows = self.db.execute(
                f"SELECT coalesce({column}, '(unknown)'), count(*) FROM articles GROUP BY 1 "
                f"ORDER BY {'1' if name == 'day' else '2 DESC, 1'}"
            ).fetchall()
            out[name] = [(str(r[0]), int(r[1])) for r in rows]
        return out


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _dated(article: Article) -> Article:
    """The article with ``published`` in ISO 8601, the way it was written kept beside it: the
    store filters, facets and plots by day, and an Article from the Python API may say
    "July 31, 2012"."""
    if not article.published or day(article.published):
        return article
    published, as_written = as_published(article.published, article.origin.fetched_at)
    return dataclasses.replace(article, published=published, published_as_written=as_written)


def _without_text(article: Article) -> dict[str, Any]:
    # The text lives in its own column (indexed by FTS5); keeping it in the JSON too doubled the file.
    data = article.to_dict()
    del data["text"]
    return data


def _article(text: str, data: str) -> Article:
    return Article.from_dict({**json.loads(data), "text": text})
