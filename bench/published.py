"""Publication dates: right, null or wrong, per kind of source.

A wrong date is worse than none, so every row counts the three apart. Sources:

* ``html``: the article-extraction-benchmark pages whose URL path carries a full date
  (/2019/05/14/, /20190514/). The gold is that date; the URL is withheld from every
  system, so each must find the date in the page. Dev = even positions in sorted id
  order (the split ``bench/extraction.py`` uses), test = odd, reported once. Systems:
  dateline (``extract``) and htmldate alone (``find_date(html, original_date=True)``,
  its extensive search on, as a user would call it).
* ``pasted``: hand-written pastes of news pages (``tests/data/text/*.txt`` and
  ``tests/data/published/*.txt``); gold from ``tests/data/published/gold.json``,
  labelled by hand from what each page states (null where it states no date of its own).
* ``timeline17``: Timeline17 input articles as plain text (detokenised), no date given; gold = the date
  folder they are filed under. Dev = paths whose hash is even, test = odd.

    .venv/bin/python bench/published.py [--split dev|test] [--eval-dir DIR] [--limit N]
        [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import sys
import warnings
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path

from common import REPO, detokenise, eval_kit, write_section
from dateline.extract import extract
from dateline.extract.dates import date_from_url
from dateline.model import RawDocument

AEB = "data/article-extraction-benchmark"
T17 = "data/timeline17/Timeline17"
PASTED = (REPO / "tests" / "data" / "text", REPO / "tests" / "data" / "published")
GOLD = REPO / "tests" / "data" / "published" / "gold.json"
SECTION = "## Publication dates"
WORKERS = 2

Case = tuple[str, str, str, date | None]  # (source kind, id, document, gold)


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    kit = eval_kit(args.eval_dir)
    cases = [*_html(kit, args.split), *_pasted(args.split), *_timeline17(kit, args.split)]
    if args.limit:
        cases = [
            c for kind in ("html", "pasted", "timeline17") for c in _of(cases, kind)[: args.limit]
        ]
    with ProcessPoolExecutor(WORKERS, initializer=_quiet) as pool:
        results = list(pool.map(_predict, cases, chunksize=4))
    counts: dict[tuple[str, str], Counter] = {}
    wrong = []
    for (kind, name, _, gold), predicted in zip(cases, results):
        for system, value in predicted.items():
            outcome = "null" if value is None else "right" if value == gold else "wrong"
            if gold is None and value is None:
                outcome = "right"
            counts.setdefault((kind, system), Counter())[outcome] += 1
            if outcome == "wrong" and system == "dateline":
                wrong.append(f"{kind} {name}: gold {gold}, dateline {value}")
    table = _table(counts, args.split)
    print(table)
    if args.verbose:
        print("\n".join(wrong))
    if args.results:
        command = " ".join(
            [".venv/bin/python bench/published.py", *(argv if argv is not None else sys.argv[1:])]
        )
        _write_section(Path(args.results), command, table, args.split)
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, help="at most N documents of each kind")
    parser.add_argument(
        "--eval-dir", help="shared/eval folder (default $DATELINE_EVAL_DIR or ../shared/eval)"
    )
    parser.add_argument("--verbose", action="store_true", help="list dateline's wrong dates")
    parser.add_argument("--results", help="markdown file whose section to add or replace")
    return parser.parse_args(argv)


def _of(cases: list[Case], kind: str) -> list[Case]:
    return [c for c in cases if c[0] == kind]


def _in_split(key: str, split: str) -> bool:
    parity = hashlib.blake2b(key.encode(), digest_size=1).digest()[0] % 2
    return parity == (0 if split == "dev" else 1)


def _html(kit: Path, split: str) -> Iterable[Case]:
    """Benchmark pages with a dated URL, in the split (even/odd sorted positions)."""
    dataset = kit / AEB
    gold = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[0::2] if split == "dev" else sorted(gold)[1::2]
    for page_id in ids:
        day = date_from_url(gold[page_id].get("url"))
        if day is None:
            continue
        with gzip.open(dataset / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as f:
            yield "html", page_id, f.read(), day


def _pasted(split: str) -> Iterable[Case]:
    """Hand-written pastes, all of them in both splits: they were labelled, not tuned on."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    for name, value in sorted(gold.items()):
        path = next(
            folder / f"{name}.txt" for folder in PASTED if (folder / f"{name}.txt").exists()
        )
        yield (
            "pasted",
            name,
            path.read_text(encoding="utf-8"),
            (date.fromisoformat(value) if value else None),
        )


def _timeline17(kit: Path, split: str, per_topic: int = 40) -> Iterable[Case]:
    """Up to ``per_topic`` articles of each topic folder in the split, first in path order."""
    root = kit / T17
    for topic in sorted(p for p in root.iterdir() if p.is_dir()):
        taken = 0
        for path in sorted(topic.glob("InputDocs/*/*.txt")):
            key = str(path.relative_to(root))
            if taken >= per_topic or not _in_split(key, split):
                continue
            lines = path.read_text(errors="replace").splitlines()
            sentences = [detokenise(line.split()) for line in lines if line.strip()]
            if len(sentences) < 5:
                continue
            taken += 1
            yield "timeline17", key, "\n\n".join(sentences), date.fromisoformat(path.parts[-2])


def _predict(case: Case) -> dict[str, date | None]:
    kind, name, content, _ = case
    raw = RawDocument(source=name, kind="html" if kind == "html" else "text", content=content)
    found = {"dateline": extract(raw).published.value}
    if kind == "html":
        found["htmldate"] = _htmldate(content)
    return found


def _htmldate(html: str) -> date | None:
    from htmldate import find_date

    value = find_date(html, original_date=True, max_date="2100-12-31")
    return date.fromisoformat(value) if value else None


def _quiet() -> None:
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _table(counts: dict[tuple[str, str], Counter], split: str) -> str:
    rows = [
        "| source | split | documents | system | right | null | wrong |",
        "|---|---|---|---|---|---|---|",
    ]
    for (kind, system), c in sorted(counts.items()):
        total = sum(c.values())
        cells = " | ".join(f"{c[k]} ({c[k] / total:.0%})" for k in ("right", "null", "wrong"))
        rows.append(f"| {kind} | {split} | {total} | {system} | {cells} |")
    return "\n".join(rows)


def _write_section(path: Path, command: str, table: str, split: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find(SECTION)
    previous = text[start:].split("\n## ", 1)[0] if start != -1 else ""
    tables = [block for block in previous.split("\n\n") if block.startswith("| source")]
    kept = [t for t in tables if f"| {split} |" not in t]
    section = "\n".join(
        [
            SECTION,
            "",
            f"Command: `{command}` (dev while developing; `--split test` once). Machine: "
            f"{os.cpu_count()} cores, python {sys.version_info.major}.{sys.version_info.minor}.",
            "",
            (__doc__ or "").split("\n\n")[2],
            "",
            "Right = the gold day (for a page that states no date of its own, null is right); "
            "null = no date; wrong = another day. htmldate runs only on html pages.",
            "",
            "\n\n".join([*kept, table]),
            "",
        ]
    )
    write_section(path, SECTION, section)


if __name__ == "__main__":
    sys.exit(main())
