"""Stories: online clustering through the store, scored on the stories dev sets.

    python benchmarks/stories.py                  # both dev files, the table with baselines and targets
    python benchmarks/stories.py --files gva      # one of them
    python benchmarks/stories.py --threshold 0.4  # another join threshold than the fitted one

Each file's articles are written to a new store one by one, in publication order (undated
articles, as in ECB+, in file order), exactly as ``newsdesk ingest`` writes them: copies first,
then the story decision. The stories in the store are then scored with
``shared/tools/stories_eval.py``. Time per article is the store write with copies and stories
(no extraction or analysis: the articles are given as clean text).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from newsdesk.model import Article, Origin
from newsdesk.store import Store
from newsdesk.store import stories as store_stories
from newsdesk.stories import decision as story_decision

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data" / "stories-dev"
SCORER = SHARED / "tools" / "stories_eval.py"
FILES = {"ecbplus": DATA / "ecbplus-dev.jsonl", "gva": DATA / "gva-dev.jsonl"}
# From shared/data/stories-dev/README.md (batch TF-IDF + average linkage, best threshold on dev)
BASELINES = {"ecbplus": {"b3": 0.885, "ari": 0.830}, "gva": {"b3": 0.900, "ari": 0.650}}
TARGETS = {"ecbplus": {"b3": 0.91}, "gva": {"b3": 0.92, "ari": 0.72}}


def documents(path: Path) -> list[dict[str, Any]]:
    """The file's documents in publication order; undated ones keep the file's order."""
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    return sorted(docs, key=lambda d: d.get("published") or "")


def article(doc: dict[str, Any]) -> Article:
    return Article(
        text=doc["text"],
        title=doc.get("title"),
        published=doc.get("published"),
        origin=Origin(url=doc.get("url"), source_id=doc["id"]),
    )


def cluster(
    docs: list[dict[str, Any]], decider: Callable[[dict[str, Any]], store_stories.Decider | None] | None = None
) -> Iterator[tuple[dict[str, Any], int, float]]:
    """Write the documents to a new store; (document, story id, seconds) for each."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "stories.db") as store:
        for doc in docs:
            store.story_decider = decider(doc) if decider else None
            started = time.perf_counter()
            with store.transaction():
                _, article_id = store.insert(article(doc))
            elapsed = time.perf_counter() - started
            (story,) = store.db.execute(
                "SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)
            ).fetchone()
            yield doc, int(story), elapsed


def use(decision: story_decision.Decision) -> None:
    """Decide with these weights instead of the fitted ones (for fitting and threshold trials)."""
    story_decision.decision = lambda *_: decision  # type: ignore[assignment]
    store_stories.decision = story_decision.decision  # type: ignore[assignment]


def score(path: Path, predictions: dict[str, int]) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        out = Path(tmp) / "score.json"
        pred.write_text("".join(json.dumps({"id": k, "cluster": v}) + "\n" for k, v in predictions.items()))
        subprocess.run(
            [sys.executable, str(SCORER), str(path), str(pred), "--json", str(out)], check=True, capture_output=True
        )
        data = json.loads(out.read_text())
    return {
        "b3_p": data["b3"]["precision"],
        "b3_r": data["b3"]["recall"],
        "b3": data["b3"]["f1"],
        "pair": data["pairwise"]["f1"],
        "ari": data["ari"],
        "clusters": data["pred_clusters"],
        "gold": data["gold_clusters"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", default="ecbplus,gva")
    parser.add_argument("--threshold", type=float, help="join threshold instead of the fitted one")
    args = parser.parse_args()
    if args.threshold is not None:
        use(dataclasses.replace(story_decision.decision(), threshold=args.threshold))
    print("| file | system | B³ P / R / F1 | pairwise F1 | ARI | clusters (gold) | ms / article |")
    print("|---|---|---|---:|---:|---:|---:|")
    for name in args.files.split(","):
        path = FILES[name]
        predictions, seconds = {}, []
        for doc, story, elapsed in cluster(documents(path)):
            predictions[doc["id"]] = story
            seconds.append(elapsed)
        s = score(path, predictions)
        ms = 1000 * sum(seconds) / len(seconds)
        base = BASELINES[name]
        target = ", ".join(f"{k} ≥ {v}" for k, v in TARGETS[name].items())
        print(
            f"| {name} | newsdesk online | {s['b3_p']:.3f} / {s['b3_r']:.3f} / **{s['b3']:.3f}** | {s['pair']:.3f} "
            f"| **{s['ari']:.3f}** | {s['clusters']} ({s['gold']}) | {ms:.1f} |"
        )
        print(f"| {name} | baseline (batch) | – / – / {base['b3']:.3f} | | {base['ari']:.3f} | | |")
        print(f"| {name} | target | {target} | | | | |")


if __name__ == "__main__":
    main()
