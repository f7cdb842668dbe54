"""Commands that list what the store holds: articles, one article, quotes, actors, copies,
stories and a story's events."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from dateline import service
from dateline.cli.common import DbOption, JsonOption, StoryArg, app, opened, safe
from dateline.cli.printing import cell, json_lines, print_table, table
from dateline.views import render


@app.command("articles")
def articles_cli(db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List stored articles: id, date (and how it was known), publisher, wire, title."""
    with opened(db) as store:
        for stored in service.articles(store):
            if as_json:
                typer.echo(json.dumps(stored.listing_json(), ensure_ascii=False))
                continue
            a = stored.article
            how = f"({a.published.how})" if a.published.how else ""
            typer.echo(
                safe(
                    f"{stored.id}  {stored.published or 'undated':<10} {how:<10}  "
                    f"{a.publisher or '-'}  [{a.wire or '-'}]  "
                    f"{a.title or '(no title)'}"
                )
            )


@app.command("failures")
def failures_cli(db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List the documents a stage could not process: when, which stage, source, why."""
    with opened(db) as store:
        found = service.failures(store)
    if as_json:
        json_lines(found)
        return
    shown = table("when", "stage", "source", "reason")
    for failure in found:
        shown.add_row(
            failure.created_at, failure.stage, cell(failure.source), cell(failure.message)
        )
    print_table(shown, found, "no failures recorded")


@app.command("show")
def show_cli(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="Article id or a unique prefix.")],
    db: DbOption = "dateline.db",
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, body paragraphs and captions."""
    with opened(db) as store:
        found = service.article(store, article_id)
    if as_json:
        json_lines([found])
    else:
        typer.echo(safe(render.article_page(found.to_json())))


@app.command("quotes")
def quotes_cli(
    speaker: Annotated[
        str | None,
        typer.Option(
            "--speaker", metavar="NAME", help="Only quotes whose speaker's name contains NAME."
        ),
    ] = None,
    db: DbOption = "dateline.db",
    as_json: JsonOption = False,
) -> None:
    """List who said what, oldest first, with the article each quote comes from."""
    with opened(db) as store:
        found = service.quotes(store, speaker)
    if as_json:
        json_lines(found)
        return
    for said in found:
        quote = said.quote
        marks = "“{}”" if quote.direct else "{}"
        typer.echo(
            safe(
                f"{said.article.published or 'undated':<10}  "
                f"{quote.speaker or '(unknown)'}: {marks.format(quote.text)}  "
                f"[{said.article.id}]"
            )
        )


@app.command("entities")
def entities_cli(
    story: Annotated[
        str | None,
        typer.Option(
            "--story",
            metavar="STORY",
            help="Only actors the story's articles mention (story id or part of its title).",
        ),
    ] = None,
    db: DbOption = "dateline.db",
    as_json: JsonOption = False,
) -> None:
    """List people, organisations and places by how many articles mention them."""
    with opened(db) as store:
        found = service.entities(store, service.find_story(store, story) if story else None)
    if as_json:
        json_lines(found)
        return
    for actor in found:
        others = [a for a in actor.aliases if a != actor.name]
        typer.echo(
            safe(
                f"{actor.name}  [{actor.label}]  {actor.articles} articles, "
                f"{actor.mentions} mentions" + (f"  (also: {', '.join(others)})" if others else "")
            )
        )
        for role in actor.roles:
            span = role.first_seen or "undated"
            if role.last_seen and role.last_seen != role.first_seen:
                span += f" to {role.last_seen}"
            typer.echo(safe(f"    {role.title}  ({span})"))


@app.command("duplicates")
def duplicates_cli(db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List copies of one story: each canonical article, its near copies, every outlet."""
    with opened(db) as store:
        groups = service.copy_groups(store)
    if as_json:
        json_lines(groups)
        return
    for group in groups:
        typer.echo(safe(f"{group.canonical_id}  {group.title or '(no title)'}"))
        for seen in group.sightings:
            typer.echo(safe(f"    same text  {seen.publisher or '-'}  {seen.url or seen.source}"))
        for copy in group.copies:
            for seen in copy.sightings:
                typer.echo(
                    safe(
                        f"    near copy {copy.article_id} ({copy.similarity:.2f})  "
                        f"{seen.publisher or '-'}  {seen.url or seen.source}"
                    )
                )


@app.command("stories")
def stories_cli(db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List stories, largest first: title, date span, articles, outlets and events."""
    with opened(db) as store:
        found = service.stories(store)
    if as_json:
        json_lines(found)
        return
    shown = table("id", "dates", "story", "articles", "outlets", "events")
    for story in found:
        shown.add_row(
            str(story.id),
            story.label,
            cell(story.title),
            str(story.articles),
            str(story.outlets),
            str(story.events),
        )
    print_table(shown, found, "no stories yet: ingest articles first")


@app.command("events")
def events_cli(story: StoryArg, db: DbOption = "dateline.db", as_json: JsonOption = False) -> None:
    """List a story's events in date order: dates, places, participants, reports."""
    with opened(db) as store:
        chosen = service.find_story(store, story)
        found = service.events(store, chosen)
        names = service.actor_names(store, [a for event in found for a in event.participants])
    if as_json:
        json_lines(found)
        return
    typer.echo(safe(f"{chosen.id}  {chosen.title}"))
    shown = table("dates", "event", "places", "participants", "articles", "sentences")
    for event in found:
        shown.add_row(
            event.label,
            cell(event.title),
            cell(", ".join(event.places)),
            cell(", ".join(names.get(a, f"#{a}") for a in event.participants)),
            str(len(event.articles)),
            str(len(event.evidence)),
        )
    print_table(shown, found, "no events in this story")
