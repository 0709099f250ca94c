"""The HTML path, on a small hand-written news page with the usual furniture around the story."""

from __future__ import annotations

import pytest
from tests.conftest import FIXTURES

import newsdesk


@pytest.fixture(scope="module")
def page() -> newsdesk.Article:
    return newsdesk.extract((FIXTURES / "news-page.html").read_bytes(), url="https://gazette.example/p?id=1")


def test_extract_html_metadata_from_json_ld_and_meta_tags(page: newsdesk.Article) -> None:
    assert page.title == "Port strike ends after deal on wages"
    assert page.published == "2024-03-05T09:30:00+01:00"
    assert page.modified == "2024-03-05T11:00:00+01:00"
    assert page.authors == ("Maria Lopez",)
    assert page.publisher == "The Harbour Gazette"
    assert page.section == "Business"
    assert page.tags == ("Labour", "Shipping")
    assert page.canonical_url == "https://gazette.example/news/port-strike-ends"
    assert page.language == "en"


def test_extract_html_news_cues(page: newsdesk.Article) -> None:
    assert page.dateline == "ROTTERDAM"
    assert page.agency == "AP"
    assert page.image is not None
    assert page.image.caption == "Dock workers leave the terminal on Tuesday."
    assert page.image.credit == "AP Photo/John Smith"
    assert page.image.url == "https://gazette.example/img/port.jpg"
    assert [r.title for r in page.related] == ["How Europe's ports are changing"]


def test_extract_html_body_keeps_structure_and_drops_furniture(page: newsdesk.Article) -> None:
    assert page.text.startswith("ROTTERDAM (AP) — Dock workers")
    assert page.text.endswith("warned of delays for retailers.")
    kinds = {b.span.of(page.text): b.kind for b in page.blocks}
    assert kinds["A deal after long talks"] == "heading"
    assert kinds["Wages rise 4 percent this year and 3 percent next year."] == "list_item"
    assert kinds["We hope to see traffic back to normal by the end of the week, the authority said."] == "blockquote"
    for furniture in (
        "Advertisement",
        "Read more",
        "Most read",
        "newsletter",
        "All rights reserved",
        "do not extract me",
        "Dock workers leave the terminal",
        "By Maria Lopez",
    ):
        assert furniture not in page.text


def test_extract_html_markdown_and_text_renderings(page: newsdesk.Article) -> None:
    md = newsdesk.to_markdown(page)
    assert md.startswith("# Port strike ends after deal on wages\n")
    assert "\n## A deal after long talks\n" in md
    assert "\n- Wages rise 4 percent" in md
    assert "\n> We hope to see traffic" in md
    assert newsdesk.to_text(page) == page.text + "\n"


def test_extract_html_hostile_markup_never_reaches_the_text() -> None:
    story = "<p>" + "The minister announced a new plan for the railways on Monday, officials said. " * 4 + "</p>"
    html = (
        "<html><body><article>"
        + story
        + "<script>alert('x')</script><style>p{}</style><iframe src='javascript:alert(1)'></iframe>"
        + "<p>Second paragraph <img src=x onerror=alert(1)> with more words about trains and timetables.</p>"
        + story
        + "</article></body></html>"
    )
    article = newsdesk.extract(html)
    assert "alert" not in article.text and "p{}" not in article.text
    assert "Second paragraph with more words about trains" in article.text


def test_extract_html_malformed_markup_still_gives_the_story() -> None:
    html = "<html><body><div><p>" + "Unclosed tags everywhere <b>but the story <i>is still readable here. " * 10
    article = newsdesk.extract(html)
    assert "the story is still readable here." in article.text


def test_extract_html_repairs_mojibake_in_the_extracted_text() -> None:
    broken = (
        "The president\u00e2\u20ac\u2122s visit was \u00e2\u20ac\u0153historic\u00e2\u20ac\u009d, officials said today."
    )
    html = "<html><body><article>" + f"<p>{broken} {broken}</p>" * 3 + "</article></body></html>"
    article = newsdesk.extract(html.encode("utf-8"))
    assert "The president\u2019s visit was \u201chistoric\u201d" in article.text
    assert "\u00e2\u20ac" not in article.text


def test_extract_html_joins_words_split_by_invisible_hyphens_and_spaces() -> None:
    # German and French sites hyphenate long words for narrow screens with &shy;; on the page
    # nothing shows, in the text the words must be whole to be found and quoted
    sentence = (
        "Schon im Mit&shy;tel&shy;al&shy;ter war der Wein&#8203;berg das Aus&shy;hän&shy;ge&shy;schild "
        "der Region, schrieb der Chronist in seinem Bericht über die Ernte."
    )
    html = "<html><body><article>" + f"<p>{sentence}</p>" * 4 + "</article></body></html>"
    article = newsdesk.extract(html)
    assert "Schon im Mittelalter war der Weinberg das Aushängeschild der Region" in article.text
    assert "\u00ad" not in article.text and "\u200b" not in article.text


def test_extract_html_drops_the_note_on_the_writer_under_the_story_only() -> None:
    story = [
        "The port authority approved a plan on Tuesday to dredge the northern channel before winter.",
        "Lena Vogt is a professor of maritime law and advised the authority on the plan, officials said.",
        "Shipping companies have complained for years that large vessels run aground in the channel.",
        "The work is expected to cost about four million euros and to take three months to finish.",
    ]
    bio = "Jonas Falk is a reporter at the Harbour Courier and covers shipping and the port."
    html = "<html><body><article>" + "".join(f"<p>{line}</p>" for line in [*story, bio]) + "</article></body></html>"
    article = newsdesk.extract(html)
    assert bio not in article.text
    assert all(line in article.text for line in story)  # the expert inside the story stays


