"""The ``dateline`` command line: thin wrappers that parse options, call the library, print."""
from __future__ import annotations

import functools
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dateline import errors
from dateline.errors import DatelineError
from dateline.pipeline import (Analysed, Failure, analyze_documents, analyze_pending,
                               extract_documents, ingest)
from dateline.settings import Settings, load_settings
from dateline.store import Store, StoredArticle
from dateline.views import export as views
from dateline.views import render
from dateline.views.brief import brief
from dateline.views.faithful import Line, check
from dateline.views.daily import dated_summary
from dateline.views.timeline import Articles, timeline

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
StoryArg = Annotated[str, typer.Argument(
    metavar="STORY", help="Story id, or a part of its title only one story's title contains.",
    show_default=False)]

# C0/C1 control characters, which could drive the terminal, except tab and newline.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A week-precise event's range: Monday to Sunday.
_WEEK = timedelta(days=6)


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


def _parse_date(value: str | None, option: str = "--published") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option}: " + errors.BAD_DATE.format(value=value), code=2) from None


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one ``Error: ...`` line and exit status 1."""
    try:
        yield
    except DatelineError as exc:
        raise _fail(str(exc)) from exc


@contextmanager
def _progress() -> Iterator[Callable[[str, Any], None]]:
    """A progress display; the callable counts one result of a phase ("Ingesting", ...)
    and reports it if it is a failure."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=stderr, transient=True) as progress:
        tasks: dict[str, Any] = {}

        def tick(phase: str, result: Any) -> None:
            if phase not in tasks:
                tasks[phase] = progress.add_task(phase, total=None)
            progress.advance(tasks[phase])
            if isinstance(result, Failure):
                _report_failure(result)

        yield tick


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
    with _errors(), Store.open(settings.db) as store, _progress() as tick:
        report = ingest(inputs, store, settings, published=given, publisher=publisher,
                        stdin=sys.stdin.buffer,
                        on_result=functools.partial(tick, "Ingesting"),
                        on_analysed=functools.partial(tick, "Analysing"))
    if as_json:
        typer.echo(json.dumps(report.to_json()))
    for source, article_id in report.exact_copies:
        stderr.print(f"same text as {article_id}: {safe(source)}", markup=False)
    for copy in report.copies:
        stderr.print(f"near copy {copy.article_id} of {copy.canonical_id} "
                     f"(similarity {copy.similarity:.2f})", markup=False)
    stderr.print(f"ingested {report.ingested}, duplicate {report.duplicate} "
                 f"({report.updated} updated), near copies {len(report.copies)}, "
                 f"analysed {report.analysed}, skipped {report.skipped}", markup=False)
    if report.skipped:
        raise typer.Exit(1)


@app.command("extract")
def extract_cli(
    inputs: InputsArg, published: PublishedOption = None, publisher: PublisherOption = None,
    jobs: JobsOption = None, as_json: JsonOption = False,
) -> None:
    """Extract articles without a store; --json prints one JSON object per line."""
    results = extract_documents(inputs, _settings(jobs=jobs), published=_parse_date(published),
                                publisher=publisher, stdin=sys.stdin.buffer)
    _print_results(results, lambda result: result.article.to_json(), as_json)


@app.command("analyze")
def analyze_cli(
    inputs: Annotated[Optional[list[str]], typer.Argument(
        help="Files, directories, URLs or - to analyse without a store (with --json); "
             "none: analyse the stored articles not analysed yet.", show_default=False)] = None,
    redo: Annotated[bool, typer.Option("--redo", help="Analyse every stored article again.")] = False,
    db: DbOption = "dateline.db", published: PublishedOption = None,
    publisher: PublisherOption = None, jobs: JobsOption = None, as_json: JsonOption = False,
) -> None:
    """Find entities, roles, dated time expressions, quotes and events in articles."""
    settings = _settings(db, jobs)
    if not inputs:
        with _errors(), Store.open(settings.db) as store, _progress() as tick:
            report = analyze_pending(store, settings, redo=redo,
                                     on_result=functools.partial(tick, "Analysing"))
        stderr.print(f"analysed {report.analysed}, skipped {len(report.failures)}", markup=False)
        raise typer.Exit(1 if report.failures else 0)
    results = analyze_documents(inputs, settings, published=_parse_date(published),
                                publisher=publisher, stdin=sys.stdin.buffer)
    _print_results(results, _analysed_json, as_json)


