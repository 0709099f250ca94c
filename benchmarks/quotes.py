"""Quotes and speakers on PolNeAR (shared/data/quotes-dev), scored by shared/tools/quotes_eval.py.

    python benchmarks/quotes.py                 # dev: newsdesk and textacy side by side
    python benchmarks/quotes.py learn-cues      # print the cue verbs PolNeAR's train split supports

Anchors measured by the issue on the same file (overlap P/R/F1, speaker accuracy): the Gender Gap
Tracker's spaCy rules 71/38/49, 84%; textacy ``direct_quotations`` F1 ≈ 28 (re-run here when
textacy is installed). Documents are parsed once and shared by every system, so the speed
column is the rules' own time; parsing is reported separately.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsdesk.analyze import attribution_verbs, quotes
from newsdesk.analyze.entities import find_entities
from newsdesk.analyze.language import lemma, load_language

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
DATA = SHARED / "data" / "quotes-dev"
_spec = importlib.util.spec_from_file_location("quotes_eval", SHARED / "tools" / "quotes_eval.py")
assert _spec and _spec.loader
quotes_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(quotes_eval)


def load(split: str) -> tuple[list[dict[str, Any]], dict[str, Any], float]:
    """Gold documents, their spaCy Docs by text, and the seconds parsing took."""
    docs = [json.loads(line) for line in (DATA / f"polnear-{split}.jsonl").open(encoding="utf-8")]
    nlp = load_language()
    start = time.perf_counter()
    parsed = {d.text: d for d in nlp.pipe((doc["text"] for doc in docs), batch_size=16)}
    return docs, parsed, time.perf_counter() - start


#: Cues of plain speech and writing: PolNeAR also annotates beliefs and findings, which the facts
#: guide leaves out; on these cues the two agree, and newsdesk must not lose ground here.
SPEECH_CUES = frozenset(
    "say tell write add accord state announce explain claim report note ask reply insist argue warn deny "
    "confirm tweet post declare testify".split()
)


def cue_lemma(doc: Any, start: int | None, end: int | None) -> str | None:
    """The lemma of a cue's main word ("according to" → "accord")."""
    if start is None or end is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span or () if t.pos_ in ("VERB", "AUX")] or list(span or ())
    return lemma(words[0]) if words else None


