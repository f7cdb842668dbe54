"""What a source yields in place of a document it could not read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceFailure:
    """One input, or one item of a feed/WARC/JSON lines input, that could not be read.

    Attributes:
        source: the input as given (path, URL, ``-``), with ``#N`` for the N-th item.
        reason: one line, from the templates in ``dateline.errors``.
    """

    source: str
    reason: str
