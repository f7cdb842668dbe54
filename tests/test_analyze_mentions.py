from __future__ import annotations

import pytest

from dateline.analyze.mentions import entity_name, find_mentions
from dateline.analyze.nlp import load_nlp, parse


def names(text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.label, m.name) for m in find_mentions(parse(text))]


@pytest.mark.slow
def test_mentions_offsets_match_text():
    text = "Mr Zelensky met Donald Trump's envoy in Washington on Sunday."
    for m in find_mentions(parse(text)):
        assert text[m.start : m.end] == m.text


@pytest.mark.slow
def test_mentions_possessive_left_out_of_span():
    found = names("Donald Trump's envoy arrived.")
    assert ("Donald Trump", "PERSON", "Donald Trump") in found


@pytest.mark.slow
def test_mentions_surname_named_after_full_name():
    found = names("Kremlin spokesman Dmitry Peskov spoke in Moscow. Later, Peskov told reporters.")
    assert ("Peskov", "PERSON", "Dmitry Peskov") in found


@pytest.mark.slow
def test_mentions_ambiguous_surname_left_alone():
    found = names("Ann Smith and John Smith met in Paris. Smith said little.")
    assert all(
        name != "Ann Smith" and name != "John Smith" for text, _, name in found if text == "Smith"
    )


def test_mentions_entity_name_drops_honorific_and_article():
    assert entity_name("Mr Zelensky", "PERSON") == "Zelensky"
    assert entity_name("Mrs. May", "PERSON") == "May"
    assert entity_name("the Kremlin", "ORG") == "Kremlin"
    assert entity_name("Zelenskyy’s", "PERSON") == "Zelenskyy"


@pytest.mark.slow
def test_mentions_sentences_break_at_paragraphs():
    doc = parse("Talks resume in Abu Dhabi\n\nThe minister arrived on Sunday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Talks resume in Abu Dhabi",
        "The minister arrived on Sunday.",
    ]
    assert "paragraph_breaks" in load_nlp().pipe_names
