"""Quotes: what was said, written or claimed, by whom, located by character offsets.

Read from the dependency parse, sentence by sentence:

- a cue verb ("said", "wrote", "contend", "hopes" …; lists learned from annotated news, see
  ``attribution_verbs``) with its content: the clausal complement ("said [that] X"), the clause
  it interrupts or follows ("X, he said, Y"), an object with its reason or description
  ("criticized Obama for …", "described it as …"), or the quotation right before or after it
  ("“X,” he said"; "He said: “X”");
- "according to SPEAKER", whose content is the rest of its clause;
- labelled paragraphs of transcripts and headlines ("PENCE: Well, …");
- quotations that run on after an attributed one, over sentences and paragraphs (a paragraph
  that opens a quotation without closing it continues in the next one): one quote, in fragments.

The speaker is the cue's subject (the passive agent, or the subject of the verb a participle
hangs on: "…, saying …"), resolved to the article's entity its head word names; a pronoun takes
the last person who was a subject before it, outside quotation marks.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, Entity, NoComment, Quote, Span
from .attribution_verbs import ADDRESSEE_OBJECT, CHARACTERISING, CUE_LEMMAS, CUE_WITH_OBJECT, QUOTED_ONLY
from .language import lemma
from .quotes_by_punctuation import find_quotes_by_punctuation
from .sentences import sentence_bounds
from .text_language import is_english

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Sentence

#: What an attribution rule finds: the content's pieces, the cue's tokens, the speaker's head word.
Attribution = tuple[list[tuple[int, int]], list["Token"], "Token | None"]


@dataclass(frozen=True, slots=True)
class CueVerbs:
    """The verbs that attribute: those whose clause is the content ("said that X") and those whose
    object is ("criticized X for Y"). A benchmark may pass other lists; the stage uses the defaults."""

    clause: frozenset[str] = CUE_LEMMAS
    with_object: frozenset[str] = CUE_WITH_OBJECT

    characterising: frozenset[str] = CHARACTERISING
    quoted_only: frozenset[str] = QUOTED_ONLY

    @property
    def all(self) -> frozenset[str]:
        return self.clause | self.with_object | self.characterising | self.quoted_only


_OPENING = "“«„"
_CLOSING = "”»"
# Quotation marks as regular expressions. Two apostrophes ('') stand for a straight double mark
# in some newsroom and archive text (older New York Times copy), like ``.
_MARK = r"(?:[\"“”«»„]|''|``)"
_OPEN = r"(?:[\"“«„]|''|``)"
_CLOSE = r"(?:[\"”»]|'')"
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_EDGE = " \t\n,;:—–-"


def quotation_regions(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every quotation, marks included; an unclosed paragraph runs on.

    A quotation left open at the end of a paragraph goes on when the next paragraph opens with a
    quotation mark (the newsroom convention), whether paragraphs end in a blank line or one break.
    """
    regions: list[tuple[int, int]] = []
    start: int | None = None
    reopening = -1  # where the mark that reopens a continued quotation stands
    for match in re.finditer(rf"{_MARK}|\n\s*", text):
        mark = match.group()
        if mark.strip() == "":
            # a paragraph break: a quotation left open continues only if the next paragraph reopens
            if start is not None:
                if re.match(_OPEN, text[match.end() : match.end() + 2]):
                    reopening = match.end()
                else:
                    regions.append((start, match.start()))
                    start = None
            continue
        if match.start() == reopening:
            continue  # the reopening mark of a continued paragraph
        if start is None:
            if mark in _CLOSING:
                continue  # a stray closing mark
            start = match.start()
        elif mark in _OPENING and text[start] in _OPENING and text[match.start() - 1] in "\n ":
            continue  # an opening mark inside an open quotation: a nested or continued one
        else:
            regions.append((start, match.end()))
            start = None
    if start is not None:
        regions.append((start, len(text)))
    return regions


