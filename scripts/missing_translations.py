#!/usr/bin/env python3
"""Print .po entries for every _("…") string in lecturer_app/ with no English translation.

Usage: .venv/bin/python scripts/missing_translations.py [PATH_PREFIX]
Paste the output into resources/translations/en/<area>.po and fill in msgstr.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lecturer_app.i18n.po import read_po  # noqa: E402


def source_messages(prefix: str = "") -> dict[str, str]:
    """msgid → first place it is used, for every literal passed to _() or N_()."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "lecturer_app").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if not rel.startswith(prefix):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, f"{rel}:{node.lineno}")
    return found


def english_catalog() -> dict[str, str]:
    table: dict[str, str] = {}
    for po in sorted((ROOT / "resources" / "translations" / "en").glob("*.po")):
        table.update(read_po(po))
    return table


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


if __name__ == "__main__":
    catalog = english_catalog()
    for msgid, where in source_messages(sys.argv[1] if len(sys.argv) > 1 else "").items():
        if msgid not in catalog:
            print(f"#: {where}\nmsgid {_quote(msgid)}\nmsgstr \"\"\n")
