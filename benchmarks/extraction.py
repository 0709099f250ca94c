"""Extraction quality and speed: newsdesk next to the anchors, on every shared dev set.

    python benchmarks/extraction.py [--limit N] [--anchors trafilatura,readability,justext,all-text]

Prints precision, recall and F1 (ScrapingHub 4-token shingles, via shared/tools/extraction_eval.py)
and pages/s per set; for pages of every kind (trafilatura-eval), the wanted/unwanted snippet
metric of shared/tools/snippets_eval.py (newsdesk scored on title + text, as that scorer does);
then pages/s pooled over the HTML sets and newsdesk's speed as a ratio of
trafilatura's *in the same run* (the machine is shared: absolute numbers drift, ratios hold).
Anchors need the bench extras: ``pip install -e '.[bench]'``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluation


def trafilatura_anchor(page: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(page, url=url or None) or ""


def readability_anchor(page: str, url: str) -> str:
    import lxml.html
    from readability import Document

    summary = Document(page).summary(html_partial=True)
    return "\n".join(t.strip() for t in lxml.html.fromstring(summary).itertext() if t.strip())


def justext_anchor(page: str, url: str) -> str:
    import justext

    paragraphs = justext.justext(page.encode("utf-8"), justext.get_stoplist("English"), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def all_text_anchor(page: str, url: str) -> str:
    if "<" not in page:
        return page
    import lxml.html

    return "\n".join(t.strip() for t in lxml.html.fromstring(page).itertext() if t.strip())


def as_html_lines(extractor):  # type: ignore[no-untyped-def]
    """Feed scraped text to an HTML extractor as one <p> per line, as the anchor table did."""

    def run(text: str, url: str) -> str:
        from html import escape

        body = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line.strip())
        return extractor(f"<html><body>{body}</body></html>", url)

    return run


def trafilatura_snippet_anchor(page: bytes, url: str) -> str:
    """trafilatura with the settings of its own benchmark's headline row (as snippets_eval.py runs it)."""
    import trafilatura

    return trafilatura.extract(page, fast=False, include_comments=False, include_tables=True) or ""


def readability_snippet_anchor(page: bytes, url: str) -> str:
    from readability import Document

    return str(Document(page).summary())


# Pages of every kind are scored on raw bytes (each tool decodes them itself).
SNIPPET_ANCHORS = {"trafilatura": trafilatura_snippet_anchor, "readability": readability_snippet_anchor}

ANCHORS = {
    "trafilatura": trafilatura_anchor,
    "readability": readability_anchor,
    "justext": justext_anchor,
    "all-text": all_text_anchor,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set (default: all)")
    parser.add_argument("--anchors", default="trafilatura,readability,justext,all-text")
    parser.add_argument("--sets", default="", help="comma-separated kind/name filters, e.g. html/l3s-gn1")
    args = parser.parse_args()
    if not evaluation.available():
        print(f"shared dev sets not found under {evaluation.SHARED}", file=sys.stderr)
        return 2
    names = ["newsdesk", *[a for a in args.anchors.split(",") if a]]
    wanted = {s for s in args.sets.split(",") if s}
    pooled: dict[str, list[float]] = {n: [0, 0.0] for n in names}
    print(f"{'set':22} {'extractor':12} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
    for kind, folder, name in evaluation.SETS:
        if wanted and f"{kind}/{name}" not in wanted:
            continue
        cases = evaluation.load(folder, name, args.limit)
        for label in names:
            fn = evaluation.newsdesk_text if label == "newsdesk" else ANCHORS[label]
            if kind == "text" and label in ("trafilatura", "readability", "justext"):
                fn = as_html_lines(fn)
            score = evaluation.evaluate(fn, cases)
            print(
                f"{kind + '/' + name:22} {label:12} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                f"{score.pages_per_second:8.1f}",
                flush=True,
            )
            if kind == "html":
                pooled[label][0] += score.pages
                pooled[label][1] += score.seconds
    for kind, folder, name in evaluation.SNIPPET_SETS:
        if wanted and f"{kind}/{name}" not in wanted:
            continue
        pages = evaluation.load_snippet_cases(folder, name, args.limit)
        for label in names:
            if label != "newsdesk" and label not in SNIPPET_ANCHORS:
                continue
            fn = evaluation.newsdesk_title_and_text if label == "newsdesk" else SNIPPET_ANCHORS[label]
            score = evaluation.evaluate_snippets(fn, pages)
            print(
                f"{kind + '/' + name[:12]:22} {label:12} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
                f"{score.pages_per_second:8.1f}",
                flush=True,
            )
    print()
    rates = {n: (p / s if s else 0.0) for n, (p, s) in pooled.items()}
    for label, rate in rates.items():
        if rate:
            print(f"pooled HTML pages/s  {label:12} {rate:8.1f}")
    if rates.get("trafilatura") and rates.get("newsdesk"):
        print(f"speed ratio newsdesk / trafilatura (same run): {rates['newsdesk'] / rates['trafilatura']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
