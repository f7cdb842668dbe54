"""A headline in title case or capitals, written as a sentence for the parser.

The model reads "Tara Reid Finally Checks Into Rehab" as a string of names: every
capitalised word looks like one, so "Checks" is no verb and "Rehab" no noun. Written as
the article's own text writes each word ("Tara Reid finally checks into rehab"), the
headline parses as the sentence it is. Each word takes the form the body gives it most
often away from a sentence's start; a word the body never writes is lower-cased, but for
the headline's first. Only letters change case, so offsets into the headline still hold.
The same holds for a heading line inside the text (a pasted page's headline, a wire
story's slug), which the text is parsed with written as a sentence.
"""

from __future__ import annotations

import re
from collections import Counter

from dateline.model.terms import LETTER_WORD as _WORD
from dateline.model.terms import is_heading

# Share of a headline's words that start with a capital (or are all capitals) from which
# it is in title case rather than a sentence.
TITLE_CASE = 0.6

# What ends a sentence or line before a word that opens the next.
_ENDS = frozenset('.!?:"“”\n')
# A web address or file path, whose words are slugs in lower case ("lindsay-lohan-checks").
_ADDRESS = re.compile(r"\S*(?:/|www\.|\.html?\b)\S*")


def as_sentence(headline: str, text: str) -> str:
    """``headline`` with each word cased as ``text`` writes it, when the headline is in
    title case or capitals; any other headline unchanged."""
    if not _title_case(headline):
        return headline
    return _recased(headline, _body_forms(text, {w.casefold() for w in _WORD.findall(headline)}))


def headings_as_sentences(text: str) -> str:
    """``text`` with each heading line cased as the rest of the text writes its words; the
    same length, and the same text where it has no heading line."""
    lines = text.split("\n")
    headings = {n for n, line in enumerate(lines) if is_heading(line)}
    if not headings:
        return text
    rest = "\n".join("" if n in headings else line for n, line in enumerate(lines))
    wanted = {w.casefold() for n in headings for w in _WORD.findall(lines[n])}
    forms = _body_forms(rest, wanted)
    for n in headings:
        lines[n] = _recased(lines[n], forms)
    return "\n".join(lines)


def _title_case(line: str) -> bool:
    words = _WORD.findall(line)
    return len(words) >= 2 and sum(w[0].isupper() for w in words) > TITLE_CASE * len(words)


def _recased(headline: str, forms: dict[str, str]) -> str:
    """``headline``'s words in the forms given, a word without one lower-cased, the first
    word with a capital; a form of another length (a casing that changes it) is skipped."""
    words = list(_WORD.finditer(headline))
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
    that opens a sentence (where a capital tells nothing); capitals only where the text
    never writes the word otherwise (a transcript's "MALVEAUX:" is Malveaux, CNN is CNN);
    not counting web addresses either."""
    text = _ADDRESS.sub(lambda found: " " * len(found.group()), text)
    seen: dict[str, Counter[str]] = {}
    for match in _WORD.finditer(text):
        word = match.group()
        key = word.casefold()
        if key in wanted and not _opens(text, match.start()):
            seen.setdefault(key, Counter())[word] += 1
    return {
        key: max(counts, key=lambda form: (len(form) == 1 or not form.isupper(), counts[form]))
        for key, counts in seen.items()
    }


def _opens(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or a line (capitalised for that
    alone, which says nothing of it)."""
    before = text[max(0, start - 4) : start].rstrip(" ")
    return not before or before[-1] in _ENDS
