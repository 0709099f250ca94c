"""One data function per page: plain dicts that the JSON API returns and the templates render.

Nothing here knows about HTTP or HTML; the app turns these into responses.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar
from urllib.parse import urlencode

from ..model import Article
from ..store import Filters, Store
from ..store.aggregates import Summary
from .caching import StoreMemo
from .charts import attention_chart, scatter_chart, series_chart
from .compare import marked_text, missing_spans
from .highlight import article_html

T = TypeVar("T")

#: Largest page a client may ask for.
MAX_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Page:
    limit: int = 20
    offset: int = 0


def filters_dict(filters: Filters) -> dict[str, str]:
    """The filters that are set, as query parameters."""
    return {k: v for k, v in dataclasses.asdict(filters).items() if v}


def filter_params(filters: Filters) -> dict[str, str]:
    """The filters that are set, under the names of their query parameters (``language`` is ``lang``)."""
    return {("lang" if k == "language" else k): v for k, v in filters_dict(filters).items()}


#: Snippet marks for pages: control characters no text contains, turned into <mark> after escaping.
HTML_MARKS = ("\x02", "\x03")


def date_inputs(filters: Filters) -> dict[str, str | None]:
    """The first and last day the date filters cover, for a form's date inputs."""
    return {"since": filters.since_day, "until": filters.until_day}


def search(
    store: Store,
    query: str | None,
    filters: Filters,
    page: Page,
    marks: tuple[str, str] = HTML_MARKS,
    memo: StoreMemo | None = None,
) -> dict[str, Any]:
    """Ranked articles with highlighted snippets, the total, and facets of the whole result set;
    ``memo`` keeps the total and facets (the same on every page of the results) while the store holds."""

    results = store.search(query, filters, limit=page.limit, offset=page.offset, marks=marks)
    found = summary(store, query, filters, memo)
    return {
        "query": query,
        "filters": filters_dict(filters),
        "total": found.total,
        "items": [dataclasses.asdict(r) for r in results],
        "facets": {name: [{"value": v, "count": n} for v, n in rows] for name, rows in found.facets.items()},
    }


def summary(store: Store, query: str | None, filters: Filters, memo: StoreMemo | None = None) -> Summary:
    """The counts of a whole result set (total, facets, per day, stories), kept in ``memo``
    while the store holds: they are the same on every page of the results."""
    return _kept(memo, ("summary", query, filters), lambda: store.summary(query, filters))


def _kept(memo: StoreMemo | None, key: Hashable, read: Callable[[], T]) -> T:
    """``read()``, kept in ``memo`` under ``key`` while the store holds (read each time without one)."""
    return memo.get(key, read) if memo else read()


#: Quotes and figures counted for the answers on the search page; more are said as "100+".
ANSWER_COUNT = 100


def search_answers(store: Store, query: str, typed: str, filters: Filters, stories: int) -> dict[str, Any]:
    """What the search page answers besides articles: the first sure quotes whose words match,
    figures about the typed text, and how many of each there are (``stories``: how many stories
    hold the results, from the search's ``summary``)."""
    quotes = store.quotes(None, query, filters, limit=ANSWER_COUNT + 1, min_confidence=SURE)
    # figures about it are in the articles the search finds: looked for there, not over every figure
    within = filters if filters.within else dataclasses.replace(filters, within=typed)
    figures = store.figures(typed, None, within, limit=ANSWER_COUNT + 1, min_confidence=SURE)

    def counted(n: int) -> str:
        return f"{ANSWER_COUNT}+" if n > ANSWER_COUNT else str(n)

    return {
        "quotes": quotes[:3],
        "quote_count": counted(len(quotes)),
        "figures": figures[:3],
        "figure_count": counted(len(figures)),
        "story_count": stories,
    }


def no_results(filters: Filters) -> dict[str, Any]:
    """A search that was not run (its query could not be read), in the shape of ``search``."""
    return {"query": None, "filters": filters_dict(filters), "total": 0, "items": [], "facets": {}}


def article(store: Store, article_id: int) -> dict[str, Any] | None:
    """The stored Article as JSON data."""
    found = store.get(article_id)
    return None if found is None else {"id": article_id, **found.to_dict()}


