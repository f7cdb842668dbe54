"""Ingest throughput by runner and store, where the time goes, and concurrent ingests.

Inputs: ``--docs`` Timeline17 input documents spread over all 17 folders, as JSON lines;
past the 4,650 documents there are, the same texts again under fresh URLs, each with one
of its lines left out (a republished copy: a new article, which copy linking then finds to
be a copy; the very same text would be a duplicate, stored once).

Throughput: for each size, store (SQLite; PostgreSQL too with ``DATELINE_TEST_PG_URL``,
as ``tools/with_postgres.py`` sets it) and runner (the local pool with 1 and 2 processes,
Ray on 2 CPUs), one fresh store and one process that reads, extracts and stores, analyses,
then links, timing each step (model loading counts in analysis; Ray's start in the whole).

Concurrency: four ingests of 250 documents each, started at once into one fresh store
(1 process each), against one ingest of the 1,000 (2 processes); the store is then checked:
every article once, analysed once, in one story, nothing left waiting.

    python tools/with_postgres.py python bench/scale.py [--sizes 1000] [--stores PostgreSQL]
        [--runners local-1 local-2 ray-2] [--concurrent-docs 1000] [--results FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from common import eval_kit, write_section
from faults import new_store
from throughput import prepare_text

SECTION = "## Ingest at scale: runners, stores, concurrent writers (issue #15)"
RUNNERS = {
    "local, 1 process": ("local", 1),
    "local, 2 processes": ("local", 2),
    "Ray, 2 CPUs": ("ray", 2),
}
# ``--runners`` names them as engine-processes
RUNNER_ARGS = {f"{engine}-{jobs}": name for name, (engine, jobs) in RUNNERS.items()}
STEPS = """
import json, sys, time
from dateline.run.analyze import analyze_pending
from dateline.run.extract import Inputs, extract_into
from dateline.run.ingest import engine_runner
from dateline.run.link import link_pending
from dateline.settings import Engine, load_settings
from dateline.store import Store

started = time.perf_counter()
settings = load_settings({"db": sys.argv[2], "jobs": int(sys.argv[3]), "engine": Engine(sys.argv[4])})
times = {}
with Store.open(settings.db) as store, engine_runner(settings) as runner:
    times["start"] = time.perf_counter() - started
    mark = time.perf_counter()
    report = extract_into(store, Inputs([sys.argv[1]]), settings, runner, None)
    times["read, extract, store"] = time.perf_counter() - mark
    mark = time.perf_counter()
    analysed = analyze_pending(store, runner)
    times["analyse"] = time.perf_counter() - mark
    mark = time.perf_counter()
    link_pending(store)
    times["link"] = time.perf_counter() - mark
    times["articles"] = report.ingested
