"""The HTML pages: each calls a data function and renders a template with what it returns."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..errors import QueryTimeout, StoreError
from ..model import FIGURE_KINDS, QUOTE_KINDS
from ..store import Filters
from ..store.aggregates import FACET_SAMPLE
from ..store.query_text import fts_query
from . import data
from .data import Page
from .dependencies import Offset, SearchText, article_filters, open_store, search_text

router = APIRouter(include_in_schema=False)
Filtered = Annotated[Filters, Depends(article_filters)]
Searched = Annotated[SearchText, Depends(search_text)]


def _words(text: str | None) -> list[str]:
    """The words a search typed, for marking them where they matched (quotes and operators dropped)."""
    return [w for w in re.findall(r"\w+", text or "") if len(w) > 2 and w not in ("AND", "OR", "NOT", "NEAR")]


def _page(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, filters: Filtered, search: Searched, offset: Offset = 0) -> HTMLResponse:
    context: dict[str, Any] = {"q": search.text or "", "mode": search.mode, "offset": offset, "problem": None}
    context["facet_sample"] = FACET_SAMPLE  # tags and names are counted among this many newest results
    context["answers"] = None
    # every link of the page (facets, paging, the timeline) keeps the search and the filters
    kept = {"q": search.text, "mode": search.mode if search.mode != "plain" else None}
    params = data.filter_params(filters)
    kept |= params
    context["state"] = urlencode({key: value for key, value in kept.items() if value})
    # the search's words as what figures measure, and as the articles whose quotes to list
    for name, key in (("figures_state", "about"), ("within_state", "within")):
        context[name] = urlencode({key: search.text, **params} if search.text else params)
    context["dates"] = data.date_inputs(filters)
    # each active filter's chip removes that filter alone (chips are named as in filters_dict)
    names = dict(zip(data.filters_dict(filters), params, strict=True))
    context["without"] = {
        key: urlencode({k: v for k, v in kept.items() if v and k != name}) for key, name in names.items()
    }
    memo = request.app.state.memo  # the chart and the answers are the same on every page of results
    with open_store(request) as s:
        try:
            result = data.search(s, search.fts, filters, Page(20, offset), memo=memo)
            found = data.summary(s, search.fts, filters, memo)  # kept by the search just now
            chart = memo.get(
                ("chart", context["state"]),  # the search and filters as typed
                lambda: data.attention_view(found.per_day, found.total, kept)["chart"],
            )
        except QueryTimeout:
            raise
        except StoreError as exc:  # an advanced query FTS5 cannot read: the form again, and why
            result, chart, context["problem"] = data.no_results(filters), "", str(exc)
        if search.text and not context["problem"]:
            try:
                context["answers"] = memo.get(
                    ("answers", search.fts, search.text, filters),
                    lambda: data.search_answers(s, search.fts or "", search.text, filters, found.stories),
                )
            except QueryTimeout:  # the articles are the page; the answers beside them may give way
                context["answers"] = None
    page = _page(request, "search.html", {**context, "result": result, "chart": chart})
    if context["problem"]:
        page.status_code = 400
    return page


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int, all: bool = False) -> HTMLResponse:
    with open_store(request) as s:
        view = data.article_view(s, article_id, show_all=all)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return _page(request, "article.html", view)


@router.get("/articles/{article_id}/compare", response_class=HTMLResponse)
def compare_page(request: Request, article_id: int, with_: int | None = Query(None, alias="with")) -> HTMLResponse:
    with open_store(request) as s:
        view = data.compare_view(s, article_id, with_)
    if view is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return _page(request, "compare.html", view)


ENTITY_LABELS = ("person", "organization", "place", "group", "facility")


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, filters: Filtered, name: str | None = None, label: str | None = None, offset: Offset = 0
) -> HTMLResponse:
    label = _choice(label, ENTITY_LABELS, "label")
    with open_store(request) as s:
        result = data.entities(s, name or None, label, filters, Page(50, offset))
    context = {"result": result, "name": name or "", "label": label, "labels": ENTITY_LABELS, "missing": None}
    return _page(request, "entities.html", context)


@router.get("/entities/{name:path}", response_class=HTMLResponse, response_model=None)
def entity_page(request: Request, name: str, offset: Offset = 0) -> HTMLResponse | RedirectResponse:
    with open_store(request) as s:
        view = data.entity_view(s, name, Page(50, offset), request.app.state.memo)
        if view is None:  # a 404 that names the entities it may have meant ("Bukele": "Nayib Bukele")
            words = [w for w in name.replace(",", " ").split() if len(w) > 2][:3]
            near = data.entities(s, max(words, key=len) if words else name, None, Filters(), Page(10, 0))
            context = {"result": near, "name": name, "label": None, "labels": ENTITY_LABELS, "missing": name}
            page = _page(request, "entities.html", context)
            page.status_code = 404
            return page
    if view["name"] != name:  # one page per entity: other casings go to the one the articles write
        where = f"/entities/{quote(view['name'], safe='')}" + (f"?offset={offset}" if offset else "")
        return RedirectResponse(where, status_code=301)
    return _page(request, "entity.html", view)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    search: Searched,
    filters: Filtered,
    speaker: str | None = None,
    kind: str | None = None,
    offset: Offset = 0,
    all: bool = False,
    named: bool = False,
) -> HTMLResponse:
    kind = _choice(kind, QUOTE_KINDS, "kind")
    with open_store(request) as s:
        minimum = None if all else data.SURE
        result = data.quotes(s, speaker or None, search.fts, kind, filters, Page(50, offset), minimum, named)
    context: dict[str, Any] = {"result": result, "speaker": speaker or "", "q": search.text or "", "kind": kind}
    context["show_all"] = all
    context |= {"named": named, "filters": data.filter_params(filters), "words": _words(search.text)}
    context["dates"] = data.date_inputs(filters)
    return _page(request, "quotes.html", {**context, "sure_from": data.SURE})


@router.get("/figures", response_class=HTMLResponse)
def figures_page(
    request: Request,
    filters: Filtered,
    about: str | None = None,
    kind: str | None = None,
    unit: str | None = None,
    offset: Offset = 0,
    all: bool = False,
) -> HTMLResponse:
    kind = _choice(kind, FIGURE_KINDS, "kind")
    with open_store(request) as s:
        minimum = None if all else data.SURE
        result = data.figures_view(s, about or None, kind, filters, Page(50, offset), unit, minimum)
    context: dict[str, Any] = {"result": result, "about": about or "", "kind": kind, "kinds": FIGURE_KINDS}
    context |= {"filters": data.filter_params(filters), "dates": data.date_inputs(filters)}
    context |= {"show_all": all, "sure_from": data.SURE}
    return _page(request, "figures.html", context)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    search: Searched,
    filters: Filtered,
    vs: Annotated[list[str], Query(description="other searches to plot beside q")] = [],  # noqa: B006 (FastAPI copies it)
    share: bool = False,
) -> HTMLResponse:
    kept = data.filter_params(filters)
    others = [text.strip() for text in vs if text.strip()][: data.MAX_SERIES - 1]
    mode = search.mode if search.mode != "plain" else None
    with open_store(request) as s:
        view = data.timeline_view(
            s, search.fts, filters, {"q": search.text, "mode": mode, **kept}, memo=request.app.state.memo
        )
        if others or share:  # several searches, or shares: lines on one chart instead of bars
            texts = [search.text or "all articles", *others]
            queries = [search.fts, *(fts_query(text, search.mode) for text in others)]
            view |= data.searches_view(
                s, list(zip(texts, queries, strict=True)), filters, share, {"mode": mode, **kept}
            )
    context = {"view": view, "q": search.text or "", "entity": filters.entity or "", "dates": data.date_inputs(filters)}
    hidden = {k: v for k, v in kept.items() if k not in ("since", "until", "entity")}
    return _page(request, "timeline.html", {**context, "hidden": hidden, "vs": others, "share": share})


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, filters: Filtered, search: Searched, offset: Offset = 0) -> HTMLResponse:
    with open_store(request) as s:
        result = data.stories(s, search.fts, filters, Page(50, offset))
    return _page(request, "stories.html", {"result": result, "q": search.text or ""})


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int, all: bool = False) -> HTMLResponse:
    with open_store(request) as s:
        view = data.story_view(s, story_id, every=all) if 0 < story_id < 2**63 else None
    if view is None:
        raise HTTPException(404, f"no story with id {story_id}")
    return _page(request, "story.html", view)


def _choice(value: str | None, allowed: tuple[str, ...], name: str) -> str | None:
    """A form's select: empty means any; anything else must be one of ``allowed``."""
    if not value:
        return None
    if value not in allowed:
        raise HTTPException(400, f"{name} must be one of {', '.join(allowed)}")
    return value
