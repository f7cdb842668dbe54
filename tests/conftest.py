"""Shared fixtures: fresh stores and the path of the hand-written test data.

Loading the trained spaCy model is refused in every test not marked ``slow`` (issue #11),
so ``pytest -m "not slow"`` proves it needs no model.

With ``DATELINE_TEST_PG_URL`` set (``tools/with_postgres.py`` does), every store the tests
make is a fresh database on that PostgreSQL server instead of a SQLite file, and tests
marked ``sqlite_only`` (those about SQLite files themselves) are skipped.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
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


PG_URL = os.environ.get("DATELINE_TEST_PG_URL")
_TEMPLATE = "dateline_template"
_numbers = itertools.count()
_made_in_test: list[str] = []  # databases to drop when the running test ends
_in_test = False  # set while a test and its function fixtures run, not wider fixtures


def pytest_collection_modifyitems(config, items):
    if PG_URL:
        skip = pytest.mark.skip(reason="about SQLite files: not run against PostgreSQL")
        for item in items:
            if item.get_closest_marker("sqlite_only"):
                item.add_marker(skip)


def new_db(folder: Path, name: str, *, migrated: bool = True) -> str:
    """Where a new store goes: a SQLite file in ``folder``, or with ``DATELINE_TEST_PG_URL``
    a new database on that server (migrated, unless not ``migrated``), dropped when the
    test that made it ends (one a module or session fixture made stays with the server,
    dropped at its end)."""
    if not PG_URL:
        return str(folder / f"{name}.db")
    import psycopg

    if next(_numbers) == 0:
        _admin(f"DROP DATABASE IF EXISTS {_TEMPLATE} WITH (FORCE)")
        _admin(f"CREATE DATABASE {_TEMPLATE}")
        Store.open(_url(_TEMPLATE)).close()  # migrated once; copies are fast
    database = f"t{os.getpid()}_{next(_numbers)}_{re.sub(r'[^a-z0-9]', '', name.lower())}"[:60]
    try:
        _admin(f"CREATE DATABASE {database} TEMPLATE {_TEMPLATE if migrated else 'template0'}")
    except psycopg.errors.ObjectInUse:  # a test's store still held the template: retry
        _admin(f"CREATE DATABASE {database} TEMPLATE {_TEMPLATE}")
    if _in_test:
        _made_in_test.append(database)
    return _url(database)


def db_of(store: Store) -> str:
    """What ``--db`` takes to open ``store`` again: its SQLite file, or its URL."""
    url = store.db.engine.url
    return url.database if url.get_backend_name() == "sqlite" else url.render_as_string(False)


def copy_of(store: Store, folder: Path, name: str) -> str:
    """A new store holding what ``store`` holds (a copied file, or a database made from
    it as a template once its idle connections are closed)."""
    if not PG_URL:
        import shutil

        return str(shutil.copy(db_of(store), folder / f"{name}.db"))
    copy = new_db(folder, name)
    store.db.engine.dispose()
    _admin(f"DROP DATABASE {copy.rsplit('/', 1)[1]}")
    _admin(f"CREATE DATABASE {copy.rsplit('/', 1)[1]} TEMPLATE {store.db.engine.url.database}")
    return copy


def _url(database: str) -> str:
    assert PG_URL
    return PG_URL.rsplit("/", 1)[0] + "/" + database


def _admin(statement: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute(statement)


@pytest.fixture(autouse=True)
def _drop_test_databases():
    global _in_test
    _in_test = True
    yield
    _in_test = False
    while _made_in_test:
        _admin(f"DROP DATABASE IF EXISTS {_made_in_test.pop()} WITH (FORCE)")


@pytest.fixture
def db_path(tmp_path: Path) -> Path | str:
    """A new store's place: a SQLite path, or a PostgreSQL URL (see the module's doc)."""
    return new_db(tmp_path, "test") if PG_URL else tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path | str):
    with Store.open(str(db_path)) as opened:
        yield opened


@pytest.fixture
def memory_store(tmp_path: Path):
    """A fresh in-memory store, migrated: for tests that need no file (with PostgreSQL,
    a fresh database)."""
    with Store.open(new_db(tmp_path, "memory") if PG_URL else ":memory:") as opened:
        yield opened


TALKS = DATA / "link" / "talks.jsonl"


@pytest.fixture(scope="session")
def talks(tmp_path_factory):
    """A store holding the multi-outlet talks fixture, ingested once; tests only read it."""
    import dateline

    db = new_db(tmp_path_factory.mktemp("talks"), "talks")
    dateline.ingest([str(TALKS)], db)
    with dateline.open(db) as store:
        yield store


@pytest.fixture(scope="session")
def stories_db(tmp_path_factory) -> str:
    """A store holding the stories fixture (tests/data/stories/), ingested once."""
    import dateline
    from dateline.settings import load_settings

    path = new_db(tmp_path_factory.mktemp("stories"), "stories")
    dateline.ingest(
        [str(DATA / "stories" / "articles.jsonl")],
        settings=load_settings({"db": path, "jobs": 1}),
    )
    return path


def free_port() -> int:
    """A loopback port nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
