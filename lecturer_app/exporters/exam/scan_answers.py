"""The answers read from scanned sheets, written as the answer template ``exam grade`` reads (issue #18).

Same header as ``mau_bai_lam.xlsx`` (docs/exam-guide.md §4) plus a "Ghi chú"
column listing what the scanner doubted and nobody settled, one doubt a line
(exam/scan_notes.py: grading reads them back and notes the learner while they
stand), and "Trang", the page each sheet came from: both in Vietnamese
whatever the UI language (i18n.Message).  A doubtful answer that nobody
settled is written "?": grading then counts it wrong and reports it, so a
guess never scores.
"""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.safe_write import write_rendered
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.scan import SheetRead
from lecturer_app.exam.scan_notes import NOTES_HEADER, PAGE_HEADER, doubt_cell, doubt_line
from lecturer_app.i18n import DOCUMENT


def write_scanned_answers(sheets: list[SheetRead], manifest: ExamManifest, path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bài làm"
    count = max(len(v.items) for v in manifest.versions.values())
    essays = max(len(v.essays) for v in manifest.versions.values())
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, count + 1), *[f"TL{n}" for n in range(1, essays + 1)],
                  "Vấn đáp", NOTES_HEADER, PAGE_HEADER])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    doubtful = PatternFill("solid", fgColor="FFF2CC")
    for read in sheets:
        notes = doubt_cell([doubt_line(d.question, d.reason) for d in read.open_doubts])
        sheet.append([read.name, read.sbd, read.code, *read.answers(), *[None] * essays, None, notes,
                      read.source(DOCUMENT)])
        if notes:
            for cell in sheet[sheet.max_row]:
                cell.fill = doubtful
            sheet.cell(sheet.max_row, count + essays + 5).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 28
    sheet.freeze_panes = "D2"
    return write_rendered(path, workbook.save)  # never half a file under the user's name

