"""What each sentence's main clause asserts, read from the parse: its tense, whether its
verb names a state, whether it reports speech (and then what the reported clause asserts),
whether two clauses run together with nothing between them (a heading or a caption glued
onto a sentence), and where its subordinate parts lie.

The checker (``views/faithful.py``) reads these facts to doubt a line the other stages
made: a timeline line must report a happening, a publication date may stand in only for
news told as news, and a date must date the main clause, not a relative clause or a
"since ..." phrase.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from dateline.analyze.events import EVENT_NOUNS, REPORTING_VERBS
from dateline.analyze.nlp import text_of
from dateline.analyze.quotes_lexicon import CLAUSE_VERBS, SPEECH_VERBS
from dateline.analyze.timex_lexicon import WEEKDAYS
from dateline.model import Clause, Tense
from dateline.months import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo"})
# Verbs that name a state or a measure, not a happening ("remains stretched", "has cost").
STATIVE_VERBS = frozenset(
    {
        "be",
        "have",
        "remain",
        "stay",
        "seem",
        "appear",
        "look",
        "sound",
        "feel",
        "know",
        "believe",
        "think",
        "hope",
        "want",
        "need",
        "wish",
        "like",
        "love",
        "hate",
        "own",
        "belong",
        "contain",
        "include",
        "consist",
        "comprise",
        "exist",
        "mean",
        "lack",
        "depend",
        "involve",
        "live",
        "cost",
        "survive",
        "range",
        "face",
        "deserve",
        "matter",
        "resemble",
        "await",
        "predict",
        "forecast",
        "estimate",
        "expect",
        "fear",
        "doubt",
        "suspect",
    }
)
# "is scheduled to", "are due to": a plan told in the present.
PLAN_VERBS = frozenset({"schedule", "set", "due", "expect", "plan", "slate", "go"})
# Dependencies that open a part of the sentence with a time of its own.
SUBORDINATE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "csubj", "parataxis"})
# Prepositions whose time is a bound, not the time of the happening ("since January").
BOUND_PREPOSITIONS = frozenset({"since", "before", "until", "till", "after", "following"})
# Adverbial clauses opened by these share the main clause's time.
SIMULTANEOUS = frozenset({"when", "as", "while"})
# Words after which a clause may start: "... while Rod Stewart said".
CLAUSE_OPENERS = frozenset(
    {
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "while",
        "whilst",
        "when",
        "where",
        "as",
        "because",
        "if",
        "although",
        "though",
        "and",
        "but",
        "or",
        "nor",
        "so",
        "after",
        "before",
        "since",
        "until",
        "than",
        "once",
        "unless",
        "whether",
    }
)
# A capitalised run may end a noun phrase of up to this many lower-case words.
MAX_NOUN_WORDS = 3
_NOUN_WORDS = frozenset({"NN", "NNS", "JJ", "NNP"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Prepositions that time a happening by another one ("within minutes of the quake").
ANCHORING_PREPOSITIONS = frozenset(
    {"after", "since", "before", "following", "within", "during", "amid", "in"}
)
TIME_NOUNS = frozenset(
    {"year", "month", "week", "day", "quarter", "decade", "century", "season", "date", "time"}
)
_EVENT_WORDS = EVENT_NOUNS | {"quake", "disaster", "tremor", "aftermath"}
# Days and months that name a thing's time as a modifier ("the Sunday shooting").
_CALENDAR_WORDS = frozenset(WEEKDAYS) | {month.lower() for month in MONTHS}
# A pronoun that stands for something the text told before ("In it, he spoke ...").
_TOLD_BEFORE = frozenset({"it", "that", "this", "them", "which"})
# Where a happening's noun tells what the clause reports, not a happening it mentions.
_TELLING_ROLES = frozenset({"nsubj", "nsubjpass", "ROOT", "attr", "appos"})
# A happening the clause's own happens during ("entered them during a speech last week").
_DURING = frozenset({"during", "at", "amid", "throughout"})
# Page furniture run into a sentence: a time stamp ("... 23:19 GMT, Tuesday, 19 January
# 2010 Born amid ..."), a byline ("By Jane Doe, CNN It was ...", "By Jane Doe for CNN
# The UN ..."), an update stamp, a
# byline bar ("Jane Doe | 22:29 UK time"), a credit ("Producer/Jane Doe"), a comment's
# stamp.
_STAMP = re.compile(r"\b\d{1,2}[:.]\d{2}\b.{0,60}?\b(?:1[89]|20)\d{2}\s+(?:[A-Z]|\d{1,2}[:.]\d{2})")
_BYLINE = re.compile(
    r"^\W*By (?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+(?:,| for| of)? (?:[A-Z]\w*[ ,]+)*[A-Z]\w* [A-Z]"
)
_UPDATE = re.compile(
    r"^\W*(?:\d{1,2} \w+ \d{4}\s+)?(?:Updated?|Posted|Published|Added|Last updated)\b"
    r"[^.]{0,40}\d{1,2}[:.]\d{2}"
)
_CREDIT = re.compile(r"\b[A-Z][a-z]+s?\\?/[A-Z]")
# A reader's comment over its time stamp: "At 01:20 24th Mar 2010, Tanya wrote: ...".
_COMMENT = re.compile(
    r"\b\d{1,2}:\d{2}\b(?:\s*[ap]\.?m\.?)?[^.:]{0,40}\b(?:wrote|writes|said|says):", re.IGNORECASE
)
# A live page's entry stamp after the entry before it: "... in London 1626: Jane Doe".
_LIVE_STAMP = re.compile(r"(?<=\w )(?:[01]\d|2[0-3])[0-5]\d: [A-Z]")
# A date stamp: a year straight followed by a clock time ("Wednesday 17 June 2009 19.29
# BST Scores of ..."); prose puts "at" between them.
_DATED_STAMP = re.compile(r"\b(?:1[89]|20)\d{2},?\s+\d{1,2}[:.]\d{2}\b")
_FURNITURE_SHAPES = (_STAMP, _DATED_STAMP, _BYLINE, _UPDATE, _CREDIT, _COMMENT, _LIVE_STAMP)
# A paragraph headed by a title of a few words and a colon: "Dead councilwoman faced
# possible sanctions: A Nevada city councilwoman ...".
# (A name or two before the colon is a speaker's label; a conjunction opens prose.)
_HEADED = re.compile(
    r"(?!(?:But|Yet|And|So|Or|Then|Still)\b)(?=(?:[^\s:]+\s+){2})[^\n:.!?]{2,90}: [\"“‘`]?[A-Z0-9]"
)
# Words that open a sentence and never come capitalised inside one: after a word with no
# stop between, a sentence ran into the one before ("... at the age of 50 However, ...").
SENTENCE_OPENERS = frozenset(
    {"however", "meanwhile", "moreover", "furthermore", "nevertheless", "nonetheless"}
)
# Words that open a sentence or a clause and come capitalised inside one only as part of
# a name ("The Hague", "Plan A"): capitalised after a phrase's last word and before a
# lower-case word, outside a name, they open a sentence whose stop was lost ("... in
# Spain A 20-year-old woman has died", "... in Mexico As international concern grows").
RUN_ON_OPENERS = frozenset(
    {
        *("a", "an", "the", "this", "these", "those", "he", "she", "it", "they", "we", "there"),
        *("more", "most", "many", "some", "several", "scores", "dozens", "hundreds"),
        *("few", "fewer", "less", "all", "both", "no", "each", "every"),
        *("his", "her", "its", "their"),
        *("thousands", "millions", "as", "when", "while", "although", "because"),
        *("in", "on", "at", "during", "after", "since"),
    }
)
_PHRASE_ENDS = frozenset({"NOUN", "PROPN", "NUM", "ADJ", "ADV", "X"})
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "WORK_OF_ART", "FAC", "NORP", "LOC", "EVENT", "PRODUCT", "LAW"}
)
# What a page calls itself ("This article was amended on ...").
SELF_NOUNS = frozenset(
    {"article", "page", "story", "programme", "program", "series", "episode", "show"}
    | {"edition", "post", "blog", "video", "podcast", "broadcast", "feature", "report"}
)
# A sentence with more capitalised words than this share is a headline in title case.
HEADLINE_CASE = 0.5


def find_clauses(doc: Doc) -> list[Clause]:
    """One Clause per sentence, in order."""
    return [_clause(sent) for sent in doc.sents]


def _clause(sent: Span) -> Clause:
    root = _predicate(sent.root)
    tense, stative = _tense(root), _stative(root)
    told = next((c for c in root.children if c.dep_ == "ccomp"), None)
    if tense is Tense.PRESENT and told is not None and _tense(told) is Tense.FUTURE:
        tense = Tense.FUTURE  # "it is expected that the plane will arrive on 11 November"
    reporting = root.lemma_.lower() in REPORTING_VERBS and tense is not Tense.NONE
    reported = told if reporting else None
    start = sent.start_char
    return Clause(
        start,
        start + len(sent.text.rstrip()),
        root.lemma_.lower(),
        tense,
        stative or _ongoing(root),
        reported is not None,
        _tense(reported) if reported is not None else None,
        reported is not None and (_stative(reported) or _ongoing(reported)),
        _glued(sent),
        sent.text.rstrip().rstrip("\"”’' ").endswith("?"),
        tuple(_subordinate(sent, root, reported)),
        _progressive(root),
        _anchored(root),
    )


def _predicate(root: Token) -> Token:
    """The verb that heads the main clause: the root, or where the parser made a noun the
    root ("One of the piers reopened ...", "BOULDEN: Because they got ..."), the verb
    hanging on it after a heading or a speaker's name."""
    if root.pos_ in ("VERB", "AUX"):
        if any(c.dep_ == "mark" and c.i < root.i for c in root.children):
            # "As has been pointed out, most cases go unrecorded": the parser made the
            # subordinate clause the root; the main clause is the one with a subject after it
            return next(
                (
                    c
                    for c in root.children
                    if c.i > root.i
                    and c.dep_ in ("conj", "ccomp", "parataxis", "advcl")
                    and c.pos_ in ("VERB", "AUX")
                    and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                ),
                root,
            )
        return root
    verbs = [
        c
        for c in root.children
        if c.dep_ in ("acl", "advcl", "ccomp", "dep", "appos")  # not a relative clause
        and c.tag_ in ("VBD", "VBN", "VBZ", "VBP")
        # a subordinate clause before the noun is no predicate of it: "As it happened:
        # Haiti earthquake 14 Jan Live coverage ..."
        and not (c.i < root.i and any(m.dep_ == "mark" for m in c.children))
    ]
    return verbs[0] if verbs else root


