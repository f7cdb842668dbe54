"""Commands that read inputs: ingest into the store, and extract or analyse without one.

The pipeline (readers, extraction, spaCy) is imported by the commands that run it, so that
every other command starts fast.
"""

from __future__ import annotations

import functools
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from dateline.cli.common import (
    DbOption,
    InputsArg,
    JobsOption,
    JsonOption,
    PublishedOption,
    PublisherOption,
    app,
    fail,
    opened,
    parse_date,
    progress,
    safe,
    settings,
    stderr,
)
from dateline.cli.printing import results
from dateline.model import Analysed, Extracted
from dateline.settings import Engine

if TYPE_CHECKING:
    from dateline.run.extract import Inputs

EngineOption = Annotated[
    Engine | None,
    typer.Option(
        "--engine",
        help="Where to read, extract and analyse: local (--jobs processes) or ray (Ray Data; "
        "pip install 'dateline[ray]'). Linking runs here either way. [default: local]",
        show_default=False,
    ),
]
AddressOption = Annotated[
    str | None,
    typer.Option(
        "--address",
        metavar="auto|ray://HOST:PORT",
        help="The Ray cluster of --engine ray (default: a local Ray of --jobs CPUs, for this "
        "run). Its workers must see the input files at the same paths.",
    ),
]


@app.command("ingest")
def ingest_cli(
    inputs: InputsArg,
    db: DbOption = "dateline.db",
    published: PublishedOption = None,
    publisher: PublisherOption = None,
    jobs: JobsOption = None,
    as_json: JsonOption = False,
    engine: EngineOption = None,
    address: AddressOption = None,
) -> None:
    """Read articles from files, feeds, WARC, JSON lines, URLs or stdin into the store."""
    from dateline.run.ingest import engine_runner, ingest

    chosen = settings(db, jobs, engine=engine, address=address)
    if address and chosen.engine is not Engine.RAY:
        raise fail("--address is the Ray cluster of --engine ray: add --engine ray.", code=2)
    given = _inputs(inputs, published, publisher)
    # The runner starts before the progress display, which an error would leave behind.
    with (
        opened(chosen.db, create=True) as store,
        engine_runner(chosen) as runner,
        progress() as tick,
    ):
        report = ingest(
            given,
            store,
            chosen,
            runner=runner,
            on_result=functools.partial(tick, "Ingesting"),
            on_analysed=functools.partial(tick, "Analysing"),
        )
    if as_json:
        typer.echo(json.dumps(report.to_json()))
    for source, article_id in report.exact_copies:
        stderr.print(f"same text as {article_id}: {safe(source)}", markup=False)
    for copy in report.copies:
        stderr.print(
            f"near copy {copy.article_id} of {copy.canonical_id} "
            f"(similarity {copy.similarity:.2f})",
            markup=False,
        )
    stderr.print(
        f"ingested {report.ingested}, duplicate {report.duplicate} "
        f"({report.updated} updated), near copies {len(report.copies)}, "
        f"analysed {report.analysed}, skipped {report.skipped}",
        markup=False,
    )
    if report.skipped:
        raise typer.Exit(1)


@app.command("extract")
def extract_cli(
    inputs: InputsArg,
    published: PublishedOption = None,
    publisher: PublisherOption = None,
    jobs: JobsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Extract articles without a store; --json prints one JSON object per line."""
    from dateline.run.extract import extract_documents
    from dateline.run.ingest import local_runner

    chosen = settings(jobs=jobs)
    found = extract_documents(_inputs(inputs, published, publisher), chosen, local_runner(chosen))
    results(found, _extracted_json, as_json)


@app.command("analyze")
def analyze_cli(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, directories, URLs or - to analyse without a store (with --json); "
            "none: analyse the stored articles not analysed yet.",
            show_default=False,
        ),
    ] = None,
    redo: Annotated[
        bool, typer.Option("--redo", help="Analyse every stored article again.")
    ] = False,
    db: DbOption = "dateline.db",
    published: PublishedOption = None,
    publisher: PublisherOption = None,
    jobs: JobsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Find entities, roles, dated time expressions, quotes and events in articles."""
    from dateline.run.analyze import analyze_documents, analyze_pending
    from dateline.run.ingest import local_runner
    from dateline.run.link import link_pending

    chosen = settings(db, jobs)
    if not inputs:
        with opened(chosen.db) as store, progress() as tick:
            report = analyze_pending(
                store,
                local_runner(chosen),
                redo=redo,
                on_result=functools.partial(tick, "Analysing"),
            )
            link_pending(store, chosen.lock_timeout)
        stderr.print(f"analysed {report.analysed}, skipped {len(report.failures)}", markup=False)
        raise typer.Exit(1 if report.failures else 0)
    found = analyze_documents(_inputs(inputs, published, publisher), chosen, local_runner(chosen))
    results(found, Analysed.to_json, as_json)


def _extracted_json(result: Extracted) -> dict[str, object]:
    return result.article.to_json()


def _inputs(sources: list[str], published: str | None, publisher: str | None) -> Inputs:
    """What to read, as the options give it; ``-`` reads standard input."""
    from dateline.run.extract import Inputs

    return Inputs(sources, parse_date(published), publisher, sys.stdin.buffer)
