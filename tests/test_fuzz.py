"""Fuzz: mutated real pages and generated text through extraction with facts, ingest and the API.

A small sample of seeds runs here; ``benchmarks/hostile.py --inputs 10000`` runs many. Any
outcome but an Article or a clear newsdesk error is a failure, and so is a time over the limit.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.hostile_inputs import MUTATIONS, hostile_input

import newsdesk
from newsdesk import Settings, ingest
from newsdesk.store import Store
from newsdesk.web.app import create_app

LIMIT = 30.0  # the default document_timeout


@pytest.mark.parametrize("seed", range(0, 4000, 100))  # 40 seeds spread over the benchmark's range
def test_fuzz_a_mutated_page_gives_an_article_or_a_clear_error(seed: int) -> None:
    name, data = hostile_input(seed)
    started = time.perf_counter()
    try:
        article = newsdesk.extract(data, facts=True)
    except newsdesk.NewsdeskError:
        pass
    else:
        assert all(0 <= q.span.start <= q.span.end <= len(article.text) for q in article.quotes)
        assert all(0 <= f.span.start <= f.span.end <= len(article.text) for f in article.figures)
    assert time.perf_counter() - started < LIMIT * 1.1, name


def test_fuzz_every_mutation_is_in_the_sample() -> None:
    seen = {part for seed in range(0, 4000, 100) for part in hostile_input(seed)[0].split("+")}
    assert seen == {m.__name__ for m in MUTATIONS}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=0, max_size=3000) | st.text(min_size=0, max_size=3000).map(str.encode))
def test_fuzz_generated_bytes_give_an_article_or_a_clear_error(data: bytes) -> None:
    try:
        newsdesk.extract(data, facts=True)
    except newsdesk.NewsdeskError:
        pass


def test_fuzz_hostile_inputs_through_ingest_and_the_api(tmp_path: Path) -> None:
    for seed in range(7, 700, 70):
        _, data = hostile_input(seed)
        (tmp_path / f"input{seed}.html").write_bytes(data)
    with Store(tmp_path / "news.db") as store:
        report = ingest([str(tmp_path)], store, workers=1, settings=Settings())
        stored = [article_id for article_id, _ in store.select()]
    assert report.new + report.duplicates + len(report.failed) + sum(report.skipped.values()) == 10
    assert all("internal error" not in reason for _, reason in report.failed), report.failed

    async def visit() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(tmp_path / "news.db"))
        async with httpx.AsyncClient(transport=transport, base_url="http://newsdesk.test") as client:
            pages = [await client.get(f"/articles/{i}") for i in stored]
            return pages + [await client.get(f"/api/articles/{i}") for i in stored]

    import asyncio

    for response in asyncio.run(visit()):
        assert response.status_code == 200, response.url
