"""newsdesk: turn news into verifiable, structured knowledge.

The public API is exactly ``__all__``; everything else is private and may change.
"""

from .api import analyze, extract
from .errors import (
    BinaryInput,
    BlockedAddress,
    DocumentTimeout,
    EmptyInput,
    FetchError,
    InputError,
    InputTooLarge,
    NewsdeskError,
    PipelineError,
    Skip,
)
from .model import (
    SCHEMA_VERSION,
    Article,
    Block,
    Image,
    NumericFact,
    Origin,
    RawDocument,
    RelatedLink,
    Removed,
    Span,
    TimeExpression,
)
from .pipeline import Pipeline, RunReport, Stage
from .render import to_json, to_markdown, to_text
from .settings import Settings

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "BinaryInput",
    "Block",
    "BlockedAddress",
    "DocumentTimeout",
    "EmptyInput",
    "FetchError",
    "Image",
    "InputError",
    "InputTooLarge",
    "NewsdeskError",
    "NumericFact",
    "Origin",
    "Pipeline",
    "PipelineError",
    "RawDocument",
    "RelatedLink",
    "Removed",
    "RunReport",
    "Settings",
    "Skip",
    "Span",
    "Stage",
    "TimeExpression",
    "__version__",
    "analyze",
    "extract",
    "to_json",
    "to_markdown",
    "to_text",
]
