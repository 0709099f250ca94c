"""The scraped-text path, on the bundled sample and on small made-up pages."""

from __future__ import annotations

import pytest

import newsdesk
from newsdesk.extract.boilerplate import judge_line
from newsdesk.extract.text import extract_text

BOILERPLATE_IN_SAMPLE = (
    "Article continues after this advertisement",
    "FEATURED STORIES",
    "READ:",
    "subscription",
    "newsletter",
    "Privacy Policy",
    "TAGS:",
    "Copyright",
    "cookies",
    "gestures as he delivers a speech",  # the photo caption
)


@pytest.fixture(scope="module")
def sample(sample_bytes: bytes) -> newsdesk.Article:
    return newsdesk.extract(sample_bytes)


def test_extract_text_sample_metadata(sample: newsdesk.Article) -> None:
    assert sample.title == "Trump hosts El Salvador's Bukele, key ally in anti-migrant push"
    assert sample.published == "2025-04-14T13:45"
    assert sample.dateline == "WASHINGTON"
    assert sample.agency == "AFP"
    assert sample.publisher == "INQUIRER.net"
    assert sample.tags == ("Donald Trump", "El Salvador")
    assert [r.title for r in sample.related] == [
        "Bukele heads to Washington to consolidate alliance with Trump",
        "US flies alleged gang members to El Salvador despite court block",
    ]
    assert sample.image is not None
    assert sample.image.caption is not None and sample.image.caption.startswith("El Salvador’s President Nayib Bukele")
    assert sample.image.credit == "Agence France-Presse"


def test_extract_text_sample_body_is_the_whole_story_and_nothing_else(sample: newsdesk.Article) -> None:
    assert sample.text.startswith("WASHINGTON — US President Donald Trump is set to meet")
    assert sample.text.endswith("according to economists.")
    for furniture in BOILERPLATE_IN_SAMPLE:
        assert furniture not in sample.text
    # every story paragraph of the input is kept (20 paragraphs and the "$6 million deal" heading)
    assert len(sample.blocks) == 21
    assert [b.kind for b in sample.blocks].count("heading") == 1
    assert "a very low fee for them, but a high one for us." in sample.text


def test_extract_text_sample_blocks_point_into_the_text(sample: newsdesk.Article) -> None:
    for block in sample.blocks:
        piece = block.span.of(sample.text)
        assert piece and piece == piece.strip() and "\n" not in piece


