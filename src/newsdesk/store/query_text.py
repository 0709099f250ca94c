"""What people type into a search box, as an FTS5 query that is never malformed.

The plain mode (the default everywhere) reads ``"quoted phrases"``, ``OR`` and ``NOT`` written in
capitals and a ``*`` at the end of a word; everything else is words, all of which must match.
A word is matched as the index splits it ("anti-migrant" is the phrase *anti migrant*,
"Bukele's" is *bukele*, "$6" is *6*) and in its other number ("remittance" finds "remittances"
and the other way round); a word with ``*`` is a prefix. The advanced mode hands FTS5 syntax
through unchanged (``AND``, ``NEAR``, columns, parentheses); a query it cannot read is a
StoreError in our words. Both modes take at most ``MAX_QUERY_CHARS`` characters and
``MAX_QUERY_TERMS`` words as typed.
"""

from __future__ import annotations

import re

from ..errors import StoreError

#: The longest search or filter text taken, and the most words in it: SQLite's full-text and
#: LIKE matching run in C between the checks of the time limit, so only a bounded query is
#: stopped in time (a 28 KB query of 1,000 terms ran 41 s past a 1 s limit).
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32


def bounded(text: str | None, what: str = "search query") -> str | None:
    """``text`` unchanged, or StoreError (a 400 in the API) when it is over the caps."""
    if text is None:
        return None
    if len(text) > MAX_QUERY_CHARS:
        raise StoreError(f"the {what} is {len(text):,} characters long; at most {MAX_QUERY_CHARS} are taken")
    terms = len(re.findall(r"\w+", text))
    if terms > MAX_QUERY_TERMS:
        raise StoreError(f"the {what} has {terms} words; at most {MAX_QUERY_TERMS} are taken")
    return text


#: The caps on an FTS5 query itself. A plain search of at most ``MAX_QUERY_TERMS`` words becomes
#: up to three terms a word ("tax" OR "taxes"), each quoted: the same work, longer to write.
MAX_FTS_CHARS, MAX_FTS_TERMS = 6 * MAX_QUERY_CHARS, 3 * MAX_QUERY_TERMS
# a quoted phrase, or a bare word that is no operator, is one term
_FTS_TERM = re.compile(r'"[^"]*"|\b(?!(?:AND|OR|NOT|NEAR)\b)\w+')


def bounded_fts(query: str | None) -> str | None:
    """An FTS5 query unchanged, or StoreError when it is over the caps."""
    if query is None:
        return None
    if len(query) > MAX_FTS_CHARS:
        raise StoreError(f"the search query is {len(query):,} characters long; at most {MAX_FTS_CHARS} are taken")
    terms = len(_FTS_TERM.findall(query))
    if terms > MAX_FTS_TERMS:
        raise StoreError(f"the search query has {terms} terms; at most {MAX_FTS_TERMS} are taken")
    return query


