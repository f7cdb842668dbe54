"""What a sentence's main clause asserts: tense, state or happening, reported speech, a
heading run into it, and its subordinate parts."""

from __future__ import annotations

import pytest

from dateline.model import Clause, Tense

pytestmark = pytest.mark.slow


def clause(sentence: str) -> Clause:
    from dateline.analyze.clauses import find_clauses
    from dateline.analyze.nlp import parse

    (found,) = find_clauses(parse(sentence))
    return found


@pytest.mark.parametrize(
    "sentence, tense, stative",
    [
        ("Police arrested three men on Monday.", Tense.PAST, False),
        ("At least 50 people were killed in the blast.", Tense.PAST, False),
        ("The minister has resigned after a week of protests.", Tense.PERFECT, False),
        ("Boeing had previously hired a senior Air Force official.", Tense.PAST_PERFECT, False),
        ("The event will air live on three channels.", Tense.FUTURE, False),
        ("The auction is scheduled to take place on 17 December.", Tense.FUTURE, False),
        ("The hospital remains extremely stretched.", Tense.PRESENT, True),
        ("Delays have cost the company more than 6 billion dollars.", Tense.PERFECT, True),
        ("He is survived by his mother and eight siblings.", Tense.PRESENT, True),
        ("A quake of this power could cause damage anywhere.", Tense.MODAL, False),
        ("Haiti was especially vulnerable.", Tense.PAST, True),
    ],
)
def test_tense_and_state_of_the_main_clause(sentence, tense, stative):
    found = clause(sentence)
    assert (found.tense, found.stative) == (tense, stative)


def test_reported_speech_keeps_what_was_said_apart():
    found = clause("The president has resigned, the agency said on Tuesday.")
    assert found.reports and found.tense is Tense.PAST
    assert found.reported_tense is Tense.PERFECT and not found.reported_stative
    reported = "The president has resigned"
    start = found.start
    assert found.main_clause_holds(start, start + len(reported))  # the news is what was said
    plan = clause("Promoters said the group will perform at the tribute on 8 October.")
    assert plan.reports and plan.reported_tense is Tense.FUTURE
    start = plan.start + len("Promoters said the group will perform at the tribute on ")
    assert not plan.main_clause_holds(start, start + len("8 October"))


