"""What a page's markup states about its article: meta tags, JSON-LD, microdata.

Values are returned as written; ``meta.py`` decides which to trust. Page text is
returned as lines so that bylines and date lines around the story can be read too.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urljoin

import lxml.html
from htmldate import find_date
from lxml import etree

from dateline.extract.dates import MAX_YEAR, MIN_YEAR, date_from_url, parse_date

logger = logging.getLogger(__name__)

_ARTICLE_TYPES = {
    "Article", "NewsArticle", "AnalysisNewsArticle", "BackgroundNewsArticle", "OpinionNewsArticle",
    "ReportageNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
    "SocialMediaPosting", "TechArticle", "SatiricalArticle",
}  # fmt: skip
_PAGE_TYPES = {"WebPage", "ItemPage", "CollectionPage"}
# Meta keys (name, property or itemprop, lower-cased) that state when the article was
# first published, most specific first. htmldate knows more and runs after these.
_PUBLISHED_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article:published", "article.published", "pubdate", "publishdate", "publish-date",
    "publish_date", "published_time", "published-date", "dc.date.issued", "dcterms.issued",
    "sailthru.date", "parsely-pub-date", "dc.date", "dcterms.date", "dcterms.created", "date",
)  # fmt: skip
# A time stamp in UTC ("...T01:53:14Z", "+0000") or in no stated zone, before this hour,
# may be the evening before where the publisher is.
UTC_MORNING_HOURS = 12
_UTC_MORNING = re.compile(r"T(\d{2}):\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]00:?00)?$")
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "byl",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
)
_LANGUAGE_KEYS = ("content-language", "language", "dc.language", "og:locale")
_TITLE_KEYS = ("og:title", "twitter:title")

_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl",
    "dt", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
}  # fmt: skip
_URL_VALUE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:)?//|\s*/", re.IGNORECASE)
# Not read as lines: invisible, or a picture and its caption, whose credit line
# ("AFP", "Reuters/Jane Doe") would read like a byline or sign-off.
_HIDDEN = {
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select",
    "figure", "figcaption", "picture",
}  # fmt: skip


@dataclass(frozen=True)
class HtmlFacts:
    """What the markup says, each tuple in order of trust, each value as written.

    Attributes:
        titles: og:title, twitter:title, JSON-LD headline, ``<title>``.
        site_names: og:site_name, JSON-LD publisher name, application-name.
        authors: author values from JSON-LD persons, meta tags and microdata, one tuple
            per kind of source in that order, since the first that names someone wins.
        author_orgs: organisations JSON-LD gives as author (an agency there is the wire).
        published: the publication date the markup states.
        language: ``<html lang>``, a language meta tag or JSON-LD inLanguage.
        canonical: ``<link rel=canonical>`` or og:url, made absolute when possible.
        lines: the visible text outside pictures and captions, one line per block.
    """

    titles: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    authors: tuple[tuple[str, ...], ...] = ()
    author_orgs: tuple[str, ...] = ()
    published: date | None = None
    language: str | None = None
    canonical: str | None = None
    lines: tuple[str, ...] = ()


def read_html(content: str, url: str | None = None) -> HtmlFacts | None:
    """Read the metadata a page states.

    Args:
        content: the decoded HTML.
        url: the page's URL, to make a relative canonical link absolute.

    Returns:
        The facts, or None when the content does not parse as HTML.
    """
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
        root = lxml.html.document_fromstring(content.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as error:
        logger.debug("not parsed as HTML: %s", error)
        return None
    meta = _meta_tags(root)
    objects = list(_json_ld(root))
    article = _first_of_type(objects, _ARTICLE_TYPES) or _first_of_type(objects, _PAGE_TYPES) or {}
    persons, orgs = _ld_authors(article.get("author"))
    title_element = root.find(".//title")
    return HtmlFacts(
        titles=_texts(
            *(meta.get(key) for key in _TITLE_KEYS),
            article.get("headline"),
            title_element.text_content() if title_element is not None else None,
        ),
        site_names=_texts(
            meta.get("og:site_name"), _ld_publisher(article, objects), meta.get("application-name")
        ),
        authors=(
            _texts(*persons),
            _texts(*(meta.get(key) for key in _AUTHOR_KEYS)),
            _texts(*_microdata_authors(root)),
        ),
        author_orgs=_texts(*orgs),
        published=_published(root, meta, article, canonical := _canonical(root, meta, url)),
        language=_language(root, meta, article),
        canonical=canonical,
        lines=tuple(_lines(root)),
    )


def _texts(*values: Any) -> tuple[str, ...]:
    """The non-empty strings among ``values``, whitespace collapsed, duplicates dropped."""
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str):
            text = " ".join(value.split())
            if text:
                seen.setdefault(text)
    return tuple(seen)


def _meta_tags(root: lxml.html.HtmlElement) -> dict[str, str]:
    """First content of each meta key (name, property, itemprop or http-equiv, lower-cased)."""
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        content = (element.get("content") or "").strip()
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attribute) or "").strip().lower()
            if key and content:
                found.setdefault(key, content)
    return found


def _json_ld(root: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON-LD object on the page, with @graph and lists flattened."""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text, strict=False)
        except ValueError as error:
            logger.debug("skipping malformed JSON-LD: %s", error)
            continue
        yield from _flatten(data)


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD value, through lists and @graph."""
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph"))


def _types(obj: dict[str, Any]) -> set[str]:
    """Bare schema.org type names of an object ("http://schema.org/NewsArticle" -> NewsArticle)."""
    value = obj.get("@type")
    names = value if isinstance(value, list) else [value]
    return {re.split(r"[/:#]", name)[-1] for name in names if isinstance(name, str)}


def _first_of_type(objects: Iterable[dict[str, Any]], types: set[str]) -> dict[str, Any] | None:
    """The first object of one of ``types``."""
    return next((obj for obj in objects if _types(obj) & types), None)


def _ld_name(value: Any) -> str | None:
    """A JSON-LD value's name: the string itself or its ``name``."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    return None


