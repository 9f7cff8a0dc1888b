"""Translation: ``_`` for strings shown to users, ``N_`` to mark constants.

Source strings are written in Vietnamese, the default UI language.  The entry
point calls :func:`setup` with the language and the catalogue folder that
``core.resources`` finds; nothing here looks for files by itself (R11).
"""

from __future__ import annotations

from pathlib import Path

from lecturer_app.i18n.po import read_po

SOURCE_LANGUAGE = "vi"


class _Catalog:
    """The active translation table (empty = Vietnamese source strings)."""

    def __init__(self) -> None:
        self.language = SOURCE_LANGUAGE
        self.table: dict[str, str] = {}


_active = _Catalog()


def setup(language: str, catalog_dir: Path | None) -> None:
    """Activate *language*, reading every ``<catalog_dir>/<language>/*.po``."""
    table: dict[str, str] = {}
    if language != SOURCE_LANGUAGE and catalog_dir is not None:
        for po in sorted((catalog_dir / language).glob("*.po")):
            table.update(read_po(po))
    _active.language = language
    _active.table = table


def current_language() -> str:
    return _active.language


def _(message: str) -> str:
    """Translate *message* into the active language."""
    return _active.table.get(message, message)


def N_(message: str) -> str:
    """Mark *message* for translation where it is used, not where it is defined."""
    return message
