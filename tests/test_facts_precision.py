"""Facts a reader can trust: one test per class of error seen on real news (sentences our own).

Each sentence below was written for these tests; the errors they pin were seen on real pages.
"""

from __future__ import annotations

import json

import pytest

import newsdesk
from newsdesk import Article
from newsdesk.analyze.figures import find_figures


def analysed(text: str, published: str | None = "2024-03-06") -> Article:  # a Wednesday
    return newsdesk.analyze(Article(text=text, published=published))


# -- speakers: a wrong name is worse than none ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Harbour pilot and union leader Tom Baker said the port was “far too crowded” now.", "Tom Baker"),
        ("Residents and Mayor Ann Lee said the bridge was “a disgrace”.", None),  # two speakers
        ("The chief and Ann Lee said the plan was “dead”.", None),
    ],
)
def test_facts_two_titles_joined_to_one_name_are_that_person(text: str, name: str | None) -> None:
    (quote,) = analysed(text).quotes
    assert quote.speaker_name == name


def test_facts_a_pronoun_in_a_joined_clause_keeps_that_clauses_subject() -> None:
    text = (
        "Governor Tom Hale visited the plant on Friday. After the owner and her staff protested, "
        "Hale did not close it, but he later wrote that “the plant must be made safe.”"
    )
    (quote,) = analysed(text).quotes
    assert quote.speaker_name == "Tom Hale"
    two = "Tom Hale and Ann Lee met the board, but she wrote that “the vote was rigged.”"
    assert [q.speaker_name for q in analysed(two).quotes] == [None]  # either of two: nobody


def test_facts_pronoun_after_another_person_took_the_stand_is_not_given_the_first_one() -> None:
    article = analysed(
        "Senator Maria Lopez questioned the contractor for an hour on Tuesday.\n\n"
        "Then a witness took the stand. “I now do recall the meeting,” she said."
    )
    (quote,) = [q for q in article.quotes if "recall" in q.text]
    assert quote.speaker_text == "she" and quote.speaker_name is None


def test_facts_pronoun_of_the_other_gender_is_not_given_to_the_only_person_named() -> None:
    article = analysed(
        "Mr Daniel Okafor, the club's chairman, opened the meeting. He thanked the staff.\n\n"
        "“We will need a leaner organisation,” she said."
    )
    (quote,) = article.quotes
    assert quote.speaker_name is None


def test_facts_run_of_quotes_by_one_speaker_keeps_the_speaker() -> None:
    article = analysed(
        "“The harbour will reopen in May,” said port director Helena Varga.\n\n"
        "“We have rebuilt the north pier,” she said. “The ferries come back first.”"
    )
    assert [q.speaker_name for q in article.quotes] == ["Helena Varga", "Helena Varga"]


def test_facts_a_quotation_standing_alone_in_a_profile_is_its_subjects() -> None:
    article = analysed(
        "Pitcher Sam Ortiz grew up playing three sports in a small town. "
        "“I played baseball and football all through high school.” He chose baseball."
    )
    (quote,) = article.quotes
    assert (quote.speaker_name, quote.speaker_text, quote.cue_text) == ("Sam Ortiz", None, None)


def test_facts_a_quotation_after_someone_we_could_not_name_is_not_carried_to_another() -> None:
    article = analysed(
        "“The plan is sound,” spokesman Ravi Patel said.\n\n"
        "Minister Tom Reed should “stay within his mandate,” he said.\n\n"
        "“Our reactors are as safe as anyone's.”"
    )
    assert all(q.speaker_name != "Tom Reed" for q in article.quotes)


def test_facts_a_pronoun_after_a_possessive_mention_gives_that_person_no_gender() -> None:
    article = analysed(
        "Paul Brandt signed the pardon in 2019.\n\n"
        "Anna Kowal and Maria Ruiz spoke to reporters about Brandt's decision.\n\n"
        "“Nobody read the file,” she said."
    )
    (quote,) = article.quotes
    assert quote.speaker_text == "she" and quote.speaker_name is None


def test_facts_a_pronoun_whose_sentence_named_one_person_before_it_is_theirs() -> None:
    article = analysed(
        "Mr Victor Dunn and Mr Carl Meyer met the board in March.\n\n"
        "When Meyer became chairman in 2020, he said he would review every contract."
    )
    (quote,) = article.quotes
    assert quote.speaker_name == "Carl Meyer"


def test_facts_a_surname_the_recogniser_missed_still_counts_as_that_person() -> None:
    article = analysed(
        "Coach Nina Berg praised the young squad.\n\n"
        "Tomas Lind and Petra Holm both reached the final. Holm meets the top seed on Friday, and Lind plays "
        "Saturday.\n\n"
        "Berg said she felt it was time for new players. “I think we have been doing well for a year or two,” "
        "she said."
    )
    (quote,) = [q for q in article.quotes if "doing well" in q.text]
    assert quote.speaker_name == "Nina Berg"