MODES = ("plain", "fts")
SEARCH_HELP = (
    'words (all must match, in either number: "remittance" finds "remittances"), "quoted phrases", '
    "OR and NOT in capitals, a * at the end of a word for its prefix"
)
#: A query with nothing to search for (only punctuation): a token no text has, so the search is
#: valid and finds nothing, where an empty query would list every article.
NOTHING = '"0fnothing"'
_OPERATORS = frozenset({"OR", "NOT", "AND"})
# a quoted phrase (also one left open at the end), or a run of anything but white space
_PIECES = re.compile(r'"([^"]*)"?|(\S+)')
# what the index's tokenizer (unicode61) keeps as words: letters and digits of any script
_WORDS = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['’]s$", re.I)


def fts_query(text: str | None, mode: str = "plain") -> str | None:
    """The FTS5 query for ``text`` in ``mode`` ("plain" or "fts"); None for no text at all."""
    if text is None or not text.strip():
        return None
    bounded(text)  # the caps are on what was typed, whatever it becomes
    if mode not in MODES:
        raise ValueError(f"unknown search mode {mode!r}: plain or fts")
    return text if mode == "fts" else plain_query(text)


def plain_query(text: str) -> str:
    """``text`` read in the plain mode, as an FTS5 query (``NOTHING`` when it has no words)."""
    parts: list[str] = []  # terms, and operators between them
    for match in _PIECES.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if word in _OPERATORS:
            if parts and parts[-1] not in _OPERATORS:
                parts.append(word)
            continue
        term = _phrase(phrase) if phrase is not None else _word(word)
        if term:
            if parts and parts[-1] not in _OPERATORS:
                parts.append("AND")  # FTS5 reads no implicit AND before a parenthesis
            parts.append(term)
    while parts and parts[-1] in _OPERATORS:  # "tariffs OR" ends with nothing to join
        parts.pop()
    return " ".join(parts) or NOTHING


def _phrase(text: str) -> str | None:
    words = _WORDS.findall(text)
    return _quoted(words) if words else None


def _word(text: str) -> str | None:
    prefix = text.endswith("*")
    text = _POSSESSIVE.sub("", text.rstrip("*"))
    words = _WORDS.findall(text)
    if not words:
        return None
    if prefix:
        return f"{_quoted(words)}*"
    if len(words) > 1 or not words[0].isalpha():
        return _quoted(words)  # "covid-19", "U.S.", "6": as written
    return _any_number(words[0].lower())


def _any_number(word: str) -> str:
    """The word in its singular and its plural, exactly: ("remittance" OR "remittances"). A prefix
    would find more than the other number ("trump*" finds "trumpet")."""
    if len(word) <= 2:  # "a", "us", "eu": as written
        return _quoted([word])
    singular = _singular(word)
    forms = {word, singular}
    if word not in _NOT_PLURAL:
        forms.add(_plural(singular))
    ordered = sorted(forms, key=len)
    return _quoted([ordered[0]]) if len(ordered) == 1 else "(" + " OR ".join(_quoted([f]) for f in ordered) + ")"


#: Words ending in -s that are no plural: their "singular" would find unrelated words.
_NOT_PLURAL = frozenset(
    "news this thus plus always perhaps whereas besides towards afterwards sometimes series species means "
    "headquarters politics economics physics mathematics athletics lens canvas atlas".split()
)


def like_stems(text: str) -> list[str]:
    """The words of ``text`` as substrings that match their singular and plural alike, for SQL
    LIKE: "fees" → "fee", "remittances" → "remittance", "countries" → "countr"."""
    stems = []
    for word in text.lower().split():
        word = word.strip(".,;:!?\"'()[]")
        stem = _singular(word)
        if stem.endswith("y") and len(stem) > 3:  # "country" and "countries" share "countr"
            stem = stem[:-1]
        if stem:
            stems.append(stem)
    return stems


def _singular(word: str) -> str:
    if len(word) <= 3 or word in _NOT_PLURAL:  # "gas", "bus", "news": no plural to undo
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def _quoted(words: list[str]) -> str:
    return '"' + " ".join(words) + '"'  # the words hold no quote: _WORDS keeps letters and digits only


def explain_fts_error(query: str) -> str:
    """Why FTS5 could not read an advanced query, in words a user can act on."""
    if query.count('"') % 2:
        why = 'a quote (") is not closed'
    elif query.count("(") != query.count(")"):
        why = "the parentheses do not pair up"
    elif re.search(r"(^|\s)(AND|OR|NOT)(\s*$|\s+(AND|OR|NOT)\b)|^\s*(AND|OR|NOT)\b", query):
        why = "AND, OR and NOT each need a term on both sides"
    else:
        why = 'it is not FTS5 syntax (words, "phrases", prefix*, AND, OR, NOT, NEAR(), column:)'
    return f"the advanced search {query!r} cannot be read: {why}. The plain mode (the default) reads any text."
