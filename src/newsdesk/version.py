"""newsdesk's version, read from the installed package's metadata (one source: pyproject.toml)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version() -> str:
    """The installed version of newsdesk, or ``0+unknown`` in a source tree never installed."""
    try:
        return version("newsdesk")
    except PackageNotFoundError:
        return "0+unknown"
