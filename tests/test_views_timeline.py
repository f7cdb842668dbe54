"""The timeline and key points of a story: dated, ranked, de-duplicated, every line cited and
checked against its citations."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from conftest import DATA, new_db
from dateline.model import BriefPoint, Citation, DateSpan, PointKind, Precision
from dateline.views.brief import brief
from dateline.views.faithful import Verifier, check
from dateline.views.render import sections
from dateline.views.timeline import Articles, timeline


def lines_of(items):
    return list(items)


def line(text, citations, label=None, day=None, end=None):
    """A generated line to check: any text with any citations."""
    return BriefPoint(text, PointKind.EVENT, tuple(citations), day, end, label)


@pytest.mark.parametrize(
    "start, end, precision, label",
    [
        ("2026-02-04", "2026-02-04", "day", "4 Feb 2026"),
        ("2026-02-04", "2026-02-05", "day", "4-5 Feb 2026"),
        ("2026-01-30", "2026-02-02", "day", "30 Jan - 2 Feb 2026"),
        ("2025-12-30", "2026-01-02", "day", "30 Dec 2025 - 2 Jan 2026"),
        ("2026-01-12", "2026-01-18", "week", "week of 12 Jan 2026"),
        ("2025-12-01", "2025-12-31", "month", "Dec 2025"),
        ("2025-01-01", "2025-12-31", "year", "2025"),
    ],
)
def test_timeline_dates_at_their_precision(start, end, precision, label):
    assert DateSpan(start, end, Precision(precision)).label() == label


@pytest.mark.slow
def test_timeline_one_entry_for_an_event_many_outlets_report(talks):
    entries = timeline(talks, None)
    abu_dhabi = [e for e in entries if "Abu Dhabi" in e.places and e.label == "4-5 Feb 2026"]
    assert len(abu_dhabi) == 1
    entry = abu_dhabi[0]
    assert entry.sources == 2 and len({c.article for c in entry.citations}) == 3
    assert {c.outlet for c in entry.citations} == {"Coastal Times", "The Gazette"}
    cited = entry.citations[0]
    assert (
        talks.articles.get(cited.article).article.text[cited.start : cited.end].strip()
        == entry.text
    )


@pytest.mark.slow
def test_timeline_in_date_order_and_top_keeps_the_most_important(talks):
    entries = timeline(talks, None)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    top = timeline(talks, None, top=2)
    assert len(top) == 2
    assert min(e.importance for e in top) >= max(
        e.importance for e in entries if e.event not in {t.event for t in top}
    )
    assert "4-5 Feb 2026" in [e.label for e in top]


@pytest.mark.slow
def test_timeline_past_event_is_dated_by_its_own_day(talks):
    kremlin = next(e for e in timeline(talks, None) if "Kremlin" in e.text and "Witkoff" in e.text)
    assert kremlin.label == "2 Dec 2025"
    assert kremlin.citations[0].published == "2025-12-03"  # the report of the day after
    assert "2026-01-10" in {c.published for c in kremlin.citations}


@pytest.mark.slow
def test_timeline_says_a_day_only_publication_gives_is_the_day_it_was_reported(talks):
    entries = timeline(talks, None)
    reported = [e for e in entries if e.dated_by == "publication"]
    assert reported and all(e.label.startswith("reported ") for e in reported)
    assert all(not e.label.startswith("reported") for e in entries if e.dated_by == "text")
    points = [p for p in brief(talks, None) if p.kind in ("latest", "event")]
    told = {e.text: e.label for e in reported}
    for point in points:
        label = next((lab for text, lab in told.items() if point.text.endswith(text)), None)
        assert label is None or label in point.text
    assert Verifier(Articles(talks)).all(reported)  # the checker lets such days through


@pytest.mark.slow
def test_timeline_from_and_to(talks):
    entries = timeline(talks, None, since=date(2026, 1, 1), until=date(2026, 2, 4))
    assert entries and all(e.end >= "2026-01-01" and e.date <= "2026-02-04" for e in entries)


@pytest.mark.slow
def test_brief_gives_the_state_of_the_story_with_citations(talks):
    points = brief(talks, None)
    kinds = [p.kind for p in points]
    assert 5 <= len(points) <= 10
    assert kinds[0] == "latest" and "position" in kinds and "event" in kinds
    assert all(p.citations for p in points)


@pytest.mark.slow
def test_brief_shows_both_figures_where_sources_disagree(talks):
    dispute = next(p for p in brief(talks, None) if p.kind == "dispute")
    assert "12 (Example Wire)" in dispute.text and "14 (The Gazette)" in dispute.text
    assert len(dispute.citations) == 2


@pytest.fixture(scope="module")
def port_fire(tmp_path_factory):
    """Three outlets on one port fire: two put it on Tuesday, one on Wednesday."""
    import dateline

    db = new_db(tmp_path_factory.mktemp("dispute"), "dispute")
    dateline.ingest([str(DATA / "brief" / "dispute.jsonl")], db)
    with dateline.open(db) as store:
        yield store


@pytest.mark.slow
def test_brief_shows_both_days_where_sources_disagree(port_fire):
    points = brief(port_fire, None)
    dispute = next(p for p in points if p.text.startswith("Sources differ on the day"))
    assert "10 Mar 2026 (Canal Daily, Harbour Wire); 11 Mar 2026 (Lowland Post)" in dispute.text
    assert {c.outlet for c in dispute.citations} == {"Canal Daily", "Harbour Wire", "Lowland Post"}
    report = check(port_fire, [dispute])
    assert report.ok, report.problems


@pytest.mark.slow
def test_a_line_shown_by_a_later_happening_is_doubted(port_fire):
    """The inquiry that began after the fire is no sentence to show for the fire's days."""
    problems = check(port_fire, lines_of(brief(port_fire, None))).problems
    assert any(
        "Investigators began" in p and "gives none of the line's days" in p for p in problems
    )


