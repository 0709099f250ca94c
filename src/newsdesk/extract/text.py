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

import bisect
import itertools
import re
import unicodedata
from collections import Counter

from ..model import Image, RelatedLink, Removed
from . import cues
from .boilerplate import (
    Verdict,
    capitalised_share,
    ends_like_sentence,
    ends_story,
    is_comment_header,
    is_markup,
    judge_line,
    word_count,
)
from .result import Extraction, Metadata

#: Lines of at most this many words without sentence punctuation may be sub-headings.
HEADING_MAX_WORDS = 12
#: A sentence line with fewer words than this is too short to anchor the story on.
MIN_SENTENCE_WORDS = 7
#: A document of at most this many lines with no story run is a stub: keep its lines.
STUB_LINES = 10
#: Headline-like lines under a "Related stories" heading count this many times against the story.
LINK_LIST_PENALTY = 3.0
#: Longer lines that trail off ("…") are a writer's ellipsis, not a teaser cut short.
TEASER_MAX_WORDS = 30
#: Words of story that must come before a comment opener for it to end the story.
COMMENTS_AFTER_WORDS = 60
#: This many comment headers (time stamps, reply links), each within so many lines of the one
#: before, open a thread.
COMMENT_HEADERS = 3
COMMENT_HEADER_GAP = 15
#: An opener followed by a thread of headers within so many lines starts the comments for sure.
OPENER_TO_HEADERS = 10
#: The story's first sentence comes within so many lines under the headline (byline, date, share bar).
HEADLINE_TO_STORY = 6
#: The headline is printed within the page's first so many lines.
HEADLINE_SEARCH_LINES = 200
#: A part of the page title ("Headline | Site") needs at least this share of its words to be the headline.
HEADLINE_TITLE_SHARE = 0.2
#: The sentence right under the headline counts this many words more: the page says the story starts there.
HEADLINE_BONUS = 50.0


def normalise_line(line: str) -> str:
    """Case-, quote- and punctuation-folded words of a line, for comparing repeats."""
    folded = unicodedata.normalize("NFKC", line).casefold()
    folded = folded.translate(str.maketrans("‘’‚‛“”„‟", "''''\"\"\"\""))
    return " ".join(re.findall(r"\w+", folded))


# Teasers for other stories end cut short or with a "more" link.
_TEASER_END = re.compile(r"(…|\.\.\.|\b(mehr|more|read more|weiter|suite|leer más|continue reading)\W{0,3})$", re.I)
_BULLET = re.compile(r"^([-+•*–·▪►✓]|\d{1,2}[.)])\s+\S")


def _line_score(line: str, words: int) -> float:
    if _TEASER_END.search(line) and words <= TEASER_MAX_WORDS:
        return -float(words + 2)
    if _BULLET.match(line) and words >= 3:
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
    title = _find_title(lines, keys, verdicts, words)
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
    headline = _headline_index(lines[0], keys, verdicts, scores)
    opening = _story_opening(scores, headline)
    _cut_comment_thread(lines, scores, verdicts, opening)
    if opening is not None:
        scores[opening] += HEADLINE_BONUS  # a short post under its headline beats a long sidebar blurb
    start, end = _best_run(scores)
    if headline is not None and start < headline < end - 1:
        # the run reached over the headline into a sidebar above it: start at the story's first sentence
        start = opening if opening is not None else headline + 1
    # A list that the story's last sentence introduces ("…the changes include:") is the story's.
    if start < end < len(lines) and lines[end - 1].endswith(":"):
        while end < len(lines) and _BULLET.match(lines[end]) and not verdicts[end].boilerplate:
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
            _collect_outside_cue(line, meta, before_story=index < start)
        elif not body and meta.image is None and (credit := cues.split_caption_credit(line)):
            # the run may open with a photo caption (a long line ending in a credit): metadata
            caption, credit_text = credit
            meta.image = Image(caption=caption, credit=credit_text)
            reason = "photo caption"
        if reason:
            result.removed.append(Removed(line, reason))
            continue
        kind = "paragraph"
        if _BULLET.match(line):
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


def _cut_comment_thread(
    lines: list[str], scores: list[float], verdicts: list[Verdict], story_opening: int | None
) -> None:
    """Forbid the story from reaching into a comment thread (or the post's footer, see
    :func:`ends_story`) that opens after a run of story text.

    The run is the best one before the opener (Kadane), so sentence-like prompts scattered over
    the menus above a story do not add up to a story, and a "Comments" link there cuts nothing.
    A thread that is certain (time-stamped comment headers) cuts after the story's first sentence
    under the headline however short the story is: a photo post's caption, then its comments.
    """
    headers = [i for i, line in enumerate(lines) if is_comment_header(line)]
    opening = len(lines) if story_opening is None else story_opening
    # In the few lines over the story's first sentence (headline, byline, share bar), "12 Comments"
    # counts the comments below; it does not open them, unless time-stamped comments follow it.
    story_header = range(opening - HEADLINE_TO_STORY, opening) if story_opening is not None else range(0)
    best = current = 0.0
    for index, line in enumerate(lines):
        if _starts_headers(headers, index) or ends_story(line, verdicts[index].reason):
            certain = _certain_thread(headers, index)
            if (index not in story_header or certain) and (
                best >= COMMENTS_AFTER_WORDS or (index > opening and certain)
            ):
                for later in range(index, len(scores)):
                    scores[later] = min(scores[later], -1.0)
                scores[index] = -1e6
                return
        current = max(current, 0.0) + scores[index]
        best = max(best, current)


