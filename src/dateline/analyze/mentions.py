"""Named-entity mentions with character offsets, honorifics and possessives handled."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dateline.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "DATE", "TIME"})

# "Mr Zelensky", "Mrs. May": the honorific is not part of the name.
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady|rev|fr|sheikh|sen|rep|gen|col|capt|lt|sgt)"
    r"\.?\s+",
    re.IGNORECASE,
)
# "Zelenskyy's", "Zelenskyy’s", "the Ukrainians'": the possessive is not part of the mention.
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def find_mentions(doc: Doc) -> list[Mention]:
    """Entity mentions of the labels dateline uses, in text order.

    The span leaves out a trailing possessive; ``name`` also leaves out a leading
    honorific (PERSON) or article ("the Kremlin" -> "Kremlin"), and a surname alone
    ("Umerov") is named after the one full name in the article it can stand for.
    """
    return _full_names(_mentions(doc))


def _mentions(doc: Doc) -> list[Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        text = ent.text
        possessive = _POSSESSIVE.search(text)
        if possessive and ent.label_ not in ("DATE", "TIME"):
            text = text[: possessive.start()].rstrip()
        if not text:
            continue
        mentions.append(
            Mention(
                ent.start_char,
                ent.start_char + len(text),
                text,
                ent.label_,
                entity_name(text, ent.label_),
            )
        )
    return mentions


def _full_names(mentions: list[Mention]) -> list[Mention]:
    """Name surname-only mentions after the full name they stand for, when only one fits."""
    full: dict[str, set[str]] = {}
    for m in mentions:
        words = m.name.split()
        if m.label == "PERSON" and len(words) > 1:
            full.setdefault(words[-1], set()).add(m.name)
    out = []
    for m in mentions:
        names = full.get(m.name, set()) if " " not in m.name else set()
        if len(names) == 1 and m.label in ("PERSON", "ORG", "GPE", "NORP"):
            # the small model often tags a lone surname as an organisation or a place
            m = Mention(m.start, m.end, m.text, "PERSON", next(iter(names)))
        out.append(m)
    return out


def entity_name(text: str, label: str) -> str:
    """The name a mention refers to: no honorific, no leading "the", single-spaced."""
    name = " ".join(text.split())
    if label == "PERSON":
        name = _HONORIFIC.sub("", name)
    elif label not in ("DATE", "TIME"):
        name = _THE.sub("", name)
    return _POSSESSIVE.sub("", name).strip() or text
