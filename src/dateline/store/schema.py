"""The store's tables (SQLAlchemy Core). Migrations under migrations/ build them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)

metadata = MetaData()

# Every input document as read, stored before extraction so any stage can run again.
raw_documents = Table(
    "raw_documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("kind", String(8), nullable=False),
    Column("url", Text),
    Column("hints", JSON, nullable=False),
    Column("content", Text, nullable=False),
    Column("received_at", String(32), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("raw_id", Integer, ForeignKey("raw_documents.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("url", Text, unique=True),
    Column("text_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("publisher", Text),
    Column("publisher_how", String(16)),
    Column("wire", Text),
    Column("dateline", Text),
    Column("authors", JSON, nullable=False),
    Column("language", String(8)),
    Column("published", String(10), index=True),
    Column("published_how", String(8)),
    Column("body", JSON, nullable=False),
    Column("captions", JSON, nullable=False),
    Column("summary", Text),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
)

# Inputs or documents that a stage could not process, with the reason.
failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("stage", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("raw_id", Integer, ForeignKey("raw_documents.id")),
    Column("created_at", String(32), nullable=False),
)

# What each article still waits for: "analyze", then "copies" (independent of analysis),
# "entities" and "stories". A stage's row is added with the work it waits on and removed
# in the transaction that does it, so finding pending work never scans the articles.
pending = Table(
    "pending",
    metadata,
    Column("stage", String(8), primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    # The process analysing it, and until when (seconds since the epoch) that claim holds.
    Column("claimed_by", String(96)),
    Column("claimed_until", Float),
)

# -- analysis: one row in analyses per analysed article, the rest hang off it ----------------


def _found_in_article(*columns: Column[Any]) -> list[Column[Any]]:
    """Columns of a thing analysis found: its article and character span, then ``columns``."""
    return [
        Column("id", Integer, primary_key=True),
        Column(
            "article_id", String(16), ForeignKey("analyses.article_id"), nullable=False, index=True
        ),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        *columns,
    ]


analyses = Table(
    "analyses",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("sentences", JSON, nullable=False),
    Column("analysed_at", String(32), nullable=False),
)

mentions = Table(
    "mentions",
    metadata,
    *_found_in_article(
        Column("text", Text, nullable=False),
        Column("label", String(8), nullable=False),
        Column("name", Text, nullable=False, index=True),
    ),
)

timexes = Table(
    "timexes",
    metadata,
    *_found_in_article(
        Column("text", Text, nullable=False),
        Column("type", String(8), nullable=False),
        Column("value", Text),
        Column("rule", Text, nullable=False),
        Column("anchor", String(10)),
    ),
)

quotes = Table(
    "quotes",
    metadata,
    *_found_in_article(
        Column("text", Text, nullable=False),
        Column("direct", Boolean, nullable=False),
        Column("cue", Text),
        Column("cue_start", Integer),
        Column("cue_end", Integer),
        Column("speaker", Text, index=True),
        Column("speaker_start", Integer),
        Column("speaker_end", Integer),
        Column("medium", Text),
        Column("source_start", Integer),
        Column("source_end", Integer),
        Column("resolved_by", String(16)),
        # False: a cue of belief, intention or stance, not speech
        Column("speech", Boolean, nullable=False, server_default=true()),
    ),
)

roles = Table(
    "roles",
    metadata,
    *_found_in_article(
        Column("person", Text, nullable=False, index=True),
        Column("title", Text, nullable=False),
        Column("as_of", String(10)),
        # True: the sentence tells the tenure ending ("X, the leader, resigned")
        Column("ended", Boolean, nullable=False, server_default=false()),
    ),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    *_found_in_article(
        Column("trigger", Text, nullable=False),
        Column("date", Text, index=True),
        Column("date_from", String(9)),
        Column("participants", JSON, nullable=False),
        Column("places", JSON, nullable=False),
        Column("trigger_start", Integer),
        Column("lemma", Text),
        # main: what the sentence reports (what views show); other; reporting; headline; summary
        Column("kind", String(9), nullable=False, server_default="main"),
    ),
)

# What each sentence's main clause asserts (``model.Clause``); the checker reads it.
clauses = Table(
    "clauses",
    metadata,
    *_found_in_article(
        Column("verb", Text, nullable=False),
        Column("tense", String(16), nullable=False),
        Column("stative", Boolean, nullable=False),
        Column("reports", Boolean, nullable=False),
        Column("reported_tense", String(16)),
        Column("reported_stative", Boolean, nullable=False),
        Column("glued", Boolean, nullable=False),
        Column("question", Boolean, nullable=False),
        Column("subordinate", JSON, nullable=False),
        Column("progressive", Boolean, nullable=False),
        Column("anchored", Boolean, nullable=False),
    ),
)

# -- linking: copies of one story ----------------------------------------------------------

# Every document that carried an article, the first one included: an exact copy from
# another outlet adds a sighting, not an article, so each outlet still counts in coverage.
sightings = Table(
    "sightings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("publisher", Text),
    Column("published", String(10)),
    Column("seen_at", String(32), nullable=False),
    UniqueConstraint("article_id", "source", name="uq_sightings_article_source"),
)

# One MinHash fingerprint per linked article; its LSH band keys are indexed in lsh_buckets.
fingerprints = Table(
    "fingerprints",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("minhash", JSON, nullable=False),
)

lsh_buckets = Table(
    "lsh_buckets",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", BigInteger, primary_key=True),
    Column("article_id", String(16), ForeignKey("fingerprints.article_id"), primary_key=True),
)

# A near copy and the canonical article of its group (the first of the group stored).
copies = Table(
    "copies",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("canonical_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("similarity", Float, nullable=False),
    Column("containment", Float, nullable=False),
)

# -- linking: one actor per real-world entity ------------------------------------------------

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    # the best type its evidence gives (``actor_evidence_totals``), first its first label
    Column("label", String(8), nullable=False),
    # the last word of a full person name, so a surname alone can find it
    Column("surname", Text, index=True),
)

# Every spelling-insensitive key (``link.names.name_key``) an actor is known by.
actor_keys = Table(
    "actor_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False, index=True),
)

# Which actors an analysed article mentions, under which names, how often.
actor_mentions = Table(
    "actor_mentions",
    metadata,
    Column("article_id", String(16), ForeignKey("analyses.article_id"), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True, index=True),
    Column("name", Text, primary_key=True),
    Column("mentions", Integer, nullable=False),
)

# What each linked article says about the type of each actor it names: a label the tagger
# gave a mention ("PERSON", "GPE", ...) or a context ("title", "speaker", "place", "state"),
# and how often. Kept per article so linking an article again replaces what it said.
actor_evidence = Table(
    "actor_evidence",
    metadata,
    # the article, not its analysis: analysing again leaves this until linking replaces it
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True),
    Column("evidence", String(16), primary_key=True),
    Column("count", Integer, nullable=False),
)

# The same summed over articles, so an actor is typed again from one indexed range of rows
# whatever the number of articles that name it.
actor_evidence_totals = Table(
    "actor_evidence_totals",
    metadata,
    Column("actor_id", Integer, ForeignKey("actors.id"), primary_key=True),
    Column("evidence", String(16), primary_key=True),
    Column("count", Integer, nullable=False),
)

# -- linking: events and stories -------------------------------------------------------------

# How many linked articles use each term ("w:talks") or mention each actor ("a:12"), and
# the number of linked articles under "": the document frequencies stories weigh terms by.
term_counts = Table(
    "term_counts",
    metadata,
    Column("term", Text, primary_key=True),
    Column("articles", Integer, nullable=False),
)

# One real-world happening; ``profile`` holds what candidates are compared with (trigger
# words, actor ids, places, sentence terms, member dates).
events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("precision", String(8)),
    Column("dated_by", String(12)),
    Column("profile", JSON, nullable=False),
)

# Look-up keys of an event: a date bucket joined with an actor or a trigger word.
event_keys = Table(
    "event_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("event_id", Integer, ForeignKey("events.id"), primary_key=True, index=True),
)

# The sentences that report an event, each with the date that sentence gives it.
event_members = Table(
    "event_members",
    metadata,
    Column("id", Integer, primary_key=True),
    # the article, not its analysis: events outlive a re-analysis of one of their reports
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("trigger", Text, nullable=False),
    Column("date", Text),
    Column("date_from", String(9)),
    Column("trigger_start", Integer),
    Column("lemma", Text),
    # the mention's kind (``EventMention.kind``): views read the main ones
    Column("kind", String(9), nullable=False, server_default="main"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("profile", JSON, nullable=False),
    Column("merged_into", Integer, ForeignKey("stories.id"), index=True),
)

# A story's most telling terms and actors, with the last date it used them.
story_keys = Table(
    "story_keys",
    metadata,
    Column("key", Text, primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), primary_key=True, index=True),
    Column("last", String(10)),
    Index("ix_story_keys_key_last", "key", "last"),
)

# The story each linked article belongs to (the row also marks the article linked).
story_articles = Table(
    "story_articles",
    metadata,
    Column("article_id", String(16), ForeignKey("articles.id"), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False, index=True),
)

# Why each article went where it went: started a story, joined one, or merged several.
story_decisions = Table(
    "story_decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", String(16), ForeignKey("articles.id"), nullable=False, index=True),
    Column("action", String(8), nullable=False),
    Column("story_id", Integer, ForeignKey("stories.id"), nullable=False),
    Column("merged", JSON, nullable=False),
    Column("score", Float),
    Column("decided_at", String(32), nullable=False),
)

# Views as they were last made, with the stamp of what they were made from (a derived
# table: ``store.view_cache``).
view_cache = Table(
    "view_cache",
    metadata,
    Column("story_id", Integer, ForeignKey("stories.id"), primary_key=True),
    Column("view", String(16), primary_key=True),
    Column("params", Text, primary_key=True),
    Column("stamp", String(64), nullable=False),
    Column("payload", Text, nullable=False),
)


# Tables the migrations make that ``metadata`` does not describe: the full-text index of
# articles (``article_search``: SQLite's FTS5 table and the tables it keeps, migration
# 0014; PostgreSQL's tsvectors, 0015).
UNMAPPED_PREFIX = "article_search"


def mapped(name: str | None, type_: str, _parents: object) -> bool:
    """Whether schema comparison (Alembic's ``include_name``) covers this object."""
    return not (type_ == "table" and (name or "").startswith(UNMAPPED_PREFIX))
