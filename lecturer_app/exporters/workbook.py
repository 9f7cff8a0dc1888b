"""Saving an XLSX the app writes: user text stays text, and the file appears whole or not at all.

openpyxl makes any string that starts with ``=`` a formula, so a stem such as
``=HYPERLINK(…)`` or a learner's name ``=cmd|' /C calc'!A0`` (from a question
file or a Google Forms CSV) would become a live formula in the lecturer's
workbook.  No writer of this app means a formula, so before saving every
text cell is made a text cell again, and text that Excel would read as a
formula once edited (``=``, ``+``, ``-``, ``@``) gets the quote prefix
(Excel's leading ``'``), which shows the text as it is.  Numbers stay numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lecturer_app.core.safe_write import write_rendered
from lecturer_app.core.text.normalize import xml_safe

# What spreadsheet programs read as the start of a formula (OWASP's list; tab and CR included).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def save_workbook(workbook: Any, path: Path) -> Path:
    """Make every text cell plain text, then save *workbook* to *path* through a temporary name."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    as_text(cell)
    return write_rendered(path, workbook.save)


def as_text(cell: Any) -> None:
    """*cell* (holding a string) shown as that text, never evaluated."""
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def text_row(values: list[Any]) -> list[Any]:
    """*values* with the characters XML cannot hold removed from strings (openpyxl refuses them)."""
    return [xml_safe(v) if isinstance(v, str) else v for v in values]

