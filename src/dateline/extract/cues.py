"""Generic news-page furniture, shared by the HTML and the plain-text cleaners.

The vocabulary names what widgets and promotions say on any site, never one site's
strings. Each cue is capped by length, because a long paragraph that merely mentions
a newsletter or a copyright is story. Whole-line patterns allow trailing punctuation,
so they also match a line already stripped of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple


class Cue(NamedTuple):
    """A furniture pattern and the longest paragraph, in words, it may match."""

    pattern: re.Pattern[str]
    max_words: int


def matches(cues: Iterable[tuple[re.Pattern[str], int]], text: str, count: int) -> bool:
    """Whether a paragraph of ``count`` words matches a cue it is short enough for."""
    return any(count <= limit and pattern.search(text) for pattern, limit in cues)


_NETWORK = (
    r"whatsapp|facebook|twitter|x|linkedin|pinterest|reddit|messenger|flipboard|telegram|bluesky|threads|"
    r"instagram|youtube|tiktok"
)

RELATED_HEADING = Cue(
    re.compile(
        r"^(?:related(?: (?:articles|stories|content|coverage|links|reading|news|posts|topics|videos|internet links))?"
        r"|read (?:more|next|also)|also read|see (?:also|more)|keep reading|further reading|what to read next"
        r"|more(?: on this| (?:on|about) (?:this|these) (?:story|stories|topics?)"
        r"| (?:stories|news|coverage|like this|to read|to explore)| (?:from|in) [\w' ]{1,30})?"
        r"|explore more(?: on (?:this|these) topics?)?"
        r"|(?:most|top) (?:read|viewed|popular|shared|watched|commented)|popular(?: now| stories| articles| today)?"
        r"|trending(?: now| stories)?|top stories|latest(?: news| stories)?|in other news|recent posts"
        r"|editor'?s'? (?:choice|picks?)|recommended(?: for you| stories| reading)?"
        r"|suggested (?:topics|stories|articles|reading)|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)"
        r"|don'?t miss|(?:from )?around the web|(?:sponsored|promoted) stories|elsewhere on [\w ]+)\W*$",
        re.I,
    ),
    8,
)
"""A whole-line heading over a list of links to other stories: "Related", "Most read"."""

RELATED_LINK = Cue(
    re.compile(
        r"^(?:related|read (?:also|more|next)|also (?:read|see)|see (?:also|more)|more(?: on this)?|must read|"
        r"don'?t miss|recommended|suggested|trending|watch|listen)\s*[:|»>]",
        re.I,
    ),
    40,
)
"""One link to another story: "Related: ...", "Also Read | ...", "SEE MORE: ..."."""

READER_PROMPTS = [
    Cue(
        re.compile(
            r"\b(?:delivered|sent|straight|right|direct(?:ly)?) (?:to|in|into) your inbox\b", re.I
        ),
        40,
    ),
    Cue(
        re.compile(
            r"^(?:sign up|subscribe|register)\b.{0,80}\b(?:newsletters?|inbox|e-?mails?|updates|alerts)\b",
            re.I,
        ),
        40,
    ),
    Cue(re.compile(r"^subscribe to (?:our|the)\b", re.I), 40),
    Cue(re.compile(r"\bnewsletters?\W*$", re.I), 6),
    Cue(
        re.compile(
            r"^(?:if you (?:enjoyed|liked|value)|support (?:our|independent|quality) journalism)\b",
            re.I,
        ),
        60,
    ),
    Cue(
        re.compile(
            rf"\bfollow (?:us|him|her|them|@\w+|[A-Z]\w+(?: [A-Z]\w+)?) on (?:{_NETWORK})\b", re.I
        ),
        60,
    ),
    Cue(re.compile(r"^(?:have|got) a (?:news )?tip\b", re.I), 40),
]
"""Newsletter and subscription boxes, support appeals, social follow and tip prompts."""

COPYRIGHT = Cue(re.compile(r"^(?:copyright\b|©|\(c\)\s*\d{4})|\ball rights reserved\b", re.I), 40)
"""A copyright or "All rights reserved" line."""

TAGS = Cue(
    re.compile(
        r"^(?:tags?|topics?|keywords|categories|category|filed under|posted in|more about)\s*:",
        re.I,
    ),
    40,
)
"""A taxonomy line: "Tags: ...", "Filed under: ..."."""

ADVERT = Cue(
    re.compile(
        r"^(?:advertisement|advert|ads?|sponsored(?: content)?|promoted|paid (?:post|content)"
        r"|(?:story|article) continues (?:below|after (?:this )?(?:ad|advertisement))(?: advertisement)?"
        r"|continue reading(?: below| the main story)?|scroll (?:down )?(?:to continue(?: reading)?|for video))\W*$",
        re.I,
    ),
    6,
)
"""A whole-line advertisement marker or "Story continues below" break."""

SHARE_BAR = Cue(
    re.compile(
        r"^(?:share (?:on|via|to) [\w ]+\W*"
        rf"|(?:(?:share|tweet|e-?mail|print|copy(?: link)?|(?:link )?copied|save[sd]?(?: for later)?|gift|bookmark|"
        rf"comments?|mailto|rss|{_NETWORK}|on|via|to|this|the|article|story|page)\b\W*)+)$",
        re.I,
    ),
    12,
)
"""A share bar: nothing but share verbs and network names ("Share Tweet Email")."""

REPORTING_CREDITS = [
    Cue(
        re.compile(
            r"^\(?(?:(?:additional|further|contributing|extra) )?(?:reporting|writing|editing|research|compiled|"
            r"translated|produced|edited|graphics|photos|video)(?: and \w+)? by\b|;\s*editing by\b",
            re.I,
        ),
        60,
    ),
    Cue(
        re.compile(r"\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))\b", re.I),
        30,
    ),
    Cue(re.compile(r"^\(?with inputs from\b", re.I), 12),
]
"""Reporting, editing and wire credits: "(Reporting by A; Editing by B)"."""

PICTURE_LABEL = re.compile(
    r"(?:(?:photograph|photo|picture|image|video|illustration|graphic|composite|cover image|file photo)s?"
    r"(?: credit)?|credits?)\s*(?::|by\b)\s*",
    re.I,
)
"""The label that opens a photo credit: "Photo: ", "Image by ", "Credit: "; unanchored."""
