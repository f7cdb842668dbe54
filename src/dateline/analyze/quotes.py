"""Reported speech: who said what, with the cue verb, the speaker and the medium.

Direct quotes are found from quotation marks and attributed to the nearest speech verb
outside any quote; indirect speech is a speech verb's clausal complement ("X said
(that) ..."), or the clause that "according to X" attaches to. The grammatical subject
of the cue is resolved to a named mention: itself when it is one, the last compatible
person for "he"/"she", the last organisation for "it"/"they", and the person last
described with the same title for "the minister".
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dateline.analyze.nlp import sentence_of, text_of
from dateline.analyze.quotes_lexicon import (
    CLAUSE_VERBS,
    DIRECT_ONLY_VERBS,
    INFINITIVE_VERBS,
    MEDIA,
    OBJECT_VERBS,
    PREPOSITION_VERBS,
    SPEECH_VERBS,
)
from dateline.analyze.speakers import Source, SpeakerResolver
from dateline.model import Mention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

_OPENING = "“„«"
_CLOSING = "”»"
_STRAIGHT = '"'
_PARAGRAPH = re.compile(r"[^\n]+")
# A quote this short with no cue, or a cue with no subject, is a scare quote or a title.
_MIN_UNCUED_WORDS = 6
_WORD = re.compile(r"\w+")
_INDIRECT_CUES = (
    (SPEECH_VERBS - DIRECT_ONLY_VERBS)
    | CLAUSE_VERBS
    | INFINITIVE_VERBS
    | OBJECT_VERBS
    | frozenset(v for verbs in PREPOSITION_VERBS.values() for v in verbs)
)
# A quote signed after its closing mark: "” ― Sonya Herridge" ending the paragraph.
_SIGNED = re.compile(
    r"[”\"»]?[ \t]*(?P<dash>[―—–])[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})"
    r"[ \t.]*(?:\n|$)"
)
# A paragraph opening with a name of one to three words and a colon.
_NAME_COLON = re.compile(
    r"[\"“]?(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,2}):[ \t]+(?P<rest>\S)"
)
# Another name of two or three words and a colon inside the paragraph: the paragraph is a
# list of pieces and their authors ("Jane Doe: Why the bill matters John Roe: ..."),
# not one person's words.
_LISTED_NAME = re.compile(r"(?<=[\w.,;!?…'’\"”] )[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){1,2}:[ \t]")
# At most this many words between two parts of a quote, "he said" standing between them.
_MAX_FRAME_WORDS = 12


def find_quotes(doc: Doc, mentions: Sequence[Mention]) -> list[Quote]:
    """Direct and indirect quotes in one parsed text, in text order.

    Args:
        doc: the parsed text (``dateline.analyze.nlp.parse``); offsets are into ``doc.text``.
        mentions: the text's entity mentions (``dateline.analyze.mentions.find_mentions``).

    Returns:
        One ``Quote`` per quoted passage. A direct quote broken by its attribution
        (``"We are ready," he said, "to talk."``) gives one quote per part, all with the
        same cue; a quote running over paragraphs is one quote. ``speaker`` is None when
        the subject names nobody ("a spokesman", "I").
    """
    spans = _quote_spans(text_of(doc))
    resolver = SpeakerResolver(doc, mentions, spans)
    colon = _colon_quotes(doc, resolver)
    indirect = [
        _close_quotation(q, spans, text_of(doc))
        for q in _indirect_quotes(doc, resolver)
        if not _is_quotation(q, spans) and not any(c.start <= q.start < c.end for c in colon)
    ]
    indirect += colon
    # A quotation that starts inside reported speech is part of it: 'said he had “...”'.
    direct = [
        q
        for q in _direct_quotes(doc, spans, resolver)
        if not any(i.start <= q.start < i.end for i in indirect)
    ]
    quotes = _outermost(
        sorted(direct + indirect, key=lambda q: (q.start, q.end, q.cue_start or -1))
    )
    logger.debug("%d direct, %d indirect quotes", len(direct), len(indirect))
    return quotes


def _outermost(quotes: list[Quote]) -> list[Quote]:
    """Quotes whose cue stands outside every other quote's words.

    "Sanders said he believes the race will go on" attributes the belief to Sanders through
    what he said: the quote is what "said" reports; "believes", inside it, is his wording,
    not a second attribution (and "“I said that we would win,” he said" is one quote).
    """
    spans = sorted((q.start, q.end) for q in quotes)
    starts = [s for s, _ in spans]
    kept = []
    for quote in quotes:
        cue = quote.cue_start
        inside = cue is not None and any(
            s <= cue < e and (s, e) != (quote.start, quote.end)
            for s, e in spans[: bisect.bisect_right(starts, cue)]
        )
        if not inside:
            kept.append(quote)
    return kept


# -- direct quotes ---------------------------------------------------------------------


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """Content spans (without the marks) of quotations, joining those that run over paragraphs.

    A paragraph that ends inside a quote continues it only when the next paragraph opens
    with a quotation mark, the newspaper convention; otherwise the stray mark is dropped.
    """
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    skip: int | None = None
    paragraphs = list(_PARAGRAPH.finditer(text))
    for n, para in enumerate(paragraphs):
        for i in range(para.start(), para.end()):
            char = text[i]
            if i == skip or char not in _OPENING + _CLOSING + _STRAIGHT:
                continue
            if char == _STRAIGHT:
                before = text[i - 1] if i > para.start() else " "
                is_open = opened is None and (before.isspace() or before in "([{—–-/")
            else:
                is_open = char in _OPENING
            if is_open:
                opened = i  # an unmatched earlier opening mark is dropped
            elif opened is not None:
                if i > opened + 1:
                    spans.append((opened + 1, i))
                opened = None
        if opened is not None:
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
            if following and text[following.start()] in _OPENING + _STRAIGHT:
                skip = following.start()
            else:
                opened = None
    return spans


def _direct_quotes(
    doc: Doc, spans: list[tuple[int, int]], resolver: SpeakerResolver
) -> list[Quote]:
    """Attribute each quotation to the nearest speech verb outside quotes in its sentences."""
    text = text_of(doc)
    quoted = [(s - 1, e + 1) for s, e in spans]
    cues = [t for t in doc if _is_cue(t, direct=True) and not _inside(t.idx, quoted)]
    cue_starts = [t.idx for t in cues]
    quotes: list[Quote] = []
    last: Quote | None = None
    for start, end in spans:
        lo, hi = _frame(doc, start, end)
        found = cues[bisect.bisect_left(cue_starts, lo) : bisect.bisect_left(cue_starts, hi)]
        content_end = end
        while content_end > start and text[content_end - 1] in ", \n":
            content_end -= 1
        words = len(_WORD.findall(text[start:end]))
        if found:
            cue = min(found, key=lambda t: (start - t.idx if t.idx < start else t.idx - end, t.i))
            speaker = _source(resolver, _subject(cue))
            if _subject(cue) is None and words < _MIN_UNCUED_WORDS:
                continue  # "was called a “reset”": a term, not somebody's words
            quote = _quote(doc, start, content_end, True, cue, speaker)
        elif (byline := _dash_source(doc, end, resolver)) is not None:
            # "“... our young people.” ― Krystal Correa": a quote signed after a dash
            dash, source = byline
            quote = _with_source(
                Quote(
                    start,
                    content_end,
                    text[start:content_end],
                    True,
                    text[dash],
                    dash,
                    dash + 1,
                    *_speaker_fields(source),
                ),
                source,
            )
        elif last is not None and _resumes(text, last, start):
            # "“It's fine,” Trump says of waterboarding. “And much tougher ...”": the
            # second part has the first part's cue, which stands between them.
            quote = dataclasses.replace(
                last, start=start, end=content_end, text=text[start:content_end]
            )
        elif last is not None and words >= _MIN_UNCUED_WORDS and _continues(text, last.end, start):
            # An uncued quote right after a quote goes on with the same speaker.
            quote = dataclasses.replace(
                last,
                start=start,
                end=content_end,
                text=text[start:content_end],
                cue=None,
                cue_start=None,
                cue_end=None,
            )
        else:
            continue
        quotes.append(quote)
        last = quote
    return quotes


def _frame(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The characters where a quotation's cue may stand: its sentences, within its paragraphs.

    Includes the sentence before when it ends with a colon (``He said: "..."``) and the
    one after when the quote ends with a comma (spaCy sometimes splits ``"...," he said``).
    """
    text = text_of(doc)
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or len(first) == 0:
        return start, end
    sent_start, sent_end = sentence_of(doc, first[0].i), sentence_of(doc, first[-1].i)
    lo, hi = sent_start.start_char, sent_end.end_char
    before = text[: max(start - 1, 0)].rstrip()
    if before.endswith(":") and sent_start.start > 0:
        lo = sentence_of(doc, sent_start.start - 1).start_char
    if text[:end].rstrip()[-1:] in (",", "—") and sent_end.end < len(doc):
        hi = sentence_of(doc, sent_end.end).end_char
    para_lo = text.rfind("\n", 0, start) + 1
    para_hi = text.find("\n", end)
    return max(lo, para_lo), hi if para_hi < 0 else min(hi, para_hi)


