"""What the words around a story say about it: datelines, bylines, sign-offs, credits, bios.

Each reader takes one line or paragraph and answers only when the whole of it has the
shape it looks for, so that ordinary sentences ("By Monday, troops had...", "Reuters
reported...") are never taken for bylines or wire credits.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from courlan import extract_domain

from dateline.extract.dates import MONTH, find_dates
from dateline.extract.meta_agencies import agency

# Words that open a first paragraph in capitals without being a place.
_NOT_PLACES = {
    "ADVERTISEMENT", "ALERT", "ANALYSIS", "BREAKING", "COMMENT", "CORRECTION", "EDITORIAL",
    "EXCLUSIVE", "EXPLAINER", "FACTBOX", "FEATURE", "FILE", "FLASH", "INTERVIEW", "LIVE", "NEW",
    "NOTE", "OPINION", "PHOTO", "PHOTOS", "READ MORE", "REVIEW", "SPONSORED", "UPDATE", "UPDATED",
    "URGENT", "VIDEO", "WATCH", "EDITOR'S NOTE", "EDITOR’S NOTE",
}  # fmt: skip
# Lower-case words inside place names: "RIO DE JANEIRO" -> "Rio de Janeiro".
_PLACE_PARTICLES = {
    "de", "da", "do", "dos", "del", "la", "le", "el", "al", "of", "the", "on", "upon", "am", "an", "der",
}  # fmt: skip

_CAPS_PLACE = r"[A-Z][A-Z'’.\-/]*(?:\s+[A-Z][A-Z'’.\-/]*){0,3}"
_NAMED_PLACE = r"[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,3}"
_LEAD_TAIL = (
    r"(?:,\s*(?P<region>[A-Z][\w'’.\-]*(?:\s+[A-Z][\w'’.\-]*){0,2}))??"
    rf"(?:[,.]?\s+(?P<when>{MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH}))?"
    r"\s*(?:\((?P<credit>[^()]{2,40})\))?"
    r"\s*(?P<sep>[-–—:]+)\s*(?=[^\sa-z])"
)
_CAPS_LEAD = re.compile(rf"^\s*(?P<place>{_CAPS_PLACE}){_LEAD_TAIL}")
_NAMED_LEAD = re.compile(rf"^\s*(?P<place>{_NAMED_PLACE}){_LEAD_TAIL}")
_CREDIT_ONLY = re.compile(r"^\s*\((?P<credit>[^()]{2,40})\)\s*[-–—:]+\s*")


@dataclass(frozen=True)
class Lead:
    """The dateline opening a story: "KYIV, Jan 18 (Reuters) -".

    Attributes:
        place: the place, title-cased ("Kyiv"); None for a bare "(Reuters) -".
        when: the day and month as written ("Jan 18"), when given.
        wire: the agency in the parentheses, when it is one.
        end: the length of the dateline and its separator in the paragraph.
    """

    place: str | None
    when: str | None
    wire: str | None
    end: int = 0  # where the story's first sentence starts after it


def read_lead(paragraph: str) -> Lead | None:
    """The dateline at the start of a paragraph, or None when it has none.

    A place in capitals ("KYIV -", "NEW DELHI:") is enough. A place in ordinary case
    must come with a date or a credit ("Moscow, January 18 (Interfax) -") or a region
    and a colon ("Abu Dhabi, UAE:"), since "Ukraine - " alone could open a sentence.
    """
    caps = _CAPS_LEAD.match(paragraph)
    if caps and _is_place(caps["place"]):
        return _lead(caps)
    named = _NAMED_LEAD.match(paragraph)
    if named and (
        named["when"] or agency(named["credit"]) or (named["region"] and named["sep"] == ":")
    ):
        return _lead(named)
    bare = _CREDIT_ONLY.match(paragraph)
    if bare and agency(bare["credit"]):
        return Lead(None, None, agency(bare["credit"]), bare.end())
    return None


def _lead(match: re.Match[str]) -> Lead:
    """A ``Lead`` from a dateline match."""
    place = match["place"].strip(" .'’-/")
    wire = agency(place)
    if wire:
        # "REUTERS - ..." names the source, not a place.
        return Lead(None, match["when"], wire, match.end())
    credit = match["credit"]
    # The parentheses after a dateline credit the source, an agency or any other
    # outlet: "BRUSSELS (Harbour Wire) -".
    return Lead(
        _title_case(place),
        match["when"],
        agency(credit) or (outlet(credit) if credit else None),
        match.end(),
    )


def _is_place(text: str) -> bool:
    """Whether a capitalised opening can be a place: not a label, not a salutation."""
    text = text.strip(" .'’-/")
    return (
        text not in _NOT_PLACES
        and not text.startswith("DEAR ")
        and sum(c.isalpha() for c in text) >= 2
    )


def _title_case(place: str) -> str:
    """ "NEW YORK" -> "New York", "KYIV/MOSCOW" -> "Kyiv/Moscow"; mixed case is kept."""
    if not place.isupper():
        return place
    words = []
    for index, word in enumerate(place.split()):
        lower = word.lower()
        if index and lower in _PLACE_PARTICLES:
            words.append(lower)
        else:
            words.append(re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), lower))
    return " ".join(words)


# Person names ---------------------------------------------------------------------

# Words that make a "name" an organisation or a job, not a person.
_NOT_NAME_WORDS = {
    "agency", "agencies", "bureau", "channel", "chief", "columnist", "contributor",
    "correspondent", "daily", "desk", "editor", "editorial", "editors", "group", "herald",
    "independent", "journal", "media", "network", "news", "newsroom", "online", "post", "press",
    "radio", "reporter", "reporters", "service", "staff", "team", "times", "tribune", "tv",
    "wire", "writer", "writers", "board", "office", "ministry", "analyst", "producer",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}  # fmt: skip
_NAME_PARTICLES = {
    "de", "da", "del", "della", "der", "den", "van", "von", "bin", "ibn", "al", "el", "la", "le",
    "di", "du", "dos", "ter", "y",
}  # fmt: skip
_ROMAN = {"II", "III", "IV", "Jr.", "Sr.", "Jr", "Sr"}
_MONTH_WORD = re.compile(rf"^{MONTH}$")


def person_name(text: str) -> str | None:
    """``text`` as a person's name, or None when it does not look like one.

    Two to five words, each capitalised (particles such as "de" or "al" aside), no
    digits, no organisation or job words, no acronyms. A name written in capitals
    ("JANE DOE") is title-cased.
    """
    name = " ".join(text.strip(" \t\"'“”‘’()[]|,;:.-–—").split())
    if name.endswith((" Jr", " Sr")):
        name += "."
    words = name.split()
    if (
        not 2 <= len(words) <= 5
        or any(char.isdigit() for char in name)
        or words[0].lower() == "the"
    ):
        return None
    if name.isupper():
        words = [_title_word(word) for word in words]
    for index, word in enumerate(words):
        bare = word.strip(".,")
        if word.lower() in _NOT_NAME_WORDS or _MONTH_WORD.match(word) or "@" in word:
            return None
        if word in _ROMAN and index:
            continue
        if bare.lower() in _NAME_PARTICLES and 0 < index < len(words) - 1:
            continue
        if not _is_name_word(bare) or (
            word.endswith(".") and len(bare) > 2 and index < len(words) - 1
        ):
            # "Cunningham. Sputnik International" is a name and a sentence, not a name.
            return None
    return " ".join(words)


def _is_name_word(word: str) -> bool:
    """Capitalised, and an initial ("J.") rather than an acronym ("BBC")."""
    letters = [char for char in word if char.isalpha()]
    if not letters or not word[0].isupper():
        return False
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return "." in word  # "J.R." is initials, "BBC" an organisation
    return all(char.isalpha() or char in ".'’-" for char in word)


def _title_word(word: str) -> str:
    """ "O'NEIL" -> "O'Neil", "SMITH-JONES" -> "Smith-Jones"."""
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())


# Bylines --------------------------------------------------------------------------

# Any case: "by Jane Doe" is a byline too, but then (as a wrapped line of a sentence
# could start "by Governor Jane Doe, who") it must hold nothing but names.
_BY = re.compile(r"^\s*(?:(?:words|written|story|text|posted)\s+by|by|authors?:)\s+", re.IGNORECASE)
# "Posted by Jane Doe on January 18, 2026": the date is not part of the name.
_ON_DATE = re.compile(rf"\s+on\s+(?:[A-Z][a-z]+,?\s+)?(?:{MONTH}|\d).*$")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\|)\s*|\s+(?:and|AND|with|With|WITH)\s+")
_WHERE = re.compile(r"\s+(?:in|from|at)\s+[A-Z][\w .'’-]*$")
_PIECE_SEP = re.compile(r"\s+[|•·]\s+|\s+[-–—]\s+")
_STAFF = re.compile(r"\bstaff\b|\breporters?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Byline:
    """Names and the agency a byline gives."""

    authors: tuple[str, ...] = ()
    wire: str | None = None


def read_byline(line: str) -> Byline | None:
    """The byline a line is, or None.

    "By Jane Doe and John Roe", "by JANE DOE, Reuters", "By Jane Doe in Kyiv | Jan 18,
    2026", "Posted by Jane Doe on Jan 18, 2026", "By AFP", "Reuters staff" and a line of
    names with an agency and nothing else ("Jane Doe, Reuters"). "With AFP" inside a
    byline credits the agency.
    """
    if len(line) > 160:
        return None
    pieces = _PIECE_SEP.split(line.strip())
    first = pieces[0]
    has_by = bool(_BY.match(first))
    names_only = not has_by or first.lstrip()[:1].islower()
    if has_by:
        first = _ON_DATE.sub("", _BY.sub("", first))
    parts = [part for part in _NAME_SPLIT.split(first) if part]
    authors: list[str] = []
    wire = None
    for index, part in enumerate(parts):
        part = _WHERE.sub("", part.strip())
        name = person_name(part)
        if agency(part):
            wire = wire or agency(part)
        elif name:
            authors.append(name)
        elif names_only or index == 0:
            # Without "By" (or after "by") every part must be a name or an agency; with it, the first.
            return None
    # Pieces after a "|" or dash may add an agency ("By Jane Doe | AFP") or a date.
    for piece in pieces[1:]:
        wire = wire or agency(piece)
    if not has_by and not (authors and wire) and not (wire and agency(first)):
        return None
    if not has_by and agency(first) and len(pieces) == 1 and not _STAFF.search(first):
        # A bare "Reuters" line is as often a photo credit as a byline.
        return None
    return Byline(tuple(authors), wire)


# A job title under or after a byline's name: "Transport correspondent, BBC West",
# "North of England correspondent". The job word is in lower case, as in a title and
# unlike a Title Case headline ("Musk Hires Fox Editor").
_JOB = r"(?:correspondent|editor|reporter|writer|journalist|columnist)s?"
_ROLE = re.compile(rf"^[A-Z][\w'’-]*(?:\s+[\w'’-]+){{0,5}}\s+{_JOB}(?:,(?:\s+[\w'’-]+){{1,4}})?$")


def read_name_role(line: str, following: str = "") -> str | None:
    """The person a byline without "By" names by giving their job, or None.

    The name is a line of its own over the title ("Jane Doe" then "Economics editor,
    BBC News") or runs into it ("Jane Doe North of England correspondent"): then the
    longest name that leaves a title starting with a capital.
    """
    if _ROLE.match(following) and person_name(line):
        return person_name(line)
    words = line.split()
    for cut in range(min(4, len(words) - 1), 1, -1):
        name = person_name(" ".join(words[:cut]))
        if name and _ROLE.match(" ".join(words[cut:])):
            return name
    return None


# Wire sign-offs and credits -------------------------------------------------------

# Caption and photo-credit words: an agency named beside them credits a picture.
_PICTURE = re.compile(
    r"\b(?:photo|photos|photograph|photographer|picture|pictures|pic|image|images|getty|"
    r"caption|illustration|video|footage|file)\b|/",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(r"(?:[-–—]+\s*|\(|^)\s*(?P<name>[^-–—()]{2,40}?)\s*\)?\s*\.?\s*$")
# "With AFP", "(With The Moscow Times)", "Reuters, with The Moscow Times": the source
# named first is the main one.
_CREDIT = re.compile(
    r"^\W*(?:(?P<main>[^(),]+),\s*)?(?:[-–—]\s*)?with\s+(?:reporting\s+(?:by|from)\s+|material\s+from\s+)?"
    r"(?P<names>[^()]+?)\W*$",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"^\W*(?P<names>[^()]+?)\s+contributed(?:\s+reporting|\s+to\s+this\s+(?:report|story|article))?\W*$",
    re.IGNORECASE,
)
_GENERIC_CREDITS = {
    "agencies", "agency", "wires", "wire services", "news agencies", "agency reports", "wire reports",
}  # fmt: skip
# An outlet named in a credit: two to five capitalised words, or "The" and one.
_OUTLET = re.compile(r"^(?:The\s+[A-Z][\w'’&.\-]*|[A-Z][\w'’&.\-]*(?:\s+[A-Z][\w'’&.\-]*){1,4})$")
# Reuters closes its stories with "(Reporting by A in Kyiv; Editing by B)"; other
# agencies credit differently (AP: "Associated Press writer X contributed"), so the
# pair "Reporting by ... Editing by" identifies a Reuters story even when reposted.
_TAGLINE = re.compile(
    r"^\W*(?:Additional\s+)?(?:Reporting|Writing)\s+by\s.+\bEditing\s+by\s", re.IGNORECASE
)
_TAG_PART = re.compile(r"(?:^|;)\s*(?:Reporting|Writing)\s+by\s+(?P<names>[^;()]+)", re.IGNORECASE)


def sign_off_wire(paragraph: str) -> str | None:
    """The agency a closing line names: "— REUTERS", "(AP)", "AFP", "... said. — Reuters".

    A photo credit ("REUTERS/Gleb Garanich", "Photo: AFP") is not a sign-off.
    """
    if _PICTURE.search(paragraph):
        return None
    if agency(paragraph):
        return agency(paragraph)
    match = _SIGN_OFF.search(paragraph)
    return agency(match["name"]) if match else None


def credit_wire(line: str) -> str | None:
    """The source a credit line names: "— with AFP", "(With The Moscow Times)",
    "Reuters, with The Moscow Times", "Reuters contributed reporting."

    An agency is returned under its canonical name; another outlet's name as written.
    "With agencies" names no one and gives None.
    """
    if len(line) > 80:
        return None
    match = _CREDIT.match(line) or _CONTRIBUTED.match(line)
    if not match:
        return None
    credited = (match.groupdict().get("main"), match["names"])
    names = [part for text in credited if text for part in _NAME_SPLIT.split(text) if part]
    for part in names:
        if agency(part):
            return agency(part)
    if re.search(r"\breporting\s+(?:by|from)\b", line, re.IGNORECASE):
        return None  # "with reporting by Jane Doe" credits people
    return next(filter(None, map(outlet, names)), None)


def outlet(text: str) -> str | None:
    """``text`` when it is a news outlet's name ("The Moscow Times", "Harbour Wire").

    Not a person, a picture credit, "agencies" or a job ("The Editors").
    """
    name = text.strip()
    if (
        name.lower() in _GENERIC_CREDITS
        or not _OUTLET.match(name)
        or person_name(name)
        or _PICTURE.search(name)
    ):
        return None
    return None if re.search(rf"\b{_JOB}$", name, re.IGNORECASE) else name


# Author bios ----------------------------------------------------------------------

_EMPLOYER = r"(?P<name>(?:The\s+)?[A-Z][\w'’&\-]*(?:\s+[A-Z][\w'’&\-]*){0,4})"
# Where a bio says its author works: "is a news editor at the Kyiv Independent",
# "covers politics for The Associated Press" in its first sentence ("previously worked
# for ..." comes later), "joined Reuters in 2019" in any.
_WORKS_AT = re.compile(rf"\s(?:at|for|with)\s+(?:the\s+)?{_EMPLOYER}")
_JOINED = re.compile(rf"\sjoined\s+(?:the\s+)?{_EMPLOYER}")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# "has written for", "previously worked at": a past employer, or a freelancer's clients.
_PAST = re.compile(r"\b(?:written|wrote|worked|was|were|previously|formerly)\b")


def read_bio(paragraph: str, authors: Iterable[str]) -> str | None:
    """The outlet an author's bio says they work for, or None when it is not a bio.

    A bio opens with an author's name or surname and a verb: "Jane Doe is a reporter at
    the Kyiv Post.", "Doe covers energy for Reuters." An agency comes back under its
    canonical name.
    """
    names = {form for author in authors for form in (author, author.split()[-1])}
    if not any(re.match(rf"{re.escape(name)}\s+[a-z]", paragraph) for name in names):
        return None
    first = _SENTENCE_END.split(paragraph, maxsplit=1)[0]
    for match in (*_WORKS_AT.finditer(first), *_JOINED.finditer(paragraph)):
        if _PAST.search(match.string[: match.start()]):
            continue
        found = agency(match["name"]) or outlet(match["name"])
        if found:
            return found
    return None


def read_tagline(line: str) -> tuple[str, ...] | None:
    """The reporters and writers of a Reuters tagline, or None when the line is not one."""
    if not _TAGLINE.match(line):
        return None
    names = []
    for part in _TAG_PART.finditer(line.strip().strip("()")):
        for piece in _NAME_SPLIT.split(part["names"]):
            name = person_name(_WHERE.sub("", piece.strip()))
            if name:
                names.append(name)
    return tuple(dict.fromkeys(names))


# Publisher signatures -------------------------------------------------------------

_SIGNATURES = (
    ("publisher", re.compile(r"^\W*Publisher\s*:\s*(?P<name>.+)$", re.IGNORECASE)),
    ("source", re.compile(r"^\W*Source\s*:\s*(?P<name>.+)$", re.IGNORECASE)),
    # An aggregator's link back: "Read the original article on Daily Courier".
    (
        "original",
        re.compile(
            r"^\W*Read\s+the\s+original\s+(?:article|story|post)\s+(?:on|at)\s+(?P<name>.+)$", re.I
        ),
    ),
    (
        "published by",
        re.compile(r"^\W*(?:Originally\s+)?Published\s+by\s+(?P<name>.+)$", re.IGNORECASE),
    ),
    ("copyright", re.compile(r"^\W*(?:©|\(c\)|copyright\b\s*©?)\s*(?P<name>.+)$", re.IGNORECASE)),
    (
        "copyright",
        re.compile(r"^\W*(?P<name>[A-Z][\w'’&.\- ]{1,60}?)\s*©\s*(?:19|20)\d\d\b"),
    ),  # "Ledger © 2026."
    # The heading of a site's own appeal for money: "A Message from The Moscow Times:".
    ("message", re.compile(r"^\W*A\s+message\s+from\s+(?P<name>.+?)\s*:$", re.IGNORECASE)),
)
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_YEARS = re.compile(r"(?:\b(?:19|20)\d\d\s*[-–—]\s*)?\b(?:19|20)\d\d\b")
_RIGHTS = re.compile(r"[.,]?\s*all rights reserved.*$|[.,]?\s*\b(?:on|at)\s+\S.*$", re.IGNORECASE)
# "Source: Al Jazeera and news agencies": the outlet, helped by agencies it does not name.
_AND_GENERIC = re.compile(
    rf"\s+(?:and|&|with)\s+(?:{'|'.join(sorted(map(re.escape, _GENERIC_CREDITS), key=len, reverse=True))})$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Signature:
    """A line that names where a text comes from: "Source: X", "© 2026 X".

    ``kind`` is "publisher", "source", "original", "published by", "copyright" or
    "message"; ``name`` the outlet as written, or its registered domain when the line
    gives a URL or a bare domain; ``wire`` the agency it names as helping ("Source: X
    with AFP"), if any.
    """

    kind: str
    name: str
    wire: str | None = None


# A bare domain: "example.com", "news.example.co.uk".
_BARE_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$", re.IGNORECASE)
# "X with AFP", "X and Reuters": the outlet, then the agencies it credits.
_HELPED_BY = re.compile(r"\s+(?:with|and|&)\s+")
# A sentence of a disclaimer that ends with a signature: "... edited by us. Publisher: x.com"
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=(?:Publisher|Source)\s*:)")


def read_signature(line: str) -> Signature | None:
    """The signature a line is, or ends with (after a disclaimer's sentences), or None."""
    pieces = _LAST_SENTENCE.split(line.strip())
    if len(pieces) > 1:
        return _read_signature(pieces[-1])
    return _read_signature(line)


def _read_signature(line: str) -> Signature | None:
    """The signature a whole line is, or None."""
    if len(line) > 120 and not re.search(r"\ball rights reserved\b", line[:120], re.IGNORECASE):
        return None  # a sentence; a copyright notice may run on after its rights clause
    for kind, pattern in _SIGNATURES:
        match = pattern.match(line.strip())
        if not match:
            continue
        name = match["name"]
        url = _URL.search(name)
        if url and not _URL.sub("", name).strip(" ()[]-–—|,.:"):
            domain = extract_domain(
                url.group(0) if "://" in url.group(0) else "https://" + url.group(0)
            )
            return Signature(kind, domain) if domain else None
        if _BARE_DOMAIN.match(name.strip(" .")):
            return Signature(kind, name.strip(" .").lower())
        name = _RIGHTS.sub("", _YEARS.sub("", _URL.sub("", name)))
        name = _AND_GENERIC.sub("", " ".join(name.strip(" ()[]-–—|,.:;©").split()))
        parts = _HELPED_BY.split(name)
        helpers = [agency(part) for part in parts[1:]]
        wire = None
        if len(parts) > 1 and all(helpers):
            name, wire = parts[0], helpers[0]
        if kind == "message" and not outlet(name):
            return None  # "A message from Jane Doe:", "A Message From The Editor"
        # A name, not a citation ("Source: Defence Ministry, October 25") or "agencies".
        if (
            name[:1].isupper()
            and len(name.split()) <= 8
            and not any(char.isdigit() for char in name)
            and not find_dates(name)
            and name.lower() not in _GENERIC_CREDITS
            and not _PICTURE.search(name)  # "Photo © 2026 Jane Doe", "Jane Doe/Reuters"
        ):
            return Signature(kind, name, wire)
        return None
    return None


def split_credit(text: str) -> Byline:
    """Names and agency in a metadata author value: "Jane Doe, John Roe", "By Reuters".

    Unlike ``read_byline`` the value is known to name authors, so parts that are neither
    a person nor an agency (a site name, "Staff") are dropped rather than rejecting it.
    """
    authors: list[str] = []
    wire = agency(text)
    if wire is None:
        for part in _NAME_SPLIT.split(_BY.sub("", text.strip())):
            wire = wire or agency(part)
            name = None if agency(part) else person_name(part)
            if name:
                authors.append(name)
    return Byline(tuple(authors), wire)


# Newsletter prompts --------------------------------------------------------------------

_PROMPT = re.compile(r"\b(?:newsletters?|inbox|sign up|subscribe|subscription)\b", re.IGNORECASE)
# "Get the Harbour Courier's Morning Briefing", "Sign up for The Coastline Herald's
# newsletter": a possessive after "the" names an outlet, not a person ("Jane Doe's
# newsletter" is a columnist's). A lower-case "the" is not part of the name.
_OWNER = re.compile(
    r"(?:(?<=\s)the|\bThe)\s+(?P<name>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,4})['’]s\b"
)
_MAX_PROMPT_CHARS = 200


def read_prompt(line: str) -> str | None:
    """The outlet a newsletter or follow prompt names as its own, or None.

    "Get the Harbour Courier's Morning Briefing newsletter" -> "Harbour Courier";
    "Sign up for The Coastline Herald's free newsletters" -> "The Coastline Herald".
    """
    if len(line) > _MAX_PROMPT_CHARS or not _PROMPT.search(line):
        return None
    for match in _OWNER.finditer(line):
        name = match["name"]
        full = f"The {name}" if match.group(0).startswith("The") else name
        if agency(name) or _PICTURE.search(name) or name.lower() in _GENERIC_CREDITS:
            continue
        return full
    return None