def test_facts_nobody_named_by_no_doctor_is_not_an_antecedent() -> None:
    article = analysed(
        "Farmer Tom Avery says the mobile masts make him ill. No doctor has confirmed his condition.\n\n"
        "He said his life had been turned upside down."
    )
    (quote,) = [q for q in article.quotes if "upside down" in q.text]
    assert (quote.speaker_name or "").endswith("Tom Avery")


def test_facts_it_after_an_organisations_statement_is_that_organisation() -> None:
    article = analysed(
        "The Coastal Health Agency said all six families had been told. "
        "But it admitted that some doctors may not have called their patients yet."
    )
    (quote,) = [q for q in article.quotes if "doctors" in q.text]
    assert quote.speaker_text == "it" and quote.speaker_name == "Coastal Health Agency"


def test_facts_it_after_another_organisation_was_named_is_left_alone() -> None:
    article = analysed(
        "The Coastal Health Agency said all six families had been told. The Red Cross sent nurses. "
        "But it admitted that some doctors may not have called their patients yet."
    )
    (quote,) = [q for q in article.quotes if "doctors" in q.text]
    assert quote.speaker_name is None


def test_facts_a_countrys_office_holder_is_the_one_person_with_that_title() -> None:
    article = analysed(
        "Defense Minister Omar Haddad met Prime Minister Lina Saleh on Monday.\n\n"
        "In an interview published Tuesday, Jordan's defense minister said the army would need two more years."
    )
    (quote,) = [q for q in article.quotes if "army" in q.text]
    assert quote.speaker_name == "Omar Haddad"


def test_facts_a_group_is_not_a_speakers_name() -> None:
    article = analysed("At least two Colorado Republicans running for Congress said they oppose the measure.")
    (quote,) = article.quotes
    assert "Republicans" in (quote.speaker_text or "") and quote.speaker_name is None


def test_facts_a_place_parsed_as_subject_before_a_player_is_not_the_speaker() -> None:
    article = analysed(
        "The Jaguars beat the Broncos 29-22 in Denver on Dec. 16. "
        'Denver running back Marcus Hale calls them "the Broncos of the South."'
    )
    (quote,) = article.quotes
    assert quote.speaker_name == "Marcus Hale"


def test_facts_a_report_speaks_for_the_one_author_named_before() -> None:
    article = analysed(
        "The dispute has reached an impasse, according to a report by the Coastal Policy Institute, "
        "a research group in Geneva.\n\n"
        "“Neither side is ready to give ground,” the report said."
    )
    (quote,) = [q for q in article.quotes if "ground" in q.text]
    assert quote.speaker_name == "Coastal Policy Institute"


def test_facts_a_report_speaks_for_the_one_who_said_things_in_it() -> None:
    article = analysed(
        "The audit of the ward was damning. “Staff ignored the rules,” Mr Tom Rivers said in the report.\n\n"
        "“No one dares complain,” the report said."
    )
    (quote,) = [q for q in article.quotes if "dares" in q.text]
    assert quote.speaker_name == "Tom Rivers"
    two = analysed(
        "“Staff ignored the rules,” Mr Tom Rivers said in the report. "
        "Ann Ruiz wrote in the audit that wards were full.\n\n"
        "“No one dares complain,” the report said."
    )
    assert [q.speaker_name for q in two.quotes if "dares" in q.text] == [None]  # two authors: nobody


def test_facts_a_report_by_a_longer_name_is_not_given_to_its_first_part() -> None:
    article = analysed(
        "A new report released by Harlow University's Centre on Housing questions the plan.\n\n"
        "“Rents rose faster than wages,” the report said."
    )
    (quote,) = [q for q in article.quotes if "Rents" in q.text]
    assert quote.speaker_name in (None, "Harlow University's Centre on Housing")


def test_facts_a_quotation_introduced_by_someone_unnamed_is_not_carried_to_the_last_speaker() -> None:
    article = analysed(
        "“Tools alone will not fix this,” analyst Rita Moreno said.\n\n"
        "One survey respondent put it this way: “We must remember that software is only one tool.”"
    )
    (quote,) = [q for q in article.quotes if "only one tool" in q.text]
    assert quote.speaker_name is None and quote.speaker_text == "One survey respondent"


def test_facts_a_described_speaker_keeps_who_they_speak_for() -> None:
    article = analysed("A spokesman for Minister Ellen Shaw said she would visit the flooded towns.")
    (quote,) = article.quotes
    assert quote.speaker_text == "A spokesman for Minister Ellen Shaw"


