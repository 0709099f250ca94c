"""Analysis stages over the clean text: each adds facts located by character offsets."""

from __future__ import annotations

from ..pipeline import Stage
from .dates import DatesStage
from .numbers import NumbersStage


def analysis_stages() -> list[Stage]:
    """The default analysis stages, in order (run after the extraction stages)."""
    return [DatesStage(), NumbersStage()]