@pytest.mark.slow
def test_brief_no_day_dispute_where_sources_agree_or_tell_of_two_days(talks):
    assert not any(p.text.startswith("Sources differ on the day") for p in brief(talks, None))


@pytest.mark.slow
def test_brief_since_keeps_what_changed(talks):
    points = brief(talks, None, since=date(2026, 2, 1))
    assert points and all(
        c.published >= "2026-02-01" for p in points if p.kind != "role" for c in p.citations[:1]
    )
    assert not any("Witkoff" in p.text for p in points if p.kind == "event")


@pytest.mark.slow
def test_faithful_every_line_the_views_show_is_supported(talks):
    articles = Articles(talks)
    shown = Verifier(articles).all([*timeline(talks, None), *brief(talks, None)])
    report = check(talks, shown)
    assert report.ok, report.problems
    assert report.lines == report.cited == report.supported > 10


@pytest.mark.slow
def test_faithful_flags_what_the_citations_do_not_say(talks):
    entry = timeline(talks, None, top=1)[0]
    report = check(
        talks,
        [
            line("Negotiators met 3 times.", entry.citations),
            line("Talks collapsed, said Lavrov.", entry.citations),
            line("An uncited claim.", ()),
            line(entry.text, entry.citations, entry.label, "2024-01-01", "2024-01-01"),
            line(
                "Out of range.", (Citation(entry.citations[0].article, 0, 10**6, None, None, None),)
            ),
            line(f"Sources differ on the day: 1 Mar 2024. {entry.text}", entry.citations),
        ],
    )
    assert report.cited == 5 and report.supported == 0
    assert any("number 3" in p for p in report.problems)
    assert any("'Lavrov'" in p for p in report.problems)
    assert any("no citation" in p for p in report.problems)
    assert any("date 2024-01-01" in p for p in report.problems)
    assert any("not in article" in p for p in report.problems)
    assert any("date 1 Mar 2024 cannot" in p for p in report.problems)


@pytest.mark.slow
def test_faithful_attribution_is_checked_not_only_words(talks, port_fire):
    """A quote under another speaker, a role under another holder, a dispute whose day only a
    publication date gives: each names words the citations hold, and each is flagged."""
    points = brief(talks, None)
    position = next(p for p in points if p.kind == "position")
    role = next(p for p in points if p.kind == "role")
    assert check(talks, [position, role]).ok
    other = next(p.who for p in points if p.kind == "position" and p.who != position.who)
    wrong_speaker = replace(position, text=position.text.replace(position.who, other, 1), who=other)
    wrong_holder = replace(role, who="Kremlin")
    report = check(talks, [wrong_speaker, wrong_holder])
    assert report.supported == 0
    assert any(f"attributed to {other!r}" in p for p in report.problems)
    assert any("attaches the title" in p for p in report.problems)
    dispute = next(p for p in brief(port_fire, None) if p.kind == "dispute")
    published_only = replace(dispute, text="Sources differ on the day: 12 Mar 2026 (Harbour Wire).")
    assert any(
        "12 Mar 2026 is not stated" in p for p in check(port_fire, [published_only]).problems
    )


