"""The evaluation gate's floors (benchmarks/floors.json): measure, check, and raise them.

    python benchmarks/floors.py                 # measure every gated set, print score, floor and verdict
    python benchmarks/floors.py --update        # raise floors to what is measured now; record sample digests
    python benchmarks/floors.py --update --allow-lower   # also lower a floor (say why in CHANGELOG.md)

A floor is the measured F1 rounded down to 3 decimals; it is never lowered without --allow-lower.
The gate (tests/test_quality_gate.py) passes while F1 >= floor - tolerance; the tolerance is stated
in floors.json and covers score noise only, never a real regression.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import evaluation

FLOORS_PATH = Path(__file__).resolve().parent / "floors.json"


def measure(sample: int) -> dict[str, tuple[float, str]]:
    """F1 and sample digest of every gated set."""
    results = {}
    for kind, folder, name in evaluation.SETS:
        cases = evaluation.load(folder, name, sample)
        score = evaluation.evaluate(evaluation.newsdesk_text, cases)
        results[f"{kind}/{name}"] = (score.f1, evaluation.digest(cases))
    for kind, folder, name in evaluation.SNIPPET_SETS:
        pages = evaluation.load_snippet_cases(folder, name, sample)
        score = evaluation.evaluate_snippets(evaluation.newsdesk_title_and_text, pages)
        results[f"{kind}/{name}"] = (score.f1, evaluation.snippet_digest(pages))
    return results


def updated(floors: dict, measured: dict[str, tuple[float, str]], allow_lower: bool) -> tuple[dict, list[str]]:
    """The new floors file and what changed; a floor goes down only when ``allow_lower`` is set."""
    new = json.loads(json.dumps(floors))
    changes = []
    for key, (f1, sample_digest) in measured.items():
        proposed = math.floor(f1 * 1000) / 1000
        old = floors["floors"].get(key)
        if old is None or proposed > old or (proposed < old and allow_lower):
            new["floors"][key] = proposed
            changes.append(f"{key}: floor {old} -> {proposed}")
        elif proposed < old:
            changes.append(f"{key}: measured {f1:.4f} is under the floor {old}; kept (use --allow-lower)")
        if floors.get("digests", {}).get(key) != sample_digest:
            new.setdefault("digests", {})[key] = sample_digest
            changes.append(f"{key}: sample digest -> {sample_digest}")
    return new, changes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="write raised floors and sample digests")
    parser.add_argument("--allow-lower", action="store_true", help="with --update: also lower floors")
    args = parser.parse_args(argv)
    if not evaluation.available():
        print("the shared dev sets are not beside this checkout", file=sys.stderr)
        return 2
    floors = json.loads(FLOORS_PATH.read_text())
    measured = measure(floors["sample"])
    tolerance = floors["tolerance"]
    print(f"{'set':20} {'F1':>7} {'floor':>7}  verdict (tolerance {tolerance})")
    failed = False
    for key, (f1, _) in measured.items():
        floor = floors["floors"].get(key, 0.0)
        ok = f1 >= floor - tolerance
        failed |= not ok
        print(f"{key:20} {f1:7.4f} {floor:7.3f}  {'ok' if ok else 'BELOW FLOOR'}")
    if args.update:
        new, changes = updated(floors, measured, args.allow_lower)
        FLOORS_PATH.write_text(json.dumps(new, indent=2) + "\n")
        print("\n".join(changes) or "nothing to change")
    return 1 if failed and not args.update else 0


if __name__ == "__main__":
    sys.exit(main())
