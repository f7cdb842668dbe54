"""Entity timelines on SemEval-2015 Task 4 (TimeLine, track A): dateline's own approximate measure.

The 90 WikiNews documents of track A (3 corpora of 30) are written as JSON lines
(``bench/semeval_timeline_data.py``: headline as title, detokenised sentences as paragraphs,
the document creation time as ``published``) and ingested by ``dateline.ingest`` into one
fresh SQLite store. For each gold entity timeline, dateline's timeline of that entity is
every event of ``store.events.of_story(None)`` whose participants include an actor of
``store.actors.listing()`` whose name or an alias equals the target entity (case and
punctuation folded). A gold event (one line: rank, date, coreferent mentions
``<doc>-<sentence>-<word>``) is found when an evidence sentence of one of those events
overlaps the character span of one of its mention sentences in the stored article text.
Reported per corpus and overall:

- recall: found gold events / gold events;
- date accuracy: of found events whose gold date is not XXXX-XX-XX, the share whose
  dateline evidence date (that sentence's date, else the event start) agrees with the gold
  date at the gold's precision (day, month or year);
- ordering: of pairs of found events with different gold ranks (rank 0, not anchored, left
  out), the share that dateline's dates order the same way (equal dates count as wrong).

This is not the official SemEval temporal-awareness scorer, and no constant is fitted.

    .venv/bin/python bench/semeval_timeline.py [--work bench/out/semeval] [--reuse]
        [--jobs N] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from datetime import date
from itertools import combinations
from pathlib import Path

import dateline
import semeval_timeline_data as data
from common import REPO, eval_kit, write_section
from dateline.settings import load_settings
from dateline.store import Store

SECTION = "## Entity timelines (SemEval-2015 Task 4 TimeLine, track A; approximate)"
_FOLD = re.compile(r"[^0-9a-z]+")
_QUOTE = {"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "`": "'"}


def _fold(name: str) -> str:
    return _FOLD.sub(" ", name.casefold().replace("&", " and ")).strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", default=str(REPO / "bench" / "out" / "semeval"))
    parser.add_argument("--reuse", action="store_true", help="keep an existing store")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--eval-dir")
    parser.add_argument("--results", help="markdown file whose section to add or replace")
    args = parser.parse_args(argv)
    kit = eval_kit(args.eval_dir)
    if not (kit / data.DATA).is_dir():
        print(f"Error: no SemEval-2015 Task 4 data at {kit / data.DATA}.", file=sys.stderr)
        return 2
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    db, jsonl = work / "semeval.db", work / "semeval.jsonl"
    docs = data.documents(kit)
    seconds = None
    if not (args.reuse and db.exists()):
        for path in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            path.unlink(missing_ok=True)
        jsonl.write_text(
            "".join(json.dumps(data.record(d), ensure_ascii=False) + "\n" for d in docs),
            encoding="utf-8",
        )
        started = time.perf_counter()
        report = dateline.ingest(
            [str(jsonl)], settings=load_settings({"db": str(db), "jobs": args.jobs})
        )
        seconds = round(time.perf_counter() - started, 1)
        print(
            f"ingested {report.ingested}, duplicate {report.duplicate}, skipped {report.skipped}, "
            f"{seconds} s",
            file=sys.stderr,
        )

    with Store.open(str(db)) as store:
        stored = {s.article.url: s for s in store.articles.all()}
        events = store.events.of_story(None)
        actors = store.actors.listing()
        canon = store.copies.canonicals([s.id for s in stored.values()])
    # doc id -> (article id, {sentence: (start, end)}) located in the stored text
    spans, unlocated = {}, 0
    for doc in docs:
        art = stored.get(doc.url)
        if art is None:
            continue
        # Matched ignoring whitespace and quote style: dateline normalises both.
        kept = [(i, _QUOTE.get(c, c)) for i, c in enumerate(art.article.text) if not c.isspace()]
        flat = "".join(c for _, c in kept)
        cursor, where = 0, {}
        for n, sentence in doc.sentences.items():
            needle = "".join(_QUOTE.get(c, c) for c in sentence if not c.isspace())
            at = flat.find(needle, cursor) if n > 0 and needle else -1
            if at == -1:
                unlocated += n > 0
                continue
            where[n] = (kept[at][0], kept[at + len(needle) - 1][0] + 1)
            cursor = at + len(needle)
        spans[doc.doc_id] = (art.id, where)

    results, per_entity = [], []
    for tl in data.timelines(kit):
        # The file's heading, or its file name (one heading reads "United States Air Froce").
        keys = {_fold(tl.entity), _fold(tl.file.removesuffix(".txt").replace("_", " "))}
        ids = {a.id for a in actors if keys & {_fold(n) for n in [a.name, *a.aliases]}}
        evidence = [(e, ev) for e in events if ids & set(e.participants) for ev in e.evidence]
        found = 0
        for gold in tl.events:
            hit = None
            for doc_id, sentence in gold.mentions:
                art_id, where = spans.get(doc_id, (None, {}))
                if sentence not in where:
                    continue
                s, t = where[sentence]
                hit = next(
                    (
                        ev.date or e.start
                        for e, ev in evidence
                        if ev.article_id == art_id and ev.start < t and s < ev.end
                    ),
                    None,
                )
                hit = (
                    hit
                    if hit is not None
                    else next(
                        (
                            ""
                            for _, ev in evidence
                            if ev.article_id == art_id and ev.start < t and s < ev.end
                        ),
                        None,
                    )
                )
                if hit is not None:
                    break
            found += hit is not None
            results.append(
                {
                    "corpus": tl.corpus,
                    "entity": tl.entity,
                    "rank": gold.rank,
                    "gold": gold.date,
                    "dateline": hit,
                }
            )
        per_entity.append(
            {
                "corpus": tl.corpus,
                "entity": tl.entity,
                "actors": sorted(ids),
                "gold": len(tl.events),
                "found": found,
                "timeline_events": len({e.id for e, _ in evidence}),
            }
        )

    table = {c: _score([r for r in results if r["corpus"] == c]) for c in data.CORPORA}
    table["all"] = _score(results)
    copies = sum(1 for s in stored.values() if s.id in canon)
    summary = {
        "date": date.today().isoformat(),
        "seconds": seconds,
        "documents": len(docs),
        "stored": len(stored),
        "near_copies": copies,
        "events": len(events),
        "actors": len(actors),
        "unlocated_sentences": unlocated,
        "scores": table,
        "entities": per_entity,
    }
    (work / "summary.json").write_text(
        json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    section = _section(summary)
    print(section)
    if args.results:
        write_section(Path(args.results), SECTION, section)
    return 0


def _agrees(gold: str, mine: str) -> bool:
    parts = gold.split("-")
    known = []
    for part in parts:
        if "X" in part:
            break
        known.append(part)
    prefix = "-".join(known)
    return bool(mine) and len(mine) >= len(prefix) and mine[: len(prefix)] == prefix


def _key(day: str) -> str:
    return (
        (day + "-01-01")[:10]
        if len(day) == 4
        else (day + "-01")[:10]
        if len(day) == 7
        else day[:10]
    )


def _score(rows: list[dict]) -> dict:
    found = [r for r in rows if r["dateline"] is not None]
    dated = [r for r in found if not r["gold"].startswith("XXXX")]
    right = sum(_agrees(r["gold"], r["dateline"]) for r in dated)
    # pairs within one entity timeline
    pairs = same = 0
    by_entity: dict[tuple, list[dict]] = {}
    for r in found:
        if r["rank"] > 0 and r["dateline"]:
            by_entity.setdefault((r["corpus"], r["entity"]), []).append(r)
    for group in by_entity.values():
        for a, b in combinations(group, 2):
            if a["rank"] == b["rank"]:
                continue
            pairs += 1
            first, second = (a, b) if a["rank"] < b["rank"] else (b, a)
            same += _key(first["dateline"]) < _key(second["dateline"])
    return {
        "gold": len(rows),
        "found": len(found),
        "dated_gold": len(dated),
        "date_right": right,
        "pairs": pairs,
        "pairs_same": same,
    }


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f}% ({a}/{b})" if b else "n/a"


def _section(s: dict) -> str:
    lines = [
        SECTION,
        "",
        f"Run {s['date']}: `python bench/semeval_timeline.py --results bench/RESULTS.md` "
        f"(fresh SQLite store, jobs 2; ingest {s['seconds']} s). {s['documents']} WikiNews "
        f"documents of track A, {s['stored']} stored ({s['near_copies']} near copies), "
        f"{s['events']} events, {s['actors']} actors; {len(s['entities'])} gold entity "
        "timelines (s&p_500 and s_and_p_500 are the same file, counted once).",
        "",
        "**This is dateline's own approximate measure, not the official SemEval-2015 Task 4 "
        "scorer** (temporal-awareness F1 over the timeline graph; the kit has none), so it "
        "is not comparable with the published task results and none is quoted here. "
        "A gold event counts as found when a sentence of one of its mentions (gold "
        "`<doc>-<sentence>` -> that sentence's span in the stored text, rebuilt from the "
        "CAT tokens) overlaps the evidence sentence of an event in dateline's timeline of "
        "the entity (events whose participants include an actor whose name or alias equals "
        "the entity). Recall is at sentence level: any dateline event in that sentence "
        "counts, whatever word it is about. Date: dateline's evidence date (else the event "
        "start) agreeing with the gold date at the gold's precision, over found events with "
        "a gold date (XXXX-XX-XX skipped). Ordering: pairs of found events of one timeline "
        "with different gold ranks (rank 0 left out) that dateline's dates put in the same "
        "order (equal dates count as wrong).",
        "",
        "| corpus | gold events | recall | date accuracy | ordering |",
        "|---|---|---|---|---|",
    ]
    for corpus in (*data.CORPORA, "all"):
        r = s["scores"][corpus]
        name = f"{corpus} ({data.NAMES[corpus]})" if corpus in data.NAMES else "**all**"
        lines.append(
            f"| {name} | {r['gold']} | {_pct(r['found'], r['gold'])} | "
            f"{_pct(r['date_right'], r['dated_gold'])} | {_pct(r['pairs_same'], r['pairs'])} |"
        )
    missing = [e["entity"] for e in s["entities"] if not e["actors"]]
    lines += [
        "",
        f"Target entities with no matching dateline actor ({len(missing)} of "
        f"{len(s['entities'])}; their gold events count as not found): "
        f"{', '.join(missing) or 'none'}. Source sentences not in dateline's stored "
        f"text (so their gold events cannot be found): {s['unlocated_sentences']}, of which the "
        "90 date lines and about 100 sentences ending a multi-sentence quote (extraction "
        "drops them). Per entity: `bench/out/semeval/summary.json`.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
