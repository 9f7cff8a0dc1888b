"""Spreadsheet rows as a user sees them: Excel's row numbers and columns, text cells, clear errors."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.formats.memory_budget import MEMORY_BUDGET
from lecturer_app.formats.tabular import read_table


def _book(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Danh mục"
    sheet["C3"], sheet["D3"] = "Mã", "Tên chuyên đề"
    sheet["C4"], sheet["D4"], sheet["E4"] = "NQ-01", 5, datetime.date(2025, 3, 5)
    book.create_sheet("Trống")
    book.save(path)
    return path


def test_rows_keep_excel_row_numbers_and_column_positions(tmp_path):
    rows = list(read_table(_book(tmp_path / "dm.xlsx")))
    header = next(r for r in rows if "Mã" in r.cells)
    assert header.sheet == "Danh mục" and header.number == 3 and header.cells[2:4] == ("Mã", "Tên chuyên đề")
    data = next(r for r in rows if "NQ-01" in r.cells)
    assert data.number == 4 and data.cells[2:5] == ("NQ-01", "5", "2025-03-05")
    assert data.where() == "trang tính 'Danh mục', dòng 4"


def test_number_cells_read_as_excel_shows_them_whole_numbers_without_a_decimal_point(tmp_path):
    from openpyxl import Workbook

    from lecturer_app.formats.tabular import cell_text

    numbers = [1, 0.25, 2.5, -0.0, 1e20, 2.5e-07, 4.0, -3]
    book = Workbook()
    book.active.append(["số", *numbers])
    book.save(tmp_path / "so.xlsx")
    row = next(read_table(tmp_path / "so.xlsx"))
    assert row.cells == ("số", "1", "0.25", "2.5", "0", "100000000000000000000", "2.5e-07", "4", "-3")
    assert row.cells[1:] == tuple(cell_text(float(n)) for n in numbers)


def test_a_zip_that_is_not_a_workbook_names_the_file(tmp_path):
    path = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<khong-phai-xml")
    with pytest.raises(InputFileError) as info:
        list(read_table(path))
    assert "hong.xlsx" in str(info.value)


def test_a_zip_bomb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (MEMORY_BUDGET + 1))
    with pytest.raises(InputFileError) as info:
        list(read_table(path))
    assert "bom.xlsx" in str(info.value) and "MB" in str(info.value)
