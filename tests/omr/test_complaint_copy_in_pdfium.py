"""The phúc khảo copy of a scanned sheet (``exporters/exam/scan_annotated.py``) opens in PDFium (Chrome, Edge;
Foxit's lineage) and reads and looks as in poppler (``tests/support/pdf_readers.py``)."""

from __future__ import annotations

import cv2
import numpy as np
from sheet_maker import fill_sheet, manifest, render, sheet_pdf

from lecturer_app.exam.scan import SheetRead
from lecturer_app.exporters.exam.scan_annotated import write_annotated_sheet
from lecturer_app.i18n import plain
from lecturer_app.importers.omr.reader import read_page
from lecturer_app.importers.omr.sources import PageSource
from tests.support.pdf_readers import read_alike

QUESTIONS = 20


def test_the_complaint_copy_of_a_scanned_sheet_reads_alike(tmp_path):
    exam = manifest(QUESTIONS, codes=("101",))
    key = [item.key for item in exam.versions["101"].items]
    answers = [key[n] if n % 4 else "ABCD"[(n + 1) % 4] for n in range(QUESTIONS)]   # every fourth one wrong
    scan = fill_sheet(render(sheet_pdf(tmp_path, QUESTIONS), 150), 150, np.random.default_rng(7), "000123", "101",
                      answers, QUESTIONS)
    cv2.imwrite(str(tmp_path / "quet.png"), scan)
    sheet = read_page(PageSource(tmp_path / "quet.png", 0, plain("quet.png")), 1, exam, preview=True)   # as the review does
    assert isinstance(sheet, SheetRead) and sheet.image
    pdf = write_annotated_sheet(sheet, exam, tmp_path / "phuc_khao.pdf")
    right = sum(answer == k for answer, k in zip(answers, key))
    read_alike(pdf, [f"SBD 000123 — mã đề 101 — {right}/{QUESTIONS} câu đúng — quet.png",
                     "Xanh dương: ô máy đọc được; xanh lá: đáp án; cam: câu có nghi ngờ khi đọc."])
