"""Main-text extraction benchmark: dateline's extract_html against trafilatura's defaults.

Runs both systems over the pages of the article-extraction-benchmark in one run,
writes predictions in the scorer's format, scores them with the official scorer
(``shared/eval/score/extraction.py``) and prints a markdown table.

There is one set of pages, so it is split in two by the parity of each id's position
in sorted order: even positions are "dev", where every design decision of
``dateline.extract.html`` was made, odd positions are "test", only ever reported.

    .venv/bin/python bench/extraction.py [--out bench/out] [--limit N] [--eval-dir DIR]
        [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import logging
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

from common import REPO, eval_kit, run_scorer, write_section
from dateline.extract.html import extract_html

DATASET = "data/article-extraction-benchmark"
SCORER = "score/extraction.py"
SYSTEMS = ("dateline", "trafilatura")  # also the prediction files' stems, which the scorer reports
LABELS = {"dateline": "dateline", "trafilatura": "trafilatura defaults"}
SPLITS = ("dev", "test", "all")
SECTION = "## Main-text extraction (article-extraction-benchmark)"
WORKERS = 2


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    eval_dir = eval_kit(args.eval_dir)
    dataset = eval_dir / DATASET
    if not (dataset / "ground-truth.json").is_file():
        print(
            f"Error: no benchmark at {dataset}. Pass --eval-dir or set DATELINE_EVAL_DIR.",
            file=sys.stderr,
        )
        return 2
    gold = json.loads((dataset / "ground-truth.json").read_text(encoding="utf-8"))
    splits = split_ids(sorted(gold), args.limit)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = [(i, str(dataset / "html" / f"{i}.html.gz"), gold[i].get("url")) for i in splits["all"]]
    started = time.perf_counter()
    with ProcessPoolExecutor(WORKERS, initializer=_quiet) as pool:
        results = list(pool.map(_extract_both, pages, chunksize=4))
    elapsed = time.perf_counter() - started

    seconds = {}
    for index, system in enumerate(SYSTEMS):
        _write_json(
            out / f"{system}.json",
            {page_id: {"articleBody": texts[index]} for page_id, texts, _ in results},
        )
        seconds[system] = sum(times[index] for _, _, times in results)
    scores = {}
    for split in SPLITS:
        gold_path = out / f"gold-{split}.json"
        _write_json(gold_path, {i: gold[i] for i in splits[split]})
        scores[split] = run_scorer(
            eval_dir / SCORER, gold_path, [out / f"{system}.json" for system in SYSTEMS]
        )

    table = _table(scores, {split: len(splits[split]) for split in SPLITS})
    timing = ", ".join(
        f"{system} {seconds[system] / len(pages) * 1000:.0f} ms/page" for system in SYSTEMS
    )
    summary = f"{len(pages)} pages in {elapsed:.1f} s with {WORKERS} workers (CPU time: {timing})."
    print(summary + "\n\n" + table)
    if args.results:
        command = " ".join(
            [".venv/bin/python bench/extraction.py", *(argv if argv is not None else sys.argv[1:])]
        )
        _write_section(Path(args.results), command, summary, table)
    return 0


def split_ids(ids: list[str], limit: int | None = None) -> dict[str, list[str]]:
    """Dev (even positions in sorted order), test (odd) and all ids, cut to the first ``limit``."""
    kept = ids if limit is None else ids[:limit]
    return {"dev": kept[0::2], "test": kept[1::2], "all": kept}


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--out",
        default=str(REPO / "bench" / "out"),
        help="folder for predictions (default bench/out)",
    )
    parser.add_argument("--limit", type=int, help="only the first N pages in sorted id order")
    parser.add_argument(
        "--eval-dir", help="shared/eval folder (default $DATELINE_EVAL_DIR or ../shared/eval)"
    )
    parser.add_argument("--results", help="markdown file whose benchmark section to add or replace")
    return parser.parse_args(argv)


def _quiet() -> None:
    """Silence trafilatura's per-page warnings in the workers; failures show as empty bodies."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def _extract_both(
    page: tuple[str, str, str | None],
) -> tuple[str, tuple[str, str], tuple[float, float]]:
    """Both systems' text for one page and the seconds each took.

    dateline gets the URL, as a feed or WARC record would give it; trafilatura runs
    with its defaults, as ``trafilatura.extract(html)``.
    """
    page_id, path, url = page
    with gzip.open(path, "rt", encoding="utf-8") as f:
        html = f.read()
    started = time.perf_counter()
    ours = "\n".join(extract_html(html, url).body)
    middle = time.perf_counter()
    theirs = trafilatura.extract(html) or ""
    return page_id, (ours, theirs), (middle - started, time.perf_counter() - middle)


def _table(scores: dict, sizes: dict) -> str:
    rows = [
        "| split | docs | system | F1 | precision | recall | accuracy |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in SPLITS:
        for system in SYSTEMS:
            m = scores[split][system]
            cells = " | ".join(
                f"{m[k]:.3f} ± {m[k + '_std']:.3f}"
                for k in ("f1", "precision", "recall", "accuracy")
            )
            rows.append(f"| {split} | {sizes[split]} | {LABELS[system]} | {cells} |")
    return "\n".join(rows)


def _write_section(path: Path, command: str, summary: str, table: str) -> None:
    """Add or replace this benchmark's section of a results file, leaving the rest alone."""
    section = "\n".join(
        [
            SECTION,
            "",
            f"Command: `{command}`",
            "",
            f"Machine: {os.cpu_count()} cores, python {sys.version_info.major}.{sys.version_info.minor}, "
            f"trafilatura {trafilatura.__version__}. Date: {datetime.date.today().isoformat()}. {summary}",
            "",
            "Split: ids in sorted order, even positions = dev (every design decision of "
            "`dateline.extract.html` was made on dev only), odd positions = test. "
            "Scores from `shared/eval/score/extraction.py` (± = bootstrap std). "
            "dateline = `extract_html`: trafilatura with `favor_precision=True, include_comments=False`, "
            "merged with a balanced run, captions removed, furniture filtered "
            '(`src/dateline/extract/html*.py`). Its prediction is `"\\n".join(body)`: '
            "the gold never holds the title, and adding title or summary lowered dev F1. "
            "trafilatura defaults = `trafilatura.extract(html)`.",
            "",
            table,
            "",
        ]
    )
    write_section(path, SECTION, section)


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
