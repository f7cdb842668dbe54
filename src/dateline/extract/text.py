"""Story paragraphs of text pasted from a news page, with the page furniture dropped.

A paste carries the page around the story: navigation, share bars, newsletter boxes,
photo captions, related-story lists, comments. Each paragraph is first judged on its
own (:mod:`dateline.extract.text_cues`), then in context: headings open lists or
comment sections, summaries sit above the story, repeated lines are widgets, and the
story is the contiguous run of prose between its first and last long sentence.
"""

from __future__ import annotations

import enum
import logging
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from dateline.extract.meta_text import Lead, read_lead
from dateline.extract.text_cues import (
    BYLINE,
    CAPTION_LABEL,
    Kind,
    capital_ratio,
    classify,
    has_quote,
    is_bullet,
    is_sentence,
    is_strong,
    split_trailing_credit,
    strip_bullet,
    words,
)
from dateline.months import MONTHS

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanText:
    """A pasted page split into headline, story, captions and furniture.

    Attributes:
        title: the headline when the paste starts with one, else None.
        body: story paragraphs in order, each whitespace-normalised.
        captions: photo captions and credit lines, kept apart from the body.
        summary: a standfirst or summary block above the story (items joined by
            newlines), else None.
        furniture: every dropped paragraph, in order, for debugging and tests.
        lead: the dateline cut from the story's first paragraph ("KYIV - "), else None.
        wire: the agency whose credit was cut from the end of the story's last
            paragraph ("... allegations. AFP"), else None.
    """

    title: str | None
    body: tuple[str, ...]
    captions: tuple[str, ...]
    summary: str | None
    furniture: tuple[str, ...]
    lead: Lead | None = None
    wire: str | None = None


def clean_text(text: str) -> CleanText:
    """Split pasted news text into its story paragraphs and the page furniture around them.

    Args:
        text: plain text as pasted, paragraphs separated by blank lines or single
            newlines, possibly hard-wrapped.

    Returns:
        The headline, story paragraphs, captions, summary and dropped lines. ``body`` is
        empty when no paragraph reads like story text; the caller decides what to do.
    """
    units = [_Unit(paragraph, block) for paragraph, block in _paragraphs(text)]
    _merge_captions(units)
    _drop_skipped(units)
    _drop_repeated(units)
    _drop_author_bios(units)
    _mark_comments(units)
    summary = _take_summary_block(units)
    title_at = _take_title(units)
    if summary is None and title_at is not None:
        summary = _take_standfirst(units, title_at)
    _drop_sections(units, _story_region(units)[0])
    _take_body(units)
    body = [u for u in units if u.role is UnitRole.BODY]
    lead = _cut_lead(body[0]) if body else None
    result = CleanText(
        title=units[title_at].text if title_at is not None else None,
        body=tuple(u.text for u in body),
        captions=tuple(dict.fromkeys(u.caption for u in units if u.caption)),
        summary=summary,
        furniture=tuple(u.text for u in units if u.role is None),
        lead=lead,
        wire=body[-1].wire if body else None,
    )
    logger.debug(
        "clean_text: %d paragraphs -> %d body, %d captions, %d furniture",
        len(units),
        len(result.body),
        len(result.captions),
        len(result.furniture),
    )
    return result


class UnitRole(enum.StrEnum):
    """What a paragraph is in the story, judged in context; None means furniture."""

    BODY = "body"  # a story paragraph
    TITLE = "title"  # the headline
    SUMMARY = "summary"  # a standfirst or an item of a summary block
    CAPTION = "caption"  # a photo caption or the credit line joined to one


