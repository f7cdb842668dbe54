"""Time expression benchmark: dateline's find_timexes on TempEval-3 (task A).

Reads each document's <TEXT> (tags removed, entities decoded, exactly as the scorer
does) and its DCT as the anchor, runs ``find_timexes``, writes JSONL predictions to
``bench/out/timex-<split>.jsonl``, scores them with ``shared/eval/score/timex.py`` and
prints a markdown table.

Splits: ``train`` = TBAQ-cleaned (TimeBank + AQUAINT), where every rule was developed;
``platinum`` = the TempEval-3 test set, only ever reported.

    .venv/bin/python bench/timex.py --split train|platinum [--eval-dir DIR] [--out bench/out]
        [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from common import REPO, eval_kit, write_section
from dateline.analyze.nlp import parse_many
from dateline.analyze.timex import find_timexes

DATA = "data/tempeval3"
SCORER = "score/timex.py"
SECTION = "## Time expressions (TempEval-3)"
_DCT = re.compile(r"<DCT>\s*<TIMEX3[^>]*\bvalue=\"(\d{4}-\d\d-\d\d)")
# HeidelTime's published TempEval-3 task A figures on the platinum test set (UzZaman et al.
# 2013, "SemEval-2013 Task 1: TempEval-3"; HeidelTime-t/bf); type and value as F1.
HEIDELTIME = {"strict_f1": 0.813, "relaxed_f1": 0.905, "type_f1": 0.838, "value_f1": 0.776}


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    eval_dir = eval_kit(args.eval_dir)
    data = eval_dir / DATA
    if not data.is_dir():
        print(
            f"Error: no TempEval-3 data at {data}. Pass --eval-dir or set DATELINE_EVAL_DIR.",
            file=sys.stderr,
        )
        return 2
    parse_tml = _scorer_module(eval_dir / SCORER).parse_tml
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    docs, gold_dir = _load(args.split, data, out, parse_tml)

    started = time.perf_counter()
    lines = []
    texts = [text for _, text, _ in docs]
    for (name, text, anchor), doc in zip(docs, parse_many(texts)):
        for t in find_timexes(text, anchor, doc):
            lines.append(
                json.dumps(
                    {
                        "doc": name,
                        "start": t.start,
                        "end": t.end,
                        "type": t.type,
                        "value": t.value or "",
                        "rule": t.rule,
                    }
                )
            )
    elapsed = time.perf_counter() - started
    pred = out / f"timex-{args.split}.jsonl"
    pred.write_text("\n".join(lines) + "\n", encoding="utf-8")

    scores = _score(eval_dir / SCORER, gold_dir, pred)
    scores["docs_per_second"] = len(docs) / elapsed
    (out / f"timex-{args.split}.json").write_text(json.dumps(scores, indent=1), encoding="utf-8")
    print(_table({args.split: scores}))
    print(
        f"\n{len(docs)} docs in {elapsed:.1f} s ({len(docs) / elapsed:.1f} docs/s, spaCy parse included)"
    )
    if args.results:
        _write_section(Path(args.results), out)
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--split",
        choices=("train", "platinum"),
        default="train",
        help="train = TBAQ-cleaned (develop here), platinum = TempEval-3 test (report only)",
    )
    parser.add_argument(
        "--out",
        default=str(REPO / "bench" / "out"),
        help="folder for predictions (default bench/out)",
    )
    parser.add_argument(
        "--eval-dir", help="shared/eval folder (default $DATELINE_EVAL_DIR or ../shared/eval)"
    )
    parser.add_argument(
        "--results",
        help="markdown file whose time-expression section to add or replace "
        "(uses the last scores of both splits found in --out)",
    )
    return parser.parse_args(argv)


def _scorer_module(path: Path):
    """The official scorer as a module, so the text is cut exactly as it cuts it."""
    spec = importlib.util.spec_from_file_location("timex_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load(split: str, data: Path, out: Path, parse_tml) -> tuple[list[tuple[str, str, date]], Path]:
    """(doc name, text, DCT) per document, and the gold folder the scorer should read."""
    if split == "platinum":
        files = sorted((data / "te3-platinum-input").glob("*.tml.TE3input"))
        gold_dir = data / "te3-platinum"
        names = [f.name[: -len(".tml.TE3input")] for f in files]
    else:
        # The scorer reads one folder's *.tml; TimeBank and AQUAINT names never clash.
        files = sorted((data / "TBAQ-cleaned" / "TimeBank").glob("*.tml")) + sorted(
            (data / "TBAQ-cleaned" / "AQUAINT").glob("*.tml")
        )
        gold_dir = out / "tbaq-gold"
        gold_dir.mkdir(exist_ok=True)
        for f in files:
            link = gold_dir / f.name
            if not link.exists():
                link.symlink_to(f.resolve())
        names = [f.name[: -len(".tml")] for f in files]
    docs = []
    for name, f in zip(names, files):
        raw = f.read_text(encoding="utf-8")
        docs.append((name, parse_tml(raw)[0], date.fromisoformat(_DCT.search(raw).group(1))))
    return docs, gold_dir


def _score(scorer: Path, gold: Path, pred: Path) -> dict:
    command = [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    scores = json.loads(completed.stdout)
    scores.pop("per_doc", None)
    return scores


def _row(label: str, s: dict) -> str:
    cells = [
        s["strict"]["precision"],
        s["strict"]["recall"],
        s["strict"]["f1"],
        s["relaxed"]["f1"],
        s["type_accuracy"],
        s["value_accuracy"],
        s["type"]["f1"],
        s["value"]["f1"],
    ]
    return (
        f"| {label} | " + " | ".join(f"{c:.3f}" for c in cells) + f" | {s['docs_per_second']:.1f} |"
    )


def _table(scores: dict[str, dict]) -> str:
    rows = [
        "| split | strict P | strict R | strict F1 | relaxed F1 | type acc | value acc | type F1 | value F1 "
        "| docs/s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    labels = {"platinum": "platinum (test, 20 docs)", "train": "TBAQ-cleaned (dev, 256 docs)"}
    rows += [_row(labels[split], s) for split, s in scores.items()]
    return "\n".join(rows)


def _write_section(path: Path, out: Path) -> None:
    """Add or replace this benchmark's section of a results file, leaving the rest alone."""
    scores = {
        split: json.loads((out / f"timex-{split}.json").read_text(encoding="utf-8"))
        for split in ("platinum", "train")
        if (out / f"timex-{split}.json").exists()
    }
    h = HEIDELTIME
    section = "\n".join(
        [
            SECTION,
            "",
            "Command: `.venv/bin/python bench/timex.py --split train` (develop), then once "
            "`.venv/bin/python bench/timex.py --split platinum --results bench/RESULTS.md`",
            "",
            f"Machine: {os.cpu_count()} cores, python {sys.version_info.major}.{sys.version_info.minor}. "
            f"Date: {date.today().isoformat()}. Scores from `shared/eval/score/timex.py` (TempEval-3 task A "
            "definitions); anchor = each document's DCT; docs/s includes the spaCy parse "
            "(`en_core_web_sm`). Every rule of `dateline.analyze.timex` was written against TBAQ-cleaned; "
            "platinum was run once for this table.",
            "",
            _table(scores),
            f"| HeidelTime-t, platinum (published) | – | – | {h['strict_f1']:.3f} | {h['relaxed_f1']:.3f} | – | – "
            f"| {h['type_f1']:.3f} | {h['value_f1']:.3f} | – |",
            "",
            "HeidelTime row: its published task A figures on the same 20 platinum documents (UzZaman et al. "
            "2013, *SemEval-2013 Task 1: TempEval-3: Evaluating Time Expressions, Events, and Temporal "
            "Relations*, SemEval 2013; HeidelTime-t/bf), scored with the official TempEval-3 scorer, not "
            "`shared/eval/score/timex.py`; type and value are F1 there, accuracies were not given.",
            "",
        ]
    )
    write_section(path, SECTION, section)


if __name__ == "__main__":
    sys.exit(main())
