"""Store benchmarks: ingest throughput, search latency at scale, size per article.

    python benchmarks/store.py ingest [--limit N]          # articles/s, 1 process vs all cores vs trafilatura,
                                                           # then the time of each stage
    python benchmarks/store.py search --sizes 10000,100000 [--dir /tmp/nd-bench]
    python benchmarks/store.py warc --mb 2000               # peak RSS while ingesting a big WARC

``search`` builds stores of N synthetic articles made from real article paragraphs (the gold texts
of the shared dev sets, reshuffled, with publishers and dates spread over two years), then times
a two-word query with a date range and a publisher filter (p50/p95 over 200 queries) and reports
the build time and bytes per article. Run by hand; numbers depend on the machine, so compare
ratios within one run.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluation
from newsdesk import Article
from newsdesk.store import Store
from newsdesk.store.store import Filters

PUBLISHERS = [f"Publisher {i}" for i in range(50)]


def paragraphs() -> list[str]:
    out: list[str] = []
    for _, folder, name in evaluation.SETS[:3]:
        for _, _, gold in evaluation.load(folder, name):
            out += [p.strip() for p in gold.split("\n") if len(p.split()) >= 12]
    return out


def build(path: Path, n: int, seed: int = 0) -> float:
    rng = random.Random(seed)
    pool = paragraphs()
    start = time.perf_counter()
    with Store(path) as store:
        batch = 5000
        for first in range(0, n, batch):
            with store.transaction():
                for i in range(first, min(n, first + batch)):
                    body = "\n\n".join(rng.sample(pool, 6))
                    day = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
                    store.insert(
                        Article(
                            text=body,
                            title=rng.choice(pool)[:80],
                            published=day.isoformat(),
                            publisher=rng.choice(PUBLISHERS),
                            canonical_url=f"https://b.example/{i}",
                        )
                    )
    return time.perf_counter() - start


def search_latency(path: Path, common: bool, queries: int = 200, seed: int = 1) -> tuple[float, float, int]:
    """p50 and p95 in ms; ``common`` draws the two words from the 50 most frequent long words."""
    rng = random.Random(seed)
    words = [w for p in paragraphs()[:2000] for w in p.lower().split() if w.isalpha() and len(w) > 5]
    if common:
        words = [w for w, _ in Counter(words).most_common(50)]
    timings = []
    hits = 0
    with Store(path, readonly=True) as store:
        for _ in range(queries):
            query = f"{rng.choice(words)} {rng.choice(words)}"
            start_day = date(2024, 1, 1) + timedelta(days=rng.randrange(600))
            filters = Filters(
                since=start_day.isoformat(),
                until=(start_day + timedelta(days=90)).isoformat(),
                publisher=rng.choice(PUBLISHERS),
            )
            t0 = time.perf_counter()
            hits += len(store.search(query, filters, limit=20))
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], hits


def cmd_search(args: argparse.Namespace) -> None:
    folder = Path(args.dir or tempfile.mkdtemp(prefix="nd-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"{'articles':>10} {'build s':>9} {'bytes/article':>14} {'words':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for n in (int(s) for s in args.sizes.split(",")):
        path = folder / f"store-{n}.db"
        built = build(path, n) if not path.exists() else float("nan")
        size = sum(p.stat().st_size for p in folder.glob(f"store-{n}.db*"))
        for common in (False, True):
            p50, p95, _ = search_latency(path, common)
            kind = "common" if common else "random"
            print(f"{n:>10} {built:>9.1f} {size / n:>14.0f} {kind:>7} {p50:>8.2f} {p95:>8.2f}", flush=True)


def cmd_ingest(args: argparse.Namespace) -> None:
    import trafilatura

    from newsdesk import Settings, ingest
    from newsdesk.scale.local import default_workers

    pages = []
    for _kind, folder, name in evaluation.SETS[:3]:
        pages += [page for page, _, _ in evaluation.load(folder, name, args.limit)]
    import spacy

    # the spaCy release decides most of the speed (see benchmarks/parse.py): say which one ran
    versions = f"spaCy {spacy.__version__}, trafilatura {trafilatura.__version__}"
    print(f"{len(pages)} HTML pages from the extraction dev sets; {versions}")
    t0 = time.perf_counter()
    for page in pages:
        trafilatura.extract(page)
    base = len(pages) / (time.perf_counter() - t0)
    print(f"{'trafilatura loop (1 process)':36} {base:8.1f} articles/s")
    for workers in sorted({1, default_workers()}):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "pages"
            folder.mkdir()
            for i, page in enumerate(pages):
                (folder / f"p{i:05}.html").write_text(page, encoding="utf-8")
            t0 = time.perf_counter()
            report = ingest([str(folder)], Path(tmp) / "i.db", workers=workers, settings=Settings())
            rate = len(pages) / (time.perf_counter() - t0)
        print(
            f"{f'newsdesk ingest ({workers} process(es))':36} {rate:8.1f} articles/s  "
            f"ratio {rate / base:.2f}  ({report.new} new, {report.duplicates} dup, "
            f"{sum(report.skipped.values())} skipped, {len(report.failed)} failed)"
        )
    stage_times(pages)


def stage_times(pages: list[str]) -> None:
    """Milliseconds per article in each stage, one process, the analysis batched as ingest runs it."""
    from newsdesk import RawDocument, Settings
    from newsdesk.api import analysis_pipeline, article_from_raw, release
    from newsdesk.extract.stages import extraction_stages
    from newsdesk.ingest_job import CHUNK

    settings = Settings()
    times: Counter[str] = Counter()
    articles = []
    for page in pages:
        try:
            t0 = time.perf_counter()
            article = article_from_raw(RawDocument(page.encode()), settings)
            times["decode"] += time.perf_counter() - t0
            for stage in extraction_stages(settings.max_article_chars):
                t0 = time.perf_counter()
                article = stage(article)
                times[f"extract: {stage.name}"] += time.perf_counter() - t0
        except Exception:
            continue  # skipped or failed pages cost what they cost above, and go no further
        articles.append(article)
    analysis = analysis_pipeline(settings).stages
    done = []
    for first in range(0, len(articles), CHUNK):
        chunk = articles[first : first + CHUNK]
        for stage in analysis:
            t0 = time.perf_counter()
            pipe = getattr(stage, "pipe", None)
            chunk = list(pipe(chunk)) if pipe is not None and len(chunk) > 1 else [stage(a) for a in chunk]
            times[f"analyse: {stage.name}"] += time.perf_counter() - t0
        done += [release(a) for a in chunk]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        t0 = time.perf_counter()
        for i, article in enumerate(done):
            with store.transaction():
                store.insert(dataclasses.replace(article, canonical_url=f"https://bench.example/{i}"))
        times["store: insert, copies, stories"] += time.perf_counter() - t0
    total = sum(times.values())
    print(f"\nper stage, 1 process, {len(pages)} pages ({len(done)} articles): ms per page, share")
    for name, seconds in times.items():
        print(f"  {name:36} {1000 * seconds / len(pages):8.1f}  {seconds / total:6.1%}")
    print(f"  {'all':36} {1000 * total / len(pages):8.1f}")


def cmd_warc(args: argparse.Namespace) -> None:
    """Peak RSS of `newsdesk ingest` on a generated WARC of about ``--mb`` MB of HTML."""
    import io
    import resource
    import subprocess
    import warnings

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    warnings.simplefilter("ignore", ResourceWarning)
    pages = [page for _, folder, name in evaluation.SETS[:3] for page, _, _ in evaluation.load(folder, name)]
    folder = Path(tempfile.mkdtemp(prefix="nd-warc-"))
    warc = folder / "big.warc.gz"
    written = 0
    with open(warc, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        i = 0
        while written < args.mb * 1_000_000:
            html = pages[i % len(pages)].replace("</body>", f"<p>copy {i}</p></body>").encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://bench.example/{i}", "response", payload=io.BytesIO(html), http_headers=headers
                )
            )
            written += len(html)
            i += 1
    print(f"WARC: {i} pages, {written / 1e6:.0f} MB of HTML, {warc.stat().st_size / 1e6:.0f} MB on disk")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "newsdesk", "ingest", str(warc), "--db", str(folder / "w.db")], check=False)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"ingest: {seconds:.0f} s, {i / seconds:.1f} pages/s, peak RSS of the largest process {peak:.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("search")
    s.add_argument("--sizes", default="10000,100000")
    s.add_argument("--dir")
    s.set_defaults(fn=cmd_search)
    i = sub.add_parser("ingest")
    i.add_argument("--limit", type=int, default=None)
    i.set_defaults(fn=cmd_ingest)
    w = sub.add_parser("warc")
    w.add_argument("--mb", type=int, default=300)
    w.set_defaults(fn=cmd_warc)
    args = parser.parse_args()
    args.fn(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
