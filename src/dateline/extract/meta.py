"""Article metadata, each field from the most trusted source that states it.

``find_metadata`` reads the markup (meta tags, JSON-LD), the lines around the story
(bylines, date lines, sign-offs, "Source:" notes), the story itself (dateline, dates it
mentions), the URL and the hints the container or the user gave. A field no source
states stays None: nothing is guessed from an outlet's name or habits, beyond a generic
table of news agencies.

Published date, most trusted first (``Published.how`` says which):

1. ``metadata``: the page's markup (article:published_time, JSON-LD datePublished,
   itemprop, ``<time>`` in the article header, then htmldate over the markup), then
   the container's date (feed pubDate, JSON ``published``).
2. ``url``: a date in the URL path (/2026/01/18/).
3. ``text``: a line stating it ("Published 18 January 2026", "Updated: Jan 18, 2026"),
   then a dateline with a day ("KYIV, Jan 18 (Reuters) -") when the URL or the lines
   around the story give the year.
4. ``given``: the date the user stated (``hints.user_published``). The user states what
   the input lacks: ``--published`` applies to a whole batch, so a date an article
   states for itself is kept.
5. ``inferred``: the latest past day an English story mentions (see
   ``dates.infer_published``).

The other fields, most trusted first: publisher from a "Source:"/"Publisher:"/"Read the
original article on" line (an agency named there is the wire instead), og:site_name /
JSON-LD publisher / application-name, the ``<title>``'s site name when the copyright
line agrees, the page's own appeal ("A message from X:"), the employer an author's bio
names, the user, the container, the URL's registered domain; wire from the dateline's
credit (an agency or another outlet), a byline, the markup's author, a sign-off,
"Source:"/"©" lines, "with X", "X, with Y" and "X contributed reporting" credits, a
Reuters tagline; authors from JSON-LD, meta tags, microdata, the byline ("By", "by",
"Posted by"), a name over its job title, a Reuters tagline, the container; language as
declared unless the text plainly says otherwise; title from og:title, twitter:title,
JSON-LD, ``<title>``, extraction, the container; canonical URL from ``<link
rel=canonical>``, og:url, ``raw.url``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import unquote, urlsplit, urlunsplit

from courlan import extract_domain

from dateline.extract.dates import (
    date_from_lines,
    date_from_url,
    earliest_possible,
    find_dates,
    infer_published,
    parse_date,
    resolve,
    stated_years,
    year_from_url,
)
from dateline.extract.meta_agencies import agency
from dateline.extract.meta_html import HtmlFacts, read_html
from dateline.extract.meta_text import (
    Lead,
    Signature,
    credit_wire,
    read_bio,
    read_byline,
    read_lead,
    read_name_role,
    read_prompt,
    read_signature,
    read_tagline,
    sign_off_wire,
    split_credit,
)
from dateline.model import Published, PublisherHow, RawDocument

logger = logging.getLogger(__name__)

# How many lines before and after the story count as its surroundings (title, byline,
# date line; sign-off, source note). Further away lie menus and footers.
_CONTEXT_LINES = 25
_LANGID_MIN_CHARS = 100
_LANGID_MIN_CONFIDENCE = 0.9
_OVERRULE_MIN_CHARS = 400
_OVERRULE_CONFIDENCE = 0.999
# Query parameters that track a click and never select content.
_TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "mtm_")
_TRACKING_PARAMS = {
    "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid",
    "igshid", "_ga", "_gl", "ocid", "cmpid", "smid", "smtyp", "ref_src", "ref_url", "sr_share",
    "mbid", "s_cid", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname", "ns_fee",
}  # fmt: skip
_DEFAULT_PORTS = {"http": ":80", "https": ":443"}
_COPYRIGHT_YEAR = re.compile(r"(?:©|\(c\)|\bcopyright\b)\s*©?\s*((?:19|20)\d\d)\b", re.IGNORECASE)
# Title separators between a headline and a site or section name.
_TITLE_SEPARATOR = re.compile(r"(\s+(?:\||-|–|—|::|·|•|»)\s+)")
# Pre-2006 codes some pages still declare.
_OLD_LANGUAGE_CODES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv"}


@dataclass(frozen=True)
class Metadata:
    """What is known about an article besides its text; None or empty when unknown.

    Attributes:
        title: the headline, without " | Site" suffixes.
        publisher: who published this copy, as it names itself or as its domain.
        publisher_how: how the publisher was known (see ``PublisherHow``).
        wire: the news agency the story comes from ("Reuters", "AFP", "AP").
        dateline: the place the story was filed from ("Kyiv").
        authors: person names, in byline order.
        language: ISO 639-1 code.
        published: the publication date and how it was known.
        canonical_url: the article's URL, normalised by ``canonical_url``.
    """

    title: str | None
    publisher: str | None
    publisher_how: PublisherHow | None
    wire: str | None
    dateline: str | None
    authors: tuple[str, ...]
    language: str | None
    published: Published
    canonical_url: str | None


@dataclass(frozen=True)
class _Context:
    """A document's text split around its story."""

    head: tuple[str, ...]  # lines before the story, then its first two paragraphs
    tail: tuple[str, ...]  # its last two paragraphs, then lines after it
    body: tuple[str, ...]
    lead: Lead | None
    page: tuple[str, ...]  # every line


