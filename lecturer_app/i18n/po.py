"""A small reader for gettext .po catalogues (msgid/msgstr, msgctxt, plurals, continuations).

The app's source strings are Vietnamese (the default UI language); catalogues
translate them.  Reading .po directly avoids a compile step and binary .mo
files in the repository.

A plural entry (``msgid_plural``, ``msgstr[0]``, ``msgstr[1]`` …) is stored as
gettext's .mo files store it: the key is msgid, NUL, msgid_plural and the
value the forms in order, NUL between them.  NUL appears in no message, so
plural and plain entries of the same msgid never collide.
"""

from __future__ import annotations

from pathlib import Path

PLURAL_SEPARATOR = "\x00"


def _unquote(fragment: str) -> str:
    import ast  # here: a Vietnamese session reads no catalogue and need not load the parser

    return ast.literal_eval(fragment)


def _plural_forms(entry: dict[str, str]) -> list[str]:
    """``msgstr[0]``, ``msgstr[1]`` … of *entry* in order (stops at the first index missing)."""
    forms: list[str] = []
    while f"msgstr[{len(forms)}]" in entry:
        forms.append(entry[f"msgstr[{len(forms)}]"])
    return forms


def _entry_key_and_text(entry: dict[str, str]) -> tuple[str, str] | None:
    """The catalogue key and translation of *entry*, or None when it is untranslated."""
    msgid = entry.get("msgid", "")
    if "msgid_plural" in entry:
        forms = _plural_forms(entry)
        if not forms or not all(forms):
            return None
        msgid = f"{msgid}{PLURAL_SEPARATOR}{entry['msgid_plural']}"
        msgstr = PLURAL_SEPARATOR.join(forms)
    else:
        msgstr = entry.get("msgstr", "")
    if not msgid or not msgstr:
        return None
    return (f"{entry['msgctxt']}\x04{msgid}" if "msgctxt" in entry else msgid), msgstr


def read_po(path: Path) -> dict[str, str]:
    """Key → translation for every translated, non-fuzzy entry of *path* (plurals as the module says)."""
    catalog: dict[str, str] = {}
    entry: dict[str, str] = {}
    field = ""
    fuzzy = False

    def flush() -> None:
        nonlocal entry, fuzzy, field
        found = None if fuzzy else _entry_key_and_text(entry)
        if found is not None:
            catalog[found[0]] = found[1]
        entry, fuzzy, field = {}, False, ""

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
            # A msgctxt or msgid after a msgstr (or msgstr[n]) starts the next entry.
            if keyword in ("msgctxt", "msgid") and field.startswith("msgstr"):
                flush()
            field = keyword
            entry[field] = _unquote(rest)
    flush()
    return catalog