def test_extract_text_sample_says_what_was_removed_and_why(sample: newsdesk.Article) -> None:
    reasons = {r.reason for r in sample.removed}
    assert {
        "advertisement",
        "newsletter prompt",
        "consent notice",
        "copyright",
        "photo caption",
        "repeated headline",
        "related link",
        "tags",
    } <= reasons
    removed_text = " ".join(r.text for r in sample.removed)
    assert "We use cookies" in removed_text


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "Sign up for our newsletter",
        "We use cookies to improve your experience. By continuing you accept our use of cookies.",
        "© 2024 Example Media Ltd",
        "Share this article",
        "Facebook | Twitter | Email",
        "Related Stories",
        "Read more: The mayor resigns",
        "Tags: Elections, Budget",
        "Tagged as: Probability and Statistics",
        "Posted in New Cars, News Blog",
        "Tags: " + ", ".join(f"topic number {i}" for i in range(20)),
        "Related Posts",
        "Also on HuffPost:",
        "More Auto News...",
        "FEATURED POST",
        # a blog plugin's greeting, however long
        "Welcome to Million Dollar Journey! If you're new here, you can learn about me, read our user guide, "
        "and even follow my newsletter, which lands in your inbox every Sunday with the week's posts, the best "
        "comments from readers, and a short note on what I bought, sold and kept in the portfolio that week.",
        # reprint and wire notices
        "This copy is for your personal, non-commercial use only. Distribution and use of this material are "
        "governed by our Subscriber Agreement and by copyright law. For non-personal use or to order multiple "
        "copies, please contact Dow Jones Reprints at 1-800-843-0008 or visit www.djreprints.com",
        "This material may not be published, broadcast, rewritten or redistributed.",
        # a comment form's small print
        "Notify me of follow-up comments by email.",
        "Notify me of new posts via email.",
        "Required fields are marked with an asterisk (*)",
        "Save my name, email, and website in this browser for the next time I comment.",
        "No worries, this form appears only once, and your email will never be shared.",
    ],
)
def test_extract_text_judges_furniture_lines(line: str) -> None:
    assert judge_line(line).boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "The bakery said sales of cookies rose 20 percent after the newsletter campaign, its owner said on Friday.",
        "Share prices fell sharply in early trading on Monday as investors weighed the central bank's decision.",
        "More than 200 people attended the meeting.",
        "Read the full report, officials told reporters, before judging the plan: it runs to 400 pages and was "
        "written over three years by a team of more than forty economists, lawyers and engineers.",
        # the scraper merged the story with its category label: a tag list has no sentences
        "Filed under: Latest News The production of the two electric city cars has been suspended for lack of "
        "demand, the carmaker said on Thursday. Sales in Europe fell to a few hundred cars a month this year, "
        "far below the plan, and the plant will build petrol models until the autumn.",
        "Welcome to the London Olympic marathon. The race is underway, and I'll post the 5km times as they come.",
        "More news reached the village on Friday, when the first boats came back from the flooded valley.",
    ],
)
def test_extract_text_keeps_story_sentences_that_share_furniture_words(line: str) -> None:
    assert not judge_line(line).boilerplate


def test_extract_text_stops_at_comment_thread() -> None:
    story = " ".join(["The council approved the new budget after a long debate on Tuesday evening."] * 3)
    comments = "Great article, I completely agree with everything the council decided on this matter today."
    page = (
        f"Budget approved\n\n{story}\n\n{story}\n\n12 Comments\n\nJohn says:\n\n{comments}\n\n{comments}\n\n{comments}"
    )
    result = extract_text(page)
    body = " ".join(t for _, t in result.blocks)
    assert "council approved" in body
    assert "Great article" not in body


@pytest.mark.parametrize(
    "opener",
    [
        "{ 18 comments… read them below or add one }",
        "No comments yet",
        "Leave a Reply",
        "One thought on “ Budget approved ”",
        "8 appreciated comments on “Budget approved”",
        "Comments are now closed on this post.",
        # a post's footer: its navigation, author box and filing line come after it, never inside it
        "Next Post: The mayor answers readers",
        "« Previous Post",
        "About the Author",
        "This entry was posted on Tuesday, August 14th, 2012 at 12:23 am and is filed under Budget.",
    ],
)
def test_extract_text_comment_openers_end_the_story(opener: str) -> None:
    story = "\n\n".join(
        f"The council approved part {i} of the new budget after a long debate on Tuesday." for i in range(8)
    )
    comment = "I think the council should have spent more time on the schools before approving this budget."
    result = extract_text(f"Budget approved\n\n{story}\n\n{opener}\n\nJane\n\n{comment}\n\n{comment}")
    assert all("schools" not in text for _, text in result.blocks)
    assert len(result.blocks) == 8


def test_extract_text_skips_navigation_menus_before_the_story() -> None:
    menu = "\n".join(["Home", "World", "Business", "Sport", "Culture", "Opinion", "Video"])
    story = "\n\n".join(
        f"Paragraph {i} of the story says something long enough to be a sentence here." for i in range(5)
    )
    result = extract_text(f"{menu}\n\n{story}\n\nMost popular\n\nAnother headline about something else")
    assert next(t for _, t in result.blocks).startswith("Paragraph 0")
    assert all("Another headline" not in t for _, t in result.blocks)


