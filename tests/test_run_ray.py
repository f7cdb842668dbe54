"""The Ray runner (issue #15): on a local Ray, ingest gives the store the local runner gives.

The tests that run Ray are marked slow: Ray takes seconds to start, and its workers keep
the environment of the test that started it, so a fast test must not be the one.
"""

from __future__ import annotations

import math
import sqlite3
import sys
from importlib.resources import files
from pathlib import Path

import pytest
import ray

from clikit import invoke
from conftest import DATA, TALKS, free_port
from dateline import errors
from dateline.errors import RunnerError
from dateline.run.extract import Inputs
from dateline.run.ingest import ingest
from dateline.run.ray import RayRunner, connect
from dateline.settings import Engine, Settings
from dateline.store import Store

# Stores compared row by row as SQLite files: the PostgreSQL pass has nothing to add here.
pytestmark = pytest.mark.sqlite_only

DEMO = Path(str(files("dateline") / "demo" / "corpus"))
# The demo corpus (HTML, text, JSON lines, RSS), the talks of several outlets, and a folder
# of every input kind, two WARC shards and unreadable inputs among them.
INPUTS = [str(DEMO), str(TALKS), str(DATA / "sources")]


@pytest.fixture(scope="session")
def local_ray():
    """A local Ray of 2 CPUs for the session (started once: it takes seconds), on loopback."""
    ray.init(address="local", num_cpus=2, include_dashboard=False, logging_level="ERROR")
    yield
    ray.shutdown()


def rows(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows in storage order, without the columns that record when (``*_at``)."""
    with sqlite3.connect(db) as conn:
        tables = [
            name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        found = {}
        for table in tables:
            columns = [
                f'"{name}"'
                for _, name, *_ in conn.execute(f'PRAGMA table_info("{table}")')
                if not name.endswith("_at")
            ]
            found[table] = conn.execute(f'SELECT {", ".join(columns)} FROM "{table}"').fetchall()
    return found


def ingested(db: Path, settings: Settings) -> list[tuple[str, str, str]]:
    """Ingest INPUTS into a fresh store at ``db``; the failures reported."""
    with Store.open(str(db)) as store:
        report = ingest(Inputs(INPUTS), store, settings)
    return [(f.source, f.stage, f.reason) for f in report.failures]


@pytest.mark.slow
def test_run_ray_store_same_as_local(local_ray, tmp_path):
    local = ingested(tmp_path / "local.db", Settings(jobs=2))
    on_ray = ingested(tmp_path / "ray.db", Settings(jobs=2, engine=Engine.RAY))
    assert on_ray == local and any(stage == "read" for _, stage, _ in local)
    same, other = rows(tmp_path / "local.db"), rows(tmp_path / "ray.db")
    assert len(same["articles"]) > 30 and len(same["raw_documents"]) > len(same["articles"])
    assert same == other


@pytest.mark.slow
def test_run_ray_map_in_input_order_across_windows(local_ray):
    # the first items of each window take longest, so they finish last
    numbers = [4000 * (9 - k % 5) for k in range(11)]
    mapped = list(RayRunner(cpus=2, window=4).map(math.factorial, numbers))
    assert mapped == [(n, math.factorial(n)) for n in numbers]


@pytest.mark.slow
def test_run_ray_crashed_task_is_runner_error(local_ray):
    with pytest.raises(RunnerError, match=r"^a Ray step failed: .*run ingest again to go on\.$"):
        list(RayRunner(cpus=2).map(math.factorial, [3, -1]))


@pytest.mark.slow
def test_cli_ingest_engine_ray(local_ray, tmp_path, monkeypatch):
    # a relative path, which Ray's workers, started in another folder, read as this one's
    monkeypatch.chdir(TALKS.parent)
    local, on_ray = tmp_path / "local.db", tmp_path / "ray.db"
    assert invoke("ingest", "--db", local, "--jobs", 1, TALKS.name).exit_code == 0
    result = invoke("ingest", "--engine", "ray", "--db", on_ray, TALKS.name)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("analysed 9, skipped 0\n")
    assert rows(on_ray) == rows(local)


def test_cli_ingest_engine_ray_without_ray(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as where it is missing
    result = invoke("ingest", "--engine", "ray", "--db", tmp_path / "x.db", TALKS)
    assert result.exit_code == 1
    assert result.stderr == f"Error: {errors.RAY_MISSING}\n"


def test_cli_ingest_address_needs_engine_ray(tmp_path):
    result = invoke("ingest", "--address", "auto", "--db", tmp_path / "x.db", TALKS)
    assert result.exit_code == 2
    assert (
        result.stderr == "Error: --address is the Ray cluster of --engine ray: add --engine ray.\n"
    )


@pytest.mark.parametrize("address", ["127.0.0.1:{port}", "ray://127.0.0.1:{port}"])
def test_an_address_nothing_answers_is_one_error_not_a_wait(address):
    # connecting as ray_runner does where no Ray runs in the process yet
    settings = Settings(engine=Engine.RAY, address=address.format(port=free_port()))
    with pytest.raises(RunnerError, match=r"^cannot connect to Ray at .*Connection refused"):
        connect(settings, verbose=False)