def _print_results(results: Iterable[Any], to_json: Callable[[Any], dict[str, Any]],
                   as_json: bool) -> None:
    """Print each result as a JSON line or a readable page, failures as skipped lines;
    exit 1 if anything was skipped."""
    skipped = 0
    with _errors():
        for result in results:
            if isinstance(result, Failure):
                skipped += 1
                _report_failure(result)
            elif as_json:
                typer.echo(json.dumps(to_json(result), ensure_ascii=False))
            else:
                typer.echo(_describe(to_json(result)))
    if skipped:
        raise typer.Exit(1)


@app.command("quotes")
def quotes_cli(
    speaker: Annotated[Optional[str], typer.Option(
        "--speaker", metavar="NAME", help="Only quotes whose speaker's name contains NAME.")] = None,
    db: DbOption = "dateline.db", as_json: JsonOption = False,
) -> None:
    """List who said what, oldest first, with the article each quote comes from."""
    with _errors(), Store.open(_settings(db).db) as store:
        found = store.quotes(speaker=speaker)
    for stored, quote in found:
        line = {"article_id": stored.id, "published": stored.article.published.to_json(),
                **quote_json(quote)}
        if as_json:
            typer.echo(json.dumps(line, ensure_ascii=False))
        else:
            marks = "“{}”" if quote.direct else "{}"
            typer.echo(safe(f"{line['published']['value'] or 'undated':<10}  "
                            f"{quote.speaker or '(unknown)'}: {marks.format(quote.text)}  "
                            f"[{stored.id}]"))


@app.command("entities")
def entities_cli(
    story: Annotated[Optional[str], typer.Option(
        "--story", metavar="STORY",
        help="Only actors the story's articles mention (story id or part of its title).")] = None,
    db: DbOption = "dateline.db", as_json: JsonOption = False,
) -> None:
    """List people, organisations and places by how many articles mention them."""
    with _errors(), Store.open(_settings(db).db) as store:
        found = views.entities(store, views.find_story(store, story) if story else None)
    for entity in found:
        if as_json:
            typer.echo(json.dumps(entity, ensure_ascii=False))
            continue
        others = [a for a in entity["aliases"] if a != entity["name"]]
        typer.echo(safe(f"{entity['name']}  [{entity['label']}]  {entity['articles']} articles, "
                        f"{entity['mentions']} mentions"
                        + (f"  (also: {', '.join(others)})" if others else "")))
        for role in entity["roles"]:
            span = role["first_seen"] or "undated"
            if role["last_seen"] and role["last_seen"] != role["first_seen"]:
                span += f" to {role['last_seen']}"
            typer.echo(safe(f"    {role['title']}  ({span})"))