def test_extract_text_rejoins_hard_wrapped_paragraphs() -> None:
    menu = "\n".join(["Home", "World", "Business", "Sport"])
    wrapped = (
        "The committee said on Thursday that the new rules for the water\n"
        "utilities would take effect in January, and that prices would be\n"
        "reviewed every year by an independent regulator appointed for five years."
    )
    story = "\n\n".join(
        [wrapped] + [f"Paragraph {i} of the report explains what the rules change for households." for i in range(3)]
    )
    result = extract_text(f"{menu}\n\n{story}")
    assert result.blocks[0] == (
        "paragraph",
        "The committee said on Thursday that the new rules for the water utilities would take effect in January, "
        "and that prices would be reviewed every year by an independent regulator appointed for five years.",
    )


def test_extract_text_stub_document_keeps_its_few_lines() -> None:
    result = extract_text("Replace javascript: links\n\nabc\n\ndef\n\nghi")
    assert [text for _, text in result.blocks] == ["abc", "def", "ghi"]
    assert [text for _, text in extract_text("Test").blocks] == ["Test"]


TEMPLATE_LINE = (
    '<div> <div class="headline hidden" > </div> <div class="dropdown"> <div class="suggestions hidden"> '
    '<ul role="listbox"> <li class="item"><a href="#">Quotes</a></li> <li class="item"><a href="#">Video</a></li> '
    "</ul> </div> </div> </div>"
)


def test_extract_text_drops_raw_markup_lines_and_keeps_the_story() -> None:
    story = "\n\n".join(
        f"Paragraph {i} of the report explains what the new water rules change for households." for i in range(4)
    )
    result = extract_text(f"Water rules\n\n{TEMPLATE_LINE}\n\nSEARCH\n\n{story}")
    assert result.blocks[0][1].startswith("Paragraph 0")
    assert len(result.blocks) == 4
    assert any(r.reason == "markup" and r.text == TEMPLATE_LINE for r in result.removed)


def test_extract_text_comments_link_in_the_menus_does_not_cut_the_story() -> None:
    # sentence-like prompts scattered over the menus above the story (together more words than a
    # short story has), then a "Comments" link: it opens no comment thread
    menu = "\n".join(["Home", "World", "Business", "Sport", "Culture", "Opinion"])
    prompts = [
        "The edition is available in the following regions and languages around the world:",
        "A version of this page appeared on the front of the print edition on Monday.",
        "The market data shown here is delayed by at least fifteen minutes for all exchanges.",
        "These are the most talked-about stories on the site during the past seven days.",
        "The weather forecast for the capital calls for light rain and a cool evening breeze.",
    ]
    story = "\n\n".join(
        f"Paragraph {i} of the report explains what the new water rules change for households." for i in range(6)
    )
    result = extract_text("\n".join(f"{menu}\n{p}" for p in prompts) + f"\n{menu}\nComments\n\n{story}")
    assert sum(text.startswith("Paragraph") for _, text in result.blocks) == 6


def test_extract_text_keeps_the_list_that_the_story_ends_by_introducing() -> None:
    story = "\n\n".join(
        f"Paragraph {i} of the report explains what the new water rules change for households." for i in range(3)
    )
    items = "\n".join(["• Meters in every flat", "• A cap on yearly price rises", "• Refunds after outages"])
    page = f"{story}\n\nThe rules bring three changes that take effect in January:\n{items}\nHome\nWorld\nSport"
    texts = [text for _, text in extract_text(page).blocks]
    assert texts[-3:] == ["• Meters in every flat", "• A cap on yearly price rises", "• Refunds after outages"]
    assert "Home" not in texts


def test_extract_text_time_stamped_comments_end_the_story() -> None:
    story = "\n\n".join(
        f"Paragraph {i} of the post explains why the council's new water rules matter to households." for i in range(5)
    )
    comments = "\n".join(
        f"Reader{i}\nAugust {9 + i}th, 2012 at {i + 1}:0{i} pm\n"
        f"I think the council should have spent more time on the schools before this, honestly {i}."
        for i in range(4)
    )
    texts = [text for _, text in extract_text(f"Water rules\n\n{story}\n\n{comments}").blocks]
    assert len(texts) == 5
    assert all("schools" not in text for text in texts)


