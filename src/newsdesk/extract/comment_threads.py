"""Where the story ends: comment threads (openers, time-stamped comment headers) and post footers.

A thread or a footer ends the story only after a run of story text, so a "Comments" link in the
menus above a story cuts nothing."""

from __future__ import annotations

import bisect
import itertools
import re

from .boilerplate import Verdict
from .headline import HEADLINE_TO_STORY
from .line_measures import word_count

#: Words of story that must come before a comment opener for it to end the story.
COMMENTS_AFTER_WORDS = 60
#: This many comment headers (time stamps, reply links), each within so many lines of the one
#: before, open a thread.
COMMENT_HEADERS = 3
COMMENT_HEADER_GAP = 15
#: An opener followed by a thread of headers within so many lines starts the comments for sure.
OPENER_TO_HEADERS = 10

# Lines that open a comment thread: nothing after them is story.
_NUMBER_WORDS = r"(no|one|two|three|four|five|six|seven|eight|nine|ten)"
_COMMENT_OPENERS = re.compile(
    rf"^((\d+|{_NUMBER_WORDS})\s+)?(comments?|responses?|replies|reader comments|reactions|discussion|"
    r"join the (discussion|conversation)|leave a (comment|reply)|post a comment|add (a|your) comment|"
    r"\d+( \w+)? (thoughts?|comments?|responses?|replies) (on|to)\b.*|what do you think\??|"
    # in words only before a quoted title: "Two responses to the plan were filed" is a sentence
    rf"{_NUMBER_WORDS}( \w+)? (thoughts?|comments?|responses?|replies) (on|to)\s*[\"“‘'«].*|"
    r"(show|view|load|read) (all )?(\d+ )?comments)\s*(\(\d+\))?\W*$"
    r"|^comment\s*#?\d+\b.*|^posted by:?\s.{1,60}\b(at|on)\b.*\d.*$|^.{1,50}\ssays:\s*$",
    re.IGNORECASE,
)
# A post's footer, printed under it: its filing line, author box and navigation to other posts
# ("Next Post: <title>", "« Previous Post", "NEXT POST").
_POST_FOOTER = re.compile(
    r"^this (entry|post) was posted\b.*|^about the author\W*$"
    r"|^[«‹←]?\s*(previous|next|older|newer) (post|entry|article|story)(\s*([:»«›‹|\-–—]|$)|\s+(?-i:[A-Z0-9])).*",
    re.IGNORECASE,
)
# Anywhere in a short line: "{ 18 comments… read them below or add one }", "No comments yet".
_COMMENT_MENTION = re.compile(
    r"\b((\d+|no)\s+(comments?|responses?|replies|thoughts)\b|(leave|add|post|write) (a|your) (comment|reply)\b|"
    r"comments? (are )?(now )?closed\b|read them below)",
    re.IGNORECASE,
)


# A comment's header: its time stamp alone ("August 9th, 2012 at 2:07 pm", "Mike 07.16.12 at 22:07")
# or its reply link.
_COMMENT_HEADER = re.compile(
    r"^(\W*|.{0,60}\W)\d{1,2}:\d{2}\s*([ap]\.?m\b\.?|(gmt|utc|[a-z]{1,2}[sd]t)\b).{0,40}$"
    r"|^.{0,60}\b((19|20)\d\d|\d{1,2}[./-]\d{1,2}[./-]\d\d(\d\d)?)\b.{0,20}\b\d{1,2}:\d{2}\b.{0,30}$"
    r"|^(reply|login to reply|log in to reply|reply ↓)$",
    re.IGNORECASE,
)


def is_comment_header(line: str) -> bool:
    """True for a line that heads or closes one comment: a bare time stamp, or its reply link."""
    return word_count(line) <= 12 and bool(_COMMENT_HEADER.match(line.strip()))


_POST_META = re.compile(r"\b(posted|published|filed|written)\b", re.IGNORECASE)


def ends_story(line: str, reason: str) -> bool:
    """True for a line after which nothing is story: a comment thread's opener, or the post's
    footer (filing line, tag list, author box, links to the next post).

    ``reason`` is the line's furniture verdict ("" for none). A copyright line is not an end: wire
    copy carries its agency's notice in the middle of a page ("© 2012 The Associated Press").
    """
    return reason == "tags" or bool(_POST_FOOTER.match(line.strip())) or opens_comments(line)


def opens_comments(line: str) -> bool:
    """True for a line that starts a comment thread ("12 Comments", "Leave a Reply", "X says:")."""
    text = line.strip()
    if _COMMENT_OPENERS.match(text):
        return True
    # "Posted on 08-6-2012 with 1 Comment" heads a post: it counts the comments, it opens none
    return word_count(text) <= 12 and bool(_COMMENT_MENTION.search(text)) and not _POST_META.search(text)


def cut_comment_thread(
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
