"""The ``dateline`` command line: each command parses its options, calls the service layer
(``dateline.service``) or a run step, and prints; the commands are grouped by what they do."""

import os
import signal
import sys
from types import FrameType

from dateline.cli import ingest, listings, serve, stories  # noqa: F401 - they register commands
from dateline.cli.common import app, stderr

STOPPED = "stopped: what was stored is kept; the same command again goes on from there"


def _standard_descriptors_open() -> None:
    """Give a standard descriptor that the caller closed (cron, a daemon) the null device,
    so that no file the program opens takes its number: a store opened as descriptor 0
    would be closed by whatever closes standard input (a worker process starting)."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
        except OSError:
            opened = os.open(os.devnull, os.O_RDWR)  # the lowest free number: this one
            if opened != fd:
                os.dup2(opened, fd)
                os.close(opened)
        if getattr(sys, name) is None:  # Python found it closed at start
            setattr(sys, name, open(fd, mode, closefd=False))  # noqa: SIM115 - for the run


class Stopped(BaseException):
    """SIGINT or SIGTERM arrived. A BaseException that no ``except Exception`` takes, and
    not the KeyboardInterrupt that click turns into "Aborted!": every transaction open
    rolls back, every worker process is ended, and ``main`` says so in one line."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def main() -> None:
    """Entry point of the ``dateline`` script."""
    _standard_descriptors_open()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _stop)
    try:
        app()
    except Stopped as stopped:
        _stopped_exit(stopped.signum)
    except SystemExit as exit_:
        # A library that was interrupted may turn Stopped into its own error (a database
        # driver cancelling its query), which then exits as a failure: a stop it still is.
        if _received and exit_.code not in (0, None):
            _stopped_exit(_received[-1])
        raise


_received: list[int] = []  # the stop signals this process was sent


def _stop(signum: int, _frame: FrameType | None) -> None:
    _received.append(signum)
    raise Stopped(signum)


def _stopped_exit(signum: int) -> None:
    stderr.print(STOPPED, markup=False)
    sys.exit(128 + signum)


__all__ = ["app", "main"]
