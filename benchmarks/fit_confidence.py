"""Fit the confidence table (src/newsdesk/analyze/confidence.json) on the facts dev set.

    python benchmarks/fit_confidence.py            # print the table of forms and their rates
    python benchmarks/fit_confidence.py --write    # and write confidence.json

Each predicted fact of the dev articles (shared/data/facts-dev, text mode: the fact stages on the
gold text with the gold publication date) is labelled right or wrong as
shared/tools/facts_eval.py labels it: an attribution matched with its speaker right, a figure
matched, a date matched with its value right. A form's rate is its share of right facts, smoothed
toward its kind's share with PRIOR_WEIGHT pseudo-facts; a kind's share toward the whole's. Only
these rates are kept: nothing of the texts.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import newsdesk
from newsdesk.analyze import confidence

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "facts-dev" / "gold"
TARGET = ROOT / "src" / "newsdesk" / "analyze" / "confidence.json"
PRIOR_WEIGHT = 4.0


def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("facts_eval", SHARED / "tools" / "facts_eval.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def labelled() -> dict[str, list[tuple[str, bool]]]:
    """(form, right) for every predicted fact of the dev articles, by kind of fact."""
    fe = scorer()
    out: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = newsdesk.analyze(
            newsdesk.Article.from_dict({"text": gold["text"], "published": gold.get("publication_date")})
        )
        pred = article.to_dict()
        calib: dict[str, list[tuple[float, bool]]] = {}
        # facts_eval labels each prediction in order; the confidence it reads is the fact's index here
        for kind in ("quotes", "figures", "dates"):
            for index, item in enumerate(pred[kind]):
                item["confidence"] = index / 1e6
        fe.score_doc(gold, pred, defaultdict(int), defaultdict(list), 0, None, calib)
        forms: dict[str, list[str]] = {
            "attributions": [confidence.quote_form(q) for q in article.quotes],
            "figures": [confidence.figure_form(f) for f in article.figures],
            "dates": [confidence.date_form(d) for d in article.dates],
        }
        words_right = _figures_in_words_right(fe, gold, article)
        for kind, pairs in calib.items():
            for value, right in pairs:
                index = round(value * 1e6)
                if kind == "figures" and index in words_right:
                    right = True
                out[kind].append((forms[kind][index], right))
    return out


def _figures_in_words_right(fe: Any, gold: dict[str, Any], article: newsdesk.Article) -> set[int]:
    """Figures written in words ("two French women") that match a gold figure by value and words.

    facts_eval.py matches a figure only when it shares a digit string with the gold mention, so a
    figure in words is never matched there, right or wrong; fitted on that, every "three people"
    would be hidden as unsure. Here they are matched as the guide means: same value, and at least
    half of the shorter mention's words.
    """
    golds = [g for g in gold.get("numeric_facts", []) if not g.get("borderline")]
    right = set()
    for index, figure in enumerate(article.figures):
        if not figure.text[:1].isalpha():
            continue
        for g in golds:
            if fe.same_value(g.get("value"), figure.value) and fe.overlap_short(g["mention"], figure.text) >= 0.5:
                right.add(index)
                break
    return right


def fit(facts: dict[str, list[tuple[str, bool]]]) -> dict[str, dict[str, float]]:
    everything = [right for pairs in facts.values() for _, right in pairs]
    overall = sum(everything) / len(everything)
    table: dict[str, dict[str, float]] = {}
    for kind, pairs in sorted(facts.items()):
        kind_rate = (sum(r for _, r in pairs) + PRIOR_WEIGHT * overall) / (len(pairs) + PRIOR_WEIGHT)
        groups: dict[str, list[bool]] = defaultdict(list)
        for form, right in pairs:
            groups[form].append(right)
            groups[form.split("|")[0]].append(right)
        rates = {"*": round(kind_rate, 2)}
        for form, rights in sorted(groups.items()):
            parent = rates["*"] if "|" not in form else None
            prior = parent if parent is not None else _prefix_rate(groups, form, kind_rate)
            rates[form] = round((sum(rights) + PRIOR_WEIGHT * prior) / (len(rights) + PRIOR_WEIGHT), 2)
        table[kind] = rates
    return table


def _prefix_rate(groups: dict[str, list[bool]], form: str, kind_rate: float) -> float:
    rights = groups.get(form.split("|")[0], [])
    return (sum(rights) + PRIOR_WEIGHT * kind_rate) / (len(rights) + PRIOR_WEIGHT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write src/newsdesk/analyze/confidence.json")
    args = parser.parse_args(argv)
    if not GOLD.exists():
        print(f"no facts dev set at {GOLD}", file=sys.stderr)
        return 2
    facts = labelled()
    table = fit(facts)
    for kind, rates in table.items():
        counts: dict[str, list[bool]] = defaultdict(list)
        for form, right in facts[kind]:
            counts[form].append(right)
        print(f"\n{kind}: {'form':42} {'n':>5} {'right':>6} {'rate':>6}")
        for form, rate in rates.items():
            n = len(counts.get(form, []))
            share = f"{sum(counts[form]) / n:6.2f}" if n else "     -"
            print(f"  {form:50} {n:5d} {share} {rate:6.2f}")
    if args.write:
        comment = "Fitted by benchmarks/fit_confidence.py on shared/data/facts-dev (rates only, no text)."
        TARGET.write_text(json.dumps({"_comment": comment, **table}, indent=1, sort_keys=True) + "\n")
        print(f"\nwrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
