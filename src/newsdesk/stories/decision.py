"""Whether an article joins a story: a logistic model over ``profile.FEATURE_NAMES``.

The weights come from ``benchmarks/fit_stories.py`` (fitted on the stories dev sets: a few
numbers, nothing of their texts) and live in ``weights.json`` beside this module.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .profile import FEATURE_NAMES

WEIGHTS = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class Decision:
    coefficients: tuple[float, ...]
    intercept: float
    threshold: float  # the least probability that joins an article to a story

    def probability(self, features: list[float]) -> float:
        z = self.intercept + sum(w * x for w, x in zip(self.coefficients, features, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))


@cache
def decision(path: Path = WEIGHTS) -> Decision:
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURE_NAMES:
        raise ValueError(f"{path} was fitted for other features; run benchmarks/fit_stories.py --write")
    return Decision(tuple(float(w) for w in data["coefficients"]), float(data["intercept"]), float(data["threshold"]))
