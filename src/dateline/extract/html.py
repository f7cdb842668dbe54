"""Main text of an HTML news page, with figure captions kept apart from the body.

Trafilatura finds the article. Around it, this module (1) lifts embedded posts out of
the social-widget wrappers trafilatura discards, and takes captions and inline pop-up
cards out of the page before trafilatura sees it; (2) runs trafilatura twice, precision-focused and
balanced, and keeps the precise text plus what only the balanced run found inside the
story (``html_lines``); (3) drops furniture that survives both, such as a repeated
headline, newsletter boxes and "Related:" lists (``html_furniture``). Each step was kept
only if it raised F1 on the dev half of the article-extraction-benchmark
(``bench/extraction.py``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import NamedTuple

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Document
from trafilatura.utils import load_html

from dateline.extract.html_furniture import drop_furniture
from dateline.extract.html_lines import body_lines, clean, restore_recall, words

logger = logging.getLogger(__name__)

# Caption containers outside <figure>: WordPress "wp-caption", "image-credit",
# "photo-caption" and the like, matched as a word between separators (not "captioned"),
# and length-capped below so that a large container with such a class is not taken whole.
_CAPTION_CLASS = re.compile(
    r"(^|[\s_-])(wp-)?(caption|credit|image-?credit|photo-?credit)s?($|[\s_-])", re.I
)
_CAPTION_MAX_CHARS = 400
# Inline pop-ups (people cards, glossary tooltips) nest other stories' links inside a
# sentence; CSS hides them, which trafilatura cannot see. Only the pop-up body is
# matched ("rollover-block", "tooltiptext"), not the trigger word it hangs on.
_POPUP_CLASS = re.compile(
    r"(rollover|tooltip|popover|hover-?card)[\w-]*?(block|card|content|body|panel|box|text|inner)\b",
    re.I,
)
# Embedded posts are quotations the story relies on, but their wrappers carry
# "social"/"embed" classes that trafilatura prunes as share widgets.
_EMBED_XPATH = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed')]"
)
_STANDFIRST_CLASS = re.compile(
    r"(^|[\s_-])(standfirst|dek|deck|sub-?headline|subhead|subline|sub-?title|article-?summary|lead-?in|excerpt)($|[\s_-])",
    re.I,
)


@dataclass(frozen=True)
class HtmlText:
    """What one HTML page says, split into title, story paragraphs and captions.

    Attributes:
        title: the headline, None when the page states none.
        body: story paragraphs in order (subheadings as their own paragraphs).
        captions: figure captions and photo credits, never repeated in ``body``.
        summary: the publisher's description or standfirst, None when absent.
    """

    title: str | None
    body: tuple[str, ...]
    captions: tuple[str, ...]
    summary: str | None


def extract_html(html: str, url: str | None = None) -> HtmlText:
    """Extract the article text of one HTML page.

    Args:
        html: the decoded page.
        url: the page's URL, which trafilatura uses for metadata; optional.

    Returns:
        The title, body paragraphs, captions and summary. ``body`` is empty when no
        article text was found: the caller decides whether that is an error.
    """
    tree = load_html(html)
    if tree is None:
        logger.debug("not parseable as HTML: %s", url)
        return HtmlText(title=None, body=(), captions=(), summary=None)
    _unwrap_embeds(tree)  # first: a post wrapped in <figure> is not a caption
    captions = _pop_captions(tree)
    _drop_popups(tree)
    standfirst = _find_standfirst(tree)

    # bare_extraction copies an HtmlElement input, so one prepared tree serves both runs
    precise = _trafilatura(tree, url, precise=True)
    balanced = _trafilatura(tree, url, precise=False)
    balanced_lines = body_lines(balanced.body) if balanced is not None else []
    if precise is None:
        title, description, lines = None, None, balanced_lines
    else:
        title, description = clean(precise.title) or None, clean(precise.description) or None
        lines = restore_recall(body_lines(precise.body), balanced_lines)
    summary = description or standfirst
    headlines = [title] if title else []
    headlines += [text for h1 in tree.iter("h1") if (text := clean(h1.text_content()))]
    body, credits = drop_furniture(lines, headlines, description, standfirst)
    if not body:
        logger.debug("no article text found: %s", url)
    captions_kept = _captions_in_story(captions, tree, body)
    return HtmlText(
        title=title, body=tuple(body), captions=_unique(captions_kept + credits), summary=summary
    )


def _trafilatura(tree: HtmlElement, url: str | None, *, precise: bool) -> Document | None:
    """One trafilatura run: precision-focused with metadata, or balanced without.

    Measured on the benchmark's dev half (F1): defaults 0.962, include_comments=False
    0.965, favor_precision 0.973, both 0.975; fast, favor_recall, deduplicate or
    include_formatting did not help. Comments are never part of an article body.
    """
    if precise:
        document = bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
        )
    else:
        document = bare_extraction(tree, url=url, include_comments=False, include_tables=True)
    # a dict only with as_dict=True, which trafilatura's annotation does not tell apart
    assert not isinstance(document, dict)
    return document


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre")


def html_text(html: str) -> str:
    """The text of an HTML fragment, one block element a paragraph, blank lines between.

    For fragments too small for trafilatura's boilerplate detection (a feed item's few
    paragraphs); the plain-text cleaner then judges the paragraphs.
    """
    try:
        # not trafilatura's load_html, which refuses a fragment of one element
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for junk in tree.xpath("//script|//style|//noscript"):
        junk.drop_tree()
    blocks = [
        clean(el.text_content())
        for el in tree.iter(*_BLOCKS)
        if not any(child.tag in _BLOCKS for child in el.iterdescendants())
    ]
    return "\n\n".join(b for b in blocks if b) or clean(tree.text_content())


class _Caption(NamedTuple):
    """A caption's text and the elements that contained it, kept to place it later."""

    text: str
    ancestors: list[HtmlElement]


