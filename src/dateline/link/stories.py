"""Articles and their events grouped into stories, one article at a time.

An article is a weighted vector of its actors and content words (tf-idf, with document
frequencies counted over the articles linked so far). The stories its most telling keys
were used by lately, the stories of the events it reports and the story of the article it
copies are its candidates; it joins the one it is most like, starts a story when none is
like enough, and merges the stories it bridges. Each decision is recorded. Articles are
linked in publication order, so one batch gives the same stories whatever order its
inputs came in.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta

from dateline.link.events import EventDraft, plan_events, plan_named, without_reports
from dateline.model import Analysis, AnalysisPart, Article, StoryAction, StoryDecision
from dateline.model.terms import content_terms, cosine, top
from dateline.run.stages import Stage
from dateline.store import Store

logger = logging.getLogger(__name__)

# An article's vector keeps its heaviest ARTICLE_TERMS entries; a story's profile the sum of
# its members', cut to its heaviest STORY_TERMS. Cuts at 100 and 200 dropped the
# middle-weight words a later article shares with a long story (Timeline17 dev: stories of
# 200 terms 0.647, 600 0.657, 1,000 0.659; then articles of 100 terms 0.657, 150 0.666, 200
# 0.675, 300 0.676, 500 0.671 with precision under 0.97; ECB+ dev topics 0.819 -> 0.822).
ARTICLE_TERMS = 200
STORY_TERMS = 600
# The article's keys that look up candidate stories, and how far from the article's date
# (before or after it) a story that used them stays open to it. With 12 keys, articles as
# like a story as JOIN missed it for want of a shared key (Timeline17 dev: 0.642 with 12,
# 0.647 with 20 to 30; ECB+ dev topics the same).
LOOKUP_KEYS = 20
OPEN_DAYS = 365
# Similarity to join a story and to merge the stories an article bridges. JOIN,
# ACTOR_WEIGHT and ARTICLE_TERMS were set on the Timeline17 dev sample (bench/stories.py
# --tune): the best B-cubed F1 whose precision stays at or above 0.95, since a wrong merge
# mixes two timelines and a split only shortens one.
JOIN = 0.15
MERGE = 0.3
# Reporting an event the story's articles report multiplies the article's likeness to the
# story: it lifts a story whose words the article shares, never one whose words it does not
# (events are matched before the story is known, and a day's generic happenings, "said",
# "launched", are matched across stories). Merging a story the article bridges takes its
# words alone. Both set on ECB+ dev topics 1-35 (stories against gold topics), with
# Timeline17 dev no worse; a boost of 3 rather than 2 (the same on both) keeps more of a
# one-topic collection in its story (Timeline17 egypt: 240 -> 250 of 271 articles; see
# bench/RESULTS.md).
EVENT_BOOST = 3.0
# An actor weighs this many times a word as frequent and as rare.
ACTOR_WEIGHT = 3.0
# The headline is weighed this many times each body word; an article without one is
# headed by the first words of its first sentence.
TITLE_WEIGHT = 3
HEADLINE_WORDS = 14

_SENTENCE = re.compile(r"[^\n]*?[.!?](?=\s|$)|[^\n]+")
# A headline is made from one of the first sentences when the article has no title.
LEDE_SENTENCES = 3
_QUOTE_MARKS = "\"'“‘«"
# What of an article's analysis event and story linking read.
_PARTS = (AnalysisPart.EVENT_MENTIONS, AnalysisPart.QUOTES)


def link_stories(store: Store, *, ready: bool = False) -> int:
    """Link every entity-linked article not in a story yet (with ``ready``, only those no
    article waiting for analysis comes before); return how many.

    Each article's events, story and decision are saved in one transaction. An article
    already in a story (its analysis redone) keeps its place, and its events are linked
    again from the new analysis: its reports leave the events they were in first.
    """
    linked = 0
    for article_id in store.queue.waiting(Stage.STORIES, ready=ready):
        with store.db.reads_together():
            analysis = store.analyses.get(article_id, parts=_PARTS)
            article = store.articles.get(article_id).article
            actor_of, actor_counts = store.actors.of_article(article_id)
            placed = store.stories.of_article(article_id)
        if analysis is None:
            store.stories.skip(article_id)
            continue
        if placed is not None:
            _withdraw(store, article_id, article)
            with store.db.reads_together():
                drafts = plan_events(store.events, article.text, analysis, actor_of)
                drafts = _named(store, [placed], drafts, article, analysis, actor_of)
            store.stories.save_events(article_id, [draft.update() for draft in drafts], placed)
            continue
        with store.db.reads_together():  # everything up to the one write: one snapshot
            drafts = plan_events(store.events, article.text, analysis, actor_of)
            counts = _raw_terms(article.title, article.text, actor_counts)
            known, total = store.stories.term_frequencies(list(counts))
            vector = top(
                {
                    term: (1 + math.log(n))
                    * _idf(known.get(term, 0), total)
                    * (ACTOR_WEIGHT if _is_actor(term) else 1.0)
                    for term, n in counts.items()
                },
                ARTICLE_TERMS,
            )
            decision = _decide(
                store,
                article_id,
                headline(article.title, article.text),
                article.published.value,
                vector,
                drafts,
            )
            in_story = [] if decision.story_id is None else [decision.story_id, *decision.merged]
            drafts = _named(store, in_story, drafts, article, analysis, actor_of)
        store.stories.save_links(
            article_id,
            [draft.update() for draft in drafts],
            decision,
            _keys(vector),
            article.published.value,
            list(counts),
        )
        logger.debug("%s: %s story %s", article_id, decision.action, decision.story_id)
        linked += 1
    return linked


def _named(
    store: Store,
    stories: list[int],
    drafts: list[EventDraft],
    article: Article,
    analysis: Analysis,
    actor_of: Mapping[str, int],
) -> list[EventDraft]:
    """``plan_named`` for a stored article."""
    return plan_named(
        store.events,
        stories,
        drafts,
        article.text,
        article.title,
        analysis,
        actor_of,
        article.summary,
    )


def _withdraw(store: Store, article_id: str, article: Article) -> None:
    """Take an article's mentions out of the events they are in (a retry finds none)."""
    reported = store.events.of_article(article_id)
    profiles = store.events.profiles(list(reported))
    reports = store.events.reports_of(list(reported))
    changed, emptied = [], []
    for event_id, gone in reported.items():
        kept = [r for r in reports[event_id] if r.article_id != article_id]
        profile = without_reports(
            profiles[event_id], gone, kept, article.text, article.title, article.summary
        )
        if profile is None:
            emptied.append(event_id)
        else:
            changed.append(EventDraft(profile, event_id).update())
    store.events.withdraw(article_id, changed, emptied)


