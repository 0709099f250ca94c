"""Quotes: content, cue and speaker, with offsets, on the sample and on the forms news uses."""

from __future__ import annotations

import pytest

import newsdesk
from newsdesk.analyze.entities import find_entities
from newsdesk.analyze.language import load_language
from newsdesk.analyze.quotes import find_quotes, quotation_regions
from newsdesk.model import Quote


def quotes_of(text: str) -> list[Quote]:
    doc = load_language()(text)
    return find_quotes(doc, find_entities(doc))


def by_cue(quotes: list[Quote], cue: str) -> Quote:
    found = [q for q in quotes if q.cue_text == cue]
    assert len(found) == 1, [(q.cue_text, q.text) for q in quotes]
    return found[0]


def test_quotes_sample_article_speakers(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    said = {(q.speaker_name or q.speaker_text, q.text) for q in article.quotes}
    assert ("Nayib Bukele", "“a very low fee for them, but a high one for us.”") in said
    rubio = [q for q in article.quotes if q.text.startswith("“The alliance between")]
    assert len(rubio) == 1 and rubio[0].speaker_text == "he" and rubio[0].speaker_name == "Marco Rubio"
    assert rubio[0].cue_text == "wrote" and rubio[0].kind == "direct"
    trump = [q for q in article.quotes if "our nations are working" in q.text]
    assert trump[0].speaker_name == "Donald Trump" and trump[0].text.endswith("Prosperity.”")
    officials = [q for q in article.quotes if q.text == "he is now solely in Salvadoran custody"]
    assert officials[0].speaker_text == "Trump officials" and officials[0].speaker_name is None  # not Trump himself
    relatives = [q for q in article.quotes if q.cue_text == "contend" and q.speaker_text != "Trump officials"]
    assert relatives[0].speaker_text == "relatives of several of the men"
    arriaza = [q for q in article.quotes if q.cue_text == "hopes"]
    assert arriaza[0].speaker_name == "Jorge Arriaza" and arriaza[0].kind == "mixed"
    bank = [q for q in article.quotes if q.speaker_text == "the central bank"]
    assert bank[0].cue_text == "according to" and "$2.1 billion went to the United States" in bank[0].text


def test_quotes_offsets_reproduce_every_mention(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    assert article.quotes
    for quote in article.quotes:
        assert quote.span.of(article.text) == quote.text
        if quote.speaker:
            assert quote.speaker.of(article.text) == quote.speaker_text
        if quote.cue:
            assert quote.cue.of(article.text) == quote.cue_text
        for fragment in quote.fragments:
            assert quote.span.start <= fragment.start < fragment.end <= quote.span.end


def test_quotes_split_by_attribution_is_one_quote() -> None:
    text = "“We will not back down,” the minister said on Tuesday. “The law stays as it is.”"
    (quote,) = quotes_of(text)
    assert [f.of(text) for f in quote.fragments] == ["“We will not back down,”", "“The law stays as it is.”"]
    assert quote.speaker_text == "the minister" and quote.kind == "direct"


def test_quotes_run_on_over_paragraphs() -> None:
    text = (
        "The mayor spoke after the vote. She said: “This city has waited long enough.\n\n"
        "“Today we start building.”\n\nCouncillors left the room."
    )
    (quote,) = quotes_of(text)
    assert quote.text.startswith("“This city") and quote.text.endswith("building.”")
    assert quote.speaker_text == "She"


def test_quotes_pronoun_takes_the_last_subject() -> None:
    text = "Foreign Minister Ana Ruiz met her counterpart in Lima. “The talks were frank and useful,” she wrote on X."
    (quote,) = quotes_of(text)
    assert quote.speaker_text == "she" and quote.speaker_name == "Ana Ruiz" and quote.cue_text == "wrote"


def test_quotes_indirect_and_according_to() -> None:
    text = (
        "Officials contend the detainee is now in foreign custody. "
        "Exports fell 4 percent last year, according to the central bank."
    )
    quotes = quotes_of(text)
    contend = by_cue(quotes, "contend")
    assert contend.text == "the detainee is now in foreign custody" and contend.kind == "indirect"
    bank = by_cue(quotes, "according to")
    assert bank.speaker_text == "the central bank" and bank.text == "Exports fell 4 percent last year"


def test_quotes_verbs_of_doing_are_not_quotes() -> None:
    assert quotes_of("The president invoked a rarely used law and the senate passed the bill.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “yes” and “no”.", ["“yes”", "“no”"]),
        ('She said "fine" today.', ['"fine"']),
        ("“Open\n\n“and on.” Next", ["“Open\n\n“and on.”"]),
        ("“Open but never closed\n\nNext paragraph.", ["“Open but never closed"]),
        ("A stray ” mark.", []),
    ],
)
def test_quotes_quotation_regions(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in quotation_regions(text)] == expected
