"""A headline in title case or capitals, written as a sentence for the parser.

The model reads "Tara Reid Finally Checks Into Rehab" as a string of names: every
capitalised word looks like one, so "Checks" is no verb and "Rehab" no noun. Written as
the article's own text writes each word ("Tara Reid finally checks into rehab"), the
headline parses as the sentence it is. Each word takes the form the body gives it most
often away from a sentence's start; a word the body never writes is lower-cased, but for
the headline's first. Only letters change case, so offsets into the headline still hold.
"""

from __future__ import annotations

import re
from collections import Counter

# Share of a headline's words that start with a capital (or are all capitals) from which
# it is in title case rather than a sentence.
TITLE_CASE = 0.6

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# What ends a sentence or line before a word that opens the next.
_ENDS = frozenset('.!?:"“”\n')


def as_sentence(headline: str, text: str) -> str:
    """``headline`` with each word cased as ``text`` writes it, when the headline is in
    title case or capitals; any other headline unchanged."""
    words = list(_WORD.finditer(headline))
    capitalised = sum(w.group()[0].isupper() for w in words)
    if len(words) < 2 or capitalised <= TITLE_CASE * len(words):
        return headline
    forms = _body_forms(text, {w.group().casefold() for w in words})
    out = list(headline)
    for n, match in enumerate(words):
        word = match.group()
        form = forms.get(word.casefold())
        if form is None:
            form = word if n == 0 and not word.isupper() else word.lower()
            if n == 0:
                form = form[:1].upper() + form[1:]
        if len(form) == len(word):
            out[match.start() : match.end()] = form
    return "".join(out)


def _body_forms(text: str, wanted: set[str]) -> dict[str, str]:
    """The form the text writes each wanted word in most often, not counting a word
    that opens a sentence (where a capital tells nothing)."""
    seen: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        key = word.casefold()
        if key in wanted and not _opens(text, match.start()):
            seen.setdefault(key, Counter())[word] += 1
    return {key: counts.most_common(1)[0][0] for key, counts in seen.items()}


def _opens(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or a line (capitalised for that
    alone, which says nothing of it)."""
    before = text[max(0, start - 4) : start].rstrip(" ")
    return not before or before[-1] in _ENDS
