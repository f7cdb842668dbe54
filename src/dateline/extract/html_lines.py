"""Paragraph lines of a trafilatura body, and the merge of a precise and a balanced run.

Trafilatura's precision focus drops related-story blocks that its balanced focus keeps,
but it also drops subheadings made of links and inline links inside paragraphs. The
merge keeps the precise result and takes back from the balanced one only what sits
inside the story: subheadings and full sentences between two kept paragraphs, and the
longer version of a paragraph that lost an inline link.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import NamedTuple

from lxml.etree import _Element
from trafilatura.xml import xmltotxt

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?:\"”’)]\W*$")
# A paragraph restored between kept ones must read as prose, not as a link label.
_MIN_RESTORED_WORDS = 8
# The balanced version of a paragraph may add inline text, not double it (then it is a
# different block that happens to share words).
_MAX_GROWTH = 2.0


class Line(NamedTuple):
    """One paragraph of extracted text and the trafilatura element it came from."""

    text: str
    tag: str


def clean(text: str | None) -> str:
    """NFC-normalise and collapse whitespace."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def words(text: str) -> list[str]:
    """The casefolded words of a text, for comparing lines whatever their punctuation."""
    return _WORD.findall(text.casefold())


def body_lines(body: _Element | None) -> list[Line]:
    """The non-empty lines of a trafilatura body, each tagged with its top-level element."""
    lines = []
    for element in body if body is not None else ():
        # a comment or processing instruction (trafilatura drops them) has no element name
        tag = element.tag if isinstance(element.tag, str) else ""
        for text in xmltotxt(element, False).split("\n"):
            text = clean(text)
            if text:
                lines.append(Line(text, tag))
    return lines


def restore_recall(precise: list[Line], balanced: list[Line]) -> list[Line]:
    """The precise lines plus what the balanced run found inside the same story span.

    Args:
        precise: lines of the precision-focused run, the base of the result.
        balanced: lines of the balanced run on the same page.

    Returns:
        ``precise`` with balanced-only subheadings and sentences inserted where they sit
        between two shared lines, and paragraphs swapped for their longer balanced version
        when that only adds words. Nothing is added before the first or after the last
        shared line: that is where related stories and promos live.
    """
    keys = (
        [" ".join(words(line.text)) for line in precise],
        [" ".join(words(line.text)) for line in balanced],
    )
    opcodes = difflib.SequenceMatcher(None, *keys, autojunk=False).get_opcodes()
    shared = [index for index, (op, *_) in enumerate(opcodes) if op == "equal"]
    merged: list[Line] = []
    for index, (op, i1, i2, j1, j2) in enumerate(opcodes):
        ours, theirs = precise[i1:i2], balanced[j1:j2]
        interior = bool(shared) and shared[0] < index < shared[-1]
        if op in ("equal", "delete"):
            merged.extend(ours)
        elif op == "insert":
            if interior:
                merged.extend(line for line in theirs if _is_story(line))
        elif _only_adds_words(ours, theirs):
            merged.extend(theirs)
        else:
            merged.extend(ours)
    return merged


def _is_story(line: Line) -> bool:
    """Whether a balanced-only line looks like a subheading or a sentence of the story."""
    if line.tag == "head":
        return True
    return (
        line.tag == "p"
        and len(line.text.split()) >= _MIN_RESTORED_WORDS
        and bool(_SENTENCE_END.search(line.text))
    )


def _only_adds_words(ours: list[Line], theirs: list[Line]) -> bool:
    """Whether ``theirs`` holds all of ``ours`` (every word, or the text with a word cut
    off at its start) and not much more."""
    our_words = words(" ".join(line.text for line in ours))
    their_words = words(" ".join(line.text for line in theirs))
    if not our_words or len(their_words) > _MAX_GROWTH * len(our_words):
        return False
    return set(our_words) <= set(their_words) or " ".join(our_words) in " ".join(their_words)