@pytest.mark.slow
def test_faithful_a_belief_is_no_ones_quoted_words(tmp_path):
    """A position whose cited words are a belief or a plan attributed to someone, not said
    by them, is flagged, and the brief makes none of it."""
    import json

    import dateline

    path = tmp_path / "belief.jsonl"
    lines = [
        {
            "url": f"https://post.test/{n}",
            "title": "Ceasefire doubts grow",
            "publisher": "The Post",
            "published": f"2026-03-0{n}",
            "text": "Ceasefire doubts grow\n\nTom Park believes the ceasefire along the river "
            "will not hold through the winter months ahead.",
        }
        for n in (1, 2)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = new_db(tmp_path, "belief")
    dateline.ingest([str(path)], db)
    with dateline.open(db) as store:
        assert not [p for p in brief(store, None) if p.kind == "position"]
        quote = next(s for s in store.analyses.quotes() if s.quote.speaker == "Tom Park")
        assert quote.quote.speech is False
        article = Articles(store)
        cited = article.cite(quote.article.id, quote.quote.speaker_start, quote.quote.end)
        words = quote.quote.text
        position = BriefPoint(f"Tom Park: “{words}”", PointKind.POSITION, (cited,), who="Tom Park")
        assert any("attributed to 'Tom Park'" in p for p in check(store, [position]).problems)


@pytest.mark.slow
def test_faithful_unverified_lines_left_out_or_marked(talks):
    position = next(p for p in brief(talks, None) if p.kind == "position")
    wrong = replace(position, who="Nobody")
    articles = Articles(talks)
    assert Verifier(articles)(wrong) is None and Verifier(articles)(position) is position
    marked = Verifier(articles, keep_unverified=True)(wrong)
    assert marked.verified is False and marked.to_json()["verified"] is False
    (section,) = sections(points=[marked])
    assert section.lines[0][1].startswith("[unverified] ")


@pytest.mark.parametrize(
    "sentence, news",
    [
        ("Delegations from Ukraine, Russia and the US held talks in Abu Dhabi.", True),
        ("Ben, thank you for that, we will be right back after this.", False),
        ("Can not play media.", False),
        ("Will the ceasefire hold through the winter months ahead of the vote?", False),
        ("I think the talks went well and everyone was very pleased today.", False),
        ("Talks Collapse As Rebels Shell The Eastern City Of Donetsk Again", False),  # a heading
    ],
)
def test_timeline_only_sentences_that_read_as_news(sentence, news):
    from dateline.views.timeline import reads_as_news

    assert reads_as_news(sentence) is news


def test_render_a_line_cites_a_few_articles_by_number_and_counts_the_rest():
    from dateline.views.render import MAX_FOOTNOTES, Footnotes

    cited = [
        Citation(f"a{n}", 0, 5, outlet, None, None)
        for n, outlet in enumerate(["BBC", "CNN", "BBC", "Reuters", "AP", "Reuters", "Le Monde"])
    ]
    notes = Footnotes()
    assert notes.numbers([*cited, cited[0]]) == list(range(1, MAX_FOOTNOTES + 1))
    assert notes.rest(cited) == "and 4 more from Reuters, AP, Le Monde"
    assert notes.rest(cited[:MAX_FOOTNOTES]) == ""
    assert len(notes.sources()) == MAX_FOOTNOTES


@pytest.mark.slow
def test_timeline_background_comes_last_and_says_so(tmp_path):
    """What ended before the story's first article is context: marked, ranked after every
    other entry, never the brief's key event."""
    import json

    import dateline

    texts = [
        "Dockers struck at the port of Lenna on Friday, halting grain exports. "
        "In 2019 a storm flooded the quay and closed the port for a month.",
        "The strike at the port of Lenna ended on Saturday after talks with the owners.",
    ]
    path = tmp_path / "port.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    "url": f"https://port.test/{n}",
                    "title": "Port of Lenna strike",
                    "publisher": "Harbour Wire",
                    "published": f"2026-03-0{6 + n}",
                    "text": f"Port of Lenna strike\n\n{text}",
                }
            )
            + "\n"
            for n, text in enumerate(texts)
        )
    )
    db = new_db(tmp_path, "port")
    dateline.ingest([str(path)], db)
    with dateline.open(db) as store:
        story = dateline.find_story(store)
        every = dateline.timeline(store, story, unverified=True)
        background = [e for e in every if e.background]
        assert [e.label for e in background] == ["2019"]
        assert background[0].to_json()["background"] is True
        top = dateline.timeline(store, story, top=1, unverified=True)
        assert not top[0].background
        (section,) = sections(entries=background)
        assert "[background] " in section.lines[0][1]


@pytest.mark.slow
def test_timeline_what_the_first_report_tells_of_its_week_is_news(tmp_path):
    """The walkout two days before the first article is the story's news, not background."""
    import json

    import dateline

    text = (
        "Dockers walked out at the port of Lenna on Saturday, halting grain exports. "
        "In 2019 a storm flooded the quay and closed the port for a month."
    )
    path = tmp_path / "port.jsonl"
    record = {"url": "https://port.test/1", "title": "Port of Lenna strike", "text": text}
    path.write_text(json.dumps({**record, "published": "2026-03-09"}) + "\n")
    db = new_db(tmp_path, "port")
    dateline.ingest([str(path)], db)
    with dateline.open(db) as store:
        every = dateline.timeline(store, dateline.find_story(store), unverified=True)
        assert {e.label: e.background for e in every} == {"2019": True, "7 Mar 2026": False}


@pytest.mark.slow
def test_timeline_an_event_left_out_in_one_wording_is_told_in_another(talks):
    best = timeline(talks, None, top=1)[0]

    def keep(entry):
        return None if entry.text == best.text else entry

    (other,) = [e for e in timeline(talks, None, keep=keep) if e.event == best.event]
    assert other.text != best.text and other.label == best.label
