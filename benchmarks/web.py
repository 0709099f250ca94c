"""API latency under concurrent clients, and the weight of the main pages.

    python benchmarks/web.py --articles 100000 --clients 20 --requests 4000 [--dir /tmp/nd-web]

Builds a store of N articles with facts: a few hundred real articles (the gold texts of the
shared HTML dev sets) are analysed once, then stored again and again under other titles,
publishers and dates over two years, so every table has realistic rows. Then it starts
``newsdesk serve`` on 127.0.0.1 and runs a bounded load: ``--clients`` concurrent clients send
``--requests`` requests in total, a mix of searches with filters, quotes, figures, entity
profiles, timelines and article pages, and stop. Latency is reported per endpoint (p50/p95) next
to a static file served under the same load (the anchor: what the server costs without the store).
The search page comes twice: searches repeated from a short list of words (the server keeps their
counts, facets and chart until the store changes) and searches made new for each request.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluation
import newsdesk
from newsdesk.store import Store

PUBLISHERS = [f"Publisher {i}" for i in range(50)]
WORDS = ["election", "budget", "court", "president", "minister", "police", "tax", "health", "school", "water"]


def build(path: Path, n: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    texts = [gold for _, folder, name in evaluation.SETS[:3] for _, _, gold in evaluation.load(folder, name)]
    texts = [t for t in texts if len(t.split()) > 150][:300]
    print(f"analysing {len(texts)} real articles …", file=sys.stderr)
    analysed = []
    for text in texts:
        try:
            analysed.append(newsdesk.extract(text.replace("\n", "\n\n"), facts=True))
        except newsdesk.errors.NewsdeskError:
            continue
    start = time.perf_counter()
    with Store(path) as store:
        for first in range(0, n, 2000):
            with store.transaction():
                for i in range(first, min(n, first + 2000)):
                    base = rng.choice(analysed)
                    day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
                    store.insert(
                        dataclasses.replace(
                            base,
                            title=f"{(base.title or 'Story')[:60]} #{i}",
                            published=day.isoformat(),
                            publisher=rng.choice(PUBLISHERS),
                            canonical_url=f"https://bench.example/{i}",
                        )
                    )
    print(f"stored {n} articles in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def _day(rng: random.Random) -> str:
    return (date(2024, 1, 1) + timedelta(days=rng.randrange(730))).isoformat()


def requests_mix(rng: random.Random, store: Store, n: int) -> list[tuple[str, str]]:
    speakers = [row["name"] for row in store.entities(label="person", limit=30)]
    measures = ["percent", "million", "people", "tax", "budget", "year"]
    kinds: list[tuple[str, Callable[[], str]]] = [
        (
            "search",
            lambda: f"/api/articles?q={rng.choice(WORDS)}+{rng.choice(WORDS)}&since=2024-06-01&until=2024-09-01",
        ),
        ("search+publisher", lambda: f"/api/articles?q={rng.choice(WORDS)}&publisher={rng.choice(PUBLISHERS)}"),
        ("quotes by speaker", lambda: f"/api/quotes?speaker={rng.choice(speakers)}"),
        ("quotes by words", lambda: f"/api/quotes?q={rng.choice(WORDS)}"),
        ("figures", lambda: f"/api/figures?about={rng.choice(measures)}&kind=percent"),
        ("entity", lambda: f"/api/entities/{rng.choice(speakers)}"),
        ("timeline", lambda: f"/api/timeline?q={rng.choice(WORDS)}"),
        ("article", lambda: f"/api/articles/{rng.randrange(1, len(store) + 1)}"),
        ("search page", lambda: f"/?q={rng.choice(WORDS)}"),
        # a search nobody ran before (7,300 combinations): nothing kept from an earlier request helps
        ("search page, new search", lambda: f"/?q={rng.choice(WORDS)}&since={_day(rng)}"),
        ("quotes page", lambda: f"/quotes?q={rng.choice(WORDS)}"),
        ("static (anchor)", lambda: "/static/style.css"),
    ]
    return [(name, make()) for name, make in (rng.choice(kinds) for _ in range(n))]


def load(base: str, plan: list[tuple[str, str]], clients: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    lock = threading.Lock()
    queue = list(reversed(plan))

    def client() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while True:
                with lock:
                    if not queue:
                        return
                    name, url = queue.pop()
                start = time.perf_counter()
                status = http.get(url).status_code
                elapsed = (time.perf_counter() - start) * 1000
                with lock:
                    timings.setdefault(name, []).append(elapsed)
                    if status != 200:
                        errors[name] = errors.get(name, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"non-200 answers: {errors}", file=sys.stderr)
    return timings


def page_weights(base: str, store: Store) -> list[tuple[str, int, int]]:
    speaker = store.entities(label="person", limit=1)[0]["name"]
    pages = [
        ("search", "/?q=election"),
        ("article", "/articles/1"),
        ("person", f"/entities/{speaker}"),
        ("quotes", "/quotes?q=election"),
        ("figures", "/figures?about=percent"),
        ("timeline", "/timeline?q=election"),
    ]
    out = []
    with httpx.Client(base_url=base, timeout=60) as http:
        css = len(http.get("/static/style.css").content)
        for name, url in pages:
            body = http.get(url).content
            out.append((name, len(body) + css, len(gzip.compress(body))))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--dir", default="/tmp/nd-web")
    parser.add_argument("--workers", type=int, default=1, help="server processes (serve --workers)")
    args = parser.parse_args()
    path = Path(args.dir) / f"web-{args.articles}.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        build(path, args.articles)
    Store(path).close()  # apply any newer migration before serving read-only
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "newsdesk", "serve", "--db", str(path), "--port", str(port)]
    if args.workers > 1:  # the flag only when asked: the same script can time an older server
        command += ["--workers", str(args.workers)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(base + "/static/style.css", timeout=1)
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise SystemExit("server did not start") from None
                time.sleep(0.2)
        with Store(path, readonly=True) as store:
            plan = requests_mix(random.Random(1), store, args.requests)
            weights = page_weights(base, store)
        start = time.perf_counter()
        timings = load(base, plan, args.clients)
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(
        f"\n{args.articles} articles, {args.clients} concurrent clients, {args.workers} server process(es), "
        f"{len(plan)} requests in {wall:.1f} s "
        f"({len(plan) / wall:.0f} requests/s)\n"
    )
    anchor = statistics.median(timings["static (anchor)"])
    print("| endpoint | requests | p50 ms | p95 ms | p50 / static p50 |")
    print("|---|---|---|---|---|")
    for name in sorted(timings, key=lambda k: statistics.median(timings[k])):
        values = sorted(timings[name])
        p50, p95 = statistics.median(values), values[int(0.95 * (len(values) - 1))]
        print(f"| {name} | {len(values)} | {p50:.1f} | {p95:.1f} | {p50 / anchor:.1f} |")
    everything = sorted(v for k, vs in timings.items() if k != "static (anchor)" for v in vs)
    print(
        f"| all requests | {len(everything)} | {statistics.median(everything):.1f} | "
        f"{everything[int(0.95 * (len(everything) - 1))]:.1f} | |"
    )
    print("\n| page | bytes (HTML + CSS) | gzip bytes (HTML) |")
    print("|---|---|---|")
    for name, size, compressed in weights:
        print(f"| {name} | {size:,} | {compressed:,} |")


if __name__ == "__main__":
    main()
