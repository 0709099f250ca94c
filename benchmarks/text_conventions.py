"""What each noisy-text dev set counts as the article, and how far line selection goes on it.

    python benchmarks/text_conventions.py [--limit N]

The three sets were annotated by different people with different ideas of "the article". This
prints, per set:

- ``gold has headline``: share of pages whose gold text contains the page's headline (a part of
  the page title, at least 3 words, among the gold's first lines);
- F1 of newsdesk as shipped (the body starts at the story's first sentence);
- F1 of newsdesk with the lines from the printed headline down to the body put back in front of
  it (headline, byline, date: what a set that counts the headline as article text expects);
- F1 of an oracle that keeps exactly the input lines found in the gold (a gold line, or a line of
  4 words or more whose words appear in order in the gold): how far keeping or dropping whole
  lines (as newsdesk does) can go. It is not a strict ceiling: it drops a line that merges gold
  text with other words.

One extractor cannot both keep the headline (one set's convention) and drop it (the others');
these numbers say how much the convention weighs on each set.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import evaluation
import newsdesk
from newsdesk.extract.boilerplate import judge_line
from newsdesk.extract.headline import title_parts
from newsdesk.extract.line_measures import normalise_line

#: The gold's headline, when it keeps one, is among its first lines.
GOLD_HEAD_LINES = 8
#: The printed headline is at most this many lines above the story's first sentence.
HEADLINE_ABOVE_BODY = 8


def _headline_parts(page_title: str) -> set[str]:
    """The page title's parts that can be a headline (3 words or more), folded."""
    return {part for part in title_parts(page_title) if len(part.split()) >= 3}


def _gold_has_headline(parts: set[str], gold_lines: list[str]) -> bool:
    return any(normalise_line(line) in parts for line in gold_lines[:GOLD_HEAD_LINES])


def _headline_block(lines: list[str], parts: set[str], body: str) -> list[str]:
    """The lines from the printed headline down to the body's first line, furniture left out."""
    first = body.split("\n", 1)[0][:60]
    start = next((index for index, line in enumerate(lines) if first and line.startswith(first)), None)
    if start is None:
        return []
    for index in range(start - 1, max(0, start - HEADLINE_ABOVE_BODY) - 1, -1):
        if index > 0 and normalise_line(lines[index]) in parts:
            return [line for line in lines[index:start] if not judge_line(line).boilerplate]
    return []


#: Lines shorter than this must match a gold line whole: "Home" is in most gold texts as a word.
ORACLE_MIN_WORDS = 4


def _in_gold(line: str, gold_words: str, gold_keys: set[str]) -> bool:
    """True when the line is a gold line, or (if long enough) its words appear in order in the gold
    (the gold may wrap a paragraph otherwise than the input)."""
    key = normalise_line(line)
    if len(key.split()) < ORACLE_MIN_WORDS:
        return key in gold_keys
    return f" {key} " in gold_words


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set (default: all)")
    args = parser.parse_args()
    if not evaluation.available():
        print(f"shared dev sets not found under {evaluation.SHARED}", file=sys.stderr)
        return 2
    ee = evaluation.scorer()
    print(f"{'set':22} {'pages':>5} {'gold has headline':>17} {'F1 ours':>8} {'+headline':>9} {'line oracle':>11}")
    for kind, folder, name in evaluation.SETS:
        if kind != "text":
            continue
        cases = evaluation.load(folder, name, args.limit)
        golds, ours, headed, oracle = [], [], [], []
        headline = 0
        for page, url, gold in cases:
            lines = [line.strip() for line in page.splitlines() if line.strip()]
            gold_lines = [line.strip() for line in gold.splitlines() if line.strip()]
            gold_words = f" {normalise_line(gold)} "
            gold_keys = {normalise_line(line) for line in gold_lines} - {""}
            try:
                body = newsdesk.extract(page, url=url or None).text
            except newsdesk.NewsdeskError:
                body = ""
            golds.append(gold)
            ours.append(body)
            parts = _headline_parts(lines[0]) if lines else set()
            headed.append("\n".join([*_headline_block(lines, parts, body), body]))
            oracle.append("\n".join(line for line in lines if _in_gold(line, gold_words, gold_keys)))
            headline += _gold_has_headline(parts, gold_lines)
        f1 = [ee.score_pages(golds, preds, n_bootstrap=0)["f1"] for preds in (ours, headed, oracle)]
        n = len(cases) or 1
        print(
            f"{kind + '/' + name:22} {len(cases):5d} {headline / n:17.1%} {f1[0]:8.3f} {f1[1]:9.3f} {f1[2]:11.3f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
