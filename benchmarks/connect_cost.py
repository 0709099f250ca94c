"""What connecting an article (copies and stories) costs as the store grows.

    python benchmarks/connect_cost.py                            # 1k, 10k and 100k stored articles
    python benchmarks/connect_cost.py --sizes 1000,10000 --probe 200

Articles are made from the sentences of the stories dev set (GVA): each is eight sentences drawn at
random, dated on a random day of three years, written in date order, one transaction each, as
an ingest writes them. When the store reaches each size, the next ``--probe`` articles are timed:
the copy index and the story decision (the connect step) against the whole store write. The
analysis of the same kind of text (``newsdesk.analyze`` on dev texts, in the same run) is the
rest of the pipeline: the connect step's share is connect / (analysis + store write). Peak memory
is the process's maximum resident set.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import newsdesk
from newsdesk.model import Article
from newsdesk.store import Store
from newsdesk.store import copies as store_copies
from newsdesk.store import stories as store_stories

ROOT = Path(__file__).resolve().parent.parent
GVA = ROOT.parent / "shared" / "data" / "stories-dev" / "gva-dev.jsonl"


def sentences() -> list[str]:
    out = []
    for line in GVA.open(encoding="utf-8"):
        text = json.loads(line)["text"]
        out += [s for s in re.split(r"(?<=[.!?])\s+", text) if 40 <= len(s) <= 400]
    return out


class Timer:
    """Seconds spent inside a function, summed."""

    def __init__(self, module: object, name: str) -> None:
        self.seconds = 0.0
        inner = getattr(module, name)

        def timed(*args: object, **kwargs: object) -> object:
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        setattr(module, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--probe", type=int, default=300, help="articles timed at each size")
    parser.add_argument("--analysed", type=int, default=100, help="dev texts analysed to time the pipeline")
    parser.add_argument(
        "--copies", type=int, default=800, help="outlets running one wire story, timed as its copy group grows"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    pool = sentences()
    rng = random.Random(7)
    total = max(sizes) + args.probe
    first = date(2022, 1, 1)
    days = sorted(rng.randrange(3 * 365) for _ in range(total))
    copies_timer = Timer(store_copies, "index_article")
    stories_timer = Timer(store_stories, "assign")

    texts = [json.loads(line)["text"] for line in GVA.open(encoding="utf-8")][: args.analysed]
    newsdesk.analyze(Article(text=texts[0]))  # load the model outside the timing
    started = time.perf_counter()
    for text in texts:
        newsdesk.analyze(Article(text=text))
    analysis_ms = 1000 * (time.perf_counter() - started) / len(texts)

    rows = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "cost.db") as store:
        stored = 0
        for size in sizes:
            while stored < size:
                _write(store, rng, pool, first + timedelta(days[stored]), stored)
                stored += 1
            copies_before, stories_before = copies_timer.seconds, stories_timer.seconds
            started = time.perf_counter()
            for _ in range(args.probe):
                _write(store, rng, pool, first + timedelta(days[stored]), stored)
                stored += 1
            write_ms = 1000 * (time.perf_counter() - started) / args.probe
            copies_ms = 1000 * (copies_timer.seconds - copies_before) / args.probe
            stories_ms = 1000 * (stories_timer.seconds - stories_before) / args.probe
            rows.append((size, copies_ms, stories_ms, write_ms))
            print(f"… {size} stored", file=sys.stderr, flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"analysis of a dev text: {analysis_ms:.1f} ms (newsdesk.analyze, {len(texts)} texts)")
    print("| stored articles | copies ms | stories ms | store write ms (all) | connect share of the pipeline |")
    print("|---:|---:|---:|---:|---:|")
    for size, copies_ms, stories_ms, write_ms in rows:
        share = (copies_ms + stories_ms) / (analysis_ms + write_ms)
        print(f"| {size:,} | {copies_ms:.1f} | {stories_ms:.1f} | {write_ms:.1f} | {share:.1%} |")
    print(f"peak memory: {peak:.0f} MiB")
    if args.copies:
        print("\n| copies of one story already stored | copies ms for the next one |")
        print("|---:|---:|")
        for group, ms in _one_story_copied(pool, args.copies, copies_timer):
            print(f"| {group:,} | {ms:.1f} |")


def _one_story_copied(pool: list[str], outlets: int, timer: Timer) -> list[tuple[int, float]]:
    """A wire story run by ``outlets`` outlets, each under its own URL: the copy step's time for
    the next copy as the group grows (it reads a few members per group, not all of them)."""
    rng = random.Random(11)
    text = "\n\n".join(" ".join(rng.choice(pool) for _ in range(3)) for _ in range(8))
    marks = {1, 10, 100, outlets // 2, outlets - 1}
    out = []
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "wire.db") as store:
        for n in range(outlets):
            before = timer.seconds
            article = Article(
                text=text, title=f"Copy {n}", publisher=f"outlet {n}", canonical_url=f"https://o{n}.example/"
            )
            with store.transaction():
                store.insert(article)
            if n in marks:
                out.append((n, 1000 * (timer.seconds - before)))
    return out


def _write(store: Store, rng: random.Random, pool: list[str], day: date, n: int) -> None:
    text = " ".join(rng.choice(pool) for _ in range(8))
    article = Article(text=text, title=f"Article {n}", published=day.isoformat(), publisher=f"outlet {n % 300}")
    with store.transaction():
        store.insert(article)


if __name__ == "__main__":
    main()