def test_facts_an_inverted_cue_takes_the_name_right_after_it() -> None:
    article = analysed(
        "“When the scouts saw my swing, they saw the hunger, the will to win,” said Okafor, who has "
        "since won six titles."
    )
    (quote,) = article.quotes
    assert quote.speaker_text == "Okafor" and "hunger" in quote.text


def test_facts_quoted_as_saying_is_said_by_the_one_quoted() -> None:
    article = analysed(
        "The finance minister, Lena Park, was quoted as saying: “By our count the fund will be empty by 2030.”"
    )
    (quote,) = article.quotes
    assert quote.speaker_name == "Lena Park"


def test_facts_a_source_cited_inside_a_quotation_leaves_the_quotation_to_its_speaker() -> None:
    article = analysed(
        "Divers searched the harbour at dawn.\n\n"
        "“According to the harbour master, the boat left an hour before the storm,” Inspector Ruth Adler said.\n\n"
        "The search resumes on Thursday."
    )
    (quote,) = article.quotes
    assert (quote.kind, quote.speaker_name, quote.cue_text) == ("direct", "Ruth Adler", "said")
    assert quote.text.startswith("“According to the harbour master")


# -- attributions: acts of saying and writing only ----------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry declined to comment on the contract.",
        "The company agreed to pay the fine in March.",
        "The carmaker is expected to lay off 2,000 workers.",
        "Researchers found that the river had warmed.",
        "The survey shows that most tenants want longer leases.",
        "Officials know that the bridge needs repairs.",
        "The mayor signed the order on Monday.",
        "The council invoked an emergency rule to close the market.",
        'Farmers in nearby valleys want to make "Gorgonzola" cheese too.',  # a name in quotes is no one's words
        "Most of the time they stay silent, revealing that the records are old.",  # a time is no source
        "The minister did not say when the bridge would reopen.",
        "The club declined to say how much the striker cost.",
        "Reporters contacted the bank, asking its press office for comment on the fees.",
        "The premier may announce new relief measures on Friday.",  # not said yet
        "Who would argue that the trains run on time?",  # a question, nobody's words
    ],
)
def test_facts_beliefs_findings_and_deeds_are_not_attributions(sentence: str) -> None:
    assert analysed(sentence).quotes == ()


def test_facts_most_of_a_group_can_speak() -> None:
    article = analysed("Most of them said the plan would fail, and some of the workers agreed.")
    assert [q.speaker_text for q in article.quotes] == ["Most of them"]


def test_facts_question_marks_where_a_scraper_lost_line_breaks_end_sentences() -> None:
    text = (
        'The mayor admitted the plan had failed, saying the budget was too small.??"We built half a bridge," '
        'said Sarah Collins, the city engineer.??"Nobody wants that," Collins said.'
    )
    quotes = analysed(text).quotes
    assert [(q.text, q.speaker_name) for q in quotes if q.kind == "direct"] == [
        ('"We built half a bridge,"', "Sarah Collins"),
        ('"Nobody wants that,"', "Sarah Collins"),
    ]
    assert all("??" not in q.text for q in quotes)


def test_facts_a_description_beside_a_name_describes_that_name() -> None:
    text = (
        "Port Minister Sarah Collins visited the docks on Monday. The fire started at dawn, said Peter Walsh, "
        "the Port Authority spokesman. He said the crews had the blaze under control by noon."
    )
    assert [q.speaker_name for q in analysed(text).quotes] == ["Peter Walsh", "Peter Walsh"]


def test_facts_reported_words_end_where_the_reporter_goes_on() -> None:
    (quote,) = analysed('The minister said the reform had gone "very smoothly," citing a drop in complaints.').quotes
    assert quote.text.startswith("the reform") and "citing" not in quote.text


def test_facts_a_vow_made_on_a_day_keeps_what_was_vowed() -> None:
    (quote,) = analysed('Prime Minister Sarah Collins vowed on Monday to "crush" the smugglers soon.').quotes
    assert "crush" in quote.text and quote.speaker_name == "Sarah Collins"


def test_facts_a_title_right_after_a_speakers_words_is_that_speaker() -> None:
    text = (
        "Sarah Collins insisted that the bridge was safe. "
        '"It will stand for a century, whatever the critics say," the transport chief wrote.'
    )
    assert [q.speaker_name for q in analysed(text).quotes] == ["Sarah Collins", "Sarah Collins"]


