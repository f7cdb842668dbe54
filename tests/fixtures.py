"""Hand-written fixtures in tests/data/<folder>/: an input and its <name>.expected.json."""

from __future__ import annotations

import json
from pathlib import Path

DATA = Path(__file__).parent / "data"


def names(folder: str, suffix: str) -> list[str]:
    """The fixture names in a folder, by input suffix (".html", ".txt")."""
    return sorted(path.stem for path in (DATA / folder).glob(f"*{suffix}"))


def load(folder: str, name: str, suffix: str) -> tuple[str, dict]:
    """A fixture's input text and its expected output."""
    text = (DATA / folder / f"{name}{suffix}").read_text(encoding="utf-8")
    expected = json.loads((DATA / folder / f"{name}.expected.json").read_text(encoding="utf-8"))
    return text, expected