class _Unit:
    """One paragraph of the paste and what the passes decided about it.

    Not a dataclass: ``kind`` and the derived flags are computed once from ``text``.
    ``role`` is a :class:`UnitRole`; None means furniture.
    ``transparent`` furniture (a widget, an ad, a caption) may sit inside the story
    without ending it; other non-story lines (bylines, headings) end it.
    """

    __slots__ = (
        "block", "caption", "kind", "listed", "locked", "role", "text", "transparent", "wire"
    )  # fmt: skip

    def __init__(self, text: str, block: int):
        credited = split_trailing_credit(text)
        # "... allegations. AFP": the paragraph is story, the credit names its agency
        self.text = credited[0] if credited else text
        self.wire: str | None = credited[1] if credited else None
        self.block = block
        self.kind = classify(self.text)
        self.role: UnitRole | None = None
        self.caption: str | None = None
        self.transparent = self.kind in (Kind.FURNITURE, Kind.CAPTION, Kind.CREDIT, Kind.LABEL)
        self.locked = False  # decided by a pass; later passes leave it alone
        self.listed = False  # an item of a link list under a heading

    def drop(self, transparent: bool) -> None:
        self.role = None
        self.transparent = transparent
        self.locked = True

    @property
    def free(self) -> bool:
        return not self.locked

    @property
    def prose(self) -> bool:
        return self.free and self.kind is Kind.SENTENCE

    @property
    def strong(self) -> bool:
        return self.prose and is_strong(self.text)


# --- paragraphs ----------------------------------------------------------------------

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE = re.compile(r"[^\S\n]+")
_LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
# Hard wrapping is only assumed for text no wider than this, and when most
# long lines inside blocks look broken for width.
_MAX_WRAP_WIDTH = 100
_MIN_WRAPPED_LINES = 3
_MIN_WRAP_SHARE = 0.5


def _paragraphs(text: str) -> list[tuple[str, int]]:
    """Split the paste into whitespace-normalised paragraphs, with their block numbers.

    A block is a run of lines between blank lines. In hard-wrapped text the lines of a
    block are joined where the line was evidently broken for width; otherwise every
    line is its own paragraph, as in pastes with one line per paragraph.
    """
    text = _INVISIBLE.sub("", _LINE_BREAK.sub("\n", text)).replace("\u00a0", " ")
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = _SPACE.sub(" ", raw).strip()
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    width = _wrap_width(blocks)
    paragraphs: list[tuple[str, int]] = []
    for number, block in enumerate(blocks):
        current = previous = block[0]
        for line in block[1:]:
            if width and _broken_for_width(previous, line, width):
                # a wrapper breaks after a hyphen inside a word: "long-" + "term"
                current += ("" if re.search(r"\w-$", current) else " ") + line
            else:
                paragraphs.append((current, number))
                current = line
            previous = line
        paragraphs.append((current, number))
    return paragraphs


def _broken_for_width(line: str, following: str, width: int) -> bool:
    """Whether a wrapper at ``width`` columns would have moved the next word down."""
    return len(line) + 1 + len(following.split(" ", 1)[0]) > width


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The wrap width of hard-wrapped text, None when lines are paragraphs."""
    width = max((len(line) for block in blocks for line in block), default=0)
    if width > _MAX_WRAP_WIDTH:
        return None
    pairs = [(a, b) for block in blocks for a, b in pairwise(block) if len(a) >= 40]
    broken = sum(_broken_for_width(a, b, width) for a, b in pairs)
    if broken >= _MIN_WRAPPED_LINES and broken >= _MIN_WRAP_SHARE * len(pairs):
        return width
    return None


# --- passes --------------------------------------------------------------------------

_MAX_CAPTION_LINE_WORDS = 25


def _merge_captions(units: list[_Unit]) -> None:
    """Turn caption lines into captions, joining split labels and bare credits."""
    one_block = len({u.block for u in units}) == 1
    for i, unit in enumerate(units):
        if unit.kind is Kind.LABEL:
            unit.drop(transparent=True)
            if i + 1 < len(units) and not units[i + 1].locked:
                units[i + 1].kind = Kind.CAPTION
                units[i + 1].text = f"{unit.text} {units[i + 1].text}"
        elif unit.kind is Kind.CAPTION:
            _make_caption(unit, unit.text)
        elif unit.kind is Kind.CREDIT:
            before = units[i - 1] if i else None
            # a short plain line right above a bare credit is the caption it credits
            if (
                before is not None
                and before.free
                and before.kind in (Kind.SENTENCE, Kind.LINE)
                and (one_block or before.block == unit.block or _describes(before.text))
                and not has_quote(before.text)
                and (not is_strong(before.text) or _describes(before.text))
                and len(words(before.text)) <= _MAX_CAPTION_LINE_WORDS
            ):
                _make_caption(before, f"{before.text} {unit.text}")
                before.transparent = True
                unit.role, unit.locked = UnitRole.CAPTION, True
            else:
                _make_caption(unit, unit.text)


_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[A-Z]")
_REPORTING = re.compile(r"\b(?:said|says|told|tells|according to|added|reported|announced)\b", re.I)


def _describes(text: str) -> bool:
    """Whether a line reads as a photo's description: one sentence, nobody reported."""
    return (
        is_sentence(text)
        and not _SENTENCE_BREAK.search(text)
        and not _REPORTING.search(text)
        and not _DATELINE_LEAD.match(text)
    )


