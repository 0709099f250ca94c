"""What every route shares: the store opened per request, filters, paging, and list responses."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from ..export import write_records_csv
from ..store import Filters, Store
from ..store.query_text import SEARCH_HELP, fts_query
from .data import MAX_LIMIT, Page
from .exports import with_params

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size (at most {MAX_LIMIT})")]
Offset = Annotated[int, Query(ge=0, le=100_000)]
#: A year, a month or a day on the calendar (no 2023-02-29, no 2012-13-45): the pattern says as much
#: as the check in ``Filters`` does, so the OpenAPI document promises only what is accepted.
_YEAR = r"[1-9]\d{3}"
_LEAP_YEAR = r"(?:[1-9]\d(?:0[48]|[2468][048]|[13579][26])|(?:[13579][26]|[2468][048])00)"
_MONTH_DAY = r"(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)"
CALENDAR_DATE = rf"^(?:{_YEAR}(?:-(?:0[1-9]|1[0-2]))?|{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"
# empty too: a form's date input left blank sends "since=", which is no filter
Date = Annotated[
    str | None, Query(pattern=rf"^$|{CALENDAR_DATE}", description="YYYY, YYYY-MM or YYYY-MM-DD (empty: none)")
]
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
    within: Annotated[
        str | None, Query(description="only facts (or stories) of articles whose text matches these words")
    ] = None,
) -> Filters:
    """The article filters every listing takes, as query parameters (an empty one is no filter)."""
    return Filters(*(value or None for value in (since, until, publisher, agency, lang, tag, entity, within)))


def page_of(limit: Limit = 50, offset: Offset = 0) -> Page:
    """Paging parameters of a listing."""
    return Page(limit, offset)


#: ``permalink(item)`` → the path of the page that shows a listed item.
Permalink = Callable[[dict[str, Any]], str | None]


def listing(
    request: Request,
    payload: dict[str, Any],
    fmt: str,
    permalink: Permalink | None = None,
    item_model: type[BaseModel] | None = None,
) -> Response:
    """A list as JSON with ``next`` and ``previous`` links (None at either end, also sent as a
    ``Link`` header), each item with its ``html_url``; or as CSV, headed by the fields of
    ``item_model`` when there is no row to name them."""
    items = payload["items"]
    if permalink:
        base = str(request.base_url).rstrip("/")
        items = [{**item, "html_url": f"{base}{path}" if (path := permalink(item)) else None} for item in items]
    if fmt == "csv":
        return csv_response(request, items, list(item_model.model_fields) if item_model else ())
    limit, offset = payload.get("limit"), payload.get("offset", 0)
    following = previous = None
    if limit and len(items) == limit:
        following = with_params(request, offset=offset + limit)
    if limit and offset:
        previous = with_params(request, offset=max(0, offset - limit))
    links = ", ".join(f'<{url}>; rel="{rel}"' for url, rel in ((following, "next"), (previous, "prev")) if url)
    return JSONResponse(
        {**payload, "items": items, "next": following, "previous": previous}, headers={"Link": links} if links else None
    )


def csv_response(request: Request, items: list[dict[str, Any]], columns: Sequence[str] = ()) -> Response:
    """Rows as a CSV document, named for a download after what it lists ("newsdesk-quotes.csv")."""
    out = io.StringIO()
    write_records_csv(items, out, columns)
    name = "-".join(part for part in request.url.path.split("/") if part and part != "api") or "export"
    name = re.sub(r"[^A-Za-z0-9_-]+", "_", name)[:80]
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="newsdesk-{name}.csv"'},
    )
