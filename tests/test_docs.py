"""The README documents every command, and every command has help text."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.main import get_command

from dateline.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text()
COMMANDS = sorted(get_command(app).commands)


def test_docs_commands_found():
    assert {"ingest", "extract", "articles", "show"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_command_in_readme_with_help(name):
    assert f"dateline {name}" in README
    assert get_command(app).commands[name].help


def test_docs_schema_at_the_documented_path():
    root = Path(__file__).parent.parent
    packaged = root / "src" / "dateline" / "schemas" / "dateline.schema.json"
    assert (root / "schema" / "dateline.schema.json").read_text() == packaged.read_text()
