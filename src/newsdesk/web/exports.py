"""The JSON and CSV twins of a page: the API address showing what the page shows."""

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
