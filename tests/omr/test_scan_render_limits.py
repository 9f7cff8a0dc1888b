"""A hostile PDF page cannot hold the scan or the machine: each page is drawn within a time and a memory limit.

PDFium (where poppler is missing) used to render in the app's process with
no limit; pdftoppm had a time limit but no memory cap, and a 1 KB page
drawing a progressive JPEG that claims 20000 × 20000 pixels made it take
800 MB.  A file of 100,000 pages was read page by page.  Hủy waited for the
page being drawn (up to its 20 s).  OpenCV's decoders printed "libpng error"
on the terminal.  Every hostile file is made here, small.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from multiprocessing import resource_tracker
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from sheet_maker import fill_sheet, manifest, render, sheet_pdf

from lecturer_app.core.errors import InputFileError
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.omr import pdf_pages
from lecturer_app.importers.omr.reader import scan_sheets
from tests.support import hostile_pages

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = 40
ANSWERS = ["ABCD"[n % 4] if n % 7 else "" for n in range(QUESTIONS)]
POPPLER = ("pdftoppm", "pdfinfo")
SLOW = "trang PDF chưa vẽ xong sau {n} giây (tệp hỏng hoặc quá phức tạp): hãy quét lại trang này thành ảnh JPG/PNG"
TOO_LARGE = "ảnh quá lớn ({size}): một trang được tối đa 100 triệu điểm ảnh (khổ A3 quét ở 600 dpi là khoảng 70 " \
            "triệu); hãy quét lại ở 200–300 dpi"
TOO_LONG = "tệp có {n} trang, quá 2000 trang một tệp (phiếu trả lời 1–2 trang một người): hãy chia thành nhiều " \
           "tệp nhỏ hơn"
BUSY_FILLS = 2000  # PDFium draws these in about 10 s, pdftoppm in more than a minute
CAPPED = """
import json, resource, shutil, sys
from pathlib import Path
sys.path.insert(0, "tests/omr")
from sheet_maker import manifest
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.omr import page_size, pdf_pages
from lecturer_app.importers.omr.reader import scan_sheets

path, renderer = Path(sys.argv[1]), sys.argv[2]
if renderer == "pdfium":
    pdf_pages.shutil.which = lambda tool, *a, **k: None if tool in ("pdftoppm", "pdfinfo") else shutil.which(tool)
page_size.MAX_PIXELS = 10 ** 12  # the images are not measured: only the cap is left to hold the page
pdf_pages.RENDER_MEMORY_MB = 300
result = scan_sheets(path, manifest(40))
# This process's own peak is its memory map's high-water mark (VmHWM): Linux carries ru_maxrss across exec, so
# RUSAGE_SELF would report the pytest process it was started from.  Its renderers are started from this small one.
own = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"bad": [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad], "peak_mb": peak // 1024},
                 ensure_ascii=False))
"""


class Cancelled(Exception):
    """What the GUI's report raises after Hủy (ui/operations.py: OperationCancelled)."""


@pytest.fixture(params=["pdftoppm", "pdfium"])
def renderer(request, monkeypatch) -> str:
    if request.param == "pdfium":
        which = shutil.which
        monkeypatch.setattr(pdf_pages.shutil, "which",
                            lambda tool, *a, **k: None if tool in POPPLER else which(tool, *a, **k))
    elif shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm")
    return request.param


def _filled_sheet(folder: Path) -> np.ndarray:
    base = render(sheet_pdf(folder, QUESTIONS), 150)
    return fill_sheet(base, 150, np.random.default_rng(3), "123456", "101", ANSWERS, QUESTIONS)


def _sheet_as_pdf(folder: Path, path: Path) -> Path:
    Image.fromarray(_filled_sheet(folder)).save(path, "PDF", resolution=150)
    return path


