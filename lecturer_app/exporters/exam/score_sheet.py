"""The bảng điểm XLSX: learners in Vietnamese name order, scores, xếp loại and item analysis.

Scores are written as numbers (so Excel can compute with them) and also as
text with the decimal comma and in words ("8,25" – "Tám phẩy hai mươi lăm"),
as a printed bảng điểm shows them.  Under the table: the rule the totals
follow (``grading.total_formula``); each learner's missing components are in
"Thiếu điểm", and what was doubtful in their row in "Ghi chú".  A learner
whose scanned sheet still has a doubt nobody settled (exam/scan_notes.py) has
the whole row filled orange, the grading screen's colour, and a line under
the rule says what the colour means: the staff who sign the printed sheet
check those sheets first.  A sheet with no such learner has neither.  Rows of the
answer file that could not be graded are listed on their own sheet.
Questions are named by their number in each paper and their bank code,
never by an internal id.

After a phúc khảo (``exam.remarks``) two columns follow «Xếp loại»: the total
before the appeal (the learner rescored with each changed mark's first
value) and the changes ("TL1: 2,5 → 3,75"); learners not changed leave them
empty.  Without changes the sheet is as before: a mark kept on appeal
(«Giữ nguyên») changes no score, and the biên bản phúc khảo lists it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lecturer_app.core.text.collation import name_sort_key, split_name
from lecturer_app.exam.grading import (
    GradingOptions,
    LearnerScore,
    RejectedRow,
    missing_rule,
    score_learner,
    total_formula,
)
from lecturer_app.exam.item_analysis import ItemStats, analyse_items
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.remarks import (
    Remark,
    before_appeal,
    by_learner,
    chain_text,
    changed_components,
    changes,
    learner_key,
)
from lecturer_app.exam.scan_notes import is_scan_doubt
from lecturer_app.exam.vn_numbers import decimal_comma, score_in_words
from lecturer_app.exporters.office_properties import stamp_xlsx
from lecturer_app.exporters.workbook import save_workbook
from lecturer_app.i18n import DOCUMENT, N_

# The grading screen's orange (ui/exam/grading_model.SCAN_DOUBT), the only fill of the table: one colour, one
# meaning, said under the table.
SCAN_DOUBT_FILL = "FFD8A8"
SCAN_DOUBT_LEGEND = N_("Dòng tô màu cam: phiếu quét của học viên còn chỗ máy đọc nghi ngờ chưa ai xem lại (ghi ở "
                       "cột «Ghi chú»); điểm có thể đã đọc sai, cần đối chiếu phiếu gốc trước khi dùng bảng điểm.")


def sorted_scores(scores: list[LearnerScore]) -> list[LearnerScore]:
    """By tên, then họ đệm (Vietnamese collation), then SBD."""
    return sorted(scores, key=lambda s: (name_sort_key(s.response.name), s.response.sbd))


def write_score_sheet(scores: list[LearnerScore], manifest: ExamManifest, path: Path,
                      items: list[ItemStats] | None = None, *, options: GradingOptions = GradingOptions(),
                      rejected: Sequence[RejectedRow] = (), remarks: Sequence[Remark] = ()) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bảng điểm"
    _scores_sheet(sheet, sorted_scores(scores), manifest, options, changes(list(remarks)))
    _items_sheet(workbook.create_sheet("Phân tích câu hỏi"), items if items is not None
                 else analyse_items(scores, manifest))
    if rejected:
        _rejected_sheet(workbook.create_sheet("Dòng không chấm được"), rejected)
    stamp_xlsx(workbook, title="Bảng điểm")
    return save_workbook(workbook, path)


def _scores_sheet(sheet, scores: list[LearnerScore], manifest: ExamManifest, options: GradingOptions,
                  remarks: list[Remark]) -> None:
    from openpyxl.styles import Font, PatternFill

    doubtful = PatternFill("solid", fgColor=SCAN_DOUBT_FILL)
    essays = max((len(v.essays) for v in manifest.versions.values()), default=0)
    oral = options.has_oral or any(s.oral is not None for s in scores)
    header = ["STT", "Họ và tên", "Họ đệm", "Tên", "SBD", "Mã đề", "Số câu đúng", "Điểm trắc nghiệm",
              *[f"TL{n}" for n in range(1, essays + 1)], *(["Vấn đáp"] if oral else []),
              "Tổng điểm", "Bằng số", "Bằng chữ", "Xếp loại",
              *(["Điểm trước phúc khảo", "Phúc khảo"] if remarks else []), "Thiếu điểm", "Ghi chú"]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    grouped = by_learner(remarks)
    for index, score in enumerate(scores, start=1):
        r = score.response
        ho_dem, ten = split_name(r.name)
        # A component with no score is an empty cell, not a 0 that reads as entered.
        essay_cells = [None if f"TL{n}" in score.missing else v for n, v in enumerate(score.essays, start=1)]
        sheet.append([index, r.name, ho_dem, ten, r.sbd, r.code, sum(score.correct), score.objective,
                      *essay_cells, *([score.oral] if oral else []), score.total, decimal_comma(score.total),
                      score_in_words(score.total), score.grade,
                      *(_appeal_cells(score, manifest, options, grouped.get(learner_key(r), [])) if remarks else []),
                      ", ".join(score.missing), score.worded_notes(DOCUMENT)])
        if any(map(is_scan_doubt, score.notes)):
            for cell in sheet[sheet.max_row]:
                cell.fill = doubtful
    _formula_rows(sheet, manifest, options)
    if any(is_scan_doubt(note) for score in scores for note in score.notes):
        _legend_row(sheet, SCAN_DOUBT_LEGEND, doubtful)
    for name in ("Tổng điểm", "Điểm trước phúc khảo")[:2 if remarks else 1]:
        column = header.index(name) + 1
        for row in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            row[0].number_format = "0.00"
    from openpyxl.utils import get_column_letter

    wide = {"Họ và tên": 28, "Phúc khảo": 36, "Họ đệm": 18, "Bằng chữ": 32, "Thiếu điểm": 14, "Ghi chú": 40}
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = wide.get(name, max(8, len(name) + 2))
    sheet.freeze_panes = "C2"
    _print_setup(sheet)


def _appeal_cells(score: LearnerScore, manifest: ExamManifest, options: GradingOptions,
                  remarks: list[Remark]) -> list:
    """The total before the appeal and the changes (*remarks*: this learner's), or two empty cells."""
    earlier = before_appeal(score.response, remarks)
    if earlier is None:
        return [None, None]
    chains = changed_components(score.response, remarks)
    return [score_learner(earlier, manifest, options).total,
            "; ".join(f"{part}: {chain_text(chain)}" for part, chain in chains.items())]


def _formula_rows(sheet, manifest: ExamManifest, options: GradingOptions) -> None:
    """The rule of the totals under the table (after one blank row), as the printed bảng điểm states it."""
    from openpyxl.styles import Font

    sheet.append([])
    # The sheet is a Vietnamese document whatever the UI language (i18n.Translator says why).
    for text in ("Cách tính: " + total_formula(manifest, options, DOCUMENT), missing_rule(DOCUMENT)):
        sheet.append([None, text])
        sheet.cell(row=sheet.max_row, column=2).font = Font(italic=True)


def _legend_row(sheet, text: str, fill) -> None:
    """Under the rule: a cell of the colour, then what it means (Vietnamese, as the whole sheet)."""
    from openpyxl.styles import Font

    sheet.append([None, DOCUMENT(text)])
    sheet.cell(row=sheet.max_row, column=1).fill = fill
    sheet.cell(row=sheet.max_row, column=2).font = Font(italic=True)


def _rejected_sheet(sheet, rejected: Sequence[RejectedRow]) -> None:
    from openpyxl.styles import Font

    sheet.append(["Dòng", "Họ và tên", "SBD", "Mã đề", "Lý do không chấm được"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rejected:
        sheet.append([row.where(DOCUMENT), row.name, row.sbd, row.code, row.reason(DOCUMENT)])
    for column, width in zip("ABCDE", (24, 28, 10, 10, 60)):
        sheet.column_dimensions[column].width = width
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
    sheet.append(["Câu (đề gốc)", "Số câu trong các mã đề", "Mã ngân hàng", "Nội dung", "Đáp án (đề gốc)",
                  "Độ khó (p)", "Độ phân biệt (D)", *[f"Chọn {LETTERS[i]}" for i in range(width)], "Bỏ trống",
                  "Không hợp lệ", "Nhận xét"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        counts = item.option_counts + [None] * (width - len(item.option_counts))
        sheet.append([item.number, item.numbers_text(), item.bank_code, item.stem[:200], item.correct_letters,
                      round(item.difficulty, 3), round(item.discrimination, 3), *counts, item.blank, item.invalid,
                      item_comment(item)])
    for column, size in (("B", 24), ("C", 18), ("D", 60)):
        sheet.column_dimensions[column].width = size
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
    if item.invalid:
        notes.append(f"{item.invalid} bài ghi đáp án không có trong câu")
    return "; ".join(notes)
