"""Local files and directories."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from typing import BinaryIO

from dateline.errors import NOT_FOUND, NOT_READABLE, READ_FAILED, SourceReadError
from dateline.sources.failure import SourceFailure

logger = logging.getLogger(__name__)


def walk(directory: str) -> Iterator[str | SourceFailure]:
    """Yield the paths of the files under ``directory``, depth first in name order.

    Hidden files and directories (name starting with ``.``) are skipped, and so are
    symbolic links to directories, which could loop. A directory that cannot be listed
    is a failure; the walk goes on.
    """
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield SourceFailure(directory, _reason(exc))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk(entry.path)
        elif entry.is_file():
            yield entry.path
        else:
            logger.info("skipping %s: not a regular file or directory", entry.path)


@contextmanager
def open_file(path: str) -> Iterator[tuple[BinaryIO, int]]:
    """Open a regular file for reading; give it with its size.

    Errors while it is open, reading included, become SourceReadError too.

    Raises:
        SourceReadError: NOT_FOUND, NOT_READABLE (permission, or not a regular file: a FIFO
            would block) or READ_FAILED.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise SourceReadError(path, NOT_READABLE)
        with open(path, "rb") as file:
            yield file, info.st_size
    except OSError as exc:
        raise SourceReadError(path, _reason(exc)) from exc


def _reason(exc: OSError) -> str:
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return NOT_FOUND
    if isinstance(exc, (PermissionError, IsADirectoryError)):
        return NOT_READABLE
    return READ_FAILED.format(detail=exc.strerror or type(exc).__name__)
