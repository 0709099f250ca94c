"""Links that keep a page's state: its JSON and CSV twins from the API, and the page itself with
one thing changed (a preset, a toggle, the next page), every other parameter kept."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request

#: Page parameters the API reads otherwise (``all``: the API shows every fact unless asked).
PAGE_ONLY = frozenset({"all", "unit"})


def export_links(request: Request, api_path: str, **extra: object) -> dict[str, str]:
    """``{"json": …, "csv": …}`` for the page's own query, ``extra`` added (the confidence it shows)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in PAGE_ONLY and k != "format" and v]
    params += [(k, str(v)) for k, v in extra.items() if v is not None]
    query = urlencode(params)
    return {
        "json": f"{api_path}?{query}" if query else api_path,
        "csv": f"{api_path}?{urlencode([*params, ('format', 'csv')])}",
    }


def with_params(request: Request, **changes: object) -> str:
    """This page's address with ``changes`` (None or "" drops a parameter); a change other than
    ``offset`` goes back to the first page."""
    params = {k: v for k, v in request.query_params.items() if v}
    if any(k != "offset" for k in changes):
        params.pop("offset", None)
    for key, value in changes.items():
        if value is None or value == "" or value is False:
            params.pop(key, None)
        else:
            params[key] = "1" if value is True else str(value)
    query = urlencode(params)
    return f"{request.url.path}?{query}" if query else request.url.path
