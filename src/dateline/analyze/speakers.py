"""Who a quote's source is: the mention at the cue as written, resolved within the article.

No coreference model ships offline, so this resolver works over the dependency parse and
the entity mentions of one text:

- a name is itself: a person (``named``), or an organisation or state (``organisation``);
- a relative pronoun ("Mr Novak, who ... said") is the noun its clause hangs on;
- a definite title or description ("the French President", "Ukraine's top negotiator")
  is the person the text earlier named with the same head noun (a title before the name,
  "President Jean Dupont"; an apposition, "Rustem Umerov, Ukraine's top negotiator", "the
  envoy, Ann Lee"), with no modifier that contradicts ("the Republican nominee" is not the
  person named "Democratic nominee");
- "he"/"she" is the nearest compatible antecedent: sentence by sentence backwards, in
  each the subjects first, gender agreeing, never a name inside quoted words, and title
  or pronoun antecedents followed in turn ("He added" after "..., the French President
  wrote" is the French President, hence Jean Dupont); "it"/"they" likewise for
  organisations and groups.

Indefinite ("a spokesman"), plural and coordinated ("Carlson, Alvarez and Lee") sources,
and descriptions that fit two people equally, keep their span and get no speaker: no
speaker rather than a guess.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from dateline.analyze.nlp import sentence_of, text_of
from dateline.analyze.quotes_lexicon import (
    FEMALE_NAMES,
    MALE_NAMES,
    OFFICE_TITLES,
    PERSON_NOUNS,
    TITLE_ALIASES,
    TITLE_FORMS,
    TITLE_GENDER,
)
from dateline.model import Mention, ResolvedBy

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_GROUP_LABELS = ("ORG", "GPE", "NORP")
_SPEAKER_LABELS = ("PERSON", *_GROUP_LABELS)
_HONORIFIC = re.compile(r"^(?:(mr)|(mrs|ms|miss))\b\.?", re.IGNORECASE)
_TITLED = re.compile(r"^(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|prof)\b\.?\s", re.IGNORECASE)
_TITLED_BEFORE = re.compile(r"\b(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|prof)\.?\s+$", re.IGNORECASE)
_FIRST_NAMES = FEMALE_NAMES | MALE_NAMES
_PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_RELATIVE = frozenset({"who", "that", "which", "whom"})
_DEFINITE = frozenset({"the", "this", "that"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# How far back a pronoun's antecedent may stand, in sentences outside quotation marks.
_MAX_SENTENCES_BACK = 4
# Clauses counted down from a root when ranking antecedents (deeper ones tie).
_MAX_DEPTH = 6
# Dependents that belong to a source as written ("officials at the ministry"); relative
# clauses, appositions and the rest are left out.
_SOURCE_PREPS = frozenset({"of", "at", "for", "from", "in", "with"})


@dataclass(frozen=True)
class Source:
    """A quote's source: its span as written and the named speaker it resolves to."""

    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    resolved_by: ResolvedBy | None = None


@dataclass(frozen=True)
class _Referent:
    """What a mention refers to, as far as the text says."""

    named: Mention | None  # the named mention at the end of the chain, if any
    how: ResolvedBy | None
    person: bool
    gender: str | None = None
    plural: bool = False


@dataclass(frozen=True)
class _Descriptor:
    """A title or description the text gives a named person, and where."""

    at: int
    head: str
    modifiers: frozenset[str]
    specifiers: frozenset[str]  # capitalised modifiers: "French", "Kremlin", "Republican"
    person: Mention


