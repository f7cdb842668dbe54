from datetime import date

import pytest

from dateline.extract.dates import (
    date_from_lines,
    date_from_url,
    earliest_possible,
    find_dates,
    infer_published,
    is_caption_like,
    maybe_later,
    parse_date,
    resolve,
    year_from_url,
)

JAN_18 = date(2026, 1, 18)


@pytest.mark.parametrize(
    "value",
    [
        "2026-01-18",
        "20260118",
        "2026/1/18",
        "2026-01-18T10:02:00Z",
        "2026-01-18T23:30:00-05:00",  # the publisher's local date, not converted to UTC
        "2026-01-18 10:02:00",
        "Sun, 18 Jan 2026 10:02:00 +0000",
        "18 Jan 26 10:00 GMT",
        "January 18, 2026",
        "Jan. 18, 2026 10:02 AM EST",
        "18 January 2026",
        "Sunday, 18th of January 2026",
        "18.01.2026",
    ],
)
def test_dates_parse_date(value):
    assert parse_date(value) == JAN_18


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        "garbage",
        "2026-02-30",
        "2026-13-01",
        "1899-12-31",
        "2101-01-01",
        "January 2026",
        "Jan 18",
        "01/02/2026",
    ],
)
def test_dates_parse_date_rejects_malformed_and_partial(value):
    assert parse_date(value) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on Jan 18, 2026", (2026, 1, 18, None)),
        ("on JAN 18", (None, 1, 18, None)),
        ("on Sept. 3rd", (None, 9, 3, None)),
        ("on 18 January", (None, 1, 18, None)),
        ("on Sunday, January 18, 2026", (2026, 1, 18, 6)),
        ("in January 2026", (2026, 1, None, None)),
        ("on 2026-01-18", (2026, 1, 18, None)),
        ("on 18.01.2026", (2026, 1, 18, None)),
        ("on 18/01/2026", (2026, 1, 18, None)),
        ("on 01/18/2026", (2026, 1, 18, None)),
    ],
)
def test_dates_find_dates_forms(text, expected):
    (mention,) = find_dates(text)
    assert (mention.year, mention.month, mention.day, mention.weekday) == expected


@pytest.mark.parametrize(
    "text",
    [
        "they may 5 times",  # lower-case month names are ordinary words
        "on 01/02/2026",  # month-first or day-first: ambiguous
        "2000 troops arrived",
        "on Sunday",
        "last week",
        "on Feb 30",
        "on Jan 18, 2500",
    ],
)
def test_dates_find_dates_ignores(text):
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.theguardian.com/world/2026/jan/18/talks",
        "https://example.com/2026/01/18/talks/",
        "https://example.com/news/2026-01-18-talks",
        "https://example.com/news/talks-20260118.html",
        "https://example.com/2026/1/18/talks",
    ],
)
def test_dates_date_from_url(url):
    assert date_from_url(url) == JAN_18


@pytest.mark.parametrize(
    "url",
    [
        None,
        "https://example.com/2026/01/talks",  # a month is not a day
        "https://example.com/story/12345678/",  # an id, not a date
        "https://example.com/story/2026/13/45/",
        "https://example.com/story?date=2026-01-18",  # query strings carry ids
        "https://20260118.example.com/story",
    ],
)
def test_dates_date_from_url_none(url):
    assert date_from_url(url) is None


@pytest.mark.parametrize(
    "url, year",
    [
        ("https://example.com/2026/talks", 2026),
        ("https://example.com/2026/01/talks", 2026),
        ("https://example.com/talks", None),
    ],
)
def test_dates_year_from_url(url, year):
    assert year_from_url(url) == year