def test_facts_a_description_named_in_the_next_attribution_is_that_person() -> None:
    text = (
        "In an interview, the country's defence minister said the army could not guard the border until 2030.\n"
        '"We need ten more years to train enough soldiers," the minister, Tom Berg, was quoted as saying.'
    )
    assert [q.speaker_name for q in analysed(text).quotes] == ["Tom Berg", "Tom Berg"]
    # the words of another title do not name it: "campaign spokeswoman X" is not "the campaign"
    text = (
        "The campaign told reporters the candidate would not sign the pledge.\n"
        '"Voters have decided this twice," campaign spokeswoman Michelle Yi said.'
    )
    assert [q.speaker_name for q in analysed(text).quotes] == [None, "Michelle Yi"]


def test_facts_a_misspelt_surname_is_the_person_it_almost_names() -> None:
    article = analysed(
        "Cycling chief Pat McQuaid opened the meeting. Later McQaid said the union would stay out of it."
    )
    assert [q.speaker_name for q in article.quotes] == ["Pat McQuaid"]


def test_facts_declining_to_comment_is_a_marker_on_the_source_not_a_quote() -> None:
    article = analysed(
        "Health Minister Ana Ruiz declined to comment on the audit. "
        "The contractor did not respond to a request for comment."
    )
    assert article.quotes == ()
    assert [(n.speaker_name, n.speaker_text) for n in article.no_comment] == [
        ("Ana Ruiz", "Health Minister Ana Ruiz"),
        (None, "The contractor"),
    ]


def test_facts_belief_with_the_sources_quoted_words_is_an_attribution() -> None:
    article = analysed("Union leader Kofi Mensah hopes the talks will bring “a fair deal for everyone” soon.")
    (quote,) = article.quotes
    assert quote.kind == "mixed" and quote.speaker_name == "Kofi Mensah"


def test_facts_content_of_told_is_the_quotation_not_the_listeners() -> None:
    article = analysed("“Don't mind me!” the goalkeeper told them as he walked off the pitch.")
    (quote,) = article.quotes
    assert "mind me" in quote.text and quote.text != "them"


def test_facts_a_thing_or_the_writer_is_not_a_speaker() -> None:
    text = "The figures added weight to the plan.\n\nI say good luck to the new owners."
    assert analysed(text).quotes == ()


def test_facts_a_list_of_talks_is_not_a_transcript() -> None:
    text = "Ana Ruiz: How I learned to sail alone across the bay.\n\nTom Berg: Why cities need more trees in them."
    assert analysed(text).quotes == ()


# -- figures: never the never-figures -----------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The alarm went off at 12:24 am.",
        "United won the final 6-4 after extra time.",
        "Call the helpline on 555-201-8899 today.",
        "Image 1 of 5",
        "The embassy is at 12 Harbour Street.",
        "Write to the Valley Courier, 310 W. Elm St., Fairview, KS 66042.",
        "She reread Fifty Shades on the train.",
        "Posted 08/09/2012 by the desk.",
        "1. Nobody reads the terms",
        "Odds were 50/50 at best.",
        "The fix ships in version 1.8.3 of the app.",
        "The doors open at 9:49am sharp.",
    ],
)
def test_facts_clock_times_scores_phones_labels_and_names_are_not_figures(sentence: str) -> None:
    assert find_figures(sentence) == []


def test_facts_a_year_before_was_is_a_date_not_a_figure() -> None:
    article = analysed("The takeover in 2005 was accompanied by protests.")
    assert [d.text for d in article.dates] == ["2005"] and article.figures == ()


def test_facts_a_year_after_a_preposition_is_no_count_of_the_verb_after_it() -> None:
    figures = find_figures("A photo taken in 1986 shows the old pier. The plan calls for 1,986 new berths.")
    assert [(f.text, f.value, f.unit) for f in figures] == [("1,986 new berths", 1986.0, "berths")]
    assert [f.text for f in find_figures("The mayor won by 1800 votes.")] == ["1800 votes"]


def test_facts_table_cells_poll_shares_and_article_counters_are_not_figures() -> None:
    # what a scraper keeps of a stats box, a reader poll and an archive's length notice: numbers with
    # no sentence to say what they are; the story's own sentence keeps its figure
    page = (
        "Season in numbers\n\nAces\n\n12\n\nFirst-serve accuracy\n\n61.4%\n\nBest round\n\n-7\n\n"
        "Which team will win?\n\nThe home side\n\n48%\n\n"
        "She won 61 percent of first-serve points, the coach said.\n\n"
        "The full article contains 512 words and appears in the Evening Post."
    )
    assert [(f.text, f.value) for f in find_figures(page)] == [("61 percent", 61.0)]
    # a figure heading its own line with a word beside it says what it is
    assert [f.text for f in find_figures("$4 million grant\n\nThe town got the money.")] == ["$4 million"]
    assert [f.text for f in find_figures("347 people came.")] == ["347 people"]  # a sentence of its own