def _dash_source(doc: Doc, end: int, resolver: SpeakerResolver) -> tuple[int, Source] | None:
    """The dash and the source of a quote signed "” ― Name" at the end of its paragraph."""
    text = text_of(doc)
    match = _SIGNED.match(text, end)
    if match is None:
        return None
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
    if name is None or len(name) == 0 or not any(t.pos_ == "PROPN" for t in name):
        return None
    return match.start("dash"), resolver.source(name.root)


def _colon_quotes(doc: Doc, resolver: SpeakerResolver) -> list[Quote]:
    """Paragraphs that open with a name and a colon: a transcript's "WALLACE: ...", a
    headline's "Pence: ...". The name must be one the text knows (an entity mention, or
    capitals written elsewhere in the text in title case)."""
    text = text_of(doc)
    quotes = []
    for para in _PARAGRAPH.finditer(text):
        match = _NAME_COLON.match(para.group())
        if match is None:
            continue
        start, end = para.start() + match.start("name"), para.start() + match.end("name")
        name = doc.char_span(start, end, alignment_mode="expand")
        if name is None or len(name) == 0 or not _known_name(name, text):
            continue
        said = doc.char_span(
            para.start() + match.start("rest"), para.end(), alignment_mode="expand"
        )
        if said is None or not any(t.pos_ in ("VERB", "AUX") for t in said):
            continue  # "Clinton: 1,769.", "Kasich: Now or never.": a tally or a verdict
        if _LISTED_NAME.search(said.text):
            continue
        colon = para.start() + match.end("name")
        content_start = para.start() + match.start("rest")
        content_end = para.end()
        while content_end > content_start and text[content_end - 1] in _CLOSING + _STRAIGHT + " ":
            content_end -= 1
        source = resolver.source(name.root)
        quote = Quote(
            content_start,
            content_end,
            text[content_start:content_end],
            False,
            ":",
            colon,
            colon + 1,
            *_speaker_fields(source),
        )
        quotes.append(_with_source(quote, source))
    return quotes


