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
