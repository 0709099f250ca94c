"""Settings as a table: name, default, help. Read once, from defaults, then ``NEWSDESK_*`` env."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings; build with ``Settings.load()`` once and pass down, never re-read."""

    max_document_bytes: int = _setting(20_000_000, "Larger inputs are refused with InputTooLarge.")
    document_timeout: float = _setting(
        30.0, "Seconds one document may take from bytes to Article (extraction and analysis) before DocumentTimeout."
    )
    fetch_timeout: float = _setting(20.0, "Seconds one fetch may take in all (redirects and body included).")
    fetch_max_bytes: int = _setting(20_000_000, "Largest response body a fetch reads.")
    allow_private_addresses: bool = _setting(False, "Let fetches reach private, loopback and link-local addresses.")
    user_agent: str = _setting("newsdesk/0.1", "HTTP User-Agent sent with fetches.")
    spacy_model: str = _setting("en_core_web_sm", "spaCy pipeline to load for the analysis stages.")
    max_article_chars: int = _setting(
        500_000, "Characters of article text kept; the rest is cut, and the cut recorded in removed (0: no cap)."
    )
    max_parsed_chars: int = _setting(
        200_000, "Characters of clean text the parser reads for entities and quotes (dates and figures cover all)."
    )

    @classmethod
    def load(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then ``NEWSDESK_<NAME>`` environment variables, then keyword overrides."""
        source: Mapping[str, str] = os.environ if env is None else env
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            raw = source.get(f"NEWSDESK_{setting.name.upper()}")
            if raw is not None:
                values[setting.name] = _coerce(raw, setting.default, setting.name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return dataclasses.replace(cls(), **values)


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


#: The settings table, derived from the dataclass so the two cannot disagree.
SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)
)


def _coerce(raw: str, default: Any, name: str) -> Any:
    if isinstance(default, bool):
        if raw.lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.lower() in {"0", "false", "no", "off"}:
            return False
        raise ValueError(f"setting {name}: expected true/false, got {raw!r}")
    try:
        return type(default)(raw)
    except ValueError as exc:
        raise ValueError(f"setting {name}: expected {type(default).__name__}, got {raw!r}") from exc
