"""Near-duplicate benchmark: dateline.link.dedup on copies built from Timeline17 articles.

Positives are edited copies of a base article (truncation, new headline, inserted
boilerplate, paraphrased lede, copy-editing, all of these combined). Negatives are other
articles of the same topic folder published the same day or one to two days apart (the
same story, written separately), plus one article of another topic. Pairs are split into
dev/test halves by a hash of the base article; every parameter of ``dedup`` was chosen on
dev (``--tune`` prints that grid), and the tables report test.

    .venv/bin/python bench/neardup.py [--eval-dir DIR] [--pairs N] [--tune] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from common import eval_kit, write_section
from dateline.link import dedup
from dateline.model import normalise_text

DATA = "data/timeline17/Timeline17"
SECTION = "## Near-duplicates (built from Timeline17)"
SEED = 17
EDITS = ("truncation", "headline", "boilerplate", "paraphrase", "copy_edit", "combined")
NEGATIVES = ("same_day", "adjacent_day", "other_topic")
# A corpus pair sharing this share of the shorter article's sentences verbatim is a real
# copy (a wire update re-run with a new lede), so it cannot serve as a negative.
CORPUS_COPY_OVERLAP = 0.5

NEWSLETTER = (
    "Sign up for our morning newsletter to get the day's top stories in your inbox .",
    "Get breaking news alerts : download our app .",
    "Follow us on Twitter and Facebook for the latest updates .",
    "Copyright 2011 Reuters . All rights reserved . This material may not be published , "
    "broadcast , rewritten or redistributed .",
)
PHOTO = (
    "Photo : AFP/Getty Images",
    "Photograph : Reuters",
    "-LRB- Photo credit : AP -RRB-",
    "Image caption : Officials at the scene on Tuesday",
)
NAMES = (
    "Anna Jansen",
    "Mark Potter",
    "Sarah Khan",
    "David Brunnstrom",
    "Louise Ireland",
    "Tom Brown",
)
CITIES = ("LONDON", "WASHINGTON", "CAIRO", "NEW YORK", "GENEVA", "BEIRUT")
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "announced": "declared",
    "government": "administration",
    "officials": "authorities",
    "killed": "left dead",
    "more than": "over",
    "about": "around",
    "began": "started",
    "started": "began",
    "large": "big",
    "big": "large",
    "because": "as",
    "however": "but",
    "also": "additionally",
    "showed": "indicated",
    "show": "indicate",
    "tried": "attempted",
    "help": "assist",
    "people": "persons",
    "attack": "assault",
    "protesters": "demonstrators",
    "demonstrators": "protesters",
    "country": "nation",
    "leader": "chief",
}
NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "ten": "10",
    "2": "two",
    "3": "three",
}
SPELLING = {
    "organization": "organisation",
    "organisation": "organization",
    "center": "centre",
    "centre": "center",
    "program": "programme",
    "programme": "program",
    "defense": "defence",
    "defence": "defense",
    "labor": "labour",
    "labour": "labor",
    "color": "colour",
    "favor": "favour",
    "recognized": "recognised",
    "criticized": "criticised",
    "criticised": "criticized",
    "analyze": "analyse",
    "honor": "honour",
    "neighbors": "neighbours",
}


@dataclass(frozen=True)
class Doc:
    """One Timeline17 article: topic folder, publication day, and its sentences (one per line)."""

    path: str
    topic: str
    day: date
    sentences: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.sentences)


@dataclass(frozen=True)
class Pair:
    """Two texts, whether the second is a copy of the first, and how it was made."""

    base: str
    kind: str
    a: str
    b: str
    copy: bool


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    root = eval_kit(args.eval_dir) / DATA
    if not root.is_dir():
        print(
            f"Error: no Timeline17 data at {root}. Pass --eval-dir or set DATELINE_EVAL_DIR.",
            file=sys.stderr,
        )
        return 2
    docs = _load(root)
    pairs, excluded = _build_pairs(docs, args.pairs)
    dev = [p for p in pairs if _is_dev(p.base)]
    test = [p for p in pairs if not _is_dev(p.base)]
    print(
        f"{len(docs)} distinct articles; {len(pairs)} pairs ({len(dev)} dev, {len(test)} test); "
        f"{excluded} corpus copies left out of the negatives",
        file=sys.stderr,
    )
    if args.tune:
        print(_tune(dev))
        return 0

    texts = [d.text for d in docs[:1000]]
    started = time.perf_counter()
    for text in texts:
        dedup.fingerprint(text)
    speed = len(texts) / (time.perf_counter() - started)
    words = sum(len(t.split()) for t in texts) / len(texts)

    rows = {name: _score(half) for name, half in (("dev", dev), ("test", test))}
    tables = _tables(rows)
    print(tables)
    print(f"\n{speed:.0f} fingerprints/s (mean {words:.0f} tokens per article)")
    if args.results:
        _write(Path(args.results), args, tables, speed, words, len(docs), len(pairs), excluded)
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--eval-dir", help="shared/eval folder (default $DATELINE_EVAL_DIR or ../shared/eval)"
    )
    parser.add_argument(
        "--pairs",
        type=int,
        default=3000,
        help="positive pairs to build (one per edit type per base article; default 3000); "
        "each base article adds up to 7 negatives",
    )
    parser.add_argument(
        "--tune", action="store_true", help="print the dev-half parameter grid and stop"
    )
    parser.add_argument(
        "--results", help="markdown file whose near-duplicate section to add or replace"
    )
    return parser.parse_args(argv)


def _load(root: Path) -> list[Doc]:
    """Every article under ``<topic>/InputDocs/<date>/``, exact duplicates (after normalising) dropped."""
    seen, docs = set(), []
    for path in sorted(root.glob("*/InputDocs/*/*.txt")):
        lines = [
            line.strip() for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        ]
        sentences = tuple(line for line in lines if line)
        key = normalise_text(" ".join(sentences))
        if len(sentences) < 8 or key in seen:
            continue
        seen.add(key)
        docs.append(
            Doc(
                str(path.relative_to(root)),
                path.parts[-4],
                date.fromisoformat(path.parts[-2]),
                sentences,
            )
        )
    return docs


def _is_dev(base: str) -> bool:
    return hashlib.blake2b(base.encode(), digest_size=1).digest()[0] % 2 == 0


def _build_pairs(docs: list[Doc], positives: int) -> tuple[list[Pair], int]:
    """Edited copies and distinct-but-similar negatives for a fixed sample of base articles."""
    by_topic_day = defaultdict(list)
    for d in docs:
        by_topic_day[d.topic, d.day].append(d)
    bases = random.Random(SEED).sample(docs, min(len(docs), -(-positives // len(EDITS))))
    pairs, excluded = [], 0
    for base in bases:
        rng = random.Random(f"{SEED}:{base.path}")
        for kind in EDITS:
            pairs.append(
                Pair(base.path, kind, base.text, "\n\n".join(_edit(kind, base, docs, rng)), True)
            )
        near = {
            "same_day": by_topic_day[base.topic, base.day],
            "adjacent_day": [
                d
                for offset in (-2, -1, 1, 2)
                for d in by_topic_day[base.topic, date.fromordinal(base.day.toordinal() + offset)]
            ],
        }
        for kind, pool in near.items():
            others = [d for d in pool if d.path != base.path]
            rng.shuffle(others)
            taken = 0
            for other in others:
                if taken == 3:
                    break
                if _overlap(base, other) >= CORPUS_COPY_OVERLAP:
                    excluded += 1
                    continue
                pairs.append(Pair(base.path, kind, base.text, other.text, False))
                taken += 1
        other = rng.choice([d for d in docs if d.topic.split("_")[0] != base.topic.split("_")[0]])
        pairs.append(Pair(base.path, "other_topic", base.text, other.text, False))
    return pairs, excluded


def _overlap(a: Doc, b: Doc) -> float:
    """Share of the shorter article's sentences that the other holds verbatim (normalised)."""
    sa = {normalise_text(s) for s in a.sentences}
    sb = {normalise_text(s) for s in b.sentences}
    return len(sa & sb) / min(len(sa), len(sb))


