"""What the CLI tests share: running a command, and the JSON Schema its output follows."""

from __future__ import annotations

import json
from importlib.resources import files

from typer.testing import CliRunner

from dateline.cli import app

SCHEMA = json.loads((files("dateline") / "schemas" / "dateline.schema.json").read_text())
# Wide enough that Rich never wraps a table cell or a line in the tests.
WIDE = {"COLUMNS": "200"}


def schema_for(name: str) -> dict:
    """The schema of one ``$defs`` entry, with the definitions it refers to."""
    return {**SCHEMA, "$ref": f"#/$defs/{name}"}


def invoke(*args, input: bytes | None = None, env: dict[str, str] | None = None):
    """Run ``dateline ARGS`` in-process, with ``env`` added to the environment; stdout
    and stderr apart."""
    return CliRunner().invoke(app, [str(a) for a in args], input=input, env={**WIDE, **(env or {})})
