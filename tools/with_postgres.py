"""Run a command against a throwaway PostgreSQL cluster, then drop the cluster.

    python tools/with_postgres.py COMMAND [ARG ...]

initdb in a temporary folder, ``pg_ctl start`` on a free loopback port (no other
address, trust authentication), ``DATELINE_TEST_PG_URL`` set for the command, and the
cluster stopped and its folder removed whatever the command did. Run as root, the server
runs as the ``postgres`` user, which PostgreSQL requires. Where no PostgreSQL server is
installed, the command is not run and this says so (exit 0), unless
``DATELINE_REQUIRE_PG=1`` (CI), where that is an error.

Standard library only: the Makefile runs it before anything else is importable.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

USER = "postgres"


def server_binaries() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on PATH, else Debian's newest version."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def as_server_user(args: list[str]) -> list[str]:
    """``args`` run as the ``postgres`` user when this is root (initdb refuses root)."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", USER, "--", *args]


@contextmanager
def cluster(binaries: Path) -> Iterator[str]:
    """A running cluster's URL; stopped and removed on exit."""
    folder = Path(tempfile.mkdtemp(prefix="dateline-pg-"))
    data, port = folder / "data", free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, USER)
    try:
        subprocess.run(
            as_server_user(
                [
                    str(binaries / "initdb"),
                    "-D",
                    str(data),
                    "-A",
                    "trust",
                    "-U",
                    USER,
                    "-E",
                    "UTF8",
                    "--locale",
                    "C",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=300"
        subprocess.run(
            as_server_user(
                [
                    str(binaries / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(folder / "server.log"),
                    "-w",
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        try:
            yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                as_server_user(
                    [str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]
                ),
                check=False,
                stdout=subprocess.DEVNULL,
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(command: list[str]) -> int:
    if not command:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    binaries = server_binaries()
    if binaries is None:
        if os.environ.get("DATELINE_REQUIRE_PG") == "1":
            print("PostgreSQL is not installed (apt-get install postgresql)", file=sys.stderr)
            return 1
        print("PostgreSQL is not installed: the PostgreSQL pass is skipped", file=sys.stderr)
        return 0
    with cluster(binaries) as url:
        print(f"PostgreSQL pass: DATELINE_TEST_PG_URL={url}", file=sys.stderr)
        child = subprocess.Popen(command, env={**os.environ, "DATELINE_TEST_PG_URL": url})
        # Stopped, this stops the command, then the cluster (the with block's exit).
        signal.signal(signal.SIGTERM, lambda *_: child.terminate())
        return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
