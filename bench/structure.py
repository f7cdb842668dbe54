"""Code-structure figures of issue #11, measured on a checkout (this one, or an older one).

* Store methods: the public (no leading ``_``) methods a caller reaches as ``store.X(...)``:
  those of ``Store`` and of the classes it inherits from that are defined in
  src/dateline/store/ ("facade"), and as ``store.<repo>.X(...)``: those of the store classes
  that ``Store.__init__`` assigns to attributes, or that a property of ``Store`` returns
  ("repository"). Properties are not methods.
* ``dict[str, Any]`` functions: functions and methods in link/, store/, views/ and
  service(.py) with an argument or return annotation that mentions ``dict[str, Any]``,
  ``Dict[str, Any]`` or ``Mapping[str, Any]``, or the model's alias for it, ``JSON``.
* CLI logic lines: lines of cli.py (or cli/) that hold code: not blank, not only a comment,
  not in a docstring.
* Import cycles: strongly connected components of more than one module in the graph of the
  package's own imports, at module and function level; "at run time" leaves out the imports
  under ``if TYPE_CHECKING:`` (they do not run), "with type-only imports" counts them too.
  Importing ``dateline.a.b`` also runs ``dateline/a/__init__.py``: that edge counts too,
  except to the packages the importing module is itself inside (they are already being
  imported when it runs).
* mypy errors: ``python -m mypy`` with the checkout's ``[tool.mypy]`` configuration, or
  ``mypy src/dateline --ignore-missing-imports`` where it has none.
* Duplicates: the pairs ``duplicates --repo <repo>/src --most 200`` lists ("n/a" where that
  command is not installed).

    python bench/structure.py [--repo PATH] [--before REV] [--python PYTHON] [--results FILE]
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from common import REPO, extract_revision, write_section

SECTION = "## Code structure"
ANY_DICT = re.compile(r"\b(dict|Dict|Mapping)\[str, *(typing\.)?Any\]|\bJSON\b")
Function = ast.FunctionDef | ast.AsyncFunctionDef
_NOT_CODE = {
    tokenize.COMMENT,
    tokenize.NL,
    tokenize.NEWLINE,
    tokenize.INDENT,
    tokenize.DEDENT,
    tokenize.ENDMARKER,
}


def store_methods(package: Path) -> tuple[int, int]:
    """(facade, repository) public methods of the ``Store`` class defined under ``package``."""
    classes = {
        node.name: node
        for path in _sources(package)
        for node in ast.walk(_parse(path))
        if isinstance(node, ast.ClassDef)
    }
    if "Store" not in classes:
        return 0, 0
    facade = _lineage("Store", classes)
    repos = []
    for cls in facade:
        for node in ast.walk(cls):
            if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                repos += [c for a in ast.walk(node) if (c := _assigned_to_self(a))]
            elif isinstance(node, ast.FunctionDef) and _is_property(node) and node.returns:
                repos.append(_name(node.returns))
    repo_methods = sum(
        len(_public_methods(_lineage(repo, classes))) for repo in repos if repo in classes
    )
    return len(_public_methods(facade)), repo_methods


def any_dict_functions(src: Path) -> tuple[int, int]:
    """(functions with a ``dict[str, Any]``-like annotation, all functions) in the layers."""
    paths = [
        path
        for layer in ("link", "store", "views", "service")
        for path in _sources(src / "dateline" / layer)
    ]
    if (src / "dateline" / "service.py").exists():
        paths.append(src / "dateline" / "service.py")
    functions = [
        node for path in paths for node in ast.walk(_parse(path)) if isinstance(node, Function)
    ]
    return sum(
        any(ANY_DICT.search(ast.unparse(a)) for a in _annotations(f)) for f in functions
    ), len(functions)


def logic_lines(paths: list[Path]) -> int:
    """Lines of code in ``paths``: not blank, not only a comment, not in a docstring."""
    total = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        docstrings = {
            line
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Module | ast.ClassDef | Function)
            and ast.get_docstring(node, clean=False) is not None
            for line in range(node.body[0].lineno, (node.body[0].end_lineno or 0) + 1)
        }
        code = {
            line
            for token in tokenize.generate_tokens(io.StringIO(text).readline)
            if token.type not in _NOT_CODE
            for line in range(token.start[0], token.end[0] + 1)
        }
        total += len(code - docstrings)
    return total


def import_cycles(src: Path, with_typing: bool) -> list[list[str]]:
    """The import cycles (components of more than one module) among ``dateline.*``.

    Args:
        src: the folder that holds the ``dateline`` package.
        with_typing: count the imports under ``if TYPE_CHECKING:`` too.

    Returns:
        The modules of each cycle, sorted.
    """
    modules = {_module_name(path, src): path for path in _sources(src / "dateline")}
    graph = {
        name: sorted(_imports(name, path, modules, with_typing)) for name, path in modules.items()
    }
    return sorted(sorted(c) for c in _components(graph) if len(c) > 1)


def mypy_errors(repo: Path, python: str) -> tuple[int, str]:
    """mypy's error count on the checkout, and the command that found it."""
    pyproject = repo / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.exists() else {}
    args = [] if "mypy" in config.get("tool", {}) else ["src/dateline", "--ignore-missing-imports"]
    with tempfile.TemporaryDirectory() as cache:  # leaves no .mypy_cache in the checkout
        done = subprocess.run(
            [python, "-m", "mypy", "--cache-dir", cache, *args],
            cwd=repo,
            capture_output=True,
            text=True,
            check=False,
        )
    found = re.search(r"Found (\d+) errors?", done.stdout)
    if not found and done.returncode != 0:
        raise SystemExit(f"mypy failed on {repo}:\n{done.stdout}{done.stderr}")
    return int(found.group(1)) if found else 0, " ".join(["mypy", *args])