def test_facts_numbers_in_words_count_the_noun_after_their_adjectives() -> None:
    figures = find_figures("The ministry sent two French doctors, three other ships and six affected women home.")
    assert [(f.text, f.value, f.unit) for f in figures] == [
        ("two French doctors", 2.0, "doctors"),
        ("three other ships", 3.0, "ships"),
        ("six affected women", 6.0, "women"),
    ]
    assert find_figures("One of the key players left.") == []  # "one" alone is too often no figure


def test_facts_durations_in_words_are_not_figures_and_measured_ones_are_their_own_kind() -> None:
    # the annotation guide puts "for three years" beside ages and ranks: no figure a reader cites
    assert find_figures("The strike lasted three weeks.") == []
    (measured,) = find_figures("The samples were kept at 4 °C.\nThe talks lasted 186 minutes.")[1:]
    assert (measured.kind, measured.value) == ("duration", 186)


@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit"),
    [
        ("He sank a 70-yard shot.", "70-yard", 70, "yards"),
        ("The rookie, listed at 6-foot-4, signed on Friday.", "6-foot-4", 76, "inches"),
        ("The team drafted the 6’5” pitcher.", "6’5”", 77, "inches"),
        ("The lineman is a 230-pound rookie.", "230-pound", 230, "lb"),
        ("The ride covers a 650 kilometer route.", "650 kilometer", 650, "km"),
        ("Rent ate about one-third of their pay.", "one-third", 1 / 3, "fraction"),
        ("She signed a $9.5-million contract.", "$9.5-million", 9.5e6, "USD"),
        ("Stadium upgrades cost £100m last year.", "£100m", 1e8, "GBP"),
        ("Calls cost 3 cents a minute.", "3 cents", 0.03, "USD"),
        ("The Â£790million takeover was approved.", "Â£790million", 7.9e8, "GBP"),  # "£" read in the wrong encoding
        ("Nearly two dozen of her supporters were hurt.", "two dozen", 24, "supporters"),
    ],
)
def test_facts_figures_written_as_one_word_with_a_scale_or_in_a_subunit(
    sentence: str, text: str, value: float, unit: str
) -> None:
    (figure,) = find_figures(sentence)
    assert (figure.text, figure.unit) == (text, unit) and figure.value == pytest.approx(value)


def test_facts_the_noun_a_number_counts_may_be_capitalised_qualified_or_after_of() -> None:
    figures = find_figures("Three more inspectors and five UN crew members met the mayor.")
    assert [(f.text, f.unit) for f in figures] == [
        ("Three more inspectors", "inspectors"),
        ("five UN crew members", "members"),
    ]
    figures = find_figures("Police held 21 of their last 22 suspects.")
    assert [(f.value, f.unit) for f in figures] == [(21, "suspects"), (22, "suspects")]
    # an adjective that ends in -s is no noun: "previous" is not what is counted
    assert [f.unit for f in find_figures("They lost two previous matches here.")] == ["matches"]


def test_facts_a_bare_number_in_a_list_counts_what_the_first_item_counts() -> None:
    figures = find_figures("Norway has well over 300 ferries, Chile around 120, Greece about 90. In 2020, 45 sank.")
    assert [(f.value, f.unit) for f in figures] == [(300, "ferries"), (120, "ferries"), (90, "ferries"), (45, None)]
    assert [(f.unit, f.kind) for f in find_figures("More than 50 para-police patrolled.")] == [("para-police", "count")]


@pytest.mark.parametrize(
    ("text", "mention", "unit"),
    [
        ("The striker netted 12 goals in the cup. In the league he netted 9, a career best.", "9", "goals"),
        ("Three workers were hurt, and more than 40 others were sent home.", "40 others", "workers"),
        ("Forecasters expect an overnight low of 28 with light snow and cloudy skies.", "28", "degrees"),
        ("The derby drew a crowd of about 31,000 on a wet night.", "31,000", "spectators"),
        ("The hall was loud for the 9,412 in attendance.", "9,412", "spectators"),
        ("Every year about 1,200 die on the region's roads.", "1,200", "deaths"),
        ("She ended the season with a 2.91 ERA and a winning record.", "2.91 ERA", "ERA"),
        ("The oak has 40 branches, and each of those branches has 12 of its own.", "12", "branches"),
        ("The download shrank to 31 megs after compression.", "31 megs", "megabytes"),
    ],
)
def test_facts_a_bare_number_takes_the_unit_its_story_implies(text: str, mention: str, unit: str) -> None:
    (figure,) = [f for f in find_figures(text) if f.text == mention]
    assert figure.unit == unit and figure.kind != "number"


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("The index touched a high of 4,100 before the close.", "4,100"),  # not the weather
        ("Mara Lenz, 52, died at home on Sunday.", "52"),  # an age, not a number of deaths
        ("He installed the Atlas 3 SDK on the office machines.", "3"),  # a name holds the number
        ("Police held 14 protesters overnight and said 9 were released.", "9"),  # no verb to carry the noun
        ("Rescuers pulled a girl from the rubble; 4 others were found later.", "4 others"),  # nothing counted before
        ("The survey reached 640 IT decision makers in May.", "640"),  # the letters qualify a noun after them
        ("Reyes was the star of the 2019 NCAA final.", "2019"),  # a year before a name
    ],
)
def test_facts_a_bare_number_without_such_words_keeps_no_unit(text: str, mention: str) -> None:
    (figure,) = [f for f in find_figures(text) if f.text == mention]
    assert figure.unit in (None, "others")


