"""The central types: RawDocument in, Article out, located by character offsets.

Dataclasses only; the sole logic here is conversion to and from plain dicts (the JSON schema).
Every tuple field holds immutable values so an Article can be shared between stages safely.
"""

from __future__ import annotations

import dataclasses
import types
import typing
import warnings
from dataclasses import dataclass, field
from typing import Any

#: Version of the Article JSON schema. Keys are only ever added within a major version.
SCHEMA_VERSION = "1.5"


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Article.text``."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The characters this span covers in ``text``."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Block:
    """One structural block of the clean text: a paragraph, heading, list item or quote."""

    kind: str  # "paragraph" | "heading" | "list_item" | "blockquote" | "preformatted"
    span: Span


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of the input that extraction dropped, and why."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class RelatedLink:
    """A link to another story ("READ: …", "Related: …"), with its title when given."""

    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Image:
    """The lead image with its caption and credit."""

    url: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in the text, resolved to the inclusive range ``[start, end]``.

    ``start``/``end`` are ISO dates (None when it could not be resolved); ``granularity`` is
    ``day``, ``week``, ``month``, ``year``, or ``event`` for a time given by an event ("shortly
    after the inauguration"), which is never resolved.
    """

    span: Span
    text: str
    start: str | None
    end: str | None
    granularity: str
    confidence: float | None = None  # how likely the expression and its resolved value are right, 0–1


#: The kinds a figure can be, and a quote.
FIGURE_KINDS = ("money", "percent", "percentage_points", "count", "quantity", "duration", "number")
QUOTE_KINDS = ("direct", "mixed", "indirect")


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure in the text: normalised value, kind, unit, and its context."""

    span: Span
    text: str
    value: float
    kind: str  # one of FIGURE_KINDS
    unit: str | None = None  # ISO currency code for money, "percent", or the unit as written
    qualifier: str | None = None  # "nearly", "more than", …
    measures: str | None = None  # what the figure is of: "family remittances"
    base: str | None = None  # for percentages: "the country's GDP"
    change: str | None = None  # the change verb when the figure is a change: "grew"
    time: TimeExpression | None = None  # the nearest date expression of the same sentence
    value_max: float | None = None  # the upper end of a range ("12–20 μm", "from 10% to 100%")
    sentence: Span | None = None  # the sentence the figure stands in, as the figures stage found it
    confidence: float | None = None  # how likely this is a figure a reader would cite, with its value, 0–1


#: The old name of ``Figure``; deprecated, removed in 2.0.
NumericFact = Figure


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity of the article, with every mention that refers to it.

    ``name`` is the canonical (longest) name; ``label`` is ``person``, ``organization``,
    ``place``, ``group`` (nationalities, religious and political groups) or ``facility``.
    ``roles`` are titles written next to a mention ("US Secretary of State").
    """

    name: str
    label: str
    mentions: tuple[Span, ...]
    roles: tuple[str, ...] = ()
    confidence: float | None = None  # how sure the merge of mentions and the label are, 0–1 (not measured)


@dataclass(frozen=True, slots=True)
class Quote:
    """Something attributed to a speaker: the content, the cue, and who.

    ``kind`` is ``direct`` (all in quotation marks), ``mixed`` (a quoted fragment inside
    reported speech) or ``indirect``. ``fragments`` are the content's pieces when an
    attribution interrupts it ("“A,” he said, “B.”"); ``span`` runs from the first to the last.
    ``speaker`` is the speaker as written ("he"); ``speaker_name`` is the article entity it
    refers to ("Marco Rubio"), when the text supports one.
    """

    span: Span
    text: str
    kind: str
    fragments: tuple[Span, ...] = ()
    cue: Span | None = None
    cue_text: str | None = None
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None
    confidence: float | None = None  # how likely the attribution and its speaker are right, 0–1


@dataclass(frozen=True, slots=True)
class NoComment:
    """A source that declined to comment ("The ministry declined to comment"): not a quote, since
    nothing was said, but worth knowing. ``span`` covers the words that say so."""

    span: Span
    text: str
    speaker: Span | None = None
    speaker_text: str | None = None
    speaker_name: str | None = None


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a document came from and how its bytes were read."""

    url: str | None = None
    path: str | None = None
    fetched_at: str | None = None  # ISO 8601; the fetch time, never the publication time
    content_type: str | None = None  # "html" | "text"
    encoding: str | None = None
    sha256: str | None = None
    source_id: str | None = None  # the id the input gave it (a JSON Lines record's "id")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes as they arrived, plus what we know about where they came from."""

    data: bytes
    url: str | None = None
    path: str | None = None
    http_charset: str | None = None  # charset from an HTTP Content-Type header, when known
    fetched_at: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A news article: clean text, metadata, and facts located by offsets into ``text``."""

    text: str = ""
    blocks: tuple[Block, ...] = ()
    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None  # ISO 8601, with a UTC offset only when the source gives one
    # the publication date as the input wrote it ("July 31, 2012"), when that was not ISO 8601
    published_as_written: str | None = None
    modified: str | None = None
    publisher: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    image: Image | None = None
    dateline: str | None = None
    agency: str | None = None
    related: tuple[RelatedLink, ...] = ()
    removed: tuple[Removed, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    figures: tuple[Figure, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    no_comment: tuple[NoComment, ...] = ()  # sources that declined to comment
    notes: tuple[str, ...] = ()  # what the analysis left out and why ("language pt: …")
    origin: Origin = field(default_factory=Origin)
    # The decoded input (HTML or scraped text). Needed by stages, never serialised.
    source: str = field(default="", repr=False, compare=False)
    # The linguistic parse of ``text`` (a spaCy Doc) shared by the analysis stages; never serialised.
    parsed: Any = field(default=None, repr=False, compare=False)

    @property
    def numbers(self) -> tuple[Figure, ...]:
        """Deprecated name of ``figures`` (removed in 2.0)."""
        warnings.warn("Article.numbers is deprecated; use Article.figures", DeprecationWarning, stacklevel=2)
        return self.figures

    def to_dict(self) -> dict[str, Any]:
        """The Article as plain JSON-ready data (schema ``SCHEMA_VERSION``).

        ``numbers`` repeats ``figures`` under its old key for readers of schema 1.2; it goes in 2.0.
        """
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        for f in dataclasses.fields(self):
            if f.name in _TRANSIENT:
                continue
            data[f.name] = _plain(getattr(self, f.name))
        data["numbers"] = data["figures"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from ``to_dict`` output; unknown keys are ignored at every level."""
        if not isinstance(data, dict):
            raise ValueError(f"an Article is a JSON object, not {type(data).__name__}")
        major = str(data.get("schema_version", SCHEMA_VERSION)).split(".")[0]
        if major != SCHEMA_VERSION.split(".")[0]:
            raise ValueError(f"unsupported Article schema version {data.get('schema_version')!r}")
        if "figures" not in data and "numbers" in data:  # schema 1.1 and 1.2
            data = {**data, "figures": data["numbers"]}
        return _build(cls, data)


#: Fields that live only while a pipeline runs.
_TRANSIENT = frozenset({"source", "parsed"})


def _build(cls: type[Any], data: Any) -> Any:
    """An instance of the dataclass ``cls`` from plain data, ignoring keys it does not know."""
    if not isinstance(data, dict):
        raise ValueError(f"{cls.__name__} is a JSON object, not {type(data).__name__}")
    hints = _field_types(cls)
    values = {name: _typed(hint, data[name]) for name, hint in hints.items() if name in data}
    try:
        return cls(**values)
    except TypeError as exc:  # a required key is missing
        raise ValueError(f"{cls.__name__}: {exc}") from exc


_FIELD_TYPES: dict[type, dict[str, Any]] = {}


def _field_types(cls: type[Any]) -> dict[str, Any]:
    """Each serialised field of a dataclass with its resolved type (computed once per class)."""
    if cls not in _FIELD_TYPES:
        hints = typing.get_type_hints(cls)
        _FIELD_TYPES[cls] = {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.name not in _TRANSIENT}
    return _FIELD_TYPES[cls]


def _typed(hint: Any, value: Any) -> Any:
    """``value`` (plain JSON data) as the type ``hint`` describes: dataclasses, tuples, optionals."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _typed(inner[0], value) if len(inner) == 1 else value
    if origin is tuple:
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"expected a list, got {type(value).__name__}")
        return tuple(_typed(typing.get_args(hint)[0], item) for item in value)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return _build(hint, value)
    return value


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value
