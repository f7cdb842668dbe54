"""Which audited quoted positions the speech-only rule keeps: each position line of an
audit file is re-read with the current analysis (its first citation's quotes), and the
lines are counted by their hand label and whether the quote's cue reports speech.

    python bench/audit_cues.py bench/data/attribution_audit/after.jsonl --stores DIR

``DIR`` holds the audit's stores (``demo.db`` and ``tls/<topic>.db``, as the audit guide
builds them).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import dateline
from dateline.analyze.mentions import find_mentions
from dateline.analyze.nlp import parse
from dateline.analyze.quotes import find_quotes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("audit", type=Path, help="a labelled audit file (JSON lines)")
    parser.add_argument("--stores", type=Path, required=True, help="folder of the audit's stores")
    args = parser.parse_args(argv)
    counts: Counter[tuple[str, str]] = Counter()
    opened: dict[Path, dateline.Store] = {}
    for line in args.audit.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["kind"] != "position":
            continue
        name = Path(record["store"]).name
        path = next(p for p in (args.stores / name, args.stores / "tls" / name) if p.exists())
        store = opened.setdefault(path, dateline.open(str(path)))
        cited = record["citations"][0]
        doc = parse(store.articles.get(cited["article"]).article.text)
        quotes = [
            q
            for q in find_quotes(doc, find_mentions(doc))
            if cited["start"] <= q.start and q.end <= cited["end"]
        ]
        cue = "no quote" if not quotes else "speech" if any(q.speech for q in quotes) else "other"
        counts[(record["label"], cue)] += 1
    print("| label | speech cue (kept) | other cue (left out) | no quote found |")
    print("|---|---:|---:|---:|")
    for label in sorted({label for label, _ in counts}):
        row = [counts[(label, cue)] for cue in ("speech", "other", "no quote")]
        print(f"| {label} | " + " | ".join(map(str, row)) + " |")


if __name__ == "__main__":
    main()