def _tense(verb: Token) -> Tense:
    """The tense of the verb group headed by ``verb`` (NONE without a finite verb)."""
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return Tense.FUTURE
    if any(a.tag_ == "MD" for a in auxiliaries):
        return Tense.MODAL
    present = verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxiliaries)
    if present and _plan(verb):
        return Tense.FUTURE
    perfect = [a for a in auxiliaries if a.lemma_ == "have" and a.dep_ == "aux"]
    if perfect and verb.tag_ in ("VBN", "VBG"):
        return Tense.PAST_PERFECT if perfect[0].tag_ == "VBD" else Tense.PERFECT
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return Tense.PAST
    subject = any(c.dep_ == "nsubj" for c in verb.children) or (
        verb.dep_ == "acl" and verb.head.dep_ == "ROOT"  # the verb of a noun made the root
    )
    if verb.tag_ == "VBN" and not auxiliaries and subject:
        return Tense.PAST  # "one of the piers reopened on Thursday", tagged as a participle
    if present:
        return Tense.PRESENT
    return Tense.NONE


def _plan(verb: Token) -> bool:
    """ "is to meet", "is scheduled to", "are due to", "is going to"."""
    to_clause = any(
        c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children) for c in verb.children
    )
    return to_clause and (verb.lemma_ in PLAN_VERBS or verb.lemma_ == "be")


