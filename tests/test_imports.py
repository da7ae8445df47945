"""Code health: every rca module imports on its own in a fresh interpreter (no hidden order
dependency, no import cycle that only works when something else was imported first), and no two
rca modules import each other (also not inside functions, where a cycle hides)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "rca"


def module_paths() -> dict[str, Path]:
    """Every rca module by name, but Alembic's migration scripts: Alembic runs them, nothing imports them."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        if "migrations" not in parts:
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def modules() -> list[str]:
    return list(module_paths())


def test_every_module_imports_alone_in_a_fresh_process() -> None:
    # One interpreter per module; a small script runs them so the test stays one subprocess each.
    failures = {}
    for name in modules():
        if name == "rca.__main__":  # `python -m rca`: importing it runs the command line
            continue
        out = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=REPO, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            failures[name] = out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"
    assert failures == {}


def _imports(path: Path, name: str) -> set[str]:
    """rca modules `path` imports anywhere (also inside functions), except under TYPE_CHECKING."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node):
            if isinstance(sub, ast.Import):
                found |= {a.name for a in sub.names if a.name.startswith("rca")}
            elif isinstance(sub, ast.ImportFrom):
                base = sub.module or ""
                if sub.level:
                    base = ".".join(package.split(".")[: len(package.split(".")) - sub.level + 1] + ([base] if base else []))
                if base.startswith("rca"):
                    found.add(base)
                    found |= {f"{base}.{a.name}" for a in sub.names}
    known = set(modules())
    # A module's own packages run before it whatever it imports: not an edge of the design.
    return {m for m in found if m in known and m != name and not name.startswith(m + ".")}


def test_no_two_modules_import_each_other() -> None:
    graph = {name: _imports(path, name) for name, path in module_paths().items()}
    mutual = sorted({tuple(sorted((a, b))) for a, deps in graph.items() for b in deps if a in graph.get(b, set())})
    assert mutual == []


@pytest.mark.parametrize("needle", ["RCA_LOGGING_ENDPOINT", "RCA_LIVE_RETRY_BASE_S"])
def test_no_test_only_environment_switches(needle: str) -> None:
    hits = [str(p.relative_to(REPO)) for p in PACKAGE.rglob("*.py") if needle in p.read_text(encoding="utf-8")]
    assert hits == []


@pytest.mark.parametrize(
    ("stage", "forbidden"),
    [
        ("rca.mining", ("rca.sources", "rca.analysis", "rca.render", "rca.llm")),  # mining takes records or batches
        ("rca.llm", ("rca.render",)),  # the analysts share formatting with the renderers through rca.fmt
        ("rca.analysis", ("rca.render", "rca.llm")),
    ],
)
def test_stage_order_holds_in_the_imports(stage: str, forbidden: tuple[str, ...]) -> None:
    """A later stage may read an earlier one's output, never the other way round (issue 13)."""
    graph = {name: _imports(path, name) for name, path in module_paths().items()}
    against = {
        f"{name} -> {dep}"
        for name, deps in graph.items()
        if name == stage or name.startswith(stage + ".")
        for dep in deps
        if any(dep == f or dep.startswith(f + ".") for f in forbidden)
    }
    assert against == set()
