"""Is this line part of the story, or page furniture? Rules shared by the HTML and text paths.

A line is judged by its vocabulary (short lines made of the words sites use for ads, newsletters,
consent banners, sharing, navigation and legal notices) and by its shape. Vocabulary rules only
fire on short lines, or on lines anchored at the start, so a story sentence that mentions
"cookies" or "newsletter" is never dropped for it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from .line_measures import WORD

# A caption or a notice is a line of a few hundred characters at most: the rules for them look no
# further (a pathological line of megabytes costs one bounded look, not a scan per rule).
_CAPTION = r"(?=.{0,600}$)"

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
            r"may not be (re)?published, broadcast|"
            # a comment section's house rules
            r"you are (fully |solely )?responsible for the content (that )?you post|"
            r"(our|the) (posting|commenting|community) (standards|rules|guidelines))\b.*",
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
        # a caption left in the body ends with its credit: "… at the harbour. Foto: dpa/Jan Ott",
        # "…, photo: city archive", "… the skier. © AFP / J. DOE", "… Bild via Flickr" (a title's
        # "Cover Photos: How to …" is no credit)
        (
            "image credit",
            _CAPTION + r"(.*[.,;|)–]\s+)?(©|(foto|fotos|bild|photo|photos|crédit|crédito|credito|credit|image|"
            r"imagem|imagen)\s*:)\s*[^!?:©]{1,60}$",
        ),
        ("image credit", _CAPTION + r".*\s©\s*[^!?:©]{1,60}$"),
        ("image credit", _CAPTION + r"(.*[.,;|(–]\s*)?(bild|foto|photo|image) via\b[^.!?:]{0,40}$"),
        # a stock picture only illustrates (an agency's news photo can be the story: a gallery)
        (
            "image credit",
            _CAPTION
            + r".*\([^()]{0,40}\b(istock(photo)?|shutterstock|unsplash|pixabay|adobe ?stock)\b[^()]{0,30}\)\W*$",
        ),
        ("licence notice", _CAPTION + r".*\b(cc[ -]by(-[a-z]{2})*([ -]\d\.\d)?|creative commons)\b.*"),
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
_READER_ADDRESS_EN = ("you", "your", "we", "our", "us", "i", "please", "click", "tap", "here")
#: Image credits and author-bio labels are short; a long line that opens with "Source:" is a story line.
_SHORT_START_WORDS = 12
_SHORT_START_KINDS = frozenset({"image credit", "author bio"})
# Characters around a whole-line phrase that do not change what the line is: "» Zurück", "Anzeige -".
_FRAME = " \t-–—|:•·»«›‹<>()[]*.!?,;/\\"


_SPACE_BEFORE_MARK = re.compile(r"\s+([:;!?»])")


def _bare(text: str) -> str:
    return " ".join(text.lower().split()).strip(_FRAME)


@dataclass(frozen=True, slots=True)
class _Furniture:
    """Furniture phrases of every language in ``furniture/*.json`` (format in its README)."""

    whole: dict[str, str]
    starts: dict[str, str]
    start_pattern: re.Pattern[str]
    contained: dict[str, str]
    contains_pattern: re.Pattern[str]
    contains_first_words: frozenset[str]  # a line without one of these holds no phrase: skip the regex
    reader_words: frozenset[str]
    reader_phrases: tuple[str, ...]  # of several words ("ce site"): looked for in the line
    reader_phrase_ends: frozenset[str]  # their last words: a line without one holds none of them


def _load_furniture() -> _Furniture:
    whole: dict[str, str] = {}
    starts: list[tuple[str, str]] = []
    contains: dict[str, list[str]] = {}
    reader = list(_READER_ADDRESS_EN)
    folder = resources.files(__package__).joinpath("furniture")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        data = json.loads(entry.read_text(encoding="utf-8"))
        reader.extend(word.lower() for word in data.pop("reader", []))
        for reason, lists in data.items():
            for phrase in lists.get("line", []):
                whole.setdefault(_bare(phrase), reason)
            starts.extend((" ".join(phrase.lower().split()), reason) for phrase in lists.get("start", []))
            contains.setdefault(reason, []).extend(lists.get("contains", []))
    # every language's and kind's phrases in one alternation (one search per line), longest first
    contained = {phrase.lower(): reason for reason, phrases in reversed(contains.items()) for phrase in phrases}
    contains_pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(p) for p in sorted(contained, key=len, reverse=True)) + r")(?!\w)"
    )
    # one alternation, longest first so "lesen sie auch:" wins over "lesen sie"; a phrase ending in
    # a letter must end a word there ("foto via" is not "foto viaduct")
    ordered = sorted({phrase for phrase, _ in starts}, key=len, reverse=True)
    start_pattern = re.compile(
        "(" + "|".join(re.escape(p) + (r"(?!\w)" if p[-1].isalnum() else "") for p in ordered) + ")"
    )
    return _Furniture(
        whole,
        {phrase: reason for phrase, reason in reversed(starts)},
        start_pattern,
        contained,
        contains_pattern,
        frozenset(WORD.findall(phrase)[0] for phrase in contained if WORD.findall(phrase)),
        frozenset(word for word in reader if " " not in word),
        tuple(f" {phrase} " for phrase in reader if " " in phrase),
        frozenset(phrase.split()[-1] for phrase in reader if " " in phrase),
    )


_FURNITURE = _load_furniture()


def _addresses_reader(text: str) -> bool:
    """True when the line talks to the reader ("you", "Sie", "vous", "this site"...).

    Set lookups per word: an alternation of every language's words was the costliest regex here.
    """
    words = WORD.findall(text.lower())
    if not _FURNITURE.reader_words.isdisjoint(words):
        return True
    if _FURNITURE.reader_phrase_ends.isdisjoint(words):
        return False
    padded = f" {' '.join(words)} "
    return any(phrase in padded for phrase in _FURNITURE.reader_phrases)


def _furniture_reason(text: str, n_words: int, talks: bool) -> str:
    """The kind of furniture a line is by the phrase lists, or ``""``."""
    # French sets a space before ":" and "?"; the phrase lists do not
    lowered = _SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.lower().split()))
    reason = _FURNITURE.whole.get(lowered.strip(_FRAME))
    if reason:
        return reason
    if match := _FURNITURE.start_pattern.match(lowered.lstrip("([")):  # "(Foto: …)" is a credit too
        kind = _FURNITURE.starts[match.group(1)]
        if n_words <= (_SHORT_START_WORDS if kind in _SHORT_START_KINDS else ANCHORED_LINE_WORDS):
            return kind
    if talks:
        words = WORD.findall(lowered)
        if not _FURNITURE.contains_first_words.isdisjoint(words) and (
            found := _FURNITURE.contains_pattern.search(lowered)
        ):
            return _FURNITURE.contained[found.group(1)]
    return ""


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
    # a short line that is terse or talks to the reader may be furniture by its vocabulary
    talks = n_words <= SHORT_LINE_WORDS and (n_words <= TERSE_LINE_WORDS or _addresses_reader(text))
    if talks:
        for reason, pattern in _SHORT_VOCAB:
            if pattern.search(text):
                return Verdict(True, reason)
    reason = _furniture_reason(text, n_words, talks)
    return Verdict(bool(reason), reason)


# "Jane Roe is a professor of law at …", "Max Muster ist Redakteur bei …": the note on the writer
# that pages set under the story. Only a name, a copula and a trade within a few words, on a
# short line; where it sits (the article's end) is for the caller to check.
_BIO = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.-]+\s){1,3}[A-ZÀ-Þ][\w'’.-]+,?\s(?:is|ist|est|es|é|è)\s(?:\S+\s){0,5}?"
    r"(?i:professor|professorin|editor|redakteur|redakteurin|writer|journalist|journalistin|journaliste|"
    r"periodista|jornalista|giornalista|columnist|kolumnist|kolumnistin|correspondent|korrespondent|"
    r"korrespondentin|reporter|reporterin|author|autor|autorin|auteur|autore|founder|gründer|gründerin|"
    r"fondateur|fondatrice|fundador|fundadora|fondatore|consultant|beraterin|berater|expert|expertin|"
    r"researcher|fellow|lecturer|doktorand|doktorandin|head|leiter|leiterin|chefredakteur|chefredakteurin|"
    r"contributor|blogger|bloggerin)\b"
)
#: A writer's note is a sentence or three, never a paragraph of the story.
BIO_MAX_WORDS = 60
# quoted or reported words make the line the story's, not a note on its writer
_QUOTED = re.compile(r"[\"“”„«»]|\b(said|says|sagte|sagt|a déclaré|dijo|disse|ha detto)\b")


def is_author_bio(text: str) -> bool:
    """True when a line reads as the note on the article's writer ("Jane Roe is a reporter at …")."""
    return len(WORD.findall(text)) <= BIO_MAX_WORDS and bool(_BIO.match(text)) and not _QUOTED.search(text)
