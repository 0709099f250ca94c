"""What the JSON API answers, as models for its OpenAPI document (``/openapi.json``).

The routes build plain dicts (``data``); these models describe them for clients and for the
schemathesis test that checks every answer against the document. Keys are only ever added, so
every model allows more than it names.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    status: int
    message: str


class ErrorBody(BaseModel):
    """Every error the API sends: 400 (parameters it cannot use), 404, 405, 503 (busy or too slow)."""

    error: ErrorDetail


class Paged(_Open):
    """A page of a list: ``next`` and ``previous`` are the other pages' paths (also sent as a
    ``Link`` header), None at either end."""

    limit: int
    offset: int
    next: str | None
    previous: str | None


class Searched(_Open):
    query: str | None = None
    mode: str | None = None
    matched_as: str | None = None


class ArticleHit(_Open):
    id: int
    title: str | None
    published: str | None
    publisher: str | None
    snippet: str | None = None
    html_url: str | None


class ArticlePage(Paged, Searched):
    total: int
    items: list[ArticleHit]
    facets: dict[str, list[dict[str, Any]]] = Field(
        description="the ten most frequent values of each facet: publisher, agency and month over every "
        "match; tag and entity over the newest 1,000 matches"
    )
    filters: dict[str, str]


class Located(_Open):
    """A fact: its article and its characters there."""

    article_id: int
    title: str | None
    published: str | None
    publisher: str | None
    start: int
    end: int
    text: str
    confidence: float | None = None
    html_url: str | None


class QuoteItem(Located):
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    cue_text: str | None = None


class QuotePage(Paged, Searched):
    items: list[QuoteItem]


class FigureItem(Located):
    value: float
    value_max: float | None = None
    kind: str
    unit: str | None = None
    measures: str | None = None
    time_start: str | None = None
    time_end: str | None = None
    sentence: str | None = None


class FigurePage(Paged):
    items: list[FigureItem]


class EntityItem(_Open):
    name: str
    label: str
    articles: int
    mentions: int
    html_url: str | None


class EntityPage(Paged):
    items: list[EntityItem]


class EntityProfile(_Open):
    name: str
    label: str
    articles: int
    mentions: int
    mentions_by_day: list[Any]
    co_mentioned: list[Any]
    quotes: list[dict[str, Any]]


class TimelineDay(BaseModel):
    day: str
    count: int


class Timeline(Searched):
    items: list[TimelineDay]
    filters: dict[str, str]


class StoryItem(_Open):
    id: int
    label: str
    first_seen: str | None
    last_seen: str | None
    articles: int
    outlets: list[str]
    html_url: str | None


class StoryPage(Paged, Searched):
    total: int
    items: list[StoryItem]


class Story(_Open):
    id: int
    label: str
    articles: int
    members: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    conflicts: list[dict[str, Any]]


class CopyItem(_Open):
    id: int
    group: int
    canonical: int
    changes: list[Any]
    html_url: str | None


class CopyPage(Paged):
    total: int
    items: list[CopyItem]


class Conflicts(_Open):
    of: int
    items: list[dict[str, Any]]


class ArticleJson(_Open):
    """An Article as docs/schema.md describes it, with its facts."""

    schema_version: str
    text: str