@pytest.mark.parametrize(
    "sentence, glued",
    [
        (
            "Emmanuel Etienne was terrified he would lose his leg Emmanuel Etienne may be "
            "badly injured in a field hospital.",
            True,
        ),
        (
            "The photos have now been removed from Facebook Puerto Rico has launched an "
            "investigation into a group of its doctors.",
            True,
        ),
        ("Aid from Puerto Rico has arrived at the airport in the capital.", False),
        ("In Haiti President Preval said the toll could reach 100,000.", False),
        ("Mubarak told ABC News on Thursday that he would like to step down.", False),
        ("Cheryl Cole sang while Rod Stewart said he could not think of a better song.", False),
        ("Boeing executive Michael Sears arranged a job for an Air Force official.", False),
        ("Page last updated at 23:19 GMT, Tuesday, 19 January 2010 Born amid the ruins.", True),
        ("Producer/Jane Doe for the BBC In the first programme she talks to farmers.", True),
        ("By Jane Doe, CNN It was 17 days of unrest that prompted the army to act.", True),
        ("By Friday Mr Smith had resigned from the board of the company.", False),
        ("7 November 2011 Last updated at 21:40 GMT Help The doctor was found guilty.", True),
        ("At 01:20 24th Mar 2010, Tanya wrote: Happy birthday to the band from all of us.", True),
        ("At 6:53 P.M. on Jan 13, 2010, Jo Clark wrote: My thoughts are with the people.", True),
        (
            "Reed died in June 2009 at the age of 50 However, one has been referred to the "
            "state medical board for prescribing drugs under an alias.",
            True,
        ),
        ("However, one doctor has been charged, and the clinic is closed.", False),
        (
            "Iain Carter, golf correspondent, Norman Smith Chief political correspondent, "
            "BBC News Channel Tony Smith from a police briefing in London 1626: Dominic "
            "Casciani Home affairs correspondent The BBC may edit your comments.",
            True,
        ),
        ("In 2010: the year the harbour flooded, the quay was closed for months.", False),
        (
            "First flu death in Spain More than 700 people have been infected in Spain A "
            "20-year-old woman has died in Madrid.",
            True,
        ),
        (
            'Charlie was " inspirational " The prime minister has praised the boy.',
            True,
        ),
        (
            "Doubts prompt tests rethink Wednesday 17 June 2009 19.29 BST Scores of cases "
            "may have been wrongly diagnosed.",
            True,
        ),
        ("The court in The Hague will rule on the case next week.", False),
        ("Delegates met in Geneva on Monday and The talks went on.", False),
        ("Vitamin A deficiency has been found in the children.", False),
        (
            "Pacquiao knocked out Hatton last weekend Health officials in the Philippines "
            "have asked the boxer to donate.",
            True,
        ),
        (
            "Experts suspect flu has killed more than 100 people in Mexico As concern about "
            "flu grows, the BBC asks.",
            True,
        ),
        ("He told reporters Harbour officials had left the port.", False),
        ("This article was amended on Friday 29 May 2009.", True),
        ("This series is scheduled to broadcast at 11pm each weekday.", True),
        ("TW) fell 4 percent after dropping 7 percent in the previous session.", True),
        ("Shares of the firm (TW) fell 4 percent on Monday.", False),
        ("It is unclear whether the talks will go on.)", False),
        ("Particle accelerator at CERN In the autumn of 2008, the world watched.", True),
        ("He played at Live Aid in 1985 and toured the next year.", False),
        ("You cannot discount how important President Obama is to voters.", False),
    ],
)
def test_a_heading_run_into_a_sentence_is_seen(sentence, glued):
    assert clause(sentence).glued is glued


def test_times_of_relative_clauses_and_since_phrases_are_not_the_main_clause():
    sentence = "Protesters, who were driven out in 2006, have marched since January."
    found = clause(sentence)
    for part in ("2006", "January"):
        start = sentence.index(part)
        assert not found.main_clause_holds(start, start + len(part))
    start = sentence.index("marched")
    assert found.main_clause_holds(start, start + len("marched"))


def test_a_question_is_marked():
    assert clause("Where is God in Haiti?").question


@pytest.mark.parametrize(
    "sentence, part, main",
    [
        ("Martha married Herbert in 1898 and Minnie married John in 1902.", "1902", False),
        ("Martha married Herbert in 1898 and Minnie married John in 1902.", "1898", True),
        ("The youth movement of January 25 has changed the country.", "January 25", False),
        ("The talks on Monday ended without agreement.", "Monday", True),
    ],
)
def test_a_second_clause_and_a_things_date_are_not_the_main_clauses(sentence, part, main):
    found = clause(sentence)
    start = sentence.index(part)
    assert found.main_clause_holds(start, start + len(part)) is main


def test_a_time_taken_from_another_happening_is_marked():
    assert clause("Within minutes of the quake, a plume of dust rose from the capital.").anchored
    assert clause("He has since remixed several acts.").anchored
    assert not clause("Police arrested three men on Monday.").anchored


def test_a_clause_before_a_heading_noun_is_not_its_predicate():
    found = clause(
        "As it happened: Haiti earthquake 14 Jan Live coverage following Tuesday's earthquake "
        "in Haiti."
    )
    assert found.tense is Tense.NONE