def _known_name(name: Span, text: str) -> bool:
    """Whether a paragraph-opening name is a name: an entity mention, or capitals the text
    also writes in title case ("WALLACE" and "Chris Wallace")."""
    if name.text.isupper():
        return len(name.text) > 2 and name.text.title() in text
    return all(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in name if not t.is_punct)


def _resumes(text: str, last: Quote, start: int) -> bool:
    """Whether only the previous quote's attribution, in the same paragraph, lies between."""
    between = text[last.end : start]
    return (
        last.cue_start is not None
        and last.end <= last.cue_start < start
        and "\n" not in between
        and len(_WORD.findall(between)) <= _MAX_FRAME_WORDS
    )


def _continues(text: str, previous_end: int, start: int) -> bool:
    """Whether only quote marks, punctuation and at most one paragraph break lie between."""
    between = text[previous_end:start]
    return between.count("\n\n") <= 1 and not _WORD.search(between)


def _inside(i: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= i < e for s, e in spans)


def _is_quotation(quote: Quote, spans: list[tuple[int, int]]) -> bool:
    """Whether an indirect quote's content is no more than a quotation (then it is direct).

    ``He said, “We are ready.”`` parses as a clausal complement, but ``said that he had
    “very serious concerns”`` is indirect speech quoting a few words, and stays.
    """
    chars = list(quote.text)
    for s, e in spans:
        for i in range(max(s, quote.start), min(e, quote.end)):
            chars[i - quote.start] = " "
    return not _WORD.search("".join(chars))


def _close_quotation(quote: Quote, spans: list[tuple[int, int]], text: str) -> Quote:
    """Reported speech ending inside a quotation, extended to its closing mark."""
    end = max((e + 1 for s, e in spans if quote.start <= s < quote.end <= e), default=quote.end)
    return (
        dataclasses.replace(quote, end=end, text=text[quote.start : end])
        if end > quote.end
        else quote
    )


# -- indirect speech -------------------------------------------------------------------


def _indirect_quotes(doc: Doc, resolver: SpeakerResolver) -> list[Quote]:
    """Clausal complements of speech verbs, and clauses attributed "according to" someone."""
    quotes = []
    for token in doc:
        if token.lower_ == "according" and _according_source(token) is not None:
            quote = _according(doc, token, resolver)
        elif _is_cue(token, direct=False):
            speaker = _source(resolver, _subject(token))
            for first, last in _reported(token):
                quotes.append(_quote(doc, first.idx, _end_of(last), False, token, speaker))
            continue
        else:
            continue
        if quote is not None and quote.end > quote.start:
            quotes.append(quote)
    return [q for q in quotes if q.end > q.start]


