"""The architecture's nevers, checked on the source: which layer may import which."""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import dateline

SRC = Path(dateline.__file__).parent


def imports_of(package: str) -> dict[str, set[str]]:
    """The dateline modules (and third-party top-level names) each module of ``package``
    imports, at module level or inside functions."""
    found: dict[str, set[str]] = {}
    root = SRC / package if (SRC / package).is_dir() else SRC / f"{package}.py"
    for path in [root] if root.is_file() else sorted(root.rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
        found[str(path.relative_to(SRC))] = names
    return found


def offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{module} imports {name}"
        for module, names in imports_of(package).items()
        for name in names
        if name.startswith(forbidden)
    )


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("extract", ("dateline.store", "dateline.link", "dateline.views", "dateline.run")),
        ("analyze", ("dateline.store", "dateline.link", "dateline.views", "dateline.run")),
        (
            "model",
            ("dateline.store", "dateline.link", "dateline.views", "dateline.service", "sqlalchemy"),
        ),
        ("store", ("dateline.link", "dateline.views", "dateline.service", "dateline.cli")),
        (
            "views",
            (
                "dateline.link",
                "dateline.analyze",
                "dateline.extract",
                "dateline.run",
                "dateline.service",
                "dateline.cli",
                "sqlalchemy",
            ),
        ),
        ("service", ("dateline.cli", "sqlalchemy")),
        ("cli", ("sqlalchemy", "alembic", "dateline.store.schema", "dateline.store.sql")),
    ],
)
def test_architecture_layer_never_imports(package, forbidden):
    assert offenders(package, forbidden) == []


def test_architecture_views_read_the_store_and_the_model_only():
    """The store through its facade (no tables, no SQL), the model, other views, errors."""
    allowed = ("dateline.model", "dateline.views", "dateline.errors")
    facade = {"dateline.store", "dateline.store.Store"}
    found = [
        f"{module} imports {name}"
        for module, names in imports_of("views").items()
        for name in names
        if name.startswith("dateline") and not name.startswith(allowed) and name not in facade
    ]
    assert found == []


def test_architecture_stage_packages_are_importable_by_name():
    """``dateline.extract`` and ``dateline.analyze`` are the packages, not functions that
    shadow them (``import dateline.extract.html`` works)."""
    html = importlib.import_module("dateline.extract.html")
    import dateline.extract.html as imported

    assert imported is html and dateline.extract.extract is not None
    assert importlib.import_module("dateline.analyze.timex").__name__ == "dateline.analyze.timex"


def test_architecture_version_everywhere():
    from importlib.metadata import version

    assert dateline.__version__ == version("dateline")
    shown = subprocess.run(
        [sys.executable, "-m", "dateline", "--version"], capture_output=True, text=True, check=True
    )
    assert shown.stdout == f"dateline {dateline.__version__}\n"


def test_architecture_typed_package():
    assert (SRC / "py.typed").exists()
