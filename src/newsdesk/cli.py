"""The ``newsdesk`` command. Thin: parse arguments, call the library, print."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import os
import socket
import sys
from collections.abc import Sequence
from typing import Any

from .analyze.language import load_language
from .api import extract
from .errors import ModelNotInstalled, NewsdeskError, ScaleError, Skip, StoreError
from .export import write_csv, write_jsonl, write_parquet, write_records_csv
from .ingest.readers import read_url_list, total_bytes
from .ingest.sources import read_source
from .ingest_job import ingest
from .model import FIGURE_KINDS, QUOTE_KINDS, Article
from .process_job import DEFAULT_ATTEMPTS, ENGINES, ShardResult
from .reanalyze import reanalyze
from .render import to_json, to_markdown, to_text
from .scale.shards import PAGES_PER_SHARD
from .settings import Settings
from .store import Filters, SearchResult, Store
from .store.query_text import SEARCH_HELP, fts_query
from .store.store import DEFAULT_PATH
from .version import package_version

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsdesk`` command; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.run(args))
    except StoreError as exc:
        print(f"newsdesk {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsdesk … | head` closed the pipe: not an error
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Turn news into verifiable, structured knowledge.")
    parser.add_argument("--version", action="version", version=f"newsdesk {package_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    extract = commands.add_parser(
        "extract",
        help="extract clean article text and metadata from HTML or scraped text",
        description="Extract articles. One input prints one document; several print JSON Lines "
        "(with --format json). Failures are reported on stderr and the rest go on.",
    )
    extract.add_argument("inputs", nargs="+", metavar="PATH|URL|-", help="files, http(s) URLs, or - for stdin")
    extract.add_argument(
        "--format", choices=("json", "md", "txt"), default="json", help="output format (default: json)"
    )
    extract.add_argument("--url", help="the page's URL, when reading a file or stdin (helps metadata)")
    extract.add_argument(
        "--allow-private",
        action="store_true",
        help="let URL fetches reach private, loopback and link-local addresses",
    )
    extract.add_argument("--show-removed", action="store_true", help="with md/txt: list what was removed and why")
    extract.add_argument(
        "--facts", action="store_true", help="also analyse: quotes and speakers, figures, dates, entities"
    )
    extract.set_defaults(run=_cmd_extract)

    ingest = commands.add_parser(
        "ingest",
        help="extract files, folders, globs, JSON Lines, WARC archives or URLs into the store",
        description="Ingest into the store. Interrupted runs resume: run the same command again.",
    )
    ingest.add_argument("paths", nargs="*", metavar="PATH", help=".html/.htm/.txt (.gz), .jsonl, .warc(.gz), folders")
    ingest.add_argument("--urls", metavar="FILE", help="a file with one URL per line to fetch")
    ingest.add_argument("--workers", type=int, default=0, help="worker processes (default: all cores)")
    ingest.add_argument("--allow-private", action="store_true", help="let URL fetches reach private addresses")
    _add_db(ingest)
    ingest.set_defaults(run=_cmd_ingest)

    process = commands.add_parser(
        "process",
        help="extract and analyse sources into Parquet parts, one per shard, on local processes or Ray",
        description="One task per WARC or JSON Lines file (a path or a URL; a *.paths list names many) or per "
        f"{PAGES_PER_SHARD} loose pages. Each shard becomes DIR/parts/<shard>.parquet and a done marker; run "
        "the same command again to finish an interrupted run (finished shards are skipped). "
        "`newsdesk load DIR` puts the parts into a store.",
    )
    process.add_argument("sources", nargs="+", metavar="SOURCE", help="files, folders, globs, URLs, *.paths lists")
    process.add_argument("--out", required=True, metavar="DIR", help="the folder for parts and markers")
    process.add_argument("--engine", choices=ENGINES, default="local", help="local processes (default) or Ray")
    process.add_argument("--address", help="a Ray cluster to join: auto or HOST:PORT (default: start one here)")
    process.add_argument("--workers", type=int, default=0, help="worker processes (default: all cores)")
    process.add_argument(
        "--attempts", type=_bounded(1, 20), default=DEFAULT_ATTEMPTS, help="tries per shard before it is reported"
    )
    process.add_argument(
        "--language",
        action="append",
        default=[],
        metavar="CODE",
        help="keep only pages that declare this language (or none); repeat for more",
    )
    process.set_defaults(run=_cmd_process)

    load = commands.add_parser(
        "load",
        help="put the finished parts of a process run into the store (again: nothing changes)",
        description="Every record of every finished part is stored as ingest stores it, copies and stories "
        "updated with it; records already stored are skipped.",
    )
    load.add_argument("out", metavar="DIR", help="the --out folder of a process run")
    _add_db(load)
    load.set_defaults(run=_cmd_load)

    search = commands.add_parser("search", help="full-text search with filters")
    search.add_argument("query", nargs="?", default=None, help=f'{SEARCH_HELP}; e.g. remittances, "family remittances"')
    _add_fts(search)
    _add_filters(search)
    _add_listing(search, limit=20)
    _add_db(search)
    search.set_defaults(run=_cmd_search)

    show = commands.add_parser("show", help="print one stored article")
    show.add_argument("id", type=int)
    show.add_argument("--format", choices=("json", "md", "txt"), default="md")
    _add_db(show)
    show.set_defaults(run=_cmd_show)

    stats = commands.add_parser("stats", help="article counts by day, publisher and agency")
    stats.add_argument("--format", choices=("table", "json"), default="table")
    _add_db(stats)
    stats.set_defaults(run=_cmd_stats)

    for name in ("figures", "facts"):
        # "facts" is the old name of this command, kept for one release (deprecated)
        figures = commands.add_parser(
            name, help="figures from the store: what, how much, when" if name == "figures" else "deprecated: figures"
        )
        figures.add_argument(
            "--about", help="words (singular or plural) in what the figure measures or in its sentence"
        )
        figures.add_argument("--kind", choices=FIGURE_KINDS)
        _add_confidence(figures)
        _add_filters(figures)
        _add_listing(figures, limit=50)
        _add_db(figures)
        figures.set_defaults(run=_cmd_figures)

    quotes = commands.add_parser("quotes", help="quotes from the store: who said what, where")
    quotes.add_argument("--speaker", help="part of the speaker's name, as resolved or as written")
    quotes.add_argument("--query", help="search the quoted words (as `search` reads a query)")
    _add_fts(quotes)
    quotes.add_argument("--kind", choices=QUOTE_KINDS)
    _add_confidence(quotes)
    _add_filters(quotes)
    _add_listing(quotes, limit=50)
    _add_db(quotes)
    quotes.set_defaults(run=_cmd_quotes)

    entities = commands.add_parser("entities", help="people, organisations and places across the store")
    entities.add_argument("--name", help="part of the entity's name")
    entities.add_argument("--label", choices=("person", "organization", "place", "group", "facility"))
    _add_filters(entities)
    entities.add_argument("--format", choices=("table", "json", "csv"), default="table")
    entities.add_argument("--limit", type=_bounded(1, MAX_LISTING), default=50, help=f"at most {MAX_LISTING}")
    _add_db(entities)
    entities.set_defaults(run=_cmd_entities)

    copies = commands.add_parser(
        "copies",
        help="syndicated copies in the store and what each outlet changed",
        description="Groups of stored articles that are copies of one text (the wire original first), "
        "with each copy's changes against it: headline, truncate, delete, insert, reorder, reword, "
        "boilerplate, figure (offsets into the copy's text).",
    )
    _add_copy_options(copies)
    copies.set_defaults(run=_cmd_copies)

    conflicts = commands.add_parser(
        "conflicts",
        help="figures that disagree between copies of one story",
        description="Figures that differ between two copies of one text, where the sentences around "
        "them say the same thing: a conflict when neither value is a rounding of the other ('$6 million' "
        "and '$6.5 million'); with --all, also roundings and the same value written another way.",
    )
    conflicts.add_argument("--all", action="store_true", help="also roundings and harmless rewrites")
    conflicts.add_argument(
        "--story", metavar="ID", type=int, help="figures that disagree between any two articles of this story"
    )
    _add_copy_options(conflicts)
    conflicts.set_defaults(run=_cmd_conflicts)

    stories = commands.add_parser(
        "stories",
        help="stories across outlets: articles about one event, grouped as they arrived",
        description="Stories in the store, biggest first: label (top names and words), first and last "
        "day, outlets and articles. --format jsonl prints one line per article: {id, story}.",
    )
    stories.add_argument("--query", "-q", help="only stories with articles matching this search")
    _add_fts(stories)
    stories.add_argument("--of", metavar="ID", help="only the story of this article (its store id or its input's id)")
    stories.add_argument("--limit", type=_bounded(1, MAX_LISTING), default=50, help=f"at most {MAX_LISTING} stories")
    stories.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table")
    _add_filters(stories)
    _add_db(stories)
    stories.set_defaults(run=_cmd_stories)

    recluster = commands.add_parser(
        "recluster",
        help="rebuild every story from the stored articles, in publication order",
        description="Forget the stories and group every stored article again, one pass in publication order "
        "(a backfill after articles arrived out of order, or after an upgrade). Interrupted, it resumes "
        "where it stopped when run with --resume.",
    )
    recluster.add_argument("--resume", action="store_true", help="only place the articles without a story")
    _add_db(recluster)
    recluster.set_defaults(run=_cmd_recluster)

    reanalyze = commands.add_parser(
        "reanalyze",
        help="re-run the analysis stages over stored articles after the rules changed, in place",
        description="Analyse again the stored articles whose facts came from other analysis stages "
        "(or every one with --force). Interrupted runs resume: run the same command again.",
    )
    _add_filters(reanalyze)
    reanalyze.add_argument("--force", action="store_true", help="re-analyse even articles that are current")
    _add_db(reanalyze)
    reanalyze.set_defaults(run=_cmd_reanalyze)

    serve = commands.add_parser(
        "serve",
        help="browse the store in a web page, with a JSON API (read-only)",
        description="Serve the store: pages for search, articles, people, quotes and figures, and /api/…",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument(
        "--time-limit", type=float, default=1.0, help="seconds of work (CPU) one request's queries may use"
    )
    serve.add_argument(
        "--cors",
        action="append",
        metavar="ORIGIN",
        help="let pages from ORIGIN (e.g. https://desk.example.org, or * for any) read the API from a browser; "
        "repeatable; off by default",
    )
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server processes answering at once (default: 1); each opens the store read-only on its own",
    )
    _add_db(serve)
    serve.set_defaults(run=_cmd_serve)

    export = commands.add_parser("export", help="stream articles out as JSON Lines, CSV or Parquet")
    export.add_argument("query", nargs="?", default=None, help="optional search (as `search` reads it)")
    _add_fts(export)
    _add_filters(export)
    export.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    export.add_argument("--output", "-o", help="file to write (required for parquet; default: stdout)")
    _add_db(export)
    export.set_defaults(run=_cmd_export)
    return parser


def _add_fts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fts", action="store_true", help="take the query as FTS5 syntax (AND, NEAR, column:, parentheses)"
    )


def _query(args: argparse.Namespace) -> str | None:
    """The command's query as FTS5: read in the plain mode unless --fts."""
    return fts_query(args.query, "fts" if args.fts else "plain")


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_PATH, help=f"the store file (default: ./{DEFAULT_PATH})")


