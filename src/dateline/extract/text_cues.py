"""What one pasted paragraph looks like on its own: sentence, heading, metadata, credit.

The vocabulary is generic web-page furniture (share bars, newsletter boxes, photo
credits, related-link headings, consent prompts), never one site's strings; what the
HTML cleaner knows too lives in :mod:`dateline.extract.cues`. Context (position,
repetition, list shape) is judged in :mod:`dateline.extract.text`.
"""

from __future__ import annotations

import enum
import functools
import re

from dateline.extract import cues
from dateline.extract.dates import MONTH
from dateline.extract.meta_agencies import agency


class Kind(enum.Enum):
    """What a paragraph is, judged without its neighbours."""

    SENTENCE = "sentence"  # ends like prose: a story paragraph unless context says otherwise
    LINE = "line"  # short text without sentence punctuation: headline, heading, teaser, name
    META = "meta"  # byline, timestamp, reading time, source or reporting credit
    FURNITURE = "furniture"  # a known widget or promotion, dropped wherever it is
    CAPTION = "caption"  # a photo caption or one with its credit
    CREDIT = "credit"  # a bare photo credit; may belong to the caption line above
    LABEL = "label"  # "Image caption," alone: the caption is the next line
    LIST = "list"  # heading of a list of links to other stories
    TERMINAL = "terminal"  # opens comments or an author box: nothing after it is story
    SUMMARY = "summary"  # heading of a summary block ("Key points")
    SKIP_OPEN = "skip_open"  # "skip past newsletter promotion"
    SKIP_CLOSE = "skip_close"  # "after newsletter promotion"


STRONG_WORDS = 12  # a sentence this long is story text, not a button or a teaser

# Scripts written without spaces (Chinese, Japanese) count two characters as a word,
# about what a word is worth in them, so that their sentences weigh like others.
_UNSPACED = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(
    rf"[{_UNSPACED}]{{1,2}}|(?:(?![{_UNSPACED}])\w)+(?:['’.-](?:(?![{_UNSPACED}])\w)+)*"
)
_BULLET = re.compile(r"^(?:[•·▪●◦‣∙*–—-]|\d{1,2}[.)])\s+")
_CLOSERS = "\"'”’»)]"
_SENTENCE_END = re.compile(rf"[.!?…:。！？][{re.escape(_CLOSERS)}」』）]*$")
_QUOTE = re.compile(r"[\"“”„«»]|(?:^|\s)['‘]")