def headline(title: str | None, text: str) -> str:
    """The article's title; where it has none, its first sentence that is the writer's
    own (not a quotation), cut at the last clause boundary that fits ``HEADLINE_WORDS``
    words, so that it ends on a whole phrase."""
    if title and title.strip():
        return title.strip()
    sentences = [m.group().strip() for m in _SENTENCE.finditer(text.strip())][:LEDE_SENTENCES]
    own = next((s for s in sentences if s and s[0] not in _QUOTE_MARKS), None)
    words = (own or (sentences[0] if sentences else "")).split()
    if len(words) <= HEADLINE_WORDS:
        return " ".join(words)
    cut = words[:HEADLINE_WORDS]
    ends = [i for i, w in enumerate(cut[:-1], 1) if w.endswith((",", ";", ":")) and i >= 5]
    if ends:
        return " ".join(cut[: ends[-1]]).rstrip(",;:")
    return " ".join(cut) + " …"


def _raw_terms(title: str | None, text: str, actors: Mapping[int, int]) -> Counter[str]:
    counts = Counter({_word(term): n for term, n in content_terms(text).items()})
    for term, n in content_terms(title or "").items():
        counts[_word(term)] += TITLE_WEIGHT * n
    counts.update({_actor(actor): n for actor, n in actors.items()})
    return counts


# A story's terms are content words ("w:talks") and actors ("a12"), in one vector.
def _word(term: str) -> str:
    return f"w:{term}"


def _actor(actor_id: int) -> str:
    return f"a{actor_id}"


def _is_actor(term: str) -> bool:
    return term.startswith("a")


def _idf(articles: int, total: int) -> float:
    """Smoothed inverse document frequency: a term in every article still weighs 1."""
    return 1 + math.log((total + 1) / (articles + 1))


def _keys(vector: Mapping[str, float]) -> list[str]:
    return list(top(vector, LOOKUP_KEYS))


def _decide(
    store: Store,
    article_id: str,
    title: str,
    published: date | None,
    vector: dict[str, float],
    drafts: list[EventDraft],
) -> StoryDecision:
    window = timedelta(days=OPEN_DAYS)
    since, until = (
        ((published - window).isoformat(), (published + window).isoformat())
        if published
        else (None, None)
    )
    candidates = store.stories.candidates(_keys(vector), since, until)
    with_events = store.stories.of_events([d.id for d in drafts if d.id is not None])
    copied = store.stories.of_copy(article_id)
    for story_id in with_events | ({copied} if copied else set()):
        if story_id not in candidates:
            candidates.update(store.stories.profiles([story_id]))
    cosines = {story_id: cosine(vector, story.profile) for story_id, story in candidates.items()}
    scores = {
        story_id: 1.0
        if story_id == copied
        else cos * (EVENT_BOOST if story_id in with_events else 1.0)
        for story_id, cos in cosines.items()
    }
    ranked = sorted(scores, key=lambda story_id: (-scores[story_id], story_id))
    if not ranked or scores[ranked[0]] < JOIN:
        return StoryDecision(StoryAction.START, None, None, dict(vector), title)
    bridged = (
        [story_id for story_id in ranked[1:] if cosines[story_id] >= MERGE]
        if scores[ranked[0]] >= MERGE
        else []
    )
    target, *merged = sorted([ranked[0], *bridged])
    profile: Counter[str] = Counter(vector)
    for story_id in [target, *merged]:
        profile.update(candidates[story_id].profile)
    profile = Counter(top(profile, STORY_TERMS))
    best_title, best_score = title, _title_score(title, profile)
    for story_id in [target, *merged]:
        score = _title_score(candidates[story_id].title, profile)
        if score > best_score:
            best_title, best_score = candidates[story_id].title, score
    return StoryDecision(
        StoryAction.MERGE if merged else StoryAction.JOIN,
        target,
        scores[ranked[0]],
        dict(profile),
        best_title,
        tuple(merged),
    )


def _title_score(title: str, profile: Mapping[str, float]) -> float:
    """How much of the story's weight a headline's words carry, per word."""
    terms = [_word(term) for term in content_terms(title)]
    return sum(profile.get(term, 0.0) for term in terms) / (len(terms) + 1)
