"""Same output before and after a change: the export of the demo store and of Timeline17
topic stores, and the Timeline17 predictions and scores, from two versions of dateline.

Each side is one version of the source tree: ``--before REV`` (extracted with ``git
archive``) and this checkout. Each side, with its own code (``PYTHONPATH=<side>/src``) and
in the same work folder (so the stores record the same source paths), ingests the bundled
demo corpus into a fresh store and exports it, and runs its own ``bench/tls.py`` on
``--topics`` (fresh topic stores, then timelines, scoring); each topic store is exported by
the code that built it. Then the files are compared byte for byte.
The ingest seconds of each topic store are reported too (one run each side, one process,
jobs 1; the two sides run one after the other).

    .venv/bin/python bench/same_output.py --before 4e6f11b [--topics haiti,mj]
        [--work bench/out/same] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import platform
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from common import REPO, eval_kit, extract_revision, write_section

SECTION = "## Same output before and after (refactor check)"
# Both sides ingest this copy of the demo corpus, so the sources they record are the same.
DEMO = REPO / "src" / "dateline" / "demo" / "corpus"


def run_side(root: Path, work: Path, out: Path, topics: str, eval_dir: Path) -> dict[str, float]:
    """Build and export the stores with the code under ``root``, in ``work`` (the same
    folder for both sides, so the sources the stores record are the same paths), then move
    them to ``out``; return the ingest seconds per topic."""
    env = {**os.environ, "PYTHONPATH": str(root / "src")}
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    def dateline(*args: str) -> None:
        subprocess.run(
            [sys.executable, "-m", "dateline", *args],
            env=env,
            check=True,
            capture_output=True,
            cwd=root,
        )

    demo = work / "demo.db"
    dateline("ingest", "--db", str(demo), "--jobs", "1", str(DEMO))
    dateline("export", "--db", str(demo), "--out", str(work / "demo.json"))
    tls = work / "tls"
    subprocess.run(
        [
            sys.executable,
            "tls.py",
            "--out",
            str(tls / "pred.json"),
            "--work",
            str(tls),
            "--topics",
            topics,
            "--jobs",
            "1",
            "--eval-dir",
            str(eval_dir),
        ],
        env=env,
        check=True,
        capture_output=True,
        cwd=root / "bench",
    )
    seconds = {}
    for topic in topics.split(","):
        # an ingest that skipped documents exits 1; the export is what is compared
        dateline("export", "--db", str(tls / f"{topic}.db"), "--out", str(work / f"{topic}.json"))
        seconds[topic] = json.loads((tls / f"{topic}.ingest.json").read_text())["seconds"]
    shutil.rmtree(out, ignore_errors=True)
    shutil.move(work, out)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", required=True, help="the git revision to compare with")
    parser.add_argument("--topics", default="haiti,mj", help="news-tls topics, comma-separated")
    parser.add_argument("--work", type=Path, default=REPO / "bench" / "out" / "same")
    parser.add_argument("--eval-dir", type=Path, default=eval_kit())
    parser.add_argument("--results", type=Path, help="markdown file to write the section into")
    args = parser.parse_args(argv)
    before = extract_revision(args.before, args.work / "before-src")
    after_rev = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    seconds = {
        side: run_side(root, args.work / "run", args.work / side, args.topics, args.eval_dir)
        for side, root in (("before", before), ("after", REPO))
    }
    files = [
        "demo.json",
        *(f"{t}.json" for t in args.topics.split(",")),
        "tls/pred.json",
        "tls/pred.scores.json",
    ]
    same = {
        name: filecmp.cmp(args.work / "before" / name, args.work / "after" / name, shallow=False)
        for name in files
    }
    rows = [f"| `{name}` | {'identical' if ok else '**differs**'} |" for name, ok in same.items()]
    timed = [
        f"| {topic} | {seconds['before'][topic]:.1f} | {seconds['after'][topic]:.1f} |"
        for topic in args.topics.split(",")
    ]
    section = "\n".join(
        [
            SECTION,
            "",
            f"Command: `.venv/bin/python bench/same_output.py --before {args.before} "
            f"--topics {args.topics} --results bench/RESULTS.md`",
            "",
            f"Machine: {os.cpu_count()} cores, python {platform.python_version()}. "
            f"Date: {date.today().isoformat()}. Before: {args.before}; after: {after_rev}. Each "
            "side builds the demo store and the topic stores with its own code (fresh SQLite "
            "stores, jobs 1) and exports them with the code that built them; `tls/pred.json` "
            "and its scores are each side's Timeline17 predictions for these topics.",
            "",
            "| file | before vs after |",
            "|---|---|",
            *rows,
            "",
            "| topic store | ingest before (s) | ingest after (s) |",
            "|---|---|---|",
            *timed,
            "",
        ]
    )
    print(section)
    if args.results:
        write_section(args.results, SECTION, section)
    return 0 if all(same.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
