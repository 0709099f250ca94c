"""The public surface: exactly ``__all__``, and everything a user can set or run is documented."""

from __future__ import annotations

import subprocess
import sys
from types import ModuleType

import pytest
from tests.conftest import ROOT

import newsdesk
from newsdesk.cli import _parser
from newsdesk.settings import SETTINGS, Settings

README = (ROOT / "README.md").read_text()


def test_api_all_names_exist_and_nothing_public_is_missing() -> None:
    assert all(hasattr(newsdesk, name) for name in newsdesk.__all__)
    public = {n for n, v in vars(newsdesk).items() if not n.startswith("_") and not isinstance(v, ModuleType)}
    assert public <= set(newsdesk.__all__)


@pytest.mark.parametrize(
    "name", ["Store", "Entity", "Quote", "Figure", "ModelNotInstalled", "StoreError", "QueryTimeout", "ingest"]
)
def test_api_exports_what_notebook_users_need(name: str) -> None:
    assert name in newsdesk.__all__ and getattr(newsdesk, name) is not None


def test_api_functions_win_over_the_subpackages_of_the_same_name() -> None:
    import newsdesk.extract.html

    assert callable(newsdesk.extract) and callable(newsdesk.analyze) and callable(newsdesk.ingest)


def test_api_old_names_still_work_with_a_deprecation_warning() -> None:
    with pytest.warns(DeprecationWarning, match="Figure"):
        assert newsdesk.NumericFact is newsdesk.Figure


def test_api_serving_does_not_load_the_extraction_stack() -> None:
    code = (
        "import sys, newsdesk.web.app, newsdesk.store; "
        "print(sorted(m for m in ('readability', 'lxml', 'ftfy', 'spacy', 'trafilatura') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_api_every_setting_is_documented_in_the_readme(setting: object) -> None:
    assert f"`{setting.name}`" in README  # type: ignore[attr-defined]


def test_api_every_cli_command_is_documented_in_the_readme() -> None:
    commands = _parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"newsdesk {name}" in README


def test_api_settings_read_environment_and_refuse_bad_values() -> None:
    settings = Settings.load({"NEWSDESK_DOCUMENT_TIMEOUT": "5", "NEWSDESK_ALLOW_PRIVATE_ADDRESSES": "yes"})
    assert settings.document_timeout == 5.0 and settings.allow_private_addresses is True
    with pytest.raises(ValueError, match="max_document_bytes"):
        Settings.load({"NEWSDESK_MAX_DOCUMENT_BYTES": "lots"})
