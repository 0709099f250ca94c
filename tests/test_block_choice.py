"""Choosing the article's block by the page's evidence (extract/block_choice.py)."""

from __future__ import annotations

from newsdesk.extract import block_choice, html
from newsdesk.extract.block_choice import Candidate, choose, doubtful
from newsdesk.extract.headline_gap import lead_under_headline

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


# A page whose standfirst sits with the headline in the article's header, apart from the body:
# readability scores the body's container best and leaves the standfirst out.
STANDFIRST = (
    "The harbour board has decided to close the oldest ferry terminal in the city, ending a service "
    "that has run for more than a century."
)
BODY = "".join(f"<p>{text}</p>" for _, text in STORY * 2)
PAGE = f"""<html><head><title>Old ferry terminal to close</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><header class="intro-header">
<h1>Old ferry terminal to close</h1>
<p class="lead">{STANDFIRST}</p>
</header>
<div class="body">{BODY}</div></article>
<footer><p>Sign up for our newsletter</p></footer>
</body></html>"""


def test_the_lead_between_the_headline_and_readabilitys_block_is_found() -> None:
    tree, _ = html.parse_html(PAGE)
    readability, _ = html._readability_blocks(tree, None)
    assert STANDFIRST not in [text for _, text in readability]  # the lead readability misses
    assert lead_under_headline(tree, readability) == [("paragraph", STANDFIRST)]


def test_labels_bylines_and_prompts_under_the_headline_are_no_lead() -> None:
    furniture = (
        '<p class="kicker">Transport</p><p>By Ana Ruiz, 3 March 2025, 10:42</p>'
        "<p>Sign up for our free newsletter and get the day's news in your inbox every morning!</p>"
    )
    tree, _ = html.parse_html(PAGE.replace(f'<p class="lead">{STANDFIRST}</p>', furniture))
    readability, _ = html._readability_blocks(tree, None)
    assert lead_under_headline(tree, readability) == []


def test_no_lead_when_the_block_follows_the_headline_or_there_is_no_headline() -> None:
    tree, _ = html.parse_html(PAGE.replace(f'<p class="lead">{STANDFIRST}</p>', ""))
    readability, _ = html._readability_blocks(tree, None)
    assert lead_under_headline(tree, readability) == []
    tree, _ = html.parse_html(PAGE.replace("h1>", "span>"))
    assert lead_under_headline(tree, readability) == []


def test_the_lead_under_the_headline_is_part_of_the_extracted_article() -> None:
    blocks = [text for _, text in html.extract_html(PAGE).blocks]
    assert blocks[0] == STANDFIRST
    assert blocks[1:7] == [text for _, text in STORY]


def test_a_blogs_name_linked_to_its_front_page_is_no_headline() -> None:
    # the blog's tagline under its name is not the post's lead
    masthead = PAGE.replace(
        "<h1>Old ferry terminal to close</h1>", '<h1><a href="https://example.org/">Harbour Notes</a></h1>'
    )
    tree, _ = html.parse_html(masthead)
    readability, _ = html._readability_blocks(tree, None)
    assert lead_under_headline(tree, readability) == []


def test_a_headline_linked_to_a_broken_address_is_still_a_headline() -> None:
    linked = '<h1><a href="http://[::1">Old ferry terminal to close</a></h1>'  # urlsplit raises on it
    broken = PAGE.replace("<h1>Old ferry terminal to close</h1>", linked)
    assert html.extract_html(broken).blocks[0] == ("paragraph", STANDFIRST)
