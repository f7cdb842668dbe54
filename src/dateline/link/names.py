"""Keys under which the names of one actor meet, whatever the outlet's spelling.

"Zelensky", "Zelenskyy", "Zelenskiy" and "Mr Zelensky" share a key, as do "Dmitry" and
"Dmitri", "Peskov's" and "Peskov": case, diacritics, punctuation, honorifics and the
common Latin spellings of a final -y/-iy/-yy/-i (transliterated from Cyrillic) are folded
away. Pure functions: the store indexes the keys.
"""
from __future__ import annotations

import re
import unicodedata

from dateline.analyze.mentions import entity_name

# Final -iy, -yy, -ii, -i and -y are one sound transliterated several ways (Zelenskiy,
# Zelenskyy, Dmitri, Dmitry); words of four letters or fewer are left alone ("Mali").
_FINAL_Y = re.compile(r"(?<=\w{4})(?:iy|yy|ii|y|i)\b")
_NOT_WORD = re.compile(r"[^\w\s]")


def name_key(name: str, label: str) -> str:
    """The spelling-insensitive key of an entity name (honorific and "the" dropped)."""
    name = entity_name(name, label)
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _NOT_WORD.sub("", folded.replace("-", " "))
    return _FINAL_Y.sub("y", " ".join(folded.split()))


def surname_key(key: str) -> str | None:
    """The key's last word when the key is a full name (two words or more)."""
    words = key.split()
    return words[-1] if len(words) > 1 else None
