"""SemEval-2015 Task 4 (TimeLine) data: track A documents as JSON lines, gold timelines.

Each track A CAT file gives the tokens with their sentence numbers, the source URL and the
document creation time (the CREATION_TIME TIMEX3). A document becomes one JSON-lines record:
sentence 0 (the WikiNews headline) is the ``title``; sentences 1.. (the date line, then the
body), each detokenised, are the ``text``, one paragraph per sentence; the DCT is
``published``. ``sentences`` keeps each sentence's text so that gold ``<doc>-<sentence>``
ids can be located in the stored article text.
"""

from __future__ import annotations

import hashlib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from common import detokenise

DATA = "data/semeval2015-task4-timeline"
CORPORA = ("corpus_1", "corpus_2", "corpus_3")
NAMES = {"corpus_1": "Airbus/Boeing", "corpus_2": "GM/Chrysler/Ford", "corpus_3": "stock markets"}


@dataclass(frozen=True)
class Doc:
    corpus: str
    doc_id: str
    url: str
    published: str
    sentences: dict[int, str]  # sentence number -> detokenised text


@dataclass(frozen=True)
class GoldEvent:
    rank: int
    date: str  # YYYY-MM-DD with X for unknown parts
    mentions: tuple[tuple[str, int], ...]  # (doc id, sentence) of each coreferent mention


@dataclass(frozen=True)
class Timeline:
    corpus: str
    entity: str
    file: str
    events: tuple[GoldEvent, ...]


def documents(kit: Path) -> list[Doc]:
    out = []
    for corpus in CORPORA:
        for path in sorted((kit / DATA / corpus / "corpus_trackA_CAT").glob("*.xml")):
            root = ET.parse(path).getroot()
            tokens: dict[int, list[str]] = {}
            for token in root.iter("token"):
                tokens.setdefault(int(token.get("sentence")), []).append(token.text or "")
            dct = next(
                (
                    t.get("value")
                    for t in root.iter("TIMEX3")
                    if t.get("functionInDocument") == "CREATION_TIME"
                ),
                None,
            )
            out.append(
                Doc(
                    corpus,
                    root.get("doc_id"),
                    root.get("src_url"),
                    dct,
                    {n: detokenise(words) for n, words in sorted(tokens.items())},
                )
            )
    return out


def record(doc: Doc) -> dict:
    body = [text for n, text in doc.sentences.items() if n > 0]
    return {
        "url": doc.url,
        "title": doc.sentences.get(0, ""),
        "published": doc.published,
        "text": "\n\n".join(body),
        "publisher": "WikiNews",
    }


def timelines(kit: Path) -> list[Timeline]:
    """The gold timelines; a file identical to one already read (s&p_500 / s_and_p_500) is
    read once."""
    out, seen = [], set()
    for corpus in CORPORA:
        for path in sorted((kit / DATA / corpus / "TimeLines_Gold_Standard").glob("*.txt")):
            raw = path.read_bytes()
            digest = hashlib.sha1(corpus.encode() + raw).hexdigest()
            if digest in seen:
                continue
            seen.add(digest)
            lines = raw.decode("utf-8").splitlines()
            events = []
            for line in lines[1:]:
                fields = line.split("\t")
                if len(fields) < 3:
                    continue
                mentions = []
                for ident in fields[2:]:
                    parts = ident.split("-", 2)
                    if len(parts) == 3 and parts[1].isdigit():
                        mentions.append((parts[0], int(parts[1])))
                events.append(GoldEvent(int(fields[0]), fields[1], tuple(mentions)))
            out.append(Timeline(corpus, lines[0].strip(), path.name, tuple(events)))
    return out