def _pop_captions(tree: HtmlElement) -> list[_Caption]:
    """Remove caption elements from the tree and return them in page order."""
    outermost: list[HtmlElement] = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or not _is_caption(element):
            continue
        # a caption inside a caption (figcaption in figure) is covered by the outer one
        if outermost and any(ancestor is outermost[-1] for ancestor in element.iterancestors()):
            continue
        outermost.append(element)
    captions = []
    for element in outermost:
        text = clean(" ".join(element.itertext()))
        if text and not _is_teaser(element):
            captions.append(_Caption(text, list(element.iterancestors())))
        element.drop_tree()  # keeps the tail: text after a caption is the page's
    return captions


def _captions_in_story(captions: list[_Caption], tree: HtmlElement, body: list[str]) -> list[str]:
    """Texts of the captions that sat inside the story's container.

    Figures elsewhere on the page are teasers for other stories. The container is the
    <article> around the page paragraphs that reappear in the body, or else the parent
    of the deepest element holding them all; without such paragraphs every caption is
    kept.
    """
    wanted = {tuple(words(text)) for text in body}
    found = [
        element
        for element in tree.iter("p", "h2", "h3", "h4", "li", "blockquote")
        if tuple(words(" ".join(element.itertext()))) in wanted
    ]
    if len(found) < 2:
        return [caption.text for caption in captions]
    shared = [found[0], *found[0].iterancestors()]
    for element in found[1:]:
        ancestors = {id(a) for a in (element, *element.iterancestors())}
        shared = [a for a in shared if id(a) in ancestors]
    # the lead picture usually sits beside the text container, inside the <article>
    story = next((a for a in shared if a.tag == "article"), shared[min(1, len(shared) - 1)])
    return [caption.text for caption in captions if any(a is story for a in caption.ancestors)]


def _is_caption(element: HtmlElement) -> bool:
    """Whether an element is a figure caption or photo credit rather than story text."""
    if element.tag == "figcaption":
        return True
    if element.tag == "figure":
        # trafilatura keeps figures that hold a table: those are content, not pictures
        return element.find(".//table") is None
    if element.get("itemprop") in ("caption", "copyrightHolder"):
        return True
    if not _CAPTION_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"):
        return False
    return len(element.text_content()) <= _CAPTION_MAX_CHARS


def _is_teaser(element: HtmlElement) -> bool:
    """Whether a figure's text is all link text: a card pointing to another story."""
    linked = sum(len(link.text_content().strip()) for link in element.iter("a"))
    return linked > 0 and linked >= len(element.text_content().strip())


def _drop_popups(tree: HtmlElement) -> None:
    """Remove inline pop-up cards, keeping the text that follows them."""
    popups = [
        e for e in tree.iter() if isinstance(e.tag, str) and _POPUP_CLASS.search(e.get("class", ""))
    ]
    for element in popups:
        if element.getparent() is not None:
            element.drop_tree()


def _unwrap_embeds(tree: HtmlElement) -> None:
    """Put each embedded post in place of the wrappers that hold nothing but it."""
    for quote in tree.xpath(_EMBED_XPATH):
        text = quote.text_content().strip()
        top = quote
        while (parent := top.getparent()) is not None and parent.tag not in ("body", "html"):
            if parent.text_content().strip() != text:
                break
            top = parent
        if top is not quote:
            quote.tail = top.tail
            top.getparent().replace(top, quote)


def _find_standfirst(tree: HtmlElement) -> str | None:
    """The text of the first standfirst-like element on the page, if any."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "script", "style"):
            continue
        if _STANDFIRST_CLASS.search(element.get("class", "")):
            text = clean(" ".join(element.itertext()))
            if 5 <= len(text.split()) <= 80:
                return text
    return None


def _unique(texts: list[str]) -> tuple[str, ...]:
    """Texts in order with repeats removed."""
    return tuple(dict.fromkeys(texts))