def _progressive(verb: Token) -> bool:
    """ "is travelling", "were fleeing": a form of "be" with the -ing form."""
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)


def _ongoing(verb: Token) -> bool:
    """A state of affairs rather than a happening: the perfect progressive ("have been
    working since the quake") or a habit ("used to walk")."""
    auxiliaries = {c.lemma_ for c in verb.children if c.dep_ == "aux"}
    perfect_progressive = verb.tag_ == "VBG" and {"have", "be"} <= auxiliaries
    habit = verb.lemma_ == "use" and any(
        c.dep_ == "xcomp" and any(g.tag_ == "TO" for g in c.children) for c in verb.children
    )
    return perfect_progressive or habit or _running_total(verb)


def _running_total(verb: Token) -> bool:
    """A count kept until now ("To date, 149 orders have been received", "so far")."""
    for child in verb.children:
        words = {g.lower_ for g in child.children}
        if (child.lower_ == "to" and "date" in words) or (
            child.lower_ == "far" and words & {"so", "thus"}
        ):
            return True
    return False


def _anchored(verb: Token) -> bool:
    """Whether the clause times itself by another happening ("within minutes of the
    quake", "after the attack", "has since remixed"): then it is not news of the day it is
    told."""
    if any(c.dep_ == "advmod" and c.lower_ == "since" for c in verb.children):
        return True  # "has since remixed": since then
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if prep.i < verb.i and any(o.lower_ in _TOLD_BEFORE for o in objects):
            return True  # "In it, he spoke about ...": in what the text told before
        if prep.lower_ not in ANCHORING_PREPOSITIONS:
            continue
        objects += [g for o in objects for p in o.children if p.lower_ == "of" for g in p.children]
        if any(o.lemma_.lower() in _EVENT_WORDS and o.lemma_.lower() != "war" for o in objects):
            return True
    return False


