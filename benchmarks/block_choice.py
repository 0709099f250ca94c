"""Which block is the article: the candidates, how often they disagree, and what the choice is worth.

    python benchmarks/block_choice.py            # table with the shipped model
    python benchmarks/block_choice.py --fit      # refit block_choice.json, then the table (cross-validated)

For every page of the HTML dev sets (the three news sets, scored by shingles as in extraction.py,
and trafilatura-eval, scored by its wanted/unwanted snippets): readability's block, and on pages
where it is doubted (``block_choice.doubtful``) trafilatura's block and readability's with the lead
it missed; elsewhere readability's with the lead it left under the headline (``headline_gap``).
Prints per set: how many pages were doubted, how many the candidates disagree on, the F1 of each
candidate, of the choice and of the best possible choice, and the time the extra candidates cost
as a share of the whole extraction. ``--fit`` fits the logistic model on all sets (label: the
page's better candidate, weight: by how much) and reports the choice by 5-fold cross-validation,
so the table does not score the model on the pages it learnt from. Needs scikit-learn (bench extra).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluation
from newsdesk.extract import block_choice, html
from newsdesk.extract.decode import decode
from newsdesk.extract.headline_gap import lead_under_headline
from newsdesk.extract.html_metadata import html_metadata
from newsdesk.extract.result import Extraction, Metadata

SNIPPET_SET = "trafilatura-eval"
MODEL = Path(block_choice.__file__).with_name("block_choice.json")


@dataclass
class Page:
    set: str
    title: str | None
    gold: str | dict  # news: gold text; snippets: the case with "with"/"without"
    readability: list[tuple[str, str]]
    doubted: bool = False
    lead: list[tuple[str, str]] | None = None
    trafilatura: list[tuple[str, str]] | None = None
    features: dict[str, float] | None = None
    seconds_all: float = 0.0
    seconds_extra: float = 0.0


def collect(limit: int | None) -> list[Page]:
    pages: list[Page] = []
    for name in ("l3s-gn1", "dragnet", "readability"):
        for page, url, gold in evaluation.load("extraction-dev", name, limit):
            pages.append(_candidates(name, page, url or None, gold))
    folder = evaluation.SHARED / "data" / "extraction-dev" / SNIPPET_SET
    cases = [json.loads(line) for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines() if line]
    for case in cases[:limit]:
        raw = gzip.decompress((folder / case["html_file"]).read_bytes())
        try:
            text = decode(raw).text
        except Exception:
            text = "<html></html>"
        pages.append(_candidates(SNIPPET_SET, text, case.get("url") or None, case))
    return pages


def _candidates(name: str, page: str, url: str | None, gold: str | dict) -> Page:
    started = time.perf_counter()
    try:
        tree, _ = html.parse_html(page)
    except Exception:
        return Page(name, None, gold, [])
    title = html_metadata(tree, url).title
    blocks, fragment = html._readability_blocks(tree, url)
    readability = block_choice.Candidate("readability", blocks, html._link_share(fragment, blocks))
    prose = block_choice.page_prose_words(tree)
    result = Page(name, title, gold, readability.blocks)
    if not block_choice.doubtful(readability.blocks, prose):
        extra = time.perf_counter()
        result.lead = lead_under_headline(tree, readability.blocks) + readability.blocks
        result.seconds_extra = time.perf_counter() - extra
    else:
        extra = time.perf_counter()
        trafilatura = html._trafilatura_candidate(tree, url)
        result.seconds_extra = time.perf_counter() - extra
        result.doubted = True
        result.trafilatura = trafilatura.blocks
        result.lead = block_choice._with_lead(readability.blocks, trafilatura.blocks)
        result.features = block_choice.features(readability, result.lead, trafilatura, prose)
    result.seconds_all = time.perf_counter() - started
    return result


def _clean(blocks: list[tuple[str, str]], title: str | None) -> str:
    kept = html._clean_blocks(blocks, Extraction(metadata=Metadata(title=title)))
    return "\n".join(text for _, text in kept)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_counts(page: Page, blocks: list[tuple[str, str]]) -> tuple[float, float, float]:
    """News: the scorer's (tp, fp, fn) shares; snippets: (wanted found, wanted, unwanted found)."""
    text = _clean(blocks, page.title)
    if isinstance(page.gold, str):
        return evaluation.scorer().page_tp_fp_fn(page.gold, text)
    found = _norm((page.title or "") + "\n" + text)
    wanted = page.gold["with"]
    return (
        sum(_norm(s) in found for s in wanted),
        len(wanted),
        sum(_norm(s) in found for s in page.gold["without"]),
    )


def f1(set_name: str, counts: list[tuple[float, float, float]]) -> float:
    if set_name == SNIPPET_SET:
        tp, n, fp = (sum(c[i] for c in counts) for i in range(3))
        p, r = tp / max(1, tp + fp), tp / max(1, n)
    else:
        p = statistics.fmean([c[0] / (c[0] + c[1]) for c in counts if c[0] + c[1] > 0] or [0])
        r = statistics.fmean([c[0] / (c[0] + c[2]) for c in counts if c[0] + c[2] > 0] or [0])
    return 2 * p * r / (p + r) if p + r else 0.0


