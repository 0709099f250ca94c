"""Choosing the article's block by the page's evidence (extract/block_choice.py)."""

from __future__ import annotations

from newsdesk.extract import block_choice
from newsdesk.extract.block_choice import Candidate, choose, doubtful

STORY = [
    ("paragraph", "The harbour board voted on Tuesday to close the old ferry terminal by the end of next year."),
    ("paragraph", "Board members said repairs to the pier would cost more than building a new terminal upstream."),
    ("paragraph", "Ferry operators warned that passengers would face longer journeys while the new site is built."),
    ("paragraph", "The city council will hold a public hearing on the plan in March, a spokeswoman for the board said"),
    ("paragraph", "Fishermen who moor beside the terminal asked the board to keep their berths open during the works."),
    ("paragraph", "Construction of the new terminal is expected to begin in the spring and to last about two years."),
]
LEAD = ("paragraph", "Passengers will have to change their habits: the oldest ferry terminal is closing for good.")


def words(blocks: list[tuple[str, str]]) -> int:
    return sum(len(text.split()) for _, text in blocks)


def test_a_short_block_or_one_with_little_of_the_pages_prose_is_doubted() -> None:
    assert doubtful(STORY[:1], prose_words=words(STORY))
    assert not doubtful(STORY, prose_words=words(STORY) + 20)
    assert doubtful(STORY[:3], prose_words=4 * words(STORY))


def test_a_block_of_furniture_loses_to_the_story_even_when_the_model_hesitates() -> None:
    prompt = Candidate(
        "readability",
        [("paragraph", "Sign up for our newsletter"), ("paragraph", "We use cookies. Accept all")],
        link_share=0.5,
    )
    story = Candidate("trafilatura", STORY, block_links={text: 0.0 for _, text in STORY})
    choice = choose(prompt, story, prose_words=words(STORY))
    assert choice.name == "trafilatura"
    assert choice.blocks == STORY


def test_readability_keeps_the_story_when_the_other_block_adds_only_link_lists() -> None:
    links = [("list_item", f"Other story number {i} about the weather") for i in range(12)]
    readability = Candidate("readability", STORY)
    trafilatura = Candidate("trafilatura", STORY + links, 0.6, {text: 1.0 for _, text in links})
    choice = choose(readability, trafilatura, prose_words=3 * words(STORY))
    assert choice.name.startswith("readability")
    assert choice.blocks == STORY


def test_a_lead_readability_left_out_is_put_back_in_front() -> None:
    readability = Candidate("readability", STORY)
    trafilatura = Candidate("trafilatura", [LEAD, *STORY])
    choice = choose(readability, trafilatura, prose_words=3 * words(STORY))
    assert choice.name == "readability+lead"
    assert choice.blocks[0] == LEAD
    assert choice.blocks[1:] == STORY


def test_the_model_file_names_only_features_the_code_computes() -> None:
    model = block_choice._model()
    computed = block_choice.features(Candidate("r", STORY), STORY, Candidate("t", STORY), words(STORY))
    assert set(model["weights"]) == set(computed)
    assert 0 < model["threshold"] < 1
