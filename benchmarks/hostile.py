"""Time per document on hostile input shapes, at two sizes: does the cost grow with the size?

    python benchmarks/hostile.py [--lines N] [--facts]

Each shape is extracted at N and 4N repetitions through ``newsdesk.extract`` (timeout lifted so
the real cost shows); with ``--facts`` the analysis stages run too (dates, figures, entities,
quotes; the parser reads at most the first 200,000 characters). The ``growth`` column is the time
at 4N over the time at N, measured in the same run: about 4 means linear, about 16 quadratic.
The document timeout (``NEWSDESK_DOCUMENT_TIMEOUT``, 30 s by default) bounds any shape in
production; this table finds the shapes that would run into it.

    python benchmarks/hostile.py --inputs 10000 [--workers 2]

runs that many mutated real pages (``tests/hostile_inputs.py``: byte flips, truncation, deep
nesting, unclosed tags, giant attributes, long lines, mixed encodings, NULs, huge numbers) through
``newsdesk.extract(..., facts=True)`` with the default settings in worker processes, and prints
crashes (any error that is not a clear newsdesk error), runs over the document time limit by
more than 10%, time per input and the peak memory of a worker. A seed reproduces its input.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import newsdesk
from newsdesk.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests/hostile_inputs.py

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


def _one_input(seed: int) -> tuple[int, str, str, float, int, bool]:
    """Worker side: ``(seed, mutation, outcome, seconds, peak RSS in MB so far, whether it rose)``."""
    import resource
    import traceback

    from tests.hostile_inputs import hostile_input

    name, data = hostile_input(seed)
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    try:
        newsdesk.extract(data, facts=True)
        outcome = "ok"
    except newsdesk.NewsdeskError as exc:
        outcome = f"error {type(exc).__name__}"
    except Exception as exc:  # a crash: what the benchmark is for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        outcome = f"CRASH {type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return seed, name, outcome, seconds, peak // 1024, peak > peak_before


def _warm_up() -> None:
    newsdesk.extract("Warm-up. The model loads once, before the first timed document.", facts=True)


def run_inputs(count: int, workers: int) -> int:
    """Hostile inputs through extraction and analysis; a table of what happened."""
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    from tests.hostile_inputs import hostile_input

    limit = Settings.load().document_timeout
    results: list[tuple[int, str, str, float, int, bool]] = []
    hung: list[int] = []
    seeds = iter(range(count))
    pool = ProcessPoolExecutor(workers, initializer=_warm_up)
    pending: dict = {}
    done_count = 0
    while True:
        while len(pending) < workers * 2:
            seed = next(seeds, None)
            if seed is None:
                break
            future = pool.submit(_one_input, seed)
            pending[future] = seed
        if not pending:
            break
        finished, _ = wait(pending, timeout=limit * 3, return_when=FIRST_COMPLETED)
        if not finished:  # nothing came back in three time limits: a worker hangs; start again
            hung += list(pending.values())
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(workers, initializer=_warm_up)
            pending.clear()
            continue
        broken = False
        for future in finished:
            seed = pending.pop(future)
            try:
                results.append(future.result())
            except Exception as exc:  # the worker died (out of memory, a signal): every input in flight
                broken = True
                name = hostile_input(seed)[0]
                results.append((seed, name, f"CRASH worker died: {type(exc).__name__}", float("nan"), 0, False))
                print(f"  seed {seed} ({name}): a worker died", file=sys.stderr, flush=True)
            done_count += 1
            if done_count % 500 == 0:
                slow = sum(1 for r in results if r[3] > limit * 1.1)
                broke = sum(1 for r in results if r[2].startswith("CRASH"))
                peak = max((r[4] for r in results), default=0)
                print(
                    f"  {done_count} inputs done: {broke} crashes, {len(hung)} hangs, {slow} over the limit, "
                    f"peak {peak:,} MB",
                    file=sys.stderr,
                    flush=True,
                )
        if broken:  # the pool cannot be used again; the inputs still in it are tried in a new one
            retry = list(pending.values())
            pool.shutdown(wait=False, cancel_futures=True)
            pool = ProcessPoolExecutor(workers, initializer=_warm_up)
            pending = {pool.submit(_one_input, seed): seed for seed in retry}
    pool.shutdown()
    times = sorted(r[3] for r in results if r[3] == r[3])
    over = [r for r in results if r[3] > limit * 1.1]
    crashes = [r for r in results if r[2].startswith("CRASH")]
    outcomes = Counter(r[2] if not r[2].startswith("CRASH") else "CRASH" for r in results)

    def pct(p: float) -> float:
        return times[min(len(times) - 1, int(p * len(times)))] if times else float("nan")

    print(f"| hostile inputs | {len(results) + len(hung):,} |")
    print("|---|---|")
    for outcome, n in outcomes.most_common():
        print(f"| {outcome} | {n:,} |")
    print(f"| crashes | {len(crashes)} |")
    print(f"| hangs (no answer in {limit * 3:g} s) | {len(hung)} |")
    print(f"| over the {limit:g} s limit by more than 10% | {len(over)} |")
    print(f"| seconds per input: median / 95th / max | {pct(0.5):.2f} / {pct(0.95):.2f} / {pct(1.0):.2f} |")
    print(f"| peak RSS of a worker | {max((r[4] for r in results), default=0):,} MB |")
    slowest = Counter()
    for _, name, _, seconds, _, _ in results:
        for mutation in name.split("+"):
            slowest[mutation] = max(slowest[mutation], seconds)
    print("\nslowest input per mutation (s): " + ", ".join(f"{m} {t:.1f}" for m, t in slowest.most_common()))
    for seed, name, outcome, seconds, _, _ in (crashes + over)[:20]:
        print(f"  seed {seed}: {name}: {outcome} ({seconds:.1f} s)")
    # the inputs that raised a worker's peak the highest: where the memory goes
    raised = sorted((r for r in results if r[5]), key=lambda r: -r[4])[:5]
    print("inputs that set the highest peaks: " + ", ".join(f"seed {r[0]} ({r[1]}) {r[4]:,} MB" for r in raised))
    for seed in hung[:20]:
        print(f"  seed {seed}: hung or in flight when a worker hung")
    return 1 if crashes or over or hung else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=25_000, help="repetitions at the small size (default 25,000)")
    parser.add_argument("--facts", action="store_true", help="run the analysis stages too")
    parser.add_argument("--inputs", type=int, default=0, help="run this many mutated pages instead of the shapes")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if args.inputs:
        return run_inputs(args.inputs, args.workers)
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
