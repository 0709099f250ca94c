"""A long text is parsed in pieces of bounded tokens and joined back without moving an offset."""

from __future__ import annotations

import itertools

import pytest

from newsdesk.analyze.language import MAX_PARSED_TOKENS, load_language
from newsdesk.analyze.pieces import BATCH_TOKENS, PIECE_TOKENS, _batches, parse_in_pieces, piece_bounds


@pytest.fixture(scope="module")
def nlp():
    return load_language()


def _report(paragraphs: int) -> str:
    # our own words: a long council report, one short paragraph per item
    return "\n\n".join(
        f"Item {i}. Mayor Alice Moreno told the council in Springfield that the bridge repairs "
        f"would cost {i + 3} million dollars. The vote is set for Friday."
        for i in range(paragraphs)
    )


def test_pieces_cut_after_paragraph_breaks_and_cover_every_token(nlp) -> None:
    doc = nlp.make_doc(_report(60))
    bounds = piece_bounds(doc, size=200)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(end == next_start for (_, end), (next_start, _) in itertools.pairwise(bounds))
    assert all(end - start <= 200 for start, end in bounds)
    for _, end in bounds[:-1]:
        assert "\n" in doc[end - 1].whitespace_ + doc[end - 1].text  # the piece ends at a paragraph break


def test_a_run_without_breaks_or_spaces_is_still_cut_to_size(nlp) -> None:
    doc = nlp.make_doc("<a" * 3_000)
    bounds = piece_bounds(doc, size=500)
    assert max(end - start for start, end in bounds) <= 500 and bounds[-1][1] == len(doc)


def test_batches_hold_a_token_budget() -> None:
    class Piece:
        def __init__(self, n: int) -> None:
            self.n = n

        def __len__(self) -> int:
            return self.n

    batches = list(_batches([Piece(n) for n in (900, 300, 800, 50, 1_000, 10)], budget=1_000))
    assert [sum(map(len, b)) for b in batches] == [900, 300, 850, 1_000, 10]
    assert [p.n for b in batches for p in b] == [900, 300, 800, 50, 1_000, 10]  # nothing lost, in order


def test_a_long_text_parses_in_pieces_with_its_exact_text_and_entities_in_every_piece(nlp) -> None:
    text = _report(600)
    assert len(nlp.make_doc(text)) > 2 * PIECE_TOKENS  # several pieces
    [doc] = parse_in_pieces(nlp, [text])
    assert doc.text == text
    last_item = text.rindex("Alice Moreno")
    people = [e for e in doc.ents if e.label_ == "PERSON" and e.text == "Alice Moreno"]
    assert people and people[-1].start_char == last_item  # the last piece was parsed too
    assert all(doc[i].is_sent_start for i in range(1, len(doc)) if "\n" in doc[i - 1].whitespace_)


def test_a_text_of_tiny_tokens_is_parsed_up_to_the_token_cap(nlp) -> None:
    text = "Opening line of the story.\n" + "<a " * (MAX_PARSED_TOKENS)
    [doc, short] = parse_in_pieces(nlp, [text, "A short one."], MAX_PARSED_TOKENS)
    assert len(doc) == MAX_PARSED_TOKENS and text.startswith(doc.text)
    assert short.text == "A short one."


def test_a_batch_of_documents_parses_as_each_alone(nlp) -> None:
    texts = ["Officials in Lima said the port reopened on Monday.", "", _report(3)]
    together = parse_in_pieces(nlp, texts)
    for text, doc in zip(texts, together, strict=True):
        alone = nlp(text)
        assert doc.text == text
        assert [(t.dep_, t.head.i, t.ent_type_) for t in doc] == [(t.dep_, t.head.i, t.ent_type_) for t in alone]
    assert BATCH_TOKENS >= PIECE_TOKENS  # a whole piece always fits a batch
