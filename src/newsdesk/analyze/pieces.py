"""Parsing in pieces of bounded size, so memory follows the tokens read at once, not the document.

The model's memory grows with the tokens in one batch (about 14 KB a token in en_core_web_sm:
150,000 characters of ``<a <a <a`` are 100,000 tokens and took 1.7 GB in one piece). Texts are
tokenised first (cheap), a long one is cut into pieces at paragraph breaks, and pieces are batched
by tokens, not by documents; the pieces of a document are joined back into one Doc whose text is
the document's text, character for character, so offsets into it hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tokens in one piece of a long document (a news story is 500–3,000 tokens: rarely cut).
PIECE_TOKENS = 5_000
#: Tokens the model reads in one batch: about 140 MB of working memory (a worker's peak on the
#: dev pages was 578 MiB with 20,000, which left no room under 600 MiB).
BATCH_TOKENS = 10_000


def piece_bounds(doc: Doc, size: int = PIECE_TOKENS) -> list[tuple[int, int]]:
    """Token ranges of at most ``size`` tokens that cover ``doc``, cut after a paragraph break
    where the piece has one in its second half, else after a space, else anywhere."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(doc) - start > size:
        end = start + size
        cut = _last_break(doc, start + size // 2, end)
        bounds.append((start, cut or end))
        start = cut or end
    bounds.append((start, len(doc)))
    return bounds


def _last_break(doc: Doc, low: int, high: int) -> int | None:
    """The token index after the last paragraph break in ``doc[low:high]``, else after the last space."""
    spaced = None
    for i in range(high - 1, low - 1, -1):
        token = doc[i]
        if "\n" in token.text or "\n" in token.whitespace_:
            return i + 1
        if spaced is None and token.whitespace_:
            spaced = i + 1
    return spaced


def _batches(pieces: Sequence[Doc], budget: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    tokens = 0
    for piece in pieces:
        if batch and tokens + len(piece) > budget:
            yield batch
            batch, tokens = [], 0
        batch.append(piece)
        tokens += len(piece)
    if batch:
        yield batch


def parse_in_pieces(nlp: Language, texts: Sequence[str], max_tokens: int | None = None) -> list[Doc]:
    """One parsed Doc per text, the model reading at most ``BATCH_TOKENS`` tokens at a time.

    With ``max_tokens``, a text is parsed up to that many tokens (the Doc covers a prefix of it).
    """
    owners: list[int] = []
    pieces: list[Doc] = []
    for index, text in enumerate(texts):
        doc = nlp.make_doc(text)
        if max_tokens is not None and len(doc) > max_tokens:
            doc = doc[:max_tokens].as_doc()
        for start, end in piece_bounds(doc):
            pieces.append(doc[start:end].as_doc() if (start, end) != (0, len(doc)) else doc)
            owners.append(index)
    parsed: list[list[Doc]] = [[] for _ in texts]
    position = 0
    for batch in _batches(pieces, BATCH_TOKENS):
        for doc in nlp.pipe(batch, batch_size=len(batch)):
            parsed[owners[position]].append(doc)
            position += 1
    return [docs[0] if len(docs) == 1 else _joined(docs) for docs in parsed]


def _joined(docs: list[Doc]) -> Doc:
    """The pieces as one Doc: nothing inserted between them; the per-Doc settings of the first."""
    from spacy.tokens import Doc

    # spaCy's stub lacks `exclude` (the function has it since 3.0)
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data", "tensor"])  # type: ignore[call-arg]
    joined.user_data.update(docs[0].user_data)
    return joined
