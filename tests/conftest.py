from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "src" / "newsdesk" / "samples" / "trump-hosts-bukele.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The shared evaluation data lives beside the checkout (../shared), in CI as on developer machines.
SHARED = ROOT.parent / "shared"


def news_page(i: int) -> str:
    """A distinct copy of the fixture news page: its own headline, address and a sentence of its own."""
    return (
        (FIXTURES / "news-page.html")
        .read_text()
        .replace("Port strike ends", f"Port strike {i} ends")
        .replace("port-strike-ends", f"strike-{i}")
        .replace("Shipping companies said", f"In harbour number {i}, shipping companies said")
    )


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()
