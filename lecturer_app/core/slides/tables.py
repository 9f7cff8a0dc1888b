"""A slide table written as text for the editor: one row per line, cells separated by "|"."""

from __future__ import annotations

from lecturer_app.core.model import SlideTable
from lecturer_app.core.text.normalize import nfc

SEPARATOR = " | "


def format_table(table: SlideTable | None) -> str:
    """The editor's text of *table* ("" for none); a "|" inside a cell is written "\\|"."""
    if table is None:
        return ""
    return "".join(SEPARATOR.join(cell.replace("|", "\\|") for cell in row) + "\n" for row in table.rows)


def parse_table(text: str, previous: SlideTable | None = None) -> SlideTable | None:
    """The inverse of :func:`format_table`; None when *text* holds no row.

    The header flag comes from *previous*; its merged areas are kept while the
    grid keeps its shape (a row or column added or removed clears them).
    """
    rows = [_cells(line) for line in nfc(text).splitlines() if line.strip()]
    if not rows:
        return None
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    if previous is None:
        return SlideTable(rows)
    same_shape = len(previous.rows) == len(rows) and previous.columns == width
    return SlideTable(rows, previous.header, [list(m) for m in previous.merges] if same_shape else [])


def _cells(line: str) -> list[str]:
    placeholder = "\x00"
    parts = line.replace("\\|", placeholder).split("|")
    return [part.strip().replace(placeholder, "|") for part in parts]
