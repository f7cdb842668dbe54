"""Ingest throughput (articles per second) and peak memory, for HTML and for plain text.

Runs ``dateline ingest`` as a subprocess into a fresh store and samples the resident memory
of its whole process tree (the CLI and its extraction workers) from /proc.

HTML: the 181 pages of article-extraction-benchmark. Text: Timeline17 input documents
(plain text, one sentence per line), ``--text-docs`` spread evenly over the sorted list.

    python bench/throughput.py [--eval-dir ../shared/eval] [--jobs 2] [--text-docs 1000]
"""
from __future__ import annotations

import argparse
import gzip
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(int(line.split()[1]) * 1024 for line in status.splitlines()
                          if line.startswith("VmRSS:"))
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def run_ingest(inputs: Path, jobs: int) -> tuple[float, int, str]:
    """Ingest ``inputs`` into a fresh store; return seconds, peak tree RSS and the summary."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "dateline", "ingest", str(inputs),
               "--db", str(Path(tmp) / "bench.db"), "--jobs", str(jobs)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        summary = proc.stderr.read().strip().splitlines()[-1]
    return seconds, peak, summary


def prepare_html(eval_dir: Path, out: Path) -> int:
    pages = sorted((eval_dir / "data/article-extraction-benchmark/html").glob("*.html.gz"))
    for page in pages:
        (out / page.name[:-3]).write_bytes(gzip.decompress(page.read_bytes()))
    return len(pages)


def prepare_text(eval_dir: Path, out: Path, limit: int) -> int:
    docs = sorted((eval_dir / "data/timeline17/Timeline17").glob("*/InputDocs/*/*.txt"))
    docs = docs[::max(1, len(docs) // limit)][:limit]  # spread over all topics and outlets
    for n, doc in enumerate(docs):
        (out / f"{n:05d}.txt").write_bytes(doc.read_bytes())
    return len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path,
                        default=Path(os.environ.get("DATELINE_EVAL_DIR", ROOT.parent / "shared/eval")))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--text-docs", type=int, default=1000)
    args = parser.parse_args()
    print("| input | docs | seconds | articles/s | peak RSS (MiB) | summary |")
    print("|---|---|---|---|---|---|")
    for kind in ("html", "text"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            n = (prepare_html(args.eval_dir, folder) if kind == "html"
                 else prepare_text(args.eval_dir, folder, args.text_docs))
            seconds, peak, summary = run_ingest(folder, args.jobs)
            print(f"| {kind} | {n} | {seconds:.1f} | {n / seconds:.1f} | "
                  f"{peak / 2**20:.0f} | {summary} |", flush=True)


if __name__ == "__main__":
    main()
