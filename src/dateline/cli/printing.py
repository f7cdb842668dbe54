"""How commands print: JSON lines, tables, a readable article page, a view (timeline or key
points) with footnotes, and files written whole or not at all."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from dateline.cli.common import fail, library_errors, report_failure, safe, stderr
from dateline.model import JSON, Failure
from dateline.views import render


def json_lines(records: Iterable[Any]) -> None:
    """Print each record's ``to_json()`` as one JSON line."""
    for record in records:
        typer.echo(json.dumps(record.to_json(), ensure_ascii=False))


def results(found: Iterable[Any], to_json: Callable[[Any], JSON], as_json: bool) -> None:
    """Print each result as a JSON line or a readable page, failures as skipped lines;
    exit 1 if anything was skipped."""
    skipped = 0
    with library_errors():
        for result in found:
            if isinstance(result, Failure):
                skipped += 1
                report_failure(result)
            elif as_json:
                typer.echo(json.dumps(to_json(result), ensure_ascii=False))
            else:
                typer.echo(safe(render.article_page(to_json(result))))
    if skipped:
        raise typer.Exit(1)


def table(*columns: str) -> Table:
    return Table(*columns, box=None, header_style="bold", pad_edge=False)


def cell(text: Any) -> Text:
    """Untrusted text as a table cell: no control characters, and never read as markup."""
    return Text(safe(text))


def print_table(shown: Table, rows: Sequence[Any], empty: str) -> None:
    if not rows:
        stderr.print(empty, markup=False)
        return
    Console(highlight=False).print(shown)


def view(
    title: str,
    found: list[render.Section],
    records: Sequence[Any],
    as_json: bool,
    as_md: bool,
    as_html: bool,
    empty: str,
) -> None:
    """Print a view as JSON lines, Markdown, HTML, or for the terminal with footnotes."""
    if as_json:
        json_lines(records)
    elif as_md or as_html:
        typer.echo((render.markdown if as_md else render.html_page)(title, found), nl=False)
    elif not records:
        stderr.print(empty, markup=False)
    else:
        console, notes = Console(highlight=False), render.Footnotes()
        console.print(Text(render.clean(title), style="bold"))
        for section in found:
            console.print(Text(f"\n{section.heading}", style="bold underline"))
            for label, text, citations in section.lines:
                line = Text("• ")
                if label:
                    line.append(label, style="bold cyan").append(": ")
                line.append(render.clean(text))
                marks = ",".join(map(str, notes.numbers(citations)))
                rest = f" {rest}" if (rest := notes.rest(citations)) else ""
                console.print(line.append(f" [{marks}]{rest}", style="dim"))
        console.print(Text("\nSources", style="bold underline"))
        for number, source in notes.sources():
            console.print(Text(f"[{number}] {source}", style="dim"))


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_tables(folder: Path, tables: dict[str, str]) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in tables.items():
            write(folder / name, text)
    except OSError as exc:
        raise fail(f"cannot write {folder}: {exc.strerror or exc}") from None
    stderr.print(f"wrote {len(tables)} tables to {safe(folder)}", markup=False)
