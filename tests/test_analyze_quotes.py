"""Quote attribution on small hand-written texts, parsed with the real English model."""

from __future__ import annotations

import pytest

from dateline.analyze.mentions import find_mentions
from dateline.analyze.nlp import parse
from dateline.analyze.quotes import find_quotes
from dateline.model import Quote

pytestmark = pytest.mark.slow


def quotes_of(text: str) -> list[Quote]:
    doc = parse(text)
    return find_quotes(doc, find_mentions(doc))


def only(quotes: list[Quote], direct: bool) -> list[Quote]:
    return [q for q in quotes if q.direct is direct]


@pytest.mark.parametrize(
    "text",
    [
        'Boris Johnson arrived late. "We will win this," Johnson said.',
        "Boris Johnson arrived late. “We will win this,” Johnson said.",
    ],
)
def test_quotes_straight_and_curly(text):
    [quote] = quotes_of(text)
    assert quote.direct
    assert quote.text == "We will win this"
    assert (quote.cue, quote.speaker) == ("said", "Boris Johnson")


def test_quotes_broken_by_he_said():
    text = 'Keir Starmer spoke first. "We are ready," he said, "to talk."'
    first, second = quotes_of(text)
    assert (first.text, second.text) == ("We are ready", "to talk.")
    assert first.cue_start == second.cue_start == text.index("said")
    assert first.speaker == second.speaker == "Keir Starmer"


def test_quotes_spanning_paragraphs():
    text = (
        "Olena Kovalenko met the press.\n\n"
        "“We tried everything. Nothing worked.\n\n"
        "“We will try again next week,” she said."
    )
    [quote] = quotes_of(text)
    assert quote.text.startswith("We tried everything.")
    assert quote.text.endswith("We will try again next week")
    assert quote.speaker == "Olena Kovalenko"


def test_quotes_indirect_said_that():
    [quote] = quotes_of("Angela Merkel said that the talks had failed.")
    assert not quote.direct
    assert quote.text == "that the talks had failed"
    assert (quote.cue, quote.speaker) == ("said", "Angela Merkel")


def test_quotes_according_to():
    [quote] = quotes_of("According to Emmanuel Macron, the summit will go ahead in May.")
    assert quote.text == "the summit will go ahead in May"
    assert (quote.cue, quote.speaker) == ("According to", "Emmanuel Macron")


def test_quotes_pronoun_in_same_sentence():
    [quote] = quotes_of("Olaf Scholz, who arrived late, said he was ready to sign.")
    assert quote.speaker == "Olaf Scholz"


def test_quotes_pronoun_in_previous_sentence():
    text = "Nancy Pelosi visited Taipei on Tuesday. She told reporters that the trip was a success."
    [quote] = quotes_of(text)
    assert (quote.cue, quote.speaker) == ("told", "Nancy Pelosi")
    assert text[quote.speaker_start : quote.speaker_end] == "Nancy Pelosi"


def test_a_passive_cue_names_who_was_told_not_who_told():
    text = "Mr Grant is expected to speak soon, but we are told that he is stepping down."
    told = [q for q in quotes_of(text) if q.cue == "told"]
    assert [q.speaker for q in told] == [None]


def test_quotes_speaker_by_title():
    text = (
        "Defence Minister Rustem Umerov arrived in Kyiv on Monday. "
        "The minister said that the talks had failed."
    )
    [quote] = quotes_of(text)
    assert quote.speaker == "Rustem Umerov"
    assert quote.speaker_start == text.index("Rustem Umerov")


def test_quotes_organisation_speaker():
    [quote] = quotes_of("The Kremlin said the talks were over.")
    assert (quote.speaker, quote.text) == ("Kremlin", "the talks were over")


@pytest.mark.parametrize(
    "text, medium",
    [
        ("Rustem Umerov said on Telegram that the talks had failed.", "Telegram"),
        ("The Kremlin said in a statement that the talks were over.", "statement"),
        ("Joe Biden said on social media that he was proud.", "social media"),
    ],
)
def test_quotes_medium(text, medium):
    [quote] = quotes_of(text)
    assert quote.medium == medium