def _stative(verb: Token) -> bool:
    """Whether the verb names a state: a copula, possession, perception or measure (a
    passive "was had" is no state; "is survived by" is; "the quake was 150 years ago" is
    a happening)."""
    lemma = verb.lemma_.lower()
    if lemma == "be" and verb.dep_ != "auxpass":
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return not any(s.lemma_.lower() in _EVENT_WORDS for s in subjects)
    return lemma in STATIVE_VERBS and not (lemma == "have" and verb.dep_ == "aux")


def _glued(sent: Span) -> bool:
    """Whether a clause starts mid-sentence with nothing before it: after a complete clause,
    a capitalised run ("... lose his leg Emmanuel Etienne may be injured") whose own
    verb has no subject outside the run, or one of the shapes of ``_RUN_ON_CHECKS``. A
    heading, a caption or a byline was run into the sentence, or it is the page speaking
    of itself."""
    text = sent.text
    if any(shape.search(text) for shape in _FURNITURE_SHAPES) or " | " in text:
        return True
    if _opens_inside_brackets(text) or any(check(sent) for check in _RUN_ON_CHECKS):
        return True
    doc = sent.doc
    finite_seen = False
    i = sent.start
    while i < sent.end:
        token = doc[i]
        if i > sent.start and finite_seen and _capital(token):
            run_end = i
            while run_end < sent.end and (_capital(doc[run_end]) or doc[run_end].tag_ == "POS"):
                run_end += 1
            before = doc[i - 1]
            phrase_end = run_end  # "... the website Harbour officials have launched"
            while (
                phrase_end < min(sent.end, run_end + MAX_NOUN_WORDS)
                and doc[phrase_end].tag_ in _NOUN_WORDS
            ):
                phrase_end += 1
            if (
                (before.is_alpha or before.like_num)
                and before.lower_ not in CLAUSE_OPENERS
                and before.dep_ not in ("mark", "cc")
                and not i <= before.head.i < phrase_end  # "executive Michael Sears": a title
                and not before.tag_.startswith("VB")
                and before.tag_ != "MD"
                and phrase_end < sent.end
                and _verb_without_outer_subject(doc[phrase_end], i, phrase_end)
            ):
                return True
            i = run_end
            continue
        finite_seen = finite_seen or token.tag_ in _FINITE
        i += 1
    return False


def _runs_on(sent: Span) -> bool:
    """Whether a sentence opener comes capitalised right after a word: two sentences
    with the stop between them lost (a caption run into the story)."""
    return any(
        b.is_title and b.lower_ in SENTENCE_OPENERS and (a.is_alpha or a.like_num)
        for a, b in itertools.pairwise(sent)
    )


def _phrase_runs_on(sent: Span) -> bool:
    """Whether a noun phrase opens capitalised after another phrase's last word (or its
    closing quote), outside a name and before a lower-case word: "... in Spain A
    20-year-old woman", "... was " inspirational " The prime minister has ...". A
    headline in title case is left alone."""
    words = [t for t in sent if t.is_alpha]
    if sum(t.is_title for t in words) > HEADLINE_CASE * len(words):
        return False
    doc = sent.doc
    for b in sent[1:-1]:
        if not b.is_title or b.ent_type_ in _NAME_LABELS or not _opens(b, doc[b.i + 1]):
            continue
        a = doc[b.i - 1]
        if a.tag_ == "''" and a.i > sent.start:  # a closing quote: the word inside it
            a = doc[a.i - 1]
        if (
            (a.is_alpha or a.like_num)
            and a.pos_ in _PHRASE_ENDS
            and a.lower_ not in CLAUSE_OPENERS
            and not (a.head == b.head or a.head == b or b.head == a)  # "Vitamin A deficiency"
        ):
            return True
    return False


