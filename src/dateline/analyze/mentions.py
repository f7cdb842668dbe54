"""Named-entity mentions with character offsets, honorifics and possessives handled."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from dateline.model import Mention

LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "FAC", "DATE", "TIME"})

# "Mr Zelensky", "Mrs. May": the honorific is not part of the name.
_HONORIFIC = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|lord|lady|rev|fr|sheikh|sen|rep|gen|col|capt|lt|sgt)"
    r"\.?\s+", re.IGNORECASE)
# "Zelenskyy's", "Zelenskyy’s", "the Ukrainians'": the possessive is not part of the mention.
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_THE = re.compile(r"^the\s+", re.IGNORECASE)


def find_mentions(doc: Doc) -> list[Mention]:
    """Entity mentions of the labels dateline uses, in text order.

    The span leaves out a trailing possessive; ``name`` also leaves out a leading
    honorific (PERSON) or article ("the Kremlin" -> "Kremlin").
    """
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
        mentions.append(Mention(ent.start_char, ent.start_char + len(text), text, ent.label_,
                                entity_name(text, ent.label_)))
    return mentions


def entity_name(text: str, label: str) -> str:
    """The name a mention refers to: no honorific, no leading "the", single-spaced."""
    name = " ".join(text.split())
    if label == "PERSON":
        name = _HONORIFIC.sub("", name)
    elif label not in ("DATE", "TIME"):
        name = _THE.sub("", name)
    return _POSSESSIVE.sub("", name).strip() or text
