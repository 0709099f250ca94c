"""Entities: people, organisations, places and groups, one canonical name per real entity.

spaCy's named entities give the mentions. Within one article, a shorter person name joins the
longer name it is part of ("Bukele" → "Nayib Bukele"); other mentions join on the same name.
Roles are the titles written next to a person: before the name ("US Secretary of State Marco
Rubio") or as an apposition ("Jorge Arriaza, the president of …"). A definite description
("the Salvadoran leader") joins the one person mentioned before it whose role shares its
nationality or place word; when several could, it joins none.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Article, Entity, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as Mention

LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "facility",
}
# Head nouns of descriptions that can stand for a person named earlier.
_PERSON_NOUNS = frozenset(
    "leader president premier minister chancellor prime secretary spokesman spokeswoman spokesperson "
    "governor senator official chief head king queen prince general commander mayor candidate "
    "nominee director ambassador envoy counterpart strongman judge".split()
)
_POSSESSIVE = re.compile(r"(?:['’]s?|\s+)$")


@dataclass
class _Cluster:
    name: str
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    words: frozenset[str] = frozenset()


def find_entities(doc: Doc) -> list[Entity]:
    """Entities of a parsed document (a spaCy Doc), mentions located by character offsets."""
    clusters: list[_Cluster] = []
    persons: list[_Cluster] = []
    by_key: dict[tuple[str, str], _Cluster] = {}
    role_spans: list[tuple[int, int]] = []
    # Persons first: their roles decide which other mentions are part of a title.
    ents = sorted((e for e in doc.ents if e.label_ in LABELS), key=lambda e: (e.label_ != "PERSON", e.start))
    # Longest person names first, so "Bukele" finds "Nayib Bukele" even when it comes first.
    full_names = sorted((e for e in ents if e.label_ == "PERSON"), key=lambda e: -len(e))
    for ent in full_names:
        name = _clean(ent.text)
        words = frozenset(name.lower().split())
        if not name or _person_for(words, persons, ent.start_char) is not None:
            continue
        cluster = _Cluster(name, "person", words=words)
        role = _role(ent)  # known before any shorter mention is weighed against it
        if role:
            cluster.roles.append(role[0])
        persons.append(cluster)
        clusters.append(cluster)
    for ent in ents:
        name = _clean(ent.text)
        if not name:
            continue
        label = LABELS[ent.label_]
        start = ent.start_char + ent.text.index(name.split()[0]) if name.split() else ent.start_char
        span = (start, start + len(name))
        if label == "person":
            target = _person_for(frozenset(name.lower().split()), persons, ent.start_char)
            if target is None:
                continue
            role = _role(ent)
            courtesy = role is not None and role[0].lower().rstrip(".") in _COURTESY_TITLES
            if role and not courtesy and target.roles and len(name.split()) < len(target.name.split()):
                if not any(_shares_word(role[0], known) for known in target.roles):
                    # "Vice President Biden" is not "Hunter Biden, his son": a title that clashes
                    target = _Cluster(name, "person", words=frozenset(name.lower().split()))
                    persons.append(target)
                    clusters.append(target)
            target.mentions.append(span)
            if role:
                role_text, role_start = role
                role_spans.append((role_start, role_start + len(role_text)))
                if role_text not in target.roles:
                    target.roles.append(role_text)
            continue
        if label == "organization" and len(ent) == 1 and any(s <= span[0] and span[1] <= e for s, e in role_spans):
            continue  # "State" in "Secretary of State"; "White House" in "White House spokeswoman" stays
        person = _person_for(frozenset(name.lower().split()), persons, ent.start_char)
        if person is not None and label != "place":
            person.mentions.append(span)  # "Trump" tagged ORG in "the Trump administration"
            continue
        key = (label, name.lower())
        if key not in by_key:
            by_key[key] = _Cluster(name, label)
            clusters.append(by_key[key])
        by_key[key].mentions.append(span)
    _add_descriptions(doc, persons)
    _merge_initials(clusters)
    _merge_surnames_by_majority(clusters, persons)
    _merge_misspelt_surnames(persons)
    text = doc.text  # once: Doc.text rebuilds the string from every token
    for cluster in clusters:
        if cluster.name.isupper() and len(cluster.name) > 4:
            # a dateline in capitals ("WASHINGTON"): name it as the running text writes it
            written = {text[s:e] for s, e in cluster.mentions} - {cluster.name}
            cluster.name = next(iter(sorted(written)), cluster.name)
    return [
        Entity(c.name, c.label, tuple(Span(s, e) for s, e in sorted(set(c.mentions))), tuple(c.roles))
        for c in clusters
        if c.mentions
    ]


#: Titles of courtesy say nothing of office: "Mr ElBaradei" is "Mohamed ElBaradei, the UN's watchdog".
_COURTESY_TITLES = frozenset("mr mrs ms miss mx dr sir dame lady lord madam".split())


def _shares_word(a: str, b: str) -> bool:
    """Whether two titles can be one person's: their head nouns agree ("President" and "the
    president"), not only some word ("the vice president's son" is no vice president)."""
    return _title_head(a) == _title_head(b)


def _title_head(title: str) -> str:
    """The noun a title is about: "US Secretary of State" → secretary, "the president's son" → son."""
    words = re.split(r"\s+of\s+", title.lower())[0].split()
    if any(w.endswith(("'s", "’s")) for w in words):
        words = words[max(i for i, w in enumerate(words) if w.endswith(("'s", "’s"))) + 1 :]
    return words[-1].strip(",.") if words else ""


