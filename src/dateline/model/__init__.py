"""dateline's typed records: what one article is and holds (``article``), dates at their
precision (``dates``), and the cross-article domain of actors, events, stories and the
lines the views write (``domain``). Everything that crosses a module boundary is one of
these."""
from dateline.model.article import (Analysis, Article, DateHow, DocumentKind, EventMention,
                                    Hints, Mention, Published, Quote, RawDocument, Role,
                                    TimeExpression, TimexType, normalise_text,
                                    text_fingerprint)
from dateline.model.dates import DatedBy, DateSpan, Precision, day_label
from dateline.model.domain import (JSON, Actor, ActorMention, AddOutcome, ArticleDetail,
                                   BriefPoint,
                                   CheckResult, Citation, Cited, CopyFound, CopyGroup,
                                   DecisionRecord, Event, EventProfile, EventReport,
                                   EventUpdate, Fingerprinted, NearCopy, PointKind, RoleSpan,
                                   Sighting, SourceSpan, Story, StoryAction, StoryDecision,
                                   StoryProfile, StoredArticle, StoredQuote, TimelineEntry)
from dateline.model.results import (Analysed, AnalyzeReport, Extracted, Failure,
                                    IngestReport)

__all__ = [
    "Analysed", "AnalyzeReport", "Extracted", "Failure", "IngestReport",
    "JSON", "Actor", "ActorMention", "AddOutcome", "Analysis", "ArticleDetail", "Article", "BriefPoint",
    "CheckResult", "Citation", "Cited", "CopyFound", "CopyGroup", "DateHow", "DateSpan",
    "DatedBy", "DecisionRecord", "DocumentKind", "Event", "EventMention", "EventProfile",
    "EventReport", "EventUpdate", "Fingerprinted", "Hints", "Mention", "NearCopy",
    "PointKind", "Precision", "Published", "Quote", "RawDocument", "Role", "RoleSpan",
    "Sighting", "SourceSpan", "Story", "StoryAction", "StoryDecision", "StoryProfile",
    "StoredArticle", "StoredQuote", "TimeExpression", "TimelineEntry", "TimexType",
    "day_label", "normalise_text", "text_fingerprint",
]
