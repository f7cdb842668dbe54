"""What every command shares: the Typer app, option types, settings, one-line errors, the
progress display, and text made safe for a terminal."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from dateline import __version__, errors
from dateline.errors import DatelineError
from dateline.model import Failure
from dateline.settings import Settings, load_settings
from dateline.store import Store

app = typer.Typer(
    help="Turn news coverage into sourced story timelines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="DATELINE_DB", help="SQLite file or database URL of the store."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (see schemas/).")]
InputsArg = Annotated[
    list[str],
    typer.Argument(
        help="Files, directories (recursive), http(s) URLs, or - for standard input.",
        show_default=False,
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="YYYY-MM-DD",
        help="Publication date for inputs that state none (a date an input states wins).",
    ),
]
PublisherOption = Annotated[
    str | None,
    typer.Option(
        "--publisher", metavar="NAME", help="Publisher for inputs whose text and markup name none."
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, help="Processes for the per-document stages (default: up to 4)."
    ),
]
StoryArg = Annotated[
    str,
    typer.Argument(
        metavar="STORY",
        help="Story id, or a part of its title only one story's title contains.",
        show_default=False,
    ),
]
StoryOption = Annotated[
    str | None,
    typer.Argument(
        metavar="[STORY]",
        help="Story id or part of its title (default: the largest story).",
        show_default=False,
    ),
]
MdOption = Annotated[bool, typer.Option("--md", help="Print Markdown, citations as footnotes.")]
UnverifiedOption = Annotated[
    bool,
    typer.Option(
        "--unverified",
        help="Also show the lines `dateline check` cannot verify, marked [unverified].",
    ),
]

# C0/C1 control characters, which could drive the terminal, except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"dateline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: Annotated[
        int,
        typer.Option("--verbose", "-v", count=True, help="Log more to stderr: -v info, -vv debug."),
    ] = 0,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    if verbose < 2:
        # trafilatura and htmldate warn about every odd page; that is not the user's problem
        for name in ("trafilatura", "htmldate", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def safe(text: Any) -> str:
    """Untrusted text made harmless for a terminal (no control sequences)."""
    return _CONTROL.sub("", "" if text is None else str(text))


def settings(db: str | None = None, jobs: int | None = None, **flags: Any) -> Settings:
    """The settings, with the flags given (``None``: not given)."""
    return load_settings({"db": db, "jobs": jobs, **flags})


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print one ``Error: ...`` line; raise the result to exit with ``code``."""
    stderr.print(f"Error: {safe(message)}", markup=False)
    return typer.Exit(code)


def parse_date(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option}: " + errors.BAD_DATE.format(value=value), code=2) from None


@contextmanager
def library_errors() -> Iterator[None]:
    """Turn library errors into one ``Error: ...`` line and exit status 1."""
    try:
        yield
    except DatelineError as exc:
        raise fail(str(exc)) from exc


@contextmanager
def opened(db: str, *, create: bool = False) -> Iterator[Store]:
    """The store at ``db``, with library errors as one line and exit status 1. Only
    commands that write (``create``) make a store where there is none."""
    chosen = settings(db)
    with (
        library_errors(),
        Store.open(chosen.db, create=create, busy_timeout=chosen.busy_timeout) as store,
    ):
        yield store


@contextmanager
def progress() -> Iterator[Callable[[str, Any], None]]:
    """A progress display; the callable counts one result of a phase ("Ingesting", ...)
    and reports it if it is a failure."""
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=stderr, transient=True) as shown:
        tasks: dict[str, Any] = {}

        def tick(phase: str, result: Any) -> None:
            if phase not in tasks:
                tasks[phase] = shown.add_task(phase, total=None)
            shown.advance(tasks[phase])
            if isinstance(result, Failure):
                report_failure(result)

        yield tick


def report_failure(failure: Failure) -> None:
    stderr.print(f"skipped {safe(failure.source)}: {safe(failure.reason)}", markup=False)
