"""Sheets of several pages (an exam with more questions than one page holds) and multi-page TIFF scans.

The QR code of each page says which page it is; the pages of one learner
are joined by SBD (or, when a page's SBD cannot be read, by the scanner's
order), and a page that is missing is a doubt naming the page and its
questions, graded "?" until the officer settles it.
"""

from __future__ import annotations

import re

import cv2
import numpy as np
import pytest
from PIL import Image
from sheet_maker import degrade, fill_sheet, manifest, render, sheet_pdf

from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.omr.reader import scan_sheets

QUESTIONS = 150  # more than the 125 one page holds: two pages of 75


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[int, np.ndarray]:
    pdf = sheet_pdf(tmp_path_factory.mktemp("multi"), QUESTIONS)
    return {page: render(pdf, 200, page) for page in (1, 2)}


def _answers(seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    return ["" if rng.random() < 0.1 else "ABCD"[int(rng.integers(4))] for _ in range(QUESTIONS)]


def _page(pages, page: int, sbd: str, answers: list[str], seed: int, odd=None) -> np.ndarray:
    rng = np.random.default_rng(seed)
    image = fill_sheet(pages[page].copy(), 200, rng, sbd, "102", answers, QUESTIONS, odd=odd, page=page)
    return degrade(image, rng, ("rotate", "noise"))


def test_an_exam_too_large_for_one_page_prints_a_sheet_of_two_pages_with_the_page_in_the_qr_code(tmp_path):
    import subprocess

    pdf = sheet_pdf(tmp_path, QUESTIONS)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+2$", info, re.MULTILINE)
    assert (L.page_questions(1, QUESTIONS), L.page_questions(2, QUESTIONS)) == (range(1, 76), range(76, 151))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Trang 1/2" in text and "Trang 2/2" in text and "150" in text


def test_the_pages_of_each_learner_are_joined_and_a_missing_page_is_flagged(pages, tmp_path):
    exam = manifest(QUESTIONS)
    one, two, three = _answers(1), _answers(2), _answers(3)
    scans = [_page(pages, 1, "100001", one, 11), _page(pages, 2, "100001", one, 12),
             _page(pages, 2, "100002", two, 13, odd={100: [("A" if two[99] != "A" else "B", "faint")]}),
             _page(pages, 1, "100002", two, 14),  # the pages of a learner in either order
             _page(pages, 1, "100003", three, 15)]  # page 2 of this learner is lost
    scan = tmp_path / "scan.pdf"
    images = [Image.fromarray(image) for image in scans]
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200)

    result = scan_sheets(scan, exam)

    assert result.bad == []
    assert [(s.sbd, s.code, [p.sheet_page for p in s.page_parts()]) for s in result.sheets] == [
        ("100001", "102", [1, 2]), ("100002", "102", [1, 2]), ("100003", "102", [1])]
    first, second, third = result.sheets
    assert first.answers() == one and first.doubts == []
    assert second.source(SCREEN) == "scan.pdf, trang 4 + scan.pdf, trang 3"
    assert second.to_json()["parts"] == [{"sheet_page": 1, "page": 4, "source": "scan.pdf, trang 4"},
                                         {"sheet_page": 2, "page": 3, "source": "scan.pdf, trang 3"}]
    assert [d.question for d in second.doubts] == [100]
    assert second.answers() == [*two[:99], "?", *two[100:]]
    assert [d.reason(SCREEN) for d in third.doubts] == [
        "thiếu trang 2/2 của phiếu (câu 76–150): tìm trang đó và quét lại, hoặc nhập các câu đó rồi chấp nhận"]
    assert third.answers() == [*three[:75], *["?"] * 75]


def test_a_page_whose_sbd_is_not_filled_joins_the_learner_scanned_just_before_it(pages, tmp_path):
    exam = manifest(QUESTIONS)
    answers = _answers(4)
    folder = tmp_path / "anh"
    folder.mkdir()
    cv2.imwrite(str(folder / "a1.png"), _page(pages, 1, "200001", answers, 21))
    cv2.imwrite(str(folder / "a2.jpg"), _page(pages, 2, "", answers, 22))  # SBD left blank on page 2

    result = scan_sheets(folder, exam)

    assert len(result.sheets) == 1
    sheet = result.sheets[0]
    assert sheet.sbd == "200001" and [q.answer for q in sheet.questions] == answers
    assert [d.reason(SCREEN) for d in sheet.doubts][:1] == ["Trang 2/2: SBD: cột 1: cột chưa tô"]


def test_a_multi_page_tiff_and_a_folder_mixing_pdf_jpg_png_and_tiff_are_read_page_by_page(tmp_path):
    exam = manifest(40)
    base = render(sheet_pdf(tmp_path, 40), 200)
    learners = [(f"30000{n}", _answers(30 + n)[:40]) for n in range(6)]
    images = [fill_sheet(base.copy(), 200, np.random.default_rng(n), sbd, "101", answers, 40)
              for n, (sbd, answers) in enumerate(learners)]
    folder = tmp_path / "mixed"
    folder.mkdir()
    Image.fromarray(images[0]).save(folder / "1.pdf", resolution=200)
    cv2.imwrite(str(folder / "2.jpg"), images[1])
    cv2.imwrite(str(folder / "3.png"), images[2])
    stack = [Image.fromarray(image) for image in images[3:]]
    stack[0].save(folder / "4.tif", save_all=True, append_images=stack[1:], compression="tiff_lzw")

    result = scan_sheets(folder, exam)

    assert result.bad == [] and result.pages == 6
    assert [(s.source(SCREEN), s.sbd, s.answers()) for s in result.sheets] == [
        ("1.pdf, trang 1", *learners[0]), ("2.jpg", *learners[1]), ("3.png", *learners[2]),
        ("4.tif, trang 1", *learners[3]), ("4.tif, trang 2", *learners[4]), ("4.tif, trang 3", *learners[5])]
