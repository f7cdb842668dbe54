"""What the stages hand back: an extracted or analysed article, or a failure as a value,
and the counts of an ingest or an analysis run."""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline.model.article import Analysis, Article, RawDocument
from dateline.model.domain import JSON, CopyFound


@dataclass(frozen=True)
class Failure:
    """A document a stage could not process: where it came from, which stage, why."""

    source: str
    stage: str
    reason: str
    raw: RawDocument | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, str]:
        return {"source": self.source, "stage": self.stage, "reason": self.reason}


@dataclass(frozen=True)
class Extracted:
    """A document and the article extracted from it."""

    raw: RawDocument
    article: Article


@dataclass(frozen=True)
class Analysed:
    """An article and its analysis."""

    article: Article
    analysis: Analysis

    def to_json(self) -> JSON:
        """The line of ``dateline analyze --json``: the keys of ``extract --json``, then
        ``text`` and the analysis (offsets into ``text``)."""
        return {**self.article.to_json(), "text": self.article.text, **self.analysis.to_json()}


@dataclass
class AnalyzeReport:
    """What one analysis run did."""

    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)


@dataclass
class IngestReport:
    """What one ``ingest`` run did; ``updated`` and ``exact_copies`` (the same text from a
    document not seen before) are part of ``duplicate``; ``skipped`` counts the failures."""

    ingested: int = 0
    duplicate: int = 0
    updated: int = 0
    analysed: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    exact_copies: list[tuple[str, str]] = field(default_factory=list)
    copies: list[CopyFound] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len(self.failures)

    def to_json(self) -> JSON:
        return {
            "ingested": self.ingested,
            "duplicate": self.duplicate,
            "updated": self.updated,
            "analysed": self.analysed,
            "skipped": self.skipped,
            "article_ids": self.article_ids,
            "exact_copies": [
                {"source": source, "article_id": article_id}
                for source, article_id in self.exact_copies
            ],
            "copies": [c.to_json() for c in self.copies],
            "failures": [f.to_json() for f in self.failures],
        }
