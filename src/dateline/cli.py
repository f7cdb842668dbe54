"""The ``dateline`` command line: thin wrappers that parse options, call the library, print."""
from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TimeElapsedColumn

from dateline import errors
from dateline.errors import DatelineError
from dateline.pipeline import Extracted, Failure, extract_documents, ingest
from dateline.settings import Settings, load_settings
from dateline.store import Store, StoredArticle

app = typer.Typer(
    help="Turn news coverage into sourced story timelines.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str, typer.Option("--db", envvar="DATELINE_DB",
                                       help="SQLite file or database URL of the store.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (see schemas/).")]
InputsArg = Annotated[list[str], typer.Argument(
    help="Files, directories (recursive), http(s) URLs, or - for standard input.",
    show_default=False)]
PublishedOption = Annotated[Optional[str], typer.Option(
    "--published", metavar="YYYY-MM-DD",
    help="Publication date for inputs that state none (a date an input states wins).")]
PublisherOption = Annotated[Optional[str], typer.Option(
    "--publisher", metavar="NAME",
    help="Publisher for inputs whose text and markup name none.")]
JobsOption = Annotated[Optional[int], typer.Option(
    "--jobs", "-j", min=1, help="Processes for the per-document stages (default: up to 4).")]

# C0/C1 control characters, which could drive the terminal, except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def main() -> None:
    """Entry point of the ``dateline`` script."""
    app()


@app.callback()
def _root(verbose: Annotated[int, typer.Option(
        "--verbose", "-v", count=True, help="Log more to stderr: -v info, -vv debug.")] = 0
          ) -> None:
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    if verbose < 2:
        # trafilatura and htmldate warn about every odd page; that is not the user's problem
        for name in ("trafilatura", "htmldate", "charset_normalizer"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def safe(text: Any) -> str:
    """Untrusted text made harmless for a terminal (no control sequences)."""
    return _CONTROL.sub("", "" if text is None else str(text))


def _settings(db: str | None = None, jobs: int | None = None) -> Settings:
    return load_settings({"db": db, "jobs": jobs})


def _fail(message: str, code: int = 1) -> typer.Exit:
    """Print one ``Error: ...`` line; raise the result to exit with ``code``."""
    stderr.print(f"Error: {safe(message)}", markup=False)
    return typer.Exit(code)


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail("--published: " + errors.BAD_DATE.format(value=value), code=2) from None


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one ``Error: ...`` line and exit status 1."""
    try:
        yield
    except DatelineError as exc:
        raise _fail(str(exc)) from exc


@contextmanager
def _progress(what: str) -> Iterator[Any]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        task = progress.add_task(what, total=None)
        yield lambda: progress.advance(task)


def _report_failure(failure: Failure) -> None:
    stderr.print(f"skipped {safe(failure.source)}: {safe(failure.reason)}", markup=False)


@app.command("ingest")
def ingest_cli(
    inputs: InputsArg, db: DbOption = "dateline.db", published: PublishedOption = None,
    publisher: PublisherOption = None, jobs: JobsOption = None, as_json: JsonOption = False,
) -> None:
    """Read articles from files, feeds, WARC, JSON lines, URLs or stdin into the store."""
    settings = _settings(db, jobs)
    given = _parse_date(published)
    with _errors(), Store.open(settings.db) as store, _progress("Ingesting") as advance:
        def on_result(result: Extracted | Failure) -> None:
            advance()
            if isinstance(result, Failure):
                _report_failure(result)

        report = ingest(inputs, store, settings, published=given, publisher=publisher,
                        stdin=sys.stdin.buffer, on_result=on_result)
    if as_json:
        typer.echo(json.dumps(report.to_json()))
    stderr.print(f"ingested {report.ingested}, duplicate {report.duplicate} "
                 f"({report.updated} updated), skipped {report.skipped}", markup=False)
    if report.skipped:
        raise typer.Exit(1)


@app.command("extract")
def extract_cli(
    inputs: InputsArg, published: PublishedOption = None, publisher: PublisherOption = None,
    jobs: JobsOption = None, as_json: JsonOption = False,
) -> None:
    """Extract articles without a store; --json prints one JSON object per line."""
    settings = _settings(jobs=jobs)
    skipped = 0
    with _errors():
        for result in extract_documents(inputs, settings, published=_parse_date(published),
                                        publisher=publisher, stdin=sys.stdin.buffer):
            if isinstance(result, Failure):
                skipped += 1
                _report_failure(result)
            elif as_json:
                typer.echo(json.dumps(result.article.to_json(), ensure_ascii=False))
            else:
                typer.echo(_describe(result.article.to_json()))
    if skipped:
        raise typer.Exit(1)


@app.command("articles")
def articles_cli(db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List stored articles: id, date (and how it was known), publisher, wire, title."""
    with _errors(), Store.open(_settings(db).db) as store:
        for stored in store.articles():
            line = _listing(stored)
            if as_json:
                typer.echo(json.dumps(line, ensure_ascii=False))
            else:
                when = line["published"]["value"] or "undated"
                how = f"({line['published']['how']})" if line["published"]["how"] else ""
                typer.echo(safe(f"{line['id']}  {when:<10} {how:<10}  "
                                f"{line['publisher'] or '-'}  [{line['wire'] or '-'}]  "
                                f"{line['title'] or '(no title)'}"))


@app.command("show")
def show_cli(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix.")],
    db: DbOption = "dateline.db", as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, body paragraphs and captions."""
    with _errors(), Store.open(_settings(db).db) as store:
        stored = store.get(article_id)
    if as_json:
        typer.echo(json.dumps(stored.to_json(), ensure_ascii=False))
    else:
        typer.echo(_describe(stored.to_json()))


def _listing(stored: StoredArticle) -> dict[str, Any]:
    a = stored.article
    return {"id": stored.id, "published": a.published.to_json(), "publisher": a.publisher,
            "wire": a.wire, "title": a.title, "url": a.url, "source": a.source}


def _describe(data: dict[str, Any]) -> str:
    """A readable, terminal-safe page for one article's JSON form."""
    published = data["published"]
    head = [
        ("id", data.get("id")), ("title", data["title"]), ("url", data["url"]),
        ("source", data["source"]), ("publisher", data["publisher"]), ("wire", data["wire"]),
        ("dateline", data["dateline"]), ("authors", ", ".join(data["authors"]) or None),
        ("language", data["language"]),
        ("published", f"{published['value']} ({published['how']})" if published["value"] else None),
        ("summary", data["summary"]),
    ]
    lines = [f"{k + ':':<11}{v}" for k, v in head if v]
    lines += ["", *(p + "\n" for p in data["body"])]
    lines += [f"[caption] {c}" for c in data["captions"]]
    return safe("\n".join(lines).rstrip()) + "\n"
