"""HTML nested deeper than libxml2 parses, flattened so that its text survives.

libxml2 (under lxml and trafilatura) stops at 256 open elements with a fatal
``ERR_RESOURCE_LIMIT`` and keeps nothing of the page, so a page of unclosed ``<font>`` or
``<div>`` tags would lose all its text. Such a page is tokenised again with the standard
library's parser, which has no depth limit, and written out with at most ``MAX_DEPTH``
elements open: deeper tags are dropped, and a deeper block element becomes a paragraph of
its own, so the words and the paragraph breaks survive.
"""

from __future__ import annotations

import html
import logging
import re
from html.parser import HTMLParser

import lxml.etree
import lxml.html

logger = logging.getLogger(__name__)

# Well under libxml2's 256, and shallow enough for trafilatura's recursive walks.
MAX_DEPTH = 128

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
# Elements whose end is a paragraph break in the text.
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
     "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
     "br"}
)  # fmt: skip
# Never the page's text: code, or content shown only without scripts or frames.
_HIDDEN = frozenset({"script", "style", "template", "noscript", "iframe", "textarea"})
# The standard library's parser passes their content on as written, not as text.
_RAW_TEXT = frozenset({"script", "style"})
_ATTRIBUTE_NAME = re.compile(r"[^\s\"'<>/=\x00-\x1f]+")


def shallow(page: str) -> str:
    """The page as given, or flattened to ``MAX_DEPTH`` when libxml2 finds it too deep.

    Args:
        page: a decoded HTML document.

    Returns:
        HTML that libxml2 parses whole, with the same text and paragraph breaks.
    """
    if not _too_deep(page):
        return page
    logger.debug("HTML nested too deep for libxml2: flattened to %d levels", MAX_DEPTH)
    flattener = _Flattener()
    flattener.feed(page)
    flattener.close()
    return flattener.written()


def _too_deep(page: str) -> bool:
    """Whether libxml2 gives up on the page for its depth."""
    parser = lxml.html.HTMLParser(encoding="utf-8", collect_ids=False)
    try:
        lxml.html.document_fromstring(page.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return False
    return any(error.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in parser.error_log)


class _Flattener(HTMLParser):
    """Writes back what it parses, dropping the tags below ``MAX_DEPTH``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._open: list[str] = []  # every element the source has open, deep ones too
        self._paragraph = False  # a <p> of ours is open at MAX_DEPTH
        self._hidden = 0  # depth of the dropped script/style we are inside, 0 when none

    def written(self) -> str:
        self._break()
        return "".join(self._out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        deep = len(self._open) >= MAX_DEPTH
        if deep:
            if tag in _BLOCKS:
                self._break()
            if tag in _HIDDEN and not self._hidden:
                self._hidden = len(self._open) + 1
        else:
            self._break()
            self._out.append(_start_tag(tag, attrs))
        if tag not in _VOID:
            self._open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._open:
            return  # a stray end tag: libxml2 ignores it too
        while self._open:
            depth, name = len(self._open), self._open.pop()
            if depth <= MAX_DEPTH:
                self._break()
                self._out.append(f"</{name}>")
            elif name in _BLOCKS:
                self._break()
            if depth == self._hidden:
                self._hidden = 0
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if len(self._open) > MAX_DEPTH and not self._paragraph:
            self._out.append("<p>")
            self._paragraph = True
        raw = self._open and self._open[-1] in _RAW_TEXT and len(self._open) <= MAX_DEPTH
        self._out.append(data if raw else html.escape(data, quote=False))

    def handle_decl(self, decl: str) -> None:
        self._out.append(f"<!{decl}>")

    def _break(self) -> None:
        """Close the paragraph of deep text, if one is open."""
        if self._paragraph:
            self._out.append("</p>")
            self._paragraph = False


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    written = "".join(
        f" {name}" if value is None else f' {name}="{html.escape(value)}"'
        for name, value in attrs
        if _ATTRIBUTE_NAME.fullmatch(name)
    )
    return f"<{tag}{written}>"
