"""Commands that write a story out: its timeline, key points, the check of both against
their sources, and exports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from dateline import service
from dateline.cli.common import (
    DbOption,
    JsonOption,
    MdOption,
    StoryArg,
    StoryOption,
    UnverifiedOption,
    app,
    fail,
    opened,
    parse_date,
    safe,
    stderr,
)
from dateline.cli.printing import view, write, write_tables
from dateline.errors import DatelineError
from dateline.views import render
from dateline.views.export import FORMATS, check_format

# Entries the terminal shows of a timeline by default.
DEFAULT_TOP = 20


@app.command("timeline")
def timeline_cli(
    story: StoryOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="YYYY-MM-DD", help="Only events that end on or after this day."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="YYYY-MM-DD", help="Only events that start on or before this day."
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            help=f"Only the N most important events (the terminal shows {DEFAULT_TOP} "
            "unless --all).",
        ),
    ] = None,
    every: Annotated[
        bool, typer.Option("--all", help="Every entry (the terminal shows the top ones).")
    ] = False,
    dates: Annotated[
        int | None,
        typer.Option(
            "--dates", min=1, help="Benchmark protocol: this many days, the most important."
        ),
    ] = None,
    per_date: Annotated[
        int, typer.Option("--per-date", min=1, help="With --dates: sentences per day.")
    ] = 1,
    db: DbOption = "dateline.db",
    as_json: JsonOption = False,
    as_md: MdOption = False,
    as_html: Annotated[bool, typer.Option("--html", help="Print one HTML page.")] = False,
    unverified: UnverifiedOption = False,
) -> None:
    """A story's timeline: one cited source sentence per event, in date order.

    The terminal shows the most important entries and says how many more there are;
    --all, --top, --json, --md and --html choose for themselves.
    """
    first, last = parse_date(since, "--from"), parse_date(until, "--to")
    more = 0
    with opened(db) as store:
        chosen = service.find_story(store, story)
        if dates is None and top is None and not (every or as_json or as_md or as_html):
            head = service.timeline_head(
                store, chosen, top=DEFAULT_TOP, since=first, until=last, unverified=unverified
            )
            entries, more = list(head.entries), head.more
        elif dates is None:
            entries = service.timeline(
                store, chosen, since=first, until=last, top=top, unverified=unverified
            )
        else:
            entries = service.dated_timeline(
                store,
                chosen,
                dates=dates,
                per_date=per_date,
                since=first,
                until=last,
                top=top,
                unverified=unverified,
            )
    view(
        chosen.title,
        render.sections(entries=entries),
        entries,
        as_json,
        as_md,
        as_html,
        "no dated events in this story",
    )
    if more:
        stderr.print(f"{more} more entries: --all shows every one, --top N the N first.")


@app.command("brief")
def brief_cli(
    story: StoryArg,
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="YYYY-MM-DD", help="Only what happened or was said since this day."
        ),
    ] = None,
    db: DbOption = "dateline.db",
    as_json: JsonOption = False,
    as_md: MdOption = False,
    unverified: UnverifiedOption = False,
) -> None:
    """A story's key points, each with its citations.

    The latest development, the main events, who holds which role, quoted positions, and
    where sources disagree.
    """
    first = parse_date(since, "--since")
    with opened(db) as store:
        chosen = service.find_story(store, story)
        points = service.brief(store, chosen, since=first, unverified=unverified)
    view(
        chosen.title,
        render.sections(points=points),
        points,
        as_json,
        as_md,
        False,
        "nothing to report for this story",
    )


@app.command("check")
def check_cli(
    story: StoryOption = None, db: DbOption = "dateline.db", as_json: JsonOption = False
) -> None:
    """Check every timeline and key-point line against the spans it cites.

    Exits 1 when a line has no citation or says what its citations do not.
    """
    with opened(db) as store:
        report = service.check(store, service.find_story(store, story) if story else None)
    if as_json:
        typer.echo(json.dumps(report.to_json(), ensure_ascii=False))
    for problem in report.problems:
        stderr.print(safe(problem), markup=False)
    stderr.print(
        f"{report.lines} lines, {report.cited} cited, {report.supported} supported", markup=False
    )
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
def export_cli(
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(FORMATS)}."
        ),
    ] = "json",
    story: Annotated[
        str | None,
        typer.Option(
            "--story",
            metavar="STORY",
            help="Only this story's articles and what hangs off them (id or part of its title).",
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out", "-o", metavar="FILE", help="Write to FILE instead of standard output."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    db: DbOption = "dateline.db",
) -> None:
    """Export articles, entities, quotes, events, stories, timelines and key points.

    One JSON document, JSON lines, Markdown, or one CSV file per table (--out FOLDER).
    """
    try:
        check_format(fmt)
    except DatelineError as exc:
        raise fail(f"--format: {exc}", code=2) from None
    if out and not force and Path(out).exists():
        raise fail(f"{out} exists. Pass --force to overwrite it, or choose another --out.")
    if fmt == "csv" and not out:
        raise fail("--format csv writes one file per table: give --out FOLDER", code=2)
    with opened(db) as store:
        document = service.export(store, service.find_story(store, story) if story else None)
    if fmt == "csv":
        assert out is not None
        write_tables(Path(out), document.tables())
        return
    text = document.text(fmt)
    if not out:
        typer.echo(text, nl=False)
        return
    try:
        write(Path(out), text)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror or exc}") from None
    stderr.print(f"wrote {safe(out)}", markup=False)
