"""Fit the story decision (src/newsdesk/stories/weights.json) on the stories dev sets.

    python benchmarks/fit_stories.py                         # fit and print the weights
    python benchmarks/fit_stories.py --write                 # and write src/newsdesk/stories/weights.json
    python benchmarks/fit_stories.py --write --thresholds 0.3,0.35,0.4   # and pick the threshold

The dev articles go through the store in publication order as in ``benchmarks/stories.py``, but
each joins its gold story: every candidate the search finds (and the gold story when the search
misses it) gives one example — the comparison features, and whether it is the article's story.
A logistic regression on these examples gives the weights. The threshold is the one of
``--thresholds`` with the best mean B³ F1 over the files, each run online with the new weights.
Only the weights and the threshold are kept: nothing of the texts.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Callable
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--thresholds", default="0.35", help="comma-separated join thresholds to try")
    parser.add_argument("--C", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args()
    x: list[list[float]] = []
    y: list[int] = []
    docs = {name: documents(path) for name, path in FILES.items()}
    use(story_decision.Decision((0.0,) * len(FEATURE_NAMES), 0.0, 0.5))  # the examples need no weights
    for name in FILES:
        fx, fy = examples(docs[name])
        print(f"{name}: {len(fy)} examples, {sum(fy)} joins")
        x += fx
        y += fy
    model = LogisticRegression(C=args.C, max_iter=5000).fit(np.array(x), np.array(y))
    fitted = story_decision.Decision(tuple(float(w) for w in model.coef_[0]), float(model.intercept_[0]), 0.5)
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