@functools.lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The words of a text, bullets and punctuation left out. (Kept for the texts seen
    last: the cues ask for one line's words many times.)"""
    return tuple(_WORD.findall(strip_bullet(text)))


def strip_bullet(text: str) -> str:
    """The text without a leading list marker."""
    return _BULLET.sub("", text, count=1)


def is_bullet(text: str) -> bool:
    """Whether the text starts with a list marker."""
    return bool(_BULLET.match(text))


def has_quote(text: str) -> bool:
    """Whether the text contains quotation marks (reported speech is never furniture)."""
    return bool(_QUOTE.search(text))


def capital_ratio(text: str) -> float:
    """Share of words that start with a capital: high for headings, names and titles."""
    lettered = [w for w in words(text) if w[0].isalpha()]
    if not lettered:
        return 0.0
    return sum(w[0].isupper() for w in lettered) / len(lettered)


# A line this long in mostly lower-case words is prose even without a full stop.
LONG_UNPUNCTUATED = 20
MAX_PROSE_CAPITALS = 0.3


def is_sentence(text: str) -> bool:
    """Whether the text ends like prose rather than like a heading, teaser or button."""
    body = strip_bullet(text)
    count = len(words(body))
    if count >= LONG_UNPUNCTUATED and capital_ratio(body) <= MAX_PROSE_CAPITALS:
        return True  # a long line of prose that lost its full stop, as ledes do when pasted
    if count < 2 or not _SENTENCE_END.search(body):
        return False
    last = body.rstrip(_CLOSERS)[-1:]
    if last == ":":
        # "He said:" introduces a quote; "A Message from Our Sponsor:" is a heading
        return capital_ratio(body) <= 0.5
    if last == "?" and count <= 6 and not has_quote(body):
        return False  # "What happens next?" is a subheading or a teaser
    return True


def is_strong(text: str) -> bool:
    """Whether the text is a sentence long enough to be story text on its own."""
    return is_sentence(text) and len(words(text)) >= STRONG_WORDS


# --- trailing wire credit ------------------------------------------------------------

# "... the renewed allegations. AFP", "... he said. — Reuters", "... on Monday. (AP)": a
# credit after the paragraph's last sentence, as agencies sign stories off.
_TRAILING_CREDIT = re.compile(
    r"^(?P<text>.*?[.!?…][\"'”’)]*)\s+(?:[-–—]+\s*)?(?P<credit>\(?[A-Z][\w&'’.-]*(?:[ /][A-Z][\w&'’.-]*){0,3}\)?)$"
)
_MIN_CREDITED_WORDS = 6


def split_trailing_credit(text: str) -> tuple[str, str] | None:
    """The paragraph and the wire credit that ends it, or None without one.

    The credit must name a news agency (:func:`meta_agencies.agency`), and what comes
    before it must be a sentence: "... allegations. AFP" -> ("... allegations.", "AFP").
    """
    match = _TRAILING_CREDIT.match(text)
    if match is None or len(words(match["text"])) < _MIN_CREDITED_WORDS:
        return None
    wire = agency(match["credit"])
    if wire is None or not is_sentence(match["text"]):
        return None
    return match["text"], wire


# --- metadata ------------------------------------------------------------------------

# Month names in any case, unlike in running text: only lines of ten words or fewer are judged.
_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?=\W|$)|\b{MONTH}\s+\d{{1,2}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2}[:.]\d{2}\s*(?:am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|et|ist)?(?=\W|$)"
    r"|\b\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?)\s+ago\b"
    r"|^(?:yesterday|today|just now)\b",
    re.I,
)
_DATED = re.compile(
    r"^(?:published|updated|last updated|first published|posted|modified|created)\b", re.I
)
BYLINE = re.compile(
    r"^(?:by|story by|written by|words by|posted by|reported by|text by|authors?)\s*:?\s+(?P<names>\S.*)$",
    re.I,
)
_META = [
    *cues.REPORTING_CREDITS,
    (re.compile(r"^(?:source|sources|via|from)\s*:", re.I), 15),
    (re.compile(r"\bprovided by\b", re.I), 8),
    # "4 min read", "Reading time: 6 minutes"
    (
        re.compile(
            r"^\d+\s*(?:-\s*)?(?:min|mins|minutes?)\b(?:\s+(?:read|listen|watch))?\W*$|^(?:reading|listening) time\b",
            re.I,
        ),
        8,
    ),
    # a dateline with nothing after it: "KYIV (Reuters) -"
    (
        re.compile(
            r"^(?:[A-Z][\w .,'-]*\s)?\((?:reuters|ap|afp|ani|pti|ians|upi|dpa|bloomberg|xinhua|efe|ansa)\)\s*[-—–]?$",
            re.I,
        ),
        8,
    ),
]


def _is_meta(text: str, count: int, sentence: bool) -> bool:
    if _DATED.match(text) and count <= 14 and not sentence:
        return True
    if BYLINE.match(text) and count <= 15 and not sentence:
        return True
    if count <= 10 and (not sentence or re.search(r"[ap]\.m\.$", text)) and _DATE.search(text):
        return True
    return cues.matches(_META, text, count)


# --- furniture -----------------------------------------------------------------------

