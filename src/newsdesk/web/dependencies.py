"""What every route shares: the store opened per request, filters, paging, and list responses."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from ..export import write_records_csv
from ..store import Filters, Store
from ..store.query_text import SEARCH_HELP, fts_query
from .data import MAX_LIMIT, Page

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=100_000)]
Date = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="YYYY[-MM[-DD]]")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv")]


@contextmanager
def open_store(request: Request) -> Iterator[Store]:
    """The app's store, read-only, for one request; its queries stop after the app's time limit."""
    with Store(request.app.state.db_path, readonly=True) as opened:
        opened.time_limit(request.app.state.time_limit)
        yield opened


Mode = Annotated[
    Literal["plain", "fts"], Query(description="plain (the default) reads any text; fts takes FTS5 syntax as it is")
]


@dataclass(frozen=True, slots=True)
class SearchText:
    """What was typed, how to read it, and the FTS5 query that reading gives."""

    text: str | None
    mode: str

    @property
    def fts(self) -> str | None:
        return fts_query(self.text, self.mode)

    def described(self) -> dict[str, Any]:
        """Keys for a response: the text as typed, the mode, and what was matched."""
        return {"query": self.text, "mode": self.mode, "matched_as": self.fts}


def search_text(
    q: Annotated[str | None, Query(description=f"what to search for: {SEARCH_HELP}")] = None, mode: Mode = "plain"
) -> SearchText:
    """The search box of every page and listing."""
    return SearchText(q.strip() if q and q.strip() else None, mode)


def article_filters(
    since: Date = None,
    until: Date = None,
    publisher: str | None = None,
    agency: str | None = None,
    tag: str | None = None,
    entity: str | None = None,
    lang: str | None = None,
) -> Filters:
    """The article filters every listing takes, as query parameters."""
    return Filters(since, until, publisher, agency, lang, tag, entity)


def page_of(limit: Limit = 50, offset: Offset = 0) -> Page:
    """Paging parameters of a listing."""
    return Page(limit, offset)


def listing(request: Request, payload: dict[str, Any], fmt: str) -> Response:
    """A list as JSON with a ``next`` link (None on the last page), or as CSV."""
    items = payload["items"]
    if fmt == "csv":
        return csv_response(items)
    limit, offset = payload.get("limit"), payload.get("offset", 0)
    following = None
    if limit and len(items) == limit:
        params = dict(request.query_params)
        params["offset"] = str(offset + limit)
        following = f"{request.url.path}?{urlencode(params)}"
    return JSONResponse({**payload, "next": following})


def csv_response(items: list[dict[str, Any]]) -> Response:
    """Rows as a CSV document."""
    out = io.StringIO()
    write_records_csv(items, out)
    return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
