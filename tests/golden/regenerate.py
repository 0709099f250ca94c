"""Rewrite the golden facts files from the current code: `python tests/golden/regenerate.py`.

Read every changed line (git diff) before committing: a golden line is a claim that a careful
reader agrees with it.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from facts_lines import facts_lines  # noqa: E402

import newsdesk  # noqa: E402

SAMPLES = HERE.parent.parent / "src" / "newsdesk" / "samples"

if __name__ == "__main__":
    for sample in sorted(SAMPLES.glob("*.txt")):
        article = newsdesk.extract(sample.read_bytes(), facts=True)
        target = HERE / f"{sample.stem}.facts.txt"
        target.write_text("\n".join(facts_lines(article)) + "\n", encoding="utf-8")
        print(f"wrote {target}")
