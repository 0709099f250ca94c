"""Schema changes as named functions, applied in order, each in its own transaction.

Facts from later stages (entities, quotes, numeric facts, dates) attach to ``articles.id`` with
character offsets into ``articles.text``: the text stored here is exactly ``Article.text``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from ..extract.published import as_published


def m001_articles() -> str:
    """Articles with their provenance, tags, full-text index, and the record of inputs seen."""
    return """
        CREATE TABLE articles (
            -- Small filter columns first, the long text last: SQLite reads a row's columns in
            -- order, so a filter on published_day must not walk the text's overflow pages.
            id INTEGER PRIMARY KEY,
            published_day TEXT,                     -- YYYY-MM-DD of published, for range filters
            publisher TEXT,
            agency TEXT,
            language TEXT,
            facets TEXT,                            -- filter values as FTS tokens (see store.facet_tokens)
            content_hash TEXT NOT NULL UNIQUE,      -- sha256 of (URL +) title + text: one row per page content
            url_key TEXT,                           -- canonical URL, else the URL: versions share it
            previous_id INTEGER REFERENCES articles(id),  -- the older version of the same URL
            published TEXT,
            title TEXT,
            section TEXT,
            dateline TEXT,
            source_url TEXT,
            source_path TEXT,
            source_record TEXT,                     -- e.g. the WARC record offset
            fetched_at TEXT,
            raw_sha256 TEXT,
            ingested_at TEXT NOT NULL,
            text TEXT NOT NULL,                     -- exactly Article.text: facts point into it
            data TEXT NOT NULL                      -- the Article JSON (schema 1.x) less its text
        );
        CREATE INDEX articles_url_key ON articles(url_key);
        CREATE INDEX articles_published_day ON articles(published_day);
        CREATE INDEX articles_publisher_day ON articles(publisher COLLATE NOCASE, published_day);
        CREATE INDEX articles_agency_day ON articles(agency COLLATE NOCASE, published_day);
        CREATE TABLE article_tags (
            article_id INTEGER NOT NULL REFERENCES articles(id),
            tag TEXT NOT NULL,
            PRIMARY KEY (tag, article_id)
        ) WITHOUT ROWID;
        -- facets: publisher, agency, language, tags and month as tokens, so a filtered search is
        -- one posting-list intersection inside FTS5 instead of a check on every matching row.
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, facets, content='articles', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text, facets) VALUES (new.id, new.title, new.text, new.facets);
        END;
        CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text, facets)
            VALUES ('delete', old.id, old.title, old.text, old.facets);
        END;
        -- Every input seen, keyed by where it came from and its bytes: a rerun skips them, so an
        -- interrupted ingest resumes where it stopped. Written in the article's transaction.
        CREATE TABLE sources (
            source_key TEXT NOT NULL,
            raw_sha256 TEXT NOT NULL,
            status TEXT NOT NULL,                   -- new | duplicate | skipped | failed
            article_id INTEGER REFERENCES articles(id),
            reason TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (source_key, raw_sha256)
        );
    """


def m002_facts() -> str:
    """Facts from the analysis stages, one row each, pointing into ``articles.text`` by offsets."""
    return """
        CREATE TABLE time_expressions (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,                 -- character offsets into articles.text
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            start_date TEXT,                        -- resolved range, inclusive ISO dates
            end_date TEXT,
            granularity TEXT NOT NULL
        );
        CREATE INDEX time_expressions_article ON time_expressions(article_id);
        CREATE INDEX time_expressions_start_date ON time_expressions(start_date);
        CREATE TABLE numeric_facts (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            value REAL NOT NULL,
            kind TEXT NOT NULL,
            unit TEXT,
            qualifier TEXT,
            measures TEXT,
            base TEXT,
            change TEXT,
            time_text TEXT,
            time_start TEXT,
            time_end TEXT,
            sentence TEXT NOT NULL                  -- the sentence it stands in, for --about and display
        );
        CREATE INDEX numeric_facts_article ON numeric_facts(article_id);
        CREATE INDEX numeric_facts_kind_time ON numeric_facts(kind, time_start);
    """


def m003_entities_quotes() -> str:
    """Entities and quotes of each article; quotes searchable by their words and speaker."""
    return """
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            name TEXT NOT NULL,                     -- the canonical name within the article
            label TEXT NOT NULL,                    -- person | organization | place | group | facility
            roles TEXT NOT NULL,                    -- JSON list of titles ("US Secretary of State")
            mentions TEXT NOT NULL,                 -- JSON list of [start, end]
            mention_count INTEGER NOT NULL
        );
        CREATE INDEX entities_article ON entities(article_id);
        CREATE INDEX entities_name ON entities(name COLLATE NOCASE, label);
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,                     -- direct | mixed | indirect
            fragments TEXT NOT NULL,                -- JSON list of [start, end]; empty when one piece
            cue TEXT,
            cue_start INTEGER,
            speaker_text TEXT,                      -- as written: "he"
            speaker_start INTEGER,
            speaker_end INTEGER,
            speaker_name TEXT                       -- resolved: "Marco Rubio"
        );
        CREATE INDEX quotes_article ON quotes(article_id);
        CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE);
        CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, speaker_name, speaker_text, content='quotes', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text, speaker_name, speaker_text)
            VALUES (new.id, new.text, new.speaker_name, new.speaker_text);
        END;
        CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name, speaker_text)
            VALUES ('delete', old.id, old.text, old.speaker_name, old.speaker_text);
        END
    """


def m004_figure_ranges() -> str:
    """The upper end of a range figure ("$6–8 billion")."""
    return "ALTER TABLE numeric_facts ADD COLUMN value_max REAL"


def m005_entity_stats() -> str:
    """Articles and mentions per entity, kept up to date on insert: the entity list without a scan."""
    return """
        CREATE TABLE entity_stats (
            name TEXT NOT NULL COLLATE NOCASE,
            label TEXT NOT NULL,
            articles INTEGER NOT NULL,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (name, label)
        );
        CREATE INDEX entity_stats_articles ON entity_stats(articles DESC, mentions DESC);
        INSERT INTO entity_stats (name, label, articles, mentions)
            SELECT name, label, count(DISTINCT article_id), sum(mention_count) FROM entities
            GROUP BY name COLLATE NOCASE, label
    """


def m006_one_name_per_concept() -> str:
    """Figures are ``figures`` everywhere; a quote's cue is a span with its text, as in the Article JSON;
    the never-written ``source_record`` column goes."""
    return """
        ALTER TABLE numeric_facts RENAME TO figures;
        ALTER TABLE quotes RENAME COLUMN cue TO cue_text;
        ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
        UPDATE quotes SET cue_end = cue_start + length(cue_text) WHERE cue_start IS NOT NULL;
        ALTER TABLE articles DROP COLUMN source_record
    """


def m007_confidence_and_analyzer() -> str:
    """Each fact's confidence, and the analysis stages (with versions) that made an article's facts."""
    return """
        ALTER TABLE time_expressions ADD COLUMN confidence REAL;
        ALTER TABLE figures ADD COLUMN confidence REAL;
        ALTER TABLE entities ADD COLUMN confidence REAL;
        ALTER TABLE quotes ADD COLUMN confidence REAL;
        ALTER TABLE articles ADD COLUMN analyzer TEXT;
        CREATE INDEX figures_confidence ON figures(confidence);
        CREATE INDEX quotes_confidence ON quotes(confidence)
    """


def m008_copies() -> str:
    """Syndicated copies: each article's MinHash signature, its LSH band keys, and copy groups."""
    return """
        CREATE TABLE copy_signatures (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            published TEXT,
            published_day TEXT,
            wire INTEGER NOT NULL,          -- 1 when the text opens with an agency dateline
            hashvalues BLOB NOT NULL        -- the MinHash values (datasketch), 128 x uint64
        );
        CREATE TABLE copy_bands (
            band_key BLOB NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE copy_groups (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL,      -- the id of the group's first article
            canonical_id INTEGER NOT NULL   -- the wire original among the group's articles
        );
        CREATE INDEX copy_groups_group ON copy_groups(group_id)
    """


