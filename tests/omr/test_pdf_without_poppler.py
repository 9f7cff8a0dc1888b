"""Without poppler (a Windows laptop), PDF scans are rendered by PDFium and read the same.

The installed app's scan add-on carries pypdfium2; where pdftoppm is
installed it is still used, so reads on Linux do not change.  The same PDF
of degraded, filled sheets (and a page of the app's own sheet, unfilled and
not scanned) is read both ways: every page, SBD, mã đề, answer, doubt and
note is the same.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest
from PIL import Image
from sheet_maker import DAMAGE_KINDS, degrade, fill_sheet, manifest, render, sheet_pdf

from lecturer_app.importers.omr import pdf_pages, sources
from lecturer_app.importers.omr.reader import scan_sheets

QUESTIONS = 40
POPPLER = ("pdftoppm", "pdfinfo")


def _without_poppler(monkeypatch) -> None:
    which = shutil.which
    monkeypatch.setattr(pdf_pages.shutil, "which", lambda tool, *a, **k: None if tool in POPPLER else which(tool, *a, **k))


def _scanned_pdf(tmp_path) -> tuple:
    """A scanner's PDF: one filled sheet per kind of damage, at 200 dpi."""
    base = render(sheet_pdf(tmp_path, QUESTIONS), 200)
    rng = np.random.default_rng(11)
    pages, learners = [], []
    for index, kinds in enumerate(DAMAGE_KINDS):
        answers = ["" if rng.random() < 0.1 else "ABCD"[int(rng.integers(4))] for _ in range(QUESTIONS)]
        sbd = f"{31 + index:06d}"
        odd = {5 + index: [("A" if "A" not in answers[4 + index] else "B", "faint")]}
        image = fill_sheet(base.copy(), 200, rng, sbd, "103", answers, QUESTIONS, odd=odd)
        pages.append(Image.fromarray(degrade(image, rng, kinds)))
        learners.append((sbd, answers))
    path = tmp_path / "quét máy.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=200, quality=75)
    return path, learners


def _reads(result) -> dict:
    """The result without the confidence figures (the two renderers' pixels differ by a grey level here and there)."""
    data = result.to_json()
    for sheet in data["sheets"]:
        sheet.pop("confidence"), sheet.pop("sbd_confidence"), sheet.pop("code_confidence")
    return data


def test_pdfium_reads_a_scanned_pdf_as_pdftoppm_does(tmp_path, monkeypatch):
    pytest.importorskip("pypdfium2")
    scan, learners = _scanned_pdf(tmp_path)
    exam = manifest(QUESTIONS)
    targets = [scan, sheet_pdf(tmp_path, QUESTIONS)]  # + the printed sheet itself: vector, not a scan

    with_poppler = scan_sheets(targets, exam)
    _without_poppler(monkeypatch)
    assert shutil.which("pdftoppm") is None
    with_pdfium = scan_sheets(targets, exam)

    assert _reads(with_pdfium) == _reads(with_poppler)
    for index, (sheet, (sbd, answers)) in enumerate(zip(with_poppler.sheets, learners, strict=False)):  # read right
        faint = {d.question for d in sheet.doubts}
        assert sheet.sbd == sbd and faint == {5 + index}  # the faint mark, and only it
        assert [q.answer for n, q in enumerate(sheet.questions, start=1) if n not in faint] == [
            a for n, a in enumerate(answers, start=1) if n not in faint]
    assert with_pdfium.pages == len(learners) + 1


def test_without_poppler_or_pdfium_a_pdf_asks_for_poppler_or_images(tmp_path, monkeypatch):
    import sys

    from lecturer_app.core.errors import UserFacingError

    _without_poppler(monkeypatch)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(UserFacingError, match=r"Cần chương trình pdfinfo \(gói poppler-utils\)"):
        sources.page_sources(sheet_pdf(tmp_path, QUESTIONS))