def _ld_authors(value: Any) -> tuple[list[str], list[str]]:
    """(person names, organisation names) of a JSON-LD author value."""
    persons: list[str] = []
    orgs: list[str] = []
    for item in value if isinstance(value, list) else [value]:
        name = _ld_name(item)
        if name is None:
            continue
        types = _types(item) if isinstance(item, dict) else set()
        (orgs if types and "Person" not in types else persons).append(name)
    return persons, orgs


def _ld_publisher(article: dict[str, Any], objects: list[dict[str, Any]]) -> str | None:
    """The article's publisher name, following an ``@id`` reference inside the graph."""
    publisher = article.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict) and "name" not in publisher and "@id" in publisher:
        publisher = next(
            (o for o in objects if o.get("@id") == publisher["@id"] and "name" in o), publisher
        )
    return _ld_name(publisher)


def _microdata_authors(root: lxml.html.HtmlElement) -> Iterator[str]:
    """Names in ``itemprop="author"`` elements (not meta) and ``rel="author"`` links."""
    for element in root.xpath('//*[@itemprop="author"][not(self::meta)] | //a[@rel="author"]'):
        names = element.xpath('.//*[@itemprop="name"]')
        source = names[0] if names else element
        text = source.get("content") or source.text_content()
        if text and len(text) < 100:
            yield text


def _published(
    root: lxml.html.HtmlElement,
    meta: dict[str, str],
    article: dict[str, Any],
    canonical: str | None,
) -> date | None:
    """The first publication date the markup states (on the publisher's own day, see
    ``_local_day``); htmldate over the markup alone last."""
    candidates: list[str | None] = [meta.get(key) for key in _PUBLISHED_KEYS]
    candidates.append(
        article.get("datePublished") if isinstance(article.get("datePublished"), str) else None
    )
    for element in root.xpath(
        '//*[@itemprop="datePublished"][not(self::meta)] | //time[@pubdate] | //article//header//time[@datetime]'
    ):
        candidates.append(
            element.get("datetime") or element.get("content") or element.text_content()
        )
    for candidate in candidates:
        found = parse_date(candidate)
        if found is not None:
            return _local_day(candidate, found, canonical) if candidate else found
    return _htmldate(root)


