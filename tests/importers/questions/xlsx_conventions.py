"""A workbook holding every convention the XLSX question importer reads, with what each row must give.

Used by the tests that prove a faster importer reads the same questions and
the same keys (issue #16): each row is written with the answer it must come
back with, so a wrong key fails by name.  Several sheets (the sheet name
becomes a tag), title rows above the header, blank rows, the teachers'
"Đáp án 1..4" layout, keys by letter, number, option text, Đ/S marks and
accepted answers, formulas' cached numbers, control characters, decomposed
(NFD) text, referring options ("Tất cả các đáp án trên"), pinned options,
rubrics, groups, levels by abbreviation, points with a comma, and rows that
must be refused.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Expected:
    """What one workbook row must import as; *refused* rows must be reported, not imported."""

    stem: str
    type: str = ""
    correct: tuple[bool, ...] = ()
    answers: tuple[str, ...] = ()
    refused: bool = False
    pinned: tuple[bool, ...] = ()
    level: str = ""
    points: float | None = None
    tags: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)


NFD_STEM = unicodedata.normalize("NFD", "Đảng Cộng sản Việt Nam ra đời ở đâu (NFD)?")
# A row whose answer is marked only by a bold option: formatting is never read, so it must be refused, not keyed.
BOLD_ONLY = "Đáp án chỉ in đậm, không ghi ở cột khóa"

TEMPLATE_HEADER = ["STT", "Loại câu hỏi", "Câu hỏi", "Phương án A", "Phương án B", "Phương án C", "Phương án D",
                   "Phương án E", "Đáp án đúng", "Giữ cố định", "Hướng dẫn chấm", "Mức độ", "Chuyên đề", "Điểm",
                   "Thẻ", "Trạng thái", "Hình ảnh", "Giải thích", "Nguồn", "Nhóm"]


def _template_rows() -> list[tuple[list[object], Expected | None]]:
    def row(number, kind, stem, options, key, **cells):
        values = [number, kind, stem, *options, *[""] * (5 - len(options)), key, cells.get("pinned", ""),
                  cells.get("rubric", ""), cells.get("level", ""), cells.get("topics", ""), cells.get("points", ""),
                  cells.get("tags", ""), cells.get("status", ""), "", cells.get("feedback", ""),
                  cells.get("source", ""), cells.get("group", "")]
        return values

    return [
        (["NGÂN HÀNG CÂU HỎI (dòng tiêu đề)"], None),
        ([], None),
        (TEMPLATE_HEADER, None),
        (row(1, "Một đáp án", "Đảng ra đời năm nào?", ["1925", "1930", "1945", "1954"], "B", level="Nhận biết",
             points=0.25, tags="lịch sử; Đảng", status="Đã duyệt", feedback="Ngày 3/2/1930.", source="SGK"),
         Expected("Đảng ra đời năm nào?", "single_choice", (False, True, False, False), level="Nhận biết",
                  points=0.25, tags=("lịch sử", "Đảng"), extra={"status": "approved", "feedback": "Ngày 3/2/1930.",
                                                                 "source": "SGK"})),
        (row(2, "Nhiều đáp án", "Chọn các ý đúng", ["x", "y", "z", "t", "u"], "A, C; E", level="TH"),
         Expected("Chọn các ý đúng", "multiple_choice", (True, False, True, False, True), level="Thông hiểu")),
        (row(3, "Đúng/Sai 4 ý", "Nhận định về Hội nghị", ["Họp ở Hương Cảng", "Họp năm 1945", "Chánh cương",
                                                         "Lê Duẩn chủ trì"], "Đ, S, Đ, S"),
         Expected("Nhận định về Hội nghị", "true_false_4", (True, False, True, False))),
        (row(4, "Trả lời ngắn", "Thủ đô của Việt Nam?", [], "Hà Nội | Ha Noi"),
         Expected("Thủ đô của Việt Nam?", "short_answer", answers=("Hà Nội", "Ha Noi"))),
        (row(5, "Tự luận", "Trình bày hoàn cảnh ra đời của Đảng.", [], "",
             rubric="- Bối cảnh quốc tế (0,5 điểm)\n- Bối cảnh trong nước (1,5 điểm)"),
         Expected("Trình bày hoàn cảnh ra đời của Đảng.", "essay", points=2.0)),
        (row(6, "Vấn đáp", "Nêu ý nghĩa của Cương lĩnh.", [], "", rubric="Trình bày được ba ý."),
         Expected("Nêu ý nghĩa của Cương lĩnh.", "oral", extra={"guide": "Trình bày được ba ý."})),
        (row(7, "", "Không ghi loại, khóa bằng số", ["một", "hai", "ba"], "3"),
         Expected("Không ghi loại, khóa bằng số", "single_choice", (False, False, True))),
        (row(8, "", "Không ghi loại, nhiều số", ["một", "hai", "ba"], "1;3"),
         Expected("Không ghi loại, nhiều số", "multiple_choice", (True, False, True))),
        (row(9, "Một đáp án", "Khóa bằng nội dung phương án", ["Huế", "Hà Nội", "Đà Nẵng"], "hà nội"),
         Expected("Khóa bằng nội dung phương án", "single_choice", (False, True, False))),
        (row(10, "Một đáp án", "Phương án nói về các phương án khác",
             ["Ý một", "Ý hai", "Tất cả các đáp án trên", "Cả A và B đều đúng"], "C", pinned="A"),
         Expected("Phương án nói về các phương án khác", "single_choice", (False, False, True, False),
                  pinned=(True, False, True, True))),
        (row(11, "Một đáp án", NFD_STEM, ["Hà Nội", "Hương Cảng"], "b"),
         Expected(unicodedata.normalize("NFC", NFD_STEM), "single_choice", (False, True))),
        (row(12, "Một đáp án", "Ký tự\x0b điều khiển\x00 trong ô", ["a\x01", "b"], "A"),
         Expected("Ký tự\n điều khiển trong ô", "single_choice", (True, False))),
        (row(13, "Một đáp án", "   Khoảng trắng quanh ô   ", ["  một ", " hai"], " A. "),
         Expected("Khoảng trắng quanh ô", "single_choice", (True, False))),
        (row(14, "Một đáp án", "Điểm viết bằng dấu phẩy", ["x", "y"], "B", points="0,5"),
         Expected("Điểm viết bằng dấu phẩy", "single_choice", (False, True), points=0.5)),
        (row(15, "Một đáp án", "Đoạn văn, câu 1", ["p", "q"], "A", group="Đoạn 1"),
         Expected("Đoạn văn, câu 1", "single_choice", (True, False), extra={"grouped": "Đoạn 1"})),
        (row(16, "Một đáp án", "Đoạn văn, câu 2", ["r", "s"], "B", group="đoạn 1"),
         Expected("Đoạn văn, câu 2", "single_choice", (False, True), extra={"grouped": "Đoạn 1"})),
        ([], None),
        (row(17, "Một đáp án", "Khóa ngoài phạm vi", ["x", "y"], "E"), Expected("Khóa ngoài phạm vi", refused=True)),
        (row(18, "Một đáp án", "Thiếu khóa", ["x", "y"], ""), Expected("Thiếu khóa", refused=True)),
        (row(19, "Một đáp án", "Hai khóa cho câu một đáp án", ["x", "y"], "A, B"),
         Expected("Hai khóa cho câu một đáp án", refused=True)),
        (row(20, "Đúng/Sai 4 ý", "Thiếu dấu Đ/S", ["a", "b", "c", "d"], "Đ, S"),
         Expected("Thiếu dấu Đ/S", refused=True)),
        (row(21, "Loại lạ", "Loại không hiểu", ["x", "y"], "A"), Expected("Loại không hiểu", refused=True)),
        (row(22, "Một đáp án", "Điểm không phải số", ["x", "y"], "A", points="mười"),
         Expected("Điểm không phải số", refused=True)),
        (row(23, "Trả lời ngắn", "Trả lời ngắn thiếu đáp án", [], ""),
         Expected("Trả lời ngắn thiếu đáp án", refused=True)),
        (row(25, "Một đáp án", BOLD_ONLY, ["x", "y (in đậm)", "z"], ""), Expected(BOLD_ONLY, refused=True)),
        (row(24, "Một đáp án", "Đáp án khóa chữ thường có dấu chấm", ["x", "y", "z"], "c."),
         Expected("Đáp án khóa chữ thường có dấu chấm", "single_choice", (False, False, True))),
    ]


def _teacher_rows() -> list[tuple[list[object], Expected | None]]:
    """The common teachers' layout: "Đáp án 1..4" columns, key as a number cell, no type column."""
    return [
        (["Nội dung", "Đáp án 1", "Đáp án 2", "Đáp án 3", "Đáp án 4", "Đáp án đúng", "Mức độ", "Điểm"], None),
        (["Năm thành lập Đảng?", 1925, 1930, 1945, 1954, 2, "NB", 1],
         Expected("Năm thành lập Đảng?", "single_choice", (False, True, False, False), level="Nhận biết",
                  points=1.0)),
        (["Số thập phân trong phương án", 0.5, 1.25, 2, "", "B", "VD", 0.25],
         Expected("Số thập phân trong phương án", "single_choice", (False, True, False), level="Vận dụng",
                  points=0.25)),
        (["Câu không có phương án nhưng có đáp án", "", "", "", "", "Hà Nội", "", ""],
         Expected("Câu không có phương án nhưng có đáp án", "short_answer", answers=("Hà Nội",))),
        (["Câu không có phương án, không đáp án", "", "", "", "", "", "", ""],
         Expected("Câu không có phương án, không đáp án", "essay")),
    ]


SHEETS = {"Chương 1": _template_rows(), "Chương 2": _teacher_rows()}


def expected_rows() -> dict[str, list[Expected]]:
    """Sheet name → the expected result of each question row, in order."""
    return {name: [e for _values, e in rows if e is not None] for name, rows in SHEETS.items()}


def write_workbook(path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for name, rows in SHEETS.items():
        sheet = book.create_sheet(name)
        for values, _expected in rows:
            sheet.append([_cell(v) for v in values])
            if BOLD_ONLY in values:
                for cell in sheet[sheet.max_row]:
                    if cell.value == "y (in đậm)":
                        cell.font = Font(bold=True, color="FF0000")
    book.save(path)
    return path


def _cell(value: object) -> object:
    # openpyxl refuses control characters in a cell; Excel writes them as _xHHHH_ escapes, which readers decode.
    if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value):
        return "".join(f"_x{ord(c):04X}_" if ord(c) < 32 and c not in "\t\n\r" else c for c in value)
    return value