def test_extract_text_comment_count_in_the_post_header_does_not_cut_the_story() -> None:
    bio = (
        "About the author: Bob writes about small companies, co-hosts a weekly podcast on starting one, "
        "and answers readers' questions about pricing, hiring and marketing every Monday. Before that he "
        "ran a software company for twelve years, wrote two books on selling software online, and taught "
        "evening classes on bookkeeping for founders at the local college. His next book, about support, "
        "comes out in the spring."
    )
    story = "\n\n".join(
        f"Paragraph {i} of the post answers a reader who asked how to price a new web service." for i in range(6)
    )
    page = f"Pricing a new web service\n\n{bio}\n\nPosted on: 08-6-2012 With: 1 Comment\n\n{story}"
    texts = [text for _, text in extract_text(page).blocks]
    assert sum(text.startswith("Paragraph") for text in texts) == 6


def test_extract_text_keeps_a_long_sentence_that_trails_off() -> None:
    story = [f"Paragraph {i} of the post explains what the new water rules change for households." for i in range(4)]
    trailing = (
        "The tribe's president said they have almost no unemployment at all, and that the money from the casino "
        "pays for schools, clinics, roads and a monthly cheque for every member of the tribe, which is more than…"
    )
    teaser = "Another story about the harbour works and what they cost…"
    page = "\n\n".join([*story[:2], trailing, *story[2:], teaser])
    texts = [text for _, text in extract_text(page).blocks]
    assert trailing in texts and len(texts) == 5
    assert teaser not in texts


def test_extract_text_comments_under_a_short_photo_post_are_not_its_story() -> None:
    # a photo post: headline, byline, one caption sentence, then a thread of longer comments
    caption = "Sports balls, disco balls and meatballs all roll through this short film by a studio in Brooklyn."
    comments = "\n".join(
        f"Reader{i} July {10 + i}, 2012 at {i + 1}:1{i} pm\n"
        f"I watched this film three times with my children and we kept spotting new balls every time, "
        f"the one with the orange bowling ball and the slow rolling marble was the best part of it {i}.\nReply"
        for i in range(4)
    )
    page = (
        f"Balls of every kind » The Neat Blog\nHome\nAbout\nBalls of every kind\nby Miss Editor on July 9, 2012\n"
        f"{caption}\n4 Comments\n{comments}"
    )
    texts = [text for _, text in extract_text(page).blocks]
    assert texts == [caption]


def test_extract_text_comments_stamped_with_numeric_dates_are_not_the_story() -> None:
    # a short post quoting a book, then comments headed "Name 07.16.12 at 21:35"
    quote = "We need not marvel that man so occupies himself with amusements, gadgets and increased speed."
    comments = "\n".join(
        f"{i}\nReader{i} 07.1{i}.12 at 2{i}:35\n"
        f"While I have no objection to the rest of the post, the etymology it gives for that word looks wrong "
        f"to me, and the dictionaries I checked this morning disagree with it on almost every point {i}."
        for i in range(1, 4)
    )
    page = (
        "Silence and slowness — The Blog\nHome\nAbout\nSilence and slowness\nby John on July 14, 2012\n"
        f"From a book I am reading:\n{quote}\nRelated posts:\nHow to think\n"
        f"{{ 3 comments… read them below or add one }}\n{comments}\nLeave a Comment"
    )
    texts = [text for _, text in extract_text(page).blocks]
    assert quote in texts
    assert all("etymology" not in text for text in texts)


