"""Learners' answers written in the answer template's layout, so ``exam grade`` and the grading screen read them.

Used by the quiz over Wi-Fi (issue #17): next to its score sheet it leaves a
folder with the quiz's ``exam.json`` and ``bai_lam.xlsx``; opened in *Chấm
điểm*, the lecturer can add essay or oral scores and regrade, exactly as for a
paper exam.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from lecturer_app.exam.grading import ORAL_WEIGHT_LABEL, RULE_SHEET, LearnerScore, Response
from lecturer_app.exam.manifest import ExamManifest, manifest_text, write_manifest
from lecturer_app.exam.remarks import OUTCOME_HEADER, REMARK_HEADER, REMARK_SHEET, Remark
from lecturer_app.exam.scan_notes import NOTES_HEADER, PAGE_HEADER, doubt_cell, doubt_lines
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.exporters.workbook import save_workbook, text_row

ANSWERS_NAME = "bai_lam.xlsx"


def write_responses(responses: list[Response], count: int, path: Path, *, essays: int = 0,
                    oral: bool = False, oral_weight: float | None = None, remarks: Sequence[Remark] = ()) -> Path:
    """``Họ và tên | SBD | Mã đề | 1..count``, one row per response, answers as letters or text.

    With *essays* (and *oral*), the ``TL1…`` (and ``Vấn đáp``) columns carry the marks entered, as numbers: the
    file is then the whole grading (answers and marks), and opened again it gives the same scores.  With
    *oral_weight*, a «Cách tính» sheet says the weight those totals were computed with, so they stay the same.
    With *remarks*, a «Phúc khảo» sheet keeps every appeal's outcome (``exam.remarks``), oldest first.
    Doubts of the scanner that still stand (read from a scanned-answers file) are written again in «Ghi chú»
    (with the «Trang» column that marks them as the scanner's, empty): saving never settles them silently.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Bài làm"
    doubts = [doubt_lines(response.flags) for response in responses]
    carried = any(doubts)
    sheet.append(["Họ và tên", "SBD", "Mã đề", *range(1, count + 1), *[f"TL{n}" for n in range(1, essays + 1)],
                  *(["Vấn đáp"] if oral else []), *([NOTES_HEADER, PAGE_HEADER] if carried else [])])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for response, lines in zip(responses, doubts):
        answers = [a or None for a in response.answers[:count]]
        marks = [response.essay_scores.get(n) for n in range(1, essays + 1)]
        marks += [response.oral_score] if oral else []
        if marks or carried:
            answers += [None] * (count - len(answers))  # a short row keeps its marks under their own headers
        notes = [doubt_cell(lines), None] if carried else []
        sheet.append(text_row([response.name, response.sbd or None, response.code, *answers, *marks, *notes]))
    sheet.column_dimensions["A"].width = 28
    sheet.freeze_panes = "D2"
    if oral_weight is not None:
        rule = workbook.create_sheet(RULE_SHEET)
        rule.append([ORAL_WEIGHT_LABEL, decimal_comma(oral_weight, 2)])
        rule.column_dimensions["A"].width = 20
    if remarks:
        _remark_sheet(workbook.create_sheet(REMARK_SHEET), remarks)
    return save_workbook(workbook, path)  # text stays text (a learner typed these names), written whole


def _remark_sheet(sheet, remarks: Sequence[Remark]) -> None:
    """The record as text (a mark "7,5" stays as the lecturer saw it), one appeal's outcome a row, oldest first.

    «Kết quả» (a ninth column) only once a mark was kept: a record of changes alone is written as before.
    """
    from openpyxl.styles import Font

    outcome = any(change.kept for change in remarks)
    sheet.append([*REMARK_HEADER, *([OUTCOME_HEADER] if outcome else [])])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for change in remarks:
        sheet.append(text_row([*change.row(), *([change.outcome] if outcome else [])]))
    for column, width in zip("ABCDEFGHI", (10, 28, 12, 10, 10, 50, 24, 26, 12)[:9 if outcome else 8]):
        sheet.column_dimensions[column].width = width


def write_grading_folder(manifest_body: dict, responses: list[Response], folder: Path) -> Path:
    """*folder*/exam.json and *folder*/bai_lam.xlsx: what *Chấm điểm* opens."""
    folder.mkdir(parents=True, exist_ok=True)
    write_manifest(manifest_text(manifest_body), folder)
    count = len(manifest_body["versions"][0]["items"]) if manifest_body["versions"] else 0
    write_responses(responses, count, folder / ANSWERS_NAME)
    return folder


def grading_folder(path: Path) -> Path:
    """Where a quiz's exam.json and bai_lam.xlsx go: beside its score sheet."""
    return path.with_name(path.stem + "_cham_diem")


def write_quiz_results(scores: list[LearnerScore], manifest: ExamManifest, manifest_body: dict,
                       path: Path) -> tuple[Path, Path]:
    """A closed quiz's score sheet (as ``exam grade`` writes it) and its grading folder; the CLI and the GUI call it."""
    from lecturer_app.exporters.exam.score_sheet import sorted_scores, write_score_sheet

    ordered = sorted_scores(scores)
    write_score_sheet(ordered, manifest, path)
    return path, write_grading_folder(manifest_body, [s.response for s in ordered], grading_folder(path))
