"""Story clustering benchmark: dateline's incremental story linking against gold topic labels.

Corpora (``--corpus``):

* **giveme** (TEST): Giveme5W1H ``news_cluster``, 383 articles of 2016-18 from 94 outlets;
  gold = ``newsCluster.EventId`` (69 stories: "las_vegas_shooting", "panama_papers", ...).
  ``TopicId`` is not a topic (1 "unspecific" / 2 "legancy": how the article was collected)
  and ``Category`` is a newspaper section (world, sports, ...), so neither is scored.
* **timeline17** (DEV, the only corpus the constants of ``dateline.link.stories`` were
  tuned on): a fixed stratified sample of ``--per-folder`` articles (default 40) of each of
  the 17 ``<Story>_<outlet>`` folders (``random.Random(17)`` over the sorted paths); gold =
  the story, the part of the folder name before the underscore (9 stories). The texts are
  tokenised one sentence per line; sentences become paragraphs, PTB brackets and quotes
  are undone, the folder date is the publication date, there is no headline.
* **ecbplus** (DEV): the ECB+ documents of ``--ecb-topics`` (default 1-35, the topics every
  ECB+ choice is tuned on), as ``bench/ecbplus.py`` rebuilds their text, with no title or
  publication date; gold = the sub-topic, the topic and the half of it the document is in
  (``1`` Tara Reid's rehab in 2008, ``1+`` Lindsay Lohan's in 2013): two real happenings of
  one kind, which a reader follows as two stories. Stories of one subject and different
  happenings are what this corpus asks apart (Giveme5W1H mixes them; Timeline17's nine
  stories hardly share a word).

For the first seed the articles are shuffled with ``random.Random(seed)``, written as JSON
lines in ``--batches`` files and ingested into a fresh SQLite store by one
``dateline.ingest`` call per file, so stories are linked incrementally across calls; the
store is then re-ingested (every file again) and its memberships must not change. Analysis
is deterministic and costs ~1 s per article on the 2 shared cores, so the other seeds reuse
it: a copy of the first store has its stories, events and term counts cleared and
``link_stories`` is run once per batch of that seed's order (each article in the batch where
its first copy comes; within a batch in publication order, as ingest does). Copy groups and
actors stay as the first ingest linked them. ``--full-ingest`` ingests afresh per seed. Predictions (document
id -> story id) are scored with ``shared/eval/score/cluster.py`` (MUC, B3, CEAF-e, CoNLL
F1); seed k is also scored against seed 0 (order stability). Baselines: one story,
singletons, same most-named actor, same most-named actor and ISO week (from the seed-0
store's analyses). ``--tune`` re-links the stored dev articles batch by batch under a grid
of constants (events, stories and term counts cleared first; analyses and actors kept).

    .venv/bin/python bench/stories.py --out bench/out/stories [--corpus giveme|timeline17|ecbplus]
        [--seeds 0,1,2] [--limit N] [--tune] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import delete, literal, select

import dateline
from common import detokenise, eval_kit, write_section
from dateline.link import stories as linker
from dateline.run.stages import Stage
from dateline.settings import load_settings
from dateline.store import Store, schema
from ecbplus_data import parse_topics, read_docs

SECTION = "## Story clustering (Giveme5W1H test, Timeline17 dev)"
GIVEME = "data/giveme5w1h/news_cluster/data"
T17 = "data/timeline17/Timeline17"
ECBPLUS = "data/ecbplus"
SAMPLE_SEED = 17
# Linking state cleared before a --tune re-link, children before parents.
STORY_TABLES = (
    schema.story_decisions,
    schema.story_articles,
    schema.story_keys,
    schema.stories,
    schema.event_members,
    schema.event_keys,
    schema.events,
    schema.term_counts,
)
GRID = "JOIN=0.15,0.2,0.25,0.3;MERGE=0.3,0.4"


@dataclass(frozen=True)
class Doc:
    """One input article: our id, its gold story, and its JSON-lines record."""

    id: str
    label: str
    record: dict


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    kit = eval_kit(args.eval_dir)
    docs = {
        "giveme": lambda: _giveme(kit / GIVEME),
        "timeline17": lambda: _timeline17(kit / T17, args.per_folder),
        "ecbplus": lambda: _ecbplus(kit / ECBPLUS, args.ecb_topics),
    }[args.corpus]()
    docs = docs[: args.limit] if args.limit else docs
    out = Path(args.out) / args.corpus
    out.mkdir(parents=True, exist_ok=True)
    gold = {d.id: d.label for d in docs}
    (out / "gold.json").write_text(json.dumps(gold, indent=0, sort_keys=True))
    seeds = [int(s) for s in args.seeds.split(",")]
    if args.write_only:
        _write(Path(args.results), Path(args.out))
        return 0
    if args.tune:
        grid = _tune(
            out,
            seeds,
            kit,
            {
                name: [float(v) if "." in v else int(v) for v in values.split(",")]
                for name, values in (part.split("=") for part in args.grid.split(";"))
            },
        )
        (out / "tune.md").write_text(grid + "\n")
        print(grid)
        return 0
    saved = out / f"seed{seeds[0]}" / "run.json"
    if args.relink_only:  # every seed re-linked from the first seed's ingested store
        first = json.loads(saved.read_text())
        runs = {seed: _relink_seed(out, docs, seed, args.batches, first) for seed in seeds}
    else:
        runs = {seeds[0]: _run_seed(out, docs, seeds[0], args.batches, args.jobs)}
        saved.write_text(json.dumps(runs[seeds[0]]))
    for seed in seeds[1:] if not args.relink_only else ():
        runs[seed] = (
            _run_seed(out, docs, seed, args.batches, args.jobs)
            if args.full_ingest
            else _relink_seed(out, docs, seed, args.batches, runs[seeds[0]])
        )
    rows = _rows(out, gold, runs, seeds, kit)
    table = _table(rows)
    print(table)
    with Store.open(runs[seeds[0]]["db"]) as store:
        titles = {s.id: s.title or "" for s in store.stories.listing()}
    errors = _errors(gold, runs[seeds[0]]["pred"], titles)
    print(errors)
    command = " ".join(["python bench/stories.py", *(argv if argv is not None else sys.argv[1:])])
    summary = json.dumps(
        {
            "command": command,
            "docs": len(docs),
            "gold": len(set(gold.values())),
            "rows": rows,
            "errors": errors,
            "runs": {s: {k: v for k, v in r.items() if k != "pred"} for s, r in runs.items()},
        },
        indent=1,
        default=str,
    )
    (out / "summary.json").write_text(summary)
    if args.results:
        _write(Path(args.results), Path(args.out))
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="folder for inputs, stores, predictions, gold")
    parser.add_argument("--corpus", choices=("giveme", "timeline17", "ecbplus"), default="giveme")
    parser.add_argument(
        "--ecb-topics", default="1-35", help="ECB+ topics of --corpus ecbplus (default 1-35)"
    )
    parser.add_argument(
        "--seeds", default="0,1,2", help="input-order seeds, comma-separated (default 0,1,2)"
    )
    parser.add_argument("--limit", type=int, help="keep the first N articles (after sampling)")
    parser.add_argument(
        "--per-folder", type=int, default=40, help="Timeline17 articles per folder (default 40)"
    )
    parser.add_argument("--batches", type=int, default=5, help="ingest calls per seed (default 5)")
    parser.add_argument("--jobs", type=int, default=2, help="analysis processes (default 2)")
    parser.add_argument(
        "--full-ingest",
        action="store_true",
        help="ingest (and analyse) afresh for every seed, not only the first",
    )
    parser.add_argument(
        "--relink-only",
        action="store_true",
        help="keep the first seed's store and run (from an earlier run), re-link the others",
    )
    parser.add_argument(
        "--tune", action="store_true", help="re-link the seed stores under a grid of constants"
    )
    parser.add_argument(
        "--grid", default=GRID, help=f"constants to try with --tune (default {GRID!r})"
    )
    parser.add_argument(
        "--eval-dir", help="shared/eval folder (default $DATELINE_EVAL_DIR or ../shared/eval)"
    )
    parser.add_argument(
        "--results",
        help="markdown file whose story section to write from the summaries under --out",
    )
    parser.add_argument(
        "--write-only", action="store_true", help="only write --results from saved summaries"
    )
    return parser.parse_args(argv)


# -- corpora ------------------------------------------------------------------------------


def _giveme(root: Path) -> list[Doc]:
    docs = []
    for path in sorted(root.glob("*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        docs.append(
            Doc(
                item["dId"],
                str(item["newsCluster"]["EventId"]),
                {
                    "url": item["url"],
                    "title": item["title"],
                    "text": item["text"],
                    "published": item["date_publish"],
                    "publisher": item["source_domain"],
                },
            )
        )
    return docs


def _timeline17(root: Path, per_folder: int) -> list[Doc]:
    rng = random.Random(SAMPLE_SEED)
    docs = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        paths = sorted(folder.glob("InputDocs/*/*.txt"))
        for path in sorted(rng.sample(paths, min(per_folder, len(paths)))):
            key = str(path.relative_to(root))
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            docs.append(
                Doc(
                    key,
                    folder.name.split("_")[0],
                    {
                        "url": f"https://timeline17.invalid/{key}",
                        "text": "\n\n".join(
                            detokenise(line.split()) for line in lines if line.strip()
                        ),
                        "published": path.parent.name,
                        "publisher": folder.name.split("_")[1],
                    },
                )
            )
    return docs


def _ecbplus(root: Path, topics: str) -> list[Doc]:
    return [
        Doc(
            doc.name,
            f"{doc.topic}+" if doc.name.endswith("ecbplus") else str(doc.topic),
            {"url": f"https://ecbplus.invalid/{doc.name}", "text": doc.text},
        )
        for doc in read_docs(root, parse_topics(topics))
    ]


# -- one seed -----------------------------------------------------------------------------


def _run_seed(out: Path, docs: list[Doc], seed: int, batches: int, jobs: int) -> dict:
    """Ingest the shuffled corpus in batches into a fresh store, re-ingest it, and read the
    stories: prediction, decisions, timing, and whether re-ingesting changed anything."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    folder = out / f"seed{seed}"
    folder.mkdir(exist_ok=True)
    db = folder / "dateline.db"
    db.unlink(missing_ok=True)
    settings = load_settings({"db": str(db), "jobs": jobs})
    size = -(-len(order) // batches)
    files, article_of, first_batch = [], {}, {}
    started = time.perf_counter()
    for n in range(batches):
        chunk = order[n * size : (n + 1) * size]
        path = folder / f"batch{n}.jsonl"
        path.write_text("".join(json.dumps(d.record) + "\n" for d in chunk), encoding="utf-8")
        files.append((path, chunk))
        report = dateline.ingest([str(path)], settings=settings)
        for doc, article_id in _article_ids(report, path, chunk).items():
            article_of[doc] = article_id
            first_batch.setdefault(article_id, n)
    seconds = time.perf_counter() - started
    with Store.open(str(db)) as store:
        pred = {doc: store.stories.of_article(a) for doc, a in article_of.items()}
        decisions = Counter(str(d.action) for d in store.stories.decisions())
        for path, _chunk in files:
            again = dateline.ingest([str(path)], settings=settings)
            assert not again.ingested, f"re-ingest stored new articles from {path}"
        after = {doc: store.stories.of_article(a) for doc, a in article_of.items()}
    changed = sum(pred[d] != after[d] for d in pred)
    (folder / "articles.json").write_text(json.dumps(article_of, indent=0))
    (folder / "batches.json").write_text(json.dumps(first_batch, indent=0))
    (out / f"seed{seed}.json").write_text(
        json.dumps({d: s for d, s in pred.items() if s is not None}, indent=0, sort_keys=True)
    )
    print(
        f"seed {seed}: {len(pred)} docs -> {len(set(article_of.values()))} articles, "
        f"{len(set(pred.values()) - {None})} stories, {seconds:.0f} s, {dict(decisions)}, "
        f"re-ingest changed {changed}",
        file=sys.stderr,
    )
    return {
        "pred": pred,
        "seconds": seconds,
        "decisions": dict(decisions),
        "changed": changed,
        "unlinked": sum(s is None for s in pred.values()),
        "articles": len(set(article_of.values())),
        "db": str(db),
    }


def _relink_seed(out: Path, docs: list[Doc], seed: int, batches: int, first: dict) -> dict:
    """Seed ``seed``'s stories from a copy of the first seed's store: stories, events and
    term counts cleared, then ``link_stories`` run once per batch of this seed's order."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    articles = _doc_articles(first["db"])
    size = -(-len(order) // batches)
    first_batch: dict[str, int] = {}
    for n, doc in enumerate(order):
        if doc.id in articles:  # not there: its extraction failed
            first_batch.setdefault(articles[doc.id], n // size)
    folder = out / f"seed{seed}"
    folder.mkdir(exist_ok=True)
    db = folder / "relinked.db"
    db.unlink(missing_ok=True)
    with sqlite3.connect(first["db"]) as source, sqlite3.connect(db) as target:
        source.backup(target)
    (folder / "articles.json").write_text(json.dumps(articles, indent=0))
    (folder / "batches.json").write_text(json.dumps(first_batch, indent=0))
    started = time.perf_counter()
    pred = _relink(db, first_batch, articles)
    seconds = time.perf_counter() - started
    with Store.open(str(db)) as store:
        decisions = Counter(str(d.action) for d in store.stories.decisions())
    pred = {doc: pred.get(doc) for doc in articles}
    (out / f"seed{seed}.json").write_text(
        json.dumps({d: s for d, s in pred.items() if s is not None}, indent=0, sort_keys=True)
    )
    print(
        f"seed {seed} (re-linked): {len(set(pred.values()) - {None})} stories, {seconds:.0f} s, "
        f"{dict(decisions)}",
        file=sys.stderr,
    )
    return {
        "pred": pred,
        "seconds": seconds,
        "decisions": dict(decisions),
        "changed": None,
        "unlinked": sum(s is None for s in pred.values()),
        "articles": len(set(articles.values())),
        "db": str(db),
        "relinked": True,
    }


def _article_ids(report: dateline.IngestReport, path: Path, chunk: list[Doc]) -> dict[str, str]:
    """Our doc id -> stored article id: ``report.article_ids`` lists one id per line that
    extracted, in input order."""
    failed = {
        int(f.source.rsplit("#", 1)[1])
        for f in report.failures
        if f.stage != "analyze" and f.source.startswith(str(path))
    }
    extracted = [d.id for n, d in enumerate(chunk, 1) if n not in failed]
    assert len(extracted) == len(report.article_ids), (
        path,
        len(extracted),
        len(report.article_ids),
    )
    return dict(zip(extracted, report.article_ids))


# -- scores -------------------------------------------------------------------------------


def _cluster_score(kit: Path, gold: Path, pred: dict, out: Path, name: str) -> dict:
    path = out / f"{name}.json"
    path.write_text(json.dumps(pred, indent=0, sort_keys=True))
    done = subprocess.run(
        [
            sys.executable,
            str(kit / "score/cluster.py"),
            "--gold",
            str(gold),
            "--pred",
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _pairs(a: dict, b: dict) -> tuple[float, float]:
    """Over the items of ``a``: share of item pairs both maps treat alike (together or apart),
    and the Jaccard of the pairs each puts together (a missing item is alone)."""
    a_ = {k: v if v is not None else ("alone", k) for k, v in a.items()}
    b_ = {k: b.get(k) if b.get(k) is not None else ("alone", k) for k in a}
    c2 = lambda n: n * (n - 1) // 2  # noqa: E731
    in_a = sum(c2(n) for n in Counter(a_.values()).values())
    in_b = sum(c2(n) for n in Counter(b_.values()).values())
    both = sum(c2(n) for n in Counter((a_[k], b_[k]) for k in a_).values())
    total = c2(len(a_))
    return 1 - (in_a + in_b - 2 * both) / total, both / max(1, in_a + in_b - both)


def _rows(out: Path, gold: dict, runs: dict, seeds: list[int], kit: Path) -> list[dict]:
    gold_path = out / "gold.json"
    rows = []

    seed0 = {
        k: str(v) if v is not None else f"alone:{k}" for k, v in runs[seeds[0]]["pred"].items()
    }
    (out / "seed0-as-gold.json").write_text(json.dumps(seed0, indent=0, sort_keys=True))

    def add(system: str, pred: dict, ref: str = "gold") -> None:
        reference, ref_path = (
            (gold, gold_path) if ref == "gold" else (seed0, out / "seed0-as-gold.json")
        )
        pred = {k: v for k, v in pred.items() if v is not None}
        s = _cluster_score(
            kit, ref_path, pred, out, f"pred-{system.replace(' ', '-').replace(':', '')}"
        )
        rand, jaccard = _pairs(reference, pred)
        rows.append(
            {
                "system": system,
                "against": ref,
                "clusters": s["n_pred_clusters"],
                **{m: s[m]["f1"] for m in ("muc", "b3", "ceaf_e")},
                "conll": s["conll_f1"],
                "b3_p": s["b3"]["precision"],
                "b3_r": s["b3"]["recall"],
                "pairs_agree": rand,
                "together_jaccard": jaccard,
            }
        )

    for seed in seeds:
        add(f"dateline seed {seed}", runs[seed]["pred"])
    with Store.open(runs[seeds[0]]["db"]) as store:
        top, week = _baseline_keys(store, _doc_articles(runs[seeds[0]]["db"]))
    add("baseline: one story", dict.fromkeys(gold, "all"))
    add("baseline: singletons", {d: d for d in gold})
    add("baseline: same top actor", top)
    add("baseline: top actor + ISO week", week)
    for seed in seeds[1:]:
        add(f"dateline seed {seed}", runs[seed]["pred"], ref=f"seed {seeds[0]}")
    return rows


def _baseline_keys(store: Store, articles: dict[str, str]) -> tuple[dict, dict]:
    """Per document: its article's most-named actor, and that actor with the ISO week of
    publication (an article naming no actor is alone)."""
    top, week = {}, {}
    for doc, article_id in articles.items():
        _, counts = store.actors.of_article(article_id)
        actor = min(counts, key=lambda a: (-counts[a], a)) if counts else f"alone:{doc}"
        published = store.articles.get(article_id).article.published.value
        top[doc] = str(actor)
        week[doc] = f"{actor}@{published.isocalendar()[:2] if published else None}"
    return top, week


def _doc_articles(db: str) -> dict[str, str]:
    return json.loads((Path(db).parent / "articles.json").read_text())


def _table(rows: list[dict]) -> str:
    lines = [
        "| system | against | clusters | MUC F1 | B3 P | B3 R | B3 F1 | CEAF-e F1 | CoNLL F1 | "
        "pairs agreeing | together-pairs Jaccard |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['system']} | {r['against']} | {r['clusters']} | {r['muc']:.3f} | {r['b3_p']:.3f} "
            f"| {r['b3_r']:.3f} | {r['b3']:.3f} | {r['ceaf_e']:.3f} | {r['conll']:.3f} "
            f"| {r['pairs_agree']:.4f} | {r['together_jaccard']:.3f} |"
        )
    return "\n".join(lines)


# -- dev tuning ---------------------------------------------------------------------------


def _tune(out: Path, seeds: list[int], kit: Path, grid: dict[str, list]) -> str:
    """Re-link each seed's stored articles batch by batch (as its ingest calls did) under
    every combination of ``grid``; mean B3 and CoNLL F1 over seeds."""
    lines = [
        "| " + " | ".join(grid) + " | stories | B3 P | B3 R | B3 F1 | CoNLL F1 |",
        "|" + "---|" * (len(grid) + 5),
    ]
    saved = {name: getattr(linker, name) for name in grid}
    for values in itertools.product(*grid.values()):
        for name, value in zip(grid, values):
            setattr(linker, name, value)
        scores = []
        for seed in seeds:
            db = out / f"seed{seed}" / "tune.db"  # a copy: the seed's own store stays as linked
            db.unlink(missing_ok=True)
            with (  # the first seed's store, the one ingest analysed (the others re-link it)
                sqlite3.connect(out / f"seed{seeds[0]}" / "dateline.db") as source,
                sqlite3.connect(db) as target,
            ):
                source.backup(target)
            batches = json.loads((db.parent / "batches.json").read_text())
            pred = _relink(db, batches, _doc_articles(str(db)))
            s = _cluster_score(kit, out / "gold.json", pred, out, "tune")
            scores.append(
                (
                    s["n_pred_clusters"],
                    s["b3"]["precision"],
                    s["b3"]["recall"],
                    s["b3"]["f1"],
                    s["conll_f1"],
                )
            )
        mean = [sum(col) / len(col) for col in zip(*scores)]
        lines.append(
            "| "
            + " | ".join(str(v) for v in values)
            + f" | {mean[0]:.0f} | "
            + " | ".join(f"{m:.3f}" for m in mean[1:])
            + " |"
        )
        print(lines[-1], file=sys.stderr)
    for name, value in saved.items():
        setattr(linker, name, value)
    return "\n".join(lines)


def _relink(db: Path, batches: dict[str, int], articles: dict[str, str]) -> dict[str, int]:
    with Store.open(str(db)) as store:
        pending = schema.pending
        with store.db.transaction() as conn:
            for table in STORY_TABLES:
                conn.execute(delete(table))
            # every entity-linked article (analysed, not waiting for entity linking) waits
            # for a story again
            conn.execute(delete(pending).where(pending.c.stage == str(Stage.STORIES)))
            entities_waiting = select(pending.c.article_id).where(
                pending.c.stage == str(Stage.ENTITIES)
            )
            conn.execute(
                pending.insert().from_select(
                    ["stage", "article_id"],
                    select(literal(str(Stage.STORIES)), schema.analyses.c.article_id).where(
                        schema.analyses.c.article_id.not_in(entities_waiting)
                    ),
                )
            )
        waiting = store.queue.waiting
        for n in sorted(set(batches.values())):
            store.queue.waiting = lambda stage, n=n, ready=False: [
                a for a in waiting(stage, ready=ready) if batches.get(a) == n
            ]
            linker.link_stories(store)
        return {
            doc: s for doc, a in articles.items() if (s := store.stories.of_article(a)) is not None
        }


# -- errors and RESULTS.md ----------------------------------------------------------------


def _errors(gold: dict, pred: dict, titles: dict[int, str], n: int = 5) -> str:
    """The gold stories split over the most predicted stories, and the predicted stories
    that mix the most gold stories (sizes in brackets)."""
    pred = {d: (s if s is not None else f"alone:{d}") for d, s in pred.items()}
    by_gold: dict[str, Counter] = {}
    by_pred: dict[object, Counter] = {}
    for d, label in gold.items():
        story = pred.get(d, f"alone:{d}")  # absent: its extraction failed
        by_gold.setdefault(label, Counter())[story] += 1
        by_pred.setdefault(story, Counter())[label] += 1
    split = sorted(by_gold.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]
    mixed = sorted(
        ((s, c) for s, c in by_pred.items() if len(c) > 1),
        key=lambda kv: (-sum(kv[1].values()) + max(kv[1].values()), str(kv[0])),
    )[:n]
    lines = [
        f"- gold `{label}` ({sum(c.values())} articles) in {len(c)} stories: "
        + ", ".join(str(k) for k in sorted(c.values(), reverse=True))
        for label, c in split
    ]
    lines += [
        f'- story {s} "{titles.get(s, "")[:70]}" mixes '
        + ", ".join(f"`{label}` ({k})" for label, k in c.most_common(6))
        for s, c in mixed
    ]
    return "\n".join(lines)


def _write(path: Path, out: Path) -> None:
    """The story section of RESULTS.md from every corpus summary under ``out``."""
    import spacy

    parts = []
    for corpus, role in (("giveme", "TEST"), ("timeline17", "DEV"), ("ecbplus", "DEV")):
        summary_path = out / corpus / "summary.json"
        if not summary_path.exists():
            continue
        summary = json.loads(summary_path.read_text())
        runs = summary["runs"]
        per_seed = "; ".join(
            f"seed {s}: {r['seconds']:.0f} s, {r['articles']} articles stored, "
            f"{r['decisions'].get('start', 0)} start / {r['decisions'].get('join', 0)} join / "
            f"{r['decisions'].get('merge', 0)} merge, {r['unlinked']} unlinked, "
            + (
                "re-linked in a copy of the first seed's store"
                if r.get("relinked")
                else f"re-ingest changed {r['changed']} memberships"
            )
            for s, r in runs.items()
        )
        parts.append(
            f"### {corpus} ({role}): {summary['docs']} articles, {summary['gold']} gold stories\n\n"
            f"Command: `{summary['command']}`\n\n{_table(summary['rows'])}\n\n{per_seed}.\n\n"
            f"Where seed {min(runs)} goes wrong (split gold stories, mixed predicted stories):\n\n"
            f"{summary['errors']}\n"
        )
        tune = out / corpus / "tune.md"
        if tune.exists():
            parts.append(
                f"Dev grid (`--tune`, re-linking the seed stores; mean over seeds):\n\n"
                f"{tune.read_text().strip()}\n"
            )
    constants = ", ".join(
        f"{name} {getattr(linker, name)}"
        for name in (
            "ARTICLE_TERMS",
            "STORY_TERMS",
            "LOOKUP_KEYS",
            "OPEN_DAYS",
            "JOIN",
            "MERGE",
            "EVENT_BOOST",
            "TITLE_WEIGHT",
            "ACTOR_WEIGHT",
        )
    )
    doc = __doc__.split("\n\n    .venv")[0]
    section = f"""{SECTION}

Machine: 2 cores, python {sys.version.split()[0]}, spaCy {spacy.__version__}. Date: {date.today().isoformat()}. Constants of `dateline.link.stories`: {constants}.

{doc}

Columns: F1 of MUC, B3, CEAF-e and their mean (CoNLL F1) from `score/cluster.py`; "pairs agreeing" = share of all article pairs the two clusterings treat alike (together or apart; dominated by pairs apart); "together-pairs Jaccard" = pairs put together by both / by either. Rows "against seed 0" score another input order with seed 0's stories as the reference.

{chr(10).join(parts)}"""
    write_section(path, SECTION, section)


if __name__ == "__main__":
    sys.exit(main())
