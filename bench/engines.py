"""Ingest on the local engine against the ray engine, on the same texts, in one run.

``dateline ingest --engine local`` and ``--engine ray`` (a local Ray of ``--jobs`` CPUs,
started and stopped by the command, both timed) of ``--docs`` Timeline17 input documents,
each as a subprocess into a fresh store; then both stores exported (``dateline export``)
and compared byte for byte (issue #15: identical stores).

    python bench/engines.py [--docs 200] [--jobs 2] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from common import eval_kit, write_section
from ingest_ratio import timed
from throughput import prepare_text, stored_words

SECTION = "## Ingest on the local and the ray engine (issue #15)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir")
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    dateline = [sys.executable, "-m", "dateline"]
    rows, exports = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        docs = prepare_text(eval_kit(args.eval_dir), folder, args.docs)
        for engine in ("local", "ray"):
            db, export = Path(tmp) / f"{engine}.db", Path(tmp) / f"{engine}.json"
            options = ["--db", str(db), "--jobs", str(args.jobs), "--engine", engine]
            seconds = timed([*dateline, "ingest", str(folder), *options])
            subprocess.run([*dateline, "export", "--db", str(db), "--out", str(export)], check=True)
            stored, _ = stored_words(db)
            rows.append(
                f"| {engine} | {docs} | {stored} | {args.jobs} | {seconds:.1f} "
                f"| {stored / seconds:.2f} |"
            )
            exports.append(export)
        same = filecmp.cmp(*exports, shallow=False)
    print("\n".join(rows), "\nexports identical:", same)
    if args.results:
        text = "\n".join(
            [
                SECTION,
                "",
                f"Command: `python bench/engines.py --docs {args.docs} --jobs {args.jobs} "
                "--results bench/RESULTS.md`",
                "",
                f"Machine: {os.cpu_count()} cores, CPython {sys.version.split()[0]}. Date: "
                f"{datetime.now(UTC).date().isoformat()}. "
                + __doc__.split("\n\n")[1].replace("\n", " "),
                "",
                "| engine | documents | stored | CPUs | ingest (s) | articles/s |",
                "|---|---:|---:|---:|---:|---:|",
                *rows,
                "",
                f"The two exports are {'identical' if same else '**different**'}.",
                "",
            ]
        )
        write_section(args.results, SECTION, text)


if __name__ == "__main__":
    main()
