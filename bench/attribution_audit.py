"""Attribution audit: brief and timeline lines labelled by hand (issue #12).

``sample`` reads stores built by ``dateline ingest`` and draws, with a fixed seed, lines of
the two views a journalist would publish from: the key points of ``dateline brief`` (all
kinds: latest, event, position, role, dispute) and entries of ``dateline timeline``, from
each store's largest stories. Brief lines come first, each kind up to ``--per-kind``, then
timeline lines (spread evenly over the stores) fill the sample up to ``--total``. Each line
is written as one JSON record with its citations, the text each cites, the paragraphs
around it (enough to judge the speaker, the role-holder, the date and whether it is a
caption), what ``dateline check`` says of the line alone, and an empty ``label``.

``score`` reads the file once labelled by hand (``bench/data/attribution_audit/GUIDE.md``
says how) and reports the error rate per class, the share of wrong lines, and the checker's
recall on the wrong lines (the share of wrong lines it flags).

    .venv/bin/python bench/attribution_audit.py sample --out audit.jsonl \
        --store demo.db --store haiti.db [--stories 8] [--total 330] [--seed 12]
        [--kinds dispute --append]
    .venv/bin/python bench/attribution_audit.py carry audit.jsonl before.jsonl after.jsonl
    .venv/bin/python bench/attribution_audit.py recheck heldout.jsonl --store demo.db ... \
        --out heldout.rechecked.jsonl
    .venv/bin/python bench/attribution_audit.py score bench/data/attribution_audit/before.jsonl \
        [--results bench/RESULTS.md] [--title "before issue #12"]

When the views learn to leave out what the checker cannot verify and take ``unverified``
to show it, ``sample`` asks for those lines too and records whether the default view
shows each (``shown``): the wrong-line rate is then over the lines shown, the recall over
all wrong lines. ``--kinds`` draws only some kinds of line and ``--append`` adds them to
an existing sample (numbered on): a supplement from stores where a kind is rare.
``--shown-only`` keeps only the lines shown: a sample of what readers see, which measures
the share of wrong lines shown far more tightly for the same labelling work (its recall
says nothing, since every line in it passed the checker).

``carry`` labels the lines of a new sample that an earlier sample already labelled (same
kind, text, date label and cited spans), leaving the rest to label by hand. ``recheck``
runs the current checker on a labelled sample's lines against (re-analysed) stores, for the
checker's recall and false alarms on lines labelled before: a held-out sample drawn with
another seed, labelled once, measures a checker developed on the first.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import platform
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import dateline
from common import REPO, write_section
from dateline.model import BriefPoint, Citation, Cited, PointKind, Story, TimelineEntry
from dateline.model.dates import REPORTED
from dateline.store import Store
from dateline.views.faithful import check as check_lines

SECTION = "## Attribution audit (brief and timeline lines, labelled by hand)"
DATA = REPO / "bench" / "data" / "attribution_audit"
# The labels, in the order of precedence: a line with several errors takes the first.
CLASSES = (
    "wrong speaker",
    "wrong role-holder",
    "false dispute",
    "wrong date",
    "furniture",
    "not an event",
)
CORRECT = "correct"
LABELS = (CORRECT, *CLASSES)
TIMELINE = "timeline"
BRIEF_KINDS = ("latest", "event", "position", "role", "dispute")
# How much text around a cited span the labeller sees.
BEFORE_CHARS, AFTER_CHARS = 900, 300


@dataclass(frozen=True)
class Line:
    """One line of a view as a user reads it, from one story of one store."""

    store: str
    story: Story
    kind: str
    cited: Cited
    shown: bool

    @property
    def text(self) -> str:
        return self.cited.text


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    sample = commands.add_parser("sample", help="write the unlabelled sample")
    sample.add_argument("--store", action="append", required=True, help="SQLite store (repeat)")
    sample.add_argument("--out", required=True, help="JSON lines file to write")
    sample.add_argument("--stories", type=int, default=8, help="largest stories per store")
    sample.add_argument("--total", type=int, default=330, help="lines to draw")
    sample.add_argument("--per-kind", type=int, default=60, help="most lines of one brief kind")
    sample.add_argument("--seed", type=int, default=12)
    sample.add_argument(
        "--kinds",
        default=",".join((*BRIEF_KINDS, TIMELINE)),
        help="line kinds to draw, comma-separated (default: all)",
    )
    sample.add_argument(
        "--append", action="store_true", help="add to --out, numbering on from its last line"
    )
    sample.add_argument(
        "--exclude",
        action="append",
        help="labelled sample whose lines (same kind and text) to leave out (repeat): a "
        "held-out sample",
    )
    sample.add_argument("--keep", type=int, help="with --exclude: lines to keep")
    sample.add_argument(
        "--shown-only",
        action="store_true",
        help="keep only the lines the views show (the checker passes them): a sample of "
        "what readers see, for the share of wrong lines shown (not for the checker's recall)",
    )
    recheck = commands.add_parser(
        "recheck", help="run the current checker again on a labelled sample's lines"
    )
    recheck.add_argument("labelled", help="labelled sample (JSON lines)")
    recheck.add_argument("--store", action="append", required=True, help="SQLite store (repeat)")
    recheck.add_argument("--out", required=True, help="JSON lines file to write")
    carry = commands.add_parser(
        "carry", help="give a new sample's lines the labels of the same lines labelled before"
    )
    carry.add_argument("sample", help="unlabelled sample (JSON lines); labelled in place")
    carry.add_argument("labelled", nargs="+", help="labelled samples to take labels from")
    score = commands.add_parser("score", help="score a labelled sample")
    score.add_argument(
        "labelled", nargs="+", help="labelled samples (before.jsonl, after.jsonl), in order"
    )
    score.add_argument("--results", help="markdown file whose audit section to add or replace")
    args = parser.parse_args(argv)
    if args.command == "sample":
        stores = [Path(s) for s in args.store]
        kinds = set(args.kinds.split(","))
        out_path = Path(args.out)
        first = len(read_lines(out_path)) + 1 if args.append and out_path.exists() else 1
        records = sample_lines(
            stores, args.stories, args.total, args.per_kind, args.seed, kinds, first
        )
        if args.shown_only:
            records = [r for r in records if r["shown"]]
        if args.exclude:
            seen = [read_lines(Path(path)) for path in args.exclude]
            records = unseen(records, seen, args.keep or len(records), first)
        drawn_by = "attribution_audit.py " + " ".join(sys.argv[1:] if argv is None else argv)
        for record in records:
            record |= {"drawn_by": drawn_by, "revision": _revision()}
        with open(out_path, "a" if args.append else "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(
            f"wrote {len(records)} lines to {args.out}: {dict(Counter(r['kind'] for r in records))}"
        )
        return 0
    if args.command == "carry":
        sample_path = Path(args.sample)
        records = read_lines(sample_path)
        carried = carry_labels(records, [read_records(Path(p)) for p in args.labelled])
        sample_path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
        )
        todo = [r["id"] for r in records if not r["label"]]
        print(f"carried {carried} of {len(records)} labels; to label by hand: {todo}")
        return 0
    if args.command == "recheck":
        records = rechecked(read_records(Path(args.labelled)), [Path(p) for p in args.store])
        drawn_by = "attribution_audit.py " + " ".join(sys.argv[1:] if argv is None else argv)
        with open(args.out, "w", encoding="utf-8") as out:
            for record in records:
                record |= {"rechecked_by": drawn_by, "recheck_revision": _revision()}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(report([(Path(args.labelled), read_records(Path(args.labelled)))]))
        print(report([(Path(args.out), records)]))
        return 0
    section = report([(Path(path), read_records(Path(path))) for path in args.labelled])
    print(section)
    if args.results:
        write_section(Path(args.results), SECTION, section)
    return 0


# --- sampling -------------------------------------------------------------------------


def sample_lines(
    stores: Sequence[Path],
    stories: int,
    total: int,
    per_kind: int,
    seed: int,
    kinds: set[str] | None = None,
    first: int = 1,
) -> list[dict[str, Any]]:
    """Draw the sample from the stores (lines of ``kinds`` only, all without) and describe
    each line (see the module docstring), numbering them from ``first``."""
    lines: list[Line] = []
    for path in stores:
        with dateline.open(str(path)) as store:
            lines += [
                line
                for line in _lines(store, path.name, stories)
                if not kinds or line.kind in kinds
            ]
    available = Counter(line.kind for line in lines)
    print(f"lines available: {dict(sorted(available.items()))}", file=sys.stderr)
    chosen = choose(lines, total, per_kind, random.Random(seed))
    records: dict[int, dict[str, Any]] = {}
    for path in stores:
        with dateline.open(str(path)) as store:
            for number, line in enumerate(chosen, first):
                if line.store == path.name:
                    records[number] = {"id": number, **_record(store, line)}
    return [records[number] for number in sorted(records)]


def choose(lines: Sequence[Line], total: int, per_kind: int, rng: random.Random) -> list[Line]:
    """Brief lines first, up to ``per_kind`` of each kind, then timeline lines taken in turn
    from each store up to ``total``; in the order drawn."""
    chosen: list[Line] = []
    for kind in BRIEF_KINDS:
        of_kind = [line for line in lines if line.kind == kind]
        chosen += rng.sample(of_kind, min(per_kind, len(of_kind)))
    pools: dict[str, list[Line]] = {}
    for line in lines:
        if line.kind == TIMELINE:
            pools.setdefault(line.store, []).append(line)
    queues = [pools[name] for name in sorted(pools)]
    for queue in queues:
        rng.shuffle(queue)
    while len(chosen) < total and any(queues):
        for queue in queues:
            if queue and len(chosen) < total:
                chosen.append(queue.pop())
    return chosen


def _lines(store: Store, name: str, stories: int) -> Iterable[Line]:
    """Every brief and timeline line of the store's largest stories, each once."""
    for story in dateline.stories(store)[:stories]:
        seen: set[tuple[str, str]] = set()
        for kind, shown, cited in _view_lines(store, story):
            key = (kind, cited.text)
            if key not in seen:
                seen.add(key)
                yield Line(name, story, kind, cited, shown)


