"""Headlines in title case or capitals written as sentences for the parser."""

from __future__ import annotations

import pytest

from dateline.analyze.casing import as_sentence, headings_as_sentences

BODY = (
    "Tara Reid has checked into rehab, her representative said. Finally, she went.\n\n"
    "The Red Sox made an offer to Mark Teixeira on Friday."
)


@pytest.mark.parametrize(
    "headline, sentence",
    [
        # each word as the body writes it; a word it never writes in lower case
        (
            "Tara Reid Finally Checks Into Rehab For Undisclosed Reasons",
            "Tara Reid finally checks into rehab for undisclosed reasons",
        ),
        # capitals too, and a first word the body lacks keeps its capital
        (
            "REPORT: RED SOX MAKE HUGE OFFER TO TEIXEIRA",
            "Report: Red Sox make huge offer to Teixeira",
        ),
        # a headline written as a sentence is left as it is
        ("Tara Reid checks into Promises clinic", "Tara Reid checks into Promises clinic"),
        ("Rehab", "Rehab"),
    ],
)
def test_casing_headline_as_the_body_writes_it(headline, sentence):
    assert as_sentence(headline, BODY) == sentence


def test_casing_keeps_offsets():
    headline = "Ünal Güler Wins İstanbul Race"
    assert len(as_sentence(headline, "Güler won the race in İstanbul.")) == len(headline)


def test_casing_heading_lines_of_the_text_as_sentences():
    text = (
        "Red Sox Make Huge Offer To Teixeira\n"
        "BOSTON (AP) - The Red Sox made an offer to Mark Teixeira on Friday.\n"
        "TEIXEIRA WEIGHS OFFER\n"
        "Teixeira, who has other offers, weighs it."
    )
    assert headings_as_sentences(text) == (
        "Red Sox make huge offer to Teixeira\n"
        "BOSTON (AP) - The Red Sox made an offer to Mark Teixeira on Friday.\n"
        "Teixeira weighs offer\n"
        "Teixeira, who has other offers, weighs it."
    )


@pytest.mark.parametrize(
    "line",
    [
        "ZAKARIA: Final Thoughts, Steven Cook?",  # a speaker's label, not a heading
        "The Red Sox made an offer to Mark Teixeira on Friday.",  # a sentence
        " ".join(["Word"] * 26),  # too long for a heading
    ],
)
def test_casing_leaves_lines_that_are_no_headings(line):
    text = f"{line}\nThe offer was made on Friday."
    assert headings_as_sentences(text) == text


def test_casing_heading_lines_keep_offsets():
    text = "Ünal Güler Wins İstanbul Race\nGüler won the race in İstanbul."
    assert len(headings_as_sentences(text)) == len(text)
