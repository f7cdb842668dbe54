"""Timelines and key points written out for people: Markdown, HTML and plain lines with
footnote numbers that map to outlet, title and date.

Article text is untrusted: Markdown escapes it (and its HTML), HTML escapes everything.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dateline.model import JSON, BriefPoint, Citation, TimelineEntry, day_label

# Articles a line cites by footnote number; the rest are counted, with a few outlets named.
MAX_FOOTNOTES = 3
NAMED_OUTLETS = 3
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
# At the start of a line's text, a list item ("1." "2)" "+" "-"); "-" also starts "---".
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
_LIST_MARK = re.compile(r"^([-+])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Section:
    """A heading and its lines; each line is (label or None, text, citations)."""

    heading: str
    lines: Sequence[tuple[str | None, str, Sequence[Citation]]]


def sections(
    entries: Sequence[TimelineEntry] = (), points: Sequence[BriefPoint] = ()
) -> list[Section]:
    """A story's timeline and key points as the sections every format writes."""
    found = []
    if entries:
        found.append(
            Section(
                "Timeline",
                [
                    (e.label, _marked(e.text, e.verified, e.background), e.citations)
                    for e in entries
                ],
            )
        )
    if points:
        found.append(
            Section(
                "Key points", [(None, _marked(p.text, p.verified), p.citations) for p in points]
            )
        )
    return found


def _marked(text: str, verified: bool, background: bool = False) -> str:
    """A line as shown: one the checker could not verify says so first, and background
    (what ended well before the story began) says so too."""
    text = f"[background] {text}" if background else text
    return text if verified else f"[unverified] {text}"


class Footnotes:
    """Citations numbered in the order they are first cited, one number per article; a
    line cites at most ``MAX_FOOTNOTES`` articles by number and counts the rest."""

    def __init__(self) -> None:
        self.cited: dict[str, Citation] = {}

    def numbers(self, citations: Iterable[Citation]) -> list[int]:
        """The footnote numbers of a line's first ``MAX_FOOTNOTES`` cited articles."""
        shown = _articles(citations)[:MAX_FOOTNOTES]
        for citation in shown:
            self.cited.setdefault(citation.article, citation)
        order = list(self.cited)
        return sorted({order.index(citation.article) + 1 for citation in shown})

    @staticmethod
    def rest(citations: Iterable[Citation]) -> str:
        """The articles a line cites beyond its footnotes, counted with their outlets
        ("and 219 more from Reuters, BBC, CNN …"); empty when there are none."""
        others = _articles(citations)[MAX_FOOTNOTES:]
        if not others:
            return ""
        outlets = list(dict.fromkeys(c.outlet for c in others if c.outlet))
        named = ", ".join(clean(o) for o in outlets[:NAMED_OUTLETS])
        more = " …" if len(outlets) > NAMED_OUTLETS else ""
        return f"and {len(others)} more" + (f" from {named}{more}" if named else "")

    def sources(self) -> list[tuple[int, str]]:
        """Each footnote's number and source: outlet, title, date, article id."""
        return [(n, source_line(c)) for n, c in enumerate(self.cited.values(), 1)]


def _articles(citations: Iterable[Citation]) -> list[Citation]:
    """A line's citations, one per article, in the order cited."""
    first: dict[str, Citation] = {}
    for citation in citations:
        first.setdefault(citation.article, citation)
    return list(first.values())


def source_line(citation: Citation) -> str:
    """Outlet, title, date and article id, as a footnote gives them."""
    when = citation.published
    parts = [
        citation.outlet or "unknown outlet",
        f"“{citation.title}”" if citation.title else None,
        day_label(when) if when else "undated",
        f"article {citation.article}",
    ]
    return ", ".join(clean(p) for p in parts if p)


def clean(text: str) -> str:
    """Text without control characters, on one line."""
    return " ".join(_CONTROL.sub(" ", text).split())


