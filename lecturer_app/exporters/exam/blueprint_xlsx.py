"""Blueprints as XLSX: import, export, and the bản đặc tả.

Layout (documented in docs/exam-guide.md):

* sheet "Thông tin": two columns, label | value — Tên ma trận, Tiêu đề,
  Lớp, Thời gian (phút), Tổng điểm, Mức độ (levels separated by ";").
* sheet "Ma trận": one row per cell with the header
  Mã chuyên đề | Tên chuyên đề | Mức độ | Dạng câu hỏi | Số câu | Điểm | Yêu cầu cần đạt.
  This is the sheet that is read back.
* sheet "Ma trận (bảng)": the classic grid for reading — topics × levels,
  số câu and điểm per level, totals and percentages (written, never read).
* sheet "Bản đặc tả": per cell, the yêu cầu cần đạt and the question count.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.labels import QUESTION_TYPE_LABELS
from lecturer_app.core.model import Blueprint, BlueprintCell
from lecturer_app.core.text.normalize import fold
from lecturer_app.exam.pool import QuestionPool
from lecturer_app.exam.vn_numbers import decimal_comma, parse_decimal
from lecturer_app.i18n import _

if TYPE_CHECKING:  # the reader is loaded when a blueprint is read: an exam build only writes one
    from lecturer_app.formats.tabular import Row

CELL_HEADER = ("Mã chuyên đề", "Tên chuyên đề", "Mức độ", "Dạng câu hỏi", "Số câu", "Điểm", "Yêu cầu cần đạt")
_CELL_ALIASES = {
    "topic_code": ("ma chuyen de", "ma chu de", "chuyen de", "chu de", "topic"),
    "level": ("muc do", "level"),
    "type": ("dang cau hoi", "dang", "loai cau hoi", "type"),
    "count": ("so cau", "count"),
    "points": ("diem", "so diem", "points"),
    "requirement": ("yeu cau can dat", "requirement"),
}
_INFO_LABELS = {"ten ma tran": "name", "tieu de": "title", "lop": "class_line", "thoi gian (phut)": "duration",
                "tong diem": "total", "muc do": "levels"}
# The words a blueprint workbook writes in its type column (kept as files in the field have them).
TYPE_CELLS = {
    "single_choice": "Nhiều lựa chọn", "multiple_choice": "Nhiều đáp án", "true_false_4": "Đúng/Sai",
    "short_answer": "Trả lời ngắn", "essay": "Tự luận", "oral": "Vấn đáp",
}
# Read back: the workbook's words and the screens' names, in any case and with or without accents.
_TYPE_BY_LABEL = {fold(name): qtype for table in (QUESTION_TYPE_LABELS, TYPE_CELLS) for qtype, name in table.items()}


def write_blueprint_xlsx(blueprint: Blueprint, pool: QuestionPool | None, path: Path) -> Path:
    """Write the blueprint, its grid view and the bản đặc tả."""
    from lecturer_app.exporters.plain_xlsx import Sheet, write_xlsx

    info = [[label, value] for label, value in (
        ("Tên ma trận", blueprint.name), ("Tiêu đề", blueprint.title), ("Lớp", blueprint.class_line),
        ("Thời gian (phút)", blueprint.duration_minutes), ("Tổng điểm", blueprint.total_points),
        ("Mức độ", "; ".join(blueprint.levels)))]
    titles = pool.topic_titles if pool else {}
    cells: list[list] = [list(CELL_HEADER)]
    for cell in blueprint.cells:
        cells.append([cell.topic_code, titles.get(cell.topic_code, ""), cell.level,
                      TYPE_CELLS.get(cell.type, cell.type), cell.count, cell.points, cell.requirement])
    widths = {"A": 18.0, "B": 40.0}
    sheets = [Sheet(name, rows, widths=widths) for name, rows in (
        ("Thông tin", info), ("Ma trận", cells), ("Ma trận (bảng)", _grid_rows(blueprint, titles)),
        ("Bản đặc tả", _specification_rows(blueprint, titles)))]
    return write_xlsx(sheets, path, title=blueprint.title or blueprint.name)


def _levels(blueprint: Blueprint) -> list[str]:
    used = [c.level for c in blueprint.cells]
    return list(dict.fromkeys([*blueprint.levels, *used]))


def _grid_rows(blueprint: Blueprint, titles: dict[str, str]) -> list[list]:
    levels = _levels(blueprint)
    rows: list[list] = []
    rows.append(["Chuyên đề", "Tên chuyên đề", *[f"{lv or 'Mọi mức độ'} – số câu / điểm" for lv in levels],
                  "Tổng số câu", "Tổng điểm", "Tỉ lệ (%)"])
    total = blueprint.total_points or 1.0
    for code in dict.fromkeys(c.topic_code for c in blueprint.cells):
        mine = [c for c in blueprint.cells if c.topic_code == code]
        per_level = []
        for level in levels:
            here = [c for c in mine if c.level == level]
            count, points = sum(c.count for c in here), sum(c.points for c in here)
            per_level.append(f"{count} / {decimal_comma(points)}" if count else "")
        points = sum(c.points for c in mine)
        rows.append([code, titles.get(code, ""), *per_level, sum(c.count for c in mine), points,
                     round(100 * points / total, 1)])
    rows.append(["Tổng", "", *["" for _ in levels], sum(c.count for c in blueprint.cells),
                 sum(c.points for c in blueprint.cells), 100.0])
    return rows


def _specification_rows(blueprint: Blueprint, titles: dict[str, str]) -> list[list]:
    rows: list[list] = [["Chuyên đề", "Tên chuyên đề", "Mức độ", "Dạng câu hỏi", "Yêu cầu cần đạt", "Số câu",
                         "Điểm"]]
    for cell in blueprint.cells:
        requirement = cell.requirement or _default_requirement(cell)
        rows.append([cell.topic_code, titles.get(cell.topic_code, ""), cell.level,
                     TYPE_CELLS.get(cell.type, cell.type), requirement, cell.count, cell.points])
    return rows


def _default_requirement(cell: BlueprintCell) -> str:
    verbs = {"nhan biet": "Nêu, nhận ra được", "thong hieu": "Giải thích, hiểu được",
             "van dung": "Vận dụng được", "van dung cao": "Vận dụng sáng tạo, liên hệ thực tiễn"}
    return f"{verbs.get(fold(cell.level), 'Đạt được')} nội dung của chuyên đề {cell.topic_code}"


def read_blueprint_xlsx(path: Path) -> Blueprint:
    """Read a blueprint from the "Thông tin" and "Ma trận" sheets; errors name sheet and row."""
    from lecturer_app.formats.tabular import match_header, read_xlsx  # with csv and memory_budget: 2.5 ms

    rows = list(read_xlsx(path))
    blueprint = Blueprint(name=path.stem)
    _read_info([r for r in rows if fold(r.sheet) == "thong tin"], blueprint, path)
    cell_rows = [r for r in rows if fold(r.sheet) == "ma tran"]
    if not cell_rows:
        raise InputFileError(path, "", _("không có trang tính 'Ma trận'"))
    header_index = next((i for i, r in enumerate(cell_rows[:15])
                         if {"topic_code", "count", "points"} <= set(match_header(r.cells, _CELL_ALIASES))), None)
    if header_index is None:
        raise InputFileError(path, "Ma trận", _("không tìm thấy dòng tiêu đề (Mã chuyên đề, Số câu, Điểm…)"))
    columns = match_header(cell_rows[header_index].cells, _CELL_ALIASES)
    for row in cell_rows[header_index + 1:]:
        if any(row.cells):
            blueprint.cells.append(_read_cell(row, columns, path))
    return blueprint


def _read_info(rows: list[Row], blueprint: Blueprint, path: Path) -> None:
    for row in rows:
        if len(row.cells) < 2 or not row.cells[0]:
            continue
        key, value = _INFO_LABELS.get(fold(row.cells[0])), row.cells[1]
        try:
            if key == "duration" and value:
                blueprint.duration_minutes = int(parse_decimal(value) or 0)
            elif key == "total" and value:
                blueprint.total_points = parse_decimal(value) or 0.0
            elif key == "levels" and value:
                blueprint.levels = [v.strip() for v in value.split(";") if v.strip()]
            elif key in ("name", "title", "class_line"):
                setattr(blueprint, key, value)
        except ValueError as exc:
            raise InputFileError(path, row.where(), _("giá trị không hợp lệ: {v}").format(v=value)) from exc


def _read_cell(row: Row, columns: dict[str, int], path: Path) -> BlueprintCell:
    def get(name: str) -> str:
        index = columns.get(name)
        return row.cells[index] if index is not None and index < len(row.cells) else ""

    qtype = _TYPE_BY_LABEL.get(fold(get("type")), get("type") or "single_choice")
    if qtype not in TYPE_CELLS:
        raise InputFileError(path, row.where(), _("dạng câu hỏi không rõ: {v}").format(v=get("type")))
    try:
        count = int(parse_decimal(get("count")) or 0)
        points = parse_decimal(get("points")) or 0.0
    except ValueError as exc:
        raise InputFileError(path, row.where(), _("số câu hoặc điểm không phải là số")) from exc
    return BlueprintCell(topic_code=get("topic_code"), level=get("level"), type=qtype, count=count,
                         points=points, requirement=get("requirement"))
