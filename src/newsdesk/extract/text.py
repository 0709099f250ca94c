"""Scraped page text → article body, by line shape, position, repetition and vocabulary.

The story is the densest run of sentence-like lines. Each line gets a score: sentence lines
count for their words, short or unpunctuated lines (menus, headlines of other stories) count
against by their words, and lines whose vocabulary marks them as furniture count zero — they are
dropped wherever they sit but do not cut the story in two (ads and newsletter prompts are often
injected mid-story). The body is the maximum-sum run of lines (Kadane), as in Finn et al.'s
body-text extraction, then cleaned of furniture inside it. Metadata cues (headline, date line,
caption, tags, related links, copyright holder) are read from the lines around it.
"""

from __future__ import annotations

import re

from ..model import Image, Removed
from . import cues
from .boilerplate import Verdict, judge_line
from .comment_threads import cut_comment_thread
from .headline import find_title, headline_index, story_opening
from .line_measures import BULLET, MIN_SENTENCE_WORDS, capitalised_share, ends_like_sentence, normalise_line, word_count
from .markup_lines import is_markup
from .metadata_cues import collect_cue, collect_outside_cue, fill_from_body
from .result import Extraction

#: Lines of at most this many words without sentence punctuation may be sub-headings.
HEADING_MAX_WORDS = 12
#: A document of at most this many lines with no story run is a stub: keep its lines.
STUB_LINES = 10
#: Headline-like lines under a "Related stories" heading count this many times against the story.
LINK_LIST_PENALTY = 3.0
#: Longer lines that trail off ("…") are a writer's ellipsis, not a teaser cut short.
TEASER_MAX_WORDS = 30
#: The sentence right under the headline counts this many words more: the page says the story starts there.
HEADLINE_BONUS = 50.0


# Teasers for other stories end cut short or with a "more" link.
_TEASER_END = re.compile(r"(…|\.\.\.|\b(mehr|more|read more|weiter|suite|leer más|continue reading)\W{0,3})$", re.I)


def _line_score(line: str, words: int) -> float:
    if _TEASER_END.search(line) and words <= TEASER_MAX_WORDS:
        return -float(words + 2)
    if BULLET.match(line) and words >= 3:
        return 0.0  # list items: neutral, kept when the story surrounds them
    if words >= MIN_SENTENCE_WORDS and ends_like_sentence(line):
        return float(words)
    if words >= 25 and capitalised_share(line) < 0.5:
        return words * 0.5  # long but unpunctuated: probably story text cut by the scraper
    return -float(words + 2)


