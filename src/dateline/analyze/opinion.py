"""Opinion pieces: articles that argue rather than report, known by where their outlet files
them or by the label their title carries.

An editorial's "the withdrawal was far too little, too late" or a column's "banning rallies
has closed off a peaceful avenue" is the writer's view, and a timeline must not show it as a
happening of the day the piece came out.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from dateline.model import Article

# Path segments outlets file opinion under ("/commentisfree/2019/nov/18/...",
# "/opinion/columnists/...", "/voices/...").
OPINION_SECTIONS = frozenset(
    {
        "opinion",
        "opinions",
        "commentisfree",
        "comment",
        "commentary",
        "editorial",
        "editorials",
        "op-ed",
        "op-eds",
        "oped",
        "columnist",
        "columnists",
        "column",
        "columns",
        "letters",
        "voices",
    }
)
_LABELS = r"opinion|editorial|op-?ed|commentary|column|letters?"
# A title's label before it ("Opinion: ...", "EDITORIAL | ...") or after it ("... | Opinion").
_LABELLED = re.compile(
    rf"^\s*(?:{_LABELS})\s*[:|–—]\s*\S|\S\s*[|–—]\s*(?:{_LABELS})\s*$", re.IGNORECASE
)


def is_opinion(article: Article) -> bool:
    """Whether the article is an opinion piece (an editorial, a column, a letter)."""
    if article.url:
        path = urlsplit(article.url).path.casefold()
        if OPINION_SECTIONS.intersection(path.split("/")):
            return True
    return bool(article.title and _LABELLED.search(article.title))
