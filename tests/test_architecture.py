"""The house holds: layers and contracts, no import cycle, a clean linter and type checker.

docs/design/architecture.md explains the layers these tests keep.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "lecturer_app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_pyside6_import_outside_ui():
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1]
        and any(name.split(".")[0] == "PySide6" for name in _imports(path))
    ]
    assert offenders == []


def test_import_linter_contracts_hold():
    result = _lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr


def test_version_does_not_import_heavy_libraries():
    code = ("import sys; from lecturer_app.cli import main; main(['--version']);"
            "heavy = [m for m in ('PySide6', 'reportlab', 'pptx', 'docx', 'openpyxl', 'sqlite_utils', 'cv2', 'numpy')"
            " if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent))
    assert path, f"{name} is part of the test dependencies"
    return path


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([_tool("lint-imports"), "--no-cache"], cwd=root, capture_output=True, text=True, env=env)


@pytest.mark.parametrize(("probe", "imports", "contract"), [
    ("core/store/probe.py", "import lecturer_app.ui.app", "Only ui imports PySide6"),
    ("core/probe.py", "import lecturer_app.commands.gui", "Entry points above"),
    ("commands/probe.py", "import PySide6.QtWidgets", "Only ui imports PySide6"),
    ("commands/probe.py", "import lecturer_app.ui.widgets.icons", "Only ui imports PySide6"),
    ("exam/probe.py", "import openpyxl", "The domain reads no file format"),
    ("core/text/probe.py", "import lecturer_app.formats.text_measure", "The domain reads no file format"),
    ("sync/probe.py", "import lecturer_app.ui.app", "sync and server stay headless"),
    ("ui/probe.py", "import lecturer_app.commands.exam", "Entry points above"),
])
def test_a_probe_import_across_a_boundary_breaks_a_contract(tmp_path, probe, imports, contract):
    root = tmp_path / "repo"
    shutil.copytree(PACKAGE, root / "lecturer_app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE.parent / "pyproject.toml", root)
    (root / "lecturer_app" / probe).write_text(imports + "\n", encoding="utf-8")
    result = _lint_imports(root)
    assert result.returncode != 0
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout, result.stdout


def _module_graph() -> dict[str, set[str]]:
    """Every project module and the project modules it imports (lazy imports included)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports_with_members(path):
            while imported and imported not in modules:
                imported = imported.rpartition(".")[0]
            # A package's __init__ importing its own modules is how a package is assembled, not a cycle.
            if imported and imported != name and not name.startswith(imported + "."):
                targets.add(imported)
        graph[name] = targets
    return graph


def _imports_with_members(path: Path) -> set[str]:
    names = set(_imports(path))
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = [stack.pop()]
                while component[-1] != node:
                    component.append(stack.pop())
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycle_between_project_modules():
    assert _cycles(_module_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_ruff_finds_nothing():
    result = subprocess.run([_tool("ruff"), "check", "--no-cache", "."], cwd=PACKAGE.parent,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing():
    result = subprocess.run([_tool("mypy"), "--no-incremental"], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