def extract_text(text: str) -> Extraction:
    """Find the article body and metadata cues in a page's visible text."""
    lines = _join_wrapped([ln.strip() for ln in text.splitlines() if ln.strip()])
    result = Extraction()
    if not lines:
        return result
    meta = result.metadata
    verdicts = [Verdict(True, "markup") if is_markup(ln) else judge_line(ln) for ln in lines]
    words = [word_count(ln) for ln in lines]
    keys = [normalise_line(ln) for ln in lines]
    title = find_title(lines, keys, verdicts, words)
    meta.title = title
    title_key = normalise_line(title) if title else None
    scores: list[float] = []
    in_link_list = False  # after a "Related stories" heading, until a real sentence
    for ln, verdict, n, key in zip(lines, verdicts, words, keys, strict=True):
        if verdict.boilerplate:
            scores.append(0.0)
            in_link_list = in_link_list or verdict.reason == "related"
        elif title_key and key == title_key:
            scores.append(0.0)
        else:
            score = _line_score(ln, n)
            if score > 0:
                in_link_list = False
            elif in_link_list:
                score *= LINK_LIST_PENALTY
            scores.append(score)
    headline = headline_index(lines[0], keys, verdicts, scores)
    opening = story_opening(scores, headline)
    cut_comment_thread(lines, scores, verdicts, opening)
    if opening is not None:
        scores[opening] += HEADLINE_BONUS  # a short post under its headline beats a long sidebar blurb
    start, end = _best_run(scores)
    if headline is not None and start < headline < end - 1:
        # the run reached over the headline into a sidebar above it: start at the story's first sentence
        start = opening if opening is not None else headline + 1
    # A list that the story's last sentence introduces ("…the changes include:") is the story's.
    if start < end < len(lines) and lines[end - 1].endswith(":"):
        while end < len(lines) and BULLET.match(lines[end]) and not verdicts[end].boilerplate:
            end += 1
    if start == end:  # no run of sentences at all (a stub page): keep whatever is not furniture
        start, end = 0, len(lines)

    body: list[tuple[str, str]] = []
    for index, line in enumerate(lines):
        inside = start <= index < end
        verdict = verdicts[index]
        reason = ""
        if verdict.boilerplate:
            reason = verdict.reason
            collect_cue(line, verdict.reason, meta)
        elif title_key and keys[index] == title_key:
            reason = "repeated headline"
        elif not inside:
            reason = "outside the story"
            collect_outside_cue(line, meta, before_story=index < start)
        elif not body and meta.image is None and (credit := cues.split_caption_credit(line)):
            # the run may open with a photo caption (a long line ending in a credit): metadata
            caption, credit_text = credit
            meta.image = Image(caption=caption, credit=credit_text)
            reason = "photo caption"
        if reason:
            result.removed.append(Removed(line, reason))
            continue
        kind = "paragraph"
        if BULLET.match(line):
            kind = "list_item"
        elif words[index] <= HEADING_MAX_WORDS and not ends_like_sentence(line):
            kind = "heading"
        body.append((kind, line))
    # Headings at the very end of the run belong to what follows, not to the story.
    # (found by index and cut once: popping to the front of a list is quadratic on a page of headings)
    cut = len(body)
    while cut and body[cut - 1][0] == "heading":
        cut -= 1
    trailing = body[cut:]
    del body[cut:]
    if not body and len(lines) <= STUB_LINES:
        # A stub document (a few short lines, nothing sentence-like): its lines are all there is.
        body = trailing or [("paragraph", line) for line, v in zip(lines, verdicts, strict=True) if not v.boilerplate]
        result.removed = [r for r in result.removed if r.text not in {text for _, text in body}]
    else:
        result.removed += [Removed(text, "trailing heading") for _, text in trailing]
    result.blocks = body
    fill_from_body(meta, [text for _, text in body])
    return result


_CONTINUES = re.compile(r"[,;\-–—(]$|\w$")
_STARTS_LOWER = re.compile(r"^[a-zà-ÿ(\"“‘']")


def _join_wrapped(lines: list[str]) -> list[str]:
    """Rejoin paragraphs that the scraper hard-wrapped: a line without sentence punctuation
    followed by one that starts in lower case is the same sentence going on."""
    # A paragraph is kept as its pieces and its word count: how it ends is how its last piece
    # ends, so each line is read once however long the paragraph grows (no quadratic rescans).
    paragraphs: list[list[str]] = []
    words = 0
    for line in lines:
        last = paragraphs[-1][-1] if paragraphs else ""
        if (
            last
            and _STARTS_LOWER.match(line)
            and _CONTINUES.search(last)
            and not ends_like_sentence(last)
            and words >= 8
        ):
            paragraphs[-1].append(line)
            words += word_count(line)
        else:
            paragraphs.append([line])
            words = word_count(line)
    return [" ".join(pieces) for pieces in paragraphs]


def _best_run(scores: list[float]) -> tuple[int, int]:
    """``[start, end)`` of the maximum-sum run of ``scores`` (Kadane); zero-score edges trimmed."""
    best, best_start, best_end = 0.0, 0, 0
    current, current_start = 0.0, 0
    for index, score in enumerate(scores):
        if current <= 0:
            current, current_start = 0.0, index
        current += score
        if current > best:
            best, best_start, best_end = current, current_start, index + 1
    return best_start, best_end
