"""Fuzzing the readers, extraction and analysis: inputs tried per target, crashes (goal 0).

Each reader gets inputs shaped like its format (HTML, plain text, RSS/Atom, WARC, JSON
lines, gzip of any of them), built by a seeded generator from news words and hostile
pieces (control characters, broken markup, wrong JSON types, deep nesting, undeclared and
bogus encodings), then, half the time, damaged: truncated, bytes flipped, inserted or
repeated. Each is read through ``read_sources`` as standard input. ``extract`` gets the
generated HTML and text as documents, ``analyze`` (the trained model) the articles
extracted from them. A crash is an exception other than the project's own reported
failures (SourceFailure items, ExtractionError), or an input that runs past the per-input
time limit (a hang). Input N of a target is built by ``random.Random(f"{seed}:{target}:{N}")``,
so a crash printed with its number can be replayed.

    python bench/fuzz.py [--seconds 30] [--limit 10] [--seed 0] [--no-analyze] [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from common import write_section
from dateline.errors import DatelineError
from dateline.extract import extract
from dateline.model import Article, RawDocument
from dateline.sources import SourceFailure, read_sources

SECTION = "## Fuzzing: readers, extraction, analysis (issue #15)"

SENTENCES = (
    "The council voted on Tuesday to approve the budget , said Señor Pérez in Zürich ."
    " “ We will not stop , ” the minister told Reuters on 3 March 2026 . Kyiv – AFP"
    " Ms Łódź café naïve 東京 Москва العربية 1. + - = @ > # * _ ` [ ] ( ) | ~"
)
WORDS = SENTENCES.split()
HOSTILE = [
    "\x00", "\x1b[31m", "\x9b2J", "\x07", "\ufeff", "\u202e", "\ufffd", "\u0301",
    "\ud7ff", "\ud800", "&#xd800;", "&#0;", "&#x110000;", "&amp", "&nbsp;", "]]>", "<!--", "-->", "<![CDATA[",
    "<?xml", "</", "<", ">", "\r", "\r\n", "\t", " " * 50, "=HYPERLINK(\"x\")", "😀" * 3,
    "a" * 300, "\u2028", "%PDF-", "WARC/1.0", "{\"text\":", "\\", "'", '"',
]  # fmt: skip
TAG_NAMES = (
    "html head body title meta article main section div p span a b i font h1 h2 figure"
    " figcaption img br ul ol li table tr td blockquote script style noscript time"
)
TAGS = TAG_NAMES.split()
CLASSES = ["caption", "wp-caption", "standfirst", "tooltip-card", "twitter-tweet", "byline", ""]
ENCODINGS = ["utf-8", "utf-8", "utf-8", "cp1252", "latin-1", "cp1250", "cp1251", "utf-16"]
CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "utf-16", "bogus-charset", "cp1250", ""]
JSON_KEYS = ["text", "html", "url", "title", "published", "publisher", "authors", "summary"]


def phrase(rng: random.Random, size: int = 12) -> str:
    """News words with, now and then, something hostile among them."""
    pieces = [
        rng.choice(HOSTILE) if rng.random() < 0.08 else rng.choice(WORDS)
        for _ in range(rng.randint(0, size))
    ]
    return " ".join(pieces)


def markup(rng: random.Random, depth: int = 0) -> str:
    """An HTML fragment: nested elements, sometimes unclosed, sometimes very deep."""
    if depth > 6 or rng.random() < 0.3:
        return phrase(rng)
    tag = rng.choice(TAGS)
    attributes = f' class="{rng.choice(CLASSES)}"' if rng.random() < 0.4 else ""
    if rng.random() < 0.05:  # a chain past libxml2's depth limit
        nested = rng.randint(200, 3000)
        return (
            f"<{tag}>" * nested + phrase(rng) + (f"</{tag}>" * nested if rng.random() < 0.5 else "")
        )
    inner = "".join(markup(rng, depth + 1) for _ in range(rng.randint(0, 4)))
    end = f"</{tag}>" if rng.random() < 0.85 else ""
    return f"<{tag}{attributes}>{inner}{end}"


def encoded(rng: random.Random, text: str) -> bytes:
    return text.encode(rng.choice(ENCODINGS), errors="replace")


def page_markup(rng: random.Random) -> str:
    charset = rng.choice(CHARSETS)
    head = f'<meta charset="{charset}">' if rng.random() < 0.5 else ""
    body = "".join(markup(rng) for _ in range(rng.randint(1, 8)))
    return f"<!DOCTYPE html><html><head>{head}<title>{phrase(rng)}</title></head><body>{body}</body></html>"


def page_text(rng: random.Random) -> str:
    return "\n\n".join(phrase(rng, 40) for _ in range(rng.randint(1, 10)))


def html_page(rng: random.Random) -> bytes:
    return encoded(rng, page_markup(rng))


def text_page(rng: random.Random) -> bytes:
    return encoded(rng, page_text(rng))


def feed(rng: random.Random) -> bytes:
    dates = ["Tue, 03 Mar 2026 10:00:00 +0100", "2026-03-03", "2026-13-45T99:00", phrase(rng, 3)]
    items = []
    for _ in range(rng.randint(0, 5)):
        content = markup(rng).replace("]]>", "")
        fields = [
            f"<title>{phrase(rng, 6)}</title>",
            f"<pubDate>{rng.choice(dates)}</pubDate>",
            f"<description><![CDATA[{content}]]></description>" if rng.random() < 0.7 else "",
            f"<author>desk@paper.news ({phrase(rng, 2)})</author>" if rng.random() < 0.3 else "",
            f"<link>{phrase(rng, 1)}</link>",
        ]
        items.append("<item>" + "".join(fields) + "</item>")
    declaration = f'<?xml version="1.0" encoding="{rng.choice(CHARSETS) or "utf-8"}"?>'
    if rng.random() < 0.5:
        document = f'{declaration}<rss version="2.0"><channel><title>{phrase(rng, 4)}</title>{"".join(items)}</channel></rss>'
    else:
        entries = "".join(
            i.replace("<item>", "<entry>").replace("</item>", "</entry>") for i in items
        )
        document = f'{declaration}<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'
    return encoded(rng, document)


def warc(rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=rng.random() < 0.3)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "fuzz"}))
    for number in range(rng.randint(1, 4)):
        status = rng.choice(["200 OK", "200 OK", "404 Not Found", "301 Moved"])
        kind = rng.choice(["text/html", "text/html", "image/png", "application/xhtml+xml"])
        charset = rng.choice(CHARSETS)
        headers = [("Content-Type", f"{kind}; charset={charset}" if charset else kind)]
        body = html_page(rng)
        record = writer.create_warc_record(
            f"https://news.example/{number}",
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(status, headers, protocol="HTTP/1.1"),
        )
        writer.write_record(record)
    return buffer.getvalue()


def json_value(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randint(0, 7 if depth < 3 else 4)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False, 0, -1, 1e308, 2**70])
    if choice in (2, 3, 4):
        return phrase(rng)
    if choice == 5:
        return [json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(JSON_KEYS): json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def json_lines(rng: random.Random) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 6)):
        record = {key: json_value(rng) for key in rng.sample(JSON_KEYS, rng.randint(0, 5))}
        if rng.random() < 0.5:
            record[rng.choice(["text", "html"])] = phrase(rng, 40)
        # Not ASCII: a lone surrogate, encoded as it is, is invalid UTF-8.
        line = json.dumps(record, ensure_ascii=rng.random() < 0.5)
        if rng.random() < 0.05:
            line = "[" * rng.randint(1000, 100_000)  # deeper than the json module recurses
        lines.append(line)
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def gzipped(rng: random.Random) -> bytes:
    inner = rng.choice([html_page, text_page, feed, warc, json_lines])(rng)
    return gzip.compress(inner)


READERS: dict[str, Callable[[random.Random], bytes]] = {
    "html": html_page,
    "text": text_page,
    "feed": feed,
    "warc": warc,
    "jsonl": json_lines,
    "gzip": gzipped,
}


def damaged(rng: random.Random, data: bytes) -> bytes:
    """The input, half the time cut short or with bytes flipped, inserted or repeated."""
    if not data or rng.random() < 0.5:
        return data
    buffer = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        at = rng.randrange(len(buffer) + 1)
        change = rng.randrange(4)
        if change == 0:
            del buffer[at:]
        elif change == 1 and at < len(buffer):
            buffer[at] = rng.randrange(256)
        elif change == 2:
            buffer[at:at] = rng.randbytes(rng.randint(1, 16))
        else:
            buffer[at:at] = buffer[at : at + rng.randint(1, 64)]
    return bytes(buffer)


def read(data: bytes) -> list[RawDocument | SourceFailure]:
    """Everything ``read_sources`` yields for the input given as standard input."""
    items = list(read_sources(["-"], stdin=io.BytesIO(data), max_bytes=2_000_000))
    for item in items:
        if not isinstance(item, RawDocument | SourceFailure):
            raise TypeError(f"read_sources yielded {type(item).__name__}")
    return items


def document(rng: random.Random) -> RawDocument:
    """A generated HTML page or text as a document, hostile characters and all (JSON
    lines can carry any of them, lone surrogates included)."""
    if rng.random() < 0.5:
        return RawDocument("fuzz", "html", page_markup(rng))
    return RawDocument("fuzz", "text", page_text(rng))


def extracted(rng: random.Random) -> Article | None:
    """The article extracted from a generated document; None when it holds no text."""
    try:
        return extract(document(rng))
    except DatelineError:
        return None


def analysed(rng: random.Random) -> None:
    from dateline.analyze import analyze

    if (article := extracted(rng)) is not None:
        analyze(article)


class Hang(Exception):
    """The input ran past the per-input time limit."""


@dataclass
class Tally:
    """One target's inputs, crashes and slowest input."""

    inputs: int = 0
    crashes: list[str] = field(default_factory=list)
    slowest: float = 0.0