class SpeakerResolver:
    """Resolves the sources of one parsed text's quotes.

    Args:
        doc: the parsed text.
        mentions: its entity mentions (``dateline.analyze.mentions.find_mentions``).
        quoted: character spans of quoted words; a name inside them is never an
            antecedent ("I don't regard Novak as a bad guy," he added).
    """

    def __init__(self, doc: Doc, mentions: Sequence[Mention], quoted: Sequence[tuple[int, int]]):
        self.doc = doc
        text = text_of(doc)
        self.mentions = sorted(
            (
                m
                for m in mentions
                if m.label in _SPEAKER_LABELS
                and "\n" not in text[m.start : m.end]
                # "X. He": a mention the recogniser ran over a sentence end
                and not re.search(r"\.\s+[A-Z]", text[m.start : m.end])
            ),
            key=lambda m: (m.start, m.end),
        )
        self.starts = [m.start for m in self.mentions]
        self.quoted = sorted(quoted)
        self.quoted_starts = [s for s, _ in self.quoted]
        self.person_names = self._person_names()
        self.lowercase_words = {t.text for t in doc if t.is_lower}
        self.genders = self._genders()
        self.descriptors = sorted(
            (d for m in self.mentions if self._is_person(m) for d in self._descriptors(m)),
            key=lambda d: d.at,
        )
        self._memo: dict[int, _Referent | None] = {}
        # Pronouns in text order, so that each chain is followed one link at a time.
        for token in doc:
            if token.lower_ in _PERSON_PRONOUNS or token.lower_ in ("it", "they"):
                self._refer(token)

    def source(self, subject: Token) -> Source:
        """The source ``subject`` heads: its span as written and what it resolves to."""
        start, end = self._as_written(subject)
        referent = self._refer(subject)
        if referent is None or referent.named is None or referent.plural:
            return Source(start, end)
        named = referent.named
        how = referent.how
        if how is None:
            return Source(start, end)
        return Source(start, end, named.name, named.start, named.end, how)

    # -- what a token refers to --------------------------------------------------------

    def _refer(self, token: Token) -> _Referent | None:
        if token.i not in self._memo:
            self._memo[token.i] = self._resolve(token)
        return self._memo[token.i]

    def _resolve(self, token: Token) -> _Referent | None:
        word = token.lower_
        if word in _RELATIVE and token.tag_ in ("WP", "WDT"):
            clause = token.head
            if clause.dep_ != "relcl" or clause.head.i >= token.i:
                return None
            antecedent = self._refer(clause.head)
            return replace(antecedent, how=ResolvedBy.PRONOUN) if antecedent else None
        if word in _PERSON_PRONOUNS:
            wanted = _PERSON_PRONOUNS[word]
            found = self._antecedent(
                token,
                lambda r: r.person and not r.plural and r.gender in (None, wanted),
            )
            if found is None:
                return _Referent(None, None, True, wanted)
            return _Referent(found.named, ResolvedBy.PRONOUN, True, wanted)
        if word == "it":
            found = self._antecedent(
                token, lambda r: not r.person and not r.plural and r.named is not None
            )
            return _Referent(found.named if found else None, ResolvedBy.PRONOUN, False)
        if word == "they":
            found = self._antecedent(token, lambda r: r.plural or not r.person)
            named = found.named if found and not found.plural else None
            return _Referent(named, ResolvedBy.PRONOUN, False, plural=named is None)
        if token.pos_ == "PRON":
            return None
        if any(c.dep_ == "conj" for c in token.children) or token.dep_ == "conj":
            return _Referent(None, None, True, plural=True)
        mention = self._mention_at(token)
        if mention is not None:
            if self._is_person(mention):
                return _Referent(mention, ResolvedBy.NAMED, True, self._gender(mention))
            return _Referent(
                mention, ResolvedBy.ORGANISATION, False, plural=mention.label == "NORP"
            )
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        head = _title_form(token)
        if self._is_unlabelled_name(token, head):
            start = min((c.idx for c in token.lefts if c.dep_ == "compound"), default=token.idx)
            name = " ".join(text_of(self.doc)[start : _end_of(token)].split())
            return _Referent(
                Mention(start, _end_of(token), name, "PERSON", name), ResolvedBy.NAMED, True
            )
        person = head in PERSON_NOUNS or token.lemma_.lower() in PERSON_NOUNS
        gender = TITLE_GENDER.get(token.lower_)
        if token.tag_ in ("NNS", "NNPS"):
            return _Referent(None, None, person, plural=True)
        if not _is_definite(token):
            return _Referent(None, None, person, gender)
        # only a word for a person describes one: "the marriage certificate" names no
        # one, whatever name the parser ran it into
        described = self._described(token, head) if person else None
        how = ResolvedBy.TITLE if head in OFFICE_TITLES else ResolvedBy.DESCRIPTION
        if described is None:
            return _Referent(None, None, person, gender)
        return _Referent(described, how, True, gender or self._gender(described))

    def _antecedent(self, pronoun: Token, accept: Callable[[_Referent], bool]) -> _Referent | None:
        """The nearest accepted referent before ``pronoun``: sentence by sentence back,
        subjects first within each (the main clause's first), names inside quotations
        never."""
        sentence = sentence_of(self.doc, pronoun.i)
        counted = 0
        while counted <= _MAX_SENTENCES_BACK:
            candidates = [
                t
                for t in sentence
                if t.i < pronoun.i
                and t.dep_ not in ("compound", "poss")
                and (
                    t.pos_ in ("NOUN", "PROPN")
                    or t.lower_ in _PERSON_PRONOUNS
                    or t.lower_ in ("it", "they")
                )
                and not self._inside_quote(t.idx)
            ]
            # subjects first, the main clause's before embedded ones ("Miss Rendle said
            # Philip had asked her ...: 'He then asked ...,' she said": she is Miss Rendle)
            candidates.sort(key=lambda t: (t.dep_ not in _SUBJECTS, _depth(t), -t.i))
            for candidate in candidates:
                referent = self._refer(candidate)
                if referent is not None and accept(referent):
                    return referent
            if sentence.start == 0:
                return None
            if not all(
                self._inside_quote(t.idx) for t in sentence if not (t.is_punct or t.is_space)
            ):
                counted += 1
            sentence = sentence_of(self.doc, sentence.start - 1)
        return None

    def _described(self, token: Token, head: str) -> Mention | None:
        """The one person named earlier with this title or description, if only one fits."""
        modifiers, specifiers = _modifiers(token)
        upto = bisect.bisect_left([d.at for d in self.descriptors], _end_of(token))
        best: dict[str, tuple[int, int, Mention]] = {}
        for d in self.descriptors[:upto]:
            if d.head != head or d.person.start <= token.idx < d.person.end:
                continue
            if specifiers and d.specifiers and not specifiers & d.specifiers:
                continue  # "the French President" is not "US President Joe Biden"
            key = self._key(d.person)
            score = (len(modifiers & d.modifiers), d.at)
            if key not in best or score > best[key][:2]:
                best[key] = (*score, d.person)
        if not best:
            return None
        ranked = sorted(best.values(), key=lambda b: (b[0], b[1]), reverse=True)
        if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
            return None  # two people fit as well: no speaker rather than a guess
        return ranked[0][2]

    # -- names -------------------------------------------------------------------------

    def _mention_at(self, token: Token) -> Mention | None:
        """The speaker mention the token is part of, or its appositive names."""
        for t in (token, *(c for c in token.children if c.dep_ == "appos")):
            i = bisect.bisect_right(self.starts, t.idx) - 1
            if i >= 0 and self.mentions[i].start <= t.idx < self.mentions[i].end:
                return _part(self.mentions[i], t.idx)
        return None

    def _is_person(self, mention: Mention) -> bool:
        """PERSON mentions, and people the small model labels otherwise: "Mr Novak"
        (ORG), "Volodymyr Zelenskyy" (a first name), a surname the text names as a person."""
        if mention.label == "PERSON":
            return True
        words = mention.name.lower().split()
        return (
            self._titled(mention)
            or (mention.label == "ORG" and len(words) > 1 and words[0] in _FIRST_NAMES)
            or (mention.label != "NORP" and mention.name in self.person_names)
        )

    def _titled(self, mention: Mention) -> bool:
        """Whether an honorific stands in or just before the mention ("Mr Novak")."""
        before = text_of(self.doc)[max(0, mention.start - 6) : mention.start]
        return bool(_TITLED.match(mention.text) or _TITLED_BEFORE.search(before))

    def _person_names(self) -> set[str]:
        names = set()
        for m in self.mentions:
            if m.label == "PERSON" or self._titled(m):
                names.add(m.name)
                if len(m.name.split()) > 1:
                    names.add(m.name.split()[-1])
        return names

    def _is_unlabelled_name(self, token: Token, head: str) -> bool:
        """A proper-noun subject the recogniser missed ("Zelenskyy wrote ...")."""
        if head in PERSON_NOUNS or _is_definite(token) or not token.is_title:
            return False
        # the small model tags some unfamiliar names as common nouns: a capitalised "noun"
        # the text never writes in lower case is a name
        return token.tag_ == "NNP" or (
            token.tag_ == "NN" and token.lower_ not in self.lowercase_words
        )

    def _key(self, mention: Mention) -> str:
        return mention.name.split()[-1].lower() if mention.name.split() else mention.name

    def _gender(self, mention: Mention) -> str | None:
        return self.genders.get(self._key(mention))

    def _genders(self) -> dict[str, str]:
        """Gender from an honorific or a known first name, carried over to later surnames."""
        genders: dict[str, str] = {}
        text = text_of(self.doc)
        for m in self.mentions:
            if not self._is_person(m):
                continue
            words = m.name.lower().split()
            before = text[max(0, m.start - 5) : m.start]
            honorific = _HONORIFIC.match(m.text) or re.search(
                r"\b(?:(mr)|(mrs|ms|miss))\.?\s+$", before, re.IGNORECASE
            )
            gender = None
            if honorific:
                gender = "m" if honorific.group(1) else "f"
            elif len(words) > 1 and words[0] in FEMALE_NAMES:
                gender = "f"
            elif len(words) > 1 and words[0] in MALE_NAMES:
                gender = "m"
            if gender and words:
                genders.setdefault(words[-1], gender)
        return genders

    def _descriptors(self, mention: Mention) -> list[_Descriptor]:
        """Titles and descriptions given to a named person: "President Jean Dupont",
        "Dupont, the French president", "the envoy, Ann Lee"; never to a possessor."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return []
        found = []
        # title words before the name: "Kremlin spokesman Dmitry Peskov"
        words: list[Token] = []
        i = span.start - 1
        while i >= 0 and span.start - i <= 4 and self.doc[i].pos_ in ("PROPN", "NOUN", "ADJ"):
            if self._mention_starting(self.doc[i]) is not None:
                break
            words.append(self.doc[i])
            i -= 1
        nouns = [w for w in words if w.pos_ in ("NOUN", "PROPN")]
        if nouns:
            rest = [w for w in words if w is not nouns[0]]
            if i >= 1 and self.doc[i].tag_ == "POS":  # "Ukraine's top negotiator Rustem Umerov"
                rest.append(self.doc[i - 1])
            found.append(self._descriptor(mention, nouns[0], rest))
        # the title inside the mention: "President Obama"
        titled = mention.text.split()[: -len(mention.name.split()) or None]
        for word in titled:
            form = TITLE_FORMS.get(word.lower(), TITLE_ALIASES.get(word.lower(), word.lower()))
            if form in PERSON_NOUNS:
                found.append(_Descriptor(mention.start, form, frozenset(), frozenset(), mention))
        # apposition either way
        root = span.root
        appositives = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            appositives.append(root.head)
        for noun in appositives:
            modifiers = [
                c
                for c in noun.children
                if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < noun.i
            ]
            for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
                modifiers.extend(c for c in prep.children if c.dep_ == "pobj")
            found.append(self._descriptor(mention, noun, modifiers))
        return found

    def _descriptor(self, mention: Mention, noun: Token, modifiers: list[Token]) -> _Descriptor:
        return _Descriptor(
            mention.start,
            _title_form(noun),
            frozenset(m.lower_ for m in modifiers),
            frozenset(m.lower_ for m in modifiers if _is_specifier(m)),
            mention,
        )

    def _mention_starting(self, token: Token) -> Mention | None:
        i = bisect.bisect_right(self.starts, token.idx) - 1
        if i >= 0 and self.mentions[i].start <= token.idx < self.mentions[i].end:
            return self.mentions[i] if self.mentions[i].label == "PERSON" else None
        return None

    # -- spans -------------------------------------------------------------------------

    def _inside_quote(self, i: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts, i) - 1
        return k >= 0 and self.quoted[k][0] <= i < self.quoted[k][1]

    def _as_written(self, token: Token) -> tuple[int, int]:
        """The source mention as the text writes it at the cue."""
        if token.pos_ == "PRON":
            return token.idx, _end_of(token)
        conjuncts = [c for c in token.children if c.dep_ == "conj"]
        if conjuncts:  # "Carlson, Alvarez and Lee": one span, several speakers
            first = token.left_edge
            # the parser hangs the list's first names on the verb: "Carlson, Alvarez and Lee"
            while (
                first.i >= 2
                and self.doc[first.i - 1].text == ","
                and self.doc[first.i - 2].pos_ == "PROPN"
                and self.doc[first.i - 2].head.i in (token.i, token.head.i)
            ):
                first = self.doc[first.i - 2].left_edge
            return first.idx, _end_of(conjuncts[-1].right_edge)
        mention = self._mention_at(token)
        if mention is not None and mention.start <= token.idx < mention.end:
            return mention.start, mention.end
        first = min(
            (c.left_edge for c in token.lefts if not c.is_punct), key=lambda t: t.i, default=token
        )
        last = token
        for child in token.rights:
            if child.dep_ == "compound" or (child.dep_ == "prep" and child.lower_ in _SOURCE_PREPS):
                last = child.right_edge
            else:
                break
        return first.idx, _end_of(last)


def _depth(token: Token) -> int:
    """How many clauses down from its sentence's root ``token`` hangs."""
    depth, head = 0, token.head
    while head.dep_ != "ROOT" and head.head.i != head.i and depth < _MAX_DEPTH:
        if head.pos_ in ("VERB", "AUX"):
            depth += 1
        head = head.head
    return depth