def _make_caption(unit: _Unit, text: str) -> None:
    unit.role, unit.locked, unit.transparent = UnitRole.CAPTION, True, True
    unit.caption = CAPTION_LABEL.sub("", text)


_MAX_SKIP = 12


def _drop_skipped(units: list[_Unit]) -> None:
    """Drop what sits between "skip past X" and "after X": an inline promotion."""
    for i, unit in enumerate(units):
        if unit.kind is Kind.SKIP_OPEN:
            end = next(
                (
                    j
                    for j in range(i + 1, min(i + _MAX_SKIP, len(units)))
                    if units[j].kind is Kind.SKIP_CLOSE
                ),
                i,
            )
            for inner in units[i : end + 1]:
                inner.drop(transparent=True)
                inner.caption = None
        elif unit.kind is Kind.SKIP_CLOSE:
            unit.drop(transparent=True)


_MAX_REPEATED_WORDS = 3  # longer repeated lines may be the headline, kept once
_NON_WORD = re.compile(r"\W+")


def _drop_repeated(units: list[_Unit]) -> None:
    """Drop widgets that recur on the page, and second copies of any paragraph."""
    key = [_NON_WORD.sub(" ", u.text.casefold()).strip() for u in units]
    counts = Counter(key)
    seen: set[str] = set()
    for unit, k in zip(units, key):
        if not k or unit.locked:
            continue
        short = unit.kind is not Kind.SENTENCE and len(k.split()) <= _MAX_REPEATED_WORDS
        if k in seen or (counts[k] > 1 and short):
            unit.drop(transparent=True)
        seen.add(k)


_ROLE = re.compile(
    r"\b(?:covers|covered|reporter|correspondent|journalist|editor|writer|writes|reports on|columnist|contributor|joined)\b",
    re.I,
)
_NOT_NAME = {
    "and",
    "on",
    "in",
    "at",
    "the",
    "of",
    "for",
    "with",
    "staff",
    "desk",
    "web",
    "news",
    "updated",
    "published",
} | {name.lower() for name in MONTHS}


def _drop_author_bios(units: list[_Unit]) -> None:
    """Drop "<Byline name> covers ... for ..." author notes: about the writer, not the story."""
    names = {
        w.casefold()
        for u in units
        if u.kind is Kind.META and (m := BYLINE.match(u.text))
        for w in words(m["names"])
        if w[0].isupper() and w.casefold() not in _NOT_NAME and not w[0].isdigit()
    }
    for unit in units:
        first = words(unit.text)[:1]
        if (
            unit.prose
            and first
            and first[0].casefold() in names
            and _ROLE.search(unit.text)
            and not has_quote(unit.text)
        ):
            unit.kind = Kind.META
            unit.drop(transparent=False)


# "jdoe says:", "Jane Doe wrote:": who wrote a comment, over its timestamp.
_COMMENTER = re.compile(r"^\S.{0,60}?\s(?:says|said|wrote|writes|replied|commented)\s*:$", re.I)
_MIN_COMMENTS = 2


