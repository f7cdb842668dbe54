"""Analysis: one article in, its Analysis out (pure; the model loads once per process).

Sentences and entity mentions come from spaCy (``nlp.py``, ``mentions.py``); time
expressions are put on the calendar against the publication date (``timex.py``); quotes
get a cue and a named speaker (``quotes.py``); people get the titles the text gives them
(``roles.py``); each sentence's event gets a trigger, participants, places and a date
(``events.py``), and so does the summary and the title, once written as a sentence
(``casing.py``); an opinion piece's sentences name happenings but report none
(``opinion.py``); each sentence's main clause gets its tense and
parts (``clauses.py``), which the checker reads. Offsets are character offsets into
``Article.text``. An article in a language the model does not read gets its sentences and
nothing else.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from dateline.analyze.casing import as_sentence, headings_as_sentences
from dateline.analyze.clauses import find_clauses
from dateline.analyze.events import body_verbs, find_event_mentions, find_headline_mentions
from dateline.analyze.mentions import find_mentions
from dateline.analyze.nlp import parse, parse_many
from dateline.analyze.opinion import is_opinion
from dateline.analyze.quotes import find_quotes
from dateline.analyze.roles import find_roles
from dateline.analyze.timex import find_timexes
from dateline.model import Analysis, Article

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ANALYZER_VERSION", "READ_LANGUAGES", "analyze", "analyze_many"]

logger = logging.getLogger(__name__)

# Stored with each analysis; raise it when a change alters what analysis finds.
ANALYZER_VERSION = 14


# Languages the model and the rules read. An article in another language is stored and
# searchable, but nothing is read from it: an English parse of it finds only nonsense.
READ_LANGUAGES = frozenset({"en"})


def analyze(
    article: Article,
    doc: Doc | None = None,
    title: Doc | None = None,
    summary: Doc | None = None,
) -> Analysis:
    """Analyse one article; ``doc`` is its text already parsed (its heading lines written
    as sentences: ``casing.headings_as_sentences``), ``title`` its title
    (written as a sentence: ``casing.as_sentence``) and ``summary`` its summary, if the
    caller has them."""
    text = article.text
    doc = parse(headings_as_sentences(text)) if doc is None else doc
    sentences = tuple((s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents)
    if article.language is not None and article.language not in READ_LANGUAGES:
        logger.info("%s is in %r: kept, not read", article.url or article.source, article.language)
        return Analysis(sentences, (), (), (), (), (), ())
    if title is None and article.title:
        title = parse(as_sentence(article.title, text))
    if summary is None and article.summary:
        summary = parse(article.summary)
    anchor = article.published.value
    mentions = find_mentions(doc)
    timexes = find_timexes(text, anchor, doc)
    reported = find_event_mentions(doc, mentions, timexes, anchor)
    if is_opinion(article):  # the writer argues: what the text names, it does not report
        reported = [
            dataclasses.replace(m, kind="other") if m.kind == "main" else m for m in reported
        ]
    return Analysis(
        sentences=sentences,
        mentions=tuple(mentions),
        timexes=tuple(timexes),
        quotes=tuple(find_quotes(doc, mentions)),
        roles=tuple(find_roles(doc, mentions, anchor)),
        event_mentions=(
            *reported,
            *(
                find_headline_mentions(title, anchor, article.title, verbs=body_verbs(doc))
                if title is not None and article.title
                else ()
            ),
            *(
                find_headline_mentions(summary, anchor, article.summary, "summary")
                if summary is not None and article.summary
                else ()
            ),
        ),
        clauses=tuple(find_clauses(doc)),
    )


def analyze_many(articles: Sequence[Article]) -> Iterator[Analysis]:
    """Analyse several articles, parsing their texts, titles and summaries in batches
    (``nlp.pipe``)."""
    asides = [(id(a), kind, written) for a in articles for kind, written in _asides(a)]
    parsed = dict(zip([(i, kind) for i, kind, _ in asides], parse_many(w for *_, w in asides)))
    texts = parse_many(headings_as_sentences(a.text) for a in articles)
    for article, doc in zip(articles, texts):
        key = id(article)
        yield analyze(article, doc, parsed.get((key, "headline")), parsed.get((key, "summary")))


def _asides(article: Article) -> list[tuple[str, str]]:
    """What is parsed besides the text: the title, written as a sentence, and the summary."""
    out = [("headline", as_sentence(article.title, article.text))] if article.title else []
    return out + ([("summary", article.summary)] if article.summary else [])
