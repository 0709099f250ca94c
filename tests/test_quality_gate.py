"""The evaluation gate: F1 on a fixed sample of every dev set must not drop below its pinned floor."""

from __future__ import annotations

import json
import sys

import pytest
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import evaluation

FLOORS = json.loads((ROOT / "benchmarks" / "floors.json").read_text())
pytestmark = pytest.mark.skipif(not evaluation.available(), reason="shared dev sets not found beside the checkout")


@pytest.mark.parametrize(("kind", "folder", "name"), evaluation.SETS, ids=[f"{k}-{n}" for k, _, n in evaluation.SETS])
def test_quality_gate_f1_stays_above_floor(kind: str, folder: str, name: str) -> None:
    key = f"{kind}/{name}"
    floor = FLOORS["floors"][key]
    score = evaluation.evaluate(evaluation.newsdesk_text, evaluation.load(folder, name, FLOORS["sample"]))
    assert score.f1 >= floor, f"{key}: F1 {score.f1:.4f} fell below the floor {floor:.4f}"
