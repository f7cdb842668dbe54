"""Line filters for page furniture that survives trafilatura: the repeated headline,
newsletter and follow boxes, share bars, "Related:" lists and photo credits.

Each rule looks at one extracted paragraph (plus, for lists, the ones after it) and is
capped by length, because a long paragraph that merely mentions a newsletter is story.
"""
from __future__ import annotations

import re

from dateline.extract.html_lines import Line, words

# Whole-line markers that open a list of links to other stories.
_LIST_MARKER = re.compile(
    r"^(related( (stories|articles|content|coverage|links|reading|news|posts))?|read (more|also|next)|"
    r"see (more|also)|more( (on this|stories|news|coverage|from \w+( \w+)?))?|also read|don'?t miss|"
    r"you (may|might) (also )?(like|enjoy)|recommended( for you)?|most (popular|read|viewed)|"
    r"trending( now)?|further reading|popular (stories|articles)|top stories|latest news|what to read next)"
    r"\W*$",
    re.I,
)
# A headline-like line inside such a list: short and not ending a sentence.
_MAX_LIST_ITEM_WORDS = 25
_SENTENCE_END = re.compile(r"[.!?\"”’:]\W*$")

# (pattern, longest line it may drop, in words)
_FURNITURE = [
    # "Related: ...", "SEE MORE: ...", "Read more: ..." single links
    (re.compile(r"^(related|read (more|also|next)|see (more|also)|also read|more|watch|listen|recommended)\s*[:|»>]", re.I), 30),
    # newsletter and subscription boxes
    (re.compile(r"\b(delivered|sent|straight|right|direct(ly)?) (to|in|into) your inbox\b", re.I), 40),
    (re.compile(r"^(sign up|subscribe|register)\b.{0,80}\b(newsletters?|inbox|e-?mails?|updates|alerts)\b", re.I), 40),
    (re.compile(r"^subscribe to (our|the)\b", re.I), 40),
    (re.compile(r"\bnewsletters?\W*$", re.I), 6),
    (re.compile(r"^(if you (enjoyed|liked|value)|support (our|independent|quality) journalism)\b", re.I), 60),
    # social follow lines and author contact boxes
    (re.compile(r"\bfollow (us|him|her|them|@\w+|[A-Z]\w+( [A-Z]\w+)?) on (twitter|facebook|instagram|youtube|linkedin)\b", re.I), 60),
    (re.compile(r"^(have|got) a (news )?tip\b", re.I), 40),
    # taxonomy, advertising and legal lines
    (re.compile(r"^(filed under|tags?|topics?|categories|category|posted in)\s*:", re.I), 30),
    (re.compile(r"^(advertisement|sponsored( content)?|story continues below( advertisement)?|continue reading( below)?|scroll down for video)\W*$", re.I), 6),
    (re.compile(r"^(copyright\b|©)|\ball rights reserved\b", re.I), 30),
    # share bars: nothing but share verbs and network names
    (re.compile(
        r"^((share|tweet|email|e-mail|print|copy link|comments?|save|whatsapp|facebook|twitter|linkedin|"
        r"pinterest|reddit|messenger|flipboard|on|this|article|story|via)\W*)+$",
        re.I,
    ), 12),
]

# Photo credits and captions that trafilatura leaves in the text.
_CREDIT = re.compile(
    r"^\(?(photo|image|picture|video|illustration|graphic|cover image)s?( credit)?\s*(:|by\b)|"
    r"\bphotos? ©|"
    r"\((photo|image)s?( credit)?:[^)]*\)\W*$|"
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
        if _LIST_MARKER.match(text):
            in_list = True
            continue
        # a subheading or a sentence ends the list of links
        if in_list and line.tag != "head" and count <= _MAX_LIST_ITEM_WORDS and not _SENTENCE_END.search(text):
            continue
        in_list = False
        if count <= _MAX_CREDIT_WORDS and _CREDIT.search(text):
            credits.append(text)
        elif not any(count <= limit and pattern.search(text) for pattern, limit in _FURNITURE):
            body.append(text)
    return body, credits


def _drop_head(lines: list[Line], headlines: list[str], description: str | None, standfirst: str | None) -> list[Line]:
    """The lines without a repeated headline, standfirst or timestamp at the top."""
    drop = set()
    for index, line in enumerate(lines[:_HEAD_LINES]):
        tokens = words(line.text)
        if any(_is_title(line.text, headline) for headline in headlines):
            drop.add(index)
        elif standfirst and tokens == words(standfirst):
            drop.add(index)
        elif description and line.tag == "head" and tokens == words(description):
            drop.add(index)
        elif len(line.text.split()) <= _MAX_TIMESTAMP_WORDS and _CLOCK.search(line.text) and _DATE.search(line.text):
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

