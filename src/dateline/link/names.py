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


# Seats of government and capitals that news uses for the state itself ("Kyiv said",
# "the Kremlin denied"), by name key. Generic world knowledge, not any story's cast.
_SEATS = {
    "Russia": ("kremlin", "moscow"), "Ukraine": ("kyiv", "kiev", "bankova"),
    "United States": ("washington", "white house"), "China": ("beijing", "zhongnanhai"),
    "United Kingdom": ("london", "downing street", "whitehall"), "France": ("paris", "elysee"),
    "Germany": ("berlin",), "Iran": ("tehran",), "Turkey": ("ankara",), "Japan": ("tokyo",),
    "South Korea": ("seoul",), "North Korea": ("pyongyang",), "Israel": ("jerusalem",),
    "European Union": ("brussels",), "Saudi Arabia": ("riyadh",),
    "United Arab Emirates": ("abu dhabi",), "Qatar": ("doha",), "Egypt": ("cairo",),
    "India": ("new delhi",), "Pakistan": ("islamabad",), "Afghanistan": ("kabul",),
    "Syria": ("damascus",), "Iraq": ("baghdad",), "Belarus": ("minsk",), "Poland": ("warsaw",),
    "Italy": ("rome",), "Spain": ("madrid",), "Canada": ("ottawa",), "Australia": ("canberra",),
    "Brazil": ("brasilia",), "South Africa": ("pretoria",), "Mexico": ("mexico city",),
    "Venezuela": ("caracas",), "Cuba": ("havana",), "Taiwan": ("taipei",),
    "Hungary": ("budapest",), "Georgia": ("tbilisi",), "Azerbaijan": ("baku",),
    "Armenia": ("yerevan",), "Moldova": ("chisinau",), "Lebanon": ("beirut",),
    "Jordan": ("amman",), "Sudan": ("khartoum",), "Ethiopia": ("addis ababa",),
    "Nigeria": ("abuja",), "Kenya": ("nairobi",), "Vietnam": ("hanoi",),
    "Indonesia": ("jakarta",), "Philippines": ("manila",), "Greece": ("athens",),
    "Romania": ("bucharest",), "Sweden": ("stockholm",), "Norway": ("oslo",),
    "Finland": ("helsinki",), "Denmark": ("copenhagen",), "Netherlands": ("the hague",),
    "Austria": ("vienna",), "Switzerland": ("bern",),
}
_STATE_OF = {name_key(seat, "GPE"): state for state, seats in _SEATS.items() for seat in seats}


def state_of(name: str) -> str | None:
    """The state a seat of government stands for when it acts ("Kyiv said"), else None."""
    return _STATE_OF.get(name_key(name, "GPE"))
