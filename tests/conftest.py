"""Shared fixtures: fresh stores and the path of the hand-written test data."""
from __future__ import annotations

from pathlib import Path

import pytest

from dateline.store import Store

DATA = Path(__file__).parent / "data"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path):
    with Store.open(str(db_path)) as opened:
        yield opened


TALKS = DATA / "link" / "talks.jsonl"


@pytest.fixture(scope="session")
def talks(tmp_path_factory):
    """A store holding the multi-outlet talks fixture, ingested once; tests only read it."""
    import dateline

    db = str(tmp_path_factory.mktemp("talks") / "talks.db")
    dateline.ingest([str(TALKS)], db)
    with dateline.open(db) as store:
        yield store


@pytest.fixture(scope="session")
def stories_db(tmp_path_factory) -> Path:
    """A store holding the stories fixture (tests/data/stories/), ingested once."""
    import dateline
    from dateline.settings import load_settings

    path = tmp_path_factory.mktemp("stories") / "stories.db"
    dateline.ingest([str(DATA / "stories" / "articles.jsonl")],
                    settings=load_settings({"db": str(path), "jobs": 1}))
    return path
