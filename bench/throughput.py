"""Ingest and analysis throughput (articles and words per second) and peak memory.

Runs ``dateline ingest`` (read, extract, store, analyse) as a subprocess into a fresh
store, then ``dateline analyze --redo`` on that store to time analysis alone, and samples
the resident memory of each command's whole process tree (the CLI and its workers) from
/proc.

HTML: the 181 pages of article-extraction-benchmark. Text: Timeline17 input documents
(plain text, one sentence per line), ``--text-docs`` spread evenly over the sorted list.

    python bench/throughput.py [--eval-dir ../shared/eval] [--jobs 2] [--text-docs 1000]
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import eval_kit


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(
                int(line.split()[1]) * 1024
                for line in status.splitlines()
                if line.startswith("VmRSS:")
            )
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError, StopIteration):
            continue
    return total


def run(args: list[str]) -> tuple[float, int, str]:
    """Run a dateline command; return seconds, peak tree RSS and its summary line."""
    cmd = [sys.executable, "-m", "dateline", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - start
    return seconds, peak, proc.stderr.read().strip().splitlines()[-1]


def stored_words(db: Path) -> tuple[int, int]:
    """Articles and words (whitespace-separated) in the store."""
    from dateline.store import Store

    with Store.open(str(db)) as store:
        texts = [s.article.text for s in store.articles.all()]
    return len(texts), sum(len(t.split()) for t in texts)


def prepare_html(eval_dir: Path, out: Path) -> int:
    pages = sorted((eval_dir / "data/article-extraction-benchmark/html").glob("*.html.gz"))
    for page in pages:
        (out / page.name[:-3]).write_bytes(gzip.decompress(page.read_bytes()))
    return len(pages)


def prepare_text(eval_dir: Path, out: Path, limit: int) -> int:
    docs = sorted((eval_dir / "data/timeline17/Timeline17").glob("*/InputDocs/*/*.txt"))
    docs = docs[:: max(1, len(docs) // limit)][:limit]  # spread over all topics and outlets
    for n, doc in enumerate(docs):
        (out / f"{n:05d}.txt").write_bytes(doc.read_bytes())
    return len(docs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=eval_kit())
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--text-docs", type=int, default=1000)
    args = parser.parse_args()
    print("| input | docs | command | seconds | docs/s | words/s | peak RSS (MiB) | summary |")
    print("|---|---|---|---|---|---|---|---|")
    for kind in ("html", "text"):
        with tempfile.TemporaryDirectory() as tmp:
            folder, db = Path(tmp) / "in", Path(tmp) / "bench.db"
            folder.mkdir()
            n = (
                prepare_html(args.eval_dir, folder)
                if kind == "html"
                else prepare_text(args.eval_dir, folder, args.text_docs)
            )
            jobs = ["--db", str(db), "--jobs", str(args.jobs)]
            seconds, peak, summary = run(["ingest", str(folder), *jobs])
            print(
                f"| {kind} | {n} | ingest (with analysis) | {seconds:.1f} | {n / seconds:.1f} "
                f"| | {peak / 2**20:.0f} | {summary} |",
                flush=True,
            )
            articles, words = stored_words(db)
            seconds, peak, summary = run(["analyze", "--redo", *jobs])
            print(
                f"| {kind} | {articles} | analyze --redo | {seconds:.1f} | "
                f"{articles / seconds:.1f} | {words / seconds:.0f} | {peak / 2**20:.0f} "
                f"| {summary} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