def test_facts_a_time_or_a_team_after_a_figure_is_not_what_it_measures() -> None:
    article = analysed(
        "The club posted profits of $59 million for the 12 months to June. The keeper saved 31 shots for Leeds."
    )
    measures = {f.text: f.measures for f in article.figures}
    assert measures["$59 million"] != "the 12 months" and measures["31 shots"] != "Leeds"
    share = find_figures("About 19 percent say they would vote for him.")
    assert [f.measures for f in share] == [None]


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Tickets cost Rs 300 at the gate.", 300, "INR"),
        ("The transfer fee was CHF 5 million.", 5e6, "CHF"),
        ("Exports reached R$ 10 billion.", 1e10, "BRL"),
        ("The fine was 2 million euros.", 2e6, "EUR"),
        ("Posters sell for 15 SGD each.", 15, "SGD"),
    ],
)
def test_facts_currencies_beyond_the_dollar(sentence: str, value: float, unit: str) -> None:
    (figure,) = find_figures(sentence)
    assert (figure.kind, figure.value, figure.unit) == ("money", value, unit)


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("The lock forward, listed at 6-foot-5 and 240 pounds, joined in May.", "quantity"),
        ("After months in hospital she had whittled down to 80 pounds.", "quantity"),
        ("The club lost 30 million pounds last year.", "money"),
        ("A ticket to the final cost 40 pounds.", "money"),
    ],
)
def test_facts_pounds_beside_a_height_or_a_body_are_a_weight(sentence: str, kind: str) -> None:
    (figure,) = [f for f in find_figures(sentence) if "pounds" in f.text]
    assert figure.kind == kind


def test_facts_ranges_and_lists_before_their_unit() -> None:
    (services,) = find_figures("The line will run four to six services a day.")
    assert (services.value, services.value_max, services.unit) == (4, 6, "services")
    first, second = [f for f in find_figures("The two parcels weighed 6 and 13 kg.") if f.text[0].isdigit()]
    assert (first.value, first.unit, second.value, second.unit) == (6, "kg", 13, "kg")


def test_facts_figures_in_a_run_of_glued_markup_measure_nothing_and_copy_nothing() -> None:
    # left-over table markup with no spaces is one "word" of 60,000 characters holding 4,000 numbers
    text = "Results table\n\n" + "<tr><td>1</td><td>2</td></tr>" * 2000 + "\n\nThe club signed 3 young defenders."
    figures = analysed(text).figures
    assert all(len(f.measures or "") <= 100 for f in figures)
    assert [f.measures for f in figures if f.text.startswith("3 young")] == ["young defenders"]


def test_facts_what_a_figure_measures_comes_from_the_parse() -> None:
    article = analysed("Remittances grew 12 percent last year. The club signed 3 young defenders.")
    measures = {f.text: f.measures for f in article.figures}
    assert measures == {"12 percent": "Remittances", "3 young defenders": "young defenders"}


# -- dates -----------------------------------------------------------------------------------


def test_facts_weekday_follows_the_tense_of_its_clause() -> None:
    past = analysed("The suspect was arrested Tuesday near the station.")  # published Wednesday 6 March
    future = analysed("The board will meet Tuesday to vote on the budget.")
    assert past.dates[0].start == "2024-03-05" and future.dates[0].start == "2024-03-12"


def test_facts_month_in_a_future_sentence_is_the_coming_one() -> None:
    article = analysed("The new terminal will open in February, the airport said.")
    assert article.dates[0].start == "2025-02-01"


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Attendance fell last summer.", "2023-06-01", "2023-08-31"),
        ("The plant closed two years ago.", "2022-01-01", "2022-12-31"),
        ("Prices rose in the first quarter of 2023.", "2023-01-01", "2023-03-31"),
        ("Trade grew in the late 1990s.", "1995-01-01", "1999-12-31"),
        ("The vote was held last August.", "2023-08-01", "2023-08-31"),
        ("Sales were weak earlier this year.", "2024-01-01", "2024-03-31"),
    ],
)
def test_facts_relative_spans_resolve_against_publication(text: str, start: str, end: str) -> None:
    (date,) = analysed(text).dates
    assert (date.start, date.end) == (start, end)