@pytest.mark.parametrize(
    "head, tail",
    [
        (["Published 18 January 2026"], []),
        (["Posted: Jan 18, 2026"], []),
        (["First published on Sun 18 Jan 2026 10.02 GMT"], []),
        (["Updated: Jan 18, 2026 10:02 AM"], []),
        (["January 18, 2026 at 3:04 PM EST"], []),
        (["By Jane Doe | 18 Jan 2026"], []),
        (["18 JAN 2026"], []),
        ([], ["Published on 2026-01-18"]),
        (["By Jane Doe | Published Jan 18, 2026"], []),
    ],
)
def test_dates_date_from_lines(head, tail):
    assert date_from_lines(head, tail) == JAN_18


@pytest.mark.parametrize(
    "head",
    [
        ["Updated Jan 19, 2026", "Published Jan 18, 2026"],  # the first publication, not the update
        ["Jan 18, 2026", "Updated Jan 19, 2026"],  # a bare date line beats an update
        ["Jan 2, 2026", "Jan 18, 2026"],  # the date line nearest the story
    ],
)
def test_dates_date_from_lines_priority(head):
    assert date_from_lines(head) == JAN_18


@pytest.mark.parametrize(
    "head",
    [
        ["The report, published on Jan 18, 2026, said prices rose."],  # a sentence, not a date line
        ["Published 18 January"],  # no year
        ["Talks resumed in Abu Dhabi as delegates met on Jan 18, 2026 for a second day"],
        ["No dates here"],
    ],
)
def test_dates_date_from_lines_none(head):
    assert date_from_lines(head) is None


@pytest.mark.parametrize(
    "sentence, later",
    [
        ("Talks will resume on Feb 4.", True),
        ("The deadline is set for Feb 4.", True),
        ("They must agree by Feb 4.", True),
        ("The offer is open until 12:00 GMT on Feb 4.", True),
        ("Negotiators are expected to meet on Feb 4.", True),
        ("On Feb 4, negotiators will return to Abu Dhabi.", True),
        ("This article was amended on Feb 4.", True),
        ("Talks resumed on Feb 4.", False),
        ("On Feb 4, negotiators returned to Abu Dhabi.", False),
        ("He said on Feb 4 that talks will go on.", False),
        ("He said it will end. Talks resumed on Feb 4.", False),  # the plan was another sentence
    ],
)
def test_dates_maybe_later(sentence, later):
    start = sentence.index("Feb 4")
    assert maybe_later(sentence, start, start + len("Feb 4")) is later


@pytest.mark.parametrize(
    "text, years, expected",
    [
        ("Jan 18, 2026", [], JAN_18),
        ("Jan 18", [2026], JAN_18),
        ("Jan 18", [2022, 2026], None),
        ("Sunday, Jan 18", [2022, 2026], JAN_18),  # 18 January 2022 was a Tuesday
        ("Monday, Jan 18, 2026", [], None),  # the weekday contradicts the date
        ("January 2026", [2026], None),
    ],
)
def test_dates_resolve(text, years, expected):
    (mention,) = find_dates(text)
    assert resolve(mention, years) == expected


def test_dates_earliest_possible_counts_past_months_not_plans():
    text = "The invasion began in February 2022. Elections will be held in May 2027."
    assert earliest_possible(text) == date(2022, 2, 1)


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Russia attacked Kyiv on Jan 18, 2026.", "Talks on Jan 17, 2026 failed."],
        ["Talks on Jan 17 failed.", "Russia attacked Kyiv on Jan 18, 2026."],
        ["Russia attacked Kyiv on Sunday, January 18, 2026."],
        ["Talks on Jan 18, 2026 failed.", "They will meet again on Feb 4, 2026."],
        ["Talks on Jan 18, 2026 failed.", "On Feb 4, 2026, negotiators will return."],
        ["Talks on Jan 18, 2026 failed.", "This article was amended on Feb 4, 2026."],
        ["Talks on 18.01.2026 failed.", "The deadline is Feb 4, 2026."],
        [
            "Russia attacked Kyiv on Sunday, Jan 18.",
            "The invasion began in 2022; talks resumed in early 2026.",
        ],
    ],
)
def test_dates_infer_published_latest_past_day(paragraphs):
    assert infer_published(paragraphs) == JAN_18