# A comment's stamp inside its paragraph: "At 12:19 26th Apr 2009, jdoe wrote: ...",
# "January 28, 2011 at 12:27 pm | Reply ...".
_COMMENT_STAMP = re.compile(
    r"\bAt \d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?\b[^.:]{0,40}?,[^.:,]{1,40}\bwrote\s*:"
    r"|\b\d{1,2}:\d{2}\s*[ap]\.?m\.?\s*\|\s*(?:Reply|Report abuse)\b",
    re.IGNORECASE,
)


def _mark_comments(units: list[_Unit]) -> None:
    """Mark where readers' comments open: the first of repeated "name says:" lines over
    a timestamp, or of repeated comment stamps, ends the story; each later stamped
    comment weighs against the story region like a date line."""
    heads = [
        i
        for i, (unit, below) in enumerate(pairwise(units))
        if unit.free and _COMMENTER.match(unit.text) and below.kind is Kind.META
    ]
    starts = heads[:1] if len(heads) >= _MIN_COMMENTS else []
    stamps = {
        i: len(_COMMENT_STAMP.findall(unit.text)) for i, unit in enumerate(units) if unit.free
    }
    stamped = [i for i, count in stamps.items() if count]
    if sum(stamps.values()) >= _MIN_COMMENTS:
        for i in stamped[1:]:
            units[i].kind = Kind.META
        starts.append(stamped[0])
    if starts:
        units[min(starts)].kind = Kind.TERMINAL


# A summary item is a bullet, or a short line that does not open the story.
_MAX_SUMMARY_ITEM_CHARS = 200
_MAX_SUMMARY_ITEMS = 10
_DATELINE_LEAD = re.compile(r"^.{0,80}?\([A-Z][\w .]{1,30}\)\s*[-—–]\s|^[A-Z]{3,}[A-Z .'-]*,")


def _take_summary_block(units: list[_Unit]) -> str | None:
    """Take the items under a "Key points" style heading above the story as its summary,
    else a list of bullets right above the story."""
    for i, unit in enumerate(units):
        if unit.strong:
            return _take_bullets(units, i)  # a summary heading inside the story is a subheading
        if unit.kind is not Kind.SUMMARY:
            continue
        unit.drop(transparent=False)
        items: list[_Unit] = []
        for item in units[i + 1 :]:
            if item.kind is Kind.FURNITURE and item.free:
                item.drop(transparent=True)
                continue
            if (
                item.locked
                or item.kind not in (Kind.SENTENCE, Kind.LINE)
                or len(items) == _MAX_SUMMARY_ITEMS
            ):
                break
            if items:
                # items share one shape: the story starts where the bullets or the
                # unpunctuated lines stop
                first = items[0]
                if (is_bullet(first.text) and not is_bullet(item.text)) or (
                    first.kind is Kind.LINE and item.kind is not Kind.LINE
                ):
                    break
            if not is_bullet(item.text) and (
                len(item.text) > _MAX_SUMMARY_ITEM_CHARS or _DATELINE_LEAD.match(item.text)
            ):
                break
            item.role, item.locked = UnitRole.SUMMARY, True
            items.append(item)
        return "\n".join(strip_bullet(item.text) for item in items) or None
    return None


_MIN_BULLETS = 2
_MIN_BULLET_WORDS = 4  # "• Home", "• World" are a menu


def _take_bullets(units: list[_Unit], story: int) -> str | None:
    """Take the bullets that end right above the story's first long sentence (at index
    ``story``), with nothing but furniture, bylines and dates between, as its summary."""
    end = story
    while end > 0 and (units[end - 1].transparent or units[end - 1].kind is Kind.META):
        end -= 1
    start = end
    while (
        start > 0
        and units[start - 1].free
        and units[start - 1].kind in (Kind.SENTENCE, Kind.LINE)
        and is_bullet(units[start - 1].text)
        and len(words(units[start - 1].text)) >= _MIN_BULLET_WORDS
        and len(units[start - 1].text) <= _MAX_SUMMARY_ITEM_CHARS
    ):
        start -= 1
    if end - start < _MIN_BULLETS or end - start > _MAX_SUMMARY_ITEMS:
        return None
    for item in units[start:end]:
        item.role, item.locked = UnitRole.SUMMARY, True
    return "\n".join(strip_bullet(item.text) for item in units[start:end])


