"""Every writer goes through core.safe_write: no module writes a user's file under its final name itself.

A writer either renders into memory (``buffer``) and hands the bytes to
``write_bytes``/``write_rendered``, or writes to the ``tmp`` path that
``replaced_on_success`` gives it.  This test reads the source so that a new
writer that forgets cannot slip in (issue #10 point 4, issue #12 point 20).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "lecturer_app"
WRITERS = ["exporters", "exam", "commands"]
SAFE_TARGETS = {"buffer", "tmp"}
DOCUMENT_MAKERS = {"SimpleDocTemplate", "Canvas", "ZipFile", "BaseDocTemplate"}


def _target_is_safe(node: ast.expr) -> bool:
    """``buffer``, ``tmp`` or ``str(tmp)``: memory or the temporary name."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str" and node.args:
        node = node.args[0]
    return isinstance(node, ast.Name) and node.id in SAFE_TARGETS


def _is_store(node: ast.expr) -> bool:
    """``store.save(record)`` and ``workspace.store.save(record)`` save records, not files."""
    return (isinstance(node, ast.Name) and node.id == "store") or (isinstance(node, ast.Attribute)
                                                                    and node.attr == "store")


def _unsafe_writes(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if isinstance(node.func, ast.Attribute) and name in ("write_text", "write_bytes"):
            found.append(f"{node.lineno}: Path.{name}")
        elif isinstance(node.func, ast.Attribute) and name == "save" and node.args \
                and not _target_is_safe(node.args[0]) and not _is_store(node.func.value):
            found.append(f"{node.lineno}: .save({ast.unparse(node.args[0])})")
        elif name in DOCUMENT_MAKERS and node.args and not _target_is_safe(node.args[0]):
            found.append(f"{node.lineno}: {name}({ast.unparse(node.args[0])})")
        elif name == "open" and any(isinstance(a, ast.Constant) and "w" in str(a.value) for a in node.args[1:2]) \
                and not (isinstance(node.func, ast.Name) and _target_is_safe(node.args[0])):
            # open(tmp, "w"): a streaming writer writing to replaced_on_success's temporary name.
            found.append(f"{node.lineno}: open(…, 'w')")
    return found


def test_no_writer_writes_its_file_under_the_final_name():
    unsafe = {}
    for folder in WRITERS:
        for path in sorted((PACKAGE / folder).rglob("*.py")):
            found = _unsafe_writes(ast.parse(path.read_text(encoding="utf-8")))
            if found:
                unsafe[str(path.relative_to(PACKAGE))] = found
    assert unsafe == {}
