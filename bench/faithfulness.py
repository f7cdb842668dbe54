"""Faithfulness of generated lines: every timeline and key-point line of the largest
stories of some stores, checked against the spans it cites (``dateline.views.faithful``).

A line counts as cited when it has at least one citation, as supported when the check
verifies it: every number, capitalised name and date in it occurs in (or follows from) its
cited spans, its attribution holds, and nothing in the cited sentence makes the check doubt
it (``views/doubts.py``). The views show the supported lines by default; the others only
with ``--unverified``. The stores
are those the other benchmarks built (the Timeline17 topic stores of ``bench/tls.py``) and
the bundled demo corpus, ingested here into a temporary store.

    python bench/faithfulness.py [--stores bench/out/tls/*.db] [--stories 3] [--results FILE]
"""

from __future__ import annotations

import argparse
import glob
import importlib.resources
import tempfile
import time
from datetime import date
from pathlib import Path

import dateline
from common import write_section
from dateline.model import Cited
from dateline.views.faithful import check

SECTION = "## Faithfulness of timelines and key points"


def lines_of(store: dateline.Store, story: dateline.Story) -> list[Cited]:
    """A story's timeline entries and key points, those the views leave out unverified
    included: the lines the faithfulness check reads."""
    return [
        *dateline.timeline(store, story, unverified=True),
        *dateline.brief(store, story, unverified=True),
    ]


def measure(db: str, stories: int) -> tuple[int, int, int, list[str]]:
    with dateline.open(db) as store:
        chosen = dateline.stories(store)[:stories]
        report = check(store, [line for story in chosen for line in lines_of(store, story)])
    return report.lines, report.cited, report.supported, report.problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stores", nargs="*", default=sorted(glob.glob("bench/out/tls/*.db")))
    parser.add_argument("--stories", type=int, default=3, help="largest stories per store")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    rows, problems = [], []
    with tempfile.TemporaryDirectory() as folder:
        demo = str(Path(folder) / "demo.db")
        dateline.ingest([str(importlib.resources.files("dateline") / "demo" / "corpus")], demo)
        for db in [demo, *args.stores]:
            started = time.perf_counter()
            lines, cited, supported, found = measure(db, args.stories)
            name = "demo corpus" if db == demo else Path(db).stem
            rows.append(
                f"| {name} | {lines} | {cited / lines:.1%} | {supported / lines:.1%} "
                f"| {time.perf_counter() - started:.0f} s |"
            )
            problems += [f"- {name}: {p}" for p in found[:5]]
            print(rows[-1], flush=True)
    table = "\n".join(
        [
            "| store | lines (shown and unverified) | with a citation | verified (shown) | time |",
            "|---|---|---|---|---|",
            *rows,
        ]
    )
    section = (
        f"{SECTION}\n\nCommand: `python bench/faithfulness.py --stories {args.stories}` (stores: the "
        f"demo corpus and `bench/out/tls/*.db` from `bench/tls.py`). Machine: 2 cores. "
        f"Date: {date.today().isoformat()}. Lines: the timeline and key points of the "
        f"{args.stories} largest stories of each store.\n\n{table}\n"
    )
    if problems:
        section += "\nLines not supported (first five per store):\n\n" + "\n".join(problems) + "\n"
    print(section)
    if args.results:
        write_section(args.results, SECTION, section)


if __name__ == "__main__":
    main()
