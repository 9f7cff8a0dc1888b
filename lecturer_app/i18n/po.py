"""A small reader for gettext .po catalogues (msgid/msgstr, msgctxt, continuations).

The app's source strings are Vietnamese (the default UI language); catalogues
translate them.  Reading .po directly avoids a compile step and binary .mo
files in the repository.
"""

from __future__ import annotations

from pathlib import Path


def _unquote(fragment: str) -> str:
    import ast  # here: a Vietnamese session reads no catalogue and need not load the parser

    return ast.literal_eval(fragment)


def read_po(path: Path) -> dict[str, str]:
    """msgid → msgstr for every translated, non-fuzzy entry of *path*."""
    catalog: dict[str, str] = {}
    entry: dict[str, str] = {}
    field = ""
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy
        msgid = entry.get("msgid", "")
        msgstr = entry.get("msgstr", "")
        if msgid and msgstr and not fuzzy:
            key = f"{entry['msgctxt']}\x04{msgid}" if "msgctxt" in entry else msgid
            catalog[key] = msgstr
        entry, fuzzy = {}, False

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] = entry.get(field, "") + _unquote(line)
        else:
            keyword, _, rest = line.partition(" ")
            if keyword in ("msgctxt", "msgid") and "msgid" in entry and "msgstr" in entry:
                flush()
            field = keyword
            entry[field] = _unquote(rest)
    flush()
    return catalog
