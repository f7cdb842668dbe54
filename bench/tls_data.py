"""Timeline17 for the TLS benchmark: the scorer's tasks, and each topic's articles as JSON lines.

Input documents are ``<Story>_<outlet>/InputDocs/<YYYY-MM-DD>/<n>.htm.txt``: one tokenised
sentence per line, the folder date being the publication date. They are detokenised lightly
so that spaCy reads ordinary text (the same rules as ``bench/stories.py``): Penn Treebank
brackets and quote marks undone, the space before closing punctuation and clitics removed;
each sentence is one paragraph (so an article's lede is its first two sentences). Nothing
else is changed; the URL names the file, so a citation leads back to it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from common import detokenise

T17 = "data/timeline17/Timeline17"
SCORER = "score/tls.py"
URL = "https://timeline17.invalid/"


@dataclass(frozen=True)
class Task:
    """One gold timeline of the news-tls protocol, as ``tls.py --tasks --json`` lists it."""

    id: str
    topic: str
    folders: tuple[str, ...]
    l: int  # noqa: E741 - the protocol's name for the number of dates
    k: int
    start: str
    end: str


def tasks(kit: Path) -> list[Task]:
    """The 19 tasks, from the scorer itself, so l, k and the date ranges are its own."""
    completed = subprocess.run(
        [sys.executable, str(kit / SCORER), "--tasks", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [
        Task(t["id"], t["topic"], tuple(t["topic_folders"]), t["l"], t["k"], t["start"], t["end"])
        for t in json.loads(completed.stdout)
    ]


def records(kit: Path, folders: tuple[str, ...]) -> list[dict]:
    """The JSON-lines records of every input document of the folders, in path order."""
    root = kit / T17
    out = []
    for folder in folders:
        for path in sorted((root / folder / "InputDocs").glob("*/*.txt")):
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            text = "\n\n".join(detokenise(line.split()) for line in lines if line.strip())
            key = path.relative_to(root).as_posix()
            out.append(
                {
                    "url": URL + key,
                    "text": text,
                    "published": path.parent.name,
                    "publisher": folder.split("_", 1)[1],
                }
            )
    return out