def _certain_thread(headers: list[int], index: int) -> bool:
    """True when the opener or header at ``index`` starts a thread of time-stamped comment headers."""
    return any(_starts_headers(headers, line) for line in range(index, index + OPENER_TO_HEADERS))


def _starts_headers(headers: list[int], index: int) -> bool:
    """True when ``index`` is the first of several comment headers close together (a thread)."""
    position = bisect.bisect_left(headers, index)
    if position >= len(headers) or headers[position] != index:
        return False
    following = headers[position : position + COMMENT_HEADERS]
    gaps = [later - earlier for earlier, later in itertools.pairwise(following)]
    return len(following) == COMMENT_HEADERS and max(gaps) <= COMMENT_HEADER_GAP


def _story_opening(scores: list[float], headline: int | None) -> int | None:
    """Index of the first sentence right under the headline, if the page shows its headline."""
    if headline is None:
        return None
    for index in range(headline + 1, min(headline + 1 + HEADLINE_TO_STORY, len(scores))):
        if scores[index] >= MIN_SENTENCE_WORDS:
            return index
    return None


def _headline_index(first_line: str, keys: list[str], verdicts: list[Verdict], scores: list[float]) -> int | None:
    """Where the page prints its headline, when its first line is the page title: the line that
    repeats that title, or its headline part ("Site: Headline", "Headline | Site").

    ``keys`` are the lines folded by :func:`normalise_line`, ``verdicts`` their furniture verdicts,
    ``scores`` their story scores.
    """
    titles = title_parts(first_line)
    min_words = HEADLINE_TITLE_SHARE * len(keys[0].split())
    first_seen: dict[str, int] = {}
    for index, key in enumerate(keys[1:HEADLINE_SEARCH_LINES], start=1):
        if (
            key in titles
            and key not in first_seen
            and len(key.split()) >= min_words
            and not verdicts[index].boilerplate
        ):
            first_seen[key] = index
    if not first_seen:
        return None
    # A part with a sentence under it wins over one without: "Section - Site" is printed in the
    # masthead, the headline over its story. Then the longest; of two as long, the later, since
    # the site's name is printed above the headline.
    return max(
        (_story_opening(scores, index) is not None, len(key.split()), index) for key, index in first_seen.items()
    )[2]


_TITLE_SEPARATOR = re.compile(r"\s+[|–—»>·•:~/-]+\s+|:\s+")


def title_parts(title: str) -> set[str]:
    """The page title and every run of its parts from either end, split at separators:
    "13 July: Viva Rosa Mystica! — Paulo Coelho's Blog" holds "13 July: Viva Rosa Mystica!"."""
    parts = _TITLE_SEPARATOR.split(title)
    runs = {normalise_line(title)}
    for cut in range(1, len(parts)):
        runs.add(normalise_line(" ".join(parts[:cut])))
        runs.add(normalise_line(" ".join(parts[cut:])))
    return runs - {""}


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


def _find_title(lines: list[str], keys: list[str], verdicts: list[Verdict], words: list[int]) -> str | None:
    """The headline: a short early line that the page repeats, else the first plausible line.

    ``keys``, ``verdicts`` and ``words`` are the lines' folded forms, furniture verdicts and word counts.
    """
    head = range(min(len(lines), 40))
    counts = Counter(keys[index] for index in head)
    for index in head:
        line = lines[index]
        # a headline rarely ends with a full stop; repeated sentences are story or furniture
        if (
            counts[keys[index]] >= 2
            and 3 <= words[index] <= 30
            and not line.endswith(".")
            and not verdicts[index].boilerplate
        ):
            return line
    for index in head[:5]:
        line = lines[index]
        if (
            3 <= words[index] <= 30
            and not verdicts[index].boilerplate
            and not ends_like_sentence(line)
            and not _BULLET.match(line)
        ):
            return line
    return None


def collect_cue(line: str, reason: str, meta: Metadata) -> None:
    """Keep what a dropped furniture line tells: tags, a related link, the copyright holder."""
    if reason == "tags":
        meta.tags = meta.tags or cues.parse_tags(line)
    elif reason == "related link":
        title = cues.parse_related(line)
        if title:
            meta.related.append(RelatedLink(title=title))
    elif reason in ("copyright", "legal notice") and not meta.publisher:
        meta.publisher = cues.parse_copyright_holder(line)


def _collect_outside_cue(line: str, meta: Metadata, before_story: bool) -> None:
    if not before_story:
        return
    if not meta.published and word_count(line) <= 12:
        meta.published = cues.parse_date(line)
    if not meta.authors:
        meta.authors = cues.parse_byline(line)
        meta.agency = meta.agency or cues.byline_agency(line)
    if meta.image is None and (credit := cues.split_caption_credit(line)):
        meta.image = Image(caption=credit[0], credit=credit[1])


def fill_from_body(meta: Metadata, paragraphs: list[str]) -> None:
    """Dateline and agency from the first paragraph; agency from the image credit."""
    if paragraphs and not meta.dateline:
        found = cues.parse_dateline(paragraphs[0])
        if found:
            meta.dateline, agency = found
            meta.agency = meta.agency or agency
    if not meta.agency and meta.image and meta.image.credit:
        meta.agency = cues.agency_from_name(meta.image.credit)