def duplicate_pairs(src: Path) -> int | None:
    """Pairs that ``duplicates`` lists in ``src``; None where it is not installed."""
    if shutil.which("duplicates") is None:
        return None
    out = subprocess.run(
        ["duplicates", "--repo", str(src), "--most", "200"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    header = re.match(r"(\d+) pairs?\b", out)
    return int(header.group(1)) if header else len(re.findall(r"^D\d+ ", out, re.MULTILINE))


def measure(repo: Path, python: str) -> tuple[list[tuple[str, object]], list[list[str]], str]:
    """The figures of one checkout, the import cycles listed, and the mypy command."""
    src = repo / "src"
    facade, repository = store_methods(src / "dateline" / "store")
    typed, functions = any_dict_functions(src)
    cli = [src / "dateline" / "cli.py", *_sources(src / "dateline" / "cli")]
    cycles = import_cycles(src, with_typing=False)
    typing_cycles = import_cycles(src, with_typing=True)
    errors, mypy_command = mypy_errors(repo, python)
    pairs = duplicate_pairs(src)
    rows: list[tuple[str, object]] = [
        ("Store facade methods (`store.X()`)", facade),
        ("Store repository methods (`store.<repo>.X()`)", repository),
        ("Store methods in all", facade + repository),
        (
            f"functions taking or returning `dict[str, Any]` (of {functions} in "
            "link/, store/, views/, service)",
            typed,
        ),
        ("CLI lines of logic", logic_lines([p for p in cli if p.exists()])),
        ("import cycles among dateline modules, at run time", len(cycles)),
        ("import cycles among dateline modules, with type-only imports", len(typing_cycles)),
        ("mypy errors", errors),
        ("`duplicates` pairs in src/", "n/a" if pairs is None else pairs),
    ]
    listed = [*cycles, *(c for c in typing_cycles if c not in cycles)]
    return rows, listed, mypy_command


def before_tree(rev: str, into: Path) -> Path:
    """``rev``'s tree under ``into``, with this checkout's lint and type configuration and
    formatted by it, so that line counts and mypy errors compare like for like."""
    extract_revision(rev, into)
    shutil.copy(REPO / "pyproject.toml", into / "pyproject.toml")
    ruff = Path(sys.executable).with_name("ruff")
    subprocess.run([str(ruff), "format", "--quiet", str(into / "src")], check=True, cwd=into)
    subprocess.run(["git", "init", "--quiet", str(into)], check=True)  # duplicates reads git
    return into


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=REPO, help="checkout to measure")
    parser.add_argument("--before", metavar="REV", help="also measure this git revision")
    parser.add_argument("--python", default=sys.executable, help="python that runs mypy")
    parser.add_argument("--results", type=Path, help="markdown file whose section to replace")
    args = parser.parse_args(argv)
    repo: Path = args.repo.resolve()
    rows, cycles, mypy_command = measure(repo, args.python)
    columns = [f"{_revision(repo)}"]
    values = [[value] for _, value in rows]
    if args.before:
        with tempfile.TemporaryDirectory() as scratch:
            old_rows, old_cycles, _ = measure(before_tree(args.before, Path(scratch)), args.python)
        columns.insert(0, f"{args.before} (before)")
        values = [[old, *now] for (_, old), now in zip(old_rows, values, strict=True)]
        cycles += [c for c in old_cycles if c not in cycles]
    table = "\n".join(
        [
            "| figure | " + " | ".join(columns) + " |",
            "|---|" + "---|" * len(columns),
            *(
                f"| {name} | " + " | ".join(map(str, found)) + " |"
                for (name, _), found in zip(rows, values, strict=True)
            ),
        ]
    )
    listed = "".join(f"- {', '.join(cycle)}\n" for cycle in cycles)
    command = "python bench/structure.py" + ("" if repo == REPO else f" --repo {repo}")
    command += f" --before {args.before}" if args.before else ""
    section = (
        f"{SECTION}\n\nCommand: `{command}`. Date: {date.today().isoformat()}. mypy: "
        f"`{mypy_command}`."
        + (
            " The before column measures that revision formatted by this checkout's ruff "
            "and type-checked with its mypy configuration, so lines and errors compare like "
            "for like."
            if args.before
            else ""
        )
        + f"\n\n{table}\n"
        + (f"\nImport cycles (the modules of each):\n\n{listed}" if cycles else "")
    )
    print(section)
    if args.results:
        write_section(args.results, SECTION, section)


def _sources(folder: Path) -> list[Path]:
    """The Python files under ``folder``, migrations left out."""
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.expr) -> str:
    """The last identifier of a name, attribute or quoted annotation: ``a.B`` -> ``B``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.rsplit(".", 1)[-1]
    return ast.unparse(node).rsplit(".", 1)[-1]


def _lineage(name: str, classes: dict[str, ast.ClassDef]) -> list[ast.ClassDef]:
    """The class and its bases (transitively) among ``classes``."""
    seen: list[ast.ClassDef] = []
    todo = [name]
    while todo:
        cls = classes.get(todo.pop())
        if cls is not None and cls not in seen:
            seen.append(cls)
            todo += [_name(base) for base in cls.bases]
    return seen


def _public_methods(lineage: list[ast.ClassDef]) -> set[str]:
    return {
        node.name
        for cls in lineage
        for node in cls.body
        if isinstance(node, Function) and not node.name.startswith("_") and not _is_property(node)
    }


def _is_property(node: Function) -> bool:
    return any(_name(d).endswith(("property", "setter", "deleter")) for d in node.decorator_list)


def _assigned_to_self(node: ast.AST) -> str | None:
    """``C`` where ``node`` is ``self.x = C(...)`` or ``self.x: T = C(...)``."""
    if not isinstance(node, ast.Assign | ast.AnnAssign) or not isinstance(node.value, ast.Call):
        return None
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    to_self = any(isinstance(t, ast.Attribute) and ast.unparse(t.value) == "self" for t in targets)
    return _name(node.value.func) if to_self else None


def _annotations(function: Function) -> Iterator[ast.expr]:
    a = function.args
    for arg in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]:
        if arg is not None and arg.annotation is not None:
            yield arg.annotation
    if function.returns is not None:
        yield function.returns


def _module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(name: str, path: Path, modules: dict[str, Path], with_typing: bool) -> set[str]:
    """The ``dateline`` modules that module ``name`` imports."""
    is_package = path.name == "__init__.py"
    targets: set[str] = set()
    for node in _nodes(_parse(path), with_typing):
        if isinstance(node, ast.Import):
            targets |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".")[: len(name.split(".")) - (not is_package)]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([base] if base else [])])
            for alias in node.names:
                targets.add(sub if (sub := f"{base}.{alias.name}") in modules else base)
    edges = set()
    for target in targets:
        parts = target.split(".")
        for end in range(1, len(parts) + 1):
            module = ".".join(parts[:end])
            # a package the importer is inside is already being imported; the target itself
            # (`from dateline.x import Name` inside dateline.x.y) always counts
            if (
                module in modules
                and module != name
                and (end == len(parts) or not name.startswith(module + "."))
            ):
                edges.add(module)
    return edges


def _nodes(tree: ast.AST, with_typing: bool) -> Iterator[ast.AST]:
    """All nodes; unless ``with_typing``, none under ``if TYPE_CHECKING:``."""
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        yield node
        if not with_typing and isinstance(node, ast.If) and _name(node.test) == "TYPE_CHECKING":
            todo += node.orelse
        else:
            todo += ast.iter_child_nodes(node)


def _components(graph: dict[str, list[str]]) -> list[list[str]]:
    """Strongly connected components (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            if child < len(graph[node]):
                work.append((node, child + 1))
                nxt = graph[node][child]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _revision(repo: Path) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"commit {done.stdout.strip()}" if done.returncode == 0 else str(repo)


if __name__ == "__main__":
    main()
