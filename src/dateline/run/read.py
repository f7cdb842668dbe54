"""The read step: the raw documents of the inputs, in input order, read in this process as
a stream, or a file per task on the runner's workers where the runner reads files (Ray)."""

from __future__ import annotations

import functools
import itertools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from dateline.errors import NOT_FOUND
from dateline.model import RawDocument
from dateline.run.local import Runner
from dateline.settings import Settings
from dateline.sources import SourceFailure, read_sources
from dateline.sources.files import walk

if TYPE_CHECKING:  # extract.py imports this module
    from dateline.run.extract import Inputs


def read_documents(
    inputs: Inputs, settings: Settings, runner: Runner
) -> Iterator[RawDocument | SourceFailure]:
    """Read ``inputs`` as ``read_sources`` does, yielding the same items in the same order.

    Where ``runner.reads_files``, each file (named, or found in a directory) is read whole
    by one of the runner's tasks, so WARC shards and other files are read side by side;
    standard input and URLs are read here.
    """
    read_here = functools.partial(
        read_sources,
        stdin=inputs.stdin,
        fetch=inputs.fetch,
        max_bytes=settings.max_bytes,
        fetch_timeout=settings.fetch_timeout,
    )
    if not runner.reads_files:
        yield from read_here(inputs.sources)
        return
    read_file = functools.partial(_read_file, folder=os.getcwd(), max_bytes=settings.max_bytes)
    for here, names in itertools.groupby(inputs.sources, key=_read_here):
        if here:
            yield from read_here(list(names))
        else:
            for _, documents in runner.map(read_file, _files(names)):
                yield from documents


def _read_here(name: str) -> bool:
    """Standard input and URLs, told apart as ``read_sources`` does: not files."""
    return name == "-" or name.lower().startswith(("http://", "https://"))


def _files(names: Iterable[str]) -> Iterator[str | SourceFailure]:
    """The files named, and those under the directories named, in ``read_sources``' order."""
    for name in names:
        if os.path.isdir(name):
            yield from walk(name)
        else:
            yield name


def _read_file(
    path: str | SourceFailure, *, folder: str, max_bytes: int
) -> list[RawDocument | SourceFailure]:
    """The read stage for the runner: the items of one file (a directory that could not be
    listed comes as its failure). Never raises."""
    if isinstance(path, SourceFailure):
        return [path]
    if not os.path.isabs(path):
        # A relative path is the driver's; a Ray worker stays in the folder Ray started in.
        try:
            os.chdir(folder)
        except OSError:  # a machine without the driver's folder
            return [SourceFailure(path, NOT_FOUND)]
    return list(read_sources([path], max_bytes=max_bytes))