@app.command("duplicates")
def duplicates_cli(db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List copies of one story: each canonical article, its near copies, every outlet."""
    with _errors(), Store.open(_settings(db).db) as store:
        groups = store.copy_groups()
    for group in groups:
        if as_json:
            typer.echo(json.dumps(group, ensure_ascii=False))
            continue
        typer.echo(safe(f"{group['canonical_id']}  {group['title'] or '(no title)'}"))
        for seen in group["sightings"]:
            typer.echo(safe(f"    same text  {seen['publisher'] or '-'}  {seen['url'] or seen['source']}"))
        for copy in group["copies"]:
            for seen in copy["sightings"]:
                typer.echo(safe(f"    near copy {copy['article_id']} ({copy['similarity']:.2f})  "
                                f"{seen['publisher'] or '-'}  {seen['url'] or seen['source']}"))


@app.command("stories")
def stories_cli(db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List stories, largest first: title, date span, articles, outlets and events."""
    with _errors(), Store.open(_settings(db).db) as store:
        found = views.story_listing(store)
    if as_json:
        for story in found:
            typer.echo(json.dumps(story, ensure_ascii=False))
        return
    table = _table("id", "dates", "story", "articles", "outlets", "events")
    for story in found:
        table.add_row(str(story["id"]), _span(story["start"], story["end"], "day"),
                      _cell(story["title"]), str(story["articles"]), str(story["outlets"]),
                      str(story["events"]))
    _print_table(table, found, "no stories yet: ingest articles first")


@app.command("events")
def events_cli(story: StoryArg, db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List a story's events in date order: dates, places, participants, reports."""
    with _errors(), Store.open(_settings(db).db) as store:
        story_id = views.find_story(store, story)
        found = views.story_events(store, story_id)
        names = store.actor_names([a for event in found for a in event["participants"]])
        title = next(s["title"] for s in store.stories() if s["id"] == story_id)
    if as_json:
        for event in found:
            typer.echo(json.dumps(event, ensure_ascii=False))
        return
    typer.echo(safe(f"{story_id}  {title}"))
    table = _table("dates", "event", "places", "participants", "articles", "sentences")
    for event in found:
        table.add_row(_span(event["start"], event["end"], event["precision"]),
                      _cell(event["title"]), _cell(", ".join(event["places"])),
                      _cell(", ".join(names.get(a, f"#{a}") for a in event["participants"])),
                      str(len(event["articles"])), str(len(event["evidence"])))
    _print_table(table, found, "no events in this story")


@app.command("export")
def export_cli(
    fmt: Annotated[str, typer.Option(
        "--format", "-f", metavar="FORMAT",
        help=f"Output format: {', '.join(views.FORMATS)}.")] = "json",
    story: Annotated[Optional[str], typer.Option(
        "--story", metavar="STORY",
        help="Only this story's articles and what hangs off them (id or part of its title).")
    ] = None,
    out: Annotated[Optional[str], typer.Option(
        "--out", "-o", metavar="FILE", help="Write to FILE instead of standard output.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    db: DbOption = "dateline.db",
) -> None:
    """Export articles, entities, quotes, events, stories, timelines and key points.

    One JSON document, JSON lines, Markdown, or one CSV file per table (--out FOLDER).
    """
    try:
        views.check_format(fmt)
    except DatelineError as exc:
        raise _fail(f"--format: {exc}", code=2) from None
    if out and not force and Path(out).exists():
        raise _fail(f"{out} exists. Pass --force to overwrite it, or choose another --out.")
    if fmt == "csv" and not out:
        raise _fail("--format csv writes one file per table: give --out FOLDER", code=2)
    with _errors(), Store.open(_settings(db).db) as store:
        data = views.export_json(store, views.find_story(store, story) if story else None)
    if fmt == "csv":
        _write_tables(Path(out), views.export_tables(data))
        return
    text = views.export_text(data, fmt)
    if not out:
        typer.echo(text, nl=False)
        return
    try:
        _write(Path(out), text)
    except OSError as exc:
        raise _fail(f"cannot write {out}: {exc.strerror or exc}") from None
    stderr.print(f"wrote {safe(out)}", markup=False)


def _write_tables(folder: Path, tables: dict[str, str]) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in tables.items():
            _write(folder / name, text)
    except OSError as exc:
        raise _fail(f"cannot write {folder}: {exc.strerror or exc}") from None
    stderr.print(f"wrote {len(tables)} tables to {safe(folder)}", markup=False)


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (a temporary file, then a rename)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _table(*columns: str) -> Table:
    return Table(*columns, box=None, header_style="bold", pad_edge=False)


def _cell(text: Any) -> Text:
    """Untrusted text as a table cell: no control characters, and never read as markup."""
    return Text(safe(text))


def _print_table(table: Table, rows: list[Any], empty: str) -> None:
    if not rows:
        stderr.print(empty, markup=False)
        return
    Console(highlight=False).print(table)


def _span(start: str | None, end: str | None, precision: str | None) -> str:
    """A date range at its precision: "2026-02-06", "2026-02-06 to 2026-02-07", "2026-W06",
    "2026-02", "2026"; "undated" without a start."""
    if not start:
        return "undated"
    end = end or start
    if precision == "week" and date.fromisoformat(end) - date.fromisoformat(start) == _WEEK:
        year, week, _ = date.fromisoformat(start).isocalendar()
        return f"{year}-W{week:02d}"
    cut = {"month": 7, "year": 4}.get(precision or "day", 10)
    start, end = start[:cut], end[:cut]
    return start if start == end else f"{start} to {end}"


StoryOption = Annotated[Optional[str], typer.Argument(
    metavar="[STORY]", help="Story id or part of its title (default: the largest story).",
    show_default=False)]
MdOption = Annotated[bool, typer.Option("--md", help="Print Markdown, citations as footnotes.")]


@app.command("timeline")
def timeline_cli(
    story: StoryOption = None,
    since: Annotated[Optional[str], typer.Option(
        "--from", metavar="YYYY-MM-DD", help="Only events that end on or after this day.")] = None,
    until: Annotated[Optional[str], typer.Option(
        "--to", metavar="YYYY-MM-DD", help="Only events that start on or before this day.")] = None,
    top: Annotated[Optional[int], typer.Option(
        "--top", min=1, help="Only the N most important events.")] = None,
    dates: Annotated[Optional[int], typer.Option(
        "--dates", min=1, help="Benchmark protocol: this many days, the most important.")] = None,
    per_date: Annotated[int, typer.Option(
        "--per-date", min=1, help="With --dates: sentences per day.")] = 1,
    db: DbOption = "dateline.db", as_json: JsonOption = False, as_md: MdOption = False,
    as_html: Annotated[bool, typer.Option("--html", help="Print one HTML page.")] = False,
) -> None:
    """A story's timeline: one cited source sentence per event, in date order."""
    first, last = _parse_date(since, "--from"), _parse_date(until, "--to")
    with _errors(), Store.open(_settings(db).db) as store:
        story_id, title = _story(store, story)
        articles = Articles(store)
        entries = timeline(store, story_id, since=first, until=last, top=top, articles=articles)
        if dates is not None:
            days = dated_summary(entries, articles, store.story_article_ids(story_id), dates,
                                 per_date)
            entries = [e for _, chosen in days for e in chosen]
    _show(title, render.sections(title, entries=entries), [e.to_json() for e in entries],
          as_json, as_md, as_html, "no dated events in this story")


@app.command("brief")
def brief_cli(
    story: StoryArg,
    since: Annotated[Optional[str], typer.Option(
        "--since", metavar="YYYY-MM-DD", help="Only what happened or was said since this day.")
    ] = None,
    db: DbOption = "dateline.db", as_json: JsonOption = False, as_md: MdOption = False,
) -> None:
    """A story's key points, each with its citations.

    The latest development, the main events, who holds which role, quoted positions, and
    where sources disagree.
    """
    first = _parse_date(since, "--since")
    with _errors(), Store.open(_settings(db).db) as store:
        story_id, title = _story(store, story)
        points = brief(store, story_id, since=first)
    _show(title, render.sections(title, points=points), [p.to_json() for p in points],
          as_json, as_md, False, "nothing to report for this story")


@app.command("check")
def check_cli(story: StoryOption = None, db: DbOption = "dateline.db",
              as_json: JsonOption = False) -> None:
    """Check every timeline and key-point line against the spans it cites.

    Exits 1 when a line has no citation or says what its citations do not.
    """
    with _errors(), Store.open(_settings(db).db) as store:
        ids = [_story(store, story)[0]] if story else [s["id"] for s in store.stories()]
        lines = [Line(item.text, item.citations, item.label, item.date, item.end)
                 for story_id in ids
                 for item in [*timeline(store, story_id), *brief(store, story_id)]]
        report = check(store, lines)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    for problem in report.problems:
        stderr.print(safe(problem), markup=False)
    stderr.print(f"{report.lines} lines, {report.cited} cited, {report.supported} supported",
                 markup=False)
    if not report.ok:
        raise typer.Exit(1)


def _story(store: Store, story: str | None) -> tuple[int, str]:
    """The story meant (the largest without one) and its title."""
    listed = store.stories()
    if not listed:
        raise DatelineError("no stories yet: ingest articles first")
    story_id = views.find_story(store, story) if story else listed[0]["id"]
    return story_id, next(s["title"] for s in listed if s["id"] == story_id)


def _show(title: str, found: list[render.Section], records: list[dict[str, Any]],
          as_json: bool, as_md: bool, as_html: bool, empty: str) -> None:
    """Print a view as JSON lines, Markdown, HTML, or for the terminal with footnotes."""
    if as_json:
        for record in records:
            typer.echo(json.dumps(record, ensure_ascii=False))
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
                console.print(line.append(f" [{marks}]", style="dim"))
        console.print(Text("\nSources", style="bold underline"))
        for number, source in notes.sources():
            console.print(Text(f"[{number}] {source}", style="dim"))


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
        analysis = store.analysis(stored.id)
    data = {**stored.to_json(), "analysis": analysis.to_json() if analysis else None}
    typer.echo(json.dumps(data, ensure_ascii=False) if as_json else _describe(data))


def _listing(stored: StoredArticle) -> dict[str, Any]:
    a = stored.article
    return {"id": stored.id, "published": a.published.to_json(), "publisher": a.publisher,
            "wire": a.wire, "title": a.title, "url": a.url, "source": a.source}


def quote_json(quote: Any) -> dict[str, Any]:
    return {k: getattr(quote, k) for k in ("speaker", "text", "direct", "cue", "medium", "start",
                                           "end", "speaker_start", "speaker_end", "cue_start",
                                           "cue_end")}


def _analysed_json(result: Analysed) -> dict[str, Any]:
    """The keys of ``extract --json`` plus ``text`` and the analysis (offsets into text)."""
    return {**result.article.to_json(), "text": result.article.text, **result.analysis.to_json()}


def _describe(data: dict[str, Any]) -> str:
    """A readable, terminal-safe page for one article's JSON form (with its analysis)."""
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
    analysis = data.get("analysis") or (data if "mentions" in data else None)
    if analysis:
        lines += _describe_analysis(analysis)
    return safe("\n".join(lines).rstrip()) + "\n"


def _describe_analysis(analysis: dict[str, Any]) -> list[str]:
    names: dict[str, str] = {}
    for m in analysis["mentions"]:
        if m["label"] not in ("DATE", "TIME"):
            names.setdefault(m["name"], m["label"])
    lines = ["", "Entities:", *(f"  {name} [{label}]" for name, label in names.items())]
    lines += ["", "Roles:", *(f"  {r['person']}: {r['title']} (as of {r['as_of'] or 'undated'})"
                              for r in analysis["roles"])]
    lines += ["", "Dates:", *(f"  {t['text']!r} -> {t['value'] or '?'} ({t['type']}, {t['rule']})"
                              for t in analysis["timexes"])]
    lines += ["", "Quotes:", *(f"  {q['speaker'] or '(unknown)'} {q['cue'] or ''}: "
                               + (f"“{q['text']}”" if q["direct"] else q["text"])
                               + (f" ({q['medium']})" if q["medium"] else "")
                               for q in analysis["quotes"])]
    return lines