def markdown(title: str | None, found: Sequence[Section]) -> str:
    """The sections as Markdown, with footnotes; untrusted text is escaped."""
    notes = Footnotes()
    out = [f"# {md(title or 'Untitled story')}", ""]
    for section in found:
        out += [f"## {section.heading}", ""]
        for label, text, citations in section.lines:
            marks = "".join(f"[^{n}]" for n in notes.numbers(citations))
            rest = f" ({md(rest)})" if (rest := notes.rest(citations)) else ""
            out.append(f"- {f'**{md(label)}**: ' if label else ''}{md(text)} {marks}{rest}")
        out.append("")
    out += [f"[^{n}]: {md(line)}" for n, line in notes.sources()]
    return "\n".join(out).rstrip() + "\n"


def html_page(title: str | None, found: Sequence[Section]) -> str:
    """The sections as one standalone HTML page; every piece of text is escaped."""
    notes = Footnotes()
    head = html.escape(clean(title or "Untitled story"))
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{head}</title></head><body>",
        f"<h1>{head}</h1>",
    ]
    for section in found:
        out.append(f"<h2>{html.escape(section.heading)}</h2><ul>")
        for label, text, citations in section.lines:
            marks = "".join(
                f'<sup><a href="#source-{n}">{n}</a></sup>' for n in notes.numbers(citations)
            )
            when = f"<time>{html.escape(label)}</time>: " if label else ""
            rest = (
                f" <small>({html.escape(rest)})</small>" if (rest := notes.rest(citations)) else ""
            )
            out.append(f"<li>{when}{html.escape(clean(text))}{marks}{rest}</li>")
        out.append("</ul>")
    out.append("<h2>Sources</h2><ol>")
    out += [f'<li id="source-{n}">{html.escape(line)}</li>' for n, line in notes.sources()]
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"


def md(text: str) -> str:
    """Untrusted text for Markdown: one line, its markup characters and HTML escaped, and
    so is what would start a list where it begins a line (``>`` is escaped as HTML)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(clean(text), quote=False))
    return _LIST_MARK.sub(r"\\\1", _LIST_NUMBER.sub(r"\1\\\2", escaped))


def article_page(data: JSON) -> str:
    """One article as a readable page, from its JSON form (``show`` and ``extract``/
    ``analyze`` without ``--json``): metadata, paragraphs, captions, and the analysis."""
    published = data["published"]
    head = [
        ("id", data.get("id")),
        ("title", data["title"]),
        ("url", data["url"]),
        ("source", data["source"]),
        ("publisher", data["publisher"]),
        ("wire", data["wire"]),
        ("dateline", data["dateline"]),
        ("authors", ", ".join(data["authors"]) or None),
        ("language", data["language"]),
        ("published", f"{published['value']} ({published['how']})" if published["value"] else None),
        ("summary", data["summary"]),
    ]
    lines = [f"{k + ':':<11}{v}" for k, v in head if v]
    lines += ["", *(p + "\n" for p in data["body"])]
    lines += [f"[caption] {c}" for c in data["captions"]]
    analysis = data.get("analysis") or (data if "mentions" in data else None)
    if analysis:
        lines += _describe_analysis(analysis)
    return "\n".join(lines).rstrip() + "\n"


def _describe_analysis(analysis: JSON) -> list[str]:
    names: dict[str, str] = {}
    for m in analysis["mentions"]:
        if m["label"] not in ("DATE", "TIME"):
            names.setdefault(m["name"], m["label"])
    lines = ["", "Entities:", *(f"  {name} [{label}]" for name, label in names.items())]
    lines += [
        "",
        "Roles:",
        *(
            f"  {r['person']}: {r['title']} (as of {r['as_of'] or 'undated'})"
            for r in analysis["roles"]
        ),
    ]
    lines += [
        "",
        "Dates:",
        *(
            f"  {t['text']!r} -> {t['value'] or '?'} ({t['type']}, {t['rule']})"
            for t in analysis["timexes"]
        ),
    ]
    lines += [
        "",
        "Quotes:",
        *(
            f"  {q['speaker'] or '(unknown)'} {q['cue'] or ''}: "
            + (f"“{q['text']}”" if q["direct"] else q["text"])
            + (f" ({q['medium']})" if q["medium"] else "")
            for q in analysis["quotes"]
        ),
    ]
    return lines
