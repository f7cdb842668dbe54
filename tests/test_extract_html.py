import pytest
import trafilatura

import fixtures
from dateline.extract.html import HtmlText, extract_html
from dateline.extract.html_furniture import drop_furniture
from dateline.extract.html_lines import Line, restore_recall

DATA = fixtures.DATA / "html"
FIXTURES = fixtures.names("html", ".html")


def load(name: str) -> tuple[str, dict]:
    return fixtures.load("html", name, ".html")


@pytest.fixture(scope="module")
def extracted() -> dict[str, HtmlText]:
    """Each fixture extracted once: trafilatura takes a few hundred ms per page."""
    return {name: extract_html(load(name)[0]) for name in FIXTURES}


def test_html_fixtures_present():
    assert len(FIXTURES) >= 4
    for name in FIXTURES:
        assert (DATA / f"{name}.expected.json").is_file()


@pytest.mark.parametrize("name", FIXTURES)
def test_html_body_matches_fixture(name, extracted):
    assert list(extracted[name].body) == load(name)[1]["body"]


@pytest.mark.parametrize("name", FIXTURES)
def test_html_no_furniture_in_body(name, extracted):
    body = "\n".join(extracted[name].body)
    leaked = [text for text in load(name)[1]["furniture"] if text in body]
    assert leaked == []


@pytest.mark.parametrize("name", FIXTURES)
def test_html_captions_found(name, extracted):
    assert list(extracted[name].captions) == load(name)[1]["captions"]


@pytest.mark.parametrize("name", FIXTURES)
def test_html_captions_absent_from_body(name, extracted):
    body = "\n".join(extracted[name].body)
    assert extracted[name].captions
    assert [caption for caption in extracted[name].captions if caption in body] == []


@pytest.mark.parametrize("name", FIXTURES)
def test_html_title_matches_fixture(name, extracted):
    assert extracted[name].title == load(name)[1]["title"]


@pytest.mark.parametrize("name", FIXTURES)
def test_html_summary_matches_fixture(name, extracted):
    assert extracted[name].summary == load(name)[1]["summary"]


def test_html_summary_from_meta_description(extracted):
    html, _ = load("newspaper_ferry")
    assert '<meta name="description" content="Passengers on the Skerra ferry' in html
    assert extracted["newspaper_ferry"].summary.startswith(
        "Passengers on the Skerra ferry will pay"
    )


def test_html_summary_from_standfirst_without_meta_description(extracted):
    html, _ = load("magazine_glacier")
    assert 'name="description"' not in html
    summary = extracted["magazine_glacier"].summary
    assert summary.startswith("In the Orvan valley, farmers")
    assert summary not in extracted["magazine_glacier"].body


def test_html_captions_would_leak_without_removal():
    """trafilatura alone puts this page's caption and credit into the text; we must not."""
    html, expected = load("wire_grain_deal")
    plain = trafilatura.extract(html)
    ours = extract_html(html)
    for caption in expected["captions"]:
        assert caption in plain
        assert caption in ours.captions
        assert not any(caption in paragraph for paragraph in ours.body)


def test_html_embedded_post_kept_in_body(extracted):
    body = extracted["wire_grain_deal"].body
    assert (
        "The Tessa corridor reopens on Monday. Thank you to every farmer who waited so patiently."
        in body
    )


def test_html_inline_popup_dropped(extracted):
    body = "\n".join(extracted["magazine_glacier"].body)
    assert "according to measurements by the valley observatory at Kessel Hut" in body
    assert "A century of measuring ice" not in body


def test_html_url_is_optional():
    html, expected = load("wordpress_library")
    assert (
        list(extract_html(html, url="https://ledger.example/2026/03/library").body)
        == expected["body"]
    )


def test_html_same_input_same_output():
    html, _ = load("tabloid_storm")
    assert extract_html(html) == extract_html(html)


@pytest.mark.parametrize("html", ["", "   ", "not html at all", "<html><body></body></html>"])
def test_html_empty_page_gives_empty_body(html):
    result = extract_html(html)
    assert result.body == ()
    assert result.captions == ()


def test_html_figure_teaser_is_not_a_caption():
    paragraphs = "".join(
        f"<p>Paragraph {n} of the story about the harbour wall repairs and their cost.</p>"
        for n in range(8)
    )
    html = (
        "<html><body><article><h1>Harbour wall</h1>"
        "<figure><img src='a.jpg'><figcaption>Engineers inspect the harbour wall.</figcaption></figure>"
        f"<div class='article-body'>{paragraphs}</div>"
        "<figure><a href='/other'><img src='b.jpg'></a><figcaption>"
        "<a href='/other'>Another story entirely</a></figcaption></figure>"
        "</article></body></html>"
    )
    assert extract_html(html).captions == ("Engineers inspect the harbour wall.",)


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our daily newsletter",
        "Get the day's top headlines delivered to your inbox every morning.",
        "Related: Ten things to know about the budget",
        "Follow us on Twitter and Facebook",
        "Share on Facebook Share on Twitter Email",
        "Advertisement",
        "Filed under: Politics",
        "Copyright 2026 Harbour Wire. All rights reserved.",
    ],
)
def test_html_furniture_line_dropped(line):
    story = Line(
        "The council approved the budget on Tuesday after a four-hour debate in the chamber.", "p"
    )
    body, _ = drop_furniture([story, Line(line, "p"), story], [], None, None)
    assert body == [story.text, story.text]


@pytest.mark.parametrize(
    "line",
    [
        "The newspaper said its newsletter had gained 20,000 subscribers in a year, and that readers who sign up for it are more likely to pay for a subscription later.",
        "More than 300 people attended the meeting.",
        "Related companies in the group were not affected, the regulator said.",
    ],
)
def test_html_story_line_kept(line):
    body, _ = drop_furniture([Line(line, "p")], [], None, None)
    assert body == [line]


def test_html_credit_line_becomes_caption():
    body, credits = drop_furniture([Line("Photo: Ilse Marten for Altitude", "p")], [], None, None)
    assert (body, credits) == ([], ["Photo: Ilse Marten for Altitude"])


def test_html_repeated_headline_dropped():
    lines = [
        Line("Ferry fares to rise | Courier", "head"),
        Line("Fares will rise by 18% in April.", "p"),
    ]
    body, _ = drop_furniture(lines, ["Ferry fares to rise"], None, None)
    assert body == ["Fares will rise by 18% in April."]


def test_html_link_list_ends_at_subheading():
    lines = [
        Line("Don't miss", "p"),
        Line("Historic pier loses its end", "p"),
        Line("What happens next", "head"),
        Line("The council meets on Friday to decide.", "p"),
    ]
    body, _ = drop_furniture(lines, [], None, None)
    assert body == ["What happens next", "The council meets on Friday to decide."]


def test_html_recall_restored_inside_story_only():
    precise = [
        Line("First paragraph of the story.", "p"),
        Line("Last paragraph of the story.", "p"),
    ]
    balanced = [
        Line("Promo before the story", "p"),
        precise[0],
        Line("A subheading inside", "head"),
        precise[1],
        Line("More stories you may like after the story", "head"),
    ]
    assert restore_recall(precise, balanced) == [precise[0], balanced[2], precise[1]]


def test_html_recall_restores_inline_link_text():
    precise = [Line("Insider Jason Lee has reported that for his role in the fight.", "p")]
    balanced = [
        Line(
            "Insider Jason Lee has reported that the league will fine him for his role in the fight.",
            "p",
        )
    ]
    assert restore_recall(precise, balanced) == balanced
