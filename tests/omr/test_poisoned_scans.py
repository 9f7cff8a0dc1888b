"""A scan is a file anyone can hand over: pages that lie about their size are refused before they are decoded.

A 900 KB PNG or a 600-byte JPEG may declare 30000 × 30000 pixels, which
OpenCV decoded (900 MB) before the reader shrank it; a TIFF page, a PDF's
embedded image the same.  Each is now a page not read, with its reason and
the file and page named, and the other pages are read as before.  The
folder is scanned in a child process whose address space is limited to what
it uses with the readers loaded plus 300 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import cv2
import numpy as np
import pytest
from sheet_maker import fill_sheet, manifest, render, sheet_pdf

from lecturer_app.i18n import SCREEN
from lecturer_app.importers.omr import pdf_pages, sources
from lecturer_app.importers.omr.reader import scan_sheets
from tests.support import hostile_pages

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = 40
ANSWERS = ["ABCD"[n % 4] if n % 7 else "" for n in range(QUESTIONS)]
TOO_LARGE = "ảnh quá lớn ({size}): một trang được tối đa 100 triệu điểm ảnh (khổ A3 quét ở 600 dpi là khoảng 70 " \
            "triệu); hãy quét lại ở 200–300 dpi"
LIMITED = """
import json, resource, shutil, sys
from pathlib import Path
import cv2, numpy, pypdfium2, PIL.Image  # the readers' libraries are part of the baseline
sys.path.insert(0, "tests/omr")
from sheet_maker import manifest
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.omr import pdf_pages
from lecturer_app.importers.omr.reader import scan_sheets

def address_space() -> int:
    line = next(l for l in open("/proc/self/status") if l.startswith("VmSize:"))
    return int(line.split()[1]) * 1024

folder, renderer = Path(sys.argv[1]), sys.argv[2]
if renderer == "pdfium":
    pdf_pages.shutil.which = lambda tool, *a, **k: None if tool in ("pdftoppm", "pdfinfo") else shutil.which(tool)
resource.setrlimit(resource.RLIMIT_AS, (address_space() + 300 * 1024 * 1024, resource.RLIM_INFINITY))
result = scan_sheets(folder, manifest(40))
print(json.dumps({"read": [(s.source(SCREEN), s.sbd, s.answers()) for s in result.sheets],
                  "bad": [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad]}, ensure_ascii=False))
