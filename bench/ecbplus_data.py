"""ECB+ documents as text: CAT XML tokens joined into readable sentences, with the character
span of every token, so gold mentions can be found in the text dateline stores."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

DOC_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)$")
# Tokens written against the token before them, and tokens the next one is written against.
_NO_SPACE_BEFORE = frozenset(
    [
        ",",
        ".",
        ";",
        ":",
        "!",
        "?",
        "%",
        ")",
        "]",
        "}",
        "'s",
        "'S",
        "'re",
        "'ve",
        "'d",
        "'ll",
        "'m",
        "n't",
        "'",
        "''",
        "-",
        "/",
    ]
)
_NO_SPACE_AFTER = frozenset(["(", "[", "{", "$", "``", "-", "/"])
_QUOTES = {"``": '"', "''": '"'}


@dataclass(frozen=True)
class EcbDoc:
    """One ECB+ document: its name, topic, paragraphs (one per sentence) and, for each token
    id, its sentence and character span in ``text``."""

    name: str
    topic: int
    paragraphs: tuple[str, ...]
    tokens: dict[str, tuple[int, int, int]]  # t_id -> (paragraph, start, end)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def parse_topics(spec: str | None) -> set[int] | None:
    """Topics written as ``1-35,40`` (None for none: every topic)."""
    if not spec:
        return None
    found: set[int] = set()
    for part in spec.split(","):
        first, _, last = part.partition("-")
        found.update(range(int(first), int(last or first) + 1))
    return found


def read_docs(root: Path, topics: set[int] | None = None) -> list[EcbDoc]:
    """Every ECB+ document under ``root/ECB+`` (of ``topics`` only, when given), by name."""
    docs = []
    for path in sorted((root / "ECB+").glob("*/*.xml")):
        match = DOC_NAME.match(path.stem)
        if match and (topics is None or int(match.group(1)) in topics):
            docs.append(read_doc(path))
    return docs


def read_doc(path: Path) -> EcbDoc:
    """One CAT XML file as text: each sentence a paragraph, tokens detokenised."""
    sentences: dict[int, list[tuple[str, str]]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence")), []).append(
            (token.get("t_id"), token.text or "")
        )
    paragraphs, spans, offset = [], {}, 0
    for number in sorted(sentences):
        line, glue, open_quote = "", True, False
        words = sentences[number]
        for i, (t_id, word) in enumerate(words):
            if word == '"':  # straight quotes alternate: opening, then closing
                opening = open_quote = not open_quote
            else:
                opening = word == "``"
                open_quote ^= word.count('"') % 2 == 1
            closing = word in _NO_SPACE_BEFORE or (word == '"' and not opening)
            # "6 . 1" and "1 , 500" are one number
            in_number = (
                word in ".," and line[-1:].isdigit() and words[i + 1][1][:1].isdigit()
                if i + 1 < len(words)
                else False
            )
            word = _QUOTES.get(word, word)
            if line and not glue and not closing:
                line += " "
            spans[t_id] = (len(paragraphs), offset + len(line), offset + len(line) + len(word))
            line += word
            glue = opening or in_number or word in _NO_SPACE_AFTER
        paragraphs.append(line)
        offset += len(line) + 2
    match = DOC_NAME.match(path.stem)
    return EcbDoc(path.stem, int(match.group(1)), tuple(paragraphs), spans)


def locate(doc: EcbDoc, stored: str) -> dict[str, tuple[int, int]]:
    """Where each token of ``doc`` lies in ``stored``, the text dateline kept of it.

    Extraction keeps a paragraph as it is or drops it (a URL line, the headline, which
    becomes the title, a lead taken as the summary), so each paragraph is looked for
    whole, in order; tokens of a paragraph not found have no place.
    """
    shift: dict[int, int] = {}
    cursor = base = 0
    for number, paragraph in enumerate(doc.paragraphs):
        at = stored.find(paragraph, cursor) if paragraph else -1
        if at >= 0:
            shift[number] = at - base
            cursor = at + len(paragraph)
        base += len(paragraph) + 2
    return {
        t_id: (start + shift[p], end + shift[p])
        for t_id, (p, start, end) in doc.tokens.items()
        if p in shift
    }


def locate_title(doc: EcbDoc, title: str | None) -> dict[str, tuple[int, int]]:
    """Where each token of the paragraph that became the article's title (or summary) lies in it."""
    if not title:
        return {}
    for number, paragraph in enumerate(doc.paragraphs):
        at = title.find(paragraph) if paragraph else -1
        if at >= 0 and paragraph.strip() == title.strip():
            return {
                t_id: (start - _offset(doc, number) + at, end - _offset(doc, number) + at)
                for t_id, (p, start, end) in doc.tokens.items()
                if p == number
            }
    return {}


def _offset(doc: EcbDoc, number: int) -> int:
    """Where paragraph ``number`` starts in ``doc.text``."""
    return sum(len(paragraph) + 2 for paragraph in doc.paragraphs[:number])