class _Regions:
    """Quotation regions with fast "which region holds this offset" lookups."""

    def __init__(self, regions: Sequence[tuple[int, int]]) -> None:
        self.regions = list(regions)
        self.starts = [s for s, _ in self.regions]

    def at(self, position: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self.starts, position) - 1
        if i >= 0 and self.regions[i][0] <= position < self.regions[i][1]:
            return self.regions[i]
        return None

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Regions overlapping ``[start, end)``."""
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        if i < len(self.regions) and self.regions[i][1] <= start:
            i += 1
        out = []
        while i < len(self.regions) and self.regions[i][0] < end:
            out.append(self.regions[i])
            i += 1
        return out


def find_quotes(doc: Doc, entities: Sequence[Entity] = (), cues: CueVerbs = CueVerbs()) -> list[Quote]:
    """Quotes of a parsed document (a spaCy Doc), with speakers resolved to ``entities``."""
    text = doc.text
    regions = _Regions(quotation_regions(text))
    found: list[Attribution] = []
    all_cues = cues.all
    claimed: list[tuple[int, int]] = []
    for sent in doc.sents:
        for token in sent:
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                # inside a quotation the quoted speaker cites a source: the words stay theirs
                attribution = None if regions.at(token.idx) else _according_to(token, sent)
                if attribution:
                    found.append(attribution)
                continue
            if token.pos_ not in ("VERB", "AUX") or lemma(token) not in all_cues:
                continue
            if regions.at(token.idx):
                continue  # a verb inside a quotation belongs to the quoted words
            attribution = _cue_attribution(token, sent, regions, text, cues)
            if attribution:
                found.append(attribution)
    found += _labelled_paragraphs(doc, text)
    quotes: list[Quote] = []
    mentions = _person_mentions(doc, entities, regions)
    genders = _genders(text, mentions, regions)
    authors = _Authors(text, entities)
    previous: Quote | None = None
    for pieces, cue, speaker in sorted(found, key=lambda f: f[0][0][0]):
        pieces = _trim_pieces(text, pieces)
        if not pieces or any(_overlaps(p, c) for p in pieces for c in claimed):
            continue
        claimed.extend(pieces)
        speaker_span = _speaker_span(speaker) if speaker is not None else None
        # people the quote talks about do not say it
        others = [m for m in mentions if not any(a <= m[0] < b for a, b in pieces)]
        name = _resolve(speaker, speaker_span, others, entities, previous, genders, regions, authors)
        quote = _quote(text, pieces, cue, speaker_span, name)
        quotes.append(quote)
        previous = quote
    quotes = _named_by_the_next(_extend_quotations(text, regions, quotes, claimed), mentions)
    quotes += _carried_quotes(doc, regions, quotes, mentions)
    return sorted(quotes, key=lambda q: q.span.start)


def _named_by_the_next(quotes: list[Quote], mentions: list[tuple[int, int, str, bool]]) -> list[Quote]:
    """A description the story names in the next attribution: "Iraq's defense minister said …"
    then "“…,” the minister, Abdul-Qader al-Obeidi, was quoted as saying" — one minister, named
    once, when no other person is named between them."""
    out = list(quotes)
    for i, (quote, following) in enumerate(itertools.pairwise(quotes)):
        if quote.speaker_name or not quote.speaker_text or not following.speaker_name or not following.speaker_text:
            continue
        noun = quote.speaker_text.split()[-1].lower()
        if quote.speaker_text.split()[0].lower() in ("a", "an") or noun in _PERSON_PRONOUNS or not noun.isalpha():
            continue  # "a spokesman" is anyone; a pronoun is resolved elsewhere
        words = following.speaker_text.lower().replace(",", " ").split()
        named = following.speaker_name.lower().split()
        if noun not in words or (words.index(noun) + 1 < len(words) and words[words.index(noun) + 1] not in named):
            continue  # "the minister, Abdul-Qader al-Obeidi", not "campaign spokeswoman Michelle Yi"
        between = {m[2] for m in mentions if quote.span.end <= m[0] < following.span.start}
        if following.span.start - quote.span.end <= RUN_CHARS and between <= {following.speaker_name}:
            out[i] = dataclasses.replace(quote, speaker_name=following.speaker_name)
    return out


#: A quotation standing alone as a sentence, this near after its speaker's last quote, is theirs.
CARRY_CHARS = 1500
MIN_CARRIED_WORDS = 5


def _carried_quotes(
    doc: Doc, regions: _Regions, quotes: list[Quote], mentions: list[tuple[int, int, str, bool]]
) -> list[Quote]:
    """Whole-sentence quotations with no cue of their own, in a run of one named speaker's quotes
    ("Martin grew up a multi-sport athlete. “I played baseball and football through high school.”"):
    theirs, when no other person is named between their last quote, or naming sentence, and this one."""
    text = doc.text
    taken = [(q.span.start, q.span.end) for q in quotes]
    named = sorted((q.span.end, q.speaker_name) for q in quotes if q.speaker_name)
    carried = []
    for start, end in regions.regions:
        if any(_overlaps((start, end), t) for t in taken):
            continue
        inner = text[start:end].strip(' \n"“”«»„')
        if len(inner.split()) < MIN_CARRIED_WORDS or not re.search(r"[.!?]$", inner):
            continue
        before = text[max(0, start - 3) : start].strip()
        if before and before[-1] not in ".!?\n:":
            continue  # inside a sentence: a quoted phrase, not a statement of its own
        earlier = [(position, name) for position, name in named if start - CARRY_CHARS <= position <= start]
        sentence_start = sentence_bounds(text, max(0, start - 2))[0]
        introducer = _introduced_by_other(doc, sentence_start, start, mentions) if before.endswith(":") else None
        if introducer is not None:
            # "One survey respondent put it this way: “…”": theirs, whoever spoke before
            pieces = _trim_pieces(text, [(start, end)])
            if pieces:
                carried.append(_quote(text, pieces, [], _speaker_span(introducer), None))
            continue
        subjects = {m[2] for m in mentions if sentence_start <= m[0] < start and m[3]}
        attributed = [q for q in quotes if sentence_start <= q.span.end <= start]
        if attributed and not attributed[-1].speaker_name:
            continue  # the sentence before quotes someone we could not name: so is this one
        if len(subjects) == 1 and not attributed and (not earlier or earlier[-1][0] < sentence_start):
            position, name = sentence_start, next(iter(subjects))  # "Martin grew up …. “I played …”"
        elif earlier:
            position, name = earlier[-1]
        else:
            continue
        others = {m[2] for m in mentions if position <= m[0] < start} - {name}
        if others:
            continue
        pieces = _trim_pieces(text, [(start, end)])
        if not pieces:
            continue
        quote = _quote(text, pieces, [], None, name)
        carried.append(quote)
        named.append((quote.span.end, name))
        named.sort()
    return carried


def _introduced_by_other(doc: Doc, start: int, end: int, mentions: list[tuple[int, int, str, bool]]) -> Token | None:
    """The subject of the clause before a colon, when it is a noun that names no known person."""
    words = doc.char_span(start, end, alignment_mode="contract")
    for token in words or ():
        if token.dep_ in ("nsubj", "nsubjpass") and token.pos_ in ("NOUN", "PROPN"):
            if not any(m[0] <= token.idx < m[1] for m in mentions):
                return token
    return None


def _cue_attribution(verb: Token, sent: Sentence, regions: _Regions, text: str, cues: CueVerbs) -> Attribution | None:
    cue = lemma(verb)
    if _nothing_said(verb, cue, text):
        return None
    view = cue in cues.quoted_only and cue not in cues.clause
    clausal, with_object = cue in cues.clause or view, cue in cues.with_object or view
    speaker = _person_next_to_verb(_subject(verb), verb)
    adjacent = _adjacent_quotation(verb, speaker, regions, text)
    content: list[tuple[int, int]] = []
    # "told reporters", "informed them": the object is who was spoken to, not what was said
    object_deps = ("xcomp",) if cue in ADDRESSEE_OBJECT else ("xcomp", "dobj", "obj")
    for child in verb.children:
        if cue in _COMMITTING and child.dep_ == "advcl" and child.i > verb.i and _infinitive(child):
            content.append(_subtree_span(child))  # "vowed on Monday to “finish” the rebels": parsed as a clause
            continue
        if (child.dep_ in ("ccomp", "parataxis") and clausal) or (child.dep_ in object_deps and with_object):
            if child.dep_ == "parataxis" and child.i > verb.i and not regions.at(child.idx):
                continue
            piece = _subtree_span(child)
            if child.dep_ in ("dobj", "obj"):
                end = _object_complements(verb, child, piece[1])
                controls = any(c.dep_ == "xcomp" and c.i > child.i for c in verb.children)  # "ordered X to …"
                if end == piece[1] and not regions.within(*piece) and not _holds_clause(child) and not controls:
                    continue  # "revealed his disquiet", "posted a goal": a thing, not what was said
                piece = (piece[0], end)
            content.append(piece)
    characterised = _object_as(verb) if cue in cues.characterising or with_object else None
    if characterised and not content:
        content = [characterised]  # "described Clinton as a “disgrace”", "called it “a con”"
    if cue in cues.characterising and not (clausal or with_object) and not characterised and adjacent is None:
        return None  # "described the scene": nothing was said
    if not content and clausal and verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i != verb.i:
        # "X, he said" and "X, he said, Y": the cue hangs on the clause it reports
        head = verb.head
        if (head.i < verb.i or verb.dep_ == "parataxis") and _in_same_sentence(head, sent):
            own = _subtree_span(verb)
            start, end = _subtree_span(head)
            content = [p for p in ((start, own[0]), (own[1], end)) if p[1] > p[0]]
    if adjacent is not None and (not content or any(_overlaps(adjacent, c) for c in content)):
        first = min((start for start, _ in content), default=adjacent[0])
        lead = text[first : adjacent[0]] if first < adjacent[0] - 1 else ""
        # the cue itself in the lead ("which Bukele described as “…”") is not reported speech
        if not content or len(lead.split()) < 2 or first <= verb.idx < adjacent[0]:
            content = [adjacent]  # the quotation itself, whole, rather than the parser's clause
        # else reported words lead into the quotation: the clause is the content (a mixed quote)
    if not content:
        return None
    if speaker is not None and (regions.at(speaker.idx) is not None or not _is_source(speaker)):
        return None  # the "speaker" is a thing, the writer, or words inside a quotation
    if speaker is None and (adjacent is None or cue not in _PLAIN_SPEECH):
        return None  # no one who said it: "Posted 08/09/2012", "called “superbug”" (a scare quote)
    if view and not any(_own_words(text, region) for start, end in content for region in regions.within(start, end)):
        return None  # a belief or a wish, not something said: only quoted words make it one
    return content, [verb], speaker


#: Cues whose content is an infinitive, what the source committed to: "vowed to finish them".
_COMMITTING = frozenset({"vow", "pledge", "promise", "threaten", "swear"})


def _infinitive(verb: Token) -> bool:
    """ "to finish": a verb with its infinitive marker right before it (quotation marks aside)."""
    return any(c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i for c in verb.children)


#: Auxiliaries that put a cue in the future or in doubt.
_NOT_YET = frozenset({"may", "might", "will", "shall", "could", "should", "must", "'ll"})


def _nothing_said(verb: Token, cue: str, text: str) -> bool:
    """A cue under which nothing was said: negated ("did not say when"), declined ("declined to
    say"), or the reporter's request for comment ("asking the company for comment")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in _NOT_YET for c in verb.children):
        return True  # "he may announce relief measures", "the firm will continue": not said (yet)
    if verb.dep_ == "xcomp" and lemma(verb.head) in ("decline", "refuse"):
        return True
    return (
        cue == "ask"
        and re.match(r"[^.!?\n]{0,60}?\bfor\s+(?:a\s+)?comments?\b", text[verb.idx : verb.idx + 90]) is not None
    )


def _own_words(text: str, region: tuple[int, int]) -> bool:
    """Whether a quotation holds someone's words, not a name in quotation marks ("“Stilton”
    cheese", "24 “Chengguan” staff"): a word in lower case makes it words."""
    return any(word[0].islower() for word in re.findall(r"[^\W\d_][\w'’-]*", text[region[0] : region[1]]))


def _object_complements(verb: Token, obj: Token, end: int) -> int:
    """Where an object's content ends: "criticized Obama [for not acting]", "blasted X [as …]"."""
    for child in verb.rights:
        reason = child.dep_ == "prep" and child.lower_ in ("for", "as", "over", "of", "on")
        if child.i > obj.i and (reason or child.dep_ == "oprd"):
            end = max(end, _subtree_span(child)[1])
    return end


def _object_as(verb: Token) -> tuple[int, int] | None:
    """The object and what it is called: "described X as Y", "called X Y" (an object predicate)."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    predicate = [c for c in verb.children if c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as")]
    if not objects or not predicate or predicate[0].i < objects[0].i:
        return None
    start = _subtree_span(objects[0])[0]
    return start, _subtree_span(predicate[0])[1]


def _adjacent_quotation(verb: Token, speaker: Token | None, regions: _Regions, text: str) -> tuple[int, int] | None:
    """A quotation right before or after the attribution ("“X,” he said"; "He said: “X”")."""
    # ``text`` is passed in: ``Doc.text`` rebuilds the string from every token on each call
    start, end = verb.idx, verb.idx + len(verb)
    if speaker is not None:
        speaker_start, speaker_end = _speaker_span(speaker)
        if abs(speaker_start - start) < 80:
            start, end = min(start, speaker_start), max(end, speaker_end)
    before = regions.within(max(0, start - 3), start)
    if before and re.fullmatch(r"[ ,]*", text[before[-1][1] : start]):
        return before[-1]
    # "said: “…”", "said in a statement, “…”", "described it as “…”", "said “…”"
    match = re.match(
        rf"[^\"“”«»„\n.!?]{{0,50}}?[,:]\s*(?={_OPEN})|\s*(?:\w+\s+)?(?:as\s+)?(?={_OPEN})", text[end : end + 60]
    )
    if match:
        after = regions.at(end + match.end())
        if after is not None and after[0] == end + match.end():
            return after
    return None


_LABEL = re.compile(r"(?m)^[\"“]?((?:[A-Z][\w.'’-]*\s){0,3}[A-Z][\w.'’-]*):\s+(?=\S+\s+\S+\s+\S)")


#: Labels that pages put before links and notes, never a speaker's name.
_FURNITURE_LABELS = frozenset(
    "related update updated photo photos video watch read source sources note editor's note see also "
    "more tags share listen correction clarification disclaimer advertisement".split()
)


def _labelled_paragraphs(doc: Doc, text: str) -> list[Attribution]:
    """Transcripts and headlines: "PENCE: Well, look …", "Pence: Flowers won't be at debate".

    The label must label two paragraphs or more (a transcript), or be a name in capitals
    ("PENCE:"), so that "Update:" never speaks and a list of talks ("Jane Doe: How I …") is not
    a list of statements.
    """
    matches = list(_LABEL.finditer(text))
    repeated = {m.group(1) for m in matches if sum(n.group(1) == m.group(1) for n in matches) > 1}
    found: list[Attribution] = []
    for match in matches:
        label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        if label is None:
            continue
        shouted = match.group(1).isupper() and label[-1].ent_type_ in ("PERSON", "ORG", "NORP")
        if match.group(1) not in repeated and not shouted:
            continue
        if match.group(1).lower() in _FURNITURE_LABELS:
            continue  # "Related: …", "Update: …": the page's, not a speaker's
        end = text.find("\n", match.end())
        end = len(text) if end == -1 else end
        colon = doc.char_span(match.end(1), match.end(1) + 1, alignment_mode="expand")
        found.append(([(match.end(), end)], list(colon or ()), label.root))
    return found


def _holds_clause(token: Token) -> bool:
    """Whether a phrase carries a clause ("plans that could be used …", "plans to buy aircraft")."""
    return any(t.dep_ in ("relcl", "acl", "ccomp", "xcomp", "advcl") for t in token.subtree if t.i != token.i)


def _according_to(token: Token, sent: Sentence) -> Attribution | None:
    """ "…, according to the central bank": the speaker is the object of "to"."""
    to = token.doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"] or [c for c in token.children if c.dep_ == "pobj"]
    if not objects or not _is_source(objects[0]):
        return None  # "according to certain rules", "according to plan"
    speaker = objects[0]
    phrase = _subtree_span(token)
    start, end = sent.start_char, sent.end_char
    pieces = [p for p in ((start, phrase[0]), (phrase[1], end)) if p[1] > p[0]]
    return (pieces, [token, to], speaker) if pieces else None


#: Verbs that report speech itself: with a quotation beside them they need no subject ("…,” said.").
_PLAIN_SPEECH = frozenset({"say", "tell", "add", "write", "ask", "reply", "continue", "explain", "insist", "state"})

#: Nouns that name people or bodies who speak or publish, beyond the agent-noun endings below.
_SOURCE_NOUNS = frozenset(
    "official source police family people public staff crowd government ministry department agency "
    "company group office court council committee board team party campaign network union army military "
    "administration authority authorities commission bank firm organisation organization institute centre "
    "center university club league federation association community report study statement survey poll "
    "letter document filing memo website site paper newspaper magazine blog post tweet article book "
    "ruling complaint lawsuit indictment study analysis data spokesperson spokeswoman spokesman "
    "chief head coach captain mother father wife husband son daughter brother sister friend "
    "parent child children woman man men women victim police couple side camp judge jury mayor king queen "
    "pope prince princess bishop priest nurse aide envoy deputy diplomat candidate magistrate attorney mp "
    "premier general colonel witness neighbour colleague guide host star fan athlete rival ally boy girl "
    "kid teen youth adult guy insider expert chair ceo cfo boss leader doctor aide company analyst poll "
    "majority minority surrogate citizen host panel regulator lawmaker".split()
)
# Agent nouns: "writer", "director", "analyst", "politician", "resident", "applicant", "relative", "nominee".
_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|man|men|person|ant|ent|ive|ee|ar|ary|al|ic|ics)s?$")
_WRITER_VOICE = frozenset({"i", "we", "you", "me", "us"})
#: "Many said", "some argued", "others warned": people, counted.
_QUANTIFIERS = frozenset({"some", "many", "most", "each", "those", "others", "both", "few", "several", "all"})


def _is_source(speaker: Token) -> bool:
    """Whether a speaker's head word can name a source: a person, a body, a document, a pronoun.

    "The figures added", "a significant difference reported": a parse that took a thing for the
    speaker, and no attribution. "I" and "we" outside quotation marks are the writer's own voice.
    """
    if speaker.lower_ in _WRITER_VOICE:
        return False
    if speaker.ent_type_ in ("PERSON", "ORG", "NORP", "GPE", "FAC", "WORK_OF_ART", "PRODUCT"):
        return True
    if speaker.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL"):
        return False
    if speaker.lower_ in _QUANTIFIERS:
        # "most of the respondents" may speak; "most of the time" is no one
        whole = [o for p in speaker.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        whole = [o for o in whole if o.dep_ == "pobj"]
        return not whole or whole[0].pos_ == "PRON" or _is_source(whole[0])
    if speaker.pos_ == "PRON":
        if speaker.lower_ == "who" and speaker.sent.text.rstrip().endswith("?"):
            return False  # "Who would argue that …?": a question, nobody's words
        return speaker.lower_ in ("he", "she", "they", "it", "who", "someone", "anyone", "everyone")
    if speaker.pos_ == "PROPN" or (speaker.text[:1].isupper() and speaker.i > speaker.sent.start):
        return True  # a name, or a capitalised noun the tagger took for a common one ("Canucks")
    phrase = [t for t in speaker.subtree if t.i != speaker.i and t.dep_ in ("appos", "compound", "poss", "nmod")]
    if any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN" for t in phrase):
        return True  # "Canucks forward Taylor Pyatt", "the company's chief"
    word = speaker.lower_
    singular = lemma(speaker) if speaker.tag_ in ("NNS", "NNPS") else word  # "experts" → expert
    return word in _SOURCE_NOUNS or singular in _SOURCE_NOUNS or bool(_AGENT_NOUN.search(word))


def _subject(verb: Token) -> Token | None:
    """The subject of the verb, or of the verb it depends on ("…, saying"; "and added")."""
    seen = 0
    current = verb
    while seen < 4:
        agents = [c for c in current.children if c.dep_ == "agent"]
        for agent in agents:
            objects = [c for c in agent.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS and c.dep_ != "nsubjpass"]
        if subjects:
            # two subjects: the one right after an inverted verb ('"…," said Choi'), else the one
            # next to the verb before it ("The agency (IAEA) chief stressed")
            after = [c for c in subjects if c.i == current.i + 1 and c.pos_ in ("PROPN", "PRON", "NOUN")]
            before = [c for c in subjects if c.i < current.i]
            subject = after[0] if after and len(subjects) > 1 else before[-1] if before else subjects[0]
            if subject.lower_ in ("who", "that", "which") and current.dep_ == "relcl":
                return current.head
            return _name_after_titles(subject)
        quoted = current.head.head if current.dep_ == "pcomp" and current.head.lower_ == "as" else None
        if quoted is not None and quoted.lemma_ == "quote":  # "X was quoted as saying": X
            passive = [c for c in quoted.children if c.dep_ == "nsubjpass"]
            return passive[0] if passive else None
        if current.dep_ in ("conj", "advcl", "xcomp", "acl", "relcl") and current.head.i != current.i:
            if current.dep_ == "relcl" or current.dep_ == "acl":
                return current.head
            current = current.head
            seen += 1
            continue
        return None
    return None


def _name_after_titles(subject: Token) -> Token:
    """One person with two titles ("fact checker and staff writer David Emery"): the parse makes
    the name a second subject; a bare singular title (no determiner, not a name) joined to one
    person's name is that person. "Residents and Mayor Ann Lee", "the chief and Ann Lee": two."""
    conjuncts = [c for c in subject.children if c.dep_ == "conj"]
    if len(conjuncts) != 1 or subject.tag_ != "NN" or subject.ent_type_:
        return subject
    if any(c.dep_ in ("det", "poss", "nummod") for c in subject.children):
        return subject
    name = conjuncts[0]
    titled = any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in name.children)
    return name if name.ent_type_ == "PERSON" and titled else subject


