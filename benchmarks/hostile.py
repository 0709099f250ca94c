"""Time per document on hostile input shapes, at two sizes: does the cost grow with the size?

    python benchmarks/hostile.py [--lines N] [--facts]

Each shape is extracted at N and 4N repetitions through ``newsdesk.extract`` (timeout lifted so
the real cost shows); with ``--facts`` the analysis stages run too (dates, figures, entities,
quotes; the parser reads at most the first 200,000 characters). The ``growth`` column is the time
at 4N over the time at N, measured in the same run: about 4 means linear, about 16 quadratic.
The document timeout (``NEWSDESK_DOCUMENT_TIMEOUT``, 30 s by default) bounds any shape in
production; this table finds the shapes that would run into it.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import newsdesk
from newsdesk.settings import Settings

SHAPES: dict[str, Callable[[int], str]] = {
    "menu lines (no sentence)": lambda n: "\n".join(f"Menu item number {i}" for i in range(n)),
    "comment time stamps": lambda n: "\n".join(f"Reader{i} 07.16.12 at 22:{i % 60:02d}" for i in range(n)),
    "hard-wrapped transcript": lambda n: (
        "Hearing\n" + "\n".join(f"and then the mayor spoke about item {i} of the plan" for i in range(n))
    ),
    "bullets": lambda n: "\n".join(f"- point {i} of the list" for i in range(n)),
    "'Comments' lines": lambda n: "\n".join("Comments" for _ in range(n)),
    "one line, no spaces": lambda n: "x" * (n * 20),
    "unclosed '<a '": lambda n: "<a " * (n * 5),
    "nested tags": lambda n: "<div>" * n + "story text" + "</div>" * n,
    "HTML: one <p> per sentence": lambda n: (
        "<html><body><article>"
        + "".join(f"<p>Paragraph {i} says what the council decided on the budget today.</p>" for i in range(n))
        + "</article></body></html>"
    ),
    "HTML: list of links": lambda n: (
        "<html><body><ul>"
        + "".join(f"<li><a href='/story/{i}'>Link {i}</a></li>" for i in range(n))
        + "</ul><p>The only sentence of the story sits under the long list of links.</p></body></html>"
    ),
    "HTML: links run together in one block": lambda n: (
        "<html><body><div>"
        + " ".join(f"<a href='/p{i}'>Link number {i}</a>" for i in range(n))
        + "</div></body></html>"
    ),
    "one long line of prices": lambda n: " ".join(
        f"item {i} costs ${i % 90 + 1} or {i % 7 + 2} euros" for i in range(n)
    ),
    "report full of figures": lambda n: (
        "Report\n\n" + " ".join(f"Sales in region {i} rose 5 percent to $3.2 billion in May." for i in range(n // 4))
    ),
}


def _seconds(text: str, settings: Settings, facts: bool) -> float:
    started = time.perf_counter()
    try:
        newsdesk.extract(text, settings=settings, facts=facts)
    except newsdesk.NewsdeskError:
        pass  # a clear refusal is a fine answer here: only the time counts
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=25_000, help="repetitions at the small size (default 25,000)")
    parser.add_argument("--facts", action="store_true", help="run the analysis stages too")
    args = parser.parse_args()
    if args.facts:  # load the language model before the clock starts
        newsdesk.extract("Warm-up. The model loads once, before the first timed document.", facts=True)
    settings = Settings(document_timeout=3600.0, max_document_bytes=200_000_000)
    print(f"{'shape':28} {'MB at N':>8} {'s at N':>8} {'s at 4N':>8} {'growth':>7}")
    for name, make in SHAPES.items():
        small, large = make(args.lines), make(4 * args.lines)
        first, second = _seconds(small, settings, args.facts), _seconds(large, settings, args.facts)
        growth = second / first if first else float("nan")
        print(f"{name:28} {len(small) / 1e6:8.2f} {first:8.2f} {second:8.2f} {growth:7.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