def test_facts_yesterday_inside_a_quote_counts_from_the_day_it_was_said() -> None:
    article = analysed("“We signed the deal yesterday,” the minister said on Monday. The vote is today.")
    assert [(d.text, d.start) for d in article.dates] == [
        ("yesterday", "2024-03-03"),  # the day before Monday 4 March, not before publication
        ("Monday", "2024-03-04"),
        ("today", "2024-03-06"),
    ]


def test_facts_today_in_a_quote_from_last_nights_event_is_that_night() -> None:
    # published Wednesday morning about Tuesday night's match: the coach spoke on Tuesday
    text = (
        "The home side won 3-1 on Tuesday night at the river stadium.\n\n"
        "“We played with real courage today,” coach Dana Ruiz said.\n\n"
        "The squad travels north today for the next match."
    )
    article = analysed(text)
    assert [(d.text, d.start) for d in article.dates] == [
        ("Tuesday", "2024-03-05"),
        ("today", "2024-03-05"),  # inside the quote: the day of the match
        ("today", "2024-03-06"),  # the narration's today is publication day
    ]
    says = analysed(text.replace("coach Dana Ruiz said", "says coach Dana Ruiz"))
    assert [d.start for d in says.dates][1] == "2024-03-06"  # present tense: said now


def test_facts_a_story_day_long_before_publication_moves_no_quote() -> None:
    text = "The bridge opened on Friday, March 1.\n\n“Traffic is light today,” an engineer said."
    assert [d.start for d in analysed(text).dates if d.text == "today"] == ["2024-03-06"]


def test_facts_byline_date_line_is_not_a_story_date() -> None:
    article = analysed("Posted March 4, 2024 9:21 am\n\nThe museum reopened on Monday after repairs.")
    assert [d.text for d in article.dates] == ["Monday"]


def test_facts_a_blog_date_line_with_its_comment_count_is_not_a_story_date() -> None:
    article = analysed("On March 4, 2024 · Leave a Comment\n\nThe museum reopened on Monday after repairs.")
    assert [d.text for d in article.dates] == ["Monday"]
    assert analysed("March 1, 2024 | 4 Comments\n\nThe museum is open.").dates == ()


def test_facts_rolling_and_remaining_weeks_count_from_publication() -> None:
    text = "Repairs go on for the rest of this week. The pier reopens in the next week. Sales fell in the past week."
    assert [(d.text, d.start, d.end) for d in analysed(text).dates] == [
        ("the rest of this week", "2024-03-07", "2024-03-10"),
        ("the next week", "2024-03-06", "2024-03-13"),
        ("the past week", "2024-02-28", "2024-03-06"),
    ]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The fans watched the visitors score twice in Monday's first half.", "2024-03-04"),  # watched: past
        ("Then the team departs for a road trip beginning in Oslo on Friday.", "2024-03-08"),  # a schedule
        ("That includes the fire drill on Monday.", "2024-03-04"),  # a state tells no time: the last Monday
    ],
)
def test_facts_a_weekday_takes_the_tense_of_the_verb_that_governs_it(text: str, day: str) -> None:
    (date,) = analysed(text).dates
    assert date.start == day


def test_facts_a_timeline_entry_keeps_its_date() -> None:
    article = analysed("March 3, 2012: the company is founded\n\nJuly 24, 2012\n\nThe firm grew quickly.")
    assert [d.text for d in article.dates] == ["March 3, 2012"]  # the lone date line is the page's, not the story's


def test_facts_placeholder_publication_date_resolves_nothing_and_breaks_nothing() -> None:
    page = json.dumps({"@type": "NewsArticle", "headline": "Pier works", "datePublished": "0001-01-01T00:00:00Z"})
    html = (
        f'<html><head><script type="application/ld+json">{page}</script></head><body><article>'
        "<h1>Pier works</h1><p>The harbour board said on Monday that the pier would cost about "
        "four million dollars more than planned, officials said.</p></article></body></html>"
    )
    article = newsdesk.extract(html.encode(), facts=True)
    assert article.published is None and article.dates[0].start is None


def test_facts_publication_date_labelled_on_the_page_is_found() -> None:
    html = (
        "<html><body><div class='byline'>By Ana Ruiz | Published: Friday, January 18, 2008</div>"
        "<article><p>The harbour board said on Monday that the pier would cost about four million "
        "dollars more than planned, officials said after a long meeting.</p></article></body></html>"
    )
    assert newsdesk.extract(html.encode()).published == "2008-01-18"