# Whole-line buttons and widgets besides share bars and ad markers, matched against the
# casefolded line without trailing punctuation or counts: "Menu", "Accept all".
_BUTTON = re.compile(
    "|".join(
        [
            r"skip to (?:main )?(?:content|navigation|search|main content)",
            r"menu|open menu|close|search|sign in|log ?in|log out|register|my account",
            r"subscribe(?: now| today| for free)?|support us|donate(?: now| today)?|contribute(?: now| today)?",
            r"become an? (?:member|subscriber|supporter|patron)|join (?:us|now|today)",
            r"back to top|show more|load more|read (?:the )?full (?:story|article)",
            r"listen(?: to this (?:article|story))?(?: \d+ min)?|watch(?: video| now)?|play(?: video)?|reuse this content",
            r"click here\b.*",
            r"\+? ?follow(?: [\w' ]{0,30})?",
            r"accept(?: all)?(?: cookies)?|reject(?: all)?|manage (?:preferences|cookies|settings|options|consent)",
            r"cookie (?:settings|policy|preferences|notice)|(?:we value )?your privacy|privacy (?:settings|policy|notice)",
            r"i agree|agree|got it|list \d+ of \d+|end of list|like(?: this)?|(?:like )?loading|reply|report(?: this)? comment",
            r"this (?:article|story) is more than .+ old",
            r"sign up(?: now| here| today| for free)?|sign up (?:to|for) .+|get (?:our|the) .*newsletter",
            r"(?:free )?(?:daily |weekly |morning |evening )?newsletters?",
            r"support (?:independent|our|quality) journalism",
        ]
    ),
)
_MAX_BUTTON_WORDS = 8
_BUTTON_TAIL = re.compile(r"[\s:.!|•·…-]*(?:\(\d+\)|\d+)?[\s:.!|•·…-]*$")

# Paragraph-level furniture: (pattern, longest paragraph it may drop, in words)
_PROMO = [
    cues.RELATED_LINK,
    cues.COPYRIGHT,
    cues.TAGS,
    *cues.READER_PROMPTS,
    (re.compile(r"\bopens? (?:in )?(?:a )?new (?:tab|window)\b", re.I), 40),
    (re.compile(r"\byour email address will not be published\b", re.I), 20),
    # aggregator and AI disclaimers
    (
        re.compile(
            r"\bauto[- ]?(?:aggregated|generated)\b|\bhas not been (?:created|edited|reviewed)\b|\bsyndicated feed\b|"
            r"\b(?:generated|written|produced|created|summari[sz]ed) (?:by|with|using) (?:the help of )?"
            r"(?:ai|artificial intelligence|an? (?:automated|computer))\b",
            re.I,
        ),
        60,
    ),
    # a label marking what a machine wrote: "AI generated", "(Generated by AI)"
    (
        re.compile(
            r"^\W*(?:(?:ai|machine)[- ]generated|(?:generated|written|summari[sz]ed) by ai)\W*$",
            re.I,
        ),
        4,
    ),
    # the heading of a site's appeal for money: "A Message from The Daily Ledger:"
    (re.compile(r"^a message from\b.{1,50}:$", re.I), 8),
    # app and "latest news" plugs
    (
        re.compile(
            r"\bdownload (?:the|our) (?:[\w-]+ ){0,3}app\b|^(?:catch|get) (?:all )?(?:the )?latest\b",
            re.I,
        ),
        60,
    ),
]
# Appeals to the reader; never in reported speech, because "please donate," the mayor
# said is story. Not shared with the HTML cleaner: there it drops shopping guides that
# tell the reader to sign up for a service.
_APPEAL_TOPIC = re.compile(
    r"\b(?:sign up|subscribe|subscription|newsletters?|inbox|donat\w*|contribution|become an? (?:member|subscriber|"
    r"supporter|patron)|readers like you|membership|support (?:us|our|independent|quality)|our (?:journalism|reporting|"
    r"journalists|newsroom))\b",
    re.I,
)
_APPEAL_AUDIENCE = re.compile(r"\b(?:you|your|us|our|we)\b", re.I)
_REPORTED = re.compile(r"[\"“”„«»]|\b(?:said|says|told|according to|added|urged)\b", re.I)
_MAX_APPEAL_WORDS = 80
_COOKIE = re.compile(r"\bcookies\b", re.I)
_US = re.compile(r"\b(?:we|our)\b", re.I)
_YOU = re.compile(r"\byou(?:r)?\b", re.I)
_URL = re.compile(r"https?://|www\.\w", re.I)
_NO_WORDS = re.compile(r"^[\W\d_]*$")