def _person_next_to_verb(subject: Token | None, verb: Token) -> Token | None:
    """A person's name right before the verb, when the parse took a place or an organisation in
    front of it for the subject ("Pittsburgh running back Willie Parker calls them …")."""
    if subject is None or subject.ent_type_ not in ("GPE", "ORG", "NORP") or not subject.i < verb.i:
        return subject
    last = verb.i - 1
    if last > subject.i and verb.doc[last].ent_type_ == "PERSON" and verb.doc[last].ent_iob_ in ("B", "I"):
        between = verb.doc[subject.i + 1 : last]
        clause = any(t.is_punct or (t.pos_ == "VERB" and t.dep_ not in ("acl", "amod")) for t in between)
        if len(between) <= 6 and not clause:
            return verb.doc[last]
    return subject


_DESCRIBING = frozenset({"for", "in", "at", "from", "with"})
MAX_DESCRIPTION = 10  # tokens of a phrase that says who a speaker described by a noun is


def _speaker_span(head: Token) -> tuple[int, int]:
    """The speaker's name phrase: the head with its compounds, modifiers and possessives."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "det", "amod", "poss", "nmod", "nummod", "quantmod", "case", "predet"):
            left = min(left, min(t.i for t in child.subtree))
    right = head.i
    for child in head.rights:
        # "a spokesman for the minister", "officials in Johor", "companies trying to enter the market"
        described = (child.dep_ == "prep" and child.lower_ in _DESCRIBING) or child.dep_ == "acl"
        if described and (head.pos_ != "NOUN" or len(list(child.subtree)) > MAX_DESCRIPTION):
            continue
        if child.dep_ in ("compound", "flat", "case") or (child.dep_ == "prep" and child.lower_ == "of") or described:
            right = max(right, max(t.i for t in child.subtree))
    doc = head.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


def _subtree_span(token: Token) -> tuple[int, int]:
    tokens = list(token.subtree)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _in_same_sentence(token: Token, sent: Sentence) -> bool:
    return sent.start <= token.i < sent.end


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# The reporter's words that go on after what was said: "…, citing a new law", "…, adding that …".
_REPORTER_TAIL = re.compile(
    r",[\"”’]?\s+(?:citing|saying|adding|noting|arguing|calling|describing|referring|pointing|according)\b"
)  # also after a quotation that ends the reported words: 'moved along "quite remarkably," citing …'


def _trim_pieces(text: str, pieces: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(pieces):
        tail = _REPORTER_TAIL.search(text, start, end)
        if tail and not re.search(_MARK, text[tail.start() + 2 : end]):
            end = tail.start()
        content = text[start:end]
        if len(re.findall(_MARK, content)) % 2:
            # a quotation left open: take its closing mark and the punctuation before it
            closing = re.match(rf"[.,!?;:]*{_CLOSE}", text[end : end + 5])
            end += closing.end() if closing else 0
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if re.match(r"that\s", text[start : start + 5]):
            start += 5
        if end - start >= 3 and re.search(r"\w", text[start:end]):
            if out and not text[out[-1][1] : start].strip():
                out[-1] = (out[-1][0], end)  # pieces with only space between are one
            else:
                out.append((start, end))
    return out


def _person_mentions(doc: Doc, entities: Sequence[Entity], regions: _Regions) -> list[tuple[int, int, str, bool]]:
    """Person mentions outside quotations, in text order, and whether each is a subject."""
    mentions = []
    for entity in entities:
        if entity.label != "person":
            continue
        for m in entity.mentions:
            if regions.at(m.start) is not None:
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            is_subject = span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
            mentions.append((m.start, m.end, entity.name, is_subject))
    # a surname the recogniser missed ("Molik meets …" after "Alicia Molik") is that person too
    surnames: dict[str, set[str]] = {}
    for entity in entities:
        if entity.label == "person" and " " in entity.name:
            surnames.setdefault(entity.name.split()[-1], set()).add(entity.name)
    covered = sorted((m[0], m[1]) for m in mentions)
    starts = [c[0] for c in covered]
    text = doc.text  # once: Doc.text rebuilds the string from every token
    for token in doc:
        names = surnames.get(token.text)
        if token.pos_ != "PROPN" or not names or len(names) > 1 or regions.at(token.idx) is not None:
            continue
        i = bisect.bisect_right(starts, token.idx) - 1
        if i >= 0 and covered[i][0] <= token.idx < covered[i][1]:
            continue
        name = next(iter(names))
        start = token.idx
        if token.i > 0 and doc[token.i - 1].pos_ == "PROPN":
            start = token.idx + len(token) - len(name)
            if start < 0 or text[start : token.idx + len(token)] != name:
                continue  # "Bill Molik" is someone else; "Alicia Molik" written in full is her
        is_subject = token.dep_ in ("nsubj", "nsubjpass")
        mentions.append((start, token.idx + len(token), name, is_subject))
    return sorted(mentions)


#: Pronouns that can name a single person speaking, with the gender they agree with.
_PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_GENDERED = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.I)
_HONORIFIC = re.compile(r"\b(?:(mr|sir|lord)|(ms|mrs|miss|madam|dame|lady))\.?\s+$", re.I)
#: A name needs this share of its pronoun evidence for one gender to be taken as that gender.
GENDER_AGREEMENT = 0.8


def _genders(text: str, mentions: list[tuple[int, int, str, bool]], regions: _Regions) -> dict[str, str]:
    """The gender the story uses for each person: "Mr"/"Ms" before a mention, and the gendered
    pronouns (outside quotations) that follow a mention as subject before any other person is
    named. A name in another role is no evidence: in "X told Y that Z's plan failed. '…,' she
    said" the pronoun is X's, not Z's."""
    votes: dict[str, list[int]] = {}
    for index, (start, end, name, is_subject) in enumerate(mentions):
        tally = votes.setdefault(name, [0, 0])
        honorific = _HONORIFIC.search(text, max(0, start - 8), start)
        if honorific:
            tally[0 if honorific.group(1) else 1] += 3
        if not is_subject:
            continue
        stop = mentions[index + 1][0] if index + 1 < len(mentions) else min(len(text), end + 400)
        for pronoun in _GENDERED.finditer(text, end, min(stop, end + 400)):
            if regions.at(pronoun.start()) is None:
                tally[0 if pronoun.group(1) else 1] += 1
                break
    genders = {}
    for name, (male, female) in votes.items():
        if male + female and max(male, female) >= GENDER_AGREEMENT * (male + female):
            genders[name] = "m" if male > female else "f"
    return genders