def _reported(cue: Token) -> list[tuple[Token, Token]]:
    """What a cue attributes, as spans of tokens: its clause, its infinitive, its object,
    or, for a parenthetical "X, he said, Y", the two parts of the sentence around it."""
    lemma = cue.lemma_.lower()
    speech = lemma in SPEECH_VERBS and lemma not in DIRECT_ONLY_VERBS
    if speech or lemma in CLAUSE_VERBS:
        clause = _reported_clause(cue, speech)
        if clause is not None:
            return [clause]
        if speech and cue.dep_ == "parataxis" and _subject(cue) is not None:
            return _around(cue)
    if lemma in INFINITIVE_VERBS:
        verb = next(
            (
                c
                for c in cue.children
                if c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.lefts)
            ),
            None,
        )
        if verb is not None:
            # "urged supporters to ...", "called on Republicans to ...": from the addressee
            addressee = next(
                (c for c in cue.children if c.dep_ in ("dobj", "prep") and c.i < verb.i), None
            )
            return [_trimmed(addressee or verb.left_edge, verb.right_edge)]
    objects = [c for c in cue.children if c.dep_ == "dobj"]
    complement = next((c for c in cue.children if c.dep_ == "oprd"), None)
    if objects and (lemma in OBJECT_VERBS or (lemma == "call" and complement is not None)):
        end = (complement or objects[0]).right_edge
        return [_trimmed(objects[0].left_edge, max(end, objects[0].right_edge, key=lambda t: t.i))]
    for prep in cue.children:
        if prep.dep_ == "prep" and lemma in PREPOSITION_VERBS.get(prep.lower_, ()):
            obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return [_trimmed(obj.left_edge, obj.right_edge)]
    return []


def _around(cue: Token) -> list[tuple[Token, Token]]:
    """The parts of a sentence on either side of its parenthetical attribution: "The
    museum, Ms Marsh said, would open in the spring" (the parser may hang either part on
    the cue or the cue on either part)."""
    subject = _subject(cue)
    first = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
    sentence = sentence_of(cue.doc, cue.i)
    words = [t for t in sentence if not (t.is_punct or t.is_space)]
    before = [t for t in words if t.i < first]
    after = [t for t in words if t.i > cue.right_edge.i or (t.i > cue.i and t.head.i != cue.i)]
    return [(part[0], part[-1]) for part in (before, after) if part]


def _trimmed(first: Token, last: Token) -> tuple[Token, Token]:
    """The span without punctuation or spaces at its ends."""
    doc = first.doc
    i, j = first.i, last.i
    while (
        i < j and (doc[i].is_punct or doc[i].is_space) and doc[i].text not in _OPENING + _STRAIGHT
    ):
        i += 1
    while (
        j > i and (doc[j].is_punct or doc[j].is_space) and doc[j].text not in _CLOSING + _STRAIGHT
    ):
        j -= 1
    return doc[i], doc[j]


def _reported_clause(cue: Token, speech: bool = True) -> tuple[Token, Token] | None:
    """First and last token of what a speech verb reports: its clausal complement.

    Also takes "wrote after the attacks that Russia had struck 12 regions" and "said in a
    statement that ...", which the parser attaches to the noun: a "that"-clause in a
    prepositional phrase of the cue, either marked as a complement or with subject and
    object both filled (a relative clause lacks one).
    """
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        return clause.left_edge, clause.right_edge
    if not speech:
        return None
    for prep in (c for c in cue.rights if c.dep_ == "prep"):
        for token in prep.subtree:
            that = token.left_edge
            if (
                token.dep_ not in ("relcl", "acl")
                or that.lower_ != "that"
                or that.i != token.head.i + 1
            ):
                continue
            filled = {c.dep_ for c in token.children if c.i != that.i}
            if that.dep_ == "mark" or {"nsubj", "dobj"} <= filled:
                return that, token.right_edge
    return None