def _live_children() -> set[str]:
    """This process's children still running, "pid name" (Linux's /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        state, parent = fields[1].split()[:2]
        if int(parent) == os.getpid() and state != "Z":
            found.add(fields[0].replace("(", "", 1).strip())
    return found


def test_a_page_pdfium_still_draws_at_the_deadline_is_refused_by_name_and_the_next_pdf_is_read(tmp_path,
                                                                                                  monkeypatch):
    which = shutil.which
    monkeypatch.setattr(pdf_pages.shutil, "which", lambda tool, *a, **k: None if tool in POPPLER else which(tool))
    monkeypatch.setattr(pdf_pages, "PDF_PAGE_SECONDS", 1)
    (tmp_path / "1_cham.pdf").write_bytes(hostile_pages.pdf_busy(BUSY_FILLS))
    sheet = _sheet_as_pdf(tmp_path, tmp_path / "2_phieu.pdf")

    result = scan_sheets([tmp_path / "1_cham.pdf", sheet], manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [("1_cham.pdf, trang 1", SLOW.format(n=1))]
    assert [(s.source(SCREEN), s.answers()) for s in result.sheets] == [("2_phieu.pdf, trang 1", ANSWERS)]


def test_a_slow_page_between_two_sheets_drawn_ahead_by_pdfium_is_refused_and_both_sheets_are_read(tmp_path,
                                                                                                  monkeypatch):
    # PDFium draws the next page while the reader measures this one: the slow page 2 was sent ahead, its time
    # limit counted from when it is asked for; page 3 gets a new process.
    import pypdfium2 as pdfium

    which = shutil.which
    monkeypatch.setattr(pdf_pages.shutil, "which", lambda tool, *a, **k: None if tool in POPPLER else which(tool))
    monkeypatch.setattr(pdf_pages, "PDF_PAGE_SECONDS", 1)
    (tmp_path / "cham.pdf").write_bytes(hostile_pages.pdf_busy(BUSY_FILLS))
    sheet = pdfium.PdfDocument(_sheet_as_pdf(tmp_path, tmp_path / "phieu.pdf"))
    slow = pdfium.PdfDocument(tmp_path / "cham.pdf")
    mixed = pdfium.PdfDocument.new()
    for part in (sheet, slow, sheet):
        mixed.import_pages(part)
    mixed.save(tmp_path / "lan.pdf")
    for document in (mixed, slow, sheet):
        document.close()

    result = scan_sheets(tmp_path / "lan.pdf", manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [("lan.pdf, trang 2", SLOW.format(n=1))]
    assert [(s.source(SCREEN), s.answers()) for s in result.sheets] == [("lan.pdf, trang 1", ANSWERS),
                                                                ("lan.pdf, trang 3", ANSWERS)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the children are listed from /proc")
def test_hủy_stops_the_scan_within_a_second_while_a_pdf_page_is_drawing_and_ends_the_renderer(tmp_path,
                                                                                               renderer):
    (tmp_path / "cham.pdf").write_bytes(hostile_pages.pdf_busy(BUSY_FILLS))
    pressed: list[float] = []

    def report(done: int, total: int) -> None:  # as the GUI's report: raises once Hủy was pressed
        if pressed:
            raise Cancelled

    resource_tracker.ensure_running()  # multiprocessing's helper, started with the first spawn, stays: not ours
    before = _live_children()
    timer = threading.Timer(1.5, lambda: pressed.append(time.monotonic()))
    timer.start()
    with pytest.raises(Cancelled):
        scan_sheets(tmp_path / "cham.pdf", manifest(QUESTIONS), progress=report)
    stopped = time.monotonic()

    assert pressed and stopped - pressed[0] < 1.0
    assert _live_children() - before == set()  # pdftoppm, or PDFium's process, is gone


def test_a_decompression_bomb_page_is_refused_by_the_size_of_its_image_before_it_is_drawn(tmp_path, renderer):
    # A 1 KB page drawing a progressive JPEG claiming 20000 × 20000: pdftoppm took 800 MB to draw it blank.
    (tmp_path / "bom.pdf").write_bytes(hostile_pages.progressive_jpeg_pdf(20_000, 20_000))

    result = scan_sheets(tmp_path / "bom.pdf", manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [
        ("bom.pdf, trang 1", TOO_LARGE.format(size="20000 × 20000 điểm ảnh"))]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
def test_what_the_measure_lets_through_fails_inside_the_renderers_memory_cap(tmp_path, renderer):
    # The images are not measured here (MAX_PIXELS patched out in the child): 800 MB of coefficients asked for
    # by the renderer, capped at 300 MB.  The page is not read, and no process of the scan grew past the cap.
    (tmp_path / "bom.pdf").write_bytes(hostile_pages.progressive_jpeg_pdf(20_000, 20_000))

    done = subprocess.run([sys.executable, "-c", CAPPED, str(tmp_path / "bom.pdf"), renderer], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})

    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert [source for source, _ in report["bad"]] == ["bom.pdf, trang 1"]
    assert report["peak_mb"] < 500


def test_a_pdf_of_100000_pages_is_refused_from_its_page_count(tmp_path):
    (tmp_path / "tram_nghin.pdf").write_bytes(hostile_pages.pdf_pages(100_000))

    with pytest.raises(InputFileError) as refused:
        scan_sheets(tmp_path / "tram_nghin.pdf", manifest(QUESTIONS))

    assert str(refused.value) == f"{tmp_path / 'tram_nghin.pdf'}: " + TOO_LONG.format(n=100000)


def test_among_other_files_a_pdf_or_tiff_of_too_many_pages_is_one_page_not_read(tmp_path, renderer):
    (tmp_path / "1_dai.pdf").write_bytes(hostile_pages.pdf_pages(2001))
    (tmp_path / "2_dai.tif").write_bytes(hostile_pages.tiff_pages([(200, 300)] * 2001))
    cv2.imwrite(str(tmp_path / "3_phieu.png"), _filled_sheet(tmp_path))

    result = scan_sheets([tmp_path / "1_dai.pdf", tmp_path / "2_dai.tif", tmp_path / "3_phieu.png"],
                         manifest(QUESTIONS))

    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [("1_dai.pdf", TOO_LONG.format(n=2001)),
                                                          ("2_dai.tif", TOO_LONG.format(n=2001))]
    assert [(s.source(SCREEN), s.answers()) for s in result.sheets] == [("3_phieu.png", ANSWERS)]


def test_damaged_png_and_jpeg_files_leave_stderr_clean_and_are_named_in_the_report(tmp_path, capfd):
    sheet = _filled_sheet(tmp_path)
    png = bytearray(cv2.imencode(".png", sheet)[1].tobytes())
    png[len(png) // 2] ^= 0xFF  # inside IDAT: libpng printed "libpng error: IDAT: CRC error"
    (tmp_path / "1_hong.png").write_bytes(bytes(png))
    jpeg = cv2.imencode(".jpg", sheet)[1].tobytes()
    (tmp_path / "2_cut.jpg").write_bytes(jpeg[: len(jpeg) // 3])  # libjpeg: "Premature end of JPEG file"
    capfd.readouterr()

    result = scan_sheets(tmp_path, manifest(QUESTIONS))

    assert capfd.readouterr().err == ""
    assert ("1_hong.png", "không đọc được tệp ảnh") in [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad]
    assert "2_cut.jpg" in [entry.source(SCREEN) for entry in [*result.bad, *result.sheets]]


def test_without_a_stderr_at_all_images_are_still_read(tmp_path, monkeypatch):
    # A Windows GUI app has no console: sys.stderr is None and fd 2 is not open.
    cv2.imwrite(str(tmp_path / "phieu.png"), _filled_sheet(tmp_path))
    monkeypatch.setattr(sys, "stderr", None)
    saved = os.dup(2)
    os.close(2)
    try:
        result = scan_sheets(tmp_path / "phieu.png", manifest(QUESTIONS))
    finally:
        os.dup2(saved, 2)
        os.close(saved)

    assert [(s.source(SCREEN), s.answers()) for s in result.sheets] == [("phieu.png", ANSWERS)]
