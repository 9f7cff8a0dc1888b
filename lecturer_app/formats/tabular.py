"""Reading rows from XLSX and CSV files safely, with headers found by meaning.

Shared by every importer that takes a spreadsheet (catalogue, questions,
grades).  A workbook is checked before it is opened (``formats.memory_budget``):
it must be a real zip whose members, actually inflated, fit the memory
budget, so a zip bomb is refused with a message instead of filling memory.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.text.normalize import fold, nfc, xml_illegal_count
from lecturer_app.formats.memory_budget import (
    CELL_BYTES,
    SHEET_TAG_BYTES,
    check_estimate,
    check_zip,
)
from lecturer_app.i18n import N_, SCREEN, Message, _

MAX_ROWS = 200_000
HEADER_SEARCH_ROWS = 15


@dataclass(frozen=True)
class Row:
    """One data row: its sheet, 1-based row number and cell texts (NFC, stripped).

    *cleaned* counts the control characters XML cannot hold (Excel's
    ``_x000B_``, a NUL) removed from the cells, for the importer's report.
    """

    sheet: str
    number: int
    cells: tuple[str, ...]
    cleaned: int = 0

    def where(self) -> str:
        """The row named in the UI language ("trang tính 'Bài làm', dòng 5")."""
        return self.place()(SCREEN)

    def place(self) -> Message:
        """The row named for a reader not yet known: a screen, or a file written from this one."""
        if not self.sheet:
            return Message.of(N_("dòng {n}"), n=self.number)
        return Message.of(N_("trang tính '{sheet}', dòng {n}"), sheet=self.sheet, n=self.number)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def _row(sheet: str, number: int, values: list | tuple) -> Row:
    raw = [v for v in values if isinstance(v, str)]
    joined = "".join(raw)
    if (joined.isprintable() or not xml_illegal_count(joined)) and unicodedata.is_normalized("NFC", joined):
        # The usual row, tested once in C (issue #16): no character XML cannot hold and already NFC, so each
        # cell's text is itself stripped.  A string is NFC when it joins NFC texts only:
        # a text that is not keeps its unnormalised part, whatever comes before or after it.
        # A number (calamine's float, the usual non-text cell) written as cell_text writes it, without the call.
        return Row(sheet, number, tuple([v.strip() if isinstance(v, str) else
                                         (str(int(v)) if v.is_integer() else str(v)) if type(v) is float else
                                         cell_text(v) for v in values]))
    return Row(sheet, number, tuple(cell_text(v) for v in values), sum(xml_illegal_count(v) for v in raw))


def read_xlsx(path: Path) -> Iterator[Row]:
    """Rows of every sheet of a workbook (cached values, not formulas), numbered as Excel shows them.

    Read with calamine (Rust), about 8× faster than openpyxl on a
    10,000-question workbook (docs/dependencies.md).
    """
    check_zip(path, SHEET_TAG_BYTES, sheet_grids=True)
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = [(name, workbook.get_sheet_by_name(name)) for name in workbook.sheet_names]
    except Exception as exc:  # calamine raises its own error types for broken parts
        raise InputFileError(path, "", _("không đọc được bảng tính: {e}").format(e=exc)) from exc
    for name, sheet in sheets:
        if sheet.total_height > MAX_ROWS:
            raise InputFileError(path, name, _("quá nhiều dòng (tối đa {n})").format(n=MAX_ROWS))
        try:
            # skip_empty_area=False keeps row 1 as row 1 and column A as column A.
            values = sheet.to_python(skip_empty_area=False)
        except Exception as exc:
            raise InputFileError(path, name, _("không đọc được bảng tính: {e}").format(e=exc)) from exc
        title = nfc(name)
        for number, row in enumerate(values, start=1):
            yield _row(title, number, row)


def read_csv(path: Path) -> Iterator[Row]:
    """Rows of a UTF-8 CSV file; the delimiter (, ; or tab) is detected."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(path, _("byte {n}").format(n=exc.start),
                             _("tệp không phải UTF-8; hãy lưu lại dưới dạng 'CSV UTF-8'")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    # Each cell becomes a str in a tuple; the text itself is held twice (str and reader).
    check_estimate(path, 2 * len(text) + (text.count(dialect.delimiter) + text.count("\n")) * CELL_BYTES)
    for number, values in enumerate(_csv_rows(path, csv.reader(io.StringIO(text), dialect)), start=1):
        if number > MAX_ROWS:
            raise InputFileError(path, "", _("quá nhiều dòng (tối đa {n})").format(n=MAX_ROWS))
        yield _row("", number, values)


def _csv_rows(path: Path, reader: Any) -> Iterator[list[str]]:  # csv's reader type is private (_csv)
    """*reader*'s rows; a line it cannot split (a cell over its 128 KiB limit) refuses the file, naming the line."""
    try:
        yield from reader
    except csv.Error as exc:
        raise InputFileError(path, _("dòng {n}").format(n=reader.line_num),
                             _("không đọc được tệp CSV: {e}").format(e=_csv_reason(exc))) from exc


def _csv_reason(exc: csv.Error) -> str:
    """The csv module's reason in words a lecturer reads (its own are English); an unforeseen one as it is."""
    if str(exc).startswith("field larger than field limit"):
        return _("có ô dài quá {n} ký tự").format(n=csv.field_size_limit())
    return str(exc)


def read_table(path: Path) -> Iterator[Row]:
    """Rows of an .xlsx or .csv file, chosen by extension."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputFileError(path, "", _("không tìm thấy tệp"))
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return read_csv(path)
    raise InputFileError(path, "", _("định dạng '{ext}' không được hỗ trợ (cần .xlsx hoặc .csv)").format(ext=suffix))


def match_header(cells: tuple[str, ...], aliases: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Map field names to column indexes by folded header text.

    *aliases* lists, per field, folded header spellings; the first column
    whose folded text equals one of them wins.
    """
    columns: dict[str, int] = {}
    folded = [" ".join(fold(c).replace("_", " ").split()) for c in cells]
    for name, spellings in aliases.items():
        for index, text in enumerate(folded):
            if text in spellings and index not in columns.values():
                columns[name] = index
                break
    return columns
