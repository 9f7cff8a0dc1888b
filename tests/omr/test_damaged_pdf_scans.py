"""A scanned PDF page whose JPEG is damaged is a sheet to review, never read as if whole.

A scanner's PDF holds each page as a JPEG.  When that JPEG is damaged (the
stream cut short by a copy that stopped, a marker in its compressed data),
pdftoppm and PDFium both draw what they can — the lost part gray — and say
nothing a caller can read: the page was read as whole, and a mark in the
lost part read blank.  Each JPEG a page draws is now decoded once more, as
the file stores it, and a page with one that does not decode whole carries a
sheet-level doubt first in its list, whichever renderer drew it.

The PDFs are made as a scanner makes them (Pillow, JPEG pages), then damaged
inside: only the JPEG stream changes, its /Length and the cross-reference
table follow, so the file itself stays well formed.
"""

from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from PIL import Image
from sheet_maker import fill_sheet, manifest, render, sheet_pdf, with_image_stream_damaged

from lecturer_app.i18n import DOCUMENT, SCREEN
from lecturer_app.importers.omr import pdf_pages
from lecturer_app.importers.omr.reader import scan_sheets

QUESTIONS = 40
DPI = 150
ANSWERS = ["ABCD"[(n * 3) % 4] for n in range(QUESTIONS)]
DAMAGED_PDF = ("ảnh quét trong trang PDF này bị hỏng một phần (dữ liệu JPEG lỗi hoặc bị cắt ngắn), có chỗ có thể xám "
               "hoặc mất: kiểm tra lại từng câu của trang này, hoặc quét lại trang")
RENDERERS = ["pdftoppm", "pdfium"]


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> bytes:
    """Two filled sheets in one PDF, JPEG pages at 150 dpi with a restart marker after every row of blocks, as many
    scanners write them: a decoder picks up again after damage, so only a band of the page is lost."""
    base = render(sheet_pdf(tmp_path_factory.mktemp("sheet"), QUESTIONS), DPI)
    pages = [Image.fromarray(fill_sheet(base.copy(), DPI, np.random.default_rng(seed), sbd, "101", ANSWERS,
                                        QUESTIONS)) for seed, sbd in ((8, "402611"), (9, "402612"))]
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=DPI, quality=85,
                  restart_marker_rows=1)
    return out.getvalue()


@pytest.fixture(params=RENDERERS)
def renderer(request, monkeypatch) -> str:
    """Each test once with poppler's pdftoppm, once with PDFium (poppler hidden, as on Windows)."""
    if request.param == "pdfium":
        pytest.importorskip("pypdfium2")
        which = shutil.which
        monkeypatch.setattr(pdf_pages.shutil, "which",
                            lambda tool, *a, **k: None if tool in ("pdftoppm", "pdfinfo") else which(tool, *a, **k))
    return request.param


def _cut(kept: float, end_marker: bool = False):
    """The JPEG stream cut short (a copy stopped), its end marker written after or not."""
    return lambda jpeg: jpeg[:int(len(jpeg) * kept)] + (b"\xff\xd9" if end_marker else b"")


def _marker(where: float):
    """Two bytes of the compressed data made a marker (FF 12): what a bad sector leaves."""
    def damage(jpeg: bytes) -> bytes:
        start = jpeg.index(b"\xff\xda") + 20
        place = start + int((len(jpeg) - 2 - start) * where)
        return jpeg[:place] + b"\xff\x12" + jpeg[place + 2:]
    return damage


DAMAGES = {
    # Before, pdftoppm's page was read with no doubt at all (the band lost is in the heading), with the ring
    # check's doubts on the bubbles of the band, or, cut, with a doubt saying the QR code was smudged; PDFium's,
    # cut, the same.  PDFium's page with a bad marker in its data lost its lower corner marks: a page not read.
    "a marker in the compressed data near the top": _marker(0.15),
    "a marker in the compressed data among the answers": _marker(0.65),
    "stream cut in its last rows": _cut(0.99),
    "stream cut in its last rows, end marker written": _cut(0.99, end_marker=True),
    "stream cut through the answers": _cut(0.6),
}


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_pdf_page_whose_jpeg_is_damaged_is_not_read_or_sends_its_sheet_to_review(scanned, tmp_path, renderer,
                                                                                     damage):
    path = tmp_path / "quét lô 1.pdf"
    path.write_bytes(with_image_stream_damaged(scanned, DAMAGES[damage], image=1))

    result = scan_sheets(path, manifest(QUESTIONS))

    whole = result.sheets[0]
    assert (whole.source(DOCUMENT), whole.sbd, whole.answers(), whole.open_doubts) == (
        "quét lô 1.pdf, trang 1", "402611", ANSWERS, [])
    refused = [b.source(DOCUMENT) for b in result.bad] == ["quét lô 1.pdf, trang 2"] and len(result.sheets) == 1
    damaged = result.sheets[1:]
    doubted = result.bad == [] and [(s.source(DOCUMENT), s.open_doubts[0].field, s.open_doubts[0].question,
                                     s.open_doubts[0].reason(DOCUMENT)) for s in damaged] == [
        ("quét lô 1.pdf, trang 2", "sheet", 0, DAMAGED_PDF)]
    assert refused or doubted, ([b.reason(SCREEN) for b in result.bad],
                                [d.reason(SCREEN) for s in damaged for d in s.open_doubts])


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm")
def test_with_pdftoppm_a_band_lost_near_the_top_is_read_and_named_as_damage(scanned, tmp_path):
    # The case that was read as if whole: the band lost holds no bubble, so nothing else doubted the page.
    path = tmp_path / "lech.pdf"
    path.write_bytes(with_image_stream_damaged(scanned, _marker(0.15)))

    sheet = scan_sheets(path, manifest(QUESTIONS)).sheets[0]

    assert (sheet.sbd, sheet.answers()) == ("402611", ANSWERS)
    assert [(d.field, d.reason(DOCUMENT)) for d in sheet.open_doubts] == [("sheet", DAMAGED_PDF)]


def test_a_whole_scanned_pdf_carries_no_damage_doubt(scanned, tmp_path, renderer):
    path = tmp_path / "whole.pdf"
    path.write_bytes(scanned)

    result = scan_sheets(path, manifest(QUESTIONS))

    assert [(s.sbd, s.answers(), s.open_doubts) for s in result.sheets] == [
        ("402611", ANSWERS, []), ("402612", ANSWERS, [])]


def test_the_complaint_about_a_damaged_pdf_image_never_reaches_the_terminal(scanned, tmp_path, capfd):
    path = tmp_path / "hong.pdf"
    path.write_bytes(with_image_stream_damaged(scanned, _marker(0.65)))
    capfd.readouterr()

    scan_sheets(path, manifest(QUESTIONS))

    assert capfd.readouterr().err == ""