def _local_day(stamp: str, day: date, canonical: str | None) -> date:
    """The publisher's own day for a UTC time stamp of the morning: a page stamped
    "2019-11-20T01:53Z" in the Americas was published on the evening of the 19th. When the
    page's canonical URL, which the publisher dates in its own zone, gives exactly the day
    before, that is the day; otherwise the stamp's."""
    morning = _UTC_MORNING.search(stamp.strip())
    if not morning or int(morning.group(1)) >= UTC_MORNING_HOURS:
        return day
    local = date_from_url(canonical)
    return local if local == day - timedelta(days=1) else day


def _htmldate(root: lxml.html.HtmlElement) -> date | None:
    """htmldate over a copy of the page that keeps only markup, not text.

    htmldate ends with a search of the page text and of image and URL paths; giving it
    only meta tags, JSON-LD, ``<time>`` and ``<abbr>`` keeps what it finds "metadata".
    Meta tags holding a URL go too: a date in og:image is the picture's, and one in
    og:url counts as a URL date.
    """
    head = root.find("head")
    metas = [
        m
        for m in (head.iter("meta") if head is not None else ())
        if not _URL_VALUE.match(m.get("content") or "")
    ]
    keep = [*metas, *root.xpath('//script[contains(@type, "ld+json")]')]
    marks = root.xpath("//time | //abbr")
    markup = "<html><head>{}</head><body>{}</body></html>".format(
        "".join(etree.tostring(e, encoding="unicode", with_tail=False) for e in keep),
        "".join(etree.tostring(e, encoding="unicode", with_tail=False) for e in marks),
    )
    # Explicit bounds: htmldate's default upper bound is today, which would make the
    # result depend on the clock.
    found = find_date(
        markup,
        extensive_search=False,
        original_date=True,
        url="",
        min_date=f"{MIN_YEAR}-01-01",
        max_date=f"{MAX_YEAR}-12-31",
    )
    return date.fromisoformat(found) if found else None


def _language(
    root: lxml.html.HtmlElement, meta: dict[str, str], article: dict[str, Any]
) -> str | None:
    """The declared language as written: ``<html lang>``, meta tags, JSON-LD inLanguage."""
    in_language = article.get("inLanguage")
    for value in (
        root.get("lang"),
        root.get("xml:lang"),
        *(meta.get(key) for key in _LANGUAGE_KEYS),
        _ld_name(in_language) if isinstance(in_language, (str, dict)) else None,
    ):
        if value and value.strip():
            return value.strip()
    return None


def _canonical(root: lxml.html.HtmlElement, meta: dict[str, str], url: str | None) -> str | None:
    """The first absolute http(s) URL of ``<link rel=canonical>`` and og:url."""
    links = [
        link.get("href")
        for link in root.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href")
    ]
    for value in (*links, meta.get("og:url")):
        if not value:
            continue
        absolute = urljoin(url, value.strip()) if url else value.strip()
        if re.match(r"https?://", absolute, re.IGNORECASE):
            return absolute
    return None


def _lines(root: lxml.html.HtmlElement) -> Iterator[str]:
    """Visible text, one line per block element, whitespace collapsed."""
    chunks: list[str] = []
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _HIDDEN or not tag:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                chunks.append("\n")
            chunks.append(element.text or "")
        else:
            if tag in _BLOCK:
                chunks.append("\n")
            if element is not root:
                chunks.append(element.tail or "")
    for line in "".join(chunks).split("\n"):
        text = " ".join(line.split())
        if text:
            yield text