def test_dates_infer_published_day_without_year_is_skipped():
    paragraphs = ["Talks on Jan 17, 2026 failed.", "Russia attacked Kyiv on Jan 18."]
    assert infer_published(paragraphs) == date(2026, 1, 17)


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Officials said the talks were constructive."],
        ["Russia attacked Kyiv on Sunday, officials said on Monday."],
        ["Talks resumed last week and will continue next month."],
        ["Russia attacked Kyiv on Jan 18.", "Talks on Jan 17 failed."],  # no year anywhere
        [
            "Russia attacked Kyiv on Jan 18.",
            "The invasion began in 2022.",
        ],  # a stated year is often history
        [
            "Talks on Jan 17, 2026 failed.",
            "Fighting resumed in March 2026.",
        ],  # written after March began
        [
            "Talks on Jan 17, 2026 failed.",
            "Kyiv was attacked on Tuesday, Jan 18.",
        ],  # 18 Jan was a Sunday in 2026 and a Monday in 2027
        ["Elections will be held on May 10, 2026."],  # a plan
    ],
)
def test_dates_infer_published_unknown(paragraphs):
    assert infer_published(paragraphs) is None


def test_dates_infer_published_weekday_picks_the_year_after_the_stated_past():
    # 18 Jan 2025 was a Saturday, 18 Jan 2026 a Sunday: the omitted year is 2026.
    paragraphs = [
        "Russia attacked Kyiv on Sunday, Jan 18.",
        "The invasion began in 2022, and talks failed in 2025.",
    ]
    assert infer_published(paragraphs) == JAN_18


@pytest.mark.parametrize(
    "caption",
    [
        "The minister speaks during a press conference in Istanbul on July 23, 2025.",
        "Election workers recount ballots in Reno, Nev., Jan. 16, 2026. (AP Photo/Tom Rivera)",
        "A bulk carrier is loaded with wheat at the port of Izmail, January 12, 2026. "
        "REUTERS/Stringer/File Photo",
        "Firefighters put out a blaze after a drone attack on Jan. 10, 2026. PHOTO: AGENCY",
    ],
)
def test_dates_caption_like(caption):
    assert is_caption_like(caption)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Russia attacked Kyiv on Jan 18, 2026.",
        "Talks on Jan 17, 2026 failed. Negotiators leave on Jan 18, 2026.",
        "Negotiators will meet on Wednesday.",
    ],
)
def test_dates_not_caption_like(paragraph):
    assert not is_caption_like(paragraph)


def test_issue_12_published_not_inferred_from_a_caption():
    paragraphs = [
        "The minister speaks during a press conference in Istanbul on July 23, 2025.",
        "The talks follow a major attack on energy sites, officials said.",
    ]
    assert infer_published(paragraphs) is None


def test_issue_12_published_from_the_lede_with_weekday_agreement():
    # The caption's year bounds nothing; the story's own past year (2025) and the
    # weekday choose 2026: 4 February 2025 was a Tuesday, 4 February 2026 a Wednesday.
    paragraphs = [
        "The minister speaks during a press conference in Istanbul on July 23, 2025.",
        "Envoys met in Abu Dhabi on Wednesday, 4 February, for a second round of talks.",
        "The president has blown hot and cold since returning to office in January 2025.",
    ]
    assert infer_published(paragraphs) == date(2026, 2, 4)


@pytest.mark.parametrize(
    "paragraphs",
    [
        # past context: the start of a state, an event named by its date
        ["Prices have risen since Jan 18, 2026, the ministry said."],
        ["Markets fell further than after the Sept. 11, 2001, attacks."],
        # a day stated below the lede is background more often than news
        [
            "Officials said the talks were constructive.",
            "They spoke by phone.",
            "The war began on Feb 24, 2022.",
        ],
    ],
)
def test_dates_infer_published_ignores_background(paragraphs):
    assert infer_published(paragraphs) is None