# -- language -------------------------------------------------------------------------------


def test_facts_text_in_another_language_gets_no_english_rules_and_says_so() -> None:
    text = (
        "O governo disse que a inflação caiu para 4,5% em 2023, segundo o banco central. "
        "O ministro afirmou que os preços dos alimentos também caíram e que a economia vai crescer."
    )
    article = analysed(text)
    assert article.language == "pt" and article.entities == ()
    assert article.notes and article.notes[0].startswith("language pt")
    assert [d.text for d in article.dates] == ["2023"]
    # quotes from the cue and its clause alone, the speaker as written and never resolved to a name
    assert [(q.speaker_text, q.cue_text, q.text.split()[:3]) for q in article.quotes] == [
        ("O governo", "disse", ["a", "inflação", "caiu"]),
        ("O ministro", "afirmou", ["os", "preços", "dos"]),
    ]
    assert all(q.speaker_name is None for q in article.quotes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a speaker, a cue and a colon before the quotation; a pronoun stays a pronoun
            "港口管理局发言人李明表示：“今年的货运量比去年增加了很多。”他说：“我们还需要更多的工人。”"
            "换句话说，港口已经不够用了。",
            [("港口管理局发言人李明", "表示", "direct"), ("他", "说", "direct")],
        ),
        (  # the quotation first, then the cue and who spoke; a preposition ends the speaker
            'A diretora da escola falou sobre as obras. "Os alunos voltam na segunda-feira", '
            "acrescentou a diretora ao jornal local. Ela também disse que o ginásio fica fechado até março.",
            [("a diretora", "acrescentou", "direct"), ("Ela também", "disse", "indirect")],
        ),
        (
            'El alcalde dijo que el puente abrirá en mayo. "No habrá más retrasos", aseguró el alcalde en la radio.',
            [("El alcalde", "dijo", "indirect"), ("el alcalde", "aseguró", "direct")],
        ),
    ],
)
def test_facts_quotes_in_other_languages_come_from_punctuation_and_cue_words(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    quotes = analysed(text + " " + text).quotes  # twice: enough words for the language to be told
    assert [(q.speaker_text, q.cue_text, q.kind) for q in quotes] == expected * 2
    assert all(q.speaker_name is None and text.count(q.text) >= 1 for q in quotes)


def test_facts_a_short_english_line_is_not_taken_for_another_language() -> None:
    article = analysed("Jean de la Fontaine dies at home, aged 73")
    assert article.language is None and article.notes == ()


# -- confidence -------------------------------------------------------------------------------


def test_facts_every_fact_has_a_confidence_between_0_and_1(sample_bytes: bytes) -> None:
    article = newsdesk.extract(sample_bytes, facts=True)
    facts = [*article.quotes, *article.figures, *article.dates, *article.entities]
    assert facts and all(f.confidence is not None and 0 <= f.confidence <= 1 for f in facts)
    named = [q for q in article.quotes if q.kind == "direct" and q.speaker_name]
    unnamed = [q for q in article.quotes if q.speaker_name is None]
    assert min(q.confidence for q in named) > max(q.confidence for q in unnamed)  # type: ignore[type-var]


# -- entities --------------------------------------------------------------------------------


def test_facts_a_surname_with_a_clashing_title_is_another_person() -> None:
    article = analysed(
        "Hunter Biden, the former vice president's son, sat on the board of the firm.\n\n"
        "Vice President Biden said he had never discussed the firm with anyone."
    )
    people = {e.name: e.roles for e in article.entities if e.label == "person"}
    assert "Hunter Biden" in people and "Biden" in people
    assert "Vice President" not in people["Hunter Biden"]


def test_facts_a_clashing_title_before_the_full_name_is_still_another_person() -> None:
    article = analysed("Vice President Biden met Hunter Biden, his son, on Friday. Hunter Biden said little.")
    people = {e.name: e.roles for e in article.entities if e.label == "person"}
    assert "Vice President" not in people["Hunter Biden"]


def test_facts_a_courtesy_title_clashes_with_no_office() -> None:
    article = analysed(
        "Mohamed Adler, the head of the port authority, spoke in Hamburg on Monday. "
        "Mr Adler told reporters the plan was sound."
    )
    (adler,) = [e for e in article.entities if e.label == "person"]
    assert adler.name == "Mohamed Adler" and len(adler.mentions) == 2


def test_facts_an_entity_is_never_glued_across_a_comma() -> None:
    article = analysed("Coach Anna Berg praised the defence. Berg, Okafor and Lindqvist all scored twice.")
    assert not [e for e in article.entities if "," in e.name]