def _view_lines(store: Store, story: Story) -> Iterable[tuple[str, bool, Cited]]:
    """(kind, shown by default, line) for the story's brief, then its timeline: with the
    lines a view leaves out unverified, where it can show them (``unverified=True``), and
    the lines it shows by default in their place."""
    views: list[Callable[..., Sequence[Cited]]] = [dateline.brief, dateline.timeline]
    for view in views:
        default = view(store, story)
        every = default
        if "unverified" in inspect.signature(view).parameters:
            every = view(store, story, unverified=True)
        shown = {_identity(line) for line in default}
        listed = {_identity(line) for line in every}
        # a line shown in place of one left out may be one the full view never reaches
        for line in [*every, *(line for line in default if _identity(line) not in listed)]:
            kind = line.kind.value if isinstance(line, BriefPoint) else TIMELINE
            yield kind, _identity(line) in shown, line


def _identity(line: Cited) -> tuple[str, tuple[tuple[str, int, int], ...]]:
    return line.text, tuple((c.article, c.start, c.end) for c in line.citations)


def _record(store: Store, line: Line) -> dict[str, Any]:
    """What the labeller reads of one line, and what the checker says of it alone."""
    cited = line.cited
    prefix = f"{cited.text[:60]!r}: "  # how the checker names a line in its problems
    problems = [p.removeprefix(prefix) for p in check_lines(store, [cited]).problems]
    entry = cited if isinstance(cited, TimelineEntry) else None
    return {
        "store": line.store,
        "story": line.story.id,
        "story_title": line.story.title,
        "kind": line.kind,
        "text": cited.text,
        "date_label": cited.label,
        "date": cited.date,
        "end": cited.end,
        "dated_by": entry.dated_by if entry else None,
        "shown": line.shown,
        "check_passes": not problems,
        "check_problems": problems,
        "citations": [_citation(store, c) for c in cited.citations],
        "label": "",
        "note": "",
    }