def _edit(kind: str, base: Doc, docs: list[Doc], rng: random.Random) -> list[str]:
    """The base article's sentences with one kind of realistic edit applied."""
    s = list(base.sentences)
    if kind == "truncation":
        return _truncate(s, rng, 0.4)
    if kind == "headline":
        return [_headline(s, rng), *s]
    if kind == "boilerplate":
        return _boilerplate(s, docs, rng, rng.randint(3, 5))
    if kind == "paraphrase":
        return _paraphrase(s, rng)
    if kind == "copy_edit":
        return _copy_edit(s, rng)
    s = _paraphrase(_truncate(s, rng, 0.5), rng)
    return _boilerplate([_headline(s, rng), *s], docs, rng, 2)


def _truncate(s: list[str], rng: random.Random, low: float) -> list[str]:
    return s[: max(1, round(len(s) * rng.uniform(low, 0.8)))]


def _headline(s: list[str], rng: random.Random) -> str:
    words = [w for w in s[0].split() if re.match(r"\w", w)]
    start = rng.randint(0, max(0, len(words) - 8))
    return " ".join(w[:1].upper() + w[1:] for w in words[start : start + rng.randint(5, 9)])


def _boilerplate(s: list[str], docs: list[Doc], rng: random.Random, count: int) -> list[str]:
    s = list(s)
    items = rng.sample(("dateline", "newsletter", "read_more", "photo", "credits"), count)
    if "dateline" in items:
        s[0] = f"{rng.choice(CITIES)} -LRB- Reuters -RRB- - {s[0]}"
    if "newsletter" in items:
        s.insert(rng.randint(1, min(3, len(s))), rng.choice(NEWSLETTER))
    if "read_more" in items:
        s.insert(rng.randint(2, len(s)), "Read more : " + rng.choice(docs).sentences[0])
    if "photo" in items:
        s.insert(1, rng.choice(PHOTO))
    if "credits" in items:
        a, b = rng.sample(NAMES, 2)
        s.append(f"Reporting by {a} ; Editing by {b}")
    return s