def _merge_surnames_by_majority(clusters: list[_Cluster], persons: list[_Cluster]) -> None:
    """A place or organisation whose name is part of one person's name ("Landsea" tagged a place
    in a story about Chris Landsea) is that person when the person is named more often."""
    for cluster in clusters:
        if cluster.label == "person" or not cluster.mentions:
            continue
        words = frozenset(cluster.name.lower().split())
        owners = [p for p in persons if words < p.words]
        if len(owners) == 1 and len(owners[0].mentions) > len(cluster.mentions):
            owners[0].mentions += cluster.mentions
            cluster.mentions.clear()


#: A surname this long, one letter off the surname of the one person so named, is a misspelling.
MIN_MISSPELT_CHARS = 5


def _merge_misspelt_surnames(persons: list[_Cluster]) -> None:
    """ "McQaid" in a story about Pat McQuaid is him: one person has a surname one letter away."""
    for single in persons:
        if " " in single.name or len(single.name) < MIN_MISSPELT_CHARS or not single.mentions:
            continue
        owners = [
            p
            for p in persons
            if p is not single and " " in p.name and p.mentions and _one_letter_apart(single.name, p.name.split()[-1])
        ]
        if len(owners) == 1:
            owners[0].mentions += single.mentions
            single.mentions.clear()


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter added, dropped or changed (the first letter kept)."""
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _merge_initials(clusters: list[_Cluster]) -> None:
    """ "US" or "U.S." joins "United States", "EU" joins "European Union": same label, same article."""
    for short in list(clusters):
        letters = short.name.replace(".", "")
        if not (2 <= len(letters) <= 5 and letters.isupper() and letters.isalpha()) or short.label == "person":
            continue
        longer = [
            c
            for c in clusters
            if c is not short
            and c.label == short.label
            and len(c.name.split()) == len(letters)
            and "".join(w[0] for w in c.name.split()).upper() == letters
        ]
        if len(longer) == 1:
            longer[0].mentions += short.mentions
            short.mentions.clear()


def _clean(text: str) -> str:
    text = re.sub(r"^(?:the|The)\s+", "", text.strip())
    # a span glued across a comma, a score or a list ("Sedin, Naslund", "Canucks 3-2"): its first name only
    text = re.split(r",\s|\s\d+[-–]\d+\b|\s+and\s+(?=[A-Z])", text)[0]
    return _POSSESSIVE.sub("", text).strip(' ,.;:()"“”')


def _person_for(words: frozenset[str], persons: list[_Cluster], position: int) -> _Cluster | None:
    """The person whose full name holds all these words; the one mentioned last before wins."""
    candidates = [p for p in persons if words <= p.words]
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]

    def last_before(p: _Cluster) -> int:
        return max((s for s, _ in p.mentions if s <= position), default=-1)

    return max(candidates, key=lambda p: (last_before(p), len(p.mentions)))


def _role(ent: Mention) -> tuple[str, int] | None:
    """A title written right before the name, or an apposition after or around it."""
    doc = ent.doc
    i = ent.start
    while i > ent.sent.start:
        token = doc[i - 1]
        if token.ent_type_ == "PERSON" or token.is_punct or token.pos_ not in ("PROPN", "NOUN", "ADJ", "ADP"):
            break
        if token.pos_ == "ADP" and (token.lower_ != "of" or i == ent.start):
            break
        i -= 1
    while i < ent.start and doc[i].pos_ == "ADP":
        i += 1
    last = doc[ent.start - 1] if i < ent.start else None
    if last is not None and (last.pos_ in ("NOUN", "PROPN") or last.lower_ in _PERSON_NOUNS):
        if last.ent_type_ not in ("GPE", "NORP", "PERSON", "DATE"):
            return doc[i : ent.start].text, doc[i].idx
    root = ent.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
        left = min(t.i for t in head.subtree)
        role = doc[left : head.i + 1 + _right_of_head(head, ent)]
        return role.text.strip(" ,"), role.start_char
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.i > ent.end - 1:
            tokens = list(child.subtree)
            role = doc[tokens[0].i : tokens[-1].i + 1]
            return role.text.strip(" ,"), role.start_char
    return None


def _right_of_head(head: Token, ent: Mention) -> int:
    """How many tokens after the head noun belong to the role (its "of …" phrase), up to the name."""
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.i < ent.start:
            end = max(end, max(t.i for t in child.subtree) + 1)
    return min(end, ent.start) - head.i - 1


def _add_descriptions(doc: Doc, persons: list[_Cluster]) -> None:
    """Join "the Salvadoran leader" to the one earlier person whose role shares "Salvadoran"."""
    for chunk in doc.noun_chunks:
        if chunk[0].lower_ != "the" or chunk.root.lower_ not in _PERSON_NOUNS or len(chunk) < 3:
            continue
        if chunk.root.dep_ == "appos" or (
            chunk.start > 1 and doc[chunk.start - 1].text == "," and doc[chunk.start - 2].pos_ == "PROPN"
        ):
            continue  # "Assem Jihad, the Oil Ministry spokesman": it describes the name it stands beside
        modifiers = {t.lower_ for t in chunk[1:-1] if t.ent_type_ in ("NORP", "GPE") or t.pos_ == "PROPN"}
        if not modifiers:
            continue
        before = [
            p
            for p in persons
            if any(s < chunk.start_char for s, _ in p.mentions)
            and any(modifiers & set(r.lower().split()) for r in p.roles)
        ]
        if len(before) == 1:
            before[0].mentions.append((chunk.start_char, chunk.end_char))


class EntitiesStage:
    """People, organisations, places and groups, with canonical names and roles."""

    name = "entities"
    version = "3"
    requires = frozenset({"parsed"})
    assigns = frozenset({"entities"})

    def __call__(self, article: Article) -> Article:
        return dataclasses.replace(article, entities=tuple(find_entities(article.parsed)))
