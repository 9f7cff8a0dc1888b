"""The build's small workbooks, written without openpyxl, read back in openpyxl and calamine as written."""

from __future__ import annotations

from datetime import UTC, datetime

from lecturer_app.exporters.plain_xlsx import Sheet, column_letter, write_xlsx


def _written(tmp_path):
    rows = [["Mã đề", *range(1, 31)], ["101", *"ABCD" * 7, "A", "B"],
            ["=1+1", "@SUM(A1)", "-2+3", "chữ\x0bthường", 0.25, None, "  khoảng trắng  "]]
    sheets = [Sheet("Đáp án", rows, widths={"A": 28, "AB": 12}, freeze="B2"), Sheet("Trang 2 & <3>", [["x"], [1]])]
    return write_xlsx(sheets, tmp_path / "so.xlsx", title="Đáp án <thử>", author="Nguyễn Văn A",
                      when=datetime(2000, 1, 1, tzinfo=UTC))


def test_openpyxl_reads_the_values_styles_panes_and_widths(tmp_path):
    from openpyxl import load_workbook

    workbook = load_workbook(_written(tmp_path))
    sheet = workbook.active
    assert workbook.sheetnames == ["Đáp án", "Trang 2 & <3>"] and sheet.title == "Đáp án"
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Mã đề", *range(1, 31)]
    assert values[1][:5] == ["101", "A", "B", "C", "D"] and values[1][29:] == ["A", "B"]
    assert values[2][:7] == ["=1+1", "@SUM(A1)", "-2+3", "chữ\nthường", 0.25, None, "  khoảng trắng  "]
    assert all(cell.font.b for cell in sheet[1]) and not sheet["A2"].font.b
    assert [sheet.cell(3, n).quotePrefix for n in (1, 2, 3, 4)] == [True, True, True, False]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert sheet.freeze_panes == "B2"
    assert sheet.column_dimensions["A"].width == 28 and sheet.column_dimensions["AB"].width == 12
    props = workbook.properties
    assert (props.title, props.creator, props.language) == ("Đáp án <thử>", "Nguyễn Văn A", "vi-VN")
    assert props.created == datetime(2000, 1, 1)


def test_calamine_reads_every_sheet(tmp_path):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(_written(tmp_path)))
    rows = workbook.get_sheet_by_name("Đáp án").to_python()
    assert rows[0][:3] == ["Mã đề", 1.0, 2.0] and rows[1][0] == "101"
    assert workbook.get_sheet_by_name("Trang 2 & <3>").to_python() == [["x"], [1.0]]


def test_column_letters_go_past_z():
    assert [column_letter(n) for n in (1, 26, 27, 41, 702, 703)] == ["A", "Z", "AA", "AO", "ZZ", "AAA"]
