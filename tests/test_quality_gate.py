"""The evaluation gate: F1 on a fixed sample of every dev set must not drop below its pinned floor.

Floors, the sample's digests and the tolerance live in benchmarks/floors.json and are changed only
by ``python benchmarks/floors.py --update`` (which never lowers a floor without --allow-lower).
Without the shared dev sets the gate is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable

import pytest
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import evaluation
import floors

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())


@pytest.fixture
def shared_data() -> None:
    if evaluation.available():
        return
    if os.environ.get("CI"):
        pytest.fail(f"the shared dev sets are missing at {evaluation.SHARED}: CI must run the evaluation gate")
    pytest.skip("shared dev sets not found beside the checkout")


@pytest.mark.parametrize(("kind", "folder", "name"), evaluation.SETS, ids=[f"{k}-{n}" for k, _, n in evaluation.SETS])
@pytest.mark.usefixtures("shared_data")
def test_quality_gate_f1_stays_above_floor(kind: str, folder: str, name: str) -> None:
    cases = evaluation.load(folder, name, FLOORS["sample"])
    _check_floor(
        f"{kind}/{name}", evaluation.digest(cases), lambda: evaluation.evaluate(evaluation.newsdesk_text, cases)
    )


@pytest.mark.parametrize(
    ("kind", "folder", "name"), evaluation.SNIPPET_SETS, ids=[f"{k}-{n}" for k, _, n in evaluation.SNIPPET_SETS]
)
@pytest.mark.usefixtures("shared_data")
def test_quality_gate_snippet_f1_stays_above_floor(kind: str, folder: str, name: str) -> None:
    pages = evaluation.load_snippet_cases(folder, name, FLOORS["sample"])
    _check_floor(
        f"{kind}/{name}",
        evaluation.snippet_digest(pages),
        lambda: evaluation.evaluate_snippets(evaluation.newsdesk_title_and_text, pages),
    )


def _check_floor(key: str, sample_digest: str, score: Callable[[], evaluation.Score]) -> None:
    assert sample_digest == FLOORS["digests"][key], (
        f"{key}: the evaluation sample changed; check it, then run benchmarks/floors.py --update"
    )
    floor, tolerance = FLOORS["floors"][key], FLOORS["tolerance"]
    f1 = score().f1
    assert f1 >= floor - tolerance, f"{key}: F1 {f1:.4f} fell below the floor {floor:.4f}"


def test_quality_gate_floor_update_never_lowers_without_permission() -> None:
    current = {"floors": {"text/x": 0.9, "text/y": 0.8}, "digests": {"text/x": "a", "text/y": "b"}}
    measured = {"text/x": (0.8912, "a"), "text/y": (0.8456, "c")}
    kept, changes = floors.updated(current, measured, allow_lower=False)
    assert kept["floors"] == {"text/x": 0.9, "text/y": 0.845} and kept["digests"]["text/y"] == "c"
    assert any("kept (use --allow-lower)" in change for change in changes)
    lowered, _ = floors.updated(current, measured, allow_lower=True)
    assert lowered["floors"]["text/x"] == 0.891
    assert current["floors"]["text/x"] == 0.9  # the input is not changed in place
