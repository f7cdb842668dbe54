"""Linking time of one analysed store, by the code of several revisions, on SQLite and
PostgreSQL.

``--docs`` Timeline17 input documents (spread over all 17 folders) are read, extracted
and analysed once into a store (``--jobs`` processes); then, for each revision given
(``git archive`` of this checkout, so any commit of the history), a copy of that store
is linked by that revision's ``link_copies``, ``link_entities`` and ``link_stories`` in
one process, each stage timed, at the garbage collector's pace that revision's linking
sets (``dateline.collection``, where it has one). The stores are SQLite files, or
databases on the PostgreSQL server of ``$DATELINE_TEST_PG_URL``
(``tools/with_postgres.py`` starts one), copied with ``CREATE DATABASE ... TEMPLATE``. Revisions whose analyses differ from the
current one's are not comparable: their linking would read analyses of another version.

    python bench/link_time.py [--docs 300] [--revisions 4d0a424 HEAD] [--results FILE]
    python tools/with_postgres.py python bench/link_time.py ...
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from common import PACED, REPO, eval_kit, revision_tree, run_in_tree, write_section
from faults import new_store
from throughput import prepare_text

SECTION = "## Linking time by revision (issues #13 and #15)"
PREPARE = """
import sys
import dateline
from dateline.run.analyze import analyze_pending
from dateline.run.extract import Inputs, extract_into
from dateline.run.ingest import local_runner
from dateline.settings import Settings

settings = Settings(db=sys.argv[2], jobs=int(sys.argv[3]))
with dateline.open(settings.db) as store:
    runner = local_runner(settings)
    extract_into(store, Inputs([sys.argv[1]]), settings, runner)
    analyze_pending(store, runner)
"""
LINK = (
    PACED
    + """
import json, sys, time
import dateline
from dateline.link.copies import link_copies
from dateline.link.entities import link_entities
from dateline.link.stories import link_stories

times = {}
with dateline.open(sys.argv[1]) as store, paced():
    for name, stage in (("copies", link_copies), ("actors", link_entities), ("events and stories", link_stories)):
        started = time.perf_counter()
        stage(store)
        times[name] = time.perf_counter() - started
print(json.dumps(times))
"""
)
STAGES = ("copies", "actors", "events and stories")


def copy_store(source: str, name: str) -> str:
    """A copy of a store: a file beside it, or a database made from it as a template."""
    server = os.environ.get("DATELINE_TEST_PG_URL")
    if not server:
        target = str(Path(source).with_name(f"{name}.db"))
        shutil.copyfile(source, target)
        return target
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {source.rsplit('/', 1)[1]}")
    return server.rsplit("/", 1)[0] + "/" + name


def linked(tree: Path, db: str) -> dict[str, float]:
    """Seconds per linking stage of the code under ``tree`` on the store ``db``."""
    return run_in_tree(tree, LINK, db)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--revisions", nargs="+", default=["HEAD"])
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    store_kind = "PostgreSQL" if os.environ.get("DATELINE_TEST_PG_URL") else "SQLite"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        prepare_text(eval_kit(args.eval_dir), folder, args.docs)
        base = new_store(Path(tmp), "linkbase")
        environment = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        subprocess.run(
            [sys.executable, "-c", PREPARE, str(folder), base, str(args.jobs)],
            env=environment,
            check=True,
        )
        for n, revision in enumerate(args.revisions):
            commit, tree = revision_tree(revision, Path(tmp) / f"rev{n}")
            times = linked(tree, copy_store(base, f"linked{n}"))
            total = sum(times.values())
            cells = " | ".join(f"{times[stage]:.1f}" for stage in STAGES)
            rows.append(
                f"| {store_kind} | `{commit}` | {args.docs} | {cells} | {total:.1f} | "
                f"{1000 * total / args.docs:.0f} |"
            )
            print(rows[-1], flush=True)
    if args.results:
        text = args.results.read_text(encoding="utf-8") if args.results.exists() else ""
        start = text.find(SECTION)
        end = text.find("\n## ", start + len(SECTION)) if start != -1 else -1
        earlier = text[start : None if end == -1 else end] if start != -1 else ""
        kept = [
            line for line in earlier.splitlines() if line.startswith(("| SQLite", "| PostgreSQL"))
        ]
        kept = [line for line in kept if not line.startswith(f"| {store_kind} |")]
        section = "\n".join(
            [
                SECTION,
                "",
                "Command: `python bench/link_time.py --docs 300 --revisions 4d0a424 HEAD "
                "--results bench/RESULTS.md`, and the same under `python "
                "tools/with_postgres.py` for PostgreSQL.",
                "",
                f"Machine: {os.cpu_count()} cores, CPython {platform.python_version()}. Date: "
                f"{date.today().isoformat()}. " + __doc__.split("\n\n")[1].replace("\n", " "),
                "",
                "| store | revision | documents | copies (s) | actors (s) | events and stories (s) "
                "| linking (s) | ms a document |",
                "|---|---|---:|---:|---:|---:|---:|---:|",
                *kept,
                *rows,
                "",
            ]
        )
        write_section(args.results, SECTION, section)


if __name__ == "__main__":
    main()