def _add_listing(parser: argparse.ArgumentParser, limit: int) -> None:
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument("--limit", type=_bounded(1, MAX_LISTING), default=limit, help=f"at most {MAX_LISTING}")
    parser.add_argument("--offset", type=_bounded(0, MAX_OFFSET), default=0)


#: Largest listing one command prints, and the furthest it pages (use `export` for everything).
MAX_LISTING, MAX_OFFSET = 10_000, 10_000_000


def _bounded(low: int, high: int):  # type: ignore[no-untyped-def]
    """An argparse type: an integer from ``low`` to ``high``, else a usage error in our words."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"wants a whole number, got {value!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(f"wants a number from {low} to {high}, got {value}")
        return number

    return parse


def _add_confidence(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--min-confidence",
        type=_confidence,
        metavar="X",
        help="only facts at least this sure (0–1; 0.8 keeps the facts right 9 times in 10 on our dev set)",
    )


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"wants a number from 0 to 1, got {value!r}") from None
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"wants a number from 0 to 1, got {value}")
    return number


def _add_copy_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--of", metavar="ID", help="only the group of this article (its store id or its input's id)")
    parser.add_argument("--format", choices=("table", "json", "jsonl", "csv"), default="table")
    parser.add_argument("--reindex", action="store_true", help="first index articles stored before copies were kept")
    _add_filters(parser)
    _add_db(parser)


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", help="published on or after YYYY-MM-DD")
    parser.add_argument("--until", help="published on or before YYYY-MM-DD")
    parser.add_argument("--publisher")
    parser.add_argument("--agency", help="AFP, AP, Reuters, …")
    parser.add_argument("--lang", help="language code, e.g. en")
    parser.add_argument("--tag")
    parser.add_argument("--entity", help="articles that mention this entity (its canonical name)")
    parser.add_argument("--within", help="articles whose title or text holds these words (plain search)")


def _filters(args: argparse.Namespace) -> Filters:
    """The filter options (an impossible --since or --until is a StoreError: exit code 2)."""
    return Filters(args.since, args.until, args.publisher, args.agency, args.lang, args.tag, args.entity, args.within)


def _cmd_ingest(args: argparse.Namespace) -> int:
    if not args.paths and not args.urls:
        print("newsdesk ingest: name at least one PATH or --urls FILE", file=sys.stderr)
        return EXIT_USAGE
    settings = Settings.load(allow_private_addresses=args.allow_private or None)
    from tqdm import tqdm

    total = total_bytes(args.paths) or None  # progress in input bytes: gives a rate and an ETA
    bar = tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr, disable=None, desc="ingest")
    documents = 0

    def advance(size: int) -> None:
        nonlocal documents
        documents += 1
        bar.set_postfix_str(f"{documents} docs", refresh=False)
        bar.update(size)

    urls = read_url_list(args.urls) if args.urls else ()
    with Store(args.db) as store, bar:
        report = ingest(args.paths, store, urls=urls, workers=args.workers, settings=settings, on_progress=advance)
        stored = len(store)
    print(f"newsdesk: {report.summary()}\nnewsdesk: {stored} articles in {args.db}", file=sys.stderr)
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_process(args: argparse.Namespace) -> int:
    from .process_job import ProcessOptions, process

    codes = (code.strip().lower()[:2] for value in args.language for code in value.split(","))
    languages = frozenset(code for code in codes if code)

    def said(result: ShardResult) -> None:
        state = "done" if result.status == "done" else f"FAILED: {result.reason}"
        where = f" on node {result.node}" if result.node else ""
        print(
            f"newsdesk: {result.label}: {result.records} records, {result.seconds:.1f} s{where}: {state}",
            file=sys.stderr,
        )

    try:
        report = process(
            args.sources,
            args.out,
            engine=args.engine,
            address=args.address,
            workers=args.workers,
            attempts=args.attempts,
            options=ProcessOptions(languages),
            on_shard=said,
        )
    except ScaleError as exc:
        print(f"newsdesk process: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"newsdesk: {report.summary()}", file=sys.stderr)
    return EXIT_FAILED if report.failed or report.missing else EXIT_OK


def _cmd_load(args: argparse.Namespace) -> int:
    from .load_job import load

    with Store(args.db) as store:
        try:
            report = load(args.out, store)
        except ScaleError as exc:
            print(f"newsdesk load: {exc}", file=sys.stderr)
            return EXIT_USAGE
        stored = len(store)
    print(f"newsdesk: {report.summary()}\nnewsdesk: {stored} articles in {args.db}", file=sys.stderr)
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        results = store.search(_query(args), _filters(args), limit=args.limit, offset=args.offset)
    if args.format == "json":
        print(json.dumps([dataclasses.asdict(r) for r in results], ensure_ascii=False, indent=2))
    elif args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow([f.name for f in dataclasses.fields(SearchResult)])
        writer.writerows(dataclasses.astuple(r) for r in results)
    else:
        for r in results:
            when = (r.published or "")[:10] or "----------"
            print(f"{r.id:>6}  {when}  {r.publisher or ''} {f'({r.agency})' if r.agency else ''}".rstrip())
            print(f"        {r.title or '(untitled)'}")
            print(f"        {' '.join(r.snippet.split())}\n")
        if not results:
            print("no results", file=sys.stderr)
    return EXIT_OK


def _cmd_show(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        article = store.get(args.id)
    if article is None:
        print(f"newsdesk: no article with id {args.id}", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.write(_render(article, args.format, False, False))
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        stats = store.stats()
        total = len(store)
    if args.format == "json":
        print(json.dumps({"articles": total, **{k: dict(v) for k, v in stats.items()}}, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{total} articles")
    for name, rows in stats.items():
        print(f"\nby {name}:")
        for value, count in rows:
            print(f"  {count:>8}  {value}")
    return EXIT_OK


def _cmd_figures(args: argparse.Namespace) -> int:
    if args.command == "facts":
        print("newsdesk: `facts` is deprecated and will be removed; use `newsdesk figures`", file=sys.stderr)
    with Store(args.db, readonly=True) as store:
        rows = store.figures(
            args.about,
            args.kind,
            _filters(args),
            limit=args.limit,
            offset=args.offset,
            min_confidence=args.min_confidence,
        )
    if args.format != "table":
        return _print_rows(rows, args.format)
    for row in rows:
        what = row["measures"] or (f"of {row['base']}" if row["base"] else "")
        when = row["time_text"] and f"{row['time_text']} ({row['time_start']}..{row['time_end']})"
        qualifier = f"{row['qualifier']} " if row["qualifier"] else ""
        amount = f"{row['value']:g}" + (f"–{row['value_max']:g}" if row["value_max"] is not None else "")
        sure = f"  [{row['confidence']:.2f}]" if row.get("confidence") is not None else ""
        print(f"{row['article_id']:>6}  {qualifier}{row['text']}  = {amount} {row['unit'] or ''}".rstrip() + sure)
        details = ", ".join(x for x in (row["kind"], what, row["change"] and f"change: {row['change']}", when) if x)
        print(f"        {details}\n        “{row['sentence']}”\n")
    if not rows:
        print("no figures", file=sys.stderr)
    return EXIT_OK


def _cmd_quotes(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        rows = store.quotes(
            args.speaker,
            _query(args),
            _filters(args),
            kind=args.kind,
            limit=args.limit,
            offset=args.offset,
            min_confidence=args.min_confidence,
        )
    if args.format != "table":
        return _print_rows(rows, args.format)
    for row in rows:
        written = f" (“{row['speaker_text']}”)" if row["speaker_text"] and row["speaker_text"] != row["speaker"] else ""
        when = (row["published"] or "")[:10] or "----------"
        print(f"{row['article_id']:>6}  {when}  {row['speaker'] or 'unattributed'}{written}, {row['cue_text'] or ''}")
        sure = f" {row['confidence']:.2f}" if row.get("confidence") is not None else ""
        print(f"        [{row['kind']}{sure}] {' '.join(row['text'].split())}\n")
    if not rows:
        print("no quotes", file=sys.stderr)
    return EXIT_OK


def _cmd_entities(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        rows = store.entities(args.name, args.label, _filters(args), limit=args.limit)
    if args.format != "table":
        return _print_rows(rows, args.format)
    for row in rows:
        roles = f"  — {'; '.join(row['roles'])}" if row["roles"] else ""
        print(f"{row['articles']:>6} articles {row['mentions']:>6} mentions  {row['name']} ({row['label']}){roles}")
    if not rows:
        print("no entities", file=sys.stderr)
    return EXIT_OK


def _print_rows(rows: list[dict[str, Any]], fmt: str) -> int:
    """JSON or CSV output of listing rows."""
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        write_records_csv(rows, sys.stdout)
    return EXIT_OK


def _copy_groups(args: argparse.Namespace) -> tuple[list[tuple[int, int, int]], Store]:
    """The ``(article_id, group_id, canonical_id)`` triples the arguments ask for, and the open
    store they come from (indexed first with --reindex)."""
    store = Store(args.db, readonly=not args.reindex)
    if args.reindex:
        indexed = store.index_copies()
        print(f"newsdesk: indexed {indexed} articles for copies", file=sys.stderr)
    of = None
    if args.of is not None:
        of = store.find_id(args.of)
        if of is None:
            store.close()
            raise StoreError(f"no article with the id {args.of!r} (a store id, or the id its input gave it)")
    grouped = store.copy_groups([of] if of is not None else None)
    filters = _filters(args)
    if filters != Filters():
        wanted = set(store.article_ids(filters))
        groups_wanted = {g for a, g, _ in grouped if a in wanted}
        grouped = [row for row in grouped if row[1] in groups_wanted]
    return grouped, store


def _cmd_copies(args: argparse.Namespace) -> int:
    from .connect.groups import copy_rows

    grouped, store = _copy_groups(args)
    with store:
        rows = copy_rows(grouped, store.get)
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row.to_dict(), ensure_ascii=False))
    elif args.format in ("json", "csv"):
        records = [row.to_dict() for row in rows]
        if args.format == "csv":
            records = [{**r, "changes": " ".join(row.ops())} for r, row in zip(records, rows, strict=True)]
        _print_rows(records, args.format)
    else:
        for row in rows:
            lead = "group" if row.id == row.group else "     "
            mark = "canonical" if row.id == row.canonical else ", ".join(row.ops()) or "same text"
            when = (row.published or "")[:10] or "----------"
            print(f"{lead} {row.group:>6}  {row.id:>6}  {when}  {row.publisher or '-'}: {row.title or ''}  [{mark}]")
    if not rows:
        print("no copies" + (f" of article {args.of}" if args.of is not None else ""), file=sys.stderr)
    return EXIT_OK


def _cmd_conflicts(args: argparse.Namespace) -> int:
    from .connect.groups import copy_conflicts, story_conflicts

    if args.story is not None:
        with Store(args.db, readonly=True) as store:
            members = [m[0] for m in store.story_members(args.story)]
            if not members:
                raise StoreError(f"no story with the id {args.story}")
            groups = {a: g for a, g, _ in store.copy_groups(members)}
            found = story_conflicts(members, groups, store.get)
        found = [c for c in found if args.all or c["kind"] in ("conflict", "update")]
    else:
        grouped, store = _copy_groups(args)
        with store:
            found = [c for c in copy_conflicts(grouped, store.get) if args.all or c["kind"] == "conflict"]
    if args.format == "jsonl":
        for line in found:
            print(json.dumps(line, ensure_ascii=False))
    elif args.format in ("json", "csv"):
        _print_rows(found, args.format)
    else:
        for line in found:
            a, b = f"{line['doc_a']:>6} “{line['mention_a']}”", f"{line['doc_b']:>6} “{line['mention_b']}”"
            print(f"{line['kind']:>9}  {a}  vs  {b}")
    if not found:
        print("no conflicting figures", file=sys.stderr)
    return EXIT_OK


def _cmd_stories(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        filters = _filters(args)
        if args.of is not None:
            of = store.find_id(args.of)
            if of is None:
                raise StoreError(f"no article with the id {args.of!r} (a store id, or the id its input gave it)")
            wanted: list[int] | None = list(store.story_of([of]).values())
        elif args.query or filters != Filters():
            wanted = store.story_ids(_query(args), filters)
        else:
            wanted = None
        found = store.stories(wanted, limit=args.limit)
        members = {s["id"]: store.story_members(s["id"]) for s in found}
        names = store.source_ids(row[0] for m in members.values() for row in m)
        waiting = store.articles_without_story()
    if waiting:
        print(
            f"newsdesk: {waiting} articles have no story yet (stored before stories were kept): "
            "run `newsdesk recluster`",
            file=sys.stderr,
        )
    if args.format == "jsonl":
        for story in found:
            for article_id, *_ in members[story["id"]]:
                print(json.dumps({"id": names.get(article_id, article_id), "story": story["id"]}, ensure_ascii=False))
    elif args.format == "json":
        for story in found:
            story["members"] = [
                {"id": a, "source_id": names.get(a), "published": p} for a, p, *_ in members[story["id"]]
            ]
        _print_rows(found, "json")
    elif args.format == "csv":
        _print_rows([{**s, "outlets": "; ".join(s["outlets"])} for s in found], "csv")
    else:
        for story in found:
            span = f"{story['first_seen'] or '?'}..{story['last_seen'] or '?'}"
            outlets = len(story["outlets"])
            print(
                f"{story['id']:>6}  {span:22}  {story['articles']:>4} articles  {outlets:>3} outlets  {story['label']}"
            )
    if not found:
        print(
            "no stories" + (" (run `newsdesk recluster` on a store made before stories)" if wanted is None else ""),
            file=sys.stderr,
        )
    return EXIT_OK


def _cmd_recluster(args: argparse.Namespace) -> int:
    with Store(args.db) as store:
        if not args.resume:
            store.clear_stories()
        placed = store.index_stories()
        total = store.story_count()
    print(f"newsdesk: placed {placed} articles in stories ({total} stories)", file=sys.stderr)
    return EXIT_OK


def _cmd_reanalyze(args: argparse.Namespace) -> int:
    settings = Settings.load()
    try:
        load_language(settings.spacy_model)
    except ModelNotInstalled as exc:
        print(f"newsdesk reanalyze: {exc}", file=sys.stderr)
        return EXIT_USAGE
    with Store(args.db) as store:
        report = reanalyze(store, filters=_filters(args), force=args.force, settings=settings)
    print(f"newsdesk: {report.summary()}", file=sys.stderr)
    return EXIT_FAILED if report.failed else EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .web.app import SERVE_SETTINGS, create_app

    if args.workers < 1:
        print("newsdesk serve: --workers must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    app = create_app(args.db, time_limit=args.time_limit, cors=args.cors or ())
    host = f"[{args.host}]" if ":" in args.host else args.host
    try:  # say so before printing the address when it cannot be had (a busy port, a bad host)
        socket.create_server(
            (args.host, args.port), family=socket.AF_INET6 if ":" in args.host else socket.AF_INET
        ).close()
    except OSError as exc:
        print(f"newsdesk serve: cannot listen on {host}:{args.port}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"newsdesk: serving {args.db} at http://{host}:{args.port}/ (Ctrl+C to stop)", file=sys.stderr)
    # on SIGTERM or Ctrl+C, requests still running get a few seconds, then the server stops
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "timeout_graceful_shutdown": 3,
    }
    if args.workers == 1:
        uvicorn.run(app, **options)
        return EXIT_OK
    # worker processes each build the app from an import path: the settings go by the environment
    os.environ[SERVE_SETTINGS] = json.dumps(
        {"db": str(args.db), "time_limit": args.time_limit, "cors": args.cors or []}
    )
    uvicorn.run("newsdesk.web.app:app_from_environment", factory=True, workers=args.workers, **options)
    return EXIT_OK


def _cmd_export(args: argparse.Namespace) -> int:
    with Store(args.db, readonly=True) as store:
        rows = store.select(_query(args), _filters(args))
        if args.format == "parquet":
            if not args.output:
                print("newsdesk export: --format parquet needs --output FILE", file=sys.stderr)
                return EXIT_USAGE
            count = write_parquet(rows, args.output)
        else:
            writer = write_jsonl if args.format == "jsonl" else write_csv
            if args.output:
                with open(args.output, "w", encoding="utf-8", newline="") as out:
                    count = writer(rows, out)
            else:
                count = writer(rows, sys.stdout)
    print(f"newsdesk: exported {count} articles", file=sys.stderr)
    return EXIT_OK


def _cmd_extract(args: argparse.Namespace) -> int:
    settings = Settings.load(allow_private_addresses=args.allow_private or None)
    if args.facts:
        try:
            load_language(settings.spacy_model)  # fail once, clearly, before any input is read
        except ModelNotInstalled as exc:
            print(f"newsdesk extract: {exc}", file=sys.stderr)
            return EXIT_USAGE
    many = len(args.inputs) > 1
    failures = 0
    progress = _progress(len(args.inputs)) if many else None
    for name in args.inputs:
        try:
            article = extract(read_source(name, settings, args.url), facts=args.facts, settings=settings)
        except Skip as skip:
            failures += 1
            _report(name, f"skipped: {skip.reason}", progress)
        except (NewsdeskError, OSError) as exc:
            failures += 1
            _report(name, f"{type(exc).__name__}: {exc}", progress)
        except Exception as exc:
            failures += 1
            _report(name, f"internal error {type(exc).__name__}: {exc}", progress)
        else:
            sys.stdout.write(_render(article, args.format, many, args.show_removed))
            sys.stdout.flush()
        if progress is not None:
            progress.update(1)
    if progress is not None:
        progress.close()
    if many:
        print(f"newsdesk: {len(args.inputs) - failures} extracted, {failures} failed", file=sys.stderr)
    return EXIT_FAILED if failures else EXIT_OK


def _render(article: Article, fmt: str, many: bool, show_removed: bool) -> str:
    if fmt == "json":
        return to_json(article, indent=None if many else 2) + "\n"
    body = to_markdown(article) if fmt == "md" else to_text(article)
    if show_removed and article.removed:
        body += "\n" + "\n".join(f"[removed: {r.reason}] {r.text}" for r in article.removed) + "\n"
    return body + ("\n---\n\n" if many else "")


def _progress(total: int):  # type: ignore[no-untyped-def]
    from tqdm import tqdm

    # disable=None: only draw when stderr is a terminal, so logs and pipes stay clean
    return tqdm(total=total, unit="doc", file=sys.stderr, disable=None)


def _report(name: str, message: str, progress: object) -> None:
    line = f"newsdesk: {name}: {message}"
    if progress is not None and hasattr(progress, "write"):
        progress.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
