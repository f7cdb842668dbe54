"""All options in one object: defaults, then the environment, then flags."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

ENV_PREFIX = "DATELINE_"
# Seconds to wait for a URL; also the default of ``fetch_url`` and ``read_sources``.
DEFAULT_FETCH_TIMEOUT = 30.0


class Engine(StrEnum):
    """Where ingest runs the per-document stages (read, extract, analyze)."""

    LOCAL = "local"  # a process pool of ``jobs`` processes on this machine
    RAY = "ray"  # Ray Data steps on a Ray cluster, or on a local Ray of ``jobs`` CPUs


@dataclass(frozen=True)
class Settings:
    """dateline's options; each has one name everywhere (``jobs`` / ``--jobs`` / ``DATELINE_JOBS``).

    Attributes:
        db: SQLite file path or SQLAlchemy URL of the store.
        jobs: processes for the per-document stages; 1 runs them in-process.
        max_bytes: inputs larger than this are skipped, not read.
        fetch_timeout: seconds to wait for a URL.
        lock_timeout: seconds to wait while another process links the same store.
        busy_timeout: seconds a write waits while another process writes the store.
        engine: where ingest runs the per-document stages.
        address: the Ray cluster of the ray engine (``auto``, ``ray://host:port``); empty:
            a local Ray of ``jobs`` CPUs, started and stopped by the run.
    """

    db: str = "dateline.db"
    jobs: int = min(4, os.cpu_count() or 1)
    max_bytes: int = 20_000_000
    fetch_timeout: float = DEFAULT_FETCH_TIMEOUT
    lock_timeout: float = 3600.0
    busy_timeout: float = 30.0
    engine: Engine = Engine.LOCAL
    address: str = ""


def load_settings(
    overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Resolve settings once: defaults, then ``DATELINE_*`` variables, then ``overrides``.

    ``None`` values in ``overrides`` mean "not given" and are ignored.
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = environ.get(ENV_PREFIX + f.name.upper())
        if raw is not None:
            assert f.default is not dataclasses.MISSING  # every setting has a default
            values[f.name] = type(f.default)(raw)
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return dataclasses.replace(Settings(), **values)
