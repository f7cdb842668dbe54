"""Domain exceptions and their message templates.

The library raises these; only the CLI (and later the web app) turns them into messages.
Each message says what failed, for which input, and what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence


class DatelineError(Exception):
    """Base class of every error dateline raises on purpose."""


class SourceReadError(DatelineError):
    """An input could not be read or decoded into a document."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"cannot read {source}: {reason}")


class ExtractionError(DatelineError):
    """A document was read but no article could be extracted from it."""

    def __init__(self, source: str, reason: str):
        self.source = source
        self.reason = reason
        super().__init__(f"cannot extract an article from {source}: {reason}")


class StoreError(DatelineError):
    """The store could not be opened, migrated or written."""


class RunnerError(DatelineError):
    """The runner of the per-document stages could not start, or failed while running."""


class ArticleNotFoundError(DatelineError):
    """No article has the requested id."""

    def __init__(self, article_id: str):
        self.article_id = article_id
        super().__init__(f"no article with id {article_id!r}. List ids with 'dateline articles'.")


class StoryNotFoundError(DatelineError):
    """No story, or more than one, matches what the user gave."""

    def __init__(self, spec: str, matches: Sequence[int] = ()):
        self.spec = spec
        self.matches = list(matches)
        super().__init__(
            NO_STORY.format(spec=spec)
            if not matches
            else AMBIGUOUS_STORY.format(
                spec=spec, count=len(matches), ids=", ".join(map(str, matches))
            )
        )


class NoStoriesError(DatelineError):
    """A story was asked for, and the store holds none yet."""

    def __init__(self) -> None:
        super().__init__(NO_STORIES)


class ExportFormatError(DatelineError):
    """An export format dateline does not write, or not where it was asked to."""

    def __init__(self, fmt: str, formats: Sequence[str], why: str | None = None):
        self.fmt = fmt
        super().__init__(
            f"{fmt!r} cannot go to one file: {why}"
            if why
            else BAD_FORMAT.format(fmt=fmt, formats=", ".join(formats))
        )


# Reasons for SourceReadError/ExtractionError, kept here so tests can pin them.
EMPTY = "the input is empty"
BINARY = "the input is binary data, not text or HTML"
TOO_LARGE = "the input is {size:,} bytes, over the {limit:,}-byte limit"
UNDECODABLE = "the input is not valid text in any encoding tried (UTF-8, {guess})"
NOT_FOUND = "no such file or directory"
NOT_READABLE = "permission denied or not a regular file"
BAD_FEED = "not a well-formed RSS/Atom feed ({detail})"
BAD_WARC = "not a readable WARC file ({detail})"
BAD_JSONL = "line {line} is not a JSON object ({detail})"
TRUNCATED_GZIP = "the gzip stream is truncated or corrupt ({detail})"
FETCH_FAILED = "download failed ({detail})"
NO_TEXT = "no article text found"
BAD_DATE = "{value!r} is not a date: use YYYY-MM-DD"

# Reasons added for sources/ (feeds, JSON lines, streams whose size is not known up front).
TOO_LARGE_STREAM = "the input is over the {limit:,}-byte limit"
READ_FAILED = "the file could not be read ({detail})"
EMPTY_FEED = "the feed has no items"
FEED_ITEM_NO_TEXT = "the feed item has no content, description or summary"
JSONL_NO_TEXT = 'line {line} has neither "text" nor "html"'
JSONL_FIELD = 'line {line}: "{key}" is {found}, not {wanted}'
# An input that failed part way, after some of its items were read.
PARTLY_READ = "{reason}; the items up to {last} were read, the rest is skipped"
NO_STORIES = "no stories yet: ingest articles first"
NO_STORY = "no story matches {spec!r}. List stories with 'dateline stories'."
AMBIGUOUS_STORY = (
    "{spec!r} matches {count} story titles (ids {ids}); give a story id. "
    "List stories with 'dateline stories'."
)
BAD_FORMAT = "{fmt!r} is not a format dateline exports yet; use {formats}."

# Reasons for RunnerError (the ray engine).
RAY_MISSING = (
    "the ray engine needs Ray, which is not installed. "
    "Install it with pip install 'dateline[ray]', or use --engine local."
)
RAY_UNREACHABLE = (
    "cannot connect to Ray at {address!r}: {detail}. Start the cluster (ray start --head), "
    "or leave out --address to run on a local Ray."
)
RAY_FAILED = "a Ray step failed: {detail}. What was stored is kept: run ingest again to go on."
