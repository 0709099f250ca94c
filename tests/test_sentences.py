"""The sentence around a character offset, found by a light rule and at a bounded cost."""

from __future__ import annotations

from newsdesk.analyze.sentences import MAX_SENTENCE_CHARS, sentence_at, sentence_bounds


def test_sentences_bounds_end_at_marks_and_line_breaks() -> None:
    text = "One. Two words here. Three!\nA new block"
    assert sentence_bounds(text, 8) == (5, 20)
    assert sentence_at(text, 22) == "Three!"
    assert sentence_at(text, len(text) - 1) == "A new block"


def test_sentences_a_run_without_sentence_end_is_cut_around_the_position() -> None:
    # looking up the sentence of each figure must not cost the length of the text before it
    text = "Intro sentence. " + "figure 5 percent and " * 2000 + "end."
    start, end = sentence_bounds(text, len(text) // 2)
    assert end - start <= 2 * MAX_SENTENCE_CHARS
