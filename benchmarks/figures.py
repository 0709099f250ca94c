"""Numeric facts on MeasEval (shared/data/numbers-dev), scored by shared/tools/numbers_eval.py.

    python benchmarks/figures.py

Anchors measured on the same file (overlap F1): spaCy NER ≈ 54, quantulum3 ≈ 57.
MeasEval has no normalised values, so the value check is ours: on every span matched at token
overlap ≥ 0.5 whose gold text starts with a number in digits, the first number of the gold
text (with its scale word, "million") must equal our value (the low end of a range).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

from newsdesk.analyze.dates import find_dates
from newsdesk.analyze.figures import find_figures

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DATA = SHARED / "data" / "numbers-dev" / "measeval-dev.jsonl"
SCORER = SHARED / "tools" / "numbers_eval.py"
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def extract(text: str) -> list[dict[str, float | int]]:
    """The scorer's interface: spans and values of every numeric fact (dates are not figures)."""
    facts = find_figures(text, tuple(find_dates(text, None)))
    return [{"start": f.span.start, "end": f.span.end, "value": f.value} for f in facts]


def gold_value(quantity: str) -> float | None:
    """The first number of a gold quantity written in digits, with its scale word."""
    match = re.match(
        r"\s*(?:[^\d\s−-]+\s+){0,3}?([−-]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*(thousand|million|billion|trillion))?",
        quantity,
    )
    if not match or re.search(r"[×x]\s*10|\d\s*[/:]\s*\d|e[−-]?\d", quantity):
        return None  # scientific notation, ratios and times are out of this check
    value = float(match.group(2).replace(",", "") + (match.group(3) or ""))
    value *= _SCALE.get((match.group(4) or "").lower(), 1.0)
    return -value if match.group(1) else value


def value_check() -> tuple[int, int, list[tuple[str, float, float]]]:
    spec = importlib.util.spec_from_file_location("quotes_eval", SHARED / "tools" / "quotes_eval.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    checked = agreed = 0
    wrong: list[tuple[str, float, float]] = []
    for line in DATA.open(encoding="utf-8"):
        doc = json.loads(line)
        text = doc["text"]
        tokens = scorer.tokenize(text)
        starts, ends = [s for s, _ in tokens], [e for _, e in tokens]
        facts = find_figures(text, tuple(find_dates(text, None)))
        predicted = [scorer.token_ids([(f.span.start, f.span.end)], starts, ends) for f in facts]
        gold = [scorer.token_ids([(q["start"], q["end"])], starts, ends) for q in doc["quantities"]]
        scores = [
            (len(g & p) / max(len(g), len(p)), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if g and p and len(g & p) / max(len(g), len(p)) >= 0.5
        ]
        for gi, pi in scorer.greedy_match(scores).items():
            expected = gold_value(doc["quantities"][gi]["quantity"])
            if expected is None:
                continue
            checked += 1
            if abs(facts[pi].value - expected) <= 1e-6 * max(1.0, abs(expected)):
                agreed += 1
            else:
                wrong.append((doc["quantities"][gi]["quantity"], expected, facts[pi].value))
    return checked, agreed, wrong


if __name__ == "__main__":
    code = subprocess.call([sys.executable, str(SCORER), str(DATA), "--extractor", f"py:{__file__}:extract"])
    checked, agreed, wrong = value_check()
    share = 100 * agreed / checked
    print(f"\nvalue check: {agreed} of {checked} matched spans with a number in digits agree ({share:.1f}%)")
    for quantity, expected, found in wrong[:15]:
        print(f"  {quantity!r}: gold {expected:g}, newsdesk {found:g}")
    sys.exit(code)