#: Pages show facts at least this sure and keep the rest behind a "show all" link: on the dev set,
#: quotes and figures from 0.6 up are right about 4 times in 5, those below it less than 1 in 3.
SURE = 0.6


def sure(confidence: float | None) -> bool:
    """Whether a fact is shown without asking (facts stored before confidences count as sure)."""
    return confidence is None or confidence >= SURE


def article_view(store: Store, article_id: int, show_all: bool = False) -> dict[str, Any] | None:
    """The article page: highlighted blocks, the facts listed (the unsure ones on demand), the removed parts."""
    found = store.get(article_id)
    if found is None:
        return None
    shown = found
    if not show_all:
        shown = dataclasses.replace(
            found,
            quotes=tuple(q for q in found.quotes if sure(q.confidence)),
            figures=tuple(f for f in found.figures if sure(f.confidence)),
        )
    hidden = len(found.quotes) + len(found.figures) - len(shown.quotes) - len(shown.figures)
    unsure = sum(not sure(q.confidence) for q in found.quotes) + sum(not sure(f.confidence) for f in found.figures)
    return {
        "id": article_id,
        "article": shown,
        "copies": _other_copies(store, article_id),
        "story": _story_of(store, article_id),
        "blocks": _blocks(shown),
        "hidden": hidden,
        "unsure": unsure,
        "show_all": show_all,
        "sure_from": SURE,
    }


def _story_of(store: Store, article_id: int) -> dict[str, Any] | None:
    """The story the article belongs to, when it has other articles."""
    story_id = store.story_of([article_id]).get(article_id)
    found = store.stories([story_id]) if story_id is not None else []
    return found[0] if found and found[0]["articles"] > 1 else None


#: An article page lists at most this many other copies of its text.
MAX_COPIES_LISTED = 50


def _other_copies(store: Store, article_id: int) -> list[dict[str, Any]]:
    """The other stored copies of the article's text: who published them, and which is canonical."""
    grouped = store.copy_groups([article_id])
    others = []
    for other_id, _, canonical_id in grouped[:MAX_COPIES_LISTED]:
        other = store.get(other_id) if other_id != article_id else None
        if other is not None:
            others.append(
                {
                    "id": other_id,
                    "publisher": other.publisher,
                    "title": other.title,
                    "published": other.published,
                    "canonical": other_id == canonical_id,
                }
            )
    return others


def _blocks(found: Article) -> list[dict[str, Any]]:
    html = article_html(found)  # one piece per block, or one for the whole text when there are none
    kinds = [b.kind for b in found.blocks] or ["paragraph"] * len(html)
    return [{"kind": kind, "html": piece} for kind, piece in zip(kinds, html, strict=True)]


def entities(store: Store, name: str | None, label: str | None, filters: Filters, page: Page) -> dict[str, Any]:
    """Entities across the store, most covered first."""
    items = store.entities(name, label, filters, limit=page.limit, offset=page.offset)
    return {"items": items, "limit": page.limit, "offset": page.offset}


def entity(store: Store, name: str, page: Page, memo: StoreMemo | None = None) -> dict[str, Any] | None:
    """An entity's profile: roles, mentions over time, co-mentioned entities, and their quotes
    (kept in ``memo`` while the store holds: a profile reads every mention of a name)."""

    def read() -> dict[str, Any] | None:
        profile = store.entity(name)
        if profile is None:
            return None
        quotes = store.quotes(
            speaker=None, query=None, filters=Filters(), limit=page.limit, offset=page.offset, exact_speaker=name
        )
        return {**profile, "quotes": quotes}

    return _kept(memo, ("entity", name, page), read)


def entity_view(store: Store, name: str, page: Page, memo: StoreMemo | None = None) -> dict[str, Any] | None:
    data = entity(store, name, page, memo)
    if data is None:
        return None

    def period(first: date, last: date) -> str:
        return "/?" + urlencode({"entity": data["name"], "since": first.isoformat(), "until": last.isoformat()})

    chart = attention_chart(data["mentions_by_day"], f"mentions of {data['name']}", link=period)
    return {**data, "chart": chart}