def _is_furniture(text: str, count: int, sentence: bool) -> bool:
    if _NO_WORDS.match(text):
        return True  # separators ("___"), list numbers
    key = _BUTTON_TAIL.sub("", strip_bullet(text).casefold())
    if count <= _MAX_BUTTON_WORDS and _BUTTON.fullmatch(key):
        return True
    if cues.matches([cues.ADVERT, cues.SHARE_BAR], key, count):
        return True
    if cues.matches(_PROMO, text, count):
        return True
    if _URL.search(text) and count <= 25 and not sentence:
        return True
    if count <= _MAX_APPEAL_WORDS:
        if (
            _APPEAL_TOPIC.search(text)
            and _APPEAL_AUDIENCE.search(text)
            and not _REPORTED.search(text)
        ):
            return True
        # consent prompts quote their own buttons ("By clicking "Accept all", you ...")
        if _COOKIE.search(text) and _US.search(text) and _YOU.search(text):
            return True
    return _is_nav(text, count)


# "Home › World › Europe", "News|Health", "Home / World / Headline"
_NAV_SEPARATOR = re.compile(r"\s*[›»>|\\]\s*|\s+/\s+")


def _is_nav(text: str, count: int) -> bool:
    parts = [p for p in _NAV_SEPARATOR.split(text) if p.strip()]
    if len(parts) < 2 or count > 30 or _SENTENCE_END.search(text):
        return False
    sizes = [len(words(p)) for p in parts]
    return sizes[0] <= 3 and (len(parts) >= 3 or max(sizes) <= 4)


# --- headings of sections ------------------------------------------------------------

_TERMINAL = re.compile(
    r"(?:\d+ )?comments?(?: \(?\d+\)?)?|comment count|(?:show|view|read|load|see|hide) (?:all )?(?:\d+ )?comments"
    r"|join the (?:conversation|discussion|debate)|leave a (?:reply|comment)|post a comment|add (?:a|your) comment"
    r"|about the authors?|about this author|(?:\d+ )?responses?|discussion|conversation"
)
_SUMMARY = re.compile(
    r"(?:summary|key (?:points|takeaways|facts)|takeaways|highlights|story highlights|at a glance|in brief|in short"
    r"|tl;? ?dr|quick read|the big picture|what we know(?: so far)?|(?:ai[- ]generated|ai|article|automated) summary"
    r"|summary by ai|summari[sz]ed by ai"
    # "Key takeaways (AI-generated)", "Summary - AI generated"
    r")(?:\s*[(\[-–—]?\s*(?:ai|machine)[- ]generated\s*[)\]]?)?"
)
_SKIP_OPEN = re.compile(r"skip (?:past|over) .{1,40}|skip (?:advert\w*|ad|promotion)")
_SKIP_CLOSE = re.compile(r"(?:after|end of) (?:[\w-]+ ){0,3}(?:promotion|advert\w*|ad|newsletter)")
_HEADING_TAIL = re.compile(r"[\s:.!|»>…-]*$")
_MAX_HEADING_WORDS = 8


# "34 responses to “Headline”", "12 thoughts on “Headline”": a comment count over the thread.
_THREAD_COUNT = re.compile(
    r"^(?:\W*permalink\s+)?\d+\s+(?:comments?|responses?|replies|thoughts)\b(?:\s+(?:to|on)\b.*)?",
    re.I,
)
_MAX_THREAD_WORDS = 30


def _heading_kind(text: str, count: int) -> Kind | None:
    if count <= _MAX_THREAD_WORDS and _THREAD_COUNT.match(text):
        return Kind.TERMINAL
    if count > _MAX_HEADING_WORDS:
        return None
    key = _HEADING_TAIL.sub("", strip_bullet(text).casefold())
    for pattern, kind in (
        (_TERMINAL, Kind.TERMINAL),
        (cues.RELATED_HEADING.pattern, Kind.LIST),
        (_SUMMARY, Kind.SUMMARY),
        (_SKIP_OPEN, Kind.SKIP_OPEN),
        (_SKIP_CLOSE, Kind.SKIP_CLOSE),
    ):
        if pattern.fullmatch(key):
            return kind
    return None