def _resolve(
    head: Token | None,
    span: tuple[int, int] | None,
    mentions: list[tuple[int, int, str, bool]],
    entities: Sequence[Entity],
    previous: Quote | None,
    genders: dict[str, str],
    regions: _Regions,
    authors: _Authors,
) -> str | None:
    """The entity the speaker names, or the one person a pronoun can only refer to.

    The speaker's head word decides: "Trump officials" are not Trump. A pronoun is resolved only
    when one antecedent fits: the speaker of the attribution just before when no other person of
    the pronoun's gender was named since, else the single person of that gender (or of no known
    gender) named outside quotations in its sentence and the two before. Otherwise the words as
    written stand and the name stays empty: a wrong name is worse than none.
    """
    if head is None or span is None:
        return None
    for token in (head, *(c for c in head.children if c.dep_ == "appos")):
        for entity in entities:
            if any(m.start <= token.idx < m.end for m in entity.mentions):
                # "two Colorado Republicans" names a group, not who among them spoke
                return entity.name if entity.label != "group" else None
    if head.pos_ == "PROPN":
        # a surname the recogniser did not tag ("Smit said", "De Villiers acknowledged"): the one
        # person of the story with that surname
        owners = {e.name for e in entities if e.label == "person" and e.name.split()[-1] == head.text != e.name}
        if len(owners) == 1:
            return owners.pop()
    if head.lower_ == "it" and previous is not None and previous.speaker_name:
        return _same_organisation(previous, span, entities)
    gender = _PERSON_PRONOUNS.get(head.lower_)
    if gender is None:
        described = _described(head, span, entities, authors)
        if described is None and _is_title(head) and previous is not None and previous.speaker_name:
            return _run_of(previous, span, mentions)  # "X told …. The IAEA chief stressed …"
        return described

    def fits(name: str) -> bool:
        return genders.get(name, gender) == gender

    sentence = head.sent
    window = sentence.start
    for _ in range(2):  # the pronoun's sentence and the two before it
        window = head.doc[window - 1].sent.start if window > 0 else 0
    window_start = head.doc[window].idx
    named = {m[2] for m in mentions if window_start <= m[0] and m[1] <= span[0] and fits(m[2])}
    joined = _subject_of_joined_clause(head, mentions)
    if joined is not None:
        return joined if fits(joined) else None  # "X did not, but he wrote …": X
    if _unnamed_subjects(head, window, mentions, regions):
        return None  # someone the entity stage did not take for a person may be meant
    if previous is not None and previous.speaker_name and fits(previous.speaker_name):
        # people named inside the last quote are talked about; those named after it may speak
        since = {m[2] for m in mentions if previous.span.end <= m[0] and m[1] <= span[0] and fits(m[2])}
        if since <= {previous.speaker_name} and previous.span.end >= window_start:
            return previous.speaker_name  # a run of quotes by one speaker
    if len(named) == 1:
        return next(iter(named))
    # "When Huckabee became governor, he said …": the one person named before it in its sentence
    in_sentence = [m for m in mentions if sentence.start_char <= m[0] and m[1] <= span[0]]
    if len({m[2] for m in in_sentence}) == 1 and in_sentence[0][3] and fits(in_sentence[0][2]):
        return in_sentence[0][2]
    known = {name for name in named if name in genders}
    if len(known) == 1:
        return next(iter(known))  # the one person the story calls "he" (or "she")
    if named and not in_sentence:
        return _main_subject_before(head, mentions, fits)
    if not named:
        earlier = [m for m in mentions if m[1] <= span[0] and fits(m[2])]
        if previous is not None and previous.speaker_name and fits(previous.speaker_name):
            if not [m for m in earlier if m[0] >= previous.span.end and m[2] != previous.speaker_name]:
                return previous.speaker_name  # nobody named since the last speaker: a run of theirs
            return None
        subject = _main_subject_before(head, mentions, fits)
        if subject is not None:
            return subject  # "X, whose …, told Y\nthat …. '…,' she said": the main subject before
        # nobody named nearby: the last person named before, when the story uses this pronoun for them
        if earlier and genders.get(earlier[-1][2]) == gender:
            return earlier[-1][2]
    return None


