"""Analysis stages over the clean text: each adds facts located by character offsets."""

from __future__ import annotations

from ..pipeline import Stage
from ..settings import Settings
from .confidence import ConfidenceStage
from .dates import DatesStage, DateTenseStage, QuotedDaysStage
from .entities import EntitiesStage
from .figure_meaning import FigureMeaningStage
from .figures import FiguresStage
from .language import ParseStage
from .quotes import QuotesStage
from .text_language import LanguageStage


def analysis_stages(settings: Settings | None = None) -> list[Stage]:
    """The default analysis stages, in order (run after the extraction stages)."""
    return [
        LanguageStage(),
        DatesStage(),
        FiguresStage(),
        ParseStage(settings),
        DateTenseStage(),
        FigureMeaningStage(),
        EntitiesStage(),
        QuotesStage(),
        QuotedDaysStage(),
        ConfidenceStage(),
    ]