def m009_source_ids() -> str:
    """The ids inputs give their articles (a JSON Lines record's "id"), to name them by."""
    return """
        CREATE TABLE source_ids (
            source_id TEXT NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (source_id, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX source_ids_article ON source_ids(article_id)
    """


def m010_stories() -> str:
    """Stories: each article's story, what the online clusterer keeps of it, and word frequencies."""
    return """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            first_seen TEXT,                -- YYYY-MM-DD of its earliest dated article
            last_seen TEXT,
            last_seq INTEGER NOT NULL,      -- story_members.seq of its latest article
            size INTEGER NOT NULL,
            label TEXT NOT NULL,            -- its top names and words
            state TEXT NOT NULL             -- JSON: centroid, names, numbers, days (stories.profile.StoryState)
        );
        CREATE INDEX stories_last_seen ON stories(last_seen);
        CREATE INDEX stories_last_seq ON stories(last_seq);
        CREATE TABLE story_members (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            seq INTEGER NOT NULL UNIQUE,    -- the order articles joined stories in
            profile TEXT NOT NULL           -- JSON: the article's weighted words and names
        );
        CREATE INDEX story_members_story ON story_members(story_id, seq);
        -- a story's heaviest words, with when it was last touched: the lookup of a word reads
        -- only the stories still active, however many the store holds
        CREATE TABLE story_keys (
            term TEXT NOT NULL,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            last_seen TEXT,
            last_seq INTEGER NOT NULL,
            PRIMARY KEY (term, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_keys_day ON story_keys(term, last_seen, last_seq);
        CREATE INDEX story_keys_seq ON story_keys(term, last_seq);
        CREATE INDEX story_keys_story ON story_keys(story_id);
        CREATE TABLE story_terms (
            term TEXT PRIMARY KEY,
            df INTEGER NOT NULL             -- how many articles (of story_members) hold the word
        ) WITHOUT ROWID
    """