def gain(page: Page, a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """How much better b is than a on this page, in the set's own terms."""
    if page.set == SNIPPET_SET:
        return (b[0] - b[2]) - (a[0] - a[2])

    def pr(c: tuple[float, float, float]) -> float:
        return c[0] / max(1e-9, c[0] + c[1]) + c[0] / max(1e-9, c[0] + c[2])

    return 3 * (pr(b) - pr(a))  # a page of news weighs about three snippets


def fit(pages: list[Page]) -> dict[str, float]:
    """Fit and write the model; return each doubted page's cross-validated probability."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import KFold

    doubted = [p for p in pages if p.doubted and p.features]
    names = sorted(doubted[0].features or {})
    x = np.array([[p.features[n] for n in names] for p in doubted])  # type: ignore[index]
    gains = np.array([gain(p, page_counts(p, p.lead or []), page_counts(p, p.trafilatura or [])) for p in doubted])
    y, weight = (gains > 0).astype(int), np.abs(gains) + 1e-6
    held_out = np.zeros(len(doubted))
    for train, test in KFold(5, shuffle=True, random_state=0).split(x):
        model = LogisticRegression(max_iter=5000).fit(x[train], y[train], sample_weight=weight[train])
        held_out[test] = model.predict_proba(x[test])[:, 1]
    model = LogisticRegression(max_iter=5000).fit(x, y, sample_weight=weight)
    # the threshold that gains most over readability's block on held-out predictions: a wrong switch
    # to trafilatura costs as much as a right one gains
    threshold = max((0.5, 0.6, 0.7, 0.8), key=lambda t: float(gains[held_out > t].sum()))
    news = np.array([p.set != SNIPPET_SET for p in doubted])
    for t in (0.5, 0.6, 0.7, 0.8):
        print(
            f"threshold {t}: held-out gain on news {gains[(held_out > t) & news].sum():+.1f}, "
            f"on {SNIPPET_SET} {gains[(held_out > t) & ~news].sum():+.1f}"
        )
    MODEL.write_text(
        json.dumps(
            {
                "about": "logistic model: is trafilatura's block better than readability's? "
                "Fitted by benchmarks/block_choice.py --fit on the HTML dev sets.",
                "intercept": round(float(model.intercept_[0]), 4),
                "weights": {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)},
                "threshold": threshold,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"wrote {MODEL} from {len(doubted)} doubted pages ({int(y.sum())} where trafilatura's block is better), "
        f"threshold {threshold}"
    )
    return {str(id(p)): float(q) for p, q in zip(doubted, held_out, strict=True)}


def table(pages: list[Page], held_out: dict[str, float] | None) -> None:
    print(
        "| set | pages | doubted | candidates disagree | chose trafilatura | F1 readability | +lead | "
        "trafilatura | **choice** | best possible | extra time |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name in ("l3s-gn1", "dragnet", "readability", SNIPPET_SET):
        group = [p for p in pages if p.set == name]
        r, lead, traf, chosen, best = [], [], [], [], []
        disagree = took = 0
        for p in group:
            base = page_counts(p, p.readability)
            r.append(base)
            if not p.doubted:
                with_lead = page_counts(p, p.lead or []) if p.lead != p.readability else base
                lead.append(with_lead), traf.append(base), chosen.append(with_lead), best.append(with_lead)
                continue
            a, b = page_counts(p, p.lead or []), page_counts(p, p.trafilatura or [])
            disagree += a != b
            lead.append(a), traf.append(b)
            best.append(b if gain(p, a, b) > 0 else a)
            probability = (held_out or {}).get(str(id(p)))
            if probability is None:
                probability = block_choice.trafilatura_probability(p.features or {})
            picked = probability > block_choice._model()["threshold"] or (
                sum(len(t.split()) for _, t in p.readability) < block_choice.MIN_WORDS and p.trafilatura
            )
            took += bool(picked)
            chosen.append(b if picked else a)
        extra = sum(p.seconds_extra for p in group) / max(1e-9, sum(p.seconds_all for p in group))
        print(
            f"| {name} | {len(group)} | {sum(p.doubted for p in group)} | {disagree} | {took} | {f1(name, r):.3f} | "
            f"{f1(name, lead):.3f} | {f1(name, traf):.3f} | **{f1(name, chosen):.3f}** | {f1(name, best):.3f} | "
            f"{extra:.0%} |"
        )
    print(
        "\ntrafilatura column: its block on doubted pages, readability's elsewhere. +lead: readability's with "
        "trafilatura's lead on doubted pages, with the prose under the headline elsewhere (headline_gap). "
        "Extra time: trafilatura's and the headline walk's share of candidate time."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fit", action="store_true", help="refit block_choice.json (cross-validated table)")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    args = parser.parse_args()
    if not evaluation.available():
        print(f"shared dev sets not found under {evaluation.SHARED}", file=sys.stderr)
        return 2
    pages = collect(args.limit)
    held_out = fit(pages) if args.fit else None
    if held_out is not None:
        block_choice._model.cache_clear()
    table(pages, held_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
