"""The ``newsdesk`` command. Thin: parse arguments, call the library, print."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .api import article_from_raw
from .errors import NewsdeskError, Skip
from .extract.stages import extraction_stages
from .ingest.sources import read_source
from .limits import time_limit
from .model import Article
from .pipeline import Pipeline
from .render import to_json, to_markdown, to_text
from .settings import Settings

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
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `newsdesk … | head` closed the pipe: not an error
        return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Turn news into verifiable, structured knowledge.")
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
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
    extract.set_defaults(run=_cmd_extract)
    return parser


def _cmd_extract(args: argparse.Namespace) -> int:
    settings = Settings.load(allow_private_addresses=args.allow_private or None)
    pipeline = Pipeline(extraction_stages())
    many = len(args.inputs) > 1
    failures = 0
    progress = _progress(len(args.inputs)) if many else None
    for name in args.inputs:
        try:
            with time_limit(settings.document_timeout):
                article = pipeline.run(article_from_raw(read_source(name, settings, args.url), settings))
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