def m011_published_iso() -> str:
    """Publication dates stored as written ("July 31, 2012") become ISO 8601, the string kept in the
    Article JSON as ``published_as_written``; their day, month facet and full-text row follow."""
    fix = "published IS NOT NULL AND published_day IS NULL"
    return f"""
        CREATE TEMP TABLE fixed_dates AS
            SELECT id, published AS written, newsdesk_iso_published(published) AS iso FROM articles WHERE {fix};
        INSERT INTO articles_fts(articles_fts, rowid, title, text, facets)
            SELECT 'delete', id, title, text, facets FROM articles WHERE id IN (SELECT id FROM fixed_dates);
        UPDATE articles SET
            published = f.iso,
            published_day = substr(f.iso, 1, 10),
            facets = trim(coalesce(facets, '') || CASE WHEN f.iso IS NULL THEN ''
                ELSE ' 0fm' || substr(f.iso, 1, 4) || substr(f.iso, 6, 2) END),
            data = json_set(data, '$.published', f.iso, '$.published_as_written', f.written)
            FROM fixed_dates f WHERE f.id = articles.id;
        INSERT INTO articles_fts(rowid, title, text, facets)
            SELECT id, title, text, facets FROM articles WHERE id IN (SELECT id FROM fixed_dates);
        UPDATE copy_signatures SET published = f.iso, published_day = substr(f.iso, 1, 10)
            FROM fixed_dates f WHERE f.id = copy_signatures.article_id;
        DROP TABLE fixed_dates
    """


MIGRATIONS: tuple[Callable[[], str], ...] = (
    m001_articles,
    m002_facts,
    m003_entities_quotes,
    m004_figure_ranges,
    m005_entity_stats,
    m006_one_name_per_concept,
    m007_confidence_and_analyzer,
    m008_copies,
    m009_source_ids,
    m010_stories,
    m011_published_iso,
)


def _iso_published(value: str | None) -> str | None:
    return as_published(value)[0]


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations this database lacks; return their names."""
    db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    db.create_function("newsdesk_iso_published", 1, _iso_published, deterministic=True)
    done = {row[0] for row in db.execute("SELECT name FROM migrations")}
    applied = []
    for migration in MIGRATIONS:
        name = migration.__name__
        if name in done:
            continue
        now = datetime.now(UTC).isoformat(timespec="seconds")
        # One script, one transaction: executescript would commit a transaction opened outside it.
        try:
            db.executescript(
                f"BEGIN IMMEDIATE; {migration()}; INSERT INTO migrations VALUES ('{name}', '{now}'); COMMIT;"
            )
        except sqlite3.Error:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if db.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                continue  # another process applied it first
            raise
        applied.append(name)
    return applied