def _paraphrase(s: list[str], rng: random.Random) -> list[str]:
    """Rewrite the lede: move a clause to the front, swap synonyms, reformat numbers."""
    s = list(s)
    for i in range(min(2, len(s))):
        words = s[i].rstrip(" .").split(" , ")
        if i == 0 and len(words) > 1:
            cut = rng.randint(1, len(words) - 1)
            words = words[cut:] + words[:cut]
        text = " " + " , ".join(words) + " . "
        for old, new in rng.sample(sorted(SYNONYMS.items()), len(SYNONYMS)):
            text = text.replace(f" {old} ", f" {new} ", 1)
        text = re.sub(r" (\d+) percent ", r" \1% ", text)
        text = re.sub(r"(\d),(\d{3})", r"\1\2", text)
        for old, new in NUMBER_WORDS.items():
            text = text.replace(f" {old} ", f" {new} ")
        s[i] = text.strip()
    return s


def _copy_edit(s: list[str], rng: random.Random) -> list[str]:
    """Drop one or two sentences from the middle and switch US/UK spelling."""
    s = list(s)
    for _ in range(rng.randint(1, 2)):
        if len(s) > 4:
            del s[rng.randint(2, len(s) - 2)]
    return [" ".join(SPELLING.get(w, w) for w in line.split(" ")) for line in s]


def _measures(pairs: list[Pair]) -> dict[str, np.ndarray]:
    """Similarity, containment, size ratio and the signatures of every pair."""
    fps = {}
    for p in pairs:
        for text in (p.a, p.b):
            if text not in fps:
                fps[text] = dedup.fingerprint(text)
    fa, fb = [fps[p.a] for p in pairs], [fps[p.b] for p in pairs]
    return {
        "sim": np.array([dedup.similarity(a, b) for a, b in zip(fa, fb)]),
        "con": np.array([dedup.containment(a, b) for a, b in zip(fa, fb)]),
        "ratio": np.array([min(a.size, b.size) / max(a.size, b.size) for a, b in zip(fa, fb)]),
        "copy": np.array([dedup.is_copy(a, b) for a, b in zip(fa, fb)]),
        "candidate": np.array(
            [bool(set(dedup.band_keys(a)) & set(dedup.band_keys(b))) for a, b in zip(fa, fb)]
        ),
        "sig_a": np.array([a.minhash for a in fa], dtype=np.uint64),
        "sig_b": np.array([b.minhash for b in fb], dtype=np.uint64),
    }


