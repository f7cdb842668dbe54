"""The service layer every face shares: picking a story, and the errors when there is none."""

from __future__ import annotations

import pytest

from dateline import service
from dateline.errors import NoStoriesError, StoryNotFoundError
from dateline.views.faithful import check as check_lines


def test_service_no_story_in_an_empty_store(memory_store):
    with pytest.raises(NoStoriesError, match=r"^no stories yet: ingest articles first$"):
        service.find_story(memory_store)
    with pytest.raises(StoryNotFoundError):
        service.find_story(memory_store, "talks")
    assert service.stories(memory_store) == []
    assert service.check(memory_store).ok


@pytest.mark.slow
def test_service_story_by_default_id_or_title(talks):
    largest, *others = service.stories(talks)
    assert service.find_story(talks) == largest
    assert service.find_story(talks, str(largest.id)) == largest
    snow = next(s for s in others if "snow" in s.title.casefold())
    assert service.find_story(talks, "  SNOW ") == snow
    with pytest.raises(StoryNotFoundError, match="matches"):
        service.find_story(talks, "e")


@pytest.mark.slow
def test_service_operations_return_typed_records_the_cli_prints(talks):
    story = service.find_story(talks)
    entries = service.timeline(talks, story, top=3)
    assert len(entries) == 3 and all(e.citations for e in entries)
    report = service.check(talks, story)  # every line the views make, the doubted too
    assert report.lines == report.cited > report.supported > 0
    shown = [*service.timeline(talks, story), *service.brief(talks, story)]
    assert check_lines(talks, shown).ok  # what the views show by default passes
    assert [a.name for a in service.entities(talks, story)][:1]
    document = service.export(talks, story).to_json()
    assert [s["id"] for s in document["stories"]] == [story.id]
    assert document["timeline"][0]["entries"] == [
        e.to_json() for e in service.timeline(talks, story)
    ]
