"""End-to-end ingest against spaCy's pipeline alone, on the same texts, in one run.

``dateline ingest`` (read, extract, store, analyse, link) of ``--docs`` Timeline17 input
documents spread over all 17 folders, as a subprocess with ``--jobs`` processes, into a
fresh store; then spaCy alone (the same pipeline ``dateline.analyze.nlp.load_nlp`` loads,
``nlp.pipe`` with ``n_process`` = ``--jobs``) on the texts that ingest stored, as a
subprocess too, model loading included in both. The ratio is ingest's articles per second
over spaCy's (issue #13's goal: at least 0.8).

    python bench/ingest_ratio.py [--docs 300] [--jobs 2] [--results bench/RESULTS.md]
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

from common import REPO, eval_kit, write_section
from throughput import prepare_text

SECTION = "## Ingest against spaCy alone (issue #13)"
SPACY_ALONE = """
import json, sys
from dateline.analyze.nlp import load_nlp
texts = json.load(open(sys.argv[1]))
for _ in load_nlp().pipe(texts, batch_size=32, n_process=int(sys.argv[2])):
    pass
"""


def timed(command: list[str]) -> float:
    """Seconds the command took; exit 1 is allowed (an ingest that skipped a document)."""
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - started


def earlier_rows(results: Path) -> list[str]:
    """The rows of earlier runs in the section, kept under the new one (each names its
    revision), bold taken off."""
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    start = text.find(SECTION)
    if start == -1:
        return []
    end = text.find("\n## ", start + len(SECTION))
    section = text[start : None if end == -1 else end]
    return [line.replace("**", "") for line in section.splitlines() if line.startswith("| `")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir")
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "docs"
        folder.mkdir()
        docs = prepare_text(eval_kit(args.eval_dir), folder, args.docs)
        db = Path(tmp) / "ratio.db"
        dateline = [sys.executable, "-m", "dateline"]
        ingest = timed(
            [*dateline, "ingest", str(folder), "--db", str(db), "--jobs", str(args.jobs)]
        )
        import dateline as api

        with api.open(str(db)) as store:
            texts = [stored.article.text for stored in store.articles.all()]
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(texts))
        alone = timed([sys.executable, "-c", SPACY_ALONE, str(path), str(args.jobs)])
    stored = len(texts)
    ratio = (stored / ingest) / (stored / alone)
    revision = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO
    ).stdout.strip()
    row = (
        f"| `{revision}` | {docs} | {stored} | {args.jobs} | {ingest:.1f} | "
        f"{stored / ingest:.2f} | {alone:.1f} | {stored / alone:.2f} | **{ratio:.2f}** |"
    )
    print(row)
    if args.results:
        text = "\n".join(
            [
                SECTION,
                "",
                f"Command: `python bench/ingest_ratio.py --docs {args.docs} --jobs {args.jobs} "
                "--results bench/RESULTS.md`",
                "",
                f"Machine: {os.cpu_count()} cores, CPython {sys.version.split()[0]}. Date: "
                f"{datetime.now(UTC).date().isoformat()}. "
                + __doc__.split("\n\n")[1].replace("\n", " "),
                "",
                "| revision | documents | stored | processes | ingest (s) | ingest articles/s "
                "| spaCy alone (s) | spaCy articles/s | ratio (goal >= 0.8) |",
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
                *earlier_rows(args.results),
                row,
                "",
                "Each row is one run of the command on this machine, under the revision it "
                "ran; the spaCy-alone times show the machine's noise (about 10%).",
                "",
            ]
        )
        write_section(args.results, SECTION, text)


if __name__ == "__main__":
    main()