_MIN_TITLE_WORDS = 5
_MIN_SHORT_TITLE_WORDS = 3
_MAX_TITLE_CHARS = 250


def _take_title(units: list[_Unit]) -> int | None:
    """Index of the headline: the first headline-shaped line before the story, if any."""
    candidates: list[int] = []
    for i, unit in enumerate(units):
        if unit.strong or unit.role is UnitRole.SUMMARY or unit.kind is Kind.SUMMARY:
            break
        text = unit.text
        headline_shaped = (
            unit.free
            and (unit.kind is Kind.LINE or (unit.kind is Kind.SENTENCE and text[-1] in "?!"))
            and len(text) <= _MAX_TITLE_CHARS
            and not is_bullet(text)
        )
        if headline_shaped and len(words(text)) >= _MIN_SHORT_TITLE_WORDS:
            candidates.append(i)
    best = next((i for i in candidates if len(words(units[i].text)) >= _MIN_TITLE_WORDS), None)
    if best is None and candidates:
        best = candidates[0]
    if best is not None:
        units[best].role, units[best].locked = UnitRole.TITLE, True
    return best


_MIN_STANDFIRST_WORDS = 8
_MAX_STANDFIRST_WORDS = 60
_MAX_STANDFIRST_CAPITALS = 0.5  # above this it is a byline ("Jane Doe Moscow correspondent")
_MAX_GAP_LINE_WORDS = 6


def _take_standfirst(units: list[_Unit], title_at: int) -> str | None:
    """Take the standfirst under the headline as the summary.

    Either a line without final punctuation, or a sentence that a byline or timestamp
    separates from the story below it.
    """
    at = next((i for i in range(title_at + 1, len(units)) if not units[i].transparent), None)
    if at is None or units[at].locked:
        return None
    unit = units[at]
    count = len(words(unit.text))
    if (
        not _MIN_STANDFIRST_WORDS <= count <= _MAX_STANDFIRST_WORDS
        or capital_ratio(unit.text) > _MAX_STANDFIRST_CAPITALS
    ):
        return None
    if unit.kind is Kind.SENTENCE:
        gap = at + 1
        while gap < len(units) and (
            units[gap].transparent
            or units[gap].kind is Kind.META
            or (units[gap].kind is Kind.LINE and len(words(units[gap].text)) <= _MAX_GAP_LINE_WORDS)
        ):
            gap += 1
        dated = any(u.kind is Kind.META for u in units[at + 1 : gap])
        if not dated or sum(u.strong for u in units[gap:]) < 2:
            return None
    elif unit.kind is not Kind.LINE:
        return None
    unit.role, unit.locked = UnitRole.SUMMARY, True
    return unit.text


def _drop_sections(units: list[_Unit], story_start: int) -> None:
    """Drop link lists under their headings, and everything from a comments heading on.

    Headings only open sections once the story has begun; before it they are single
    lines of navigation. A comments heading only ends the story after ``story_start``,
    where the densest run of prose starts: above it, it is a share-bar button.
    """
    started = False
    mode: Kind | None = None  # the section being dropped: Kind.LIST or Kind.TERMINAL
    for index, unit in enumerate(units):
        if mode is Kind.TERMINAL:
            unit.drop(transparent=False)
            unit.caption = None
            continue
        if unit.kind in (Kind.LIST, Kind.TERMINAL):
            unit.drop(transparent=False)
            # a comments heading above the densest prose is a share-bar button
            if started and (unit.kind is Kind.LIST or index >= story_start):
                mode = unit.kind
            continue
        if mode is Kind.LIST:
            if unit.strong:
                mode = None
            elif unit.role is not UnitRole.CAPTION:
                unit.drop(transparent=False)
                unit.listed = True
        started = started or unit.strong


