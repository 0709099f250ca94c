"""The ASGI app: a JSON API under ``/api`` and server-rendered pages, read-only on one store.

Each request opens its own read-only connection with a time limit (``time_limit`` seconds of
work, like datasette's but not counting the wait for a busy CPU), so one heavy query fails alone
with a 503 instead of holding up the others.
List endpoints answer ``{"items": […], "limit", "offset", "next"}`` (keys are only ever added)
and CSV with ``format=csv``; errors are ``{"error": {"status", "message"}}``. The routes live in
``api_routes`` and ``page_routes``; what they share (store, filters, paging) in ``dependencies``.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware

from ..errors import QueryTimeout, StoreError
from ..store import Store
from ..version import package_version
from . import api_routes, page_routes
from .caching import CacheValidation, StoreMemo
from .exports import export_links, with_params
from .guard import Guard
from .highlight import mark_words

HERE = Path(__file__).resolve().parent
DATE_PARAMETERS = ("since", "until")


#: The environment variable through which ``newsdesk serve --workers N`` hands its settings to
#: each worker process (JSON: ``db``, ``time_limit``, ``cors``).
SERVE_SETTINGS = "NEWSDESK_SERVE_SETTINGS"


def app_from_environment() -> FastAPI:
    """The app of one of ``serve --workers``' processes, from the settings ``serve`` left in the environment."""
    settings = json.loads(os.environ[SERVE_SETTINGS])
    return create_app(settings["db"], time_limit=float(settings["time_limit"]), cors=settings["cors"])


def create_app(db_path: str | Path, *, time_limit: float = 1.0, cors: Sequence[str] = ()) -> FastAPI:
    """The app over the store at ``db_path`` (opened read-only for every request); ``cors``: the
    origins whose pages may read the API from a browser (none unless asked; "*" for any)."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise StoreError(f"no store at {db_path} (run `newsdesk ingest` first)")
    try:
        Store(db_path).close()  # bring an older store's schema up to date; the data is not touched
    except StoreError:
        pass  # a store we may not write to: serve it as it is
    app_version = package_version()
    app = FastAPI(
        title="newsdesk",
        version=app_version,
        description="Articles, quotes, entities and figures from the newsdesk store (read-only).",
        docs_url=None,  # the interactive docs load scripts from a CDN; the schema is at /openapi.json
        redoc_url=None,
    )
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = app_version
    templates.env.globals["export_links"] = export_links
    templates.env.globals["with_params"] = with_params
    templates.env.filters["snippet"] = snippet_html
    templates.env.filters["mark_words"] = mark_words
    templates.env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    app.state.db_path = db_path
    app.state.time_limit = time_limit
    app.state.memo = StoreMemo(db_path)
    app.state.templates = templates
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api_routes.router)
    app.include_router(page_routes.router)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = api_routes.without_validation_errors(get_openapi_document(app))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]

    def error(request: Request, status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"error": {"status": status, "message": message}}, status_code=status, headers=headers)
        page = templates.TemplateResponse(request, "error.html", {"status": status, "message": message})
        page.status_code = status
        page.headers.update(headers or {})
        return page

    @app.exception_handler(QueryTimeout)
    async def timeout(request: Request, exc: QueryTimeout) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        dates = [e for e in exc.errors() if e["type"] == "string_pattern_mismatch" and e["loc"][-1] in DATE_PARAMETERS]
        if dates:  # in words, never the pattern that checks it
            name, value = dates[0]["loc"][-1], dates[0]["input"]
            return error(request, 400, f"{name} {value!r} is no date on the calendar (YYYY, YYYY-MM or YYYY-MM-DD)")
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return error(request, 400, f"invalid parameters: {problems}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, str(exc.detail), exc.headers)  # a 405 keeps its Allow

    # innermost first: compress what a route answers, validate it by the store's state, then guard
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(CacheValidation, db_path=db_path)
    if cors:  # the API is read-only and sends no cookies: reading is all another origin may do
        app.add_middleware(
            CORSMiddleware, allow_origins=list(cors), allow_methods=["GET", "HEAD"], expose_headers=["Link", "ETag"]
        )
    app.add_middleware(Guard)
    return app


def get_openapi_document(app: FastAPI) -> dict[str, Any]:
    return get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)


def snippet_html(snippet: str) -> Markup:
    """A search snippet, escaped, with the matched words (between \\x02 and \\x03) marked: only
    whole pairs become ``<mark>``; any other control character (an old store may hold some) is
    dropped, so the markup stays balanced whatever the text."""
    plain = snippet.replace("\ue000", "").replace("\ue001", "")  # the two stand-ins used below
    cleaned = _CONTROLS.sub("", _MARKED.sub(lambda m: f"\ue000{m.group(1)}\ue001", plain))
    return Markup(str(escape(cleaned)).replace("\ue000", "<mark>").replace("\ue001", "</mark>"))


_MARKED = re.compile("\x02([^\x02\x03]*)\x03")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
