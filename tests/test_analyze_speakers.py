"""The in-article speaker resolver: each quote's source as written, and the named speaker
it resolves to through names, titles, descriptions and pronouns (issue #12). Texts are
hand-written with made-up names; parsed with the real English model."""

from __future__ import annotations

import pytest

from dateline.analyze.mentions import find_mentions
from dateline.analyze.nlp import parse
from dateline.analyze.quotes import find_quotes
from dateline.model import Quote, ResolvedBy

pytestmark = pytest.mark.slow


def quotes_of(text: str) -> list[Quote]:
    doc = parse(text)
    return find_quotes(doc, find_mentions(doc))


def quote_with(quotes: list[Quote], words: str) -> Quote:
    [quote] = [q for q in quotes if words in q.text]
    return quote


def source(text: str, quote: Quote) -> str | None:
    if quote.source_start is None or quote.source_end is None:
        return None
    return text[quote.source_start : quote.source_end]


def named(text: str, quote: Quote) -> str | None:
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    return text[quote.speaker_start : quote.speaker_end]


ISSUE_TEXT = (
    "President Jean Dupont met the envoy in Paris on Monday. The talks were difficult, "
    "said a readout posted by Mr Alvarez on Telegram.\n\n"
    "“We will keep working with our partners,” the French President wrote on Telegram. "
    "He added: “We must keep up the pressure.”\n\n"
    "“I don't regard Novak as a bad guy,” he added.\n\n"
    "Mr Novak, who was in Delhi this week meeting the prime minister, said the talks "
    "were “complex”."
)


def test_speakers_title_resolves_to_the_person_named_with_it():
    quote = quote_with(quotes_of(ISSUE_TEXT), "keep working")
    assert source(ISSUE_TEXT, quote) == "the French President"
    assert quote.speaker == "Jean Dupont"
    assert named(ISSUE_TEXT, quote) == "Jean Dupont"
    assert quote.resolved_by is ResolvedBy.TITLE


def test_speakers_pronoun_after_a_title_is_the_title_holder():
    # "He added" follows "..., the French President wrote", not the last name (Alvarez)
    quote = quote_with(quotes_of(ISSUE_TEXT), "keep up the pressure")
    assert source(ISSUE_TEXT, quote) == "He"
    assert quote.speaker == "Jean Dupont"
    assert quote.resolved_by is ResolvedBy.PRONOUN


def test_speakers_name_inside_the_quote_is_not_the_speaker():
    quote = quote_with(quotes_of(ISSUE_TEXT), "bad guy")
    assert source(ISSUE_TEXT, quote) == "he"
    assert quote.speaker != "Novak"
    assert quote.speaker == "Jean Dupont"


def test_speakers_subject_across_a_relative_clause():
    quote = quote_with(quotes_of(ISSUE_TEXT), "complex")
    assert quote.speaker == "Novak"
    assert quote.resolved_by is ResolvedBy.NAMED
    assert source(ISSUE_TEXT, quote) == "Novak"


def test_speakers_indefinite_source_has_no_speaker():
    quote = quote_with(quotes_of(ISSUE_TEXT), "talks were difficult")
    assert source(ISSUE_TEXT, quote) == "a readout"
    assert (quote.speaker, quote.speaker_start, quote.resolved_by) == (None, None, None)


def test_speakers_coordinated_names_are_not_one_speaker():
    text = "Ann Carlson, Luis Alvarez and Tom Lee met on Friday. Carlson, Alvarez and Lee said the deal was close."
    quote = quote_with(quotes_of(text), "deal was close")
    assert source(text, quote) == "Carlson, Alvarez and Lee"
    assert quote.speaker is None


def test_speakers_description_by_apposition():
    text = (
        "Olena Kovalenko, Ukraine's top negotiator, arrived in Geneva on Sunday.\n\n"
        "Ukraine's top negotiator said the delegation was ready to talk."
    )
    quote = quote_with(quotes_of(text), "delegation was ready")
    assert source(text, quote) == "Ukraine's top negotiator"
    assert quote.speaker == "Olena Kovalenko"
    assert quote.resolved_by is ResolvedBy.DESCRIPTION


def test_speakers_title_shared_by_two_people_is_no_speaker():
    text = (
        "Minister Ann Lee met Minister Tom Park in Oslo.\n\n"
        "The minister said the meeting had gone well."
    )
    quote = quote_with(quotes_of(text), "meeting had gone well")
    assert source(text, quote) == "The minister"
    assert quote.speaker is None


def test_speakers_organisation():
    text = "The Kremlin said the talks would resume next week."
    [quote] = quotes_of(text)
    assert quote.speaker == "Kremlin"
    assert quote.resolved_by is ResolvedBy.ORGANISATION


def test_speakers_pronoun_agrees_in_gender():
    text = (
        "Nancy Kowalski met Mr Brandt in Warsaw. Mr Brandt left early.\n\n"
        "She said the visit had been useful."
    )
    quote = quote_with(quotes_of(text), "visit had been useful")
    assert source(text, quote) == "She"
    assert quote.speaker == "Nancy Kowalski"


def test_speakers_relative_pronoun_source_is_who():
    text = "Officials thanked David Kamin, who argued that the plan would simplify returns."
    quote = quote_with(quotes_of(text), "simplify returns")
    assert source(text, quote) == "who"
    assert quote.speaker == "David Kamin"
    assert quote.resolved_by is ResolvedBy.PRONOUN


def test_speakers_a_name_after_a_common_noun_is_not_the_subject():
    text = (
        "Like many surgeons, Tom Park from the medical charity Lifeline says he is trying to "
        "understand why the figure is so high."
    )
    quote = quote_with(quotes_of(text), "trying to understand")
    assert quote.speaker == "Tom Park" and quote.resolved_by is ResolvedBy.NAMED


def test_speakers_a_pronoun_prefers_the_main_clauses_subject():
    text = (
        'Miss Ann Lee, a barmaid, said Grant had asked her what she did: " I told him I '
        'worked in a club.\n\nHe then asked if it was a strip club, " she said.'
    )
    quote = quote_with(quotes_of(text), "strip club")
    assert source(text, quote) == "she" and quote.speaker == "Ann Lee"


def test_a_document_is_no_description_of_a_person():
    text = (
        "According to my grandparents marriage certificate Edward was dead by 1920. "
        "According to his birth certificate his father was a labourer."
    )
    quote = quote_with(quotes_of(text), "labourer")
    assert source(text, quote) == "his birth certificate"
    assert quote.speaker is None
