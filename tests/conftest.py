from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "newsdesk" / "samples" / "trump-hosts-bukele.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The shared evaluation data lives beside the checkout (../shared), in CI as on developer machines.
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()