#: Offices and titles a story uses for someone it has named: "the IAEA chief", "the Top Gear host".
_TITLE = re.compile(
    r"^(?:chief|head|host|manager|captain|minister|president|leader|director|chairman|chairwoman|chair|"
    r"executive|governor|secretary|ambassador|mayor|senator|premier|founder|ceo|commander|coach|boss)$"
)


#: How close after the last attribution a description may stand to be its speaker's.
RUN_CHARS = 600


def _is_title(head: Token) -> bool:
    """A definite description by office: "the new manager", "The IAEA chief" (not "a chief")."""
    return (
        head.pos_ == "NOUN"
        and bool(_TITLE.match(head.lower_))
        and head.doc[min(t.i for t in head.subtree)].lower_ in ("the", "this")
    )


def _run_of(previous: Quote, span: tuple[int, int], mentions: list[tuple[int, int, str, bool]]) -> str | None:
    """The last speaker, when the description follows their attribution closely and no other
    person was named since ("the Top Gear host" after Clarkson's words; titles vary too much to
    be matched against the roles the story gave)."""
    name = previous.speaker_name
    if previous.span.end < span[0] - RUN_CHARS:
        return None
    if any(m[2] != name for m in mentions if previous.span.end <= m[0] and m[1] <= span[0]):
        return None
    return name


