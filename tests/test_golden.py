"""The sample article's facts against a golden file checked line by line by a person."""

from __future__ import annotations

import sys
from pathlib import Path

import newsdesk

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))
from facts_lines import facts_lines  # noqa: E402


def test_golden_sample_facts(sample_bytes: bytes) -> None:
    expected = (GOLDEN / "trump-hosts-bukele.facts.txt").read_text(encoding="utf-8").splitlines()
    found = facts_lines(newsdesk.extract(sample_bytes, facts=True))
    missing = [line for line in expected if line not in found]
    extra = [line for line in found if line not in expected]
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"
    assert found == expected  # and in the same order


def test_golden_every_fact_reproduces_its_text(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    spans = [(n.span, n.text) for n in article.figures] + [(d.span, d.text) for d in article.dates]
    spans += [(q.span, q.text) for q in article.quotes]
    assert all(span.of(article.text) == text for span, text in spans)
    assert newsdesk.Article.from_dict(article.to_dict()) == article
