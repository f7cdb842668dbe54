"""Extraction: one raw document in, one Article out (pure, no store, no network)."""

from __future__ import annotations

import dataclasses

from dateline import errors
from dateline.errors import ExtractionError
from dateline.extract.html import HtmlText, extract_html, html_text
from dateline.extract.html_depth import shallow
from dateline.extract.meta import find_metadata
from dateline.extract.text import CleanText, clean_text
from dateline.model import Article, RawDocument, normalise_text, xml_safe

__all__ = ["extract"]


def extract(raw: RawDocument) -> Article:
    """Extract the article text, captions and metadata of one raw document.

    Raises:
        ExtractionError: the document holds no article text.
    """
    page: HtmlText | CleanText
    raw = dataclasses.replace(raw, content=xml_safe(raw.content))
    if raw.kind == "html":
        raw = dataclasses.replace(raw, content=shallow(raw.content))
        page = extract_html(raw.content, raw.url)
        if not page.body:
            # A feed item's or JSON line's few paragraphs give trafilatura too little
            # page to tell story from boilerplate; judge them as text instead.
            page = clean_text(html_text(raw.content))
    else:
        page = clean_text(raw.content)
    if not page.body:
        raise ExtractionError(raw.source, errors.NO_TEXT)
    if isinstance(page, CleanText):
        meta = find_metadata(raw, page.body, page.title or raw.hints.title, page.lead, page.wire)
    else:
        meta = find_metadata(raw, page.body, page.title or raw.hints.title)
    summary = page.summary or raw.hints.summary
    if summary and normalise_text(page.body[0]).startswith(normalise_text(summary)):
        summary = None  # a feed description that is only the body's first sentences
    return Article(
        source=raw.source,
        url=meta.canonical_url,
        title=meta.title,
        publisher=meta.publisher,
        publisher_how=meta.publisher_how,
        wire=meta.wire,
        dateline=meta.dateline,
        authors=meta.authors,
        language=meta.language,
        published=meta.published,
        body=page.body,
        captions=page.captions,
        summary=summary,
    )