"""


def _filled_sheet(folder: Path) -> np.ndarray:
    base = render(sheet_pdf(folder, QUESTIONS), 150)
    return fill_sheet(base, 150, np.random.default_rng(3), "123456", "101", ANSWERS, QUESTIONS)


def _scan_limited(folder: Path, renderer: str) -> dict:
    done = subprocess.run([sys.executable, "-c", LIMITED, str(folder), renderer], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc are Linux's")
@pytest.mark.parametrize("renderer", ["pdftoppm", "pdfium"])
def test_pages_declaring_huge_sizes_are_refused_undecoded_and_the_sheet_beside_them_is_read(tmp_path, renderer,
                                                                                            pixel_bomb):
    folder = tmp_path / "quet"
    folder.mkdir()
    cv2.imwrite(str(folder / "01_phieu.png"), _filled_sheet(tmp_path))
    (folder / "02_bom.png").write_bytes(pixel_bomb)
    (folder / "03_bom.jpg").write_bytes(hostile_pages.jpeg_claiming(30_000, 30_000))
    (folder / "04_trang.tif").write_bytes(hostile_pages.tiff_pages([(30_000, 30_000), (20_000, 2)]))
    (folder / "05_anh.pdf").write_bytes(hostile_pages.pdf_image(12_000, 12_000))
    (folder / "06_hep.pdf").write_bytes(hostile_pages.pdf([("0 0 14400 1", b"")]))
    assert all(path.stat().st_size < 200_000 for path in folder.iterdir() if path.suffix != ".png")

    result = _scan_limited(folder, renderer)

    assert result["read"] == [["01_phieu.png", "123456", ANSWERS]]
    # Both renderers measure the images a page draws first (pdfimages -list, PDFium's sizes): PDFium decodes
    # each whole, and a progressive JPEG drawn on a page took pdftoppm 2 bytes a pixel.
    embedded = TOO_LARGE.format(size="12000 × 12000 điểm ảnh")
    assert result["bad"] == [
        ["02_bom.png", TOO_LARGE.format(size="900 triệu điểm ảnh")],
        ["03_bom.jpg", TOO_LARGE.format(size="900 triệu điểm ảnh")],
        ["04_trang.tif, trang 1", TOO_LARGE.format(size="30000 × 30000 điểm ảnh")],
        ["04_trang.tif, trang 2", "ảnh 20000 × 2 điểm ảnh quá nhỏ hoặc quá hẹp, không phải ảnh một trang phiếu"],
        ["05_anh.pdf, trang 1", embedded],
        ["06_hep.pdf, trang 1", "ảnh 2339 × 1 điểm ảnh quá nhỏ hoặc quá hẹp, không phải ảnh một trang phiếu"]]


def test_a_strip_of_an_image_is_not_a_page_and_no_longer_breaks_the_shrinking(tmp_path):
    # 1 × 5000 pixels: shrunk to 2400 px long it was 0 px high, and OpenCV's resize failed (an unexpected error).
    cv2.imwrite(str(tmp_path / "soc.png"), np.zeros((1, 5000), np.uint8))

    result = scan_sheets(tmp_path / "soc.png", manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [
        ("soc.png", "ảnh 5000 × 1 điểm ảnh quá nhỏ hoặc quá hẹp, không phải ảnh một trang phiếu")]


def test_a_page_between_pillows_warning_and_our_bound_is_measured_without_a_warning(tmp_path):
    # 95 megapixels: over Pillow's DecompressionBombWarning (89) and under MAX_PIXELS.  The files hold one row
    # of pixels, so they do not decode, and say so; the warning (an error under this suite) is not raised.
    (tmp_path / "a.tif").write_bytes(hostile_pages.tiff_pages([(10_000, 9_500), (10_000, 9_500)]))
    (tmp_path / "b.png").write_bytes(hostile_pages.png(10_000, 9_500, rows=1))

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = scan_sheets(tmp_path, manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [
        ("a.tif, trang 1", "không đọc được tệp ảnh"), ("a.tif, trang 2", "không đọc được tệp ảnh"),
        ("b.png", "không đọc được tệp ảnh")]


def test_content_opencv_decodes_but_no_scanner_writes_is_never_decoded(tmp_path):
    # A Radiance HDR named .png: OpenCV decodes it, Pillow does not know it; it is reported unreadable.
    header = b"#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 30000 +X 30000\n"
    (tmp_path / "hdr.png").write_bytes(header + b"\x02\x02\x75\x30" * 4)

    result = scan_sheets(tmp_path / "hdr.png", manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [("hdr.png", "không đọc được tệp ảnh")]


@pytest.mark.skipif(pdf_pages.shutil.which("pdftoppm") is None, reason="poppler's pdftoppm")
def test_a_pdf_page_still_drawing_after_the_time_limit_is_refused_and_the_next_file_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_pages, "PDF_PAGE_SECONDS", 0.05)  # the 81-megapixel image takes pdftoppm ~0.5 s
    (tmp_path / "1_cham.pdf").write_bytes(hostile_pages.pdf_image(9_000, 9_000))
    cv2.imwrite(str(tmp_path / "2_phieu.png"), _filled_sheet(tmp_path))

    result = scan_sheets([tmp_path / "1_cham.pdf", tmp_path / "2_phieu.png"], manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [
        ("1_cham.pdf, trang 1", "trang PDF chưa vẽ xong sau 0.05 giây (tệp hỏng hoặc quá phức tạp): hãy quét lại "
                                "trang này thành ảnh JPG/PNG")]
    assert [(s.source(SCREEN), s.answers()) for s in result.sheets] == [("2_phieu.png", ANSWERS)]


def test_a_pdf_of_a_thousand_pages_is_listed_page_by_page(tmp_path, monkeypatch):
    # Pages are counted without rendering; each is then rendered alone, so memory stays one page.
    (tmp_path / "nghin.pdf").write_bytes(hostile_pages.pdf_pages(1000))

    pages = sources.page_sources(tmp_path / "nghin.pdf")

    assert len(pages) == 1000 and pages[-1].label(SCREEN) == "nghin.pdf, trang 1000"


def test_a_pdf_that_cannot_be_opened_among_other_files_is_a_page_not_read_and_alone_is_refused(tmp_path):
    from lecturer_app.core.errors import InputFileError

    folder = tmp_path / "lo"
    folder.mkdir()
    (folder / "1_hong.pdf").write_bytes(b"%PDF-1.4\n" + b"\x00" * 300)  # a scanner's file cut short
    cv2.imwrite(str(folder / "2_phieu.png"), _filled_sheet(tmp_path))

    result = scan_sheets(folder, manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [("1_hong.pdf", "không đọc được tệp PDF")]
    assert [(s.source(SCREEN), s.answers()) for s in result.sheets] == [("2_phieu.png", ANSWERS)]
    with pytest.raises(InputFileError, match="1_hong.pdf: không đọc được tệp PDF"):
        scan_sheets([folder / "1_hong.pdf"], manifest(QUESTIONS))