def test_a_subordinate_clause_the_parser_made_the_root_is_not_the_main_clause():
    from spacy.tokens import Doc

    from dateline.analyze.clauses import find_clauses
    from dateline.analyze.nlp import load_nlp

    # as the parser read it inside its article: "pointed" the root, "go" its conjunct
    words = ["As", "has", "been", "pointed", "out", ",", "most", "cases", "go", "unrecorded", "."]
    heads = [3, 3, 3, 3, 3, 3, 7, 8, 3, 8, 3]
    deps = ["mark", "aux", "auxpass", "ROOT", "prt", "punct", "amod", "nsubj", "conj", "acomp"]
    deps.append("punct")
    pos = ["SCONJ", "AUX", "AUX", "VERB", "ADP", "PUNCT", "ADJ", "NOUN", "VERB", "ADJ", "PUNCT"]
    tags = ["IN", "VBZ", "VBN", "VBN", "RP", ",", "JJS", "NNS", "VBP", "JJ", "."]
    lemmas = ["as", "have", "be", "point", "out", ",", "most", "case", "go", "unrecorded", "."]
    doc = Doc(load_nlp().vocab, words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)
    (found,) = find_clauses(doc)
    assert found.verb == "go" and found.tense is Tense.PRESENT


def test_a_running_total_is_a_state():
    assert clause("To date, 149 confirmed orders for the aircraft have been received.").stative
    assert clause("So far, 40 people have died of the disease.").stative
    assert not clause("Forty people have died of the disease.").stative


def test_the_time_of_a_possessed_thing_is_not_the_main_clause():
    sentence = "The meeting began on a somber note, with last week's crash still unexplained."
    found = clause(sentence)
    start = sentence.index("last week")
    assert not found.main_clause_holds(start, start + len("last week"))


def test_the_time_of_a_happening_the_clause_only_mentions_is_its_own():
    sentence = (
        "Judge Pastor has ruled the defense can not call witnesses to testify about "
        "Jackson's 2005 trial."
    )
    start = sentence.index("2005")
    assert not clause(sentence).main_clause_holds(start, start + 4)
    told = "The 2004 earthquake was the third biggest quake since 1900."
    assert clause(told).main_clause_holds(4, 8)  # the subject's time is the clause's
    during = "McCain entered them into the record during a speech last week."
    start = during.index("last week")
    assert clause(during).main_clause_holds(start, start + 9)  # the clause's own time


def test_a_participle_capitalised_after_a_word_opens_a_lost_sentence():
    caption = (
        "Many waited in the streets during Wednesday Speaking to reporters, a spokesman said "
        "there was little news."
    )
    assert clause(caption).glued
    assert not clause("Speaking to reporters, a spokesman said there was little news.").glued


def test_a_byline_for_an_outlet_run_into_the_lede_is_furniture():
    assert clause("By Jane Doe for CNN Ban Ki-moon said leaders must protect protesters.").glued
    assert not clause("By Tuesday night the crowds had gone.").glued


def test_a_clause_set_in_something_told_before_is_anchored():
    assert clause("In it, he spoke about democracy and warned governments.").anchored
    assert not clause("In Cairo, he spoke about democracy.").anchored


def test_a_list_of_links_to_other_stories_is_furniture():
    from dateline.analyze.clauses import find_clauses
    from dateline.analyze.nlp import parse

    text = (
        "Thousands gathered in Cairo on Friday.\n\n"
        "Dead councilwoman faced possible sanctions: A councilwoman was found dead Tuesday.\n\n"
        "Facebook launches pages redesign: Facebook has begun rolling out a redesign.\n\n"
        "The protests went on: Crowds stayed in the square overnight."
    )
    glued = [c.glued for c in find_clauses(parse(text))]
    assert glued == [False, True, True, True]
    alone = "Thousands gathered.\n\nThe protests went on: Crowds stayed in the square overnight."
    assert not any(c.glued for c in find_clauses(parse(alone)))


def test_a_speakers_label_or_a_date_is_no_title_of_a_link():
    assert not clause("The tremor hit at 1653 (2153 GMT), south-west of the capital.").glued


def test_the_day_of_a_named_happening_is_its_own():
    sentence = "Police identified the suspects in the Sunday shooting as John Doe."
    found = clause(sentence)
    start = sentence.index("Sunday")
    assert not found.main_clause_holds(start, start + 6)