def test_quotes_wrote_after():
    [quote] = quotes_of("Zelenskyy wrote after the attacks that Russia had struck 12 regions.")
    assert (quote.cue, quote.speaker) == ("wrote", "Zelenskyy")
    assert quote.text == "that Russia had struck 12 regions"


def test_quotes_scare_quote_is_not_speech():
    assert quotes_of("The plan was called a “reset” in Washington.") == []


def test_quotes_offsets_consistent():
    text = (
        "Defence Minister Rustem Umerov arrived on Monday. “We are ready,” he said, "
        "“to talk.” The Kremlin said in a statement that it was not. "
        "According to Dmitry Peskov, the war will go on."
    )
    quotes = quotes_of(text)
    assert len(quotes) == 4
    for q in quotes:
        assert text[q.start : q.end] == q.text
        assert text[q.cue_start : q.cue_end] == q.cue
        assert q.speaker.split()[-1] in text[q.speaker_start : q.speaker_end]


def test_quotes_deterministic():
    text = "“We are ready,” Keir Starmer said. The Kremlin said it was not. She disagreed."
    assert quotes_of(text) == quotes_of(text)


def test_quotes_parenthetical_attribution_gives_both_parts():
    text = "Elena Marsh spoke at noon. The museum, Ms Marsh said, would open in the spring."
    parts = quotes_of(text)
    assert [q.text for q in parts] == ["The museum", "would open in the spring"]
    assert {q.cue_start for q in parts} == {text.index("said")}
    assert {q.speaker for q in parts} == {"Elena Marsh"}


def test_quotes_infinitive_of_intention():
    [quote] = quotes_of("Keir Starmer vowed to cut waiting lists by half.")
    assert (quote.text, quote.cue) == ("to cut waiting lists by half", "vowed")


def test_quotes_appeal_includes_its_addressee():
    [quote] = quotes_of("Keir Starmer urged voters to turn out early.")
    assert quote.text == "voters to turn out early"


def test_quotes_finding_of_a_poll_has_no_speaker():
    text = "A new poll found that most voters distrust both candidates."
    [quote] = quotes_of(text)
    assert quote.text == "that most voters distrust both candidates"
    assert text[quote.source_start : quote.source_end] == "A new poll"
    assert quote.speaker is None


def test_quotes_colon_after_a_name():
    text = "Boris Johnson met the press.\n\nJOHNSON: We will not give up on this deal."
    [quote] = quotes_of(text)
    assert (quote.cue, quote.text) == (":", "We will not give up on this deal.")
    assert text[quote.source_start : quote.source_end] == "JOHNSON"


def test_quotes_a_list_of_names_and_colons_is_no_quote():
    text = (
        "Jane Doe and John Roe write for us.\n\nJane Doe: Why the equality bill still has "
        "work to do John Roe: The bill aims to outlaw unfair pay."
    )
    assert quotes_of(text) == []


def test_quotes_signed_after_a_dash():
    text = (
        "Readers wrote to us.\n\n“The rally changed my mind about the whole race.” ― Maria Lopez\n"
    )
    [quote] = quotes_of(text)
    assert quote.direct
    assert quote.text == "The rally changed my mind about the whole race."
    assert quote.speaker == "Maria Lopez"


def test_quotes_verbs_of_thought_need_a_clause():
    assert quotes_of("Angela Merkel thought about it for a while.") == []


@pytest.mark.slow
def test_quotes_speech_only_where_the_cue_reports_speech():
    quotes = quotes_of(
        "Jane Smith said the talks would resume in Geneva next week. Tom Park believes the "
        "ceasefire will not hold through the winter. Ann Lee plans to visit Kyiv in March."
    )
    said = {q.speaker: q.speech for q in quotes if q.speaker}
    assert said["Jane Smith"] is True and said["Tom Park"] is False
    assert said.get("Ann Lee", False) is False