def _opens(word: Token, after: Token) -> bool:
    """Whether ``word`` can open a phrase or a sentence before ``after``: a determiner, a
    pronoun or a quantifier before a lower-case word, or a participle with what follows
    it ("... Wednesday Speaking to reporters, he said")."""
    if word.tag_ == "VBG":
        return after.is_lower and after.pos_ != "PUNCT"
    return (
        word.lower_ in RUN_ON_OPENERS
        and (after.is_lower or after.like_num)
        and after.pos_ not in ("ADP", "CCONJ", "PUNCT")
    )


def _opens_inside_brackets(text: str) -> bool:
    """Whether a bracket closes before any opens, short of the sentence's end: the
    sentence was cut inside a parenthesis ("TW) fell 4 percent ..." after "(2330.")."""
    text = text.rstrip().rstrip(".\"'”’)")  # an aside of several sentences may close here
    close, open_ = text.find(")"), text.find("(")
    return close != -1 and (open_ == -1 or close < open_)


def _speaks_of_itself(sent: Span) -> bool:
    """Whether the page speaks of itself: "This article was amended on ...", "This series
    is scheduled to broadcast at 11pm" (a correction notice, a listing's slot)."""
    return any(
        t.dep_ in ("nsubj", "nsubjpass")
        and t.lemma_.lower() in SELF_NOUNS
        and any(c.dep_ == "det" and c.lower_ == "this" for c in t.children)
        for t in sent
    )


def _bare_clause_runs_on(sent: Span) -> bool:
    """Whether a clause with its own subject hangs, with no "that", on a verb that takes
    no clause ("... knocked out Hatton last weekend Health officials have asked ..."):
    the parser joined a caption and the lede. After a verb of saying or thinking ("told
    reporters Harbour officials had left") the clause is what was said."""
    for verb in sent:
        if verb.dep_ != "ccomp" or verb.tag_ not in _FINITE | {"VBN", "VBG"}:
            continue
        if any(c.dep_ == "mark" for c in verb.children):
            continue
        if verb.head.lemma_.lower() in REPORTING_VERBS | CLAUSE_VERBS | SPEECH_VERBS:
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.left_edge.i <= sent.start:
            continue
        first, before = subject.left_edge, sent.doc[subject.left_edge.i - 1]
        if (
            first == verb.left_edge  # the clause opens with its subject, not "how ..."
            and first.is_title
            and first.pos_ != "PRON"
            and first.ent_type_ not in _NAME_LABELS
            and before.is_alpha
            and before.pos_ in _PHRASE_ENDS
            and verb.head.i < first.i  # the clause comes after the verb it hangs on
        ):
            return True
    return False


def _repeats_a_name(sent: Span) -> bool:
    """Whether a name of two capitalised words comes twice: a headline or caption and the
    lede that restates it ("Prince Philip in strip club gaffe Prince Philip put ...")."""
    pairs = [
        (a.text, b.text)
        for a, b in itertools.pairwise(sent)
        if _capital(a) and _capital(b) and a.pos_ == b.pos_ == "PROPN"
    ]
    return len(pairs) != len(set(pairs))


# Whole-sentence shapes of furniture run in, or of a page speaking of itself.
def _heads_a_link_list(sent: Span) -> bool:
    """Whether the sentence opens a paragraph headed "Title: text" next to another such
    paragraph: an item of a list of links to other stories ("Facebook launches pages
    redesign: Facebook has begun ..."), not the story."""
    text = text_of(sent.doc)
    start = _paragraph_start(text, sent.start_char)
    if text[start : sent.start_char].strip() or not _HEADED.match(text, start):
        return False
    after = text.find("\n\n", sent.start_char)
    return bool(
        (start > 0 and _HEADED.match(text, _paragraph_start(text, start - 2)))
        or (after != -1 and _HEADED.match(text, after + 2))
    )


def _paragraph_start(text: str, offset: int) -> int:
    """Where the paragraph holding ``offset`` begins."""
    found = text.rfind("\n\n", 0, offset)
    return 0 if found == -1 else found + 2


