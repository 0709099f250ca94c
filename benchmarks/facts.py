"""Facts on the hand-annotated news dev set, next to the issue's targets, both modes.

    python benchmarks/facts.py            # text mode (the fact stages on the gold text) and html mode

Runs shared/tools/facts_eval.py as it is, then adds one line it cannot give: figures written in
words ("two French women") matched as the annotation guide means them. The scorer matches a
figure only when it shares a digit string with the gold mention, so every figure in words counts
there as a false positive and every gold figure in words as a miss, whatever the system does.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import newsdesk

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "facts-dev" / "gold"
SCORER = SHARED / "tools" / "facts_eval.py"


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("facts_eval", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures_with_words(fe: Any, confident: list[bool] | None = None) -> tuple[int, int, int]:
    """(right, predicted, gold) figures in text mode, figures in words matched by value and words;
    ``confident`` collects, for each scored figure at confidence 0.8 or above, whether it is right."""
    right = predicted = gold_count = 0
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = newsdesk.analyze(
            newsdesk.Article.from_dict({"text": gold["text"], "published": gold.get("publication_date")})
        )
        golds = gold.get("numeric_facts", [])  # borderline ones match but count neither way, as in the scorer
        ignored = gold.get("ignore", [])
        preds = [{"text": f.text, "value": f.value, "confidence": f.confidence} for f in article.figures]

        def score(g: dict[str, Any], p: dict[str, Any]) -> float:
            if fe.overlap_short(g["mention"], p["text"]) < 0.5 or not fe.same_value(g.get("value"), p["value"]):
                return 0
            shares_digits = fe.numbers_in(g["mention"]) & fe.numbers_in(p["text"])
            in_words = p["text"][:1].isalpha() or g["mention"][:1].isalpha()
            return 1 + fe.overlap2(g["mention"], p["text"]) if shares_digits or in_words else 0

        pairs = fe.greedy(golds, preds, score)
        matched = {j for _, j in pairs}
        borderline = sum(1 for i, _ in pairs if golds[i].get("borderline"))
        ignored_ones = {
            j
            for j, p in enumerate(preds)
            if j not in matched
            and any(
                fe.numbers_in(x["mention"]) & fe.numbers_in(p["text"])
                and fe.overlap_short(x["mention"], p["text"]) >= 0.5
                for x in ignored
            )
        }
        if confident is not None:
            right_ones = {j for i, j in pairs if not golds[i].get("borderline")}
            borderline_ones = {j for i, j in pairs if golds[i].get("borderline")}
            confident += [
                j in right_ones
                for j, p in enumerate(preds)
                if (p["confidence"] or 0) >= 0.8 and j not in borderline_ones | ignored_ones
            ]
        right += len(pairs) - borderline
        predicted += len(preds) - len(ignored_ones) - borderline
        gold_count += sum(1 for g in golds if not g.get("borderline"))
    return right, predicted, gold_count


def main() -> int:
    if not GOLD.exists():
        print(f"no facts dev set at {GOLD}", file=sys.stderr)
        return 2
    for mode in ("text", "html"):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "facts.json"
            done = subprocess.run(
                [sys.executable, str(SCORER), str(GOLD), "--mode", mode, "--json", str(out)],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            print(done.stdout.rstrip())
    confident: list[bool] = []
    right, predicted, gold = figures_with_words(scorer(), confident)
    p, r = right / predicted if predicted else 0, right / gold if gold else 0
    f1 = 2 * p * r / (p + r) if p + r else 0
    print(f"\ntext mode, figures in words matched too: P {100 * p:.1f}  R {100 * r:.1f}  F1 {100 * f1:.1f}"
          f"  ({right} right of {predicted} predicted, {gold} gold)")  # fmt: skip
    if confident:
        print(f"  figures at confidence >= 0.8: {100 * sum(confident) / len(confident):.1f}% right of {len(confident)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