def _subject_of_joined_clause(head: Token, mentions: list[tuple[int, int, str, bool]]) -> str | None:
    """The person named as subject of the clause a pronoun's clause is joined to ("Huckabee did
    not do so, but he wrote …"): joined clauses keep their subject. None when that subject is no
    one person named ("X and Y agreed, but he …")."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.dep_ != "conj" or verb.head.i == verb.i:
        return None
    subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or any(c.dep_ == "conj" for c in subjects[0].children):
        return None
    person = next((m for m in mentions if m[0] <= subjects[0].idx < m[1]), None)
    return person[2] if person is not None else None


def _same_organisation(previous: Quote, span: tuple[int, int], entities: Sequence[Entity]) -> str | None:
    """ "it" after an organisation's statement is that organisation, when no other organisation
    is named between ("The agency said …. But it admitted …")."""
    speaker = next((e for e in entities if e.name == previous.speaker_name), None)
    if speaker is None or speaker.label != "organization" or previous.span.start < span[0] - CARRY_CHARS:
        return None
    others = [
        e
        for e in entities
        if e.label == "organization"
        and e is not speaker
        and any(previous.span.start <= m.start < span[0] for m in e.mentions)
    ]
    return speaker.name if not others else None


def _main_subject_before(
    head: Token, mentions: list[tuple[int, int, str, bool]], fits: Callable[[str], bool]
) -> str | None:
    """The subject of the main verb of the nearest sentence before whose subject is someone, when
    the pronoun agrees with them ("X, whose daughter Y …, told Z that …. '…,' she said" is X's)."""
    doc = head.doc
    sentence = head.sent
    looked = 0
    while looked < 2:
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
        if len(sentence) <= 2:
            continue  # a scrap the parser cut off a line ("that"): not a sentence of its own
        looked += 1
        subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        if any(c.dep_ == "conj" for c in subject.children):
            return None  # "X and Y spoke to reporters": either may be meant
        person = next((m for m in mentions if m[0] <= subject.idx < m[1]), None)
        if person is not None:
            return person[2] if fits(person[2]) else None
        if subject.pos_ in ("PRON", "PROPN") or _is_person_noun(subject):
            return None  # someone else, or someone we cannot name, holds the stage
    return None


#: Singular nouns that name one person ("a witness", "the woman", "the officer").
_PERSON_NOUN = re.compile(
    r"^(?:witness|woman|man|girl|boy|mother|father|wife|husband|son|daughter|victim|suspect|officer|"
    r"spokesman|spokeswoman|spokesperson|judge|lawyer|attorney|doctor|nurse|teacher|student|resident|"
    r"neighbour|neighbor|friend|colleague|source|official|driver|owner|player|coach|worker|passenger|"
    r"candidate|defendant|plaintiff|prosecutor|survivor|relative|person|respondent|participant|member|"
    r"employee|analyst|expert|researcher|customer|patient|parent|fan|reporter|journalist)$"
)


def _is_person_noun(token: Token) -> bool:
    return bool(_PERSON_NOUN.match(token.lower_))


#: Documents that "say" things for their authors: "the report said" after "a report by X".
_DOCUMENTS = frozenset("report study survey analysis paper review audit poll assessment".split())
_BY_AUTHOR = re.compile(r"\b(?:" + "|".join(sorted(_DOCUMENTS)) + r")s?\b[^.!?\n]{0,60}?\bby\s+(?:the\s+)?$", re.I)
# "Mr Roe said in the report": the report is his
_IN_DOCUMENT = re.compile(
    r"\s+(?:said|says|wrote|writes|found|concluded|stated|noted)\s+in\s+(?:the|his|her|their|its|a|an)\s+"
    r"(?:\w+\s+)?(?:" + "|".join(sorted(_DOCUMENTS)) + r")\b",
    re.I,
)
# "by Stanford University's Center …", "by the Nurses' College president Jane Roe": someone else
_NAME_GOES_ON = re.compile(r"(?:['’]s?\s|\s+(?:of|on|for|and|&)\s|\s+[A-Z]|\s+[a-z]+\s+[A-Z])")


class _Authors:
    """Who the documents of a story are by ("a new report by the International Crisis Group",
    "Mr Roe said in the report"), found once per story on first use; a name that goes on past
    the entity ("by Stanford University's Center on …") names someone else."""

    def __init__(self, text: str, entities: Sequence[Entity]) -> None:
        self.text, self.entities = text, entities
        self.found: list[tuple[int, str]] | None = None

    def before(self, position: int) -> str | None:
        """The one author named before ``position``, if only one is."""
        if self.found is None:
            text = self.text
            self.found = sorted(
                (m.start, entity.name)
                for entity in self.entities
                if entity.label in ("organization", "person")
                for m in entity.mentions
                if (_BY_AUTHOR.search(text, max(0, m.start - 90), m.start) and not _NAME_GOES_ON.match(text, m.end))
                or _IN_DOCUMENT.match(text, m.end)
            )
        names = {name for start, name in self.found if start < position}
        return next(iter(names)) if len(names) == 1 else None


def _described(head: Token, span: tuple[int, int], entities: Sequence[Entity], authors: _Authors) -> str | None:
    """The one person named before whose title ends with the description's noun: "the Top Gear
    host" after "Top Gear host Jeremy Clarkson", "the new manager" after "manager Kevin Keegan";
    the author of the one document the story names by its author, for "the report"."""
    if head.pos_ == "NOUN" and any(t.dep_ == "poss" and t.ent_type_ in ("GPE", "ORG", "NORP") for t in head.lefts):
        return _one_with_role(head, span, entities)  # "Iraq's defense minister", "the club's chairman"
    if head.pos_ != "NOUN" or not any(t.lower_ in ("the", "this", "a", "an") for t in head.lefts):
        return None
    if head.lower_ in _DOCUMENTS:
        return authors.before(span[0])
    if not any(t.lower_ in ("the", "this") for t in head.lefts):
        return None
    return _one_with_role(head, span, entities)


def _one_with_role(head: Token, span: tuple[int, int], entities: Sequence[Entity]) -> str | None:
    """The one person named before whose title ends with the description's words: its noun alone
    ("the new manager"), or with the word before it when that names the office ("Iraq's defense
    minister" after "Defense Minister Abdul-Qader al-Obeidi"; "Prime Minister X" is another)."""
    words = [head.lower_]
    compounds = [t for t in head.lefts if t.dep_ == "compound"]
    if compounds:
        words.insert(0, compounds[-1].lower_)
    named = {
        e.name
        for e in entities
        if e.label == "person"
        and any(m.end <= span[0] for m in e.mentions)
        and any(role.lower().split()[-len(words) :] == words for role in e.roles)
    }
    return next(iter(named)) if len(named) == 1 else None


def _unnamed_subjects(head: Token, window: int, mentions: list[tuple[int, int, str, bool]], regions: _Regions) -> bool:
    """Whether a proper name that is no person entity is a subject between ``window`` and the
    pronoun ("Durant left the game …, he said": a name the recogniser missed is an antecedent too)."""
    starts = [m[0] for m in mentions]
    for token in head.doc[window : head.i]:
        if token.dep_ not in ("nsubj", "nsubjpass") or regions.at(token.idx):
            continue
        if token.pos_ == "NOUN" and token.tag_ == "NN" and _is_person_noun(token):
            if any(c.lower_ in ("no", "every", "any", "each") for c in token.children if c.dep_ == "det"):
                continue  # "no doctor has seen him": nobody the pronoun could mean
            following = token.i + 1 < len(token.doc) and _in_mention(token.doc[token.i + 1].idx, starts, mentions)
            if following or any(c.dep_ == "appos" and _in_mention(c.idx, starts, mentions) for c in token.children):
                continue  # "whose daughter Carol Sue Shields": a known person, already a candidate
            return True  # "a witness took the stand": someone else the pronoun may mean
        if token.pos_ != "PROPN":
            continue
        if token.ent_type_ and token.ent_type_ != "PERSON":
            continue  # a named thing ("the Gideons Bible"), not someone
        if _in_mention(token.idx, starts, mentions):
            continue  # a mention of a known person
        return True
    return False


def _in_mention(position: int, starts: list[int], mentions: list[tuple[int, int, str, bool]]) -> bool:
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and mentions[i][0] <= position < mentions[i][1]


def _quote(
    text: str, pieces: list[tuple[int, int]], cue: list[Token], speaker: tuple[int, int] | None, name: str | None
) -> Quote:
    start, end = pieces[0][0], pieces[-1][1]
    cue_span = (cue[0].idx, cue[-1].idx + len(cue[-1])) if cue else None
    return Quote(
        span=Span(start, end),
        text=text[start:end],
        kind=_kind(text, pieces),
        fragments=tuple(Span(s, e) for s, e in pieces) if len(pieces) > 1 else (),
        cue=Span(*cue_span) if cue_span else None,
        cue_text=text[cue_span[0] : cue_span[1]] if cue_span else None,
        speaker=Span(*speaker) if speaker else None,
        speaker_text=text[speaker[0] : speaker[1]] if speaker else None,
        speaker_name=name,
    )


def _kind(text: str, pieces: list[tuple[int, int]]) -> str:
    content = "".join(text[s:e] for s, e in pieces)
    marks = re.findall(_MARK, content)
    if not marks:
        return "indirect"
    stripped = [text[s:e].strip(" ,.;:!?") for s, e in pieces]
    if all(re.match(_OPEN, p) and re.search(rf"{_CLOSE}$", p) for p in stripped if p):
        return "direct"
    return "mixed"


def _extend_quotations(
    text: str, regions: _Regions, quotes: list[Quote], claimed: list[tuple[int, int]]
) -> list[Quote]:
    """A quotation that goes on after its attribution ("“A,” he said. “B.”") or into the next
    paragraph, with nothing else in between, is one quote in several fragments."""
    out: list[Quote] = []
    taken = list(claimed)
    for quote in sorted(quotes, key=lambda q: q.span.start):
        pieces = [(f.start, f.end) for f in quote.fragments] or [(quote.span.start, quote.span.end)]
        if quote.kind != "indirect" and regions.at(pieces[-1][0]) is not None:
            position = max(pieces[-1][1], quote.cue.end if quote.cue else 0, quote.speaker.end if quote.speaker else 0)
            while True:
                follower = _next_region(text, regions, position)
                if follower is None or any(_overlaps(follower, t) for t in taken):
                    break
                taken.append(follower)
                trimmed = _trim_pieces(text, [follower])
                pieces += trimmed
                position = follower[1]
        if len(pieces) > 1 and pieces != [(f.start, f.end) for f in quote.fragments]:
            quote = dataclasses.replace(
                quote,
                span=Span(pieces[0][0], pieces[-1][1]),
                text=text[pieces[0][0] : pieces[-1][1]],
                fragments=tuple(Span(s, e) for s, e in pieces),
                kind=_kind(text, pieces),
            )
        out.append(quote)
    return out


def _next_region(text: str, regions: _Regions, position: int) -> tuple[int, int] | None:
    """The quotation that starts the next sentence or paragraph after ``position``."""
    rest = text[position : position + 400]
    match = re.match(rf"[^\n.!?]{{0,120}}?[.!?,]?{_CLOSE}?\s*(?:\n\s*)?(?={_OPEN})", rest)
    if match is None or match.group().count("\n") > 2:
        return None
    region = regions.at(position + match.end())
    if region is None or region[0] != position + match.end():
        return None
    return region


class QuotesStage:
    """Direct, mixed and indirect quotes with their cue and speaker."""

    name = "quotes"
    version = "6"
    requires = frozenset({"parsed", "entities"})
    assigns = frozenset({"quotes", "no_comment"})

    def __call__(self, article: Article) -> Article:
        if not is_english(article.language):
            # no parse to walk: quotations and reported clauses beside a cue word of that language
            quotes = find_quotes_by_punctuation(article.text, article.language)
            return dataclasses.replace(article, quotes=tuple(quotes), no_comment=())
        doc = article.parsed
        return dataclasses.replace(
            article,
            quotes=tuple(find_quotes(doc, article.entities)),
            no_comment=tuple(find_no_comment(doc, article.entities)),
        )


_NO_COMMENT = re.compile(
    r"\b(?:(?:declined|refused|declines|refuses)\s+(?:to\s+)?comment"
    r"|did\s+not\s+(?:immediately\s+)?(?:respond|reply)\s+to\s+(?:a\s+|an\s+|several\s+|repeated\s+)?"
    r"(?:requests?|emails?|calls?|messages?)\s+(?:for|seeking)\s+comment"
    r"|could\s+not\s+(?:immediately\s+)?be\s+reached\s+for\s+comment)\b",
    re.I,
)


def find_no_comment(doc: Doc, entities: Sequence[Entity] = ()) -> list[NoComment]:
    """Sources that declined to comment, or could not be reached for comment, with who they are."""
    text = doc.text
    found = []
    for match in _NO_COMMENT.finditer(text):
        words = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        verbs = [t for t in words or () if t.pos_ == "VERB"] or [t for t in words or () if t.pos_ == "AUX"]
        speaker = _subject(verbs[0]) if verbs else None
        span = _speaker_span(speaker) if speaker is not None else None
        name = None
        if speaker is not None:
            name = next((e.name for e in entities if any(m.start <= speaker.idx < m.end for m in e.mentions)), None)
        found.append(
            NoComment(
                span=Span(match.start(), match.end()),
                text=match.group(),
                speaker=Span(*span) if span else None,
                speaker_text=text[span[0] : span[1]] if span else None,
                speaker_name=name,
            )
        )
    return found
