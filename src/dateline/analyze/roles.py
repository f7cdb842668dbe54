"""Titles and roles attached to people ("US President Donald Trump", "Steve Witkoff, the US
special envoy"), read off the dependency parse with a lexicon of role nouns."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from dateline.model import Mention, Role

logger = logging.getLogger(__name__)

# Head nouns that make a noun phrase a title; matched on the lower-cased lemma. Nouns that
# as often describe a company ("operator") are left out: the model tags some companies PERSON.
ROLE_NOUNS = frozenset(
    {
        "president",
        "vice-president",
        "minister",
        "premier",
        "chancellor",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "envoy",
        "negotiator",
        "chief",
        "head",
        "secretary",
        "adviser",
        "advisor",
        "aide",
        "ambassador",
        "general",
        "commander",
        "governor",
        "mayor",
        "ceo",
        "cfo",
        "coo",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "leader",
        "director",
        "founder",
        "co-founder",
        "owner",
        "executive",
        "manager",
        "officer",
        "official",
        "senator",
        "congressman",
        "congresswoman",
        "lawmaker",
        "deputy",
        "representative",
        "speaker",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "monarch",
        "prosecutor",
        "judge",
        "justice",
        "attorney",
        "lawyer",
        "admiral",
        "colonel",
        "major",
        "captain",
        "lieutenant",
        "sergeant",
        "marshal",
        "commissioner",
        "ombudsman",
        "counsellor",
        "councillor",
        "consul",
        "diplomat",
        "delegate",
        "editor",
        "economist",
        "analyst",
        "professor",
        "researcher",
        "scientist",
        "coach",
        "candidate",
        "nominee",
        "mp",
        "mep",
        "member",
        "partner",
        "president-elect",
        "governor-general",
        "prime",
        "treasurer",
        "regent",
        "sheikh",
        "emir",
        "sultan",
        "ayatollah",
        "son",
        "daughter",
        "wife",
        "husband",
        "brother",
        "sister",
        "father",
        "mother",
        "widow",
        "son-in-law",
        "daughter-in-law",
        "nephew",
        "niece",
        "cousin",
        "spouse",
        "successor",
        "predecessor",
        "ally",
        "rival",
        "boss",
        "coordinator",
        "administrator",
        "organiser",
        "organizer",
        "activist",
        "campaigner",
        "teacher",
        "schoolteacher",
        "doctor",
        "nurse",
        "surgeon",
        "engineer",
        "pilot",
        "journalist",
        "correspondent",
        "reporter",
        "columnist",
        "historian",
        "expert",
        "strategist",
        "consultant",
        "investor",
        "banker",
        "entrepreneur",
        "businessman",
        "businesswoman",
        "billionaire",
        "oligarch",
        "tycoon",
        "lobbyist",
        "steward",
        "superintendent",
        "inspector",
        "dean",
        "rector",
        "principal",
        "bishop",
        "archbishop",
        "cardinal",
        "imam",
        "rabbi",
        "priest",
    }
)
# Verbs of "X, who heads the Y": the role noun the clause stands for.
_HEADING_VERBS = {
    "head": "head",
    "lead": "leader",
    "chair": "chair",
    "run": "head",
    "direct": "director",
    "command": "commander",
}
_LEADING_DROP = frozenset({"the", "a", "an"})
_OWNER_LABELS = frozenset({"GPE", "ORG", "NORP"})


def find_roles(doc: Doc, mentions: Sequence[Mention], as_of: date | None) -> list[Role]:
    """Titles the article gives people, each with the span that says so.

    Handles a title before the name ("Ukraine's defence minister Rustem Umerov"), an
    apposition on either side ("Steve Witkoff, the US special envoy"; "the Kremlin
    spokesperson, Dmitry Peskov"), coordinated titles (each one a role) and "X, who heads
    the Y". "its" in a later conjunct becomes the earlier conjunct's owner ("head of
    Ukraine's ..."). A person is a PERSON mention, or an unlabelled run of proper nouns that
    a title describes (the small model misses some names).

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
    for person, title, start, end in found:
        if (person, title) in seen:
            continue
        seen.add((person, title))
        roles.append(Role(person, title, start, end, as_of))
    logger.debug("%d roles", len(roles))
    return roles


def _titles(doc: Doc, mentions: Sequence[Mention]) -> Iterator[tuple[str, str, int, int]]:
    """(person, title, start, end) for every title found, duplicates included."""
    for name, person in _people(doc, mentions):
        head = name.root
        for title in _prefix_titles(name):
            yield _role(person, name, title)
        for noun in _appositive_titles(head):
            for conjunct in _conjuncts(noun):
                tokens = _title_tokens(conjunct, exclude=name)
                if tokens:
                    yield _role(person, name, tokens, owner=_owner(noun, conjunct))
        for clause, text in _relative_titles(head):
            normalised = _normalise(text)
            start = min(name.start_char, clause.start_char)
            end = max(name.end_char, clause.end_char)
            yield person, normalised, start, end


def _people(doc: Doc, mentions: Sequence[Mention]) -> Iterator[tuple[Span, str]]:
    """Spans naming people and their names: PERSON mentions, then unlabelled names (or
    names mislabelled ORG) that a title describes."""
    covered: set[int] = set()
    for mention in mentions:
        if mention.label != "PERSON":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        covered.update(range(span.start, span.end))
        yield span, mention.name
    for token in doc:
        if token.i in covered or not _titled_name_head(token):
            continue
        span = _name_chain(token)
        if span is not None and not covered.intersection(range(span.start, span.end)):
            covered.update(range(span.start, span.end))
            yield span, " ".join(span.text.split())


# Entity types a person's name may wrongly carry and still be read as a name when a title
# describes it: the small model tags some people ORG ("Rustem Umerov, secretary of ...").
_NAMEABLE = frozenset({"", "ORG"})


def _titled_name_head(token: Token) -> bool:
    """Whether an unlabelled proper noun heads a name that a title describes."""
    if token.pos_ != "PROPN" or token.ent_type_ not in _NAMEABLE or _is_role(token):
        return False
    if token.dep_ == "appos" and _is_role(token.head):
        return True
    return any(child.dep_ == "appos" and _is_role(child) for child in token.children) or any(
        child.dep_ in ("compound", "nmod") and child.i < token.i and _is_role(child)
        for child in token.lefts
    )


def _name_chain(token: Token) -> Span | None:
    """The proper nouns compounded onto ``token`` ("Rustem Umerov"), at least two of them."""
    start = token.i
    for child in reversed(list(token.lefts)):
        if (
            child.i == start - 1
            and child.dep_ == "compound"
            and child.pos_ == "PROPN"
            and child.ent_type_ in _NAMEABLE
            and not _is_role(child)
            and child.text[:1].isupper()
        ):
            start = child.i
        else:
            break
    # One capitalised word alone is too often a place or an organisation.
    if start == token.i or not token.text[:1].isupper():
        return None
    return token.doc[start : token.i + 1]


def _is_role(token: Token) -> bool:
    """Whether a token is a role noun ("minister", "President", "son" of "son-in-law")."""
    return token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in ROLE_NOUNS


def _prefix_titles(name: Span) -> Iterator[list[Token]]:
    """A title written before the name, inside its noun phrase ("US President Donald Trump").

    The title is the run of tokens from the modifiers' left edge up to the name.
    """
    head = name.root
    modifiers = [
        child
        for child in head.lefts
        if child.i < name.start and child.dep_ in ("compound", "nmod", "amod")
    ]
    if not modifiers:
        return
    first = min(token.left_edge.i for token in modifiers)
    tokens = list(name.doc[first : name.start])
    # A headline run into the first paragraph parses as one phrase; the title starts after it.
    breaks = [index for index, token in enumerate(tokens) if _ends_line(token)]
    if breaks:
        tokens = tokens[breaks[-1] + 1 :]
    tokens = [token for token in tokens if not token.is_punct]
    if tokens and any(_is_role(token) for token in modifiers):
        yield tokens


def _appositive_titles(head: Token) -> Iterator[Token]:
    """Role nouns in apposition to the name, after it or before it."""
    for child in head.children:
        if child.dep_ == "appos" and _is_role(child):
            yield child
    if head.dep_ == "appos" and _is_role(head.head):
        yield head.head


def _conjuncts(noun: Token) -> list[Token]:
    """The role noun and the role nouns coordinated with it, in text order."""
    return [noun] + [token for token in noun.conjuncts if _is_role(token) and token.i > noun.i]


def _title_tokens(noun: Token, exclude: Span) -> list[Token]:
    """The tokens of one title: the noun's phrase without conjuncts, clauses or the name."""
    dropped: set[int] = set(range(exclude.start, exclude.end))
    for child in noun.children:
        # A hyphen stays: "son-in-law" is one title.
        clause = child.dep_ in ("conj", "cc", "appos", "relcl", "acl", "punct")
        if clause and child.i > noun.i and child.tag_ != "HYPH":
            dropped.update(token.i for token in child.subtree)
        if child.dep_ == "appos" and child.i < noun.i:
            dropped.update(token.i for token in child.subtree)
    tokens = [token for token in noun.subtree if token.i not in dropped]
    # Keep one contiguous run around the noun: a gap means what follows is no longer the title.
    run = [noun]
    for token in reversed([token for token in tokens if token.i < noun.i]):
        if token.i != run[0].i - 1 or _ends_line(token):
            break
        run.insert(0, token)
    for token in (token for token in tokens if token.i > noun.i):
        if token.i != run[-1].i + 1 or _ends_line(run[-1]):
            break
        run.append(token)
    while run and (run[-1].is_punct or run[-1].dep_ == "cc"):
        run.pop()
    return run


def _ends_line(token: Token) -> bool:
    """Whether a line break follows the token (or is the token)."""
    return "\n" in token.text_with_ws


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
                tokens = _title_tokens(child, exclude=clause.doc[0:0])
                yield subtree, _text(tokens)


def _role(
    person: str, name: Span, tokens: list[Token], owner: str | None = None
) -> tuple[str, str, int, int]:
    """A role found as title tokens, its evidence spanning the title and the name."""
    words = [f"{owner}'s" if owner and token.lower_ == "its" else None for token in tokens]
    text = _text(tokens, words)
    start = min(name.start_char, tokens[0].idx)
    end = max(name.end_char, tokens[-1].idx + len(tokens[-1]))
    return person, _normalise(text), start, end


def _text(tokens: list[Token], words: list[str | None] | None = None) -> str:
    """The tokens as written, with replacements for some of them."""
    words = words or [None] * len(tokens)
    return "".join((word or token.text) + token.whitespace_ for token, word in zip(tokens, words))


def _normalise(text: str) -> str:
    """Single-spaced, without a leading article or trailing punctuation; case as written."""
    words = text.split()
    while words and words[0].lower() in _LEADING_DROP:
        words.pop(0)
    return " ".join(words).strip(" ,;:")
