"""Titles and roles attached to people ("US President Donald Trump", "Steve Witkoff, the US
special envoy"), read off the dependency parse with a lexicon of role nouns.

A title goes to the name it stands beside: written before the name in its noun phrase
("Deputy Prime Minister Jane Doe", "Trump's lawyer Alina Habba"), or in apposition, set off
by a comma on either side ("Tom Park, Mr Grant's son-in-law,"; "The envoy, Ann Lee,"). The
parse decides what is a title's noun phrase and that the two are in apposition; the comma
decides which name the apposition belongs to, because the small model often hangs it on
the first name of a coordination ("Witkoff and Kushner, Trump's son-in-law"). A name inside
the title ("Grant" above) is its possessor, never its holder.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dateline.analyze.mentions import entity_name
from dateline.analyze.roles_lexicon import (
    ENDED_STATES,
    ENDING_ACTS,
    ENDING_NOUNS,
    ENDING_PHRASAL,
    ENDING_VERBS,
    ROLE_NOUNS,
)
from dateline.model import Mention, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ROLE_NOUNS", "find_roles"]

logger = logging.getLogger(__name__)

# Verbs of "X, who heads the Y": the role noun the clause stands for.
_HEADING_VERBS = {
    "head": "head",
    "lead": "leader",
    "chair": "chair",
    "run": "head",
    "direct": "director",
    "command": "commander",
}
_LEADING_DROP = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "my", "your"})
_OWNER_LABELS = frozenset({"GPE", "ORG", "NORP"})
# Honorifics written before a name, so that "Ms. Harris, the vice president" is adjacent.
_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "lord", "lady", "rev"}
)
_HYPHENS = frozenset({"-", "‐", "‑"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
# Prepositions that continue a title after its noun ("head of ...", "ambassador to ...").
_TITLE_PREPOSITIONS = frozenset({"of", "for", "to", "at", "in", "from", "with"})
# What may follow an apposition: its closing punctuation, a coordination, a relative clause.
_APPOSITION_ENDS = frozenset(
    {",", ".", ";", ":", ")", "]", "!", "?", '"', "”", "'", "’", "—", "–", "and", "or"}
    | {"who", "whose", "which", "whom"}
)
# What sets an apposition off from the name: a comma or a dash.
_SEPARATORS = frozenset({",", "—", "–", "--"})
# Entity types that a title's words are never part of ("General Motors", "Friday").
_NOT_TITLE = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Entity types whose tokens may still be an unlabelled person's name beside a title: the small
# model tags some people ORG ("Rustem Umerov, secretary of ...").
_NAMEABLE = frozenset({"", "ORG", "PERSON"})


# What a person's tenure ends by when they are its object or possessor.
_ENDINGS = ENDING_NOUNS | ENDING_ACTS


@dataclass(frozen=True)
class _Name:
    """A person's name in the text: its tokens (an honorific before it included) and the
    name it stands for."""

    span: Span
    person: str
    labelled: bool = True


def find_roles(doc: Doc, mentions: Sequence[Mention], as_of: date | None) -> list[Role]:
    """Titles the article gives people, each with the span that says so.

    Handles a title before the name ("Ukraine's defence minister Rustem Umerov", "Secretary
    of State Marco Rubio"), an apposition on either side ("Steve Witkoff, the US special
    envoy"; "the Kremlin spokesperson, Dmitry Peskov"), coordinated titles (each one a role)
    and "X, who heads the Y". "its" in a later conjunct becomes the earlier conjunct's owner
    ("head of Ukraine's ..."). A person is a PERSON mention, or an unlabelled run of proper
    nouns that a title describes (the small model misses some names). Titles keep their
    words as written, hyphens included ("son-in-law", "Director-General").

    Args:
        doc: the parsed article text.
        mentions: its entity mentions (``find_mentions``).
        as_of: the article's publication date, carried on every role.

    Returns:
        Roles in text order, one per person and title (the first evidence).
    """
    roles: list[Role] = []
    seen: set[tuple[str, str]] = set()
    found = sorted(_titles(doc, mentions), key=lambda item: (item[2], item[3]))
    for person, title, start, end, ended in found:
        if not title or (person, title) in seen:
            continue
        if set(title.casefold().split()) <= set(person.casefold().split()):
            continue  # "Prince Michael": a word of the name, not a title given to it
        seen.add((person, title))
        roles.append(Role(person, title, start, end, as_of, ended))
    logger.debug("%d roles", len(roles))
    return roles


def _titles(doc: Doc, mentions: Sequence[Mention]) -> Iterator[tuple[str, str, int, int, bool]]:
    """(person, title, start, end, ended) for every title found, duplicates included."""
    for name in _names(doc, mentions):
        ended = _tenure_ends(name.span)
        for person, title, start, end in _titles_of(name):
            yield person, title, start, end, ended


def _titles_of(name: _Name) -> Iterator[tuple[str, str, int, int]]:
    """(person, title, start, end) for every title given to ``name``."""
    prefix = _prefix_title(name.span)
    if prefix:
        yield _role(name, prefix)
    for tokens, owner in _following_titles(name.span):
        yield _role(name, tokens, owner)
    preceding = _preceding_title(name.span)
    if preceding:
        yield _role(name, preceding)
    if not name.labelled:
        return
    for clause, text in _relative_titles(name.span.root):
        start = min(name.span.start_char, clause.start_char)
        end = max(name.span.end_char, clause.end_char)
        yield name.person, _normalise(text), start, end


def _tenure_ends(name: Span) -> bool:
    """Whether the sentence tells the person's tenure ending: they die, are ousted or
    resign ("rebel leader X was dead", "the ouster of longtime leader X", "The First
    Emperor, X, was reported to have died"). A title told there was held until then,
    not as of the day the article was published."""
    token = name.root
    while token.dep_ in ("appos", "compound", "flat") and token.head is not token:
        token = token.head  # the title the name stands in apposition to
    head = token.head
    if token.dep_ in ("nsubj", "nsubjpass"):
        if any(c.lower_ in ENDED_STATES for c in head.children if c.dep_ in ("acomp", "attr")):
            return True
        return _ending_verb(head, passive=token.dep_ == "nsubjpass")
    if token.dep_ in ("dobj", "pobj", "poss"):
        owner = head.head if token.dep_ == "pobj" else head
        return owner.lemma_.lower() in _ENDINGS
    return False


def _ending_verb(verb: Token, *, passive: bool) -> bool:
    """Whether ``verb``, or a verb it reports ("was reported to have died"), ends a tenure
    of its subject: one of leaving, or with a ``passive`` subject one of removal."""
    for _ in range(3):
        lemma = verb.lemma_.lower()
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod")}
        if (
            lemma in ENDING_VERBS
            or (passive and lemma in ENDING_ACTS)
            or any((lemma, p) in ENDING_PHRASAL for p in particles)
        ):
            return True
        following = [c for c in verb.children if c.dep_ == "xcomp"]  # shares the subject
        if not following:
            return False
        verb = following[0]
        passive = passive or any(c.dep_ == "auxpass" for c in verb.children)
    return False


def _names(doc: Doc, mentions: Sequence[Mention]) -> Iterator[_Name]:
    """People's names: PERSON mentions, then runs of two or more proper nouns that no
    mention covers (the small model misses some names; a title must still describe them)."""
    covered: set[int] = set()
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        covered.update(range(span.start, span.end))
        # A title the model took into the name ("President Trump") stays out of it.
        start = span.start
        while start < span.end and (_is_role(doc[start]) or _joins(doc[start])):
            start += 1
        if start == span.end:
            continue
        if start > span.start:
            span = doc[start : span.end]
            yield _Name(span, entity_name(span.text, "PERSON"))
        else:
            yield _Name(_with_honorific(span), mention.name)
    i = 0
    while i < len(doc):
        end = i
        while (
            end < len(doc)
            and end not in covered
            and _name_word(doc[end])
            and (end == i or not _ends_line(doc[end - 1]))
        ):
            end += 1
        if end - i >= 2:
            span = doc[i:end]
            yield _Name(_with_honorific(span), " ".join(span.text.split()), labelled=False)
        i = max(end, i + 1)


def _name_word(token: Token) -> bool:
    """Whether a token can be part of an unlabelled name: a capitalised proper noun."""
    return (
        token.pos_ == "PROPN"
        and token.text[:1].isupper()
        and token.ent_type_ in _NAMEABLE
        and token.lower_ not in _HONORIFICS
        and token.lower_.rstrip(".") not in _HONORIFICS
        and not _is_role(token)
    )


def _with_honorific(span: Span) -> Span:
    """The name with the honorific written before it ("Ms. Harris")."""
    if span.start and span.doc[span.start - 1].lower_.rstrip(".") in _HONORIFICS:
        return span.doc[span.start - 1 : span.end]
    return span


# Words: tokens joined by hyphens without spaces ("son-in-law") are one word.


def _word(token: Token) -> tuple[int, int]:
    """The token range of the hyphenated word holding ``token`` (just the token if none)."""
    doc = token.doc
    start = end = token.i
    while start >= 2 and _joins(doc[start - 1]):
        start -= 2
    while end + 2 < len(doc) and _joins(doc[end + 1]):
        end += 2
    return start, end + 1


def _joins(token: Token) -> bool:
    """Whether a token is a hyphen inside a word (no space on either side)."""
    if token.text not in _HYPHENS or token.whitespace_ or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    return not before.whitespace_ and token.i + 1 < len(token.doc)


def _is_role(token: Token) -> bool:
    """Whether a token is, or is part of, a role noun ("minister", "President", "son" of
    "son-in-law", "vice-president")."""
    start, end = _word(token)
    doc = token.doc
    if end - start > 1:
        parts = [doc[i].lower_ for i in range(start, end, 2)]
        text = "-".join(parts)
        if text not in ROLE_NOUNS and not any(part in ROLE_NOUNS for part in parts):
            return False
        return any(doc[i].pos_ in ("NOUN", "PROPN", "ADJ") for i in range(start, end, 2))
    if token.pos_ not in ("NOUN", "PROPN") or token.lemma_.lower() not in ROLE_NOUNS:
        return False
    # A role noun that begins an organisation's name is part of that name ("General Motors").
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return not (
        token.ent_type_ not in ("", "PERSON")
        and after is not None
        and after.ent_iob_ == "I"
        and after.pos_ == "PROPN"
        and not _is_role(after)
    )


def _ends_line(token: Token) -> bool:
    """Whether a line break follows the token (or is the token)."""
    return "\n" in token.text_with_ws


def _breaks(token: Token) -> bool:
    """Whether a token cannot be inside a title: punctuation other than a word's hyphen or a
    possessive, a spaced dash ("KYIV - "), a date, a line break."""
    if "\n" in token.text:
        return True
    if token.is_space or _joins(token) or (token.text in _POSSESSIVE and token.tag_ == "POS"):
        return False
    if token.is_punct and not _joins(token):
        return True
    # "2012 Republican presidential nominee": a date that modifies the noun after it.
    modifier = token.dep_ in ("compound", "amod", "nummod", "nmod") and token.head.i > token.i
    return token.ent_type_ in _NOT_TITLE and not modifier


def _title_word(token: Token) -> bool:
    """Whether a token may stand in a title's words before its head noun."""
    if _breaks(token):
        return False
    if token.is_space or _joins(token) or (token.text in _POSSESSIVE and token.tag_ == "POS"):
        return True
    start, end = _word(token)
    if end - start > 1:
        # A hyphenated modifier is one word, whatever its parts are ("Los Angeles-based").
        return True
    # An acronym is a noun whatever the tagger says ("WHO Director-General").
    acronym = token.is_alpha and token.is_upper and len(token) > 1
    if token.pos_ in ("NOUN", "PROPN", "ADJ") or acronym or _is_role(token):
        return True
    # "newly elected", "acting": modifiers of a noun to their right.
    return (
        token.pos_ in ("ADV", "VERB")
        and token.dep_ in ("amod", "advmod", "compound")
        and token.head.i > token.i
        and token.head.i - token.i <= 3
    )


# A title before the name, in its noun phrase: "US President Donald Trump".


def _prefix_title(name: Span) -> list[Token]:
    """The title written right before a name, without a comma, or none.

    The title is the run of noun-phrase words before the name ("Putin's top foreign policy
    aide"), "of" after a role noun included ("Secretary of State"), kept only as far as the
    parse connects it to the name, and headed by a role noun.
    """
    doc = name.doc
    start = name.start
    while start > name.sent.start:
        token = doc[start - 1]
        if _ends_line(token):
            break
        title_of = token.lower_ == "of" and start >= 2 and _is_role(doc[start - 2])
        if not (_title_word(token) or title_of):
            break
        start -= 1
    tokens = _connected(list(doc[start : name.start]), name)
    roles = [k for k, token in enumerate(tokens) if _is_role(token)]
    if not roles:
        return []
    # "the son of billionaire candidate Donald Trump": a role noun after "of" heads the title.
    ofs = [k for k, token in enumerate(tokens) if token.lower_ == "of" and k < roles[-1]]
    if ofs:
        tokens = tokens[ofs[-1] + 1 :]
    while tokens and (tokens[0].lower_ == "of" or tokens[0].tag_ == "POS" or tokens[0].is_space):
        tokens.pop(0)
    if not _headed_by_role(tokens) or _plural(tokens[_role_indices(tokens)[-1]]):
        return []
    return tokens


def _connected(tokens: list[Token], name: Span) -> list[Token]:
    """The tokens before the name that the parse joins to it, read from the name leftwards."""
    inside = {token.i for token in tokens} | set(range(name.start, name.end))
    parent = {i: i for i in inside}

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for i in inside:
        token = name.doc[i]
        if token.head.i in inside:
            join(i, token.head.i)
        start, end = _word(token)
        for j in range(start, end):
            if j in inside:
                join(i, j)
    for i in range(name.start, name.end - 1):
        join(i, i + 1)
    root = find(name.start)
    kept: list[Token] = []
    for token in reversed(tokens):
        if find(token.i) != root:
            break
        kept.insert(0, token)
    return kept


def _role_indices(tokens: list[Token]) -> list[int]:
    """Where the role nouns of a run are."""
    return [k for k, token in enumerate(tokens) if _is_role(token)]


def _headed_by_role(tokens: list[Token]) -> bool:
    """Whether a title run ends in a role noun, or in one followed by "of" and its nouns."""
    if not tokens:
        return False
    if _is_role(tokens[-1]):
        return True
    for k, token in enumerate(tokens):
        if token.lower_ == "of" and k and _is_role(tokens[k - 1]):
            # "Secretary of State Marco Rubio", not "mother of Benghazi victim Sean Smith".
            rest = [t for t in tokens[k + 1 :] if not t.is_space]
            return (
                bool(rest)
                and not any(t.lower_ == "of" or _is_role(t) for t in rest)
                and all(t.text[:1].isupper() for t in rest)
            )
    return False


# Appositions: "X, the Y of Z," and "the Y of Z, X,".


def _following_titles(name: Span) -> Iterator[tuple[list[Token], str | None]]:
    """Titles in apposition after the name ("Steve Witkoff, the US special envoy"), each with
    the owner an "its" in it stands for; coordinated titles each count."""
    doc = name.doc
    k = name.end
    # "Mitch McConnell of Kentucky, the majority leader": the state a member sits for.
    if k + 1 < len(doc) and doc[k].lower_ == "of" and doc[k + 1].ent_type_ == "GPE":
        k += 2
        while k < len(doc) and doc[k].ent_iob_ == "I" and doc[k].ent_type_ == "GPE":
            k += 1
    if k >= len(doc) or doc[k].text not in _SEPARATORS:
        return
    k += 1
    while k < len(doc) and doc[k].is_space and "\n" not in doc[k].text:
        k += 1
    # "Tom Park, 32, a nurse": an age between the name and the title.
    if k + 1 < len(doc) and doc[k].like_num and doc[k + 1].text == ",":
        k += 2
    titles: list[list[Token]] = []
    while True:
        tokens = _phrase_after(doc, k, name.sent.start)
        if not tokens:
            break
        titles.append(tokens)
        k = tokens[-1].i + 1
        if k < len(doc) and doc[k].lower_ in ("and", "or"):
            k += 1
            continue
        break
    if not titles or not _apposition_ends(doc, titles[-1], name):
        return
    if not _in_apposition(_head_of(titles[0]), name):
        return
    first = _head_of(titles[0])
    for tokens in titles:
        yield tokens, _owner(first, _head_of(tokens)) if tokens is not titles[0] else None


def _phrase_after(doc: Doc, k: int, sent_start: int) -> list[Token]:
    """The title noun phrase that starts at token ``k``, or none: its words up to a role noun,
    then the prepositional phrase the parse hangs on that noun ("head of the IAEA")."""
    if k >= len(doc) or doc[k].sent.start != sent_start:
        return []
    end = k
    if doc[end].pos_ == "DET" or doc[end].tag_ == "PRP$":
        end += 1
    while end < len(doc) and _title_word(doc[end]) and not _ends_line(doc[end - 1]):
        end += 1
    words = list(doc[k:end])
    if not words or not _is_role(words[-1]) or _plural(words[-1]) or _names_a_person(words):
        return []
    return words + _complement(words[-1])


def _complement(head: Token) -> list[Token]:
    """The prepositional phrases after a role noun that the parse attaches to it ("director
    of New York Communities for Change"), up to a comma or a line break."""
    doc = head.doc
    word = set(range(*_word(head)))
    tokens: list[Token] = []
    end = _word(head)[1]
    while end < len(doc) and doc[end].lower_ in _TITLE_PREPOSITIONS:
        preposition = doc[end]
        if preposition.head.i not in word and preposition.head.i not in {t.i for t in tokens}:
            break
        phrase = []
        for token in doc[preposition.i : preposition.right_edge.i + 1]:
            if _closes(token) or _ends_line(token.nbor(-1)):
                break
            phrase.append(token)
        while phrase and phrase[-1].dep_ == "cc":
            phrase.pop()
        if len(phrase) < 2:
            break
        tokens.extend(phrase)
        if phrase[-1].i != preposition.right_edge.i:
            break
        end = phrase[-1].i + 1
    return tokens


def _plural(token: Token) -> bool:
    """Whether a role noun is plural ("Presidents Reagan and Bush"): several people's title."""
    return _last_of_word(token).tag_ in ("NNS", "NNPS")


def _last_of_word(token: Token) -> Token:
    """The last token of the word holding ``token``."""
    return token.doc[_word(token)[1] - 1]


def _closes(token: Token) -> bool:
    """Whether punctuation ends a title's prepositional phrase ("&" and "." do not)."""
    return token.is_punct and not _joins(token) and token.text not in ("&", ".", "'", "’")


def _names_a_person(tokens: list[Token]) -> bool:
    """Whether a phrase holds a person's name other than as a possessor ("Mr Grant's") or a
    modifier ("a Trump ally"): then it is a name with a title ("the envoy Ann Lee"), not a
    title."""
    doc = tokens[0].doc
    last = tokens[-1].i
    for token in tokens:
        if token.ent_type_ != "PERSON" or token.tag_ == "POS":
            continue
        end = token.i
        while end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON":
            if doc[end + 1].tag_ == "POS":
                break
            end += 1
        possessed = end + 1 < len(doc) and doc[end + 1].tag_ == "POS"
        modifier = end < doc[end].head.i <= last
        if not possessed and not modifier:
            return True
    return False


def _apposition_ends(doc: Doc, title: list[Token], name: Span) -> bool:
    """Whether an apposition may end after the title: at punctuation, a coordination, a
    relative clause, the end of the sentence or line, or a prepositional phrase the parse
    hangs on the title ("a tax official under President Bush"); not at a verb ("Ann Lee,
    the minister said, ...")."""
    k = title[-1].i + 1
    if k >= len(doc) or doc[k].sent.start != name.sent.start or _ends_line(doc[k - 1]):
        return True
    if doc[k].lower_ in _APPOSITION_ENDS:
        return True
    return doc[k].pos_ == "ADP" and doc[k].head.i in {token.i for token in title}


def _head_of(tokens: list[Token]) -> Token:
    """The role noun a title phrase is headed by (the last role noun before a preposition)."""
    heads = [token for token in tokens if _is_role(token)]
    for token in tokens:
        if token.lower_ in _TITLE_PREPOSITIONS and heads and heads[0].i < token.i:
            before = [h for h in heads if h.i < token.i]
            return before[-1]
    return heads[-1]


def _in_apposition(head: Token, name: Span) -> bool:
    """Whether the parse puts the title headed by ``head`` in apposition with the name, or
    with a name it is coordinated with (the model often hangs it on the first conjunct)."""
    word = [head.doc[i] for i in range(*_word(head))]
    title = {token.i for token in word}
    people = set(range(name.start, name.end))
    root = name.root
    people.update(token.i for token in root.conjuncts)
    if root.dep_ == "conj":
        people.add(root.head.i)
    for token in word:
        if token.dep_ == "appos" and token.head.i in people:
            return True
    for i in people:
        token = name.doc[i]
        if token.dep_ == "appos" and token.head.i in title:
            return True
    return False


def _preceding_title(name: Span) -> list[Token]:
    """The title in apposition before the name ("The envoy, Ann Lee"; "Ukraine's top
    negotiator, Rustem Umerov"; "the head of the IAEA, Rafael Grossi"), or none."""
    doc = name.doc
    # "Meles's successor, Prime Minister Hailemariam Desalegn": a title before the name too.
    prefix = _prefix_title(name)
    comma = (prefix[0].i if prefix else name.start) - 1
    if comma <= name.sent.start or doc[comma].text != ",":
        return []
    last = comma - 1
    for head in reversed(doc[name.sent.start : comma]):
        if head.i != _word(head)[1] - 1 or not _is_role(head) or _plural(head):
            continue
        start, end = _word(head)
        if end - 1 == last:
            after: list[Token] = []
        else:
            after = _complement(doc[end - 1])
            if not after or after[-1].i != last:
                continue
        before = start
        word = set(range(start, end))
        while before > name.sent.start and _title_word(doc[before - 1]):
            token = doc[before - 1]
            # Only words of the title's own noun phrase ("the year Pershing Square's founder").
            in_phrase = any(a.i in word for a in token.ancestors) or any(
                t.head.i in word or any(a.i in word for a in t.ancestors)
                for t in doc[_word(token)[0] : _word(token)[1]]
            )
            if _ends_line(token) or not in_phrase:
                break
            before -= 1
        words = list(doc[before:end])
        if _names_a_person(words):
            return []
        tokens = words + after
        lead = doc[before - 1] if before > name.sent.start else None
        if lead is not None and (lead.pos_ == "DET" or lead.tag_ == "PRP$"):
            tokens.insert(0, lead)
        if _in_apposition(doc[end - 1], name) or _in_apposition(doc[start], name):
            return tokens
        return []
    return []


# "X, who heads the Y".


def _owner(first: Token, conjunct: Token) -> str | None:
    """Whose "its" is in a later conjunct: the first conjunct's possessor, when it has one."""
    if conjunct.i == first.i:
        return None
    owners = [
        child
        for child in first.children
        if child.dep_ == "poss" and child.ent_type_ in _OWNER_LABELS
    ]
    if len(owners) != 1:
        return None
    owner = owners[0]
    ent = next((ent for ent in owner.doc.ents if ent.start <= owner.i < ent.end), None)
    return ent.text if ent is not None else owner.text


def _relative_titles(head: Token) -> Iterator[tuple[Span, str]]:
    """ "X, who heads the Y" and "X, who is the Y": the clause and the title it states."""
    for clause in head.children:
        if clause.dep_ != "relcl":
            continue
        lemma = clause.lemma_.lower()
        subtree = clause.doc[clause.left_edge.i : clause.right_edge.i + 1]
        for child in clause.children:
            # Present tense only: "who led the talks" names an act, not a post.
            if lemma in _HEADING_VERBS and clause.tag_ in ("VBZ", "VBP") and child.dep_ == "dobj":
                phrase = child.doc[child.left_edge.i : child.right_edge.i + 1]
                yield subtree, f"{_HEADING_VERBS[lemma]} of {phrase.text}"
            elif lemma == "be" and child.dep_ == "attr" and _is_role(child):
                words = _phrase_after(child.doc, child.left_edge.i, child.sent.start)
                if words:
                    yield subtree, _text(words)


def _role(name: _Name, tokens: list[Token], owner: str | None = None) -> tuple[str, str, int, int]:
    """A role found as title tokens, its evidence spanning the title and the name."""
    words = [f"{owner}'s" if owner and token.lower_ == "its" else None for token in tokens]
    text = _text(tokens, words)
    start = min(name.span.start_char, tokens[0].idx)
    end = max(name.span.end_char, tokens[-1].idx + len(tokens[-1]))
    return name.person, _normalise(text), start, end


def _text(tokens: list[Token], words: list[str | None] | None = None) -> str:
    """The tokens as written (hyphens and all), with replacements for some of them."""
    words = words or [None] * len(tokens)
    pieces = []
    for k, (token, word) in enumerate(zip(tokens, words)):
        gap = token.whitespace_ if k + 1 < len(tokens) else ""
        pieces.append((word or token.text) + gap)
    return "".join(pieces)


def _normalise(text: str) -> str:
    """Single-spaced, without a leading article, possessive pronoun or trailing punctuation;
    case as written."""
    words = text.split()
    while words and words[0].lower() in _LEADING_DROP:
        words.pop(0)
    return " ".join(words).strip(" ,;:")
