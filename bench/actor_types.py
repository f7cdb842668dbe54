"""Actor types before and after typing by evidence (issue #12), on two stores of one corpus.

The two stores are built from the same input by two versions of dateline (say, a Timeline17
topic store from ``tls.py --work`` before and after). Actors are matched by name; the script
counts those whose type (``label``) changed, and writes a sample of them drawn with a fixed
seed, each with its type before and after, its evidence totals (after) and up to three
sentences that name it, for labelling by hand:

    .venv/bin/python bench/actor_types.py --before BEFORE.db --after AFTER.db \\
        --sample 30 --out bench/data/actor_types_haiti.tsv

The TSV has a ``right`` column left empty for the labeller: ``before``, ``after``, ``both``
or ``neither`` (which type is right for the entity in the sentences shown). ``--score``
reads a labelled TSV back and prints how many types were right before and after.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sqlite3
import sys
from collections import Counter
from pathlib import Path

FIELDS = ("name", "before", "after", "evidence", "contexts", "right")


def types(db: Path) -> dict[str, str]:
    """Each actor's type by name (an actor named twice keeps the first)."""
    with sqlite3.connect(db) as conn:
        found: dict[str, str] = {}
        for name, label in conn.execute("SELECT name, label FROM actors ORDER BY id"):
            found.setdefault(name, label)
        return found


def evidence(db: Path, name: str) -> str:
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT t.evidence, t.count FROM actor_evidence_totals t"
            " JOIN actors a ON a.id = t.actor_id WHERE a.name = ? AND t.count > 0"
            " ORDER BY t.count DESC, t.evidence",
            (name,),
        ).fetchall()
    return " ".join(f"{e}={c}" for e, c in rows)


def contexts(db: Path, name: str, most: int = 3) -> str:
    """Up to ``most`` sentences of the articles that name the actor, with its name in them."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute(
            "SELECT DISTINCT m.name, ar.body FROM actor_mentions m"
            " JOIN actors a ON a.id = m.actor_id JOIN articles ar ON ar.id = m.article_id"
            " WHERE a.name = ? ORDER BY m.article_id LIMIT 20",
            (name,),
        ).fetchall()
    found: list[str] = []
    for written, body in rows:
        text = " ".join(" ".join(json.loads(body)).split())
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if written in sentence and sentence not in found:
                found.append(sentence[:300])
                break
        if len(found) == most:
            break
    return " || ".join(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", type=Path, help="store built by the version before")
    parser.add_argument("--after", type=Path, help="store built by the version after")
    parser.add_argument("--sample", type=int, default=30)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--out", type=Path, help="TSV of the sample to label")
    parser.add_argument("--score", type=Path, help="a labelled TSV: print right before/after")
    args = parser.parse_args(argv)
    if args.score:
        with args.score.open() as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        right = Counter(r["right"] for r in rows)
        before = right["before"] + right["both"]
        after = right["after"] + right["both"]
        print(f"{len(rows)} labelled: right before {before}, right after {after}, {dict(right)}")
        return 0
    before, after = types(args.before), types(args.after)
    common = sorted(before.keys() & after.keys())
    changed = [name for name in common if before[name] != after[name]]
    print(
        f"actors before {len(before)}, after {len(after)}, matched by name {len(common)}, "
        f"type changed {len(changed)}"
    )
    print("changes:", dict(Counter(f"{before[n]}->{after[n]}" for n in changed).most_common()))
    print("types after:", dict(Counter(after.values()).most_common()))
    sample = sorted(random.Random(args.seed).sample(changed, min(args.sample, len(changed))))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", newline="") as f:
            writer = csv.DictWriter(f, FIELDS, delimiter="\t")
            writer.writeheader()
            for name in sample:
                writer.writerow(
                    {
                        "name": name,
                        "before": before[name],
                        "after": after[name],
                        "evidence": evidence(args.after, name),
                        "contexts": contexts(args.after, name),
                        "right": "",
                    }
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