# --- captions and credits ------------------------------------------------------------

_LABEL_ONLY = re.compile(
    r"^(?:(?:image|media|video|photo|picture) (?:caption|source|credit)s?|caption|photo credit)\s*[,:]?$",
    re.I,
)
_LABELLED = re.compile(
    r"^(?:image|media|video|photo|picture) (?:caption|source|credit)s?\s*[,:]\s*\S", re.I
)
# Labels that only say "caption" carry nothing; credit labels say whose picture it is.
CAPTION_LABEL = re.compile(r"^(?:(?:image|media|video) caption|caption)\s*[,:]\s*", re.I)
_CREDIT_LABEL = re.compile(
    rf"(?:^|(?<=[.!?”\"’)]\s))\(?{cues.PICTURE_LABEL.pattern}(?P<who>[^:()]{{1,80}}?)\)?$", re.I
)
_CREDIT_WORD = re.compile(
    r"\b(?:photo|photos|photograph|getty|images|afp|ap|reuters|epa|pa|shutterstock|alamy|bloomberg|xinhua|"
    r"anadolu|courtesy|handout|file|pool|telegram|screenshot|screengrab|supplied|via)\b",
    re.I,
)
_DOMAIN = re.compile(r"^[\w.-]+\.[a-z]{2,6}$", re.I)
# "(ABC News: Sara Whitfield)", "[File: Ebrahim Hamid/AFP]": who published, then who shot it
_ORG_PERSON = re.compile(r"^[\w .'&-]{2,40}:\s*[A-Z][\w .'/-]{1,50}$")
_CREDIT_PAREN = re.compile(r"\((?P<who>[^()]{2,80})\)$")
_CREDIT_SQUARE = re.compile(r"\[(?P<who>[^\[\]]{2,80})\]$")
_CREDIT_AGENCY = re.compile(
    r"(?:^|\s)(?:[A-Z]{2,}|Getty Images|AP Photo)(?:/[\w.'’ -]+)+$|(?:^|\s)(?:©\s*)?Getty Images$"
)
_MAX_CAPTION_WORDS = 60


def _credit_start(text: str) -> int | None:
    """Where a trailing photo credit starts in the text, None without one."""
    match = _CREDIT_LABEL.search(text)
    if match:
        who = match["who"]
        if len(words(who)) <= 8 and ("/" in who or capital_ratio(who) >= 0.5):
            return match.start()
    for pattern in (_CREDIT_PAREN, _CREDIT_SQUARE):
        match = pattern.search(text)
        if match:
            who = match["who"]
            if (
                _CREDIT_WORD.search(who)
                or " / " in who
                or _ORG_PERSON.match(who)
                or _DOMAIN.match(who)
            ):
                return match.start()
    match = _CREDIT_AGENCY.search(text)
    if match:
        return match.start()
    return None


def _caption_kind(text: str, count: int) -> Kind | None:
    if _LABEL_ONLY.match(text):
        return Kind.LABEL
    if _LABELLED.match(text) and count <= _MAX_CAPTION_WORDS:
        return Kind.CAPTION
    if count > _MAX_CAPTION_WORDS:
        return None
    start = _credit_start(text)
    if start is None:
        return None
    return Kind.CREDIT if not re.search(r"\w", text[:start]) else Kind.CAPTION


def classify(text: str) -> Kind:
    """What a whitespace-normalised paragraph is, judged on its own."""
    count = len(words(text))
    sentence = is_sentence(text)
    heading = _heading_kind(text, count)
    if heading:
        return heading
    caption = _caption_kind(text, count)
    if caption:
        return caption
    if _is_meta(text, count, sentence):
        return Kind.META
    if _is_furniture(text, count, sentence):
        return Kind.FURNITURE
    return Kind.SENTENCE if sentence else Kind.LINE
