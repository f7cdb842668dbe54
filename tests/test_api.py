"""The Python API offers what the CLI does."""

from __future__ import annotations

from datetime import date

import pytest

import dateline
from conftest import new_db
from dateline.settings import Settings

pytestmark = pytest.mark.slow

TEXT = (
    "The harbour authority said on Tuesday that the container port would reopen on "
    "Thursday after a storm closed it for three days, and that ships would be let in.\n\n"
    '"We expect the backlog to clear within a week," the authority\'s director Ana Lima '
    "told reporters at the quay.\n"
)


def test_api_ingest_open_extract_analyze(tmp_path):
    story = tmp_path / "in" / "port.txt"
    story.parent.mkdir()
    story.write_text(TEXT)
    db = new_db(tmp_path, "api")
    report = dateline.ingest(
        [str(story)], db=db, published=date(2026, 3, 3), settings=Settings(db=db, jobs=1)
    )
    assert (report.ingested, report.analysed, report.skipped) == (1, 1, 0)
    with dateline.open(db) as store:
        (stored,) = store.articles.all()
        assert store.analyses.get(stored.id) is not None
    (extracted,) = dateline.extract_documents([str(story)], settings=Settings(jobs=1))
    assert isinstance(extracted, dateline.Extracted)
    (analysed,) = dateline.analyze_documents(
        [str(story)], published=date(2026, 3, 3), settings=Settings(jobs=1)
    )
    assert isinstance(analysed, dateline.Analysed)
    assert any(t.value == "2026-03-05" for t in analysed.analysis.timexes)