def _part(mention: Mention, at: int) -> Mention:
    """The part of a mention around ``at`` when the recogniser ran a list into one:
    "Carlson, Alvarez" is two names."""
    if "," not in mention.text and " and " not in mention.text:
        return mention
    offset = mention.start
    for piece in re.split(r",\s*|\s+and\s+", mention.text):
        start = mention.text.index(piece, offset - mention.start) + mention.start
        end = start + len(piece)
        offset = end
        if start <= at < end:
            name = piece.strip()
            return Mention(start, end, piece, mention.label, name)
    return mention


def _is_definite(token: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in token.children
    )


def _is_specifier(token: Token) -> bool:
    """A capitalised modifier that tells holders of one title apart ("French", "Kremlin")."""
    return token.text[:1].isupper() and token.pos_ in ("PROPN", "ADJ", "NOUN")


def _modifiers(token: Token) -> tuple[frozenset[str], frozenset[str]]:
    words = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nmod")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        words.extend(c for c in prep.children if c.dep_ == "pobj")
    return (
        frozenset(w.lower_ for w in words),
        frozenset(w.lower_ for w in words if _is_specifier(w)),
    )


def _title_form(token: Token) -> str:
    word = token.lemma_.lower()
    word = TITLE_ALIASES.get(word, word)
    return TITLE_FORMS.get(word, word)


def _end_of(token: Token) -> int:
    return token.idx + len(token.text)
