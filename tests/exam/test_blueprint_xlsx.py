"""Blueprint XLSX: export, import back, the bản đặc tả, and clear errors for broken files."""

from __future__ import annotations

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import Blueprint, BlueprintCell
from lecturer_app.exam.pool import load_pool
from lecturer_app.exporters.exam.blueprint_xlsx import (
    read_blueprint_xlsx,
    write_blueprint_xlsx,
)


def _blueprint() -> Blueprint:
    return Blueprint(name="Cuối khóa", title="ĐỀ THI HẾT HỌC PHẦN", class_line="Lớp A", duration_minutes=60,
                     cells=[BlueprintCell("LS-01", "Nhận biết", "single_choice", 4, 2.0, "Nêu được mốc 1930"),
                            BlueprintCell("LS-02", "Thông hiểu", "single_choice", 4, 2.0),
                            BlueprintCell("LS-03", "Vận dụng", "essay", 2, 6.0)])


def test_a_blueprint_survives_export_and_import(exam_bank, tmp_path):
    path = write_blueprint_xlsx(_blueprint(), load_pool(exam_bank), tmp_path / "ma_tran.xlsx")
    back = read_blueprint_xlsx(path)
    original = _blueprint()
    assert back.cells == original.cells
    assert (back.title, back.class_line, back.duration_minutes, back.total_points) == (
        original.title, original.class_line, 60, 10.0)


def test_the_export_has_the_grid_and_the_specification(exam_bank, tmp_path):
    from openpyxl import load_workbook

    path = write_blueprint_xlsx(_blueprint(), load_pool(exam_bank), tmp_path / "ma_tran.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["Thông tin", "Ma trận", "Ma trận (bảng)", "Bản đặc tả"]
    spec = list(workbook["Bản đặc tả"].iter_rows(values_only=True))
    assert spec[1][4] == "Nêu được mốc 1930"
    assert spec[2][1] == "Chuyên đề lịch sử số 2"
    grid = list(workbook["Ma trận (bảng)"].iter_rows(values_only=True))
    assert grid[-1][0] == "Tổng" and grid[-1][-2] == pytest.approx(10.0)


def test_a_typed_blueprint_with_decimal_commas_is_read(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ma trận"
    sheet.append(["Mã chuyên đề", "Mức độ", "Dạng câu hỏi", "Số câu", "Điểm"])
    sheet.append(["LS-01", "Nhận biết", "nhiều lựa chọn", 8, "2,5"])
    sheet.append(["LS-01", "Vận dụng", "Tự luận", 1, "7,5"])
    workbook.save(tmp_path / "bp.xlsx")
    blueprint = read_blueprint_xlsx(tmp_path / "bp.xlsx")
    assert [(c.type, c.count, c.points) for c in blueprint.cells] == [("single_choice", 8, 2.5), ("essay", 1, 7.5)]


def test_bad_blueprint_files_name_the_file_and_place(tmp_path):
    from openpyxl import Workbook

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputFileError, match="hong.xlsx"):
        read_blueprint_xlsx(broken)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Ma trận"
    sheet.append(["Mã chuyên đề", "Dạng câu hỏi", "Số câu", "Điểm"])
    sheet.append(["LS-01", "Câu đố", 1, 1])
    workbook.save(tmp_path / "sai.xlsx")
    with pytest.raises(InputFileError, match="dòng 2"):
        read_blueprint_xlsx(tmp_path / "sai.xlsx")
