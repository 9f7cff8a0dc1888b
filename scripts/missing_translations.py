#!/usr/bin/env python3
"""Print .po entries for every _("…") string in lecturer_app/ with no English translation.

Usage: .venv/bin/python scripts/missing_translations.py [PATH_PREFIX]
Paste the output into resources/translations/en/<area>.po and fill in msgstr.

Messages are found in ``_("…")`` and ``N_("…")``, and with their context in
``pgettext("context", "…")`` and ``NC_("context", "…")``; those are printed with
a ``msgctxt`` line and keyed as the app looks them up (context, EOT, message).
A message with a count, ``ngettext("…", n)`` (or marked for a later count,
``NP_("…")``), is printed as a plural entry
(``msgid_plural`` the same Vietnamese text, ``msgstr[0]`` for one and
``msgstr[1]`` for more) and keyed as ``po.read_po`` keys one (msgid, NUL, msgid_plural).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lecturer_app.i18n import CONTEXT_SEPARATOR  # noqa: E402
from lecturer_app.i18n.po import PLURAL_SEPARATOR, read_po  # noqa: E402

PLAIN = ("_", "N_")
IN_CONTEXT = ("pgettext", "NC_")
WITH_COUNT = ("ngettext",)
MARKED_WITH_COUNT = ("NP_",)


def message_key(call: ast.Call) -> str | None:
    """The catalogue key of the literal message *call* marks, or None when it marks none."""
    if not isinstance(call.func, ast.Name):
        return None
    texts = [arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
             for arg in call.args]
    if call.func.id in PLAIN and texts and texts[0] is not None:
        return texts[0]
    if call.func.id in WITH_COUNT and len(texts) == 2 and texts[0] is not None:
        return plural_key(texts[0])
    if call.func.id in MARKED_WITH_COUNT and len(texts) == 1 and texts[0] is not None:
        return plural_key(texts[0])
    if call.func.id in IN_CONTEXT and len(texts) == 2 and None not in texts:
        return f"{texts[0]}{CONTEXT_SEPARATOR}{texts[1]}"
    return None


def plural_key(message: str) -> str:
    """The catalogue key of *message* shown with a count (msgid and msgid_plural are both *message*)."""
    return f"{message}{PLURAL_SEPARATOR}{message}"


def is_plural(key: str) -> bool:
    return PLURAL_SEPARATOR in key


def unreadable_context_calls() -> list[str]:
    """Places outside i18n/ that call pgettext, NC_ or ngettext with other than literals (the check cannot see them)."""
    found = []
    for path in sorted((ROOT / "lecturer_app").rglob("*.py")):
        if path.parent.name == "i18n":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in IN_CONTEXT + WITH_COUNT + MARKED_WITH_COUNT and message_key(node) is None):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def source_messages(prefix: str = "") -> dict[str, str]:
    """message key → first place it is used, for every literal message marked in lecturer_app/."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "lecturer_app").rglob("*.py")):
        rel = str(path.relative_to(ROOT))
        if not rel.startswith(prefix):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            key = message_key(node) if isinstance(node, ast.Call) else None
            if key is not None:
                found.setdefault(key, f"{rel}:{node.lineno}")
    return found


def split_key(key: str) -> tuple[str | None, str]:
    """(context or None, message) of a catalogue key (of a plural key, the msgid)."""
    context, separator, message = key.partition(CONTEXT_SEPARATOR)
    context_and_message = (context, message) if separator else (None, key)
    return context_and_message[0], context_and_message[1].partition(PLURAL_SEPARATOR)[0]


def english_catalog() -> dict[str, str]:
    table: dict[str, str] = {}
    for po in sorted((ROOT / "resources" / "translations" / "en").glob("*.po")):
        table.update(read_po(po))
    return table


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def po_entry(key: str, where: str) -> str:
    """An untranslated .po entry for *key*, used first at *where*."""
    context, message = split_key(key)
    context_line = f"msgctxt {_quote(context)}\n" if context is not None else ""
    if is_plural(key):
        texts = f"msgid {_quote(message)}\nmsgid_plural {_quote(message)}\nmsgstr[0] \"\"\nmsgstr[1] \"\"\n"
    else:
        texts = f"msgid {_quote(message)}\nmsgstr \"\"\n"
    return f"#: {where}\n{context_line}{texts}"


if __name__ == "__main__":
    catalog = english_catalog()
    for key, where in source_messages(sys.argv[1] if len(sys.argv) > 1 else "").items():
        if key not in catalog:
            print(po_entry(key, where))
