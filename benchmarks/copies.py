"""Syndicated copies on shared/data/copies-dev, scored by shared/tools/copies_eval.py.

    python benchmarks/copies.py                 # groups and what each copy changed (ops)
    python benchmarks/copies.py --lsh 0.2 --containment 0.6

Articles are added one at a time in publication order (as an ingest would), each copy's changes
computed against its group's canonical copy. Prints the scorer's report, the targets of the
connect issue, the README's baselines, and the time per article.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.connect.changes import change_ops, changes
from newsdesk.connect.conflicts import figure_pairs
from newsdesk.connect.copies import CopyFinder
from newsdesk.fingerprints import LSH_THRESHOLD, MIN_CONTAINMENT

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DOCS = SHARED / "data" / "copies-dev" / "docs.jsonl"
FIGURES = SHARED / "data" / "copies-dev" / "figure_edits.jsonl"
SCORER = SHARED / "tools" / "copies_eval.py"

TARGETS = (
    "targets: pair precision >= 99.0, recall >= 97.0, distractors grouped <= 1%; "
    "conflicts precision >= 95, recall >= 90, harmless and roundings flagged <= 2%"
)
BASELINES = (
    "baselines (README): exact duplicates P 100.0 R 3.1 F1 5.9; "
    "MinHash-LSH 5-shingles J >= 0.5 + union-find P 100.0 R 85.9 F1 92.4; conflicts: same unit, other "
    "value P 3.1 R 73.4; same with 3 words around P 57.8 R 73.2"
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lsh", type=float, default=LSH_THRESHOLD, help="MinHash LSH threshold")
    parser.add_argument("--containment", type=float, default=MIN_CONTAINMENT, help="shingle containment")
    parser.add_argument("--store", action="store_true", help="also group through the store, article by article")
    args = parser.parse_args(argv)
    if not DOCS.exists():
        print(f"no copies dev set at {DOCS}", file=sys.stderr)
        return 2
    # a system may read only id, outlet, published, title and text
    docs = [
        {k: d[k] for k in ("id", "outlet", "published", "title", "text")}
        for d in map(json.loads, DOCS.read_text(encoding="utf-8").splitlines())
    ]
    docs.sort(key=lambda d: d["published"])
    finder = CopyFinder(lsh_threshold=args.lsh, min_containment=args.containment)
    began = time.perf_counter()
    for doc in docs:
        finder.add(doc["id"], doc["text"], datetime.fromisoformat(doc["published"].replace("Z", "+00:00")))
    grouped = time.perf_counter() - began
    by_id = {d["id"]: d for d in docs}
    lines = []
    began = time.perf_counter()
    for group, keys in finder.groups().items():
        canonical = by_id[finder.canonical(keys)]
        for key in keys:
            line: dict[str, object] = {"id": key, "group": group}
            if key != canonical["id"]:
                found = changes(canonical["text"], by_id[key]["text"], canonical["title"], by_id[key]["title"])
                line["ops"] = [{"op": op} for op in change_ops(found)]
            lines.append(line)
    compared = time.perf_counter() - began
    began = time.perf_counter()
    conflicts = []
    for keys in finder.groups().values():
        for i, key_a in enumerate(keys):
            for key_b in keys[i + 1 :]:
                for pair in figure_pairs(by_id[key_a]["text"], by_id[key_b]["text"]):
                    conflicts.append({"doc_a": key_a, "doc_b": key_b, **pair.to_dict()})
    paired = time.perf_counter() - began
    with tempfile.TemporaryDirectory() as tmp:
        pred, flagged = Path(tmp) / "pred.jsonl", Path(tmp) / "conflicts.jsonl"
        pred.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
        flagged.write_text("".join(json.dumps(line) + "\n" for line in conflicts), encoding="utf-8")
        command = [sys.executable, str(SCORER), str(DOCS), str(pred), "--ops", "--figures", str(FIGURES), str(flagged)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    print(done.stdout.rstrip() or done.stderr.rstrip())
    print(f"\n{TARGETS}\n{BASELINES}")
    if args.store:
        print("\nthe same, kept in the store as an ingest writes it (signatures, band keys, groups):")
        print(_store_run(docs))
    print(
        f"time: grouping {1000 * grouped / len(docs):.2f} ms/article, "
        f"changes {1000 * compared / max(1, len(lines)):.2f} ms/grouped article, "
        f"figure pairs {1000 * paired / max(1, len(lines)):.2f} ms/grouped article ({len(docs)} articles)"
    )
    return 0


def _store_run(docs: list[dict[str, str]]) -> str:
    """Insert the documents into a fresh store in publication order and score its copy groups;
    prints the time the copy index adds to each insert."""
    from newsdesk import Article, Origin, Store
    from newsdesk.store import copies

    timed = 0.0
    original = copies.index_article

    def index(*a: Any, **k: Any) -> list[int]:
        nonlocal timed
        began = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            timed += time.perf_counter() - began

    copies.index_article = index
    try:
        with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "copies.sqlite") as store:
            ids = {}
            for doc in docs:
                article = Article(
                    text=doc["text"],
                    title=doc["title"],
                    publisher=doc["outlet"],
                    published=doc["published"],
                    origin=Origin(url=f"https://copies.example/{doc['id']}"),  # each its own page
                )
                with store.transaction():
                    _, ids[doc["id"]] = store.insert(article)
            group_of = {article_id: group for article_id, group, _ in store.copy_groups()}
            pred = Path(tmp) / "pred.jsonl"
            pred.write_text(
                "".join(json.dumps({"id": key, "group": group_of.get(i)}) + "\n" for key, i in ids.items()),
                encoding="utf-8",
            )
            done = subprocess.run([sys.executable, str(SCORER), str(DOCS), str(pred)], capture_output=True, text=True)
    finally:
        copies.index_article = original
    return done.stdout.rstrip() + f"\ntime: copy index {1000 * timed / len(docs):.2f} ms/article in the store"


if __name__ == "__main__":
    sys.exit(main())
