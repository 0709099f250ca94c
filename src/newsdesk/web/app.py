"""The ASGI app: a JSON API under ``/api`` and server-rendered pages, read-only on one store.

Each request opens its own read-only connection with a time limit (``time_limit`` seconds,
like datasette's), so one heavy query fails alone with a 503 instead of holding up the others.
List endpoints answer ``{"items": […], "limit", "offset", "next"}`` (keys are only ever added)
and CSV with ``format=csv``; errors are ``{"error": {"status", "message"}}``.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..export import write_records_csv
from ..store import Filters, Store, StoreError
from . import data
from .data import MAX_LIMIT, Page

HERE = Path(__file__).resolve().parent
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=100_000)]
Date = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]]")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]


class QueryTimeout(Exception):
    """A request's database work went over the time limit."""


def create_app(db_path: str | Path, *, time_limit: float = 1.0) -> FastAPI:
    """The app over the store at ``db_path`` (opened read-only for every request)."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise StoreError(f"no store at {db_path} (run `newsdesk ingest` first)")
    try:
        Store(db_path).close()  # bring an older store's schema up to date; the data is not touched
    except StoreError:
        pass  # a store we may not write to: serve it as it is
    app = FastAPI(
        title="newsdesk",
        version=__version__,
        description="Articles, quotes, entities and figures from the newsdesk store (read-only).",
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["snippet"] = snippet_html
    templates.env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @contextmanager
    def store() -> Iterator[Store]:
        with Store(db_path, readonly=True) as opened:
            opened.time_limit(time_limit)
            try:
                yield opened
            except (sqlite3.OperationalError, StoreError) as exc:
                # the progress handler's interruption, raw or wrapped by the store
                if "interrupted" in str(exc):
                    raise QueryTimeout(f"the query took longer than the {time_limit:g} s limit") from exc
                raise

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    def error(request: Request, status: int, message: str) -> Response:
        if is_api(request):
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
        page = templates.TemplateResponse(request, "error.html", {"status": status, "message": message})
        page.status_code = status
        return page

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return error(request, 400, f"invalid parameters: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail))

    def listing(request: Request, payload: dict[str, Any], fmt: str) -> Response:
        items = payload["items"]
        if fmt == "csv":
            return _csv(items)
        limit, offset = payload.get("limit"), payload.get("offset", 0)
        following = None
        if limit and len(items) == limit:
            params = dict(request.query_params)
            params["offset"] = str(offset + limit)
            following = f"{request.url.path}?{urlencode(params)}"
        return JSONResponse({**payload, "next": following})

    # -- JSON API ------------------------------------------------------------------------------

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        request: Request,
        q: Annotated[str | None, Query(description="full-text query, FTS5 syntax")] = None,
        since: Date = None,
        until: Date = None,
        publisher: str | None = None,
        agency: str | None = None,
        tag: str | None = None,
        entity: str | None = None,
        lang: str | None = None,
        limit: Limit = 20,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Response:
        """Search articles (ranked when ``q`` is given, else newest first), with facets and a total."""
        filters = Filters(since, until, publisher, agency, lang, tag, entity)
        with store() as s:
            payload = data.search(s, q, filters, Page(limit, offset), marks=("[", "]"))
        return listing(request, {**payload, "limit": limit, "offset": offset}, format)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: int) -> Response:
        """One article as Article JSON (see docs/schema.md), with its quotes, entities and figures."""
        with store() as s:
            found = data.article(s, article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id}")
        return JSONResponse(found)

    @app.get("/api/entities", tags=["entities"])
    def api_entities(
        request: Request,
        name: Annotated[str | None, Query(description="part of the name")] = None,
        label: Literal["person", "organization", "place", "group", "facility"] | None = None,
        since: Date = None,
        until: Date = None,
        publisher: str | None = None,
        limit: Limit = 50,
        format: Format = "json",
    ) -> Response:
        """Entities across the store, with how many articles mention them."""
        with store() as s:
            payload = data.entities(s, name, label, Filters(since, until, publisher), limit)
        return listing(request, payload, format)

    @app.get("/api/entities/{name:path}", tags=["entities"])
    def api_entity(name: str, limit: Limit = 50, offset: Offset = 0) -> Response:
        """One entity: roles, mentions per day, co-mentioned entities and its quotes."""
        with store() as s:
            found = data.entity(s, name, Page(limit, offset))
        if found is None:
            raise HTTPException(404, f"no entity named {name!r}")
        return JSONResponse(found)

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(
        request: Request,
        speaker: Annotated[str | None, Query(description="part of the speaker's name")] = None,
        q: Annotated[str | None, Query(description="full-text query over the quoted words")] = None,
        kind: Literal["direct", "mixed", "indirect"] | None = None,
        since: Date = None,
        until: Date = None,
        publisher: str | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Response:
        """Quotes with their speakers, newest articles first."""
        with store() as s:
            payload = data.quotes(s, speaker, q, kind, Filters(since, until, publisher), Page(limit, offset))
        return listing(request, payload, format)

    @app.get("/api/figures", tags=["figures"])
    def api_figures(
        request: Request,
        about: Annotated[str | None, Query(description="what the figure measures, or words of its sentence")] = None,
        kind: Literal["money", "percent", "percentage_points", "count", "quantity", "number"] | None = None,
        since: Date = None,
        until: Date = None,
        publisher: str | None = None,
        limit: Limit = 50,
        offset: Offset = 0,
        format: Format = "json",
    ) -> Response:
        """Numeric facts: value, unit, what they measure and when (dates filter the figure's own time)."""
        with store() as s:
            payload = data.figures(s, about, kind, Filters(since, until, publisher), Page(limit, offset))
        return listing(request, payload, format)

    @app.get("/api/timeline", tags=["articles"])
    def api_timeline(
        q: str | None = None,
        entity: str | None = None,
        since: Date = None,
        until: Date = None,
        publisher: str | None = None,
        format: Format = "json",
    ) -> Response:
        """Articles per day for a query and/or an entity: attention over time."""
        with store() as s:
            payload = data.timeline(s, q, Filters(since, until, publisher, entity=entity))
        return _csv(payload["items"]) if format == "csv" else JSONResponse(payload)

    # -- pages ---------------------------------------------------------------------------------

    def page(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(
        request: Request,
        q: str | None = None,
        since: Date = None,
        until: Date = None,
        publisher: str | None = None,
        agency: str | None = None,
        tag: str | None = None,
        entity: str | None = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        filters = Filters(since, until, publisher, agency, None, tag, entity)
        with store() as s:
            result = data.search(s, q or None, filters, Page(20, offset))
            chart = data.timeline_view(s, q or None, filters)["chart"]
        return page(request, "search.html", {"result": result, "chart": chart, "q": q or "", "offset": offset})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: int) -> HTMLResponse:
        with store() as s:
            view = data.article_view(s, article_id)
        if view is None:
            raise HTTPException(404, f"no article with id {article_id}")
        return page(request, "article.html", view)

    @app.get("/entities/{name:path}", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, name: str, offset: Offset = 0) -> HTMLResponse:
        with store() as s:
            view = data.entity_view(s, name, Page(50, offset))
        if view is None:
            raise HTTPException(404, f"no entity named {name!r}")
        return page(request, "entity.html", view)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request,
        speaker: str | None = None,
        q: str | None = None,
        kind: str | None = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        kind = _choice(kind, QUOTE_KINDS, "kind")
        with store() as s:
            result = data.quotes(s, speaker or None, q or None, kind, Filters(), Page(50, offset))
        return page(request, "quotes.html", {"result": result, "speaker": speaker or "", "q": q or "", "kind": kind})

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures_page(
        request: Request,
        about: str | None = None,
        kind: str | None = None,
        unit: str | None = None,
        offset: Offset = 0,
    ) -> HTMLResponse:
        kind = _choice(kind, FIGURE_KINDS, "kind")
        with store() as s:
            result = data.figures_view(s, about or None, kind, Filters(), Page(50, offset), unit)
        return page(request, "figures.html", {"result": result, "about": about or "", "kind": kind})

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, q: str | None = None, entity: str | None = None) -> HTMLResponse:
        with store() as s:
            view = data.timeline_view(s, q or None, Filters(entity=entity or None))
        return page(request, "timeline.html", {"view": view, "q": q or "", "entity": entity or ""})

    return app


QUOTE_KINDS = ("direct", "mixed", "indirect")
FIGURE_KINDS = ("money", "percent", "percentage_points", "count", "quantity", "number")


def _choice(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    """A form's select: empty means any; anything else must be one of ``allowed``."""
    if not value:
        return None
    if value not in allowed:
        raise HTTPException(400, f"{name} must be one of {', '.join(allowed)}")
    return value


def snippet_html(snippet: str) -> Markup:
    """A search snippet, escaped, with the matched words (between \\x02 and \\x03) marked."""
    return Markup(str(escape(snippet)).replace("\x02", "<mark>").replace("\x03", "</mark>"))


def _csv(items: list[dict[str, Any]]) -> Response:
    out = io.StringIO()
    write_records_csv(items, out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
