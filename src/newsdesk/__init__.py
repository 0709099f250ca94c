"""newsdesk: turn news into verifiable, structured knowledge.

The public API is exactly ``__all__``; everything else is private and may change. Names are
imported on first use, so ``newsdesk serve`` and ``import newsdesk.store`` do not load the
extraction and analysis stack (lxml, readability, spaCy) they never call.
"""

import importlib as _importlib
import typing as _typing
import warnings as _warnings

if _typing.TYPE_CHECKING:
    from .api import analyze, extract
    from .errors import (
        BinaryInput,
        BlockedAddress,
        DocumentTimeout,
        EmptyInput,
        FetchError,
        InputError,
        InputTooLarge,
        ModelNotInstalled,
        NewsdeskError,
        PipelineError,
        QueryTimeout,
        ScaleError,
        Skip,
        StoreError,
    )
    from .ingest_job import IngestReport, ingest
    from .load_job import load
    from .model import (
        SCHEMA_VERSION,
        Article,
        Block,
        Entity,
        Figure,
        Image,
        Origin,
        Quote,
        RawDocument,
        RelatedLink,
        Removed,
        Span,
        TimeExpression,
    )
    from .pipeline import Pipeline, RunReport, Stage
    from .process_job import ProcessOptions, ProcessReport, process
    from .render import to_json, to_markdown, to_text
    from .settings import Settings
    from .store import Filters, Store

# The subpackages ``analyze``, ``extract`` and ``ingest`` share their names with the functions of
# the public API. Import them now (they are light) and drop the module attributes the import sets,
# so that ``newsdesk.extract`` is the function, found by ``__getattr__`` below.
for _package in ("analyze", "extract", "ingest"):
    _importlib.import_module(f".{_package}", __name__)
    globals().pop(_package, None)

#: Where each public name lives.
_HOMES = {
    "analyze": "api",
    "extract": "api",
    "ingest": "ingest_job",
    "IngestReport": "ingest_job",
    "load": "load_job",
    **dict.fromkeys(("process", "ProcessOptions", "ProcessReport"), "process_job"),
    **dict.fromkeys(
        (
            "BinaryInput",
            "BlockedAddress",
            "DocumentTimeout",
            "EmptyInput",
            "FetchError",
            "InputError",
            "InputTooLarge",
            "ModelNotInstalled",
            "NewsdeskError",
            "PipelineError",
            "QueryTimeout",
            "ScaleError",
            "Skip",
            "StoreError",
        ),
        "errors",
    ),
    **dict.fromkeys(
        (
            "SCHEMA_VERSION",
            "Article",
            "Block",
            "Entity",
            "Figure",
            "Image",
            "Origin",
            "Quote",
            "RawDocument",
            "RelatedLink",
            "Removed",
            "Span",
            "TimeExpression",
        ),
        "model",
    ),
    **dict.fromkeys(("Pipeline", "RunReport", "Stage"), "pipeline"),
    **dict.fromkeys(("to_json", "to_markdown", "to_text"), "render"),
    "Settings": "settings",
    "Filters": "store",
    "Store": "store",
}
#: Old names kept for one release: name → (the new name, its module).
_DEPRECATED = {"NumericFact": ("Figure", "model")}

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "BinaryInput",
    "Block",
    "BlockedAddress",
    "DocumentTimeout",
    "EmptyInput",
    "Entity",
    "FetchError",
    "Figure",
    "Filters",
    "Image",
    "IngestReport",
    "InputError",
    "InputTooLarge",
    "ModelNotInstalled",
    "NewsdeskError",
    "Origin",
    "Pipeline",
    "PipelineError",
    "ProcessOptions",
    "ProcessReport",
    "QueryTimeout",
    "Quote",
    "RawDocument",
    "RelatedLink",
    "Removed",
    "RunReport",
    "ScaleError",
    "Settings",
    "Skip",
    "Span",
    "Stage",
    "Store",
    "StoreError",
    "TimeExpression",
    "__version__",
    "analyze",
    "extract",
    "ingest",
    "load",
    "process",
    "to_json",
    "to_markdown",
    "to_text",
]


def __getattr__(name: str) -> _typing.Any:
    if name == "__version__":
        from .version import package_version

        return package_version()
    if name in _DEPRECATED:
        new, home = _DEPRECATED[name]
        _warnings.warn(f"newsdesk.{name} is deprecated; use newsdesk.{new}", DeprecationWarning, stacklevel=2)
        return getattr(_importlib.import_module(f".{home}", __name__), new)
    if name in _HOMES:
        value = getattr(_importlib.import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value  # looked up once
        return value
    raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
