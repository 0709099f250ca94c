"""Is this line part of the story, or page furniture? Rules shared by the HTML and text paths.

A line is judged by its vocabulary (short lines made of the words sites use for ads, newsletters,
consent banners, sharing, navigation and legal notices) and by its shape. Vocabulary rules only
fire on short lines, or on lines anchored at the start, so a story sentence that mentions
"cookies" or "newsletter" is never dropped for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD = re.compile(r"\w+", re.UNICODE)

# (reason, pattern). Patterns are matched against the whole line, lower-cased, trimmed.
_ANCHORED: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (
            "advertisement",
            r"^(\W*)(advertisements?|advertising|sponsored( content| links?)?|"
            r"ad(vertisement)? feature|paid (post|content)|promoted( content| stories)?)\W*$",
        ),
        ("advertisement", r"^(the )?(article|story|content|text) continues (after|below)\b.*"),
        ("advertisement", r"^(continue|keep) reading( the (main )?(story|article))?( below)?\W*$"),
        ("advertisement", r"^skip (this )?ad(vertisement)?\b.*"),
        (
            "related",
            r"^(read|read more|read also|also read|related|related (stories|articles|posts|"
            r"news|content|coverage|links|topics)|see also|more( stories| news| posts)?( from| on| about)?|"
            r"more \w+ (news|stories|posts|articles)|also on( \w+){1,3}|(recent|popular|similar|featured) "
            r"(posts?|stories|articles|entries)|"
            r"recommended( for you| stories)?|you may also like|you might also like|most (read|popular|"
            r"viewed|shared)|trending( now)?|featured( stories| articles)?|top stories|latest( news| "
            r"stories)?|editor'?s picks?|watch( now)?|listen|don'?t miss|what to read next|up next)"
            r"\s*[:|>»\-–—.…]*\s*$",
        ),
        (
            "related link",
            r"^(read|read more|also read|read also|related|see also|more|watch|"
            r"listen|recommended)\s*[:|>»–—]\s*\S.*",
        ),
        ("tags", r"^(tags?|topics?|keywords?|filed under|categories|category)\s*:\s*.*"),
        ("tags", r"^(tagged( as| with)?|posted in|filed (in|under))\b[^.!?]{0,100}$"),
        (
            "share prompt",
            r"^(share( this( article| story| page)?)?( on| via| with)?|tweet|"
            r"email( this( article| story)?)?|print( this( article| page)?)?|copy link|"
            r"comments?|\d+ comments?|leave a (comment|reply)|post a comment|add a comment|"
            r"facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|x|e-?mail|flipboard)"
            r"(\s*[|,/·•]\s*(facebook|twitter|whatsapp|linkedin|reddit|pinterest|telegram|x|e-?mail|"
            r"print|copy link|share|flipboard|messenger|sms))*\W*$",
        ),
        # a blog's greeting to first-time readers, injected above every post
        (
            "welcome prompt",
            r"^(welcome( back)? to [^.!?]{1,60}[.!]\s+)?(if you'?re new here|new here\?|first time here\?).*",
        ),
        ("copyright", r"^(©|\(c\)|copyright\b).*"),
        (
            "legal notice",
            r".*\b(all rights reserved|for (your )?personal,? non-?commercial use|"
            r"may not be (re)?published, broadcast)\b.*",
        ),
        (
            "navigation",
            r"^(home|menu|search|skip to (main )?content|back to top|next|previous|"
            r"prev|sign in|log ?in|log ?out|register|my account|close|open|toggle navigation|"
            r"subscribe|subscribe now|sign up|follow us|contact us|about us|site map|sitemap|"
            r"privacy( policy)?|terms( of (use|service))?|cookie (policy|settings)|"
            r"accessibility|help|faqs?|rss|newsletters?|podcasts?|video|videos|photos|"
            r"advertise( with us)?|careers|text only|print version|e-mail this article)\W*$",
        ),
        (
            "navigation",
            r"^(«\s*|‹\s*)?(previous|next|prev|older|newer)( post| article| story| page| entry)?"
            r"\s*[:»«›‹]\s*.{0,120}$",
        ),
        ("image credit", r"^(photo|image|picture|file photo|credit|photograph|video)\s*(:|by\b).{0,80}$"),
    )
)

# Vocabulary that marks a short line as furniture wherever it sits in the line.
_SHORT_VOCAB: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.IGNORECASE))
    for reason, pattern in (
        (
            "newsletter prompt",
            r"\b(subscribe( now| today| to our| for)?\b|subscription (could|has|was|is)\b|newsletters?|"
            r"sign(ing)? up|inbox|e-?mail address|unsubscribe|daily (digest|briefing)|opt[- ]out)\b",
        ),
        (
            "consent notice",
            r"\b((we|this (web)?site) uses? cookies|(use|accept|allow|enable|disable|manage) (all |of |our )?cookies|"
            r"cookies? (policy|settings|preferences|notice|consent)|consent|privacy (policy|notice|settings)|"
            r"terms of (use|service)|by continuing|personal data|gdpr)\b",
        ),
        (
            "account prompt",
            r"\b(log ?in|sign ?in|create (an )?account|register (now|for free)|"
            r"already (a subscriber|have an account)|forgot (your )?password)\b",
        ),
        (
            "share prompt",
            r"\b(share (this|on|via)|follow us (on)?|click here|tap here|"
            r"download (our|the) app|get the app|like us on)\b",
        ),
        (
            "error message",
            r"\b(please (try again|enable javascript|refresh)|javascript (is )?"
            r"(disabled|required)|(update|upgrade) your browser|your browser (is|does|doesn)|"
            r"something went wrong|an error (has )?occurred|"
            r"this is an information message)\b",
        ),
        (
            "comments",
            r"\b(comments? (are|is) (now )?(closed|moderated)|report abuse|"
            r"view (all )?comments|reply\b.*\bpermalink|"
            # the comment form's small print
            r"notify me (of|when)|required fields are marked|you can use these html tags|"
            r"save my name,? e-?mail|"
            r"your e-?mail( address)? (is never|will (not|never) be|won'?t be) (published|shared))\b",
        ),
    )
)

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


#: Longer lines are never furniture by their opening words: a credit or "Read more" merged into
#: a paragraph must not take the paragraph with it.
ANCHORED_LINE_WORDS = 40
# Furniture however long: legal notices and tag lists run on but are never story...
_ANY_LENGTH = frozenset({"legal notice", "tags", "welcome prompt"})
# ...though a tag list has no sentences: "Filed under: News The production of…" is a story line
# that the scraper merged with its label.
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]?\s+[A-Z]")


def _runs_on(reason: str, text: str) -> bool:
    """True when furniture of this kind may be longer than an anchored line."""
    if reason == "tags":
        return not _SENTENCE_BREAK.search(text)
    return reason in _ANY_LENGTH


#: Lines with at most this many words may be dropped for vocabulary anywhere in them.
SHORT_LINE_WORDS = 30
#: Longer lines than this need to address the reader too ("you", "our", "please") to be dropped:
#: furniture talks to the reader, a story sentence reports about third parties.
TERSE_LINE_WORDS = 8
_READER_ADDRESS = re.compile(r"\b(you|your|we|our|us|i|please|click|tap|here)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Verdict:
    boilerplate: bool
    reason: str = ""


def judge_line(line: str) -> Verdict:
    """Decide by vocabulary whether a line is boilerplate; ``reason`` names the kind."""
    text = line.strip()
    if not text:
        return Verdict(True, "empty")
    n_words = len(WORD.findall(text))
    for reason, pattern in _ANCHORED:
        if (n_words <= ANCHORED_LINE_WORDS or _runs_on(reason, text)) and pattern.match(text):
            return Verdict(True, reason)
    if n_words <= SHORT_LINE_WORDS and (n_words <= TERSE_LINE_WORDS or _READER_ADDRESS.search(text)):
        for reason, pattern in _SHORT_VOCAB:
            if pattern.search(text):
                return Verdict(True, reason)
    return Verdict(False)


# Ad tags carry long tracking URLs in their attributes; the bound keeps matching linear.
_TAG = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]{0,2000}>", re.IGNORECASE)
#: A line whose characters are this much inside tags is source code that leaked into the text...
MARKUP_SHARE = 0.3
#: ...unless this many words stand outside its tags: then it also carries text (a one-line page).
MARKUP_TEXT_WORDS = 30


def is_markup(line: str) -> bool:
    """Raw HTML in scraped text (a template or an ad the scraper printed as text).

    Only for scraped text: in a page, tags written as text are the author's (code samples).
    """
    if "<" not in line:
        return False
    pieces = _outside_comments(line)
    text = " ".join(pieces)
    tags = _TAG.findall(text)
    inside = len(line) - sum(map(len, pieces)) + sum(map(len, tags))
    if len(tags) + len(pieces) - 1 < 2 or inside < MARKUP_SHARE * len(line):
        return False
    return len(WORD.findall(_TAG.sub(" ", text))) < MARKUP_TEXT_WORDS


def _outside_comments(line: str) -> list[str]:
    """The pieces of ``line`` around its ``<!-- … -->`` comments (one more piece than comments).

    A scan with str.find rather than a lazy regex: "<!--" repeated without a close would make
    the regex rescan the rest of the line from every opening (quadratic on hostile input).
    """
    pieces: list[str] = []
    position = 0
    while (start := line.find("<!--", position)) >= 0 and (end := line.find("-->", start + 4)) >= 0:
        pieces.append(line[position:start])
        position = end + 3
    pieces.append(line[position:])
    return pieces


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(line: str) -> int:
    """Number of ``\\w+`` tokens, counting CJK characters as half a word each (no spaces there)."""
    cjk = len(_CJK.findall(line))
    if not cjk:
        return len(WORD.findall(line))
    return len(WORD.findall(_CJK.sub(" ", line))) + cjk // 2


def capitalised_share(line: str) -> float:
    """Share of tokens that start with a capital letter: high in menus, lists and headlines."""
    tokens = [t for t in WORD.findall(line) if t[0].isalpha()]
    return sum(t[0].isupper() for t in tokens) / len(tokens) if tokens else 0.0


_TERMINAL = re.compile(r"""[.!?…:;。！？]["'”’»)\]」』]*\s*$""")


def ends_like_sentence(line: str) -> bool:
    """True when the line ends with sentence punctuation (closing quotes allowed)."""
    return bool(_TERMINAL.search(line))
