"""Shared helpers for extraction benchmarks and the CI gate: load dev sets, score with the reference scorer."""

from __future__ import annotations

import hashlib
import importlib.util
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = (
    ("html", "extraction-dev", "l3s-gn1"),
    ("html", "extraction-dev", "dragnet"),
    ("html", "extraction-dev", "readability"),
    ("text", "noisytext-dev", "l3s-gn1"),
    ("text", "noisytext-dev", "dragnet"),
    ("text", "noisytext-dev", "readability"),
)
Extractor = Callable[[str, str], str]


def scorer() -> ModuleType:
    """The reference scorer ``shared/tools/extraction_eval.py``, imported by path."""
    path = SHARED / "tools" / "extraction_eval.py"
    spec = importlib.util.spec_from_file_location("extraction_eval", path)
    if spec is None or spec.loader is None or not path.exists():
        raise FileNotFoundError(f"reference scorer not found at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def available() -> bool:
    """True when the shared dev sets and scorer are beside the checkout."""
    return (SHARED / "tools" / "extraction_eval.py").exists() and (SHARED / "data" / "extraction-dev").exists()


@dataclass
class Score:
    precision: float
    recall: float
    f1: float
    pages: int
    seconds: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0


def load(kind_dir: str, name: str, limit: int | None = None) -> list[tuple[str, str, str]]:
    """``(input, url, gold)`` for the first ``limit`` cases (sorted by id) of one dev set."""
    ee = scorer()
    folder = SHARED / "data" / kind_dir / name
    return [(ee.read_html(folder, c), c.get("url", ""), c["text"]) for c in ee.load_cases(folder, limit)]


def digest(cases: list[tuple[str, str, str]]) -> str:
    """A fingerprint of an evaluation sample (inputs, URLs and gold texts): a changed sample is noticed."""
    h = hashlib.sha256()
    for page, url, gold in cases:
        for part in (page, url, gold):
            data = part.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()[:16]


def evaluate(extractor: Extractor, cases: list[tuple[str, str, str]]) -> Score:
    """Run ``extractor`` on every case (errors count as empty output) and score it."""
    ee = scorer()
    preds: list[str] = []
    seconds = 0.0
    for page, url, _ in cases:
        started = time.perf_counter()
        try:
            pred = extractor(page, url) or ""
        except Exception:
            pred = ""
        seconds += time.perf_counter() - started
        preds.append(pred)
    result = ee.score_pages([gold for _, _, gold in cases], preds, n_bootstrap=0)
    return Score(result["precision"], result["recall"], result["f1"], len(cases), seconds)


def newsdesk_text(page: str, url: str) -> str:
    """newsdesk through its public API; a skipped page yields no text."""
    import newsdesk

    try:
        return newsdesk.extract(page, url=url or None).text
    except newsdesk.NewsdeskError:
        return ""
