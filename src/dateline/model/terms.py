"""Content words as weighted term vectors, and the cosine that compares them."""

from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path


def _english_stop_words() -> frozenset[str]:
    """spaCy's English stop words, read from their module's file: importing the module
    imports spaCy itself, which a read of the store does not need."""
    spacy = importlib.util.find_spec("spacy")
    if spacy is None or spacy.origin is None:
        raise ImportError("spaCy is not installed")
    path = Path(spacy.origin).parent / "lang" / "en" / "stop_words.py"
    spec = importlib.util.spec_from_file_location("dateline_english_stop_words", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot read {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)


STOP_WORDS = _english_stop_words()

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W\d_]+)*")
# Words news uses for every story: they say nothing about which one.
_NEWS_WORDS = frozenset(
    {
        "said",
        "says",
        "told",
        "according",
        "reported",
        "report",
        "reports",
        "year",
        "years",
        "week",
        "weeks",
        "month",
        "months",
        "day",
        "days",
        "time",
        "times",
        "people",
        "including",
        "like",
        "just",
        "new",
        "also",
        "would",
        "could",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "percent",
        "mr",
        "mrs",
        "ms",
        "dr",
        "news",
        "reuters",
        "agency",
        "press",
        "associated",
        "afp",
    }
)


def content_terms(text: str) -> Counter[str]:
    """How often each content word occurs: case-folded, a plural "s" dropped, stop words
    and the words every news story uses left out."""
    terms: Counter[str] = Counter()
    for match in _WORD.finditer(text):
        word = match.group().casefold().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in STOP_WORDS or word in _NEWS_WORDS:
            continue
        if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        terms[word] += 1
    return terms


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    dot = sum(weight * b[key] for key, weight in a.items() if key in b)
    if not dot:
        return 0.0
    return dot / (_norm(a.values()) * _norm(b.values()))


def top(vector: Mapping[str, float], n: int) -> dict[str, float]:
    """The ``n`` heaviest entries of a vector (ties broken by key, so the result is stable)."""
    return dict(sorted(vector.items(), key=lambda item: (-item[1], item[0]))[:n])


def _norm(values: Iterable[float]) -> float:
    return math.sqrt(sum(value * value for value in values))


# A line is a heading (a page's headline, a subhead, a wire story's slug) when it has at
# least LONG_WORDS words of LONG_WORD letters or more, each starting with a capital (a
# sentence naming many people still has verbs and nouns in lower case), is this short and
# ends without a sentence's stop: a list of names or a question in capitals ends like a
# sentence, and one with a colon opens with a name ("ZAKARIA: Final Thoughts?").
HEADING_WORDS = 25
LONG_WORD = 4
LONG_WORDS = 3
# A word of letters, with an apostrophe's ending ("Reid's"), as headings are read.
LETTER_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STOPS = tuple('.!?"”)')


def is_heading(line: str) -> bool:
    """Whether a line of the text is a heading in title case or capitals."""
    words = LETTER_WORD.findall(line)
    long = [w for w in words if len(w) >= LONG_WORD]
    return (
        2 <= len(words) <= HEADING_WORDS
        and ":" not in line
        and not line.rstrip().endswith(_STOPS)
        and len(long) >= LONG_WORDS
        and all(w[0].isupper() for w in long)
    )
