"""Sheets printed before the QR code (layout 0): read from their known old layout, always with a sheet doubt,
or named with a clear reason when their grids cannot be found for certain.

The old sheets are made by the old writer (tests/omr/old_sheet.py, the app's
code before issue #18), whose grid block moved with the heading.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from old_sheet import old_grid_top, write_old_sheet
from PIL import Image
from sheet_maker import Filler, degrade, manifest, render

from lecturer_app.exam.scan import BadPage, SheetRead
from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.omr.reader import scan_sheets

ORGANISATION = ["ĐƠN VỊ CẤP TRÊN", "TRƯỜNG CHÍNH TRỊ TỈNH", "PHÒNG ĐÀO TẠO"]
LINES = ["ĐỀ KIỂM TRA CUỐI KHÓA", "Lớp bồi dưỡng thử nghiệm"]
OLD_DOUBT = "phiếu mẫu cũ (in trước khi phiếu có mã QR): đã tìm các ô theo mẫu cũ; kiểm tra phiếu có đúng của đề này không"


def _old_scan(folder: Path, organisation: list[str], lines: list[str], printed_for: int, sbd: str, code: str,
              answers: list[str], seed: int, damage: tuple[str, ...]) -> np.ndarray:
    """An old sheet printed for *printed_for* questions, filled where the old layout put the bubbles."""
    pdf = write_old_sheet(folder / f"old_{len(organisation)}_{len(lines)}_{printed_for}.pdf", organisation, lines,
                          printed_for)
    image = render(pdf, 200)
    rng = np.random.default_rng(seed)
    shift = old_grid_top(organisation, lines) - L.GRID_TOP
    filler = Filler(image, 200, rng)
    filler.digits(L.shifted(L.sbd_bubbles(), shift), sbd)
    filler.digits(L.shifted(L.code_bubbles(), shift), code)
    for number, answer in enumerate(answers, start=1):
        bubbles = L.shifted([L.answer_bubbles(number, printed_for, 4)], shift + L.OLD_ANSWER_DROP)[0]
        for letter in answer:
            filler.fill(bubbles["ABCD".index(letter)], "pencil")
    return degrade(image, rng, damage)


def _answers(seed: int, count: int = 40) -> list[str]:
    rng = np.random.default_rng(seed)
    return ["" if rng.random() < 0.1 else "ABCD"[int(rng.integers(4))] for _ in range(count)]


@pytest.mark.parametrize("organisation, lines, damage", [
    (0, 0, ("rotate", "noise")), (2, 1, ("rotate", "noise", "jpeg")), (3, 2, ("flip", "rotate", "noise")),
    (1, 2, ("table", "perspective", "shadow", "jpeg")),
])
def test_an_old_sheet_is_read_from_its_old_layout_and_flagged_for_a_check(tmp_path, organisation, lines, damage):
    answers = _answers(organisation * 3 + lines)
    image = _old_scan(tmp_path, ORGANISATION[:organisation], LINES[:lines], 40, "654321", "103", answers, 5, damage)
    path = tmp_path / "old.png"
    Image.fromarray(image).save(path)

    result = scan_sheets(path, manifest(40), previews=True)

    assert result.bad == []
    sheet = result.sheets[0]
    assert (sheet.sbd, sheet.code, [q.answer for q in sheet.questions]) == ("654321", "103", answers)
    assert [(d.field, d.reason(SCREEN)) for d in sheet.doubts] == [("sheet", OLD_DOUBT)]
    assert sheet.answers() == answers, "the sheet doubt asks for a check; the answers read are not in doubt"
    assert sheet.image


@pytest.mark.parametrize("printed_for", [30, 45])
def test_an_old_sheet_printed_for_another_number_of_questions_is_named_as_unreadable(tmp_path, printed_for):
    """Its first rows line up with this exam's grid: reading it would shift answers silently, so it is refused."""
    image = _old_scan(tmp_path, ORGANISATION[:2], LINES, printed_for, "111111", "101", _answers(9, printed_for), 6,
                      ("rotate", "noise"))
    pdf = tmp_path / "cu.pdf"
    Image.fromarray(image).save(pdf, resolution=200)

    result = scan_sheets(pdf, manifest(40))

    assert result.sheets == []
    assert [(b.source(SCREEN), b.reason(SCREEN)) for b in result.bad] == [(
        "cu.pdf, trang 1",
        "phiếu không có mã QR (mẫu phiếu cũ, in trước khi phiếu có mã QR?) và không tìm chắc được vị trí các ô theo "
        "mẫu cũ (phiếu in cho số câu khác, hoặc ảnh quá mờ): hãy nhập bài làm của trang này vào bảng bài làm")]
    assert isinstance(result.bad[0], BadPage) and not isinstance(result.bad[0], SheetRead)
