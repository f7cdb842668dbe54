import pytest

import fixtures
from dateline.extract.text import CleanText, clean_text

DATA = fixtures.DATA / "text"
FIXTURES = fixtures.names("text", ".txt")


def load(name: str) -> tuple[str, dict]:
    return fixtures.load("text", name, ".txt")


def story(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


LEAD = (
    "The harbour authority said on Monday that it would close the northern pier for six weeks "
    "while engineers repair storm damage to the sea wall."
)
MIDDLE = (
    "About 40 fishing boats that use the pier will be moved to the southern basin, where temporary "
    "moorings have been installed, the authority said in a statement."
)
END = (
    "Repairs are expected to cost about 2.1 million euros and will be paid for from the regional "
    "emergency fund, officials said."
)


def test_text_fixtures_present():
    assert len(FIXTURES) >= 12


@pytest.mark.parametrize("name", FIXTURES)
def test_text_body_matches_fixture(name):
    text, expected = load(name)
    assert list(clean_text(text).body) == expected["body"]


@pytest.mark.parametrize("name", FIXTURES)
def test_text_title_matches_fixture(name):
    text, expected = load(name)
    assert clean_text(text).title == expected["title"]


@pytest.mark.parametrize("name", FIXTURES)
def test_text_captions_found(name):
    text, expected = load(name)
    assert list(clean_text(text).captions) == expected["captions"]


@pytest.mark.parametrize("name", [n for n in FIXTURES if "summary" in load(n)[1]])
def test_text_summary_matches_fixture(name):
    text, expected = load(name)
    assert clean_text(text).summary == expected["summary"]


@pytest.mark.parametrize("name", FIXTURES)
def test_text_no_furniture_line_in_body(name):
    text, expected = load(name)
    kept = " ".join(expected["body"])
    furniture_lines = {
        line.strip() for line in text.splitlines() if line.strip() and line.strip() not in kept
    }
    result = clean_text(text)
    assert not furniture_lines & set(result.body)
    assert not any(
        line in paragraph for paragraph in result.body for line in furniture_lines if len(line) > 3
    )


@pytest.mark.parametrize("name", FIXTURES)
def test_text_every_paragraph_accounted_for(name):
    text, _ = load(name)
    result = clean_text(text)
    assert not set(result.body) & set(result.furniture)
    assert result.title not in result.body


def test_text_empty_input_gives_empty_body():
    assert clean_text("") == CleanText(title=None, body=(), captions=(), summary=None, furniture=())
    assert clean_text(" \n\n\t \n").body == ()


def test_text_no_story_gives_empty_body():
    result = clean_text(
        "Home\nNews\nShare\nAdvertisement\nMost read\nStorm hits coast\nSign up now"
    )
    assert result.body == ()
    assert "Share" in result.furniture


def test_text_short_quoted_paragraph_kept():
    result = clean_text(story(LEAD, "\u201cWe are ready,\u201d he said.", MIDDLE, END))
    assert result.body == (LEAD, "\u201cWe are ready,\u201d he said.", MIDDLE, END)


def test_text_short_quote_closing_the_story_kept():
    result = clean_text(
        story(
            LEAD,
            MIDDLE,
            END,
            "Advertisement",
            '"We will rebuild," she said.',
            "Related articles",
            "Pier reopens",
        )
    )
    assert result.body == (LEAD, MIDDLE, END, '"We will rebuild," she said.')


def test_text_link_list_dropped():
    teasers = [
        "Related articles",
        "Ferry fares to rise in spring",
        "New marina approved by council",
        "Why is the harbour silting up?",
    ]
    result = clean_text(story(LEAD, MIDDLE, *teasers, END))
    assert result.body == (LEAD, MIDDLE, END)
    assert set(teasers) <= set(result.furniture)


def test_text_link_list_at_end_dropped_even_with_sentences():
    result = clean_text(
        story(LEAD, MIDDLE, END, "Most read", "1", "Mayor resigns.", "2", "Ferry fares rise.")
    )
    assert result.body == (LEAD, MIDDLE, END)


def test_text_repeated_widget_dropped():
    widget = "Gift article"
    result = clean_text(story(LEAD, widget, MIDDLE, widget, END))
    assert result.body == (LEAD, MIDDLE, END)
    assert result.furniture.count(widget) == 2


def test_text_repeated_paragraph_kept_once():
    result = clean_text(story(LEAD, MIDDLE, LEAD, END))
    assert result.body == (LEAD, MIDDLE, END)


def test_text_metadata_lines_kept_out_of_body():
    meta = [
        "By Jane Doe",
        "Published 18 January 2026",
        "Source: Reuters",
        "(Reuters) -",
        "4 min read",
    ]
    result = clean_text(
        "\n".join(["Harbour pier to close for six weeks after storm", *meta, LEAD, MIDDLE, END])
    )
    assert result.body == (LEAD, MIDDLE, END)
    assert set(meta) <= set(result.furniture)


@pytest.mark.parametrize(
    ("dateline", "place", "wire"),
    [
        ("KYIV, Jan 18 (Reuters) - ", "Kyiv", "Reuters"),
        ("KYIV - ", "Kyiv", None),
        ("MIAMI – ", "Miami", None),
        ("NEW DELHI: ", "New Delhi", None),
        ("(AP) — ", None, "AP"),
    ],
)
def test_text_dateline_lead_cut_and_kept(dateline, place, wire):
    sentence = "Ukrainian President Volodymyr Zelenskiy said on Sunday that air defence deliveries had to speed up."
    result = clean_text(story(dateline + sentence, MIDDLE, END))
    assert result.body == (sentence, MIDDLE, END)
    assert result.lead is not None
    assert (result.lead.place, result.lead.wire) == (place, wire)


def test_text_no_dateline_nothing_cut():
    result = clean_text(story(LEAD, MIDDLE, END))
    assert result.body == (LEAD, MIDDLE, END)
    assert result.lead is None


@pytest.mark.parametrize(
    ("ending", "wire"),
    [(" AFP", "AFP"), (" — Reuters", "Reuters"), (" (AP)", "AP"), (" REUTERS", "Reuters")],
)
def test_text_trailing_wire_credit_cut_paragraph_kept(ending, wire):
    result = clean_text(story(LEAD, MIDDLE, END + ending))
    assert result.body == (LEAD, MIDDLE, END)
    assert result.wire == wire


@pytest.mark.parametrize("ending", [" NATO", " Mr Novak", ""])
def test_text_trailing_word_that_is_no_agency_kept(ending):
    last = END[:-1] + " by" + ending + "." if ending else END
    result = clean_text(story(LEAD, MIDDLE, last))
    assert result.body[-1] == last
    assert result.wire is None


def test_text_caption_sentence_above_photo_credit():
    # issue 12: the caption stayed in the body and dated the story
    caption = "The minister speaks during a press conference in Istanbul on July 23, 2025."
    result = clean_text(
        "\n".join(
            [
                "Minister says talks will resume",
                "",
                caption,
                "PHOTO: AFP",
                "",
                story(LEAD, MIDDLE, END),
            ]
        )
    )
    assert result.body == (LEAD, MIDDLE, END)
    assert result.captions == (f"{caption} PHOTO: AFP",)


def test_text_story_paragraph_above_credit_is_not_a_caption():
    result = clean_text(story(LEAD, MIDDLE, "PHOTO: AFP", END))
    assert result.body == (LEAD, MIDDLE, END)
    assert result.captions == ("PHOTO: AFP",)


def test_text_hard_wrapped_paragraphs_joined():
    wrapped = (
        "The harbour authority said on Monday that it would close the northern\n"
        "pier for six weeks while engineers repair storm damage to the sea wall.\n\n"
        "About 40 fishing boats that use the pier will be moved to the southern\n"
        "basin, where temporary moorings have been installed, the authority said\n"
        "in a statement.\n\n"
        "Repairs are expected to cost about 2.1 million euros and will be paid\n"
        "for from the regional emergency fund, officials said.\n"
    )
    assert clean_text(wrapped).body == (LEAD, MIDDLE, END)


def test_text_single_newline_paragraphs_split():
    assert clean_text(f"{LEAD}\n{MIDDLE}\r\n{END}").body == (LEAD, MIDDLE, END)


def test_text_title_taken_from_first_headline_line():
    result = clean_text(
        "Skip to content\nNews\nHarbour pier to close for six weeks after storm\n"
        + story(LEAD, MIDDLE, END)
    )
    assert result.title == "Harbour pier to close for six weeks after storm"
    assert clean_text(story(LEAD, MIDDLE, END)).title is None


def test_text_subheading_kept_inside_story():
    # as in HTML, where subheadings are their own paragraphs
    result = clean_text(story(LEAD, "Boats moved", MIDDLE, "What happens next?", END))
    assert result.body == (LEAD, "Boats moved", MIDDLE, "What happens next?", END)


def test_text_line_outside_story_dropped():
    result = clean_text(story("Boats moved", LEAD, MIDDLE, END, "What happens next?"))
    assert result.body == (LEAD, MIDDLE, END)


def test_text_summary_block_above_story():
    result = clean_text(
        "\n".join(
            [
                "Harbour pier to close for six weeks after storm",
                "Key points",
                "- Pier shut for six weeks",
                "- Boats moved south",
                LEAD,
                MIDDLE,
                END,
            ]
        )
    )
    assert result.summary == "Pier shut for six weeks\nBoats moved south"
    assert result.body == (LEAD, MIDDLE, END)


def test_text_comments_end_the_story():
    comments = [
        "Comments (2)",
        "Sam says:",
        "This pier has needed repairs for a decade and nobody listened to the fishermen.",
        "Reply",
    ]
    result = clean_text(story(LEAD, MIDDLE, END, *comments))
    assert result.body == (LEAD, MIDDLE, END)


@pytest.mark.parametrize(
    "stamps",
    [
        ("At 12:19 26th Apr 2009, sam wrote:", "At 13:18 26th Apr 2009, Jo_1 wrote:"),
        ("January 28, 2011 at 12:27 pm | Reply", "January 28, 2011 at 1:05 pm | Reply"),
    ],
)
def test_text_stamped_comments_end_the_story(stamps):
    comments = [
        f"{stamps[0]} This pier has needed repairs for a decade and nobody listened to us.",
        "The council should have acted years ago, and everyone in the town knows it well.",
        f"{stamps[1]} I agree with every word of that, the harbour deserves far better.",
    ]
    result = clean_text(story(LEAD, MIDDLE, END, *comments))
    assert result.body == (LEAD, MIDDLE, END)


def test_text_reader_appeal_dropped_but_quoted_appeal_kept():
    appeal = "Our journalism is funded by readers like you. Please consider becoming a member today to support our reporting."
    quoted = '"Please donate whatever you can to help our fishermen," the mayor told reporters on Monday.'
    result = clean_text(story(LEAD, appeal, MIDDLE, quoted, END))
    assert result.body == (LEAD, MIDDLE, quoted, END)


def test_text_captions_kept_apart():
    result = clean_text(
        story(
            LEAD,
            "Waves break over the sea wall on Sunday. Photograph: Ana Lopes/AP",
            MIDDLE,
            "Image caption, Boats in the southern basin",
            END,
        )
    )
    assert result.body == (LEAD, MIDDLE, END)
    assert result.captions == (
        "Waves break over the sea wall on Sunday. Photograph: Ana Lopes/AP",
        "Boats in the southern basin",
    )


def test_text_is_pure():
    text, _ = load(FIXTURES[0])
    assert clean_text(text) == clean_text(text)


def test_text_bullets_above_story_are_its_summary():
    bullets = ["• Pier shut for six weeks from Monday", "• About 40 boats moved to the south basin"]
    result = clean_text(
        "\n".join(["Harbour pier to close for six weeks after storm", *bullets, "AI generated", ""])
        + "\n"
        + story(LEAD, MIDDLE, END)
    )
    assert (
        result.summary
        == "Pier shut for six weeks from Monday\nAbout 40 boats moved to the south basin"
    )
    assert result.body == (LEAD, MIDDLE, END)


def test_text_menu_bullets_are_not_a_summary():
    result = clean_text(
        "\n".join(["• Home", "• World", "• Sport", ""]) + "\n" + story(LEAD, MIDDLE, END)
    )
    assert result.summary is None


def test_a_long_prose_line_without_a_full_stop_is_a_sentence():
    from dateline.extract.text_cues import Kind, classify

    lede = (
        "Chelsea have this morning paid the fee to the Spanish league to secure the "
        "record signing of the keeper from the Basque club after weeks of talks"
    )
    assert classify(lede) is Kind.SENTENCE
    headline = (
        "Breaking News: Chelsea Activate Release Clause To Sign Record Keeper From Athletic "
        "Bilbao After Weeks Of Talks With The Basque Club And His Agent"
    )
    assert classify(headline) is Kind.LINE
