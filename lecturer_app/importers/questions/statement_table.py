"""Đúng/Sai statements a)–d) laid out in a Word table, with or without their key.

Real banks set the statements of a Đúng/Sai 4 ý question in a table in a
few ways; each is read, and the key taken from the table when it has one:

* ``Ý | Nội dung | Đúng | Sai`` with an ``X`` (``x``, ``✓``, any mark) in
  one of the two columns of each statement;
* ``Nhận định | Đáp án`` with ``Đúng``/``Sai`` (``Đ``/``S``) in the column;
* no header: ``a) … | Đ`` rows, or ``a) …`` / ``a | …`` rows without a key
  (then the answer line under the question gives it: rows carry no formatting to mark it).

A table whose rows are the statements a), b)… but whose marks say nothing
clear (a statement marked right and wrong, or neither, a word that is not
Đúng/Sai, letters out of order, columns that are neither text nor a key)
is reported: the app never guesses a key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lecturer_app.core.text.normalize import fold
from lecturer_app.formats.question_template import parse_truth
from lecturer_app.i18n import _

# "a)", "a.", "(a)", "a/", "a:" or a lone "a", then the statement (or nothing: the text is in the next cell).
_LABEL = re.compile(r"^\(?([a-d])(?:\s*[.):/]\s*|\s*$)", re.S)
_RIGHT = {"dung", "d", "true", "t"}
_WRONG = {"sai", "s", "false", "f"}
_KEY_HEADERS = {"dap an", "d/s", "dung/sai", "dung sai", "dung - sai", "ket qua", "tra loi", "dap an dung/sai"}
_EMPTY_MARK = "-–—_. "


@dataclass
class StatementTable:
    """The statements of a table (letter, text), their truth when the table gives it, or what is unclear."""

    statements: list[tuple[str, str]] = field(default_factory=list)
    truth: list[bool] | None = None
    problem: str = ""


def read_statement_table(rows: list[list[str]]) -> StatementTable | None:
    """The statements of *rows*, or None when the table is not a table of statements a), b)…."""
    rows = [[cell.strip() for cell in row] for row in rows if any(cell.strip() for cell in row)]
    header = _header(rows[0]) if rows else None
    body = rows[1:] if header else rows
    labels = [_LABEL.match(next(c for c in row if c)) for row in body]
    if len(body) < 2 or not all(labels):
        return None
    letters = [m.group(1) for m in labels if m]
    if letters != list("abcd"[:len(letters)]):
        return StatementTable(problem=_("bảng các ý {letters}: các ý không theo thứ tự a), b), c), d)").format(
            letters=", ".join(f"{letter})" for letter in letters)))
    if header and len(header) == 2:
        return _two_columns(body, letters, header)
    return _one_column(body, letters, header)


def _header(row: list[str]) -> tuple[int, ...] | None:
    """The key column(s) a header row names: (right, wrong) columns, or (key column,)."""
    folded = [" ".join(fold(cell).split()) for cell in row]
    right = [i for i, cell in enumerate(folded) if cell in _RIGHT]
    wrong = [i for i, cell in enumerate(folded) if cell in _WRONG]
    if len(right) == 1 and len(wrong) == 1:
        return right[0], wrong[0]
    keys = [i for i, cell in enumerate(folded) if cell in _KEY_HEADERS]
    return (keys[0],) if len(keys) == 1 else None


def _text(row: list[str], skip: tuple[int, ...]) -> str:
    """The statement: the cells that are not key columns, without the label."""
    cells = [cell for i, cell in enumerate(row) if i not in skip and cell]
    if not cells:
        return ""
    label = _LABEL.match(cells[0])
    cells[0] = cells[0][label.end():] if label else cells[0]
    return " ".join(cell for cell in cells if cell).strip()


def _two_columns(body: list[list[str]], letters: list[str], header: tuple[int, ...]) -> StatementTable:
    right_column, wrong_column = header
    table = StatementTable([(letter, _text(row, (right_column, wrong_column))) for letter, row in zip(letters, body)])
    marks = [(_marked(row, right_column), _marked(row, wrong_column)) for row in body]
    if not any(right or wrong for right, wrong in marks):
        return table  # an empty key grid: the key comes from the answer line under the question
    for letter, (right, wrong) in zip(letters, marks):
        if right == wrong:
            table.problem = (_("bảng Đúng/Sai: ý {letter}) được đánh dấu ở cả cột Đúng và cột Sai") if right else
                             _("bảng Đúng/Sai: ý {letter}) không được đánh dấu Đúng hay Sai")).format(letter=letter)
            return table
    table.truth = [right for right, _wrong in marks]
    return table


def _marked(row: list[str], column: int) -> bool:
    return column < len(row) and bool(row[column].strip(_EMPTY_MARK))


def _one_column(body: list[list[str]], letters: list[str], header: tuple[int, ...] | None) -> StatementTable:
    """A key column named by the header, or (no header) a last cell Đ/S on every row, or no key."""
    if header is None:
        filled = [[cell for cell in row if cell] for row in body]
        if all(len(cells) == 1 or (len(cells) == 2 and _label_only(cells[0])) for cells in filled):
            return StatementTable([(letter, _text(row, ())) for letter, row in zip(letters, body)])
        if not all(len(cells) >= 2 and _truth_word(cells[-1]) is not None for cells in filled):
            return StatementTable(problem=_("bảng các ý a), b)…: không rõ cột nào ghi Đúng/Sai"))
        header = (max(max(i for i, cell in enumerate(row) if cell) for row in body),)
    column = header[0]
    table = StatementTable([(letter, _text(row, (column,))) for letter, row in zip(letters, body)])
    written = [row[column] if column < len(row) else "" for row in body]
    if not any(written):
        return table  # an empty key column: the key comes from the answer line under the question
    truth = [_truth_word(cell) for cell in written]
    for letter, value, cell in zip(letters, truth, written):
        if value is None:
            table.problem = _("bảng Đúng/Sai: ý {letter}) ghi \"{written}\", không phải Đúng hay Sai").format(
                letter=letter, written=cell)
            return table
    table.truth = [bool(value) for value in truth]
    return table


def _label_only(cell: str) -> bool:
    label = _LABEL.match(cell)
    return label is not None and label.end() == len(cell)


def _truth_word(cell: str) -> bool | None:
    truth = parse_truth(cell)  # None for a blank cell too
    return truth[0] if truth is not None and len(truth) == 1 else None