# Weights of the story region: prose counts by its words, a line that is neither prose
# nor transparent furniture (a menu item, a heading, a byline) against it, so that the
# densest run of prose wins over teasers and footers separated from it by menus.
_LINE_PENALTY = 6
_TERMINAL_PENALTY = 40  # a comments heading: the story does not cross it
_LIST_PENALTY = 1  # a link list under its heading may sit inside the story
# A date or byline line: above the story it does not matter, below it it dates the
# teasers of a list of other stories, which a story rarely has between paragraphs.
_META_PENALTY = 15
# A widget or promotion: one inside the story costs little, a run of them ends it.
_FURNITURE_PENALTY = 1
_SHORT_PROSE_SHARE = 0.5  # a short sentence is weaker evidence of story than a long one


def _weight(unit: _Unit) -> float:
    """What a paragraph adds to the story region around it."""
    if unit.prose:
        count = len(words(unit.text))
        return count if unit.strong else count * _SHORT_PROSE_SHARE
    if unit.kind is Kind.META:
        return -_META_PENALTY  # even when repeated: each teaser of a list has its date
    if unit.kind is Kind.FURNITURE:
        return -_FURNITURE_PENALTY
    if unit.transparent:
        return 0.0
    if unit.kind is Kind.TERMINAL:
        return -_TERMINAL_PENALTY
    if unit.kind is Kind.LIST or unit.listed:
        return -_LIST_PENALTY
    return -_LINE_PENALTY


def _story_region(units: list[_Unit]) -> tuple[int, int]:
    """The run of paragraphs with the greatest weight: ``(first, last)`` indices.

    The maximum-sum run (Kadane's algorithm) over :func:`_weight`; ``(0, -1)`` when
    nothing weighs anything.
    """
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for index, unit in enumerate(units):
        if total <= 0:
            total, start = 0.0, index
        total += _weight(unit)
        if total > best:
            best, best_span = total, (start, index)
    return best_span


_MIN_SHORT_STORY_WORDS = 8


def _take_body(units: list[_Unit]) -> None:
    """Mark the story: the prose of the densest run of prose (see :func:`_story_region`),
    and the plain lines between its paragraphs (subheadings, list items), as the HTML
    cleaner keeps them."""
    first, last = _story_region(units)
    inside = [i for i in range(first, last + 1) if units[i].prose]
    if not any(units[i].strong for i in inside):
        # a very short story: any reasonably long sentence will do
        inside = [i for i in inside if len(words(units[i].text)) >= _MIN_SHORT_STORY_WORDS]
    for i in inside:
        units[i].role = UnitRole.BODY
    if inside:
        for unit in units[inside[0] : inside[-1]]:
            if unit.free and unit.kind is Kind.LINE:
                unit.role = UnitRole.BODY
        _take_closing_list(units, inside[-1])


def _take_closing_list(units: list[_Unit], last: int) -> None:
    """Take the list a colon after the story's last paragraph introduces ("Tour dates:"):
    the lines of one block that follow it."""
    at = last + 1
    if not units[last].text.endswith(":"):
        heading = units[at] if at < len(units) else None
        if heading is None or not (
            heading.free and heading.kind is Kind.LINE and heading.text.endswith(":")
        ):
            return
        heading.role = UnitRole.BODY
        at += 1
    block = units[at].block if at < len(units) else None
    while (
        at < len(units)
        and units[at].free
        and units[at].kind in (Kind.LINE, Kind.META, Kind.SENTENCE)
        and units[at].block == block
    ):
        units[at].role = UnitRole.BODY
        at += 1


def _cut_lead(unit: _Unit) -> Lead | None:
    """Cut the dateline ("KYIV - ", "MIAMI – ") from the story's first paragraph."""
    lead = read_lead(unit.text)
    if lead is None or not unit.text[lead.end :].strip():
        return None
    unit.text = unit.text[lead.end :]
    return lead