def fuzz(
    target: Callable[[random.Random], object], name: str, seconds: float, limit: float, seed: int
) -> Tally:
    """Run ``target`` on input after input for ``seconds``; each input gets ``limit`` seconds."""
    tally = Tally()
    ends = time.monotonic() + seconds
    while time.monotonic() < ends:
        rng = random.Random(f"{seed}:{name}:{tally.inputs}")
        started = time.monotonic()
        crashed = True
        # An alarm stops a loop in Python; time taken catches one in C (it ends, late).
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            target(rng)
            crashed = False
        except Exception:
            tally.crashes.append(f"{name} input {tally.inputs}:\n{traceback.format_exc(limit=-4)}")
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        took = time.monotonic() - started
        tally.slowest = max(tally.slowest, took)
        if took > limit and not crashed:
            tally.crashes.append(f"{name} input {tally.inputs}: took {took:.1f} s")
        tally.inputs += 1
    return tally


def targets(analyze: bool) -> Iterator[tuple[str, Callable[[random.Random], object]]]:
    for name, generate in READERS.items():
        yield name, lambda rng, generate=generate: read(damaged(rng, generate(rng)))
    yield "extract", extracted
    if analyze:
        yield "analyze", analysed


def _hang(signum: int, frame: FrameType | None) -> None:
    raise Hang


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="budget per target")
    parser.add_argument("--limit", type=float, default=10, help="seconds one input may take")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-analyze", action="store_true")
    parser.add_argument("--results", type=Path)
    args = parser.parse_args()
    signal.signal(signal.SIGALRM, _hang)
    rows, crashes = [], []
    for name, target in targets(not args.no_analyze):
        tally = fuzz(target, name, args.seconds, args.limit, args.seed)
        crashes += tally.crashes
        rows.append(f"| {name} | {tally.inputs:,} | {len(tally.crashes)} | {tally.slowest:.2f} |")
        print(rows[-1], flush=True)
    for crash in crashes[:20]:
        print(crash, file=sys.stderr)
    if args.results:
        command = f"python bench/fuzz.py --seconds {args.seconds:g} --limit {args.limit:g} --seed {args.seed}"
        command += " --no-analyze" if args.no_analyze else ""
        text = "\n".join(
            [
                SECTION,
                "",
                f"Command: `{command} --results bench/RESULTS.md`",
                "",
                f"Machine: {os.cpu_count()} cores, CPython {sys.version.split()[0]}. Date: "
                f"{datetime.now(UTC).date().isoformat()}. "
                + " ".join(__doc__.split("\n\n")[1].split()),
                "",
                "| target | inputs tried | crashes (goal 0) | slowest input (s) |",
                "|---|---:|---:|---:|",
                *rows,
                "",
            ]
        )
        write_section(args.results, SECTION, text)
    raise SystemExit(1 if crashes else 0)


if __name__ == "__main__":
    main()
