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


def _tool(name: str) -> ModuleType:
    """A reference scorer from ``shared/tools``, imported by path."""
    path = SHARED / "tools" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not path.exists():
        raise FileNotFoundError(f"reference scorer not found at {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer() -> ModuleType:
    """The reference scorer ``shared/tools/extraction_eval.py``."""
    return _tool("extraction_eval")


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


# Pages of every kind, scored by the snippets their annotators marked wanted and unwanted
# (shared/tools/snippets_eval.py): a different metric, so kept apart from SETS.
SNIPPET_SETS = (("snippets", "extraction-dev", "trafilatura-eval"),)
ByteExtractor = Callable[[bytes, str], str]


def snippet_scorer() -> ModuleType:
    """The reference snippet scorer ``shared/tools/snippets_eval.py``."""
    return _tool("snippets_eval")


def load_snippet_cases(folder: str, name: str, limit: int | None = None) -> list[tuple[bytes, str, dict]]:
    """``(page bytes, url, case)`` for the first ``limit`` cases (sorted by id) of a snippet set."""
    import gzip
    import json

    root = SHARED / "data" / folder / name
    lines = (root / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    cases = sorted((json.loads(line) for line in lines if line), key=lambda c: c["id"])[:limit]
    return [(gzip.decompress((root / c["html_file"]).read_bytes()), c.get("url") or "", c) for c in cases]


def snippet_digest(cases: list[tuple[bytes, str, dict]]) -> str:
    """A fingerprint of a snippet sample (page bytes, URLs and snippets)."""
    import json

    h = hashlib.sha256()
    for page, url, case in cases:
        for data in (page, url.encode(), json.dumps([case["with"], case["without"]]).encode()):
            h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()[:16]


def evaluate_snippets(extractor: ByteExtractor, cases: list[tuple[bytes, str, dict]]) -> Score:
    """Run ``extractor`` on every page (errors count as no output) and score wanted/unwanted snippets."""
    norm = snippet_scorer().norm
    tp = fp = fn = 0
    seconds = 0.0
    for page, url, case in cases:
        started = time.perf_counter()
        try:
            out = norm(extractor(page, url) or "")
        except Exception:
            out = ""
        seconds += time.perf_counter() - started
        found = sum(norm(s) in out for s in case["with"])
        tp, fn = tp + found, fn + len(case["with"]) - found
        fp += sum(norm(s) in out for s in case["without"])
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return Score(p, r, 2 * p * r / (p + r) if p + r else 0.0, len(cases), seconds)


def newsdesk_title_and_text(page: bytes, url: str) -> str:
    """newsdesk on a page's raw bytes, title and text (as snippets_eval.py scores it)."""
    import newsdesk

    try:
        article = newsdesk.extract(page, url=url or None)
    except newsdesk.NewsdeskError:
        return ""
    return (article.title or "") + "\n" + article.text
