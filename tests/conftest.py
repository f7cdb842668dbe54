"""Shared fixtures: fresh stores and the path of the hand-written test data.

Loading the trained spaCy model is refused in every test not marked ``slow`` (issue #11),
so ``pytest -m "not slow"`` proves it needs no model.
"""

from __future__ import annotations

import functools
import os
import sys
import tempfile
from pathlib import Path

import pytest
import spacy

from dateline.analyze import nlp
from dateline.store import Store

DATA = Path(__file__).parent / "data"

MARK_SLOW = "this test loads the trained model: mark it slow"


# Loads refused during the running test, one line each, in a file: a worker of the process
# pool or a subprocess can refuse a load too, and the code may swallow the failure there.
_NO_MODEL = tempfile.TemporaryDirectory(prefix="dateline-no-model-")
_REFUSED = Path(_NO_MODEL.name) / "refused"
_allowed = False  # during collection and outside slow tests: refused


class TrainedModelRefused(BaseException):
    """A test not marked slow loaded the trained model.

    A BaseException, so the pipeline's ``except Exception`` does not turn it into a skipped
    document; defined here, not ``pytest.fail``, so a pool worker can send it back pickled.
    """


def _refuse_unless_slow(load):
    """``load`` that raises TrainedModelRefused outside tests marked slow."""

    @functools.wraps(load)
    def guarded(*args, **kwargs):
        if not _allowed:
            with _REFUSED.open("a") as refused:
                refused.write(f"{load.__module__}.{load.__name__}{args!r}\n")
            raise TrainedModelRefused(MARK_SLOW)
        return load(*args, **kwargs)

    return guarded


# Patched in front of the lru_cache, so a model an earlier slow test loaded does not leak into
# a fast one: parse() and parse_many() look up nlp.load_nlp on every call. Patched at import,
# before any test module binds the name (test_analyze_mentions imports load_nlp itself).
_LOAD_NLP, _SPACY_LOAD = nlp.load_nlp, spacy.load
nlp.load_nlp = _refuse_unless_slow(_LOAD_NLP)
spacy.load = _refuse_unless_slow(_SPACY_LOAD)
for _module in list(sys.modules.values()):
    if getattr(_module, "__dict__", {}).get("load_nlp") is _LOAD_NLP:
        _module.load_nlp = nlp.load_nlp

# A subprocess (``python -m dateline ingest``) gets a stand-in model package first on its
# path, whose load() records the refusal and exits with the same message; spaCy finds the
# real package's metadata and then imports the stand-in.
(Path(_NO_MODEL.name) / nlp.MODEL).mkdir()
(Path(_NO_MODEL.name) / nlp.MODEL / "__init__.py").write_text(
    f"def load(**overrides):\n"
    f"    with open({str(_REFUSED)!r}, 'a') as refused:\n"
    f"        refused.write('spacy.load({nlp.MODEL}) in a subprocess\\n')\n"
    f"    raise SystemExit({MARK_SLOW!r})\n"
)
_PYTHONPATH = os.environ.get("PYTHONPATH")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture of the item, session fixtures (talks, stories_db) included.
    global _allowed
    _allowed = item.get_closest_marker("slow") is not None
    _REFUSED.unlink(missing_ok=True)
    if _allowed:
        _restore_pythonpath()
    else:
        os.environ["PYTHONPATH"] = os.pathsep.join(
            [_NO_MODEL.name, *([_PYTHONPATH] if _PYTHONPATH else [])]
        )


def _restore_pythonpath():
    if _PYTHONPATH is None:
        os.environ.pop("PYTHONPATH", None)
    else:
        os.environ["PYTHONPATH"] = _PYTHONPATH


def pytest_unconfigure(config):
    _restore_pythonpath()
    _NO_MODEL.cleanup()


@pytest.fixture(autouse=True)
def _trained_model_refused_unless_slow():
    """Fails a fast test that loaded the model even where the code swallowed the failure."""
    yield
    if _REFUSED.exists():
        pytest.fail(f"{MARK_SLOW}; refused: {_REFUSED.read_text()}", pytrace=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path):
    with Store.open(str(db_path)) as opened:
        yield opened


@pytest.fixture
def memory_store():
    """A fresh in-memory store, migrated: for tests that need no file."""
    with Store.open(":memory:") as opened:
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
    dateline.ingest(
        [str(DATA / "stories" / "articles.jsonl")],
        settings=load_settings({"db": str(path), "jobs": 1}),
    )
    return path


def free_port() -> int:
    """A loopback port nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
