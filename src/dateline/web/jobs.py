"""Ingests the API runs in the background, one at a time, each readable while it runs:
what it was given, how far it got, and what it did."""

from __future__ import annotations

import dataclasses
import json
import logging
import tempfile
import threading
import uuid
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path

from dateline.errors import DatelineError
from dateline.model import JSON, IngestReport
from dateline.settings import Settings
from dateline.store import Store

logger = logging.getLogger(__name__)

# Jobs kept for reading after they end: the oldest finished ones are forgotten first.
KEEP_JOBS = 200


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class Pasted:
    """An article pasted as text, with what the user states about it."""

    text: str
    title: str | None = None
    url: str | None = None

    def record(self) -> JSON:
        """The JSON line dateline's readers take."""
        fields = {"text": self.text, "title": self.title, "url": self.url}
        return {k: v for k, v in fields.items() if v}


@dataclass(frozen=True)
class Upload:
    """A file sent to be ingested: its name (the reader goes by its extension) and bytes."""

    name: str
    content: bytes


@dataclass
class Job:
    """One ingest: its state, what it has read and analysed so far, and its report."""

    id: str
    state: JobState = JobState.QUEUED
    read: int = 0
    analysed: int = 0
    report: IngestReport | None = None
    message: str | None = None
    stories: list[int] = field(default_factory=list)

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "state": self.state,
            "read": self.read,
            "analysed": self.analysed,
            "report": self.report.to_json() if self.report else None,
            "stories": self.stories,
            "message": self.message,
        }


class IngestJobs:
    """Runs ingests into one store on a worker thread, in the order they came."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-ingest")

    def submit(
        self,
        pasted: Sequence[Pasted] = (),
        uploads: Sequence[Upload] = (),
        *,
        published: date | None = None,
        publisher: str | None = None,
    ) -> Job:
        """Queue an ingest of pasted articles and uploaded files."""
        job = Job(uuid.uuid4().hex)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        self._worker.submit(self._run, job, list(pasted), list(uploads), published, publisher)
        return dataclasses.replace(job)

    def get(self, job_id: str) -> Job | None:
        """A copy of the job as it stands (None when unknown or forgotten)."""
        with self._lock:
            job = self._jobs.get(job_id)
            return dataclasses.replace(job, stories=list(job.stories)) if job else None

    def close(self) -> None:
        """Let the running ingest finish; drop the queued ones."""
        self._worker.shutdown(wait=True, cancel_futures=True)

    def _run(
        self,
        job: Job,
        pasted: list[Pasted],
        uploads: list[Upload],
        published: date | None,
        publisher: str | None,
    ) -> None:
        from dateline.run.extract import Inputs
        from dateline.run.ingest import ingest

        self._update(job, state=JobState.RUNNING)
        try:
            with tempfile.TemporaryDirectory(prefix="dateline-ingest-") as folder:
                sources = _written(Path(folder), pasted, uploads)
                with Store.open(self.settings.db, busy_timeout=self.settings.busy_timeout) as store:
                    report = ingest(
                        Inputs(sources, published, publisher),
                        store,
                        self.settings,
                        on_result=lambda _r: self._count(job, "read"),
                        on_analysed=lambda _r: self._count(job, "analysed"),
                    )
                    stories = sorted(
                        {
                            s
                            for article_id in report.article_ids
                            if (s := store.stories.story_of(article_id)) is not None
                        }
                    )
            self._update(job, state=JobState.DONE, report=report, stories=stories)
        except (DatelineError, OSError) as exc:
            self._update(job, state=JobState.FAILED, message=str(exc))
        except Exception:  # the job's reader sees one line, the log the whole of it
            logger.exception("ingest job %s failed", job.id)
            self._update(job, state=JobState.FAILED, message="internal error: see the log")

    def _update(self, job: Job, **changes: object) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _count(self, job: Job, counter: str) -> None:
        with self._lock:
            setattr(job, counter, getattr(job, counter) + 1)

    def _forget_old(self) -> None:
        done = [j for j in self._jobs.values() if j.state in (JobState.DONE, JobState.FAILED)]
        for job in done[: max(0, len(self._jobs) - KEEP_JOBS)]:
            del self._jobs[job.id]


def _written(folder: Path, pasted: list[Pasted], uploads: list[Upload]) -> list[str]:
    """The job's inputs as files the readers take: pasted articles as one JSON lines
    file, each upload under its own (sanitised) name."""
    sources = []
    if pasted:
        path = folder / "pasted.jsonl"
        path.write_text("".join(json.dumps(p.record()) + "\n" for p in pasted), encoding="utf-8")
        sources.append(str(path))
    for number, upload in enumerate(uploads):
        name = Path(upload.name).name or "upload"
        path = folder / f"{number}-{name}"
        path.write_bytes(upload.content)
        sources.append(str(path))
    return sources