def find_metadata(
    raw: RawDocument,
    body: Sequence[str],
    title: str | None = None,
    lead: Lead | None = None,
    wire: str | None = None,
) -> Metadata:
    """Find an article's metadata, each field from the most trusted source that has it.

    Args:
        raw: the whole input document, with the hints its container or the user gave.
        body: the story's paragraphs, as extracted from ``raw``.
        title: a title found by extraction, used when the markup gives none.
        lead: the dateline extraction cut from the first paragraph, if it did.
        wire: the agency whose credit extraction cut from the last paragraph, if any.

    Returns:
        The metadata; fields no source states are None (or empty).
    """
    facts = read_html(raw.content, raw.url) if raw.kind == "html" else None
    lines = facts.lines if facts else _text_lines(raw.content)
    context = _context(lines, tuple(p for p in body if p.strip()), lead)
    url = _page_url(raw.url, facts.canonical if facts else None)
    authors = _authors(raw, facts, context)
    publisher, publisher_how = _publisher(raw, facts, context, raw.url or url, authors)
    sites = [publisher, raw.url, url, raw.hints.publisher, *(facts.site_names if facts else ())]
    keys = {_site_key(site) for site in sites if site} - {""}
    language = _language(facts, context.body)
    return Metadata(
        title=_title(raw, facts, title, keys),
        publisher=publisher,
        publisher_how=publisher_how,
        wire=_wire(raw, facts, context, wire),
        dateline=context.lead.place if context.lead else None,
        authors=tuple(name for name in authors if not _is_site(name, keys)),
        language=language,
        published=_published(raw, facts, context, [raw.url, url], language),
        canonical_url=canonical_url(url) if url else None,
    )


def canonical_url(url: str) -> str:
    """Normalise a URL so that copies of one link compare equal.

    Lower-cases scheme and host, drops a default port, the fragment and click-tracking
    parameters (utm_*, fbclid, gclid, ...), and keeps the path and other parameters
    exactly as written, in their order.

    Args:
        url: an absolute URL; anything else comes back only stripped of spaces.

    Returns:
        The normalised URL.
    """
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    port = _DEFAULT_PORTS.get(scheme)
    if port and netloc.endswith(port):
        netloc = netloc[: -len(port)]
    query = "&".join(pair for pair in parts.query.split("&") if pair and not _is_tracking(pair))
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def _is_tracking(pair: str) -> bool:
    """Whether a ``key=value`` query pair only tracks a click."""
    key = unquote(pair.split("=", 1)[0]).lower()
    return key.startswith(_TRACKING_PREFIXES) or key in _TRACKING_PARAMS


def _page_url(url: str | None, canonical: str | None) -> str | None:
    """The page's canonical link, unless it points at a bare home page while we have more."""
    if canonical and not (
        urlsplit(canonical).path.strip("/") == "" and url and urlsplit(url).path.strip("/")
    ):
        return canonical
    return url


def _text_lines(content: str) -> tuple[str, ...]:
    """Non-blank lines of plain text, whitespace collapsed."""
    return tuple(" ".join(line.split()) for line in content.splitlines() if line.strip())


def _key(text: str) -> str:
    """What a line and a paragraph must share to be the same text: their start."""
    return " ".join(text.split()).casefold()[:40]