print(json.dumps({**times, "total": time.perf_counter() - started}))
"""


def corpus(eval_dir: Path, folder: Path, docs: int) -> Path:
    """``docs`` documents as JSON lines: Timeline17 texts, then the same texts again under
    fresh URLs, each republished copy with one of its lines left out."""
    texts_dir = folder / f"texts-{docs}"
    texts_dir.mkdir(exist_ok=True)
    prepare_text(eval_dir, texts_dir, docs)
    texts = [
        p.read_text(encoding="utf-8", errors="replace") for p in sorted(texts_dir.glob("*.txt"))
    ]
    out = folder / f"docs-{docs}.jsonl"
    with out.open("w", encoding="utf-8") as lines:
        for n in range(docs):
            again, which = divmod(n, len(texts))
            title, _, body = texts[which].strip().partition("\n")
            if again:
                body = _republished(body, again)
            record = {
                "url": f"https://bench.example/{again}/{which}",
                "title": title,
                "text": body or title,
            }
            lines.write(json.dumps(record) + "\n")
    return out


def _republished(body: str, again: int) -> str:
    """``body`` with one of its lines left out, another for each time it comes ``again``."""
    body_lines = body.splitlines()
    if len(body_lines) < 2:
        return body
    del body_lines[(again - 1) % len(body_lines)]
    return "\n".join(body_lines)


def steps(inputs: Path, db: str, jobs: int, engine: str) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", STEPS, str(inputs), db, str(jobs), engine],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(f"ingest failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def stored(db: str) -> int:
    from dateline.store import Store

    with Store.open(db, create=False) as store:
        return store.articles.counts()["articles"]


def checked(db: str, expected: int) -> str:
    """What a finished store holds against what it should: the articles one ingest of
    the same documents stored (exit 1 is a document that holds none)."""
    from dateline.run.stages import Stage
    from dateline.store import Store

    with Store.open(db, create=False) as store:
        articles = store.articles.counts()["articles"]
        waiting = sum(len(store.queue.waiting(stage)) for stage in Stage)
        members = [a for s in store.stories.listing() for a in store.stories.article_ids(s.id)]
    exact = articles == expected and len(members) == len(set(members)) == articles
    return f"{articles} articles, {len(set(members))} in stories, {waiting} waiting: " + (
        "exact" if exact else "NOT exact"
    )


def concurrent(work: Path, docs: Path, store: str) -> tuple[float, float, str]:
    """Wall seconds of one ingest of ``docs`` (2 processes) and of four of a quarter each
    at once (1 process each), and the check of the latter's store."""
    lines = docs.read_text().splitlines()
    quarter = len(lines) // 4
    parts = []
    for k in range(4):
        part = work / f"quarter{k}.jsonl"
        part.write_text("\n".join(lines[k * quarter : (k + 1) * quarter]) + "\n")
        parts.append(part)
    ingest = [sys.executable, "-m", "dateline", "ingest"]
    postgres = store == "PostgreSQL"
    one = new_store(work, f"scale_one_{store.lower()}", postgres)
    started = time.perf_counter()
    subprocess.run(
        [*ingest, str(docs), "--db", one, "--jobs", "2"], capture_output=True, check=False
    )
    alone = time.perf_counter() - started
    shared = new_store(work, f"scale_four_{store.lower()}", postgres)
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [*ingest, str(p), "--db", shared, "--jobs", "1"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for p in parts
    ]
    codes = [p.wait() for p in procs]
    together = time.perf_counter() - started
    return alone, together, f"exits {codes}; " + checked(shared, stored(one))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir")
    parser.add_argument(
        "--sizes", type=int, nargs="*", default=[1000], help="none: concurrent writers only"
    )
    parser.add_argument(
        "--stores", nargs="+", choices=("SQLite", "PostgreSQL"), help="default: every one there"
    )
    parser.add_argument(
        "--runners", nargs="+", choices=list(RUNNER_ARGS), help="default: every one"
    )
    parser.add_argument(
        "--concurrent-docs", type=int, default=1000, help="0: no concurrent writers"
    )
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    stores = ["SQLite"] + (["PostgreSQL"] if os.environ.get("DATELINE_TEST_PG_URL") else [])
    stores = [store for store in stores if store in (args.stores or stores)]
    rows, together = [], []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for size in args.sizes:
            docs = corpus(eval_kit(args.eval_dir), work, size)
            for store in stores:
                for name in [RUNNER_ARGS[r] for r in args.runners] if args.runners else RUNNERS:
                    engine, jobs = RUNNERS[name]
                    db_name = f"scale_{size}_{store}_{engine}_{jobs}".lower()
                    db = new_store(work, db_name, postgres=store == "PostgreSQL")
                    times = steps(docs, db, jobs, engine)
                    rows.append((size, store, name, times))
                    print(size, store, name, times, flush=True)
        if args.concurrent_docs:
            shared = corpus(eval_kit(args.eval_dir), work, args.concurrent_docs)
            for store in stores:
                alone, at_once, check = concurrent(work, shared, store)
                together.append((store, alone, at_once, check))
                print(store, alone, at_once, check, flush=True)
    report(args, rows, together)


def report(args, rows, together) -> None:
    lines = [
        SECTION,
        "",
        f"Command: `.venv/bin/python tools/with_postgres.py .venv/bin/python bench/scale.py --sizes {' '.join(map(str, args.sizes))} --concurrent-docs {args.concurrent_docs}`",
        "",
        f"Machine: {os.cpu_count()} cores, 24 GiB, python {sys.version.split()[0]}, PostgreSQL 15 "
        f"(a throwaway cluster, fsync off) beside SQLite (WAL). Date: {datetime.now(UTC):%Y-%m-%d}. "
        + (__doc__ or "").split("\n\n")[1].replace("\n", " ")
        + " "
        + (__doc__ or "").split("\n\n")[2].replace("\n", " "),
        "",
        "| documents | store | runner | articles | articles/s | start (s) | read, extract, store (s) | analyse (s) | link (s) | total (s) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, store, name, t in rows:
        lines.append(
            f"| {size:,} | {store} | {name} | {int(t['articles']):,} | {t['articles'] / t['total']:.2f} "
            f"| {t['start']:.1f} | {t['read, extract, store']:.1f} | {t['analyse']:.1f} | {t['link']:.1f} | {t['total']:.1f} |"
        )
    lines += [
        "",
        f"Concurrent writers ({args.concurrent_docs:,} documents):",
        "",
        "| store | one ingest, 2 processes (s) | four at once, 1 process each (s) | the four's store |",
        "|---|---:|---:|---|",
    ]
    lines += [
        f"| {store} | {alone:.1f} | {at_once:.1f} | {check} |"
        for store, alone, at_once, check in together
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    if args.results:
        write_section(args.results, SECTION, section)


if __name__ == "__main__":
    main()
