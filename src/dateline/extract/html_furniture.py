"""Line filters for page furniture that survives trafilatura: the repeated headline,
newsletter and follow boxes, share bars, "Related:" lists and photo credits.

Each rule looks at one extracted paragraph (plus, for lists, the ones after it) and is
capped by length, because a long paragraph that merely mentions a newsletter is story.
The vocabulary is shared with the plain-text cleaner, in :mod:`dateline.extract.cues`.
"""

from __future__ import annotations

import re

from dateline.extract import cues
from dateline.extract.html_lines import Line, words

# A headline-like line inside a list of links: short and not ending a sentence.
_MAX_LIST_ITEM_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?\"”’:]\W*$")

_FURNITURE = [
    cues.RELATED_LINK,
    cues.TAGS,
    cues.ADVERT,
    cues.COPYRIGHT,
    cues.SHARE_BAR,
    *cues.READER_PROMPTS,
    *cues.REPORTING_CREDITS,
]

# Photo credits and captions that trafilatura leaves in the text.
_CREDIT = re.compile(
    rf"^\(?{cues.PICTURE_LABEL.pattern}|"
    r"\bphotos? ©|"
    rf"\({cues.PICTURE_LABEL.pattern}[^)]*\)\W*$|"
    r"\b(getty images|shutterstock|ap photo|afp photo|reuters/)\b[^.]{0,40}\)?\W*$",
    re.I,
)
_MAX_CREDIT_WORDS = 30
# The headline and standfirst, when repeated, come before the story's second paragraph.
_HEAD_LINES = 3
_SITE_NAME_WORDS = 4
# "5:45 AM PST 11/19/2019 by ...", "sexta-feira, 22 de outubro de 2010 às 20:13"
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d{2}\b")
_DATE = re.compile(r"\b(19|20)\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")
_MAX_TIMESTAMP_WORDS = 14


def drop_furniture(
    lines: list[Line], headlines: list[str], description: str | None, standfirst: str | None
) -> tuple[list[str], list[str]]:
    """Split extracted paragraphs into story and photo credits, dropping furniture.

    Args:
        lines: whitespace-normalised paragraphs as trafilatura returned them.
        headlines: the page's title and its <h1> texts, dropped when they open the body.
        description: the page's meta description. Often a copy of the first paragraph,
            so it is dropped only when it opens the body as a heading (a standfirst).
        standfirst: the text of the page's standfirst element, dropped when it opens
            the body.

    Returns:
        The story paragraphs and the credit lines found among them.
    """
    body: list[str] = []
    credits: list[str] = []
    in_list = False
    for line in _drop_head(lines, headlines, description, standfirst):
        text, count = line.text, len(words(line.text))
        if cues.matches([cues.RELATED_HEADING], text, count):
            in_list = True
            continue
        # a subheading or a sentence ends the list of links
        if (
            in_list
            and line.tag != "head"
            and count <= _MAX_LIST_ITEM_WORDS
            and not _SENTENCE_END.search(text)
        ):
            continue
        in_list = False
        if count <= _MAX_CREDIT_WORDS and _CREDIT.search(text):
            credits.append(text)
        elif not cues.matches(_FURNITURE, text, count):
            body.append(text)
    return body, credits


def _drop_head(
    lines: list[Line], headlines: list[str], description: str | None, standfirst: str | None
) -> list[Line]:
    """The lines without a repeated headline, standfirst or timestamp at the top."""
    drop = set()
    for index, line in enumerate(lines[:_HEAD_LINES]):
        tokens = words(line.text)
        if (
            any(_is_title(line.text, headline) for headline in headlines)
            or (standfirst and tokens == words(standfirst))
            or (description and line.tag == "head" and tokens == words(description))
            or (
                len(line.text.split()) <= _MAX_TIMESTAMP_WORDS
                and _CLOCK.search(line.text)
                and _DATE.search(line.text)
            )
        ):
            drop.add(index)
    return [line for index, line in enumerate(lines) if index not in drop]


def _is_title(line: str, title: str) -> bool:
    """Whether a line repeats the headline, allowing a site name on either side's end."""
    got, wanted = words(line), words(title)
    if not got:
        return False
    if got == wanted or (len(got) >= 4 and wanted[: len(got)] == got):
        return True
    return got[: len(wanted)] == wanted and len(got) - len(wanted) <= _SITE_NAME_WORDS