_RUN_ON_CHECKS = (
    _repeats_a_name,
    _runs_on,
    _phrase_runs_on,
    _bare_clause_runs_on,
    _speaks_of_itself,
    _heads_a_link_list,
)


def _capital(token: Token) -> bool:
    return token.is_title or (token.is_upper and len(token) > 1 and token.is_alpha)


def _verb_without_outer_subject(token: Token, run_start: int, run_end: int) -> bool:
    """Whether ``token`` is a finite verb (or the auxiliary of one), not the complement of
    another verb, whose subject is missing or inside the run ``[run_start, run_end)``."""
    if token.tag_ not in _FINITE:
        return False
    verb = token.head if token.dep_ in ("aux", "auxpass") else token
    if verb.dep_ == "ccomp":  # "told reporters Harbour officials had left": no "that"
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return all(run_start <= s.i < run_end for s in subjects)


def _subordinate(sent: Span, root: Token, reported: Token | None) -> list[tuple[int, int]]:
    """Character spans of the sentence's parts with a time of their own: relative and
    adverbial clauses, appositions, a reported clause that tells no news, a second
    coordinated clause, a thing's date, and "since/before/after ..." phrases."""
    spans = []
    for token in sent:
        if token.i == root.i or _simultaneous(token):
            continue
        if (
            token.dep_ in SUBORDINATE_DEPS
            or (reported is not None and token.i == reported.i and not _told_as_news(reported))
            or (token.dep_ == "prep" and token.lower_ in BOUND_PREPOSITIONS)
            or (token.dep_ == "mark" and token.lower_ in BOUND_PREPOSITIONS)
            or _second_clause(token)
            or _modifies_a_thing(token)
        ):
            left, right = token.left_edge, token.right_edge
            if token.dep_ == "mark":
                left, right = token.head.left_edge, token.head.right_edge
            spans.append((left.idx, right.idx + len(right)))
    return _merged(spans)


def _told_as_news(reported: Token) -> bool:
    """Whether a reported clause tells a happening as news ("a strike on Thursday killed
    12, the governor said"): then its time is the line's; a plan, a view or an earlier
    happening ("had been sent") keeps its time to itself."""
    return _tense(reported) in (Tense.PAST, Tense.PERFECT) and not _stative(reported)


def _second_clause(token: Token) -> bool:
    """A coordinated clause with its own subject ("... in 1898 and Minnie married John in
    1902"): its time is its own, not the first clause's."""
    return (
        token.dep_ == "conj"
        and token.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    )


def _modifies_a_thing(token: Token) -> bool:
    """A phrase inside a noun phrase that names a thing, not a happening or a time: "the
    1978 treaty" aside, "the youth movement of January 25", "fourth-quarter earnings";
    its time describes the thing, not when the clause happens. So does the time of a
    happening the clause only mentions ("ruled that no witness may testify about
    Jackson's 2005 trial"); a happening the clause tells of, as its subject ("the 2004
    quake was the third biggest") or its head, keeps its time."""
    head = token.head
    if head.pos_ not in ("NOUN", "PROPN") or head.i == token.i:
        return False
    if token.dep_ == "poss" and token.lemma_.lower() in TIME_NOUNS:
        return True  # "with last week's crash": the time of the crash, not of the clause
    if head.lemma_.lower() in TIME_NOUNS:
        return False
    dated = token.dep_ in ("nummod", "compound", "amod", "npadvmod") and (
        token.like_num or token.lemma_.lower() in TIME_NOUNS or token.lower_ in _CALENDAR_WORDS
    )
    if head.lemma_.lower() in _EVENT_WORDS:
        during = head.dep_ == "pobj" and head.head.lower_ in _DURING
        return dated and head.dep_ not in _TELLING_ROLES and not during
    if token.dep_ == "prep":
        return token.lower_ in ("of", "from", "for")
    return dated


def _simultaneous(token: Token) -> bool:
    """An adverbial clause that shares the main clause's time: "when the quake hit", or a
    participle with no subject of its own ("..., laying down her vocals at the weekend")."""
    if token.dep_ != "advcl":
        return False
    children = list(token.children)
    participle = token.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass", "mark") for c in children
    )
    return participle or any(
        c.dep_ in ("advmod", "mark") and c.lower_ in SIMULTANEOUS for c in children
    )


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
