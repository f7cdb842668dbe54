"""What linking one more article costs in a story of a thousand articles, by revision.

The stories and events of a topic store built by ``bench/tls.py`` (its articles analysed
and linked) are cleared, and its first ``--first`` articles (in publication order, as
ingest takes them) are linked again, by this checkout's code, into a base store; then,
for each revision given (``git archive``, so any commit of the history), a copy of the
base links the rest, timed in one process. SQLite only. Revisions whose analyses differ
from the store's are not comparable.

    python bench/big_story_link.py --store <tls work>/bpoil.db [--first 1200]
        [--revisions e61d99b HEAD]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import tempfile
from pathlib import Path

from common import PACED, REPO, revision_tree, run_in_tree

# What linking wrote; analyses, actors and copies stay.
LINKED = (
    "event_members",
    "event_keys",
    "events",
    "story_articles",
    "story_keys",
    "story_decisions",
    "term_counts",
    "view_cache",
    "stories",
    "pending",
)
LINK = (
    PACED
    + """
import json, sys, time
import dateline
from dateline.link.stories import link_stories

with dateline.open(sys.argv[1]) as store, paced():
    started = time.perf_counter()
    linked = link_stories(store)
print(json.dumps({"linked": linked, "seconds": time.perf_counter() - started}))
"""
)


def queued(db: Path, article_ids: list[str]) -> None:
    """Queue articles for story linking."""
    with sqlite3.connect(db) as conn:
        conn.executemany(
            "INSERT INTO pending (stage, article_id) VALUES ('stories', ?)",
            [(article_id,) for article_id in article_ids],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--first", type=int, default=1200)
    parser.add_argument("--revisions", nargs="+", default=["HEAD"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.db"
        shutil.copyfile(args.store, base)
        with sqlite3.connect(base) as conn:
            for table in LINKED:
                conn.execute(f"DELETE FROM {table}")
            order = conn.execute(
                "SELECT id FROM articles WHERE id IN (SELECT article_id FROM analyses) "
                "ORDER BY published IS NULL, published, id"
            )
            article_ids = [row[0] for row in order]
        queued(base, article_ids[: args.first])
        first = run_in_tree(REPO, LINK, str(base))
        print(f"base: {first['linked']:.0f} articles linked in {first['seconds']:.0f} s")
        for n, revision in enumerate(args.revisions):
            commit, tree = revision_tree(revision, Path(tmp) / f"rev{n}")
            db = Path(tmp) / f"rest{n}.db"
            shutil.copyfile(base, db)
            queued(db, article_ids[args.first :])
            rest = run_in_tree(tree, LINK, str(db))
            per = 1000 * rest["seconds"] / max(rest["linked"], 1)
            print(
                f"| `{commit}` | {args.first} | {rest['linked']:.0f} | "
                f"{rest['seconds']:.1f} | {per:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