def _prf(predicted: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = int((predicted & gold).sum())
    p = tp / max(1, int(predicted.sum()))
    r = tp / max(1, int(gold.sum()))
    return p, r, 2 * p * r / max(1e-9, p + r)


def _tune(dev: list[Pair]) -> str:
    """Dev-half grid: per shingle size, the score margins, the best thresholds and band layouts."""
    gold = np.array([p.copy for p in dev])
    lines = [
        "| shingle | neg. max sim / con | copies' 2nd pct sim / con | best F1 (sim, con, ratio) | "
        "bands x rows: cand. recall / neg. cand. rate |",
        "|---|---|---|---|---|",
    ]
    for n in (3, 4, 5, 6, 7):
        dedup.SHINGLE = n
        m = _measures(dev)
        f1, s, c, q = max(
            (_prf((m["sim"] >= s) | ((m["ratio"] >= q) & (m["con"] >= c)), gold)[2], -s, -c, -q)
            for s in np.arange(0.3, 0.95, 0.05)
            for c in np.arange(0.4, 1.0, 0.05)
            for q in (0.0, 0.2, 0.3, 0.4)
        )
        same = m["sig_a"] == m["sig_b"]
        bands = []
        for rows in (2, 3, 4, 8):
            b = dedup.NUM_PERM // rows
            shared = same[:, : b * rows].reshape(len(dev), b, rows).all(axis=2).any(axis=1)
            bands.append(f"{b}x{rows}: {shared[gold].mean():.3f} / {shared[~gold].mean():.4f}")
        lines.append(
            f"| {n} | {m['sim'][~gold].max():.2f} / {m['con'][~gold].max():.2f} "
            f"| {np.percentile(m['sim'][gold], 2):.2f} / {np.percentile(m['con'][gold], 2):.2f} "
            f"| {f1:.3f} ({-s:.2f}, {-c:.2f}, {-q:.1f}) | {'; '.join(bands)} |"
        )
    return "\n".join(lines)


def _score(pairs: list[Pair]) -> dict[str, dict[str, float]]:
    """Per kind of pair and overall: counts, is_copy P/R/F1 and LSH candidate rates."""
    m = _measures(pairs)
    gold = np.array([p.copy for p in pairs])
    kinds = np.array([p.kind for p in pairs])
    negatives = ~gold
    rows = {}
    for kind in EDITS:
        mask = kinds == kind
        # precision of this edit type against all negatives: as if every copy were of this kind
        p, r, f = _prf(m["copy"][mask | negatives], gold[mask | negatives])
        rows[kind] = {
            "pairs": int(mask.sum()),
            "P": p,
            "R": r,
            "F1": f,
            "cand": m["candidate"][mask].mean(),
        }
    p, r, f = _prf(m["copy"], gold)
    rows["all copies"] = {
        "pairs": int(gold.sum()),
        "P": p,
        "R": r,
        "F1": f,
        "cand": m["candidate"][gold].mean(),
    }
    for kind in NEGATIVES:
        mask = kinds == kind
        rows[kind] = {
            "pairs": int(mask.sum()),
            "FP": m["copy"][mask].mean(),
            "cand": m["candidate"][mask].mean(),
        }
    return rows


def _tables(rows: dict[str, dict[str, dict[str, float]]]) -> str:
    out = []
    for half, scored in rows.items():
        out += [
            f"**{half}** positives (precision counts all the half's negatives):",
            "",
            "| edit | pairs | precision | recall | F1 | LSH candidate recall |",
            "|---|---|---|---|---|---|",
        ]
        for kind in (*EDITS, "all copies"):
            r = scored[kind]
            out.append(
                f"| {kind} | {r['pairs']} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['cand']:.3f} |"
            )
        out += [
            "",
            f"**{half}** negatives:",
            "",
            "| negative | pairs | false-positive rate | LSH candidate rate |",
            "|---|---|---|---|",
        ]
        for kind in NEGATIVES:
            r = scored[kind]
            out.append(f"| {kind} | {r['pairs']} | {r['FP']:.3f} | {r['cand']:.3f} |")
        out.append("")
    return "\n".join(out).rstrip()


def _write(
    path: Path,
    args: argparse.Namespace,
    tables: str,
    speed: float,
    words: float,
    docs: int,
    pairs: int,
    excluded: int,
) -> None:
    d = dedup
    command = (
        "`.venv/bin/python bench/neardup.py"
        + (f" --pairs {args.pairs}" if args.pairs != 3000 else "")
        + " --results bench/RESULTS.md`"
    )
    section = f"""{SECTION}

Command: {command} (the dev grid: `--tune`)

Machine: 2 cores, python 3.11, numpy {np.__version__}. Date: {date.today().isoformat()}. Fingerprinting: {speed:.0f} articles/s on one core (mean {words:.0f} whitespace tokens per article).

Data: {docs} distinct Timeline17 articles (`InputDocs`, one sentence per line, sentences joined as paragraphs). Each sampled base article gives one positive per edit type: **truncation** (first 40-80% of sentences), **headline** (new first line), **boilerplate** (3-5 of: `(Reuters) -` dateline, newsletter prompt, `Read more:` line, photo credit, `Reporting by X; Editing by Y`), **paraphrase** (lede clauses reordered, synonyms, number formats), **copy_edit** (one or two middle sentences dropped, US/UK spelling), **combined** (truncation to 50-80% + headline + paraphrase + 2 boilerplate items). Negatives: up to 3 other articles of the same topic folder from the same day (**same_day**) and from 1-2 days apart (**adjacent_day**), and one article of another topic (**other_topic**). {excluded} same-topic pairs sharing at least {CORPUS_COPY_OVERLAP:.0%} of the shorter article's sentences verbatim are real copies in the corpus (wire updates) and were left out of the negatives. {pairs} pairs, split into halves by a hash of the base article; every parameter was chosen on dev.

Parameters: {d.SHINGLE}-word shingles, {d.NUM_PERM} permutations, {d.BANDS} bands x {d.ROWS} rows (S-curve midpoint (1/{d.BANDS})^(1/{d.ROWS}) = {(1 / d.BANDS) ** (1 / d.ROWS):.2f} Jaccard); `is_copy` = Jaccard >= {d.COPY_SIMILARITY} or (containment >= {d.COPY_CONTAINMENT} and size ratio >= {d.MIN_SIZE_RATIO}).

{tables}
"""
    write_section(path, SECTION, section)


if __name__ == "__main__":
    sys.exit(main())