def test_extract_text_story_starts_under_its_headline_not_in_the_sidebar_above() -> None:
    # blurbs in a sidebar printed above the headline, close enough to join the story's run
    sidebar = [
        "The Startup Desk is where founders of small companies swap notes on pricing, hiring and selling online.",
        "Our weekly podcast answers readers' questions about running a company of one, every Monday morning.",
    ]
    story = [f"Paragraph {i} of the post explains what the new water rules change for households." for i in range(6)]
    above = ["Water rules for households | The Startup Desk", "Home", sidebar[0], "Podcast", sidebar[1], "Blog"]
    page = "\n".join([*above, "Water rules for households", "Posted by Bob Walsh", *story])
    texts = [text for _, text in extract_text(page).blocks]
    assert texts[-6:] == story
    assert not set(sidebar) & set(texts)


def test_extract_text_time_in_the_byline_does_not_open_a_comment_thread() -> None:
    # the byline carries a time stamp like the comments far below it; they are not one thread
    story = [f"Paragraph {i} of the column explains what the new water rules change for households." for i in range(16)]
    comments = "\n".join(
        f"Fri, 2012-11-09 17:1{i} — Reader{i}\nThe council should have spent more on the schools first, honestly {i}."
        for i in range(4)
    )
    page = "\n".join(
        [
            "Is the council right about the water rules?",
            "Home",
            "Is the council right about the water rules?",
            "The new rules will raise bills for most households, and the council has not said why that is fair.",
            "By Nelson Jones Published 09 November 2012 13:50",
            *story,
            comments,
        ]
    )
    texts = [text for _, text in extract_text(page).blocks]
    assert set(story) <= set(texts)
    assert all("schools" not in text for text in texts)


def test_extract_text_subheading_that_repeats_part_of_the_title_does_not_cut_the_story() -> None:
    # "Squash soup" is not "Squash soup recipe" split at a separator: it is the story's own subheading
    intro = [f"Paragraph {i} of the post tells how the garden gave us squash again this autumn." for i in range(2)]
    recipe = [f"Step {i} of the recipe says how long to roast the squash before it goes in the pot." for i in range(4)]
    page = "\n".join(["Dairy free squash soup recipe", "Home", *intro, "Dairy free squash soup", *recipe])
    texts = [text for _, text in extract_text(page).blocks]
    assert set(intro + recipe) <= set(texts)


def test_extract_text_short_post_under_its_headline_beats_a_longer_sidebar_blurb() -> None:
    post = "Sports balls, disco balls and meatballs all roll through this short film by a studio in Brooklyn."
    blurb = (
        "The Neat Blog is the neat side of the web. We bring you the neatest, weirdest and most wonderful stuff "
        "from all over the world, and we have done so every day since 2005 with a small team of editors in Oregon."
    )
    header = ["Balls of every kind » The Neat Blog", "Home", "About", "Balls of every kind", "by Miss Editor"]
    popular = ["Popular posts", *(f"Cats in hats, part {i} of the series" for i in range(6))]
    page = "\n".join([*header, post, "Tweet", "Tags: film", *popular, "Company info", blurb, "FAQs"])
    texts = [text for _, text in extract_text(page).blocks]
    assert texts == [post]


def test_extract_text_drops_an_ad_script_with_a_long_tracking_url() -> None:
    tracking = "&amp;".join(f"p{i}=UKKtxgoOYJAAAEngV5kAAACS{i}" for i in range(40))  # over 1,000 characters
    ad = (
        f'<script type="text/javascript"> document.write(\'<a href="http://adlog.example.com/c/{tracking}" '
        f'target="_blank"><img src="http://view.example.com/ad.gif"/></a>\'); </script>'
        f'<noscript><a href="http://adlog.example.com/c/{tracking}"><img src="http://view.example.com/ad.gif" /></a>'
        "</noscript>"
    )
    story = [f"Paragraph {i} of the report explains what the new water rules change for households." for i in range(3)]
    result = extract_text("\n".join(["Water rules", *story, "Featured posts", ad]))
    assert [text for _, text in result.blocks] == story
    assert any(r.reason == "markup" and r.text == ad for r in result.removed)


