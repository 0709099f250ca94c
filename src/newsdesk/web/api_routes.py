"""The JSON API under ``/api``: thin over the data functions, with the shared filters and paging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from ..store import Filters
from . import api_models as m
from . import data
from .api_models import ErrorBody
from .data import Page
from .dependencies import (
    Format,
    Limit,
    Offset,
    SearchText,
    article_filters,
    csv_response,
    listing,
    open_store,
    page_of,
    search_text,
)

router = APIRouter(prefix="/api")


def documented(model: type[BaseModel], *, csv: bool = False, not_found: bool = False) -> dict[int | str, Any]:
    """The answers an operation can give, for the OpenAPI document: its model, CSV when it has
    ``format=csv``, and the errors it really sends (never FastAPI's 422: those are 400 here)."""
    ok: dict[str, Any] = {"model": model}
    if csv:
        ok["content"] = {"text/csv": {"schema": {"type": "string"}}}
    error = {"model": ErrorBody}
    responses: dict[int | str, Any] = {
        200: ok,
        400: {**error, "description": "parameters it cannot use, or an advanced query FTS5 cannot read"},
        503: {**error, "description": "busy (with Retry-After) or over the time limit"},
    }
    if not_found:
        responses[404] = {**error, "description": "nothing by that id or name"}
    return responses


def without_validation_errors(document: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document less the 422 answers FastAPI lists but this API never sends."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    for name in ("HTTPValidationError", "ValidationError"):
        document.get("components", {}).get("schemas", {}).pop(name, None)
    return document


def _in_article(mark: str) -> Callable[[dict[str, Any]], str]:
    """The permalink of a fact: its article page, scrolled to its words (``#q120``, ``#f88``)."""
    return lambda item: f"/articles/{item['article_id']}#{mark}{item['start']}"


def _article(item: dict[str, Any]) -> str:
    return f"/articles/{item['id']}"


Filtered = Annotated[Filters, Depends(article_filters)]
Paged = Annotated[Page, Depends(page_of)]
Searched = Annotated[SearchText, Depends(search_text)]
MinConfidence = Annotated[
    float | None, Query(ge=0, le=1, description="only facts at least this sure (0.8: right 9 times in 10 on dev)")
]


@router.get("/articles", tags=["articles"], responses=documented(m.ArticlePage, csv=True))
def api_articles(
    request: Request,
    filters: Filtered,
    search: Searched,
    limit: Limit = 20,
    offset: Offset = 0,
    format: Format = "json",
) -> Response:
    """Search articles (ranked when ``q`` is given, else newest first), with facets and a total."""
    with open_store(request) as s:
        payload = data.search(
            s, search.fts, filters, Page(limit, offset), marks=("[", "]"), memo=request.app.state.memo
        )
    page = {**payload, **search.described(), "limit": limit, "offset": offset}
    return listing(request, page, format, _article, m.ArticleHit)


@router.get("/articles/{article_id}", tags=["articles"], responses=documented(m.ArticleJson, not_found=True))
def api_article(request: Request, article_id: int) -> Response:
    """One article as Article JSON (see docs/schema.md), with its quotes, entities and figures."""
    with open_store(request) as s:
        found = data.article(s, article_id)
    if found is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return JSONResponse(found)


@router.get("/entities", tags=["entities"], responses=documented(m.EntityPage, csv=True))
def api_entities(
    request: Request,
    filters: Filtered,
    name: Annotated[str | None, Query(description="part of the name")] = None,
    label: Literal["person", "organization", "place", "group", "facility"] | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
    format: Format = "json",
) -> Response:
    """Entities across the store, with how many articles mention them (``next`` pages on)."""
    with open_store(request) as s:
        payload = data.entities(s, name, label, filters, Page(limit, offset))
    return listing(request, payload, format, lambda item: f"/entities/{quote(item['name'], safe='')}", m.EntityItem)


@router.get("/entities/{name:path}", tags=["entities"], responses=documented(m.EntityProfile, not_found=True))
def api_entity(request: Request, name: str, page: Paged) -> Response:
    """One entity: roles, mentions per day, co-mentioned entities and its quotes."""
    with open_store(request) as s:
        found = data.entity(s, name, page, request.app.state.memo)
    if found is None:
        raise HTTPException(404, f"no entity named {name!r}")
    return JSONResponse(found)


@router.get("/quotes", tags=["quotes"], responses=documented(m.QuotePage, csv=True))
def api_quotes(
    request: Request,
    filters: Filtered,
    page: Paged,
    search: Searched,
    speaker: Annotated[str | None, Query(description="part of the speaker's name")] = None,
    kind: Literal["direct", "mixed", "indirect"] | None = None,
    min_confidence: MinConfidence = None,
    named: Annotated[bool, Query(description="only quotes whose speaker is resolved to a name")] = False,
    format: Format = "json",
) -> Response:
    """Quotes with their speakers, newest articles first; ``q`` searches the quoted words."""
    with open_store(request) as s:
        payload = data.quotes(s, speaker, search.fts, kind, filters, page, min_confidence, named)
    return listing(request, {**payload, **search.described()}, format, _in_article("q"), m.QuoteItem)


@router.get("/figures", tags=["figures"], responses=documented(m.FigurePage, csv=True))
def api_figures(
    request: Request,
    filters: Filtered,
    page: Paged,
    about: Annotated[
        str | None, Query(description="words, singular or plural, in what the figure measures or in its sentence")
    ] = None,
    kind: Literal["money", "percent", "percentage_points", "count", "quantity", "duration", "number"] | None = None,
    min_confidence: MinConfidence = None,
    format: Format = "json",
) -> Response:
    """Figures: value, unit, what they measure and when (dates filter the figure's own time)."""
    with open_store(request) as s:
        payload = data.figures(s, about, kind, filters, page, min_confidence)
    return listing(request, payload, format, _in_article("f"), m.FigureItem)


@router.get("/timeline", tags=["articles"], responses=documented(m.Timeline, csv=True))
def api_timeline(
    request: Request,
    filters: Filtered,
    search: Searched,
    format: Format = "json",
) -> Response:
    """Articles per day for a query and/or an entity: attention over time."""
    with open_store(request) as s:
        payload = {**data.timeline(s, search.fts, filters, request.app.state.memo), **search.described()}
    if format == "csv":
        return csv_response(request, payload["items"], list(m.TimelineDay.model_fields))
    return JSONResponse(payload)


ArticleId = Annotated[int, Query(ge=1, le=2**63 - 1, description="a stored article's id")]


@router.get("/copies", tags=["connect"], responses=documented(m.CopyPage, csv=True))
def api_copies(
    request: Request,
    page: Paged,
    of: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="only this article's group")] = None,
    format: Format = "json",
) -> Response:
    """Syndicated copies in the store, group by group (or the group of one article): each copy with
    what it changed against the canonical (wire) copy, with offsets into its own text."""
    with open_store(request) as s:
        payload = data.copies(s, of, page)
    rows = [
        {**{k: v for k, v in item.items() if k != "ops"}, "changes": " ".join(item["ops"])} for item in payload["items"]
    ]
    if format == "csv":
        return csv_response(request, rows, list(m.CopyItem.model_fields))
    return listing(request, payload, format, _article)


