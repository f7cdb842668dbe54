"""The checker doubts what the line-making stages trust: a state shown as an event, a
publication day standing in for a past happening, a date from a relative clause, a heading
run into a sentence, quoted words about their "speaker", a title held only then, counts of
different things set against each other."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import new_db
from dateline.model import BriefPoint, Citation, PointKind, Quote, ResolvedBy
from dateline.views.doubts import dispute_problems, happening_problems

PUBLISHED = "2026-03-06"  # a Friday
TEXT = "\n\n".join(
    [
        "Harbour fire: crews still at work",
        "Fire crews put out a blaze at the harbour's grain store on Thursday.",
        "The harbour remains closed to shipping.",
        "Dockers have walked out over pay.",
        "The port authority had warned of the fire risk in its annual report.",
        "In 2019 a storm flooded the quay.",
        "The quay, which was rebuilt in 2021, reopened to visitors.",
        "The photos have now been removed from the website Harbour officials have launched "
        "an investigation into the fire.",
        "The harbour master will brief reporters.",
        "Will the harbour reopen before the summer season begins?",
        "The quay will reopen to visitors at 8pm.",
        "There is to be an inquiry into the flood a year ago.",
        "Dockers celebrated the vote that removed union leader Tom Reed from office on Thursday.",
        "He had a brother, Sam Reed, who worked on the quay.",
        "Port director Ann Lee opened an inquiry into the fire.",
        "The harbour closed to shipping after its pilot moved to Spain years ago.",
        "Dockers cheered the ouster of port director Joe Bloggs.",
        "The port authority agreed to hold an inquiry in April.",
        '" Demand for grain has grown since the fire reached the store.',
    ]
)
# A second outlet's report of the walkout.
OTHER = "\n\n".join(
    [
        "Walkout at the harbour",
        "Dockers have walked out over pay.",
        "Their union says the port authority has refused to meet its negotiators since the "
        "fire, and that the walkout will go on until it does.",
    ]
)


@pytest.fixture(scope="module")
def harbour(tmp_path_factory):
    import dateline

    folder = tmp_path_factory.mktemp("harbour")
    path = folder / "harbour.jsonl"
    record = {
        "url": "https://harbour.test/fire",
        "title": "Harbour fire: crews still at work",
        "publisher": "Harbour Wire",
        "published": PUBLISHED,
        "text": TEXT,
    }
    other = {
        "url": "https://quayside.test/walkout",
        "title": "Walkout at the harbour",
        "publisher": "Quayside News",
        "published": PUBLISHED,
        "text": OTHER,
    }
    path.write_text(json.dumps(record) + "\n" + json.dumps(other) + "\n")
    db = new_db(folder, "harbour")
    dateline.ingest([str(path)], db)
    with dateline.open(db) as store:
        yield store


def cite(store, sentence: str, url: str = "https://harbour.test/fire") -> Citation:
    """The citation of one sentence of the article at ``url``."""
    stored = next(s for s in store.articles.all() if s.article.url == url)
    start = stored.article.text.index(sentence)
    outlet = stored.article.publisher
    return Citation(stored.id, start, start + len(sentence), outlet, None, PUBLISHED)


def event_line(store, sentence: str, day: str) -> BriefPoint:
    """An event point showing one sentence of the article, dated ``day``."""
    label = day  # the checker reads days in ISO form from ``date``/``end``
    citations = (cite(store, sentence),)
    return BriefPoint(f"{label}: {sentence}", PointKind.EVENT, citations, day, day, label)


def problems(store, line) -> list[str]:
    from dateline.views.faithful import check

    return check(store, [line]).problems


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence, day, doubt",
    [
        (
            "Fire crews put out a blaze at the harbour's grain store on Thursday.",
            "2026-03-05",
            None,
        ),
        ("Dockers have walked out over pay.", PUBLISHED, None),
        ("The harbour remains closed to shipping.", PUBLISHED, "reports no happening"),
        (
            "Fire crews put out a blaze at the harbour's grain store on Thursday.",
            PUBLISHED,
            "cannot be derived",
        ),
        (
            "The port authority had warned of the fire risk in its annual report.",
            PUBLISHED,
            "cannot be derived",
        ),
        ("The quay, which was rebuilt in 2021, reopened to visitors.", "2021-01-01", "cannot"),
        (
            "The photos have now been removed from the website Harbour officials have launched "
            "an investigation into the fire.",
            PUBLISHED,
            "run into the sentence",
        ),
        ("The harbour master will brief reporters.", PUBLISHED, "plan or a forecast"),
        (
            '" Demand for grain has grown since the fire reached the store.',
            PUBLISHED,
            "someone's quoted words",
        ),
        (
            "The port authority agreed to hold an inquiry in April.",
            "2026-04-01",
            "a past happening dated after the article",
        ),
        ("The quay will reopen to visitors at 8pm.", PUBLISHED, "plan or a forecast"),
        (
            "There is to be an inquiry into the flood a year ago.",
            "2025-01-01",
            "a plan dated before the article",
        ),
        (
            "Will the harbour reopen before the summer season begins?",
            PUBLISHED,
            "asks a question",
        ),
        (
            "The harbour closed to shipping after its pilot moved to Spain years ago.",
            PUBLISHED,
            "cannot be derived",
        ),
    ],
)
def test_event_lines_are_doubted(harbour, sentence, day, doubt):
    found = problems(harbour, event_line(harbour, sentence, day))
    if doubt is None:
        assert found == []
    else:
        assert any(doubt in p for p in found), found


@pytest.mark.slow
def test_the_sentence_shown_may_not_state_a_day_outside_the_line(harbour):
    sentence = "Fire crews put out a blaze at the harbour's grain store on Thursday."
    line = event_line(harbour, sentence, "2026-03-05")
    moved = BriefPoint(line.text, line.kind, line.citations, "2026-03-06", "2026-03-07")
    assert any("outside the line's dates" in p for p in problems(harbour, moved))


@pytest.mark.slow
def test_the_sentence_shown_must_give_the_line_a_day(harbour):
    walkout = cite(harbour, "Dockers have walked out over pay.")
    fire = cite(harbour, "Fire crews put out a blaze at the harbour's grain store on Thursday.")
    text = "5 Mar 2026: Dockers have walked out over pay."
    line = BriefPoint(text, PointKind.EVENT, (walkout, fire), "2026-03-05", "2026-03-05")
    assert any("shown gives none of the line's days" in p for p in problems(harbour, line))


@pytest.mark.slow
def test_a_latest_point_needs_two_reports_for_a_publication_day(harbour):
    sentence = "Dockers have walked out over pay."
    ours = cite(harbour, sentence)
    theirs = cite(harbour, sentence, "https://quayside.test/walkout")
    text = f"Latest (6 Mar 2026): {sentence}"

    def latest(*citations: Citation) -> BriefPoint:
        return BriefPoint(text, PointKind.LATEST, citations, PUBLISHED, PUBLISHED)

    assert any("cannot be derived" in p for p in problems(harbour, latest(ours)))
    assert problems(harbour, latest(ours, theirs)) == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence, who, title, doubt",
    [
        (
            "Port director Ann Lee opened an inquiry into the fire.",
            "Ann Lee",
            "Port director",
            None,
        ),
        (
            "Dockers celebrated the vote that removed union leader Tom Reed from office on "
            "Thursday.",
            "Tom Reed",
            "union leader",
            "held at the time its own clause states",
        ),
        (
            "He had a brother, Sam Reed, who worked on the quay.",
            "Sam Reed",
            "brother",
            "told of a past the text does not date",
        ),
        (
            "Dockers cheered the ouster of port director Joe Bloggs.",
            "Joe Bloggs",
            "port director",
            "tenure ending",
        ),
    ],
)
def test_a_title_holds_when_its_clause_says(harbour, sentence, who, title, doubt):
    text = f"{who}, {title} (as of 6 Mar 2026): {sentence}"
    line = BriefPoint(
        text, PointKind.ROLE, (cite(harbour, sentence),), PUBLISHED, PUBLISHED, who=who, title=title
    )
    found = problems(harbour, line)
    if doubt is None:
        assert found == []
    else:
        assert any(doubt in p for p in found), found


@pytest.mark.slow
def test_the_year_of_a_past_happening_is_its_own(harbour):
    line = event_line(harbour, "In 2019 a storm flooded the quay.", "2019-01-01")
    line = BriefPoint(line.text, line.kind, line.citations, "2019-01-01", "2019-12-31", "2019")
    assert problems(harbour, line) == []


def test_counts_far_apart_or_many_are_no_dispute():
    cited = (Citation("a", 0, 1, None, None, None),)

    def dispute(told: str) -> BriefPoint:
        return BriefPoint(
            f"Sources differ on the number of cases: {told}", PointKind.DISPUTE, cited
        )

    assert dispute_problems(dispute("12 (bbc); 14 (reuters)")) == []
    assert dispute_problems(dispute("23 (bbc); 4,800 (guardian)"))
    assert dispute_problems(dispute("1 (bbc); 2 (bbc); 3 (reuters); 4 (guardian)"))
    day = BriefPoint(
        "Sources differ on the day: 4 Feb 2026 (A); 5 Feb 2026 (B).", PointKind.DISPUTE, cited
    )
    assert dispute_problems(day) == []


def quote(text: str, words: str, speaker: str, how: ResolvedBy = ResolvedBy.NAMED) -> Quote:
    start = text.index(words)
    speaker_start = text.index(speaker)
    return Quote(
        start,
        start + len(words),
        words,
        True,
        "said",
        None,
        None,
        speaker,
        speaker_start,
        speaker_start + len(speaker),
        resolved_by=how,
    )


@pytest.mark.parametrize(
    "text, words, doubt",
    [
        (
            'Ann Lee said: "We will rebuild the quay this year."',
            "We will rebuild the quay this year.",
            None,
        ),
        (
            'Ann Lee said: "Nobody told Lee about the fire."',
            "Nobody told Lee about the fire.",
            "name",
        ),
        ('Ann Lee said: "Dreams From My Father"', "Dreams From My Father", "heading"),
        ("Ann Lee was asked if she knew the cause.", "if she knew the cause", "question"),
    ],
)
def test_quoted_words_are_doubted(text, words, doubt):
    assert_doubted(text, words, doubt, ResolvedBy.NAMED)


@pytest.mark.parametrize(
    "cue, doubt", [("said", None), ("denies", "denies"), ("describes", "a topic")]
)
def test_a_denial_or_a_topic_is_no_position(cue, doubt):
    text = f"Ann Lee {cue} rumours that the quay will close for good this year."
    words = "rumours that the quay will close for good this year."
    quoted = replace(quote(text, words, "Ann Lee"), cue=cue)
    found = speaker_problems_of(text, words, quoted, "Ann Lee")
    assert (doubt is None and found == []) or any(doubt in p for p in found), found


def test_a_group_does_not_speak_as_one_person():
    text = 'Merlin said: "I have worked during other disasters but nothing like this."'
    words = "I have worked during other disasters but nothing like this."
    assert_doubted(text, words, "a group", ResolvedBy.ORGANISATION, who="Merlin")


def assert_doubted(text, words, doubt, how, who="Ann Lee"):
    found = speaker_problems_of(text, words, quote(text, words, who, how), who)
    if doubt is None:
        assert found == []
    else:
        assert any(doubt in p for p in found), found


def speaker_problems_of(text, words, quoted, who):
    from dateline.views.doubts import speaker_problems

    class Articles:  # what speaker_problems reads of the article
        def __getitem__(self, article_id):
            return type("Stored", (), {"article": type("A", (), {"text": text})})

        def mentions(self, article_id):
            return ()

        def clause_at(self, article_id, offset):
            return None

    line = BriefPoint(
        f"{who}: “{words}”",
        PointKind.POSITION,
        (Citation("a", 0, len(text), None, None, None),),
        who=who,
    )
    return speaker_problems(Articles(), line, quoted, who)


def test_a_sentence_without_analysis_is_not_verified():
    class Unanalysed:
        def clause_at(self, article_id: str, start: int) -> None:
            return None

    citation = Citation("a1", 0, 40, "Harbour Wire", None, PUBLISHED)
    line = BriefPoint("6 Mar 2026: ...", PointKind.EVENT, (citation,), PUBLISHED, PUBLISHED)
    assert happening_problems(Unanalysed(), line, dated_by_text=True)  # type: ignore[arg-type]