def test_extract_text_headline_is_the_title_part_with_the_story_under_it() -> None:
    # the title's longest part is the site's masthead; the headline is the part the post sits under
    post = "I love the idea of preserving these paper punched leaves for other craft projects!"
    sidebar = "Click on the photo in the gallery to find the description of the tutorial and the link. Enjoy!"
    page = "\n".join(
        [
            "Paper punched leaves for crafting - Things to make and do, crafts for kids - The Crafty Crow",
            "Things to make and do, crafts for kids - The Crafty Crow",
            "HOME",
            *(f"Crafts for age group {i}" for i in range(5)),
            sidebar,
            "Pages",
            "Paper punched leaves for crafting",
            post,
            "Get the details at Grow Creative.",
            "Comments",
            "Most popular posts",
            *(f"Felt food tutorial number {i}" for i in range(5)),
        ]
    )
    texts = [text for _, text in extract_text(page).blocks]
    assert post in texts
    assert sidebar not in texts


def test_extract_text_comment_count_between_headline_and_story_does_not_cut_it() -> None:
    # a long blurb above the headline, then "4 Comments" in the post's byline: not its thread
    blurb = (
        "The Startup Desk is where founders of small companies swap notes on pricing, hiring and selling online. "
        "Our weekly podcast answers readers' questions about running a company of one, every Monday morning, and "
        "our forum has more than ten thousand members who help each other with contracts, taxes and first hires. "
        "Join them: the first month is free, and you can cancel at any time from your account page."
    )
    story = [f"Paragraph {i} of the post explains what the new water rules change for households." for i in range(6)]
    page = "\n".join(
        [
            "Water rules for households | The Startup Desk",
            blurb,
            "Water rules for households",
            "By Bob",
            "4 Comments",
            *story,
        ]
    )
    result = extract_text(page)
    assert [text for _, text in result.blocks] == story
    assert result.metadata.authors == ["Bob"]  # the byline over the story is read, not kept as body


def test_extract_text_tag_list_ends_the_story() -> None:
    story = [f"Paragraph {i} of the report explains what the new water rules change for households." for i in range(6)]
    sidebar = [
        f"Our guide number {i} explains how to read a water bill, what each charge means and how to appeal it."
        for i in range(6)
    ]
    page = "\n".join(["Water rules", *story, "Tags: Water, Households, Council", *sidebar])
    result = extract_text(page)
    assert [text for _, text in result.blocks] == story
    assert result.metadata.tags == ["Water", "Households", "Council"]


def test_extract_text_comment_count_over_a_thread_cuts_even_under_a_headline_in_a_link_list() -> None:
    # the headline is repeated only in a list of posts, right over the comment thread
    story = [f"Paragraph {i} of the post explains what the new water rules change for households." for i in range(6)]
    comments = [
        line
        for i in range(4)
        for line in (
            f"Reader{i} — July {i + 10}th, 2012, 7:2{i} pm",
            f"I read this twice and I still think the council should have spent the money on schools first {i}.",
            "Reply",
        )
    ]
    page = "\n".join(
        [
            "Water rules for households | The Startup Desk",
            "Home",
            "Water rules for households | 153 Comments",
            "Written by Bob",
            *story,
            "From the archive",
            "Water rules for households",
            "How to read your water bill",
            "153 Comments",
            *comments,
        ]
    )
    assert [text for _, text in extract_text(page).blocks] == story


@pytest.mark.parametrize(
    "sentence",
    ["Two responses to the plan were filed by Friday.", "The agency received three comments."],
)
def test_extract_text_story_sentences_that_count_responses_do_not_end_the_story(sentence: str) -> None:
    story = [f"Paragraph {i} of the report explains what the new water rules change for households." for i in range(8)]
    page = "\n".join(["Water rules", *story[:5], sentence, *story[5:]])
    texts = [text for _, text in extract_text(page).blocks]
    assert set(story) <= set(texts)
