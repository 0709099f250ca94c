"""Settings as a table: name, default, help. Read once, from defaults, then ``NEWSDESK_*`` env."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("max_document_bytes", 20_000_000, "Larger inputs are refused with InputTooLarge."),
    Setting("document_timeout", 30.0, "Seconds one document may take before DocumentTimeout."),
    Setting("fetch_timeout", 20.0, "Seconds to wait for a URL to answer."),
    Setting("fetch_max_bytes", 20_000_000, "Largest response body a fetch reads."),
    Setting("allow_private_addresses", False, "Let fetches reach private/loopback addresses."),
    Setting("user_agent", "newsdesk/0.1 (+https://github.com/newsdesk)", "HTTP User-Agent."),
    Setting("spacy_model", "en_core_web_sm", "spaCy pipeline to load for analysis stages."),
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Resolved settings; build with ``Settings.load()`` and pass down, never re-read."""

    max_document_bytes: int = 20_000_000
    document_timeout: float = 30.0
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 20_000_000
    allow_private_addresses: bool = False
    user_agent: str = "newsdesk/0.1 (+https://github.com/newsdesk)"
    spacy_model: str = "en_core_web_sm"

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
