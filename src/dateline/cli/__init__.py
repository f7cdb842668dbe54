"""The ``dateline`` command line: each command parses its options, calls the service layer
(``dateline.service``) or a run step, and prints; the commands are grouped by what they do."""

from dateline.cli import ingest, listings, serve, stories  # noqa: F401 - they register commands
from dateline.cli.common import app


def main() -> None:
    """Entry point of the ``dateline`` script."""
    app()


__all__ = ["app", "main"]
