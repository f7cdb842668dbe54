"""Roles benchmark: ``find_roles`` on hand-labelled sentences (``tests/data/roles/``).

Each sentence lists every (person, title) pair it states, none for sentences that state no
role; a predicted pair counts when person and title both match (case and spacing aside).
``--baseline REV`` scores the code of a git revision beside this checkout's, from the same
sentences. Develop on dev; run test once, for the reported figures.

    .venv/bin/python bench/roles.py --split dev|test [--baseline REV] [--results FILE]
    .venv/bin/python bench/roles.py --split dev --errors   (list what each sentence got wrong)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from common import REPO, write_section

DATA = REPO / "tests" / "data" / "roles"
HEADING = "## Roles (hand-labelled sentences)"

Pair = tuple[str, str]


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    if args.predict:
        json.dump(_predict(_load(args.split)), sys.stdout)
        return 0
    sentences = _load(args.split)
    rows = []
    if args.baseline:
        rows.append((f"before (`{args.baseline}`)", _score(sentences, _run_at(args))))
    predicted = _predict(sentences)
    rows.append(("after (this checkout)", _score(sentences, predicted)))
    table = _table(args.split, len(sentences), rows)
    print(table)
    if args.errors:
        _print_errors(sentences, predicted)
    if args.results:
        _write(Path(args.results), args, table)
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--baseline", help="a git revision whose find_roles to score as well")
    parser.add_argument("--results", help="write the table into this markdown file")
    parser.add_argument("--errors", action="store_true", help="list wrong and missed pairs")
    parser.add_argument("--predict", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _load(split: str) -> list[dict]:
    path = DATA / f"{split}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _predict(sentences: list[dict]) -> dict[str, list[Pair]]:
    """Predicted (person, title) pairs by sentence id, from the code on ``sys.path``."""
    from dateline.analyze.mentions import find_mentions
    from dateline.analyze.nlp import parse_many
    from dateline.analyze.roles import find_roles

    texts = [s["text"] for s in sentences]
    out = {}
    for sentence, doc in zip(sentences, parse_many(texts)):
        roles = find_roles(doc, find_mentions(doc), None)
        out[sentence["id"]] = [(role.person, role.title) for role in roles]
    return out


def _run_at(args: argparse.Namespace) -> dict[str, list[Pair]]:
    """Predictions of the ``src/`` of revision ``args.baseline``, in a subprocess."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", args.baseline, "src"],
        capture_output=True,
        check=True,
    ).stdout
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(tmp, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src")}
        result = subprocess.run(
            [sys.executable, __file__, "--split", args.split, "--predict"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
    return {
        key: [tuple(pair) for pair in value] for key, value in json.loads(result.stdout).items()
    }


def _key(pair: Pair) -> Pair:
    return (" ".join(pair[0].lower().split()), " ".join(pair[1].lower().split()))


def _score(sentences: list[dict], predicted: dict[str, list[Pair]]) -> dict[str, float]:
    """Pair precision/recall/F1; holder precision/recall (the person alone); wrong holders:
    predicted pairs for a person the sentence gives no role; sentences with no role where
    something was predicted."""
    tp = fp = fn = 0
    holder_tp = holder_fp = holder_fn = 0
    wrong_holder = 0
    false_on_empty = 0
    for sentence in sentences:
        gold = {_key(tuple(pair)) for pair in sentence["roles"]}
        pred = {_key(pair) for pair in predicted.get(sentence["id"], [])}
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
        gold_people = {person for person, _ in gold}
        pred_people = {person for person, _ in pred}
        holder_tp += len(gold_people & pred_people)
        holder_fp += len(pred_people - gold_people)
        holder_fn += len(gold_people - pred_people)
        wrong_holder += sum(1 for person, _ in pred if person not in gold_people)
        false_on_empty += bool(pred) and not gold
    return {
        "gold": tp + fn,
        "predicted": tp + fp,
        "p": _ratio(tp, tp + fp),
        "r": _ratio(tp, tp + fn),
        "f1": _ratio(2 * tp, 2 * tp + fp + fn),
        "holder_p": _ratio(holder_tp, holder_tp + holder_fp),
        "holder_r": _ratio(holder_tp, holder_tp + holder_fn),
        "wrong_holder": wrong_holder,
        "false_on_empty": false_on_empty,
        "empty": sum(1 for s in sentences if not s["roles"]),
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _table(split: str, n: int, rows: list[tuple[str, dict[str, float]]]) -> str:
    lines = [
        "| split | sentences | code | gold pairs | predicted | pair P | pair R | pair F1 "
        "| holder P | holder R | pairs on a non-holder | no-role sentences given a role |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, s in rows:
        lines.append(
            f"| {split} | {n} | {label} | {s['gold']} | {s['predicted']} | {s['p']:.3f} "
            f"| {s['r']:.3f} | {s['f1']:.3f} | {s['holder_p']:.3f} | {s['holder_r']:.3f} "
            f"| {s['wrong_holder']} | {s['false_on_empty']} of {s['empty']} |"
        )
    return "\n".join(lines)


def _print_errors(sentences: list[dict], predicted: dict[str, list[Pair]]) -> None:
    for sentence in sentences:
        gold = {_key(tuple(pair)) for pair in sentence["roles"]}
        pred = {_key(pair) for pair in predicted.get(sentence["id"], [])}
        if gold != pred:
            print(f"\n{sentence['id']} ({sentence['shape']}): {sentence['text']}")
            for pair in sorted(pred - gold):
                print(f"  wrong  {pair}")
            for pair in sorted(gold - pred):
                print(f"  missed {pair}")


def _write(path: Path, args: argparse.Namespace, table: str) -> None:
    """This split's table into the roles section, keeping the other split's table."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    tables = {}
    start = text.find(HEADING)
    if start != -1:
        end = text.find("\n## ", start + len(HEADING))
        old = text[start : end if end != -1 else len(text)]
        for split in ("dev", "test"):
            marker = f"<!-- roles:{split} -->"
            if marker in old:
                body = old.split(marker)[1]
                tables[split] = body.split("<!-- /roles -->")[0].strip()
    command = f"`.venv/bin/python bench/roles.py --split {args.split}"
    if args.baseline:
        command += f" --baseline {args.baseline}"
    command += f" --results {args.results}`"
    tables[args.split] = f"Command: {command}\n\n{table}"
    counts = {split: _load(split) for split in ("dev", "test")}
    sizes = ", ".join(
        f"{split}: {len(items)} sentences, {sum(1 for s in items if not s['roles'])} of them "
        "stating no role"
        for split, items in counts.items()
    )
    parts = [
        HEADING,
        "",
        "`find_roles` (`src/dateline/analyze/roles.py`) on the hand-written sentences of "
        f"`tests/data/roles/` ({sizes}; varied house styles and shapes: title before the "
        'name, apposition on either side, "X, the Y of Z", "Z\'s Y, X", coordinations, '
        "possessors, hyphenated titles, datelines). A pair counts when person and title both "
        "match as written (case and spacing aside; the title without a leading article or "
        "possessive pronoun). Holder P/R score the person alone. *Pairs on a non-holder*: "
        "predicted pairs for a person the sentence gives no role (a possessor, a coordination "
        "neighbour, a name that is not a person). Before = the code at the revision named, "
        "run on the same sentences. Developed on dev; test was written with dev, before any "
        "change, and run once.",
    ]
    for split in ("dev", "test"):
        if split in tables:
            parts += ["", f"<!-- roles:{split} -->", tables[split], "<!-- /roles -->"]
    write_section(path, HEADING, "\n".join(parts) + "\n")


if __name__ == "__main__":
    sys.exit(main())