def _citation(store: Store, citation: Citation) -> dict[str, Any]:
    """A citation with the text it cites and the paragraphs around it."""
    stored = store.articles.get(citation.article)
    article = stored.article
    text = article.text
    start, end = _context(text, citation.start, citation.end)
    return {
        **citation.to_json(),
        "published_how": article.published.how,
        "wire": article.wire,
        "cited_text": text[citation.start : citation.end],
        "context": text[start:end],
        "context_start": start,
    }


def _context(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph before the span's, through the span's last paragraph, cut to at most
    ``BEFORE_CHARS`` before and ``AFTER_CHARS`` after the span."""
    first = text.rfind("\n\n", 0, start)
    first = text.rfind("\n\n", 0, first) if first > 0 else -1
    last = text.find("\n\n", end)
    first, last = first + 2 if first >= 0 else 0, len(text) if last == -1 else last
    return max(first, start - BEFORE_CHARS), min(last, end + AFTER_CHARS)


def unseen(
    records: Sequence[dict[str, Any]],
    seen: Sequence[Sequence[dict[str, Any]]],
    keep: int,
    first: int,
) -> list[dict[str, Any]]:
    """The drawn lines no earlier sample holds (same kind and text): every brief line, then
    timeline lines in the order drawn, ``keep`` in all, numbered from ``first``."""
    known = {_seen_key(r) for sample in seen for r in sample}
    fresh = [r for r in records if _seen_key(r) not in known]
    brief = [r for r in fresh if r["kind"] != TIMELINE]
    kept = brief + [r for r in fresh if r["kind"] == TIMELINE][: max(0, keep - len(brief))]
    return [r | {"id": number} for number, r in enumerate(kept, first)]


def _seen_key(record: dict[str, Any]) -> tuple[str, str]:
    """A line's kind and text, its date label written as samples before "reported" labels
    wrote it: a line seen then is the same line now."""
    text = record["text"].replace(f"Latest ({REPORTED} ", "Latest (")
    return record["kind"], text.removeprefix(f"{REPORTED} ")


# --- labels carried over ----------------------------------------------------------


def carry_labels(
    records: list[dict[str, Any]], labelled: Sequence[Sequence[dict[str, Any]]]
) -> int:
    """Give each unlabelled record the label and note of the same line labelled before
    (same kind, text, date label and cited spans; the first labelled sample that has it
    wins). Returns how many were carried."""
    known: dict[tuple[Any, ...], dict[str, Any]] = {}
    for sample in labelled:
        for record in sample:
            known.setdefault(_same_line(record), record)
    carried = 0
    for record in records:
        if not record.get("label") and (earlier := known.get(_same_line(record))):
            record["label"], record["note"] = earlier["label"], earlier["note"]
            carried += 1
    return carried


def _same_line(record: dict[str, Any]) -> tuple[Any, ...]:
    spans = sorted({(c["article"], c["start"], c["end"]) for c in record["citations"]})
    return record["kind"], record["text"], record["date_label"], tuple(spans)


# --- checking again ---------------------------------------------------------------


def rechecked(records: Sequence[dict[str, Any]], stores: Sequence[Path]) -> list[dict[str, Any]]:
    """The labelled lines with the current checker's verdict on each, against ``stores``
    (matched to each record's store by file name; their articles must be the ones the
    sample cites). A line the checker flags is one the default views leave out, so
    ``shown`` becomes the verdict."""
    by_name = {path.name: path for path in stores}
    out = []
    for path_name in sorted({r["store"] for r in records} & set(by_name)):
        with dateline.open(str(by_name[path_name])) as store:
            for record in records:
                if record["store"] == path_name:
                    line = _line_of(record)
                    prefix = f"{line.text[:60]!r}: "
                    problems = [p.removeprefix(prefix) for p in check_lines(store, [line]).problems]
                    out.append(
                        record
                        | {"check_passes": not problems, "check_problems": problems}
                        | {"shown": not problems}
                    )
    return sorted(out, key=lambda r: r["id"])


def _line_of(record: dict[str, Any]) -> BriefPoint:
    """A line as the views made it, from its record (a timeline entry as an event point:
    the checker asks the same of both)."""
    kind = PointKind(record["kind"]) if record["kind"] != TIMELINE else PointKind.EVENT
    citations = tuple(
        Citation(c["article"], c["start"], c["end"], c["outlet"], c["title"], c["published"])
        for c in record["citations"]
    )
    text, who, title = record["text"], None, None
    if kind is PointKind.POSITION:
        who = text.split(": “", 1)[0]
    elif kind is PointKind.ROLE:
        named = text.split(" (as of ", 1)[0].split(": ", 1)[0]
        who, _, title = named.partition(", ")
    return BriefPoint(
        text,
        kind,
        citations,
        record["date"],
        record["end"],
        record["date_label"],
        who=who,
        title=title,
    )


# --- scoring --------------------------------------------------------------------------


def read_lines(path: Path) -> list[dict[str, Any]]:
    """The records of a sample file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def read_records(path: Path) -> list[dict[str, Any]]:
    """The labelled sample; every line must carry one of ``LABELS``."""
    records = read_lines(path)
    bad = [r["id"] for r in records if r.get("label") not in LABELS]
    if bad:
        sys.exit(f"{path}: lines {bad[:10]} have no label or an unknown one (one of {LABELS})")
    return records


@dataclass(frozen=True)
class Scores:
    """What the audit measures on a labelled sample."""

    lines: int
    shown: int
    per_class: dict[str, int]  # label -> lines shown with it
    wrong_shown: int
    wrong: int  # wrong lines, shown or not
    flagged: int  # wrong lines the checker flags
    false_alarms: int  # correct lines the checker flags
    correct: int

    @property
    def wrong_rate(self) -> float:
        return self.wrong_shown / self.shown if self.shown else 0.0

    @property
    def recall(self) -> float:
        return self.flagged / self.wrong if self.wrong else 1.0


def scores(records: Sequence[dict[str, Any]]) -> Scores:
    """Error counts over the lines a user is shown; checker recall over all wrong lines."""
    shown = [r for r in records if r.get("shown", True)]
    wrong = [r for r in records if r["label"] != CORRECT]
    correct = [r for r in records if r["label"] == CORRECT]
    return Scores(
        lines=len(records),
        shown=len(shown),
        per_class={label: sum(r["label"] == label for r in shown) for label in LABELS},
        wrong_shown=sum(r["label"] != CORRECT for r in shown),
        wrong=len(wrong),
        flagged=sum(not r["check_passes"] for r in wrong),
        false_alarms=sum(not r["check_passes"] for r in correct),
        correct=len(correct),
    )


def report(samples: Sequence[tuple[Path, Sequence[dict[str, Any]]]]) -> str:
    """The RESULTS.md section for labelled samples (before, after, ...), side by side."""
    states = [(path.stem, records, scores(records)) for path, records in samples]
    head = "| class | " + " | ".join(name for name, _, _ in states) + " |"
    rows = [head, "|---|" + "---:|" * len(states)]
    rows += [
        f"| {label} | "
        + " | ".join(
            f"{s.per_class[label]} ({_pct(s.per_class[label], s.shown)})" for *_, s in states
        )
        + " |"
        for label in LABELS
    ]
    rows.append(
        "| **wrong lines** (goal <= 2%, no wrong speaker) | "
        + " | ".join(
            f"**{s.wrong_shown} of {s.shown} ({_pct(s.wrong_shown, s.shown)})**" for *_, s in states
        )
        + " |"
    )
    rows.append(
        "| **checker recall**: wrong lines flagged (goal >= 90%) | "
        + " | ".join(
            f"**{s.flagged} of {s.wrong} ({_pct(s.flagged, s.wrong)})**" for *_, s in states
        )
        + " |"
    )
    rows.append(
        "| correct lines the checker flags | "
        + " | ".join(f"{s.false_alarms} of {s.correct}" for *_, s in states)
        + " |"
    )
    described = []
    for (path, records), (name, _, s) in zip(samples, states, strict=True):
        stores = Counter(r["store"] for r in records)
        drawn = dict.fromkeys(r.get("drawn_by", "") for r in records)
        revisions = dict.fromkeys(r.get("revision", "") for r in records)
        hidden = s.lines - s.shown
        described.append(
            f"- **{name}** (`{_relative(path)}`): {s.lines} lines from the largest stories of "
            + ", ".join(f"`{store}` ({n})" for store, n in sorted(stores.items()))
            + "; views and checker of revision "
            + ", ".join(f"`{r}`" for r in revisions if r)
            + "; drawn by "
            + "; then ".join(f"`{d}`" for d in drawn if d)
            + "."
            + "".join(
                f" Checker verdicts of revision `{r.get('recheck_revision')}`, by `{r['rechecked_by']}`."
                for r in records[:1]
                if r.get("rechecked_by")
            )
            + (
                f" {hidden} lines the views leave out unverified count only for recall."
                if hidden
                else ""
            )
        )
    by_kind = []
    for name, records, _ in states:
        by_kind += [
            f"Per line kind, **{name}** (lines: " + ", ".join(LABELS) + "; checker flags wrong):",
            "",
            "| line kind | lines | " + " | ".join(LABELS) + " | wrong | flagged |",
            "|---|---:|" + "---:|" * (len(LABELS) + 2),
        ]
        for kind in (*BRIEF_KINDS, TIMELINE):
            of_kind = [r for r in records if r["kind"] == kind]
            wrong = [r for r in of_kind if r["label"] != CORRECT]
            counts = Counter(r["label"] for r in of_kind)
            by_kind.append(
                f"| {kind} | {len(of_kind)} | "
                + " | ".join(str(counts[label]) for label in LABELS)
                + f" | {_pct(len(wrong), len(of_kind))} | "
                + f"{sum(not r['check_passes'] for r in wrong)}/{len(wrong)} |"
            )
        by_kind.append("")
    files = " ".join(_relative(path) for path, _ in samples)
    return "\n".join(
        [
            SECTION,
            "",
            "Brief and timeline lines drawn with a fixed seed by `bench/attribution_audit.py "
            "sample`, each read with its cited spans and their paragraphs and labelled by hand "
            "by the rules of `bench/data/attribution_audit/GUIDE.md` (one label a line: the "
            "first class that applies in the order " + " > ".join(CLASSES) + "). The checker "
            "is `dateline check`'s, run on each line alone. How the stores are built and the "
            "sample drawn again: the guide's last section.",
            "",
            *described,
            "",
            *rows,
            "",
            *by_kind,
            f"`python bench/attribution_audit.py score {files} --results bench/RESULTS.md` "
            f"({platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}, {os.cpu_count()} CPUs, {date.today()}).",
            "",
        ]
    )


def _revision() -> str:
    """The last commit that changed the code drawing the lines (``src/``), "+" if changed since."""

    def git(*args: str) -> str:
        found = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)
        return found.stdout.strip()

    return git("log", "-1", "--format=%h", "--", "src") + (
        "+" if git("status", "--porcelain", "--", "src") else ""
    )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