@router.get("/conflicts", tags=["connect"], responses=documented(m.Conflicts, csv=True))
def api_conflicts(request: Request, of: ArticleId, all: bool = False, format: Format = "json") -> Response:
    """Figures that the article's copies disagree on; with ``all``, roundings and rewrites too."""
    with open_store(request) as s:
        payload = data.conflicts(s, of, every=all)
    return csv_response(request, payload["items"]) if format == "csv" else JSONResponse(payload)


@router.get("/stories", tags=["connect"], responses=documented(m.StoryPage, csv=True))
def api_stories(
    request: Request,
    filters: Filtered,
    page: Paged,
    search: Searched,
    format: Format = "json",
) -> Response:
    """Stories across outlets, biggest first: label, first and last day, outlets, size; with ``q``,
    only the stories with articles that match it."""
    with open_store(request) as s:
        payload = {**data.stories(s, search.fts, filters, page), **search.described()}
    rows = [{**item, "outlets": "; ".join(item["outlets"])} for item in payload["items"]]
    if format == "csv":
        return csv_response(request, rows, list(m.StoryItem.model_fields))
    return listing(request, payload, format, lambda item: f"/stories/{item['id']}")


@router.get("/stories/{story_id}", tags=["connect"], responses=documented(m.Story, not_found=True))
def api_story(request: Request, story_id: Annotated[int, Path(ge=1, le=2**63 - 1)], all: bool = False) -> Response:
    """One story: its articles, coverage per day and outlet, quotes and figures of every outlet,
    and the figures that disagree between its articles (``all``: roundings too)."""
    with open_store(request) as s:
        found = data.story(s, story_id, every=all)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id}")
    return JSONResponse(found)