def quotes(
    store: Store,
    speaker: str | None,
    query: str | None,
    kind: str | None,
    filters: Filters,
    page: Page,
    min_confidence: float | None = None,
    named_only: bool = False,
) -> dict[str, Any]:
    """Quotes matching a speaker, words and filters, newest first."""
    items = store.quotes(
        speaker,
        query,
        filters,
        kind=kind,
        limit=page.limit,
        offset=page.offset,
        min_confidence=min_confidence,
        named_only=named_only,
    )
    return {"items": items, "limit": page.limit, "offset": page.offset, "min_confidence": min_confidence}


def figures(
    store: Store,
    about: str | None,
    kind: str | None,
    filters: Filters,
    page: Page,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """Figures matching what they measure, kind and filters, newest first."""
    items = store.figures(about, kind, filters, limit=page.limit, offset=page.offset, min_confidence=min_confidence)
    return {"items": items, "limit": page.limit, "offset": page.offset, "min_confidence": min_confidence}


def figures_view(
    store: Store,
    about: str | None,
    kind: str | None,
    filters: Filters,
    page: Page,
    unit: str | None = None,
    min_confidence: float | None = None,
) -> dict[str, Any]:
    """The figures explorer: the list, and a plot of values over time of one group at a time:
    one unit and one thing measured, so a share of GDP and a growth rate never share an axis."""
    data = figures(store, about, kind, filters, page, min_confidence)
    found = store.figures(about, kind, filters, limit=MAX_LIMIT, min_confidence=min_confidence)
    plotted = [f for f in found if f["time_start"] or f["published"]]
    groups: dict[str, int] = {}
    for f in plotted:
        groups[_group(f)] = groups.get(_group(f), 0) + 1
    # the biggest group by default (money first on a tie, it is what users ask about)
    if unit not in groups:
        unit = max(groups, key=lambda k: (groups[k], k.startswith("money"))) if groups else None
    points = [
        (
            (f["time_start"] or f["published"])[:10],
            float(f["value"]),
            None if f["value_max"] is None else float(f["value_max"]),
            f"/articles/{f['article_id']}#f{f['start']}",
            f"{f['text']} — {f['measures'] or f['base'] or ''} ({(f['time_text'] or f['published'] or '')[:20]})",
        )
        for f in plotted
        if _group(f) == unit
    ]
    axis = next((_unit(f) for f in plotted if _group(f) == unit), "")
    return {
        **data,
        "chart": scatter_chart(points, axis, unit or "figures"),
        "unit": unit,
        "units": sorted(groups.items(), key=lambda u: -u[1]),
        "plotted": len(points),
    }


_STOP = frozenset("a an the of in on for to and or by its their his her from at with per".split())


def _group(fact: dict[str, Any]) -> str:
    """What a figure is plotted with: its unit and the head word of what it measures."""
    words = [w for w in re.findall(r"[a-z][a-z'-]*", (fact["measures"] or "").lower()) if w not in _STOP]
    # the head of "family remittances" or "the country's GDP" is its last word, plural or not
    head = _singular(words[-1].removesuffix("'s")) if words else ""
    unit = _unit(fact)
    # "12 games" counts games: its unit already says what it measures
    if not head or head in {_singular(w) for w in unit.lower().split()}:
        return unit
    return f"{unit}: {head}"


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _unit(fact: dict[str, Any]) -> str:
    if fact["kind"] == "money":
        return f"money ({fact['unit']})"
    return (
        fact["kind"]
        if fact["kind"] in ("percent", "percentage_points")
        else f"{fact['kind']} {fact['unit'] or ''}".strip()
    )


def timeline(store: Store, query: str | None, filters: Filters, memo: StoreMemo | None = None) -> dict[str, Any]:
    """Articles per day for a query or entity: attention over time (kept in ``memo``)."""
    days = _kept(memo, ("timeline", query, filters), lambda: store.timeline(query, filters))
    return {"query": query, "filters": filters_dict(filters), "items": [{"day": d, "count": n} for d, n in days]}


def timeline_view(
    store: Store,
    query: str | None,
    filters: Filters,
    state: Mapping[str, str | None] | None = None,
    total: int | None = None,
    memo: StoreMemo | None = None,
) -> dict[str, Any]:
    """The attention chart, each bar linking to the search for its period; ``state`` holds the
    search parameters (as typed) the links keep, the period replacing any date filter; ``total``
    is how many articles match, when the caller has counted them already."""
    data = timeline(store, query, filters, memo)
    days = [(i["day"], i["count"]) for i in data["items"]]
    if total is None:
        total = _kept(memo, ("count", query, filters), lambda: store.count(query, filters))
    return {**data, **attention_view(days, total, state)}


def attention_view(
    days: list[tuple[str, int]], total: int, state: Mapping[str, str | None] | None = None
) -> dict[str, Any]:
    """The attention chart of matches per day (``total`` matches, dated or not); each bar links
    to the search in ``state`` for its period."""
    dated = sum(n for _, n in days)
    kept = {k: v for k, v in (state or {}).items() if v and k not in ("since", "until", "offset")}
    chart = attention_chart(days, "articles", link=_period_search(kept), undated=total - dated)
    return {"chart": chart, "total": total, "dated": dated, "undated": total - dated}


def _period_search(params: Mapping[str, str | None]) -> Callable[[date, date], str]:
    """The search page for a period with ``params`` kept: what a chart's bar or point opens
    (``params`` encoded once: a two-year chart has a hundred of them)."""
    kept = urlencode({k: v for k, v in params.items() if v})
    prefix = f"/?{kept}&" if kept else "/?"
    return lambda first, last: f"{prefix}since={first.isoformat()}&until={last.isoformat()}"


#: Searches one chart compares at most.
MAX_SERIES = 4


def searches_view(
    store: Store, searches: list[tuple[str, str | None]], filters: Filters, share: bool, state: Mapping[str, str | None]
) -> dict[str, Any]:
    """Several searches (``(as typed, FTS5 query)``) over time on one chart, counts or each one's
    share of all articles per period; a point opens its search for its period."""
    series = [(typed, store.timeline(query, filters)) for typed, query in searches[:MAX_SERIES]]
    totals = store.timeline(None, filters) if share else None
    kept = {k: v for k, v in state.items() if v and k not in ("q", "vs", "share", "since", "until", "offset")}
    links = [_period_search({**kept, "q": typed}) for typed, _ in series]
    return {
        "chart": series_chart(series, totals, link=lambda index, first, last: links[index](first, last)),
        "counts": [(typed, sum(n for _, n in days)) for typed, days in series],
    }


def copies(store: Store, article_id: int | None, page: Page = Page()) -> dict[str, Any]:
    """Copy groups, group by group, a page of grouped articles at a time (or the group of one
    article): every copy with what it changed against the canonical one."""
    from ..connect.groups import copy_rows

    grouped = store.copy_groups([article_id] if article_id is not None else None)
    rows = copy_rows(grouped[page.offset : page.offset + page.limit], store.get)
    payload = {"of": article_id, "total": len(grouped), "limit": page.limit, "offset": page.offset}
    return {**payload, "items": [{**row.to_dict(), "ops": row.ops()} for row in rows]}


def conflicts(store: Store, article_id: int, every: bool = False) -> dict[str, Any]:
    """Figures the article's copies disagree on (``every``: roundings and rewrites too)."""
    from ..connect.groups import copy_conflicts

    found = [c for c in copy_conflicts(store.copy_groups([article_id]), store.get) if every or c["kind"] == "conflict"]
    return {"of": article_id, "items": found}


def compare_view(store: Store, article_id: int, other_id: int | None = None) -> dict[str, Any] | None:
    """Side by side: the copy (``article_id``) and the text it copies (its canonical copy, or
    ``other_id``), with what changed marked on both sides."""
    from ..connect.changes import changes

    copy = store.get(article_id)
    if copy is None:
        return None
    grouped = store.copy_groups([article_id])
    base_id = other_id if other_id is not None else (grouped[0][2] if grouped else None)
    members = {a for a, _, _ in grouped}
    if base_id is None or base_id == article_id or base_id not in members:
        return {"id": article_id, "copy": copy, "base": None, "base_id": None, "members": sorted(members)}
    base = store.get(base_id)
    if base is None:
        return None
    found = changes(base.text, copy.text, base.title, copy.title)
    return {
        "id": article_id,
        "copy": copy,
        "base": base,
        "base_id": base_id,
        "members": sorted(members),
        "changes": [c.to_dict() for c in found],
        "copy_html": marked_text(copy.text, [(c.start, c.end, c.op, c.text) for c in found if c.start is not None]),
        "base_html": marked_text(base.text, missing_spans(base.text, [(c.op, c.text) for c in found])),
    }


def stories(store: Store, query: str | None, filters: Filters, page: Page) -> dict[str, Any]:
    """Stories, biggest first (with a query or filters: those with matching articles, most
    matching first), a page at a time."""
    wanted = store.story_ids(query, filters) if query or filters != Filters() else None
    return {
        "q": query,
        "filters": filters_dict(filters),
        "total": store.story_count() if wanted is None else len(wanted),
        "limit": page.limit,
        "offset": page.offset,
        "items": store.stories(wanted, page.limit, page.offset),
    }


def story(store: Store, story_id: int, every: bool = False) -> dict[str, Any] | None:
    """One story: its articles, coverage per day and outlet, who said what in each outlet, the
    figures side by side, and the figures that disagree (``every``: roundings too)."""
    from ..connect.groups import MAX_STORY_ARTICLES, story_conflicts

    summaries = store.stories([story_id])
    if not summaries:
        return None
    members = store.story_members(story_id)
    ids = [m[0] for m in members]
    read = ids[-MAX_STORY_ARTICLES:]  # read in full: the latest ones
    articles = {i: a for i in read if (a := store.get(i)) is not None}
    names = store.source_ids(ids)
    groups = {a: g for a, g, _ in store.copy_groups(read)}
    conflicts = [c for c in story_conflicts(read, groups, articles.get) if every or c["kind"] in ("conflict", "update")]
    coverage: dict[str, dict[str, int]] = {}
    for _, published, publisher, _ in members:
        outlet = publisher or "unknown outlet"
        day = (published or "")[:10] or "undated"
        coverage.setdefault(outlet, {})
        coverage[outlet][day] = coverage[outlet].get(day, 0) + 1
    quotes, figures = [], []
    for article_id in read:
        article = articles.get(article_id)
        if article is None:
            continue
        where = {"article_id": article_id, "publisher": article.publisher, "published": article.published}
        quotes += [
            {
                **where,
                "speaker": q.speaker_name or q.speaker_text,
                "speaker_name": q.speaker_name,
                "speaker_text": q.speaker_text,
                "text": q.text,
                "start": q.span.start,
                "end": q.span.end,
            }
            for q in article.quotes
            if sure(q.confidence) and (q.speaker_name or q.speaker_text)
        ]
        figures += [
            {**where, "text": f.text, "value": f.value, "unit": f.unit, "measures": f.measures,
             "start": f.span.start, "end": f.span.end}
            for f in article.figures
            if sure(f.confidence) and f.measures
        ]  # fmt: skip
    return {
        **summaries[0],
        "members": [
            {"id": a, "source_id": names.get(a), "published": p, "publisher": publisher, "title": title}
            for a, p, publisher, title in members
        ],
        "coverage": coverage,
        "quotes": quotes,
        "figures": sorted(figures, key=lambda f: ((f["measures"] or "").lower(), f["published"] or "")),
        "conflicts": conflicts,
    }


def story_view(store: Store, story_id: int, every: bool = False) -> dict[str, Any] | None:
    """The story page: the story, a chart of its articles per day, and its days in order."""
    found = story(store, story_id, every)
    if found is None:
        return None
    per_day: dict[str, int] = {}
    for m in found["members"]:
        if m["published"] and len(m["published"]) >= 10:
            per_day[m["published"][:10]] = per_day.get(m["published"][:10], 0) + 1
    days = sorted({d for outlet in found["coverage"].values() for d in outlet})
    marked = {(c["doc_a"], c["start_a"]) for c in found["conflicts"]} | {
        (c["doc_b"], c["start_b"]) for c in found["conflicts"]
    }
    for f in found["figures"]:
        f["disputed"] = (f["article_id"], f["start"]) in marked
    return {
        "story": found,
        "days": days,
        "chart": attention_chart(
            sorted(per_day.items()), "articles", undated=len(found["members"]) - sum(per_day.values())
        ),
        "show_all": every,
    }
