"""What the benchmark scripts share: where the eval kit is, undoing tokenisation in the
datasets, and writing RESULTS.md."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


# Penn Treebank escapes and quotes, and the spaces tokenisation put around punctuation.
PTB = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": '"',
    "''": '"',
}
_CLOSE = re.compile(r" ([,.;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m)(?=\s|$)")
_OPEN = re.compile(r"([(\[{$]) ")


def detokenise(tokens: Iterable[str]) -> str:
    """Tokens as ordinary text: ``-LRB- a day -RRB- ,`` -> ``(a day),``."""
    text = " ".join(PTB.get(token, token) for token in tokens)
    return _OPEN.sub(r"\1", _CLOSE.sub(r"\1", text))


def eval_kit(given: str | None = None) -> Path:
    """The shared eval kit: ``--eval-dir``, else ``$DATELINE_EVAL_DIR``, else ../shared/eval."""
    return Path(given or os.environ.get("DATELINE_EVAL_DIR") or REPO.parent / "shared" / "eval")


def write_section(path: Path, heading: str, section: str) -> None:
    """Add or replace the ``heading`` section of a markdown file, leaving the others."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    start = text.find(heading)
    if start == -1:
        before, after = text.rstrip("\n") + "\n\n", ""
    else:
        end = text.find("\n## ", start + len(heading))
        before, after = text[:start], ("" if end == -1 else "\n" + text[end + 1 :])
    path.write_text(before + section + after, encoding="utf-8")


def run_scorer(scorer: Path, gold: Path, predictions: Iterable[Path]) -> dict[str, Any]:
    """An eval-kit scorer's metrics (its ``--json`` output) for the prediction files."""
    command = [sys.executable, str(scorer), "--gold", str(gold), "--json"]
    for path in predictions:
        command += ["--pred", str(path)]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


# For scripts that link on a revision's code: ``paced()`` is the garbage collector's pace
# that revision's linking sets (``dateline.collection``, since 2026-12-03), else nothing.
PACED = """
import contextlib
try:
    from dateline.collection import fewer_collections as paced
except ImportError:
    paced = contextlib.nullcontext
"""


def run_in_tree(tree: Path, script: str, *args: str) -> dict[str, Any]:
    """What ``script`` (Python run with ``-c``) prints as JSON, run on the dateline code
    under ``tree`` (a checkout, or ``extract_revision``'s tree)."""
    environment = {**os.environ, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def revision_tree(revision: str, into: Path) -> tuple[str, Path]:
    """The short commit a revision of this checkout names, and its source tree written
    under ``into``."""
    commit = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "--short", revision],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return commit, extract_revision(commit, into)


def extract_revision(rev: str, into: Path) -> Path:
    """The source tree of git revision ``rev`` of this checkout, written under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev], check=True, capture_output=True
    ).stdout
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into
