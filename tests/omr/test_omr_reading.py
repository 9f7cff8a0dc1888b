"""Reading the app's own sheets, filled and degraded by the tests: accuracy goals of issue #18.

Clean 150/200/300 dpi renders: every SBD, mã đề and answer right, no doubt.
Degraded scans and photos: no silent error (a question read wrong is always
flagged), every deliberately doubtful mark flagged, and (almost) no doubt
where the marks are clear.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
import pytest
from sheet_maker import DAMAGE_KINDS, Filler, degrade, fill_sheet, manifest, render, sheet_pdf

from lecturer_app.exam.scan import BadPage, SheetRead
from lecturer_app.i18n import SCREEN, plain
from lecturer_app.importers.omr.reader import read_page
from lecturer_app.importers.omr.sources import PageSource

QUESTIONS = 40


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("omr")


@pytest.fixture(scope="module")
def renders(folder) -> dict[int, np.ndarray]:
    pdf = sheet_pdf(folder, QUESTIONS)
    return {dpi: render(pdf, dpi) for dpi in (150, 200, 300)}


def _learner(seed: int, doubtful: bool) -> tuple[str, list[str], dict, str, np.random.Generator]:
    rng = np.random.default_rng(seed)
    answers = ["" if rng.random() < 0.1 else "ABCD"[int(rng.integers(4))] for _ in range(QUESTIONS)]
    odd = {}
    if doubtful:
        for q in rng.choice(QUESTIONS, 4, replace=False):
            others = [letter for letter in "ABCD" if letter not in answers[q]]
            odd[int(q) + 1] = [(str(rng.choice(others)), str(rng.choice(["faint", "partial", "cross", "x"])))]
    return f"{seed * 7919 % 1000000:06d}", answers, odd, str(rng.choice(["pencil", "pen"])), rng


def _read(image: np.ndarray, path: Path, exam=None) -> SheetRead | BadPage:
    cv2.imwrite(str(path), image)
    return read_page(PageSource(path, 0, plain(path.name)), 1, exam or manifest(QUESTIONS))


@pytest.mark.parametrize("dpi", [150, 200, 300])
def test_clean_scans_are_read_entirely_and_without_doubt(renders, folder, dpi):
    for seed in range(2):
        sbd, answers, _odd, style, rng = _learner(seed, doubtful=False)
        image = fill_sheet(renders[dpi].copy(), dpi, rng, sbd, "102", answers, QUESTIONS, style=style)
        Filler(image, dpi, rng).stray(3)
        sheet = _read(image, folder / f"clean_{dpi}_{seed}.png")
        assert isinstance(sheet, SheetRead), sheet
        assert (sheet.sbd, sheet.code) == (sbd, "102")
        assert [q.answer for q in sheet.questions] == answers
        assert sheet.doubts == []
        assert min(q.confidence for q in sheet.questions) > 0.5


DAMAGE = DAMAGE_KINDS


def _errors(sheet: SheetRead, answers: list[str], odd: dict) -> tuple[list, list, list]:
    """(silent errors, doubtful marks not flagged, clear questions flagged)."""
    flagged = {d.question for d in sheet.doubts}
    silent, missed, needless = [], [], []
    for number, (want, read) in enumerate(zip(answers, sheet.questions), start=1):
        if number in odd:
            (missed if number not in flagged else []).append(number)
        elif number in flagged:
            needless.append(number)
        elif read.answer != want:
            silent.append((number, want, read.answer))
    return silent, missed, needless


@pytest.mark.slow
@pytest.mark.parametrize("dpi", [150, 200])
def test_degraded_scans_and_photos_make_no_silent_error(renders, folder, dpi):
    silent, missed, needless, questions = [], [], [], 0
    for index, kinds in enumerate(DAMAGE):
        for seed in range(2):
            sbd, answers, odd, style, rng = _learner(1000 + 10 * index + seed, doubtful=True)
            image = fill_sheet(renders[dpi].copy(), dpi, rng, sbd, "104", answers, QUESTIONS, style=style, odd=odd)
            sheet = _read(degrade(image, rng, kinds), folder / f"bad_{dpi}_{index}_{seed}.jpg")
            assert isinstance(sheet, SheetRead), (kinds, sheet)
            assert sheet.sbd == sbd and sheet.code == "104", (kinds, sheet.doubts)
            errors = _errors(sheet, answers, odd)
            silent += errors[0]
            missed += errors[1]
            needless += errors[2]
            questions += QUESTIONS
    assert silent == [] and missed == []
    assert len(needless) <= questions // 1000, needless


def test_an_upside_down_page_is_turned_and_read(renders, folder):
    sbd, answers, _odd, style, rng = _learner(7, doubtful=False)
    image = fill_sheet(renders[200].copy(), 200, rng, sbd, "101", answers, QUESTIONS, style=style)
    sheet = _read(degrade(image, rng, ("flip",)), folder / "flipped.png")
    assert [q.answer for q in sheet.questions] == answers
    assert [note(SCREEN) for note in sheet.notes] == ["trang bị lật ngược, đã xoay lại để đọc"]


@pytest.mark.parametrize("mark, reason", [
    ("faint", "ô C tô mờ hoặc chưa kín"), ("partial", "ô C tô mờ hoặc chưa kín"),
    ("cross", "ô C bị gạch chéo hoặc tô rồi xóa"), ("pencil", "tô 2 ô (AC) ở câu chỉ có một đáp án"),
])
def test_each_kind_of_doubtful_mark_is_flagged_with_its_reason(renders, folder, mark, reason):
    answers = ["A"] * QUESTIONS
    image = fill_sheet(renders[200].copy(), 200, np.random.default_rng(1), "123456", "103", answers, QUESTIONS,
                       odd={5: [("C", mark)]})
    sheet = _read(image, folder / f"odd_{mark}.png")
    assert [(d.question, d.reason(SCREEN)) for d in sheet.doubts] == [(5, reason)]
    assert sheet.answers()[4] == "?"
    assert sheet.questions[4].confidence == 0


def test_unfilled_or_double_digits_make_the_sbd_and_code_doubtful(renders, folder):
    from lecturer_app.formats.answer_sheet_layout import code_bubbles

    rng = np.random.default_rng(2)
    image = fill_sheet(renders[200].copy(), 200, rng, "12345", "10", ["B"] * QUESTIONS, QUESTIONS)
    Filler(image, 200, rng).fill(code_bubbles()[0][7])
    sheet = _read(image, folder / "digits.png")
    reasons = [d.reason(SCREEN) for d in sheet.doubts]
    assert reasons == ["SBD: cột 6: cột chưa tô", "Mã đề: cột 1: tô 2 số (1, 7)", "Mã đề: cột 3: cột chưa tô"]
    assert (sheet.sbd, sheet.code) == ("12345?", "?0?")
    assert (sheet.sbd_confidence, sheet.code_confidence) == (0, 0)


@pytest.mark.parametrize("case, reason", [
    ("blank", "trang trắng"),
    ("text", "không phải phiếu trả lời: không thấy đủ 4 dấu vuông ở 4 góc (hoặc ảnh bị cắt mất góc)"),
    ("other exam", "phiếu của một đề khác (mã đề thi trên phiếu 0193b6e2-5c1d-7a00-8000-00000000abcd, đề đang chấm "
                   "other-exam)"),
    ("other size", "phiếu in cho 40 câu nhưng đề có 30 câu trắc nghiệm"),
])
def test_pages_that_are_not_this_exams_sheets_are_named_with_the_reason(renders, folder, case, reason):
    image = renders[200].copy()
    exam = manifest(QUESTIONS)
    if case == "blank":
        image = np.full_like(image, 245)
    elif case == "text":
        image = cv2.putText(np.full_like(image, 250), "Bien ban coi thi", (200, 400), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 6)
    elif case == "other exam":
        exam = manifest(QUESTIONS, exam_id="other-exam")
    else:
        exam = manifest(30)
    page = _read(image, folder / f"page_{case}.png", exam)
    assert isinstance(page, BadPage) and page.reason(SCREEN) == reason


def test_a_smudged_qr_code_is_read_by_the_exams_layout_and_flagged(renders, folder):
    from lecturer_app.formats import answer_sheet_layout as L

    sbd, answers, _odd, style, rng = _learner(3, doubtful=False)
    image = fill_sheet(renders[200].copy(), 200, rng, sbd, "101", answers, QUESTIONS, style=style)
    scale = 200 / 25.4
    x, y = int((L.QR_X + 7) * scale), int((L.QR_Y + 7) * scale)
    image[y:y + int(6 * scale), x:x + int(6 * scale)] = 255  # a blot of correction fluid across the code
    image[y - 20:y, x:x + int(6 * scale)] = 0
    sheet = _read(image, folder / "smudged.png")
    assert [q.answer for q in sheet.questions] == answers
    assert sheet.doubts[0].field == "sheet" and "mã QR của phiếu không đọc được" in sheet.doubts[0].reason(SCREEN)


def test_a_folder_is_read_in_name_order_with_progress_and_can_be_cancelled(renders, folder):
    from lecturer_app.importers.omr.reader import ScanCancelled, scan_sheets

    pages = folder / "pages"
    pages.mkdir()
    for index in (10, 9):  # "p9" before "p10": numbers in names sort as numbers
        sbd, answers, _odd, style, rng = _learner(index, doubtful=False)
        image = fill_sheet(renders[150].copy(), 150, rng, sbd, "101", answers, QUESTIONS, style=style)
        cv2.imwrite(str(pages / f"p{index}.png"), image)
    (pages / "ghi_chu.txt").write_text("not a page")
    seen = []
    result = scan_sheets(pages, manifest(QUESTIONS), progress=lambda done, total: seen.append((done, total)))
    assert [s.source(SCREEN) for s in result.sheets] == ["p9.png", "p10.png"] and result.bad == []
    assert seen == [(0, 2), (1, 2), (2, 2)]
    with pytest.raises(ScanCancelled):
        scan_sheets(pages, manifest(QUESTIONS), cancel=lambda: True)


def test_without_opencv_the_scan_says_what_is_missing(monkeypatch, folder):
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.importers.omr.reader import scan_sheets

    monkeypatch.setitem(sys.modules, "cv2", None)
    with pytest.raises(UserFacingError, match=r"cần thư viện OpenCV \(opencv-python-headless\) và numpy.*\(cv2\)"):
        scan_sheets(folder, manifest(QUESTIONS))


def test_a_sheet_printed_for_an_exam_without_an_id_reads_back_as_that_exam():
    from lecturer_app.formats import answer_sheet_layout as L

    printed = L.SheetCode("", 1, 1, 40, 4)   # manifests written before exams had ids
    assert "||" not in L.qr_payload(printed), "the id field is never empty in the QR code"
    assert L.parse_qr_payload(L.qr_payload(printed)) == printed
