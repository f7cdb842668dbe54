"""Cost of storing and linking one more article as the store grows (1k, 10k, 100k stored).

Each store is filled in bulk with synthetic articles (random sentences over a 5,000-word
vocabulary, fingerprints and LSH keys as `link_copies` writes them) and as many actors
(person names with their name keys); then 200 new articles, a quarter of them near copies
of stored ones, each naming 10 people (half of them known actors, some by surname alone),
are stored and linked one by one through the library (`Store.add_article`, `link_copies`,
`link_entities`), and the time per article is reported. Flat or logarithmic growth is the
requirement: every look-up is indexed.

    python bench/link_scale.py [--sizes 1000 10000 100000] [--new 200] [--results FILE]
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from common import write_section

from dateline.link.copies import link_copies
from dateline.link.dedup import band_keys, fingerprint
from dateline.link.entities import link_entities
from dateline.link.names import name_key, surname_key
from dateline.model import Analysis, Article, Mention, Published, RawDocument, text_fingerprint
from dateline.store import Store
from dateline.store.schema import (actor_keys, actors, articles, fingerprints, lsh_buckets,
                                   raw_documents, sightings)

SECTION = "## Linking cost as the store grows"
WORDS = [f"w{n}" for n in range(5000)]


def synthetic_text(rng: random.Random) -> str:
    paragraphs = [" ".join(rng.choices(WORDS, k=rng.randint(25, 45))) + "." for _ in range(6)]
    return "\n\n".join(paragraphs)


def make_article(n: int, text: str) -> Article:
    return Article(source=f"synthetic/{n}", url=f"https://synthetic.example/{n}", title=f"Story {n}",
                   publisher="Synthetic", wire=None, dateline=None, authors=(), language="en",
                   published=Published(), body=tuple(text.split("\n\n")))


def person(n: int) -> str:
    return f"Given{n % 997} Family{n}"


def fill(store: Store, size: int, rng: random.Random) -> list[str]:
    """Bulk-insert ``size`` articles with their fingerprints, and ``size`` actors; return
    the articles' texts."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    texts = [synthetic_text(rng) for _ in range(size)]
    with store.engine.begin() as conn:
        conn.execute(raw_documents.insert().values(id=1, sha256="bulk", source="bulk", kind="text",
                                                   hints={}, content="", received_at=now))
        for start in range(0, size, 5000):
            rows, prints, keys, seen = [], [], [], []
            for n in range(start, min(size, start + 5000)):
                article = make_article(n, texts[n])
                fp = fingerprint(article.text)
                rows.append({"id": article.id, "raw_id": 1, "source": article.source,
                             "url": article.url, "text_hash": text_fingerprint(article.text),
                             "title": article.title, "authors": [], "body": list(article.body),
                             "captions": [], "created_at": now, "updated_at": now})
                prints.append({"article_id": article.id, "size": fp.size, "minhash": list(fp.minhash)})
                keys += [{"band": b, "bucket": k, "article_id": article.id} for b, k in band_keys(fp)]
                seen.append({"article_id": article.id, "source": article.source, "seen_at": now})
            conn.execute(articles.insert(), rows)
            conn.execute(sightings.insert(), seen)
            conn.execute(fingerprints.insert(), prints)
            conn.execute(lsh_buckets.insert(), keys)
            people = range(start, min(size, start + 5000))
            conn.execute(actors.insert(), [
                {"id": n + 1, "name": person(n), "label": "PERSON",
                 "surname": surname_key(name_key(person(n), "PERSON"))} for n in people])
            conn.execute(actor_keys.insert(), [
                {"key": name_key(person(n), "PERSON"), "actor_id": n + 1} for n in people])
    return texts


def named(size: int, n: int, rng: random.Random) -> Analysis:
    """An analysis naming 10 people: known actors (some by surname alone) and new ones."""
    names = []
    for k in range(10):
        if k < 5:
            known = person(rng.randrange(size))
            names.append(known.split()[-1] if k == 0 else known)
        else:
            names.append(person(size + n * 10 + k))
    return Analysis(sentences=((0, 1),), mentions=tuple(
        Mention(0, 1, name, "PERSON", name) for name in names),
        timexes=(), quotes=(), roles=(), event_mentions=())


def measure(size: int, new: int, seed: int) -> tuple[float, float, float, int]:
    """Milliseconds per article to store, to link copies and to link entities of ``new``
    articles; copies found."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "scale.db")) as store:
        texts = fill(store, size, rng)
        raw_id = store.add_raw(RawDocument("bench", "text", "bench"))
        fresh = []
        for n in range(new):
            if n % 4 == 0:  # a near copy: a stored story, truncated by one paragraph
                text = "\n\n".join(rng.choice(texts).split("\n\n")[:-1])
            else:
                text = synthetic_text(rng)
            fresh.append(make_article(size + n, text))
        start = time.perf_counter()
        for article in fresh:
            store.add_article(article, raw_id)
        stored = time.perf_counter() - start
        start = time.perf_counter()
        report = link_copies(store)
        linked = time.perf_counter() - start
        for n, article in enumerate(fresh):
            store.save_analysis(article.id, named(size, n, rng), version=1)
        start = time.perf_counter()
        link_entities(store)
        entities = time.perf_counter() - start
    return (1000 * stored / new, 1000 * linked / new, 1000 * entities / new,
            len(report.copies))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--results", type=Path, help="markdown file to write the section into")
    args = parser.parse_args()
    lines = ["| articles (and actors) stored | store one (ms) | link copies of one (ms) "
             "| link entities of one (ms) | near copies found / planted |",
             "|---|---|---|---|---|"]
    print("\n".join(lines), flush=True)
    for size in args.sizes:
        store_ms, link_ms, entity_ms, found = measure(size, args.new, seed=size)
        lines.append(f"| {size:,} | {store_ms:.2f} | {link_ms:.2f} | {entity_ms:.2f} "
                     f"| {found} / {args.new // 4} |")
        print(lines[-1], flush=True)
    if args.results:
        write_section(args.results, SECTION, "\n".join([
            SECTION, "",
            "Command: `.venv/bin/python bench/link_scale.py --results bench/RESULTS.md`", "",
            "Machine: 2 cores, 24 GiB, python 3.11, SQLite. Date: "
            f"{datetime.now(timezone.utc).date().isoformat()}. " + __doc__.split("\n\n")[1]
            .replace("\n", " "), "", *lines, ""]))


if __name__ == "__main__":
    main()
