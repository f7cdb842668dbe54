"""Events a sentence reports: a trigger word, who took part, where and when.

The trigger is the sentence's main predicate, read through the verbs that carry no event of
their own: "held talks" is the talks, "said the call lasted an hour" is the call. A reporting
verb is the trigger only when the sentence reports nothing else.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

from dateline.analyze.mentions import find_mentions
from dateline.analyze.timex import find_timexes
from dateline.model import EventMention, Mention, TimeExpression
from dateline.model.article import MentionKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

logger = logging.getLogger(__name__)

MAX_PER_SENTENCE = 3

# Nouns that name an event ("the talks", "a drone attack"); matched on the lower-cased lemma.
EVENT_NOUNS = frozenset(
    {
        "talk",
        "talks",
        "negotiation",
        "meeting",
        "summit",
        "call",
        "conversation",
        "visit",
        "trip",
        "ceasefire",
        "truce",
        "armistice",
        "deal",
        "agreement",
        "accord",
        "treaty",
        "strike",
        "airstrike",
        "attack",
        "assault",
        "offensive",
        "counteroffensive",
        "invasion",
        "bombing",
        "bombardment",
        "shelling",
        "raid",
        "barrage",
        "explosion",
        "blast",
        "shooting",
        "clash",
        "battle",
        "fighting",
        "war",
        "siege",
        "incursion",
        "ambush",
        "election",
        "vote",
        "referendum",
        "poll",
        "protest",
        "demonstration",
        "rally",
        "march",
        "riot",
        "walkout",
        "boycott",
        "accident",
        "crash",
        "collision",
        "fire",
        "wildfire",
        "flood",
        "earthquake",
        "storm",
        "hurricane",
        "outbreak",
        "arrest",
        "trial",
        "hearing",
        "verdict",
        "ruling",
        "resignation",
        "dismissal",
        "appointment",
        "inauguration",
        "announcement",
        "launch",
        "sanction",
        "sanctions",
        "exchange",
        "release",
        "evacuation",
        "withdrawal",
        "deployment",
        "interview",
        "speech",
        "conference",
        "briefing",
        "ceremony",
        "funeral",
        "signing",
        "delay",
        "cancellation",
        "layoff",
        "layoffs",
        "merger",
        "acquisition",
        "takeover",
        "bankruptcy",
        "recall",
        "investigation",
        "inquiry",
        "probe",
        "coup",
        "uprising",
        "massacre",
        "killing",
        "death",
        "rescue",
        "flight",
    }
)
# Verbs that report speech: triggers only when the sentence reports no other event.
REPORTING_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "note",
        "claim",
        "report",
        "write",
        "stress",
        "insist",
        "argue",
        "explain",
        "comment",
        "remark",
        "reply",
        "respond",
        "confirm",
        "deny",
        "suggest",
        "believe",
        "think",
        "acknowledge",
        "admit",
        "warn",
        "emphasise",
        "emphasize",
        "quote",
    }
)
# Verbs whose event, when they have one, is their subject or object noun ("held talks",
# "launched an attack", "the call lasted"); triggers themselves when they have none.
SUPPORT_VERBS = frozenset(
    {
        "hold",
        "host",
        "launch",
        "conduct",
        "carry",
        "stage",
        "begin",
        "start",
        "resume",
        "commence",
        "continue",
        "end",
        "conclude",
        "reach",
        "agree",
        "announce",
        "declare",
        "attend",
        "join",
        "open",
        "plan",
        "schedule",
        "prepare",
        "propose",
        "seek",
        "call",
        "last",
        "happen",
        "occur",
        "follow",
        "mark",
        "break",
        "enter",
        "collapse",
        "approve",
        "order",
        "unleash",
    }
)
# Verbs with no event of their own: only their complements can hold one.
LIGHT_VERBS = frozenset(
    {
        "be",
        "have",
        "do",
        "get",
        "make",
        "take",
        "give",
        "seem",
        "appear",
        "remain",
        "become",
        "include",
        "mean",
        "want",
        "need",
        "know",
        "hope",
        "expect",
        "try",
        "go",
        "come",
        "let",
        "like",
        "wish",
        "intend",
        "aim",
        "set",
        "look",
        "keep",
        "stay",
        "tend",
        "use",
        "decide",
        "provide",
        "contain",
        "show",
        "demonstrate",
        "owe",
        "help",
        "value",
        "cover",
        "represent",
        "allow",
        "require",
        "cost",
        "lack",
        "consist",
        "feature",
        "depend",
        "belong",
        "matter",
        "consider",
        "attempt",
    }
)
DateFrom = Literal["timex", "published"]
# Verbs that "into" makes another verb of ("checked into a clinic": entered it).
_INTO_VERBS = frozenset({"check", "admit", "book"})
# Adverbs that make a phrasal verb with the verb they follow ("passed away").
_PARTICLES = frozenset({"away", "down", "out", "off", "up"})
# Verbs that tell of no happening of their own, even as a mention besides the main one.
# Verbs of state, opinion or possession tell of none either ("Kyiv remains sceptical").
_NO_EVENT_VERBS = frozenset(
    {
        "be",
        "have",
        "do",
        "seem",
        "appear",
        "mean",
        "belong",
        "matter",
        "remain",
        "stay",
        "know",
        "want",
        "need",
        "hope",
        "like",
        "love",
        "hate",
        "prefer",
        "wish",
        "contain",
        "consist",
        "include",
        "lack",
        "cost",
        "depend",
        "deserve",
        "resemble",
        "own",
        "exist",
    }
)
# Endings of nouns that name an act by its verb ("explosion", "resignation", "payment",
# "arrival", "closure", "shooting").
_ACT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ure", "al", "ing", "age")
# Nouns with those endings that name a thing, a place, a time or a state, not an act.
NOT_EVENT_NOUNS = frozenset(
    {
        "nation",
        "station",
        "population",
        "information",
        "organisation",
        "organization",
        "position",
        "condition",
        "situation",
        "region",
        "section",
        "edition",
        "version",
        "question",
        "opinion",
        "tradition",
        "generation",
        "foundation",
        "institution",
        "administration",
        "commission",
        "mission",
        "television",
        "division",
        "million",
        "billion",
        "location",
        "portion",
        "fraction",
        "relation",
        "relations",
        "department",
        "government",
        "parliament",
        "document",
        "equipment",
        "environment",
        "apartment",
        "moment",
        "element",
        "instrument",
        "audience",
        "evidence",
        "conference",
        "residence",
        "experience",
        "science",
        "distance",
        "province",
        "sentence",
        "structure",
        "culture",
        "nature",
        "future",
        "feature",
        "picture",
        "temperature",
        "literature",
        "figure",
        "official",
        "animal",
        "capital",
        "hospital",
        "general",
        "individual",
        "material",
        "journal",
        "signal",
        "total",
        "potential",
        "rival",
        "criminal",
        "original",
        "principal",
        "terminal",
        "festival",
        "interval",
        "manual",
        "metal",
        "morning",
        "evening",
        "building",
        "thing",
        "nothing",
        "something",
        "anything",
        "everything",
        "king",
        "ring",
        "string",
        "spring",
        "ceiling",
        "clothing",
        "housing",
        "funding",
        "feeling",
        "meaning",
        "setting",
        "wedding",
        "page",
        "image",
        "message",
        "village",
        "language",
        "percentage",
        "average",
        "package",
        "stage",
        "age",
        "footage",
        "coverage",
        "heritage",
        "luggage",
    }
)
# Nouns that name a happening besides those ``EVENT_NOUNS`` lists for a sentence's main
# event: crimes, contests, disasters, legal and business acts (matched on the lemma).
HAPPENING_NOUNS = frozenset(
    {
        "murder",
        "homicide",
        "slaying",
        "manslaughter",
        "suicide",
        "robbery",
        "heist",
        "theft",
        "burglary",
        "arson",
        "piracy",
        "hijacking",
        "kidnapping",
        "assassination",
        "stabbing",
        "overdose",
        "fight",
        "brawl",
        "chase",
        "escape",
        "crime",
        "charge",
        "suspicion",
        "custody",
        "sentence",
        "plea",
        "lawsuit",
        "suit",
        "appeal",
        "game",
        "match",
        "win",
        "victory",
        "defeat",
        "loss",
        "tie",
        "draw",
        "playoff",
        "playoffs",
        "final",
        "round",
        "race",
        "tournament",
        "championship",
        "season",
        "record",
        "goal",
        "score",
        "party",
        "show",
        "award",
        "ceremony",
        "premiere",
        "wedding",
        "birth",
        "quake",
        "tremor",
        "aftershock",
        "tsunami",
        "blaze",
        "eruption",
        "landslide",
        "collapse",
        "spill",
        "leak",
        "outage",
        "emergency",
        "disaster",
        "injury",
        "illness",
        "surgery",
        "treatment",
        "rehab",
        "stint",
        "offer",
        "bid",
        "sale",
        "purchase",
        "deal",
        "buyout",
        "cut",
        "layoff",
        "job",
        "role",
        "transfer",
        "move",
        "return",
        "departure",
        "visit",
        "trip",
        "tour",
        "campaign",
        "operation",
        "mission",
        "patrol",
        "search",
        "hunt",
        "rescue",
        "attempt",
        "effort",
        "plan",
        "plot",
        "threat",
        "warning",
        "alert",
        "news",
        "report",
        "statement",
        "comment",
        "remarks",
        "interview",
        "debate",
        "talks",
        "sequel",
        "film",
        "episode",
        "change",
        "increase",
        "decrease",
        "rise",
        "fall",
        "drop",
        "growth",
        "decline",
        "war",
        "conflict",
        "violence",
        "unrest",
        "riot",
        "crackdown",
        "invasion",
        "occupation",
        "blockade",
        "hostage",
        "incident",
        "vigil",
        "standoff",
        "lockdown",
        "rampage",
        "spree",
        "stampede",
        "shootout",
        "manhunt",
        "hijack",
        "dui",
        "dwi",
        "blackout",
        "stay",
        "exit",
    }
)
# Adjectives and participles that report a happening's outcome ("found dead").
EVENT_STATES = frozenset({"dead", "guilty", "injured", "wounded", "missing", "ill"})

_PARTICIPANT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_LOCATIVE = frozenset(
    {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "within", "off"}
)
# A value on the calendar ("2026-01-18", "2026-W03"), not PAST_REF and the like, which
# would place the event no better than the publication date does.
_CALENDAR = re.compile(r"^\d{4}")
_ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "attr")
# Clauses a statement or a light verb embeds; coordinated predicates are triggers of their own.
_EMBEDDED_DEPS = ("ccomp", "xcomp", "advcl", "acomp", "attr")
# Clauses that have their own time expressions.
_CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "conj", "relcl", "acl")
# Clauses that tell of an event of their own, dated by their own time expression.
_DATED_CLAUSES = ("relcl", "acl", "advcl")


def find_event_mentions(
    doc: Doc,
    mentions: Sequence[Mention],
    timexes: Sequence[TimeExpression],
    published: date | None,
    verbs: frozenset[str] = frozenset(),
) -> list[EventMention]:
    """The events each sentence reports, with participants, places and a date.

    Args:
        doc: the parsed article text.
        mentions: its entity mentions (``find_mentions``).
        timexes: its time expressions; DATE and TIME ones with a calendar value can date an
            event.
        published: the publication date, used when a sentence gives no date.
        verbs: for a title, the lemmas its article's body uses as verbs, which tell a verb
            the parse misread as a noun (``_misread_verb``).

    Returns:
        Event mentions in text order, at most ``MAX_PER_SENTENCE`` per sentence; ``start``
        and ``end`` span the sentence.
    """
    dated = [
        timex
        for timex in timexes
        if timex.type in ("DATE", "TIME") and timex.value and _CALENDAR.match(timex.value)
    ]
    events: list[EventMention] = []
    for sent in doc.sents:
        sentence_timexes = [
            timex
            for timex in dated
            if sent.start_char <= timex.start and timex.end <= sent.end_char
        ]
        triggers = _triggers(sent)
        own_dates = _dated_nouns(doc, sentence_timexes, triggers)
        triggers = (triggers + [doc[i] for i in own_dates])[:MAX_PER_SENTENCE]
        inside = [
            mention
            for mention in mentions
            if sent.start_char <= mention.start and mention.end <= sent.end_char
        ]
        owners = _assign(doc, inside, triggers) if triggers else []
        for trigger in triggers:
            value: str | None
            how: DateFrom | None
            if trigger.i in own_dates:
                # a past event named inside the sentence: its own words and its own date
                phrase = doc[trigger.left_edge.i : trigger.right_edge.i + 1]
                mine = [
                    mention
                    for mention in inside
                    if phrase.start_char <= mention.start and mention.end <= phrase.end_char
                ]
                value, how = own_dates[trigger.i].value, "timex"
            else:
                mine = [
                    mention
                    for mention, owner in zip(inside, owners)
                    if owner is None or owner == trigger.i
                ]
                value, how = _date(doc, sentence_timexes, trigger, published)
            events.append(_mention(doc, sent, trigger, value, how, mine, "main"))
        taken = {trigger.i for trigger in triggers}
        for token, kind in _other_triggers(sent, taken, verbs):
            events.append(
                _other_mention(doc, sent, token, kind, inside, sentence_timexes, published)
            )
    logger.debug("%d event mentions", len(events))
    return events


def find_headline_mentions(
    doc: Doc,
    published: date | None,
    written: str,
    kind: MentionKind = "headline",
    verbs: frozenset[str] = frozenset(),
) -> list[EventMention]:
    """The happenings a title (or, ``kind`` summary, a summary) names, as mentions of
    ``kind`` with offsets into it.

    Args:
        doc: the parsed title or summary, its words perhaps cased otherwise than written.
        published: the publication date, which dates them (a title gives no date of its
            own that analysis reads; a summary's own dates do).
        written: the title or summary as written, which trigger words are quoted from.
        kind: ``headline`` or ``summary``.
        verbs: the lemmas the article's body uses as verbs (``body_verbs``).

    Returns:
        Event mentions in the order written.
    """
    timexes = find_timexes(written, published, doc) if kind == "summary" else ()
    found = find_event_mentions(doc, find_mentions(doc), timexes, published, verbs)
    return [
        dataclasses.replace(mention, kind=kind, trigger=_as_written(written, mention))
        for mention in found
    ]


def _as_written(written: str, mention: EventMention) -> str:
    """The trigger word as ``written`` has it (the parse may have read it cased otherwise)."""
    at = mention.trigger_start
    return mention.trigger if at is None else written[at : at + len(mention.trigger)]


def body_verbs(doc: Doc) -> frozenset[str]:
    """The lemmas a parsed text uses as verbs."""
    return frozenset(token.lemma_.lower() for token in doc if token.pos_ == "VERB")


def _other_triggers(
    sent: Span, taken: set[int], verbs: frozenset[str]
) -> list[tuple[Token, MentionKind]]:
    """Every other happening the sentence names: its verbs (statements as ``reporting``),
    those the parse misread as nouns (``verbs``), and its event nouns, in text order;
    light verbs, auxiliaries and states are left out."""
    found: list[tuple[Token, MentionKind]] = []
    for token in sent:
        if token.i in taken or _is_imperative_root(token):
            continue
        lemma = token.lemma_.lower()
        if _misread_verb(token, verbs):
            if lemma not in _NO_EVENT_VERBS:
                found.append((token, "reporting" if lemma in REPORTING_VERBS else "other"))
        elif token.pos_ == "VERB" and token.dep_ not in ("aux", "auxpass"):
            if lemma in REPORTING_VERBS:
                found.append((token, "reporting"))
            elif lemma not in _NO_EVENT_VERBS:
                found.append((token, "other"))
        elif (
            token.pos_ in ("NOUN", "PROPN")
            and (_names_a_happening(token) or _heads_a_named_event(token))
        ) or (token.pos_ == "ADJ" and lemma in EVENT_STATES):
            found.append((token, "other"))
    return found


def _misread_verb(token: Token, verbs: frozenset[str]) -> bool:
    """Whether a title's noun is a verb in headline style ("Lohan checks into Betty Ford,
    rehires attorney", "Quake jolts Iran"), which the parser, trained on sentences, reads
    as a plural noun: inflected, heading the title or a compound, and either used as a
    verb by the article's body (``verbs``) or given a subject or object of its own."""
    lemma = token.lemma_.lower()
    return (
        token.pos_ == "NOUN"
        and token.dep_ in ("ROOT", "compound", "conj")
        and token.lower_ != lemma
        and not _names_a_happening(token)
        and (lemma in verbs or any(c.dep_ in ("nsubj", "dobj") for c in token.children))
    )


def _is_imperative_root(token: Token) -> bool:
    """A bare imperative heading its sentence ("Sign up here"): page furniture."""
    return token.dep_ == "ROOT" and token.pos_ == "VERB" and _is_imperative(token)


def _names_a_happening(token: Token) -> bool:
    """Whether a noun names a happening: a listed event noun, or an act named by a verb's
    noun form ("resignation", "arrival", "shooting") that is not a listed thing or state."""
    if _is_event_noun(token) or token.lemma_.lower() in HAPPENING_NOUNS:
        return True
    word = token.lower_
    if token.pos_ == "PROPN" or word in NOT_EVENT_NOUNS or not word.isalpha():
        return False
    return word.endswith(_ACT_SUFFIXES) and len(word) > 5


def _heads_a_named_event(token: Token) -> bool:
    """Whether a token heads a name the model reads as an event ("the Oscars", "Hurricane
    Katrina", "World War II")."""
    return token.ent_type_ == "EVENT" and (token.head.ent_type_ != "EVENT" or token.head == token)


def _other_mention(
    doc: Doc,
    sent: Span,
    trigger: Token,
    kind: MentionKind,
    inside: Sequence[Mention],
    timexes: Sequence[TimeExpression],
    published: date | None,
) -> EventMention:
    """A mention of a happening the sentence names besides what it reports: its own
    phrase's actors and places, and the date of its own words or of its clause."""
    phrase = doc[trigger.left_edge.i : trigger.right_edge.i + 1]
    mine = [m for m in inside if phrase.start_char <= m.start and m.end <= phrase.end_char]
    value: str | None
    how: DateFrom | None
    own = [t for t in timexes if phrase.start_char <= t.start and t.end <= phrase.end_char]
    if trigger.pos_ != "VERB" and own:
        # "the April 20 explosion": a past happening on its own date
        value, how = own[0].value, "timex"
    else:
        value, how = _date(doc, timexes, trigger, published)
    return _mention(doc, sent, trigger, value, how, mine, kind)


def _mention(
    doc: Doc,
    sent: Span,
    trigger: Token,
    value: str | None,
    how: DateFrom | None,
    mine: Sequence[Mention],
    kind: MentionKind,
) -> EventMention:
    """The mention of a trigger's happening in its sentence, with the date it is given
    and who and where of the entity mentions that are its own."""
    participants, places = _participants_and_places(doc, mine)
    return EventMention(
        sent.start_char,
        sent.end_char,
        trigger.text,
        value,
        how,
        participants,
        places,
        trigger.idx,
        _lemma(trigger),
        kind,
    )


def _lemma(token: Token) -> str:
    """A trigger's lemma, with the particle of a phrasal verb ("pass away", "step down")
    or the preposition that makes one ("check into"), which change what it names; a
    headline's verb the parse read as a noun keeps its own too."""
    lemma = token.lemma_.lower()
    for child in token.children:
        if (
            child.dep_ == "prt"
            or (child.dep_ == "prep" and child.lower_ == "into" and lemma in _INTO_VERBS)
            or (child.dep_ == "advmod" and child.lower_ in _PARTICLES)
        ):
            return f"{lemma} {child.lower_}"
    if any(c.dep_ == "dobj" and c.lower_ == "fire" for c in token.children):
        return f"{lemma} fire"  # "opened fire", "set fire"
    return lemma


def _triggers(sent: Span) -> list[Token]:
    """The sentence's event triggers: its main predicate and predicates coordinated with it."""
    heads = [sent.root] + [token for token in sent.root.conjuncts if token.i > sent.root.i]
    triggers: list[Token] = []
    for head in heads:
        if _is_imperative(head):
            # "Sign up here", "Support independent journalism": page furniture, not news.
            continue
        trigger = _event_of(head)
        if trigger is not None and all(trigger.i != seen.i for seen in triggers):
            triggers.append(trigger)
    if not triggers and sent.root.lemma_.lower() in REPORTING_VERBS:
        # The sentence's only event is the statement itself.
        triggers.append(sent.root)
    return triggers[:MAX_PER_SENTENCE]


def _is_imperative(verb: Token) -> bool:
    """Whether a predicate is a bare imperative: base form with no subject or auxiliary."""
    return verb.tag_ == "VB" and not any(
        child.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for child in verb.children
    )


def _event_of(head: Token, depth: int = 0) -> Token | None:
    """The trigger of the clause that ``head`` heads, or None when it reports no event."""
    if depth > 3:
        return None
    lemma = head.lemma_.lower()
    if head.pos_ in ("NOUN", "PROPN"):
        return head if _is_event_noun(head) else None
    if head.pos_ == "ADJ":
        # "ready to meet Putin"
        clauses = (child for child in head.children if child.dep_ in ("xcomp", "ccomp"))
        return next(filter(None, (_event_of(child, depth + 1) for child in clauses)), None)
    if head.pos_ not in ("VERB", "AUX"):
        return None
    noun = _event_argument(head)
    # The writer's own judgement reports nothing; a speaker's ("said the talks were
    # useful") reports the talks.
    if noun is not None and depth == 0 and _judges(head, noun):
        return None
    if noun is not None and (lemma in SUPPORT_VERBS or lemma in LIGHT_VERBS or head.pos_ == "AUX"):
        return noun
    if lemma in SUPPORT_VERBS:
        # "plans to commence operations": the planned act is the event.
        clauses = (child for child in head.children if child.dep_ == "xcomp")
        return next(filter(None, (_event_of(child, depth + 1) for child in clauses)), head)
    if lemma in REPORTING_VERBS or lemma in LIGHT_VERBS or head.pos_ == "AUX":
        for child in head.children:
            if child.dep_ in _EMBEDDED_DEPS:
                found = _event_of(child, depth + 1)
                if found is not None:
                    return found
        return None
    return head


def _judges(verb: Token, noun: Token) -> bool:
    """Whether a copula says what a happening was, not that it happened: "the withdrawal
    was far too little", "the strike was the largest in a decade" (an opinion or a
    comparison, which names the happening and reports nothing new of it)."""
    return (
        verb.lemma_ == "be"
        and noun.dep_ == "nsubj"
        and any(child.dep_ in ("acomp", "attr") for child in verb.children)
    )


def _event_argument(verb: Token) -> Token | None:
    """An event noun that is the verb's subject or object ("held talks", "the call lasted")."""
    for child in verb.children:
        if child.dep_ in _ARGUMENT_DEPS and _is_event_noun(child):
            return child
        if child.dep_ == "prep":
            for pobj in child.children:
                # "agreed to a ceasefire", "called for talks"
                if pobj.dep_ == "pobj" and _is_event_noun(pobj) and child.lower_ in ("to", "for"):
                    return pobj
    return None


def _is_event_noun(token: Token) -> bool:
    """Whether a token is an event noun; "talks" is listed as well as its lemma "talk"."""
    return token.pos_ in ("NOUN", "PROPN") and (
        token.lemma_.lower() in EVENT_NOUNS or token.lower_ in EVENT_NOUNS
    )


def _dated_nouns(
    doc: Doc, timexes: Sequence[TimeExpression], triggers: Sequence[Token]
) -> dict[int, TimeExpression]:
    """Events inside a sentence that carry a date of their own and are not its triggers:
    event nouns ("the Kremlin meeting on Dec 2", "the Dec 2 meeting") and the verbs of
    relative and adverbial clauses ("the fire, which destroyed two warehouses on Tuesday";
    the noun itself when the clause hangs on it): token index -> their date."""
    found: dict[int, TimeExpression] = {}
    taken = {trigger.i for trigger in triggers}
    for timex in timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        token = span.root if span is not None else None
        while token is not None and token.head.i != token.i:
            token = token.head
            if token.pos_ in ("VERB", "AUX"):
                if token.dep_ in _DATED_CLAUSES:
                    # a relative clause on an event noun tells of that event
                    dated = token.head if _is_event_noun(token.head) else token
                    if dated.i not in taken:
                        found.setdefault(dated.i, timex)
                break
            if _is_event_noun(token):
                if token.i not in taken:
                    found.setdefault(token.i, timex)
                break
    return found


def _assign(doc: Doc, mentions: Sequence[Mention], triggers: Sequence[Token]) -> list[int | None]:
    """For each mention, the trigger whose clause holds it (None: shared by all triggers)."""
    if len(triggers) == 1:
        return [None] * len(mentions)
    clause_heads = {_clause_head(trigger).i: trigger.i for trigger in triggers}
    return [_owner(_head_token(doc, mention), clause_heads) for mention in mentions]


def _owner(token: Token | None, clause_heads: dict[int, int]) -> int | None:
    """The trigger (by token index) whose clause is the nearest one above ``token``."""
    if token is not None and token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ROOT":
        # The main subject is the subject of every coordinated predicate too.
        return None
    while token is not None:
        if token.i in clause_heads:
            return clause_heads[token.i]
        token = None if token.head.i == token.i else token.head
    return None


def _clause_head(trigger: Token) -> Token:
    """The verb that heads the trigger's clause (the trigger itself when it is a verb)."""
    token = trigger
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _head_token(doc: Doc, mention: Mention) -> Token | None:
    """The syntactic head of a mention's span."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None else None


def _participants_and_places(
    doc: Doc, mentions: Sequence[Mention]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Names of the actors and of the places, each once, in text order.

    A GPE is a place after a locative preposition ("in Geneva") and an actor elsewhere
    ("Russia launched"); LOC and FAC are always places.
    """
    participants: list[str] = []
    places: list[str] = []
    for mention in mentions:
        if mention.label in _PLACE_LABELS and (
            mention.label != "GPE" or _is_located(_head_token(doc, mention))
        ):
            if mention.name not in places:
                places.append(mention.name)
        elif mention.label in _PARTICIPANT_LABELS and mention.name not in participants:
            participants.append(mention.name)
    return tuple(participants), tuple(places)


def _is_located(token: Token | None) -> bool:
    """Whether a token is the object of a locative preposition, possibly through "city of"."""
    while token is not None and token.dep_ == "pobj":
        prep = token.head
        if prep.lower_ in _LOCATIVE:
            return True
        # "in the city of Kharkiv": climb to the noun the "of" phrase modifies.
        if prep.lower_ != "of" or prep.head.dep_ != "pobj":
            return False
        token = prep.head
    return False


def _date(
    doc: Doc, timexes: Sequence[TimeExpression], trigger: Token, published: date | None
) -> tuple[str | None, DateFrom | None]:
    """The event's date: a timex in its own clause (or, for a verb coordinated with no
    subject of its own, in the clause it is coordinated with), else the publication date.
    A time expression of another clause dates that clause's event ("the talks on Monday follow a
    major attack": Monday is not the attack's day)."""
    clause = _clause_head(trigger)
    attached = [timex for timex in timexes if _governed_by(doc, timex, clause)]
    if not attached and _shares_a_subject(clause):
        # "in 2019 a storm flooded the quay and closed the port": one subject, one time
        attached = [timex for timex in timexes if _governed_by(doc, timex, clause.head)]
    if attached:
        return attached[0].value, "timex"
    if published is not None:
        return published.isoformat(), "published"
    return None, None


def _shares_a_subject(verb: Token) -> bool:
    """A verb coordinated with the one before it, with no subject of its own."""
    return (
        verb.dep_ == "conj"
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def _governed_by(doc: Doc, timex: TimeExpression, clause: Token) -> bool:
    """Whether the timex sits in the clause headed by ``clause`` (not in a nested clause)."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    while token.head.i != token.i and token.i != clause.i:
        if token.dep_ in _CLAUSE_DEPS and token.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
    return token.i == clause.i