def _context(lines: Sequence[str], body: tuple[str, ...], lead: Lead | None = None) -> _Context:
    """Split ``lines`` into what comes before and after the story ``body``; ``lead`` is
    the dateline already cut from the body, if any."""
    first = _find_line(lines, body[:3], range(len(lines)))
    last = _find_line(lines, body[::-1][:3], range(len(lines) - 1, (first or 0) - 1, -1))
    if first is None:
        head = tuple(lines[:_CONTEXT_LINES])
        after = tuple(lines[len(head) :][-_CONTEXT_LINES:])
    else:
        head = tuple(lines[max(0, first - _CONTEXT_LINES) : first])
        after = tuple(lines[(last if last is not None else first) + 1 :][:_CONTEXT_LINES])
    if lead is None and body:
        lead = read_lead(body[0])
    if lead is None and len(body) > 1 and len(body[0]) < 100:
        # A first paragraph this short is a byline or a date line; the dateline follows.
        lead = read_lead(body[1])
    return _Context(head + body[:2], body[-2:] + after, body, lead, tuple(lines))


def _find_line(lines: Sequence[str], paragraphs: Iterable[str], order: range) -> int | None:
    """Index of the first line, in ``order``, where one of ``paragraphs`` starts."""
    for paragraph in paragraphs:
        key = _key(paragraph)
        for index in order:
            if key and _key(lines[index]) == key:
                return index
    return None


def _published(
    raw: RawDocument,
    facts: HtmlFacts | None,
    context: _Context,
    urls: list[str | None],
    language: str | None,
) -> Published:
    """The publication date from the most trusted source (see the module docstring)."""
    hints = raw.hints
    if facts is not None and facts.published is not None:
        return Published(facts.published, "metadata")
    from_container = parse_date(hints.published)
    if from_container is not None:
        return Published(from_container, "metadata")
    if hints.published:
        logger.debug("%s: container date %r is not a date", raw.source, hints.published)
    for url in urls:
        from_url = date_from_url(url)
        if from_url is not None:
            return Published(from_url, "url")
    stated = date_from_lines(context.head, context.tail) or _lead_date(
        context, urls, raw.kind == "text"
    )
    if stated is not None:
        return Published(stated, "text")
    if hints.user_published is not None:
        return Published(hints.user_published, "given")
    # Inference tells plans from events by English words ("will", "scheduled"), and a
    # plan's date is later than publication: in other languages it would guess.
    inferred = infer_published(context.body) if language in {None, "en"} else None
    if inferred is not None:
        return Published(inferred, "inferred")
    return Published()


def _lead_date(context: _Context, urls: list[str | None], plain_text: bool) -> date | None:
    """The day in a dateline ("KYIV, Jan 18 (Reuters) -"), when its year is known.

    The year comes from the URL (/2026/), else the one year the lines around the story
    state (in plain text also a copyright line, "© 2026 Reuters": on a web page that is
    the footer's, the year the page was fetched). Not from the story's own dates: see
    ``dates.infer_published`` for why. The day must not precede a past date the story
    states: then the year was wrong.
    """
    if context.lead is None or context.lead.when is None:
        return None
    mentions = find_dates(context.lead.when)
    if not mentions:
        return None
    text = "\n".join(context.body)
    around_text = "\n".join(
        line for line in context.head + context.tail if line not in context.body
    )
    around = stated_years(around_text)
    if plain_text:
        around.update(int(year) for year in _COPYRIGHT_YEAR.findall(around_text))
    year = next(filter(None, (year_from_url(url) for url in urls)), None)
    if year is None and len(around) == 1:
        (year,) = around
    day = resolve(mentions[0], [year]) if year is not None else None
    bound = earliest_possible(text)
    if day is not None and bound is not None and bound > day:
        logger.debug("dateline day %s is before %s, which the story states as past", day, bound)
        return None
    return day


