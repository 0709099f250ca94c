"""Which block is the article: readability's, trafilatura's, or readability's with the lead it missed.

readability-lxml's block is right on most news pages and cheap, so it is the default. It is doubted
when it holds little of the page's prose (fewer words than half of what the page's paragraphs hold,
or under 50 words): then trafilatura's block is computed too and the page's evidence decides. The
evidence is how much sentence-like, link-poor prose each block has that the other lacks, their
sizes, their link shares, and how much of the page's prose readability covers; it is weighed by a
logistic model whose few weights ``block_choice.json`` holds (fitted by
``benchmarks/block_choice.py --fit``). When readability's block is kept, paragraphs trafilatura found
just above it (a lead or standfirst readability left out) are put back in front.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from lxml.html import HtmlElement

from .boilerplate import judge_line
from .html_blocks import Blocks
from .line_measures import WORD, ends_like_sentence, word_count

#: readability's block is doubted below this many words, or below this share of the page's prose.
DOUBT_WORDS = 50
DOUBT_SHARE = 0.5
#: A block of another candidate counts as present when this share of its word trigrams is there.
SAME_BLOCK = 0.7
#: Lead paragraphs taken from trafilatura need more words than a label or a date line.
LEAD_WORDS = 6
#: Prose: a block of this many words ending like a sentence (furniture is left out before), few links.
PROSE_WORDS = 10
PROSE_MAX_LINKS = 0.2
#: Below this many words readability found nothing, whatever the model says.
MIN_WORDS = 10


@dataclass
class Candidate:
    """One extractor's answer: its blocks, the share of its characters in links, and that share per
    block where the extractor says (by block text)."""

    name: str
    blocks: Blocks
    link_share: float = 0.0
    block_links: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Choice:
    blocks: Blocks
    name: str  # "readability", "readability+lead" or "trafilatura"
    doubted: bool
    probability: float | None = None  # the model's belief that trafilatura's block is better


def page_prose_words(tree: HtmlElement) -> int:
    """Words in the page's paragraphs: a cheap measure of how much prose the page has."""
    return sum(word_count(p.text_content()) for p in tree.iter("p"))


def doubtful(readability: Blocks, prose_words: int) -> bool:
    words = sum(word_count(text) for _, text in readability)
    return words < DOUBT_WORDS or words < DOUBT_SHARE * prose_words


def choose(readability: Candidate, trafilatura: Candidate, prose_words: int) -> Choice:
    """Pick between readability's block (with any lead it missed) and trafilatura's."""
    r_words = sum(word_count(t) for _, t in readability.blocks)
    t_words = sum(word_count(t) for _, t in trafilatura.blocks)
    if r_words < MIN_WORDS and t_words > r_words:
        return Choice(trafilatura.blocks, "trafilatura", True)  # readability found no text at all
    with_lead = _with_lead(readability.blocks, trafilatura.blocks)
    probability = trafilatura_probability(features(readability, with_lead, trafilatura, prose_words))
    if trafilatura.blocks and probability > _model()["threshold"]:
        return Choice(trafilatura.blocks, "trafilatura", True, probability)
    name = "readability+lead" if len(with_lead) > len(readability.blocks) else "readability"
    return Choice(with_lead, name, True, probability)


def trafilatura_probability(values: dict[str, float]) -> float:
    """The model's belief, from the evidence, that trafilatura's block is the better one."""
    model = _model()
    score = model["intercept"] + sum(w * values[name] for name, w in model["weights"].items())
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, score))))


def features(readability: Candidate, with_lead: Blocks, trafilatura: Candidate, prose_words: int) -> dict[str, float]:
    """The evidence the model weighs, by name (shared with the fitting script).

    Furniture lines are left out first: a candidate that is mostly furniture must not win by length.
    """
    r_blocks, t_blocks = _without_furniture(with_lead), _without_furniture(trafilatura.blocks)
    r_words = sum(word_count(t) for _, t in r_blocks)
    t_words = sum(word_count(t) for _, t in t_blocks)
    r_grams, t_grams = _grams_of(r_blocks), _grams_of(t_blocks)
    t_links = trafilatura.block_links
    r_only = [t for _, t in r_blocks if _share_in(t, t_grams) < SAME_BLOCK]
    t_only = [t for _, t in t_blocks if _share_in(t, r_grams) < SAME_BLOCK]
    r_prose = sum(word_count(t) for t in r_only if _is_prose(t))
    t_prose = sum(word_count(t) for t in t_only if _is_prose(t) and t_links.get(t, 0.0) <= PROSE_MAX_LINKS)
    r1, t1 = r_words + 1, t_words + 1
    return {
        "log_r_words": math.log(r1),
        "log_t_words": math.log(t1),
        "log_size_ratio": math.log(t1 / r1),
        "r_only_share": sum(word_count(t) for t in r_only) / r1,
        "t_only_share": sum(word_count(t) for t in t_only) / t1,
        "r_only_prose_share": r_prose / r1,
        "t_only_prose_share": t_prose / t1,
        "log_prose_ratio": math.log1p(t_prose) - math.log1p(r_prose),
        "r_link_share": readability.link_share,
        "t_link_share": trafilatura.link_share,
        "r_page_coverage": min(1.0, r_words / max(1, prose_words)),
    }


def _with_lead(readability: Blocks, trafilatura: Blocks) -> Blocks:
    """readability's blocks behind the paragraphs trafilatura found before their first common one."""
    r_grams = _grams_of(readability)
    lead: Blocks = []
    for kind, text in trafilatura:
        if _share_in(text, r_grams) >= SAME_BLOCK:
            return lead + readability if lead else readability
        if word_count(text) >= LEAD_WORDS and not judge_line(text).boilerplate:
            lead.append((kind, text))
    return readability  # nothing in common: a lead cannot be placed


def _without_furniture(blocks: Blocks) -> Blocks:
    return [(kind, text) for kind, text in blocks if not judge_line(text).boilerplate]


def _is_prose(text: str) -> bool:
    return word_count(text) >= PROSE_WORDS and ends_like_sentence(text)


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def _grams_of(blocks: Blocks) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for _, text in blocks:
        grams |= _trigrams(text)
    return grams


def _share_in(text: str, pool: set[tuple[str, ...]]) -> float:
    grams = _trigrams(text)
    return len(grams & pool) / len(grams) if grams else 1.0


@cache
def _model() -> dict:  # type: ignore[type-arg]
    text = resources.files(__package__).joinpath("block_choice.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]