def test_extract_html_keeps_mathml_formulas_as_text() -> None:
    formula = "<math><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>"
    paragraph = "<p>Einstein's relation " + formula + " links mass and energy, the physicist explained today.</p>"
    article = newsdesk.extract("<html><body><article>" + paragraph * 4 + "</article></body></html>")
    assert "Einstein's relation E=mc2 links mass and energy" in article.text


def test_the_date_printed_under_the_headline_beats_dates_hidden_in_links_and_meta() -> None:
    # the photo was filed the evening before and the server stamped the page when it served it;
    # the reader sees the day under the headline
    story = "<p>The county board voted to rebuild the old ferry landing at the river mouth this spring.</p>" * 4
    html = (
        '<html><head><meta name="date" content="2024-05-20"></head><body>'
        '<a href="/archive/2024/05/10/ferry-photos.html"><img src="/img/2024/05/10/ferry.jpg"></a>'
        "<h1>County votes to rebuild the ferry landing</h1><p>May 11, 2024</p>"
        f"<article>{story}</article></body></html>"
    )
    assert newsdesk.extract(html, facts=False).published.startswith("2024-05-11")
    without_line = html.replace("<p>May 11, 2024</p>", "")
    assert newsdesk.extract(without_line, facts=False).published.startswith("2024-05-20")  # then the meta date


def test_a_zoned_time_stamp_under_the_story_dates_a_page_that_says_nothing_else() -> None:
    story = "<p>The visitors won the late game by three goals after a quiet first period at home.</p>" * 4
    html = f"<html><body><article>{story}<p>01/09 00:17:25 ET</p></article><p>© 2008 Sports Wire</p></body></html>"
    assert newsdesk.extract(html, facts=False).published == "2008-01-09"
    no_year = html.replace("© 2008 Sports Wire", "Sports Wire")
    assert newsdesk.extract(no_year, facts=False).published is None  # no year anywhere: no guess


def test_a_caption_dated_in_full_with_its_weekday_dates_a_page_that_says_nothing_else() -> None:
    story = "<p>Harbour pilots walked off the job over night shifts, leaving six tankers at anchor.</p>" * 4
    caption = "<p>Pilots picket the harbour office in Dover, Wednesday, March 5, 2025.</p>"
    html = f"<html><body><article>{caption}{story}</article><p>© 2025 Coast Press</p></body></html>"
    assert newsdesk.extract(html, facts=False).published == "2025-03-05"
    # March 5, 2025 was a Wednesday; a weekday that disagrees is no date the page stands behind
    wrong_weekday = html.replace("Wednesday, March 5", "Friday, March 5")
    assert newsdesk.extract(wrong_weekday, facts=False).published is None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  one  two\tthree \t four  ",
        "line one \n\n   line two\r\n\tline three",
        "nbsp\u00a0\u00a0and em\u2003\u2003spaces\r\rreturns",
        "a" + " " * 300 + "b" + " \n" * 200 + "c" + "\t" * 260 + "d",
        "\t\t \t  \t x \t",
    ],
)
def test_readability_text_lengths_are_measured_as_readability_measures_them(text: str) -> None:
    # our faster measure must choose the same blocks as readability's own
    import lxml.html
    from readability.readability import clean

    from newsdesk.extract.html import _readability_length

    element = lxml.html.fragment_fromstring("<div></div>")
    element.text = text
    assert _readability_length(element) == len(clean(text))


def test_a_date_the_page_writes_with_a_script_is_its_publication_date() -> None:
    body = (
        "<p>The ferry company said on Tuesday that it would add two crossings a day to the island route "
        "from next month, after a summer of queues at both harbours.</p>" * 3
    )
    written = (
        "<html><head><title>Ferry adds crossings</title></head><body><h1>Ferry adds crossings</h1>"
        "<script>document.write(stamp(1199251664155, ['March 4, 2009 -- Updated 0527 GMT']));</script>"
        f"<article>{body}</article></body></html>"
    )
    assert newsdesk.extract(written.encode()).published == "2009-03-04"
    # a date a script only keeps (an expiry, a cookie) is no time stamp a reader sees
    kept = written.replace("document.write(stamp(1199251664155, ", "var expires = (")
    assert newsdesk.extract(kept.encode()).published is None


def test_extract_html_a_byline_with_its_age_is_the_author_not_the_first_line() -> None:
    page = (
        "<html><head><title>Flood barrier holds</title></head><body><article>"
        "<h1>Flood barrier holds</h1>"
        "<p>By LENA HART – 18 hours ago</p>"
        "<p>DORDRECHT, Netherlands (AP) — The new river barrier held through the night as the water "
        "rose to its highest level in a decade, officials said on Sunday.</p>"
        "<p>About 2,000 residents had left their homes before the peak, the mayor said, and most had "
        "returned by the afternoon after the dikes were checked.</p>"
        "</article></body></html>"
    )
    article = newsdesk.extract(page.encode(), facts=True)
    assert article.text.startswith("DORDRECHT, Netherlands (AP)")
    assert article.authors == ("LENA HART",)
    assert [f.text for f in article.figures] == ["2,000 residents"]  # "18 hours" was the byline's age