def speech_only(docs: list[dict[str, Any]], parsed: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold documents with only the attributions whose cue is plain speech or writing."""
    return [
        {
            **doc,
            "quotes": [
                q
                for q in doc["quotes"]
                if cue_lemma(parsed[doc["text"]], q.get("cue_start"), q.get("cue_end")) in SPEECH_CUES
            ],
        }
        for doc in docs
    ]


def newsdesk_extractor(parsed: dict[str, Any], speech: bool = False) -> Callable[[str], list[dict[str, Any]]]:
    def extract(text: str) -> list[dict[str, Any]]:
        doc = parsed[text]
        out = []
        for q in quotes.find_quotes(doc, find_entities(doc)):
            if (
                speech
                and cue_lemma(doc, q.cue.start if q.cue else None, q.cue.end if q.cue else None) not in SPEECH_CUES
            ):
                continue
            item: dict[str, Any] = {
                "quote": q.text,
                "quote_start": q.span.start,
                "quote_end": q.span.end,
                "speaker": q.speaker_text,  # as written: the gold speakers are not resolved
            }
            if q.fragments:
                item["fragments"] = [[f.start, f.end] for f in q.fragments]
            out.append(item)
        return out

    return extract


def textacy_extractor(parsed: dict[str, Any]) -> Callable[[str], list[dict[str, Any]]] | None:
    try:
        from textacy.extract import direct_quotations
    except ImportError:
        return None

    def extract(text: str) -> list[dict[str, Any]]:
        out = []
        for speaker, _cue, content in direct_quotations(parsed[text]):
            start, end = content[0].idx, content[-1].idx + len(content[-1])
            out.append(
                {
                    "quote": text[start:end],
                    "quote_start": start,
                    "quote_end": end,
                    "speaker": " ".join(t.text for t in speaker),
                }
            )
        return out

    return extract


def evaluate() -> None:
    docs, parsed, parse_seconds = load("dev")
    print(
        f"PolNeAR dev: {len(docs)} documents; spaCy parse {parse_seconds:.1f} s "
        f"({len(docs) / parse_seconds:.1f} docs/s)"
    )
    systems = {"newsdesk": newsdesk_extractor(parsed), "textacy direct_quotations": textacy_extractor(parsed)}
    rows = []
    for name, extractor in systems.items():
        if extractor is None:
            print(f"({name}: not installed, skipped)")
            continue
        result = quotes_eval.evaluate(docs, extractor, None, 0.5, 0)
        rows.append((name, result))
    speech_docs = speech_only(docs, parsed)
    rows.append(
        (
            "newsdesk, speech cues only",
            quotes_eval.evaluate(speech_docs, newsdesk_extractor(parsed, True), None, 0.5, 0),
        )
    )
    print(
        "\n| system | overlap P | R | F1 | exact F1 | speaker acc. | direct R | mixed R | indirect R | docs/s (rules) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in rows:
        by_type = r["recall_by_type_overlap"]
        speaker = r["speaker"]["accuracy"]
        print(
            f"| {name} | {100 * r['overlap']['precision']:.1f} | {100 * r['overlap']['recall']:.1f} | "
            f"{100 * r['overlap']['f1']:.1f} | {100 * r['exact']['f1']:.1f} | "
            f"{'-' if speaker is None else f'{100 * speaker:.1f}'} | "
            + " | ".join(f"{100 * by_type.get(t, {}).get('recall', 0):.1f}" for t in ("direct", "mixed", "indirect"))
            + f" | {r['docs_per_s']:.0f} |"
        )
    print("| Gender Gap Tracker rules (issue's measurement) | 71 | 38 | 49 | | 84 | | | | |")


def learn_cues(threshold: float = 0.4, min_uses: int = 5) -> None:
    """Pick the cue lemmas whose attributions match gold often enough on the train split."""
    docs, parsed, _ = load("train")
    candidates: Counter[str] = Counter()
    for doc in docs:
        spacy_doc = parsed[doc["text"]]
        for gold in doc["quotes"]:
            if gold.get("cue_start") is None:
                continue
            span = spacy_doc.char_span(gold["cue_start"], gold["cue_end"], alignment_mode="expand")
            candidates.update(lemma(t) for t in span or () if t.pos_ == "VERB")
    broad = frozenset(lemma for lemma, n in candidates.items() if n >= min_uses)
    candidates_only = quotes.CueVerbs(clause=broad, with_object=broad)  # every candidate, in both roles
    used: Counter[str] = Counter()
    matched: Counter[str] = Counter()
    for doc in docs:
        spacy_doc = parsed[doc["text"]]
        tokens = quotes_eval.tokenize(doc["text"])
        starts, ends = [s for s, _ in tokens], [e for _, e in tokens]
        gold = [quotes_eval.token_ids(quotes_eval.quote_spans(g), starts, ends) for g in doc["quotes"]]
        for q in quotes.find_quotes(spacy_doc, find_entities(spacy_doc), cues=candidates_only):
            if q.cue is None or q.cue_text == "according to":
                continue
            cue = spacy_doc.char_span(q.cue.start, q.cue.end, alignment_mode="expand")[0]
            pieces = [(f.start, f.end) for f in q.fragments] or [(q.span.start, q.span.end)]
            takes_object = any(
                c.dep_ in ("dobj", "obj", "xcomp") and q.span.start <= c.idx < q.span.end for c in cue.children
            )
            key = f"{lemma(cue)}/{'object' if takes_object else 'clause'}"
            predicted = quotes_eval.token_ids(pieces, starts, ends)
            used[key] += 1
            matched[key] += any(predicted and len(g & predicted) / max(len(g), len(predicted)) >= 0.5 for g in gold)
    chosen = {
        kind: sorted(
            k.split("/")[0]
            for k in used
            if k.endswith(kind) and used[k] >= min_uses and matched[k] / used[k] >= threshold
        )
        for kind in ("/clause", "/object")
    }
    # The lists in attribution_verbs keep the verbs of saying and writing among these (by hand).
    for kind, words in chosen.items():
        listed = attribution_verbs.CUE_LEMMAS if kind == "/clause" else attribution_verbs.CUE_WITH_OBJECT
        print(f"learned {kind[1:]} cues ({len(words)}):\n{_words(words)}")
        print(f"  learned, not listed (not speech or writing): {' '.join(sorted(set(words) - listed))}")


def _words(words: list[str], width: int = 92) -> str:
    """The words as implicitly joined string literals, one indented line each, under ``width``."""
    lines: list[str] = [""]
    for word in words:
        if len(lines[-1]) + len(word) > width:
            lines.append("")
        lines[-1] += word + " "
    return "\n".join(f'    "{line.rstrip() if i == len(lines) - 1 else line}"' for i, line in enumerate(lines))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", nargs="?", default="evaluate", choices=("evaluate", "learn-cues"))
    parser.add_argument("--threshold", type=float, default=0.4, help="learn-cues: share of matched uses to list a cue")
    args = parser.parse_args()
    learn_cues(args.threshold) if args.command == "learn-cues" else evaluate()
