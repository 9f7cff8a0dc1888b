"""The bảng điểm XLSX: learners in Vietnamese name order, scores, xếp loại and item analysis.

Scores are written as numbers (so Excel can compute with them) and also as
text with the decimal comma and in words ("8,25" – "Tám phẩy hai mươi lăm"),
as a printed bảng điểm shows them.
"""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.text.collation import name_sort_key, split_name
from lecturer_app.exam.grading import LearnerScore
from lecturer_app.exam.item_analysis import ItemStats, analyse_items
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.vn_numbers import decimal_comma, score_in_words


def sorted_scores(scores: list[LearnerScore]) -> list[LearnerScore]:
    """By tên, then họ đệm (Vietnamese collation), then SBD."""
    return sorted(scores, key=lambda s: (name_sort_key(s.response.name), s.response.sbd))


def write_score_sheet(scores: list[LearnerScore], manifest: ExamManifest, path: Path,
                      items: list[ItemStats] | None = None) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bảng điểm"
    _scores_sheet(sheet, sorted_scores(scores), manifest)
    _items_sheet(workbook.create_sheet("Phân tích câu hỏi"), items if items is not None
                 else analyse_items(scores, manifest))
    workbook.save(path)
    return path


def _scores_sheet(sheet, scores: list[LearnerScore], manifest: ExamManifest) -> None:
    from openpyxl.styles import Font

    essays = max((len(v.essays) for v in manifest.versions.values()), default=0)
    oral = any(s.oral is not None for s in scores)
    header = ["STT", "Họ và tên", "Họ đệm", "Tên", "SBD", "Mã đề", "Số câu đúng", "Điểm trắc nghiệm",
              *[f"TL{n}" for n in range(1, essays + 1)], *(["Vấn đáp"] if oral else []),
              "Tổng điểm", "Bằng số", "Bằng chữ", "Xếp loại", "Ghi chú"]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, score in enumerate(scores, start=1):
        r = score.response
        ho_dem, ten = split_name(r.name)
        sheet.append([index, r.name, ho_dem, ten, r.sbd, r.code, sum(score.correct), score.objective,
                      *score.essays, *([score.oral] if oral else []), score.total, decimal_comma(score.total),
                      score_in_words(score.total), score.grade, "; ".join(score.notes)])
    total_column = header.index("Tổng điểm") + 1
    for row in sheet.iter_rows(min_row=2, min_col=total_column, max_col=total_column):
        row[0].number_format = "0.00"
    from openpyxl.utils import get_column_letter

    wide = {"Họ và tên": 28, "Họ đệm": 18, "Bằng chữ": 32, "Ghi chú": 30}
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = wide.get(name, max(8, len(name) + 2))
    sheet.freeze_panes = "C2"
    _print_setup(sheet)


def _print_setup(sheet) -> None:
    """Landscape A4, one page wide, header row repeated: the bảng điểm is printed and signed."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"


def _items_sheet(sheet, items: list[ItemStats]) -> None:
    from openpyxl.styles import Font

    width = max((len(i.option_counts) for i in items), default=4)
    sheet.append(["Câu (đề gốc)", "Mã câu hỏi", "Nội dung", "Đáp án (đề gốc)", "Độ khó (p)",
                  "Độ phân biệt (D)", *[f"Chọn {LETTERS[i]}" for i in range(width)], "Bỏ trống", "Nhận xét"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        counts = item.option_counts + [None] * (width - len(item.option_counts))
        sheet.append([item.number, item.question_id, item.stem[:200], item.correct_letters,
                      round(item.difficulty, 3), round(item.discrimination, 3), *counts, item.blank,
                      item_comment(item)])
    sheet.column_dimensions["C"].width = 60
    _print_setup(sheet)


def item_comment(item: ItemStats) -> str:
    """A short reading of the numbers, as an examiner would write it."""
    notes = []
    if item.difficulty >= 0.9:
        notes.append("rất dễ")
    elif item.difficulty <= 0.2:
        notes.append("rất khó")
    if item.discrimination < 0.2:
        notes.append("phân biệt kém, nên xem lại")
    unused = [LETTERS[i] for i, n in enumerate(item.option_counts)
              if n == 0 and LETTERS[i] not in item.correct_letters]
    if unused:
        notes.append("phương án nhiễu không ai chọn: " + ", ".join(unused))
    return "; ".join(notes)
