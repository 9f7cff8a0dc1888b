"""The first pipe table of a Markdown text, as rows of cells, and back.

The "Tiến trình lên lớp" section keeps its step table as a GitHub-style pipe
table; the GUI edits it as a grid.  Text before and after the table is kept
verbatim, so editing the grid never loses a word around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")


@dataclass
class MarkdownTable:
    """A table and the text around it.

    Attributes:
        header: the column titles.
        rows: the body rows, each as long as ``header``.
        before: the text before the table (verbatim).
        after: the text after the table (verbatim).
    """

    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    before: str = ""
    after: str = ""


def split_cells(line: str) -> list[str]:
    """The cells of one table row ("| a | b |", outer pipes optional), stripped.

    The one splitter of the project: the plan editor's step table and the
    document writers read rows with it.  A backslash-escaped pipe belongs to
    the cell text.
    """
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [part.strip().replace("\\|", "|") for part in re.split(r"(?<!\\)\|", text)]


def find_table(text: str) -> MarkdownTable | None:
    """The first table of *text* (a header row, a rule row, body rows), or None."""
    lines = text.splitlines(keepends=True)
    for start in range(len(lines) - 1):
        if not (_ROW.match(lines[start]) and _ROW.match(lines[start + 1])):
            continue
        rule = split_cells(lines[start + 1])
        if not all(_RULE_CELL.match(c) for c in rule):
            continue
        header = split_cells(lines[start])
        end = start + 2
        rows = []
        while end < len(lines) and _ROW.match(lines[end]):
            cells = split_cells(lines[end])
            rows.append((cells + [""] * len(header))[: len(header)])
            end += 1
        return MarkdownTable(header, rows, "".join(lines[:start]), "".join(lines[end:]))
    return None


def _escape(cell: str) -> str:
    return " ".join(cell.replace("|", "\\|").split())


def format_table(table: MarkdownTable) -> str:
    """The Markdown text: before, the table, after."""
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(_escape(c) for c in cells) + " |\n"

    body = row(table.header) + "|" + "---|" * len(table.header) + "\n"
    body += "".join(row((r + [""] * len(table.header))[: len(table.header)]) for r in table.rows)
    before = table.before
    if before and not before.endswith("\n"):
        before += "\n"
    return before + body + table.after