def _publisher(
    raw: RawDocument,
    facts: HtmlFacts | None,
    context: _Context,
    url: str | None,
    authors: Sequence[str],
) -> tuple[str | None, PublisherHow | None]:
    """Who published this copy and how that is known: a signature, the markup, the page's
    own words, the user, the container, the URL."""
    # A footer's "© Guardian News & Media Limited" names the owner, not the masthead
    # the page's own markup gives; in plain text it is the best signature there is.
    kinds = ("publisher", "source", "original", "published by") + (() if facts else ("copyright",))
    signature = _signature(context, kinds, agencies=False)
    if signature:
        return signature.name, "copyright" if signature.kind == "copyright" else "signature"
    site = next(filter(None, map(_site_name, facts.site_names if facts else ())), None)
    if site:
        return site, "markup"
    own: list[tuple[str | None, PublisherHow]] = [
        (_title_site(facts.titles, context.page) if facts else None, "title"),
        (
            next(
                (s.name for s in map(read_signature, context.page) if s and s.kind == "message"),
                None,
            ),
            "appeal",
        ),
        (next(filter(None, map(read_prompt, context.page)), None), "newsletter"),
        (
            next(
                filter(
                    None,
                    (read_bio(line, authors) for line in context.tail if line not in context.body),
                ),
                None,
            ),
            "bio",
        ),
    ]
    for name, how in own:
        if name:
            return name, how
    if raw.hints.user_publisher:
        return raw.hints.user_publisher, "given"
    if raw.hints.publisher:
        return raw.hints.publisher, "container"
    domain = extract_domain(url) if url else None
    return (domain, "url") if domain else (None, None)


def _title_site(titles: Iterable[str], lines: Iterable[str]) -> str | None:
    """The site name a ``<title>`` puts after the headline, when a copyright line names it.

    A title ends with a section ("Talks end | World news") as often as with the site;
    the footer's "© 2026 Daily Ledger" tells which.
    """
    owners = {_site_key(s.name) for s in map(read_signature, lines) if s and s.kind == "copyright"}
    for title in titles:
        segments = _TITLE_SEPARATOR.split(" ".join(title.split()))[0::2]
        if len(segments) > 1 and _site_key(segments[-1]) in owners:
            return segments[-1]
    return None


def _site_name(value: str) -> str | None:
    """A stated site name, tidied: a URL gives its domain, "Site | Slogan" the site, "@x" none."""
    if re.match(r"https?://", value, re.IGNORECASE):
        return extract_domain(value)
    name = value.split(" | ")[0].strip()
    return None if name.startswith("@") else name or None


def _signature(context: _Context, kinds: Sequence[str], agencies: bool) -> Signature | None:
    """The most trusted signature, among those naming an agency or among the others;
    an agency's name comes back canonical."""
    found = [s for s in map(read_signature, context.head + context.tail) if s is not None]
    for kind in kinds:
        for signature in found:
            if signature.kind == kind and (agency(signature.name) is not None) == agencies:
                return Signature(kind, agency(signature.name) or signature.name, signature.wire)
    return None


def _wire(
    raw: RawDocument, facts: HtmlFacts | None, context: _Context, signed: str | None
) -> str | None:
    """The agency, from the most direct credit: dateline, the credit ending the story
    (``signed``), byline, markup, sign-off, notes."""
    if context.lead is not None and context.lead.wire:
        return context.lead.wire
    if signed:
        return signed
    for line in context.head:
        byline = read_byline(line)
        if byline is not None and byline.wire:
            return byline.wire
    if facts is not None:
        for value in (*(v for group in facts.authors for v in group), *facts.author_orgs):
            if split_credit(value).wire:
                return split_credit(value).wire
    closing = context.tail[:5]
    kinds = ("source", "original", "copyright", "published by", "publisher")
    named = _signature(context, kinds, agencies=True)
    helped = next(
        (
            s.wire
            for s in map(read_signature, context.head + context.tail)
            if s is not None and s.kind in kinds and s.wire
        ),
        None,
    )
    found = (
        next(filter(None, map(sign_off_wire, closing)), None)
        or (named.name if named else None)
        or helped
        or next(filter(None, map(credit_wire, closing + context.head)), None)
    )
    if found:
        return found
    if any(read_tagline(line) is not None for line in context.tail):
        return "Reuters"
    return next(filter(None, (split_credit(name).wire for name in raw.hints.authors)), None)


