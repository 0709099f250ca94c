"""Fit the story decision (src/newsdesk/stories/weights.json) on the stories dev sets.

    python benchmarks/fit_stories.py                         # fit and print the weights
    python benchmarks/fit_stories.py --write                 # and write src/newsdesk/stories/weights.json
    python benchmarks/fit_stories.py --write --thresholds 0.3,0.35,0.4   # and pick the threshold
    python benchmarks/fit_stories.py --cross-validate        # how the fit does on stories it has not seen

The dev articles go through the store in publication order as in ``benchmarks/stories.py``, but
each joins its gold story: every candidate the search finds (and the gold story when the search
misses it) gives one example — the comparison features, and whether it is the article's story.
A logistic regression on these examples gives the weights. The threshold is the one of
``--thresholds`` with the best mean B³ F1 over the files, each run online with the new weights.
Only the weights and the threshold are kept: nothing of the texts.

``--cross-validate`` splits each file in two halves of whole stories (an ECB+ topic with both
of its look-alike events, a GVA incident with all of its articles; the topic only splits, it is
never an input), fits on one half and clusters the other, and prints that beside the shipped
weights on the same half. The gap is what fitting on the very stories it is scored on is worth:
read the dev numbers of ``benchmarks/stories.py`` with it in mind.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression

from newsdesk.store import stories as store_stories
from newsdesk.stories import decision as story_decision
from newsdesk.stories.profile import FEATURE_NAMES
from stories import FILES, cluster, documents, score, use


def examples(docs: list[dict[str, Any]]) -> tuple[list[list[float]], list[int]]:
    """(features, joins) of every candidate story of every article, the articles following gold."""
    features: list[list[float]] = []
    labels: list[int] = []
    story_of_event: dict[str, int] = {}

    def decider(doc: dict[str, Any]) -> store_stories.Decider:
        gold = story_of_event.get(str(doc["event"]))

        def decide(candidates: list[store_stories.Candidate], features_of: Callable[[int], list[float]]) -> int | None:
            for c in candidates:
                features.append(c.features)
                labels.append(int(c.story_id == gold))
            if gold is not None and all(c.story_id != gold for c in candidates):
                features.append(features_of(gold))
                labels.append(1)
            return gold

        return decide

    for doc, story, _ in cluster(docs, decider):
        story_of_event.setdefault(str(doc["event"]), story)
    return features, labels


def fit(docs: dict[str, list[dict[str, Any]]], c: float = 1.0) -> story_decision.Decision:
    """Weights fitted on the examples of these documents (threshold 0.5: pick it apart)."""
    x: list[list[float]] = []
    y: list[int] = []
    use(story_decision.Decision((0.0,) * len(FEATURE_NAMES), 0.0, 0.5))  # the examples need no weights
    for name, file_docs in docs.items():
        fx, fy = examples(file_docs)
        print(f"{name}: {len(fy)} examples, {sum(fy)} joins", file=sys.stderr)  # stdout keeps the tables
        x += fx
        y += fy
    model = LogisticRegression(C=c, max_iter=5000).fit(np.array(x), np.array(y))
    return story_decision.Decision(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), 0.5)


def half_of(doc: dict[str, Any], seed: int = 0) -> int:
    """0 or 1, the same for every document of a story: ECB+ by topic, so that both look-alike
    events fall in one half, GVA by incident; ``seed`` draws another split."""
    story = str(doc.get("topic") or doc["event"])
    key = f"{seed}:{story}" if seed else story  # seed 0 is the split the CHANGELOG reports
    return int(hashlib.md5(key.encode()).hexdigest(), 16) % 2


def cross_validate(docs: dict[str, list[dict[str, Any]]], c: float, seed: int = 0) -> None:
    shipped = story_decision.decision()
    halves = {name: [[d for d in ds if half_of(d, seed) == h] for h in (0, 1)] for name, ds in docs.items()}
    labels = ("shipped (fitted on all)", "fitted on the other half")
    print("| file | half | weights | B³ P / R / F1 | ARI |")
    print("|---|---:|---|---|---:|")
    scores: dict[tuple[str, str], list[dict[str, float]]] = {}
    for half in (0, 1):
        fitted = fit({name: parts[1 - half] for name, parts in halves.items()}, c)
        fitted = dataclasses.replace(fitted, threshold=shipped.threshold)
        for name, parts in halves.items():
            with tempfile.TemporaryDirectory() as tmp:
                gold = Path(tmp) / f"{name}-half.jsonl"
                gold.write_text("".join(json.dumps(d) + "\n" for d in parts[half]), encoding="utf-8")
                for label, weights in zip(labels, (shipped, fitted), strict=True):
                    use(weights)
                    s = score(gold, {doc["id"]: story for doc, story, _ in cluster(parts[half])})
                    scores.setdefault((name, label), []).append(s)
                    print(
                        f"| {name} | {half} | {label} | {s['b3_p']:.3f} / {s['b3_r']:.3f} / {s['b3']:.3f} "
                        f"| {s['ari']:.3f} |"
                    )
    for (name, label), both in scores.items():
        b3, ari = (sum(s[k] for s in both) / len(both) for k in ("b3", "ari"))
        print(f"| {name} | mean | {label} | – / – / {b3:.3f} | {ari:.3f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--thresholds", default="0.35", help="comma-separated join thresholds to try")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--cross-validate", action="store_true", help="fit on half the stories, score the other half")
    parser.add_argument("--seed", type=int, default=0, help="with --cross-validate: another split into halves")
    args = parser.parse_args()
    docs = {name: documents(path) for name, path in FILES.items()}
    if args.cross_validate:
        cross_validate(docs, args.C, args.seed)
        return
    fitted = fit(docs, args.C)
    for name, weight in zip(FEATURE_NAMES, fitted.coefficients, strict=True):
        print(f"  {name:40s} {weight:+.3f}")
    print(f"  {'intercept':40s} {fitted.intercept:+.3f}")
    best: tuple[float, float] | None = None
    for threshold in (float(t) for t in args.thresholds.split(",")):
        use(dataclasses.replace(fitted, threshold=threshold))
        f1s = []
        for name, path in FILES.items():
            s = score(path, {doc["id"]: story for doc, story, _ in cluster(docs[name])})
            f1s.append(s["b3"])
            print(f"threshold {threshold:.2f} {name}: B³ F1 {s['b3']:.3f}, ARI {s['ari']:.3f}")
        mean = sum(f1s) / len(f1s)
        if best is None or mean > best[1]:
            best = (threshold, mean)
    assert best is not None
    print(f"threshold {best[0]:.2f} (mean B³ F1 {best[1]:.3f})")
    if args.write:
        data = {
            "features": list(FEATURE_NAMES),
            "coefficients": [round(w, 6) for w in fitted.coefficients],
            "intercept": round(fitted.intercept, 6),
            "threshold": best[0],
            "fitted_on": sorted(FILES),
            "fitted_by": "benchmarks/fit_stories.py",
        }
        story_decision.WEIGHTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {story_decision.WEIGHTS}")


if __name__ == "__main__":
    main()