def _according(doc: Doc, according: Token, resolver: SpeakerResolver) -> Quote | None:
    """ "According to X, ...": the clause around the phrase, attributed to X."""
    source = _according_source(according)
    phrase = {t.i for t in according.subtree}
    head = according.head
    rest = [t for t in head.subtree if t.i not in phrase and not t.is_punct and not t.is_space]
    if not rest:
        return None
    start, end = rest[0].idx, _end_of(rest[-1])
    to = next(t for t in according.children if t.lower_ == "to")
    speaker = _source(resolver, source)
    quote = Quote(
        start,
        end,
        text_of(doc)[start:end],
        False,
        text_of(doc)[according.idx : _end_of(to)],
        according.idx,
        _end_of(to),
        *_speaker_fields(speaker),
        medium=_medium(according),
    )
    return _with_source(quote, speaker)


def _according_source(according: Token) -> Token | None:
    to = next((t for t in according.children if t.lower_ == "to"), None)
    if to is None:
        return None
    return next((t for t in to.children if t.dep_ == "pobj"), None)


# -- cues, subjects, media -------------------------------------------------------------


def _is_cue(token: Token, direct: bool) -> bool:
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return False
    if direct:
        return lemma in SPEECH_VERBS
    return lemma in _INDIRECT_CUES


def _names_a_noun(subject: Token) -> bool:
    """Whether a subject the parser split off is the name after a common noun ("the charity
    Merlin"): part of another noun phrase, not a speaker of its own."""
    first = subject.left_edge
    before = subject.doc[first.i - 1] if first.i > 0 else None
    return before is not None and before.tag_ in ("NN", "NNS") and not before.is_punct


def _subject(cue: Token) -> Token | None:
    """The cue's grammatical subject, following conjoined and dependent verbs up."""
    if cue.lower_ == "according":
        return _according_source(cue)
    for _ in range(4):
        # the nearest before the cue when the parser gave two ("The museum, Ms Marsh
        # said, would open"; "Salkin said he and other rabbis were alarmed")
        subjects = sorted(
            (c for c in cue.children if c.dep_ == "nsubj"),
            key=lambda c: (c.i > cue.i, abs(c.i - cue.i)),
        )
        if len(subjects) > 1 and _names_a_noun(subjects[0]):
            subjects.pop(0)  # "Tony Redmond from the charity Merlin says": not Merlin
        subject = subjects[0] if subjects else None
        if subject is None:  # passive: "was told by X"; "the plan was called ..." has none
            agent = next((c for c in cue.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            passive = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
            if subject is None and passive is not None:
                if cue.lemma_.lower() != "quote":
                    return None  # "..., but we're told, that he is ...": the teller is unnamed
                subject = passive  # "he was quoted as saying"
        if subject is not None and subject.tag_ not in ("WP", "WDT"):
            return subject
        if cue.dep_ == "relcl":  # "Smith, who said ...": the source as written is "who"
            return subject if subject is not None else cue.head
        if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
            return cue.head  # "an academic, praising ...": the noun the participle describes
        if cue.dep_ not in ("conj", "advcl", "xcomp") or cue.head.i == cue.i:
            return subject
        cue = cue.head
    return None


def _medium(cue: Token) -> str | None:
    """Where the cue says it was said: "on Telegram", "in a statement", "in an interview with CNN"."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "in", "via", "during", "at"):
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and (obj.lower_ in MEDIA or obj.lemma_.lower() in MEDIA):
                # "an interview with CNN", but not the clause of "a statement that ..."
                words = [t for t in obj.lefts if t.dep_ not in ("det", "poss")] + [obj]
                words += [t for c in obj.rights if c.dep_ == "prep" for t in c.subtree]
                return text_of(cue.doc)[words[0].idx : _end_of(words[-1])]
    return None


def _quote(
    doc: Doc, start: int, end: int, direct: bool, cue: Token, speaker: Source | None
) -> Quote:
    quote = Quote(
        start,
        end,
        text_of(doc)[start:end],
        direct,
        cue.text,
        cue.idx,
        _end_of(cue),
        *_speaker_fields(speaker),
        medium=_medium(cue),
        speech=cue.lemma_.lower() in SPEECH_VERBS,
    )
    return _with_source(quote, speaker)


def _source(resolver: SpeakerResolver, subject: Token | None) -> Source | None:
    return None if subject is None else resolver.source(subject)


def _speaker_fields(speaker: Source | None) -> tuple[str | None, int | None, int | None]:
    if speaker is None:
        return None, None, None
    return speaker.speaker, speaker.speaker_start, speaker.speaker_end


def _with_source(quote: Quote, source: Source | None) -> Quote:
    """The quote with its source mention as written and how it was resolved."""
    if source is None:
        return quote
    return dataclasses.replace(
        quote, source_start=source.start, source_end=source.end, resolved_by=source.resolved_by
    )


def _end_of(token: Token) -> int:
    return token.idx + len(token.text)