def _authors(raw: RawDocument, facts: HtmlFacts | None, context: _Context) -> tuple[str, ...]:
    """Names from the markup, else a byline, else a name over a job title, else a Reuters
    tagline, else the container."""
    sources: list[Iterable[str]] = []
    for group in facts.authors if facts else ():
        sources.append(name for value in group for name in split_credit(value).authors)
    sources.append(name for line in context.head for name in _byline_authors(line))
    sources.append(filter(None, map(read_name_role, context.head, (*context.head[1:], ""))))
    sources.append(name for line in context.tail for name in read_tagline(line) or ())
    sources.append(name for value in raw.hints.authors for name in split_credit(value).authors)
    for names in sources:
        found = tuple(dict.fromkeys(names))
        if found:
            return found
    return ()


def _byline_authors(line: str) -> tuple[str, ...]:
    """The names on a line, if it is a byline."""
    byline = read_byline(line)
    return byline.authors if byline else ()


def _language(facts: HtmlFacts | None, body: Sequence[str]) -> str | None:
    """The declared language, else the one py3langid is confident of.

    A declaration is overruled only by a long body that py3langid is all but certain is
    in another language: many sites declare "en" on every page whatever it holds.
    """
    declared = _language_code(facts.language) if facts and facts.language else None
    text = "\n".join(body)
    if len(text) < _LANGID_MIN_CHARS:
        return declared
    code, confidence = _identifier().classify(text)
    if declared and not (
        code != declared and len(text) >= _OVERRULE_MIN_CHARS and confidence >= _OVERRULE_CONFIDENCE
    ):
        return declared
    if declared:
        logger.debug("page declares %r but its text is %r (%.3f)", declared, code, confidence)
    return code if confidence >= _LANGID_MIN_CONFIDENCE else declared


def _language_code(value: str) -> str | None:
    """ "en-US", "en_GB", "EN" -> "en"; None for anything that is not a two-letter code."""
    match = re.match(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9-]*)?\s*$", value)
    code = match.group(1).lower() if match else None
    return _OLD_LANGUAGE_CODES.get(code, code) if code else None


@functools.cache
def _identifier():
    """py3langid's classifier, loaded once per process (about half a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _title(
    raw: RawDocument, facts: HtmlFacts | None, found: str | None, sites: set[str]
) -> str | None:
    """The markup's title, else the one extraction found, else the container's."""
    candidates = [c for c in (*(facts.titles if facts else ()), found, raw.hints.title) if c]
    headlines = {_fold(candidate) for candidate in candidates}
    for candidate in candidates:
        cleaned = _clean_title(candidate, sites, headlines)
        if cleaned:
            return cleaned
    return None


def _clean_title(title: str, sites: set[str], headlines: set[str]) -> str:
    """Drop site and section names: "Talks end | World news | The Guardian" -> "Talks end".

    Site names go from either end. A pipe rarely sits inside a headline, so of what pipes
    separate, keep the part another source gives as the headline, else the longest.
    """
    pieces = _TITLE_SEPARATOR.split(" ".join(title.split()))
    segments, separators = pieces[0::2], pieces[1::2]
    while len(segments) > 1 and _is_site(segments[-1], sites):
        segments.pop()
        separators.pop()
    while len(segments) > 1 and _is_site(segments[0], sites):
        segments.pop(0)
        separators.pop(0)
    cleaned = "".join(s + sep for s, sep in zip(segments, separators)) + segments[-1]
    parts = cleaned.split(" | ")
    known = [part for part in parts if _fold(part) in headlines]
    return (known[0] if known else max(parts, key=lambda part: len(part.split()))).strip()


def _fold(text: str) -> str:
    """Comparable form of a title: spacing and case ignored."""
    return " ".join(text.split()).casefold()


def _site_key(name: str) -> str:
    """A comparable form of a site name, URL or domain: "The Guardian" -> "guardian"."""
    if "/" in name or re.search(r"\.[a-z]{2,}$", name):
        domain = extract_domain(name if "://" in name else "https://" + name) or name
        name = domain.split(".")[0]
    key = re.sub(r"\W+", "", name.casefold())
    return key[3:] if key.startswith("the") and len(key) > 6 else key


def _is_site(segment: str, keys: set[str]) -> bool:
    """Whether a title segment or author names the site ("BBC News" for bbc.co.uk)."""
    key = _site_key(segment)
    return bool(key) and any(
        key == site or (key.startswith(site) and len(segment.split()) <= 3 and len(site) >= 3)
        for site in keys
    )
