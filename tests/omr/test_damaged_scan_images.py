"""A damaged image never grades silently: an answer is read as filled, or it is a doubt, or the page is not read.

The four corner marks fix the page as a whole.  A JPEG whose data is damaged
(one flipped bit) decodes with everything after the damage shifted or
garbled, and a part of the page that moved on its own was measured where no
bubble is: filled answers were read blank with no doubt (found by the input
fuzzer, docs/design/hardening.md).  Each bubble's printed circle must now be
seen where it is measured.
"""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from sheet_maker import fill_sheet, manifest, render, sheet_pdf

from lecturer_app.exam.scan import UNSURE
from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.i18n import SCREEN
from lecturer_app.importers.omr.reader import scan_sheets

QUESTIONS = 40
DPI = 150
ANSWERS = ["ABCD"[(n * 3) % 4] for n in range(QUESTIONS)]


@pytest.fixture(scope="module")
def filled(tmp_path_factory) -> np.ndarray:
    base = render(sheet_pdf(tmp_path_factory.mktemp("sheet"), QUESTIONS), DPI)
    return fill_sheet(base, DPI, np.random.default_rng(8), "402611", "101", ANSWERS, QUESTIONS)


def _silent_misreads(result) -> list[str]:
    """Values read other than what was filled with no doubt said about them."""
    wrong = []
    for sheet in result.sheets:
        fields = {d.field for d in sheet.open_doubts}
        if "sheet" in fields:
            continue
        if sheet.sbd != "402611" and "sbd" not in fields or sheet.code != "101" and "code" not in fields:
            wrong.append(f"{sheet.source(SCREEN)}: SBD {sheet.sbd}, mã đề {sheet.code}")
        wrong += [f"{sheet.source(SCREEN)}: câu {n} read {got!r}" for n, (got, want) in enumerate(zip(sheet.answers(), ANSWERS), 1)
                  if got not in (want, UNSURE)]
    return wrong


def test_answers_in_a_part_of_the_page_that_moved_on_its_own_are_doubts_not_blanks(filled, tmp_path):
    # What a desynchronised JPEG gives: from one row of blocks down, the image is shifted 5 mm to the right
    # (the bottom corner marks with it, so the marks still frame a page).
    image = filled.copy()
    top = int((L.BUBBLES_TOP + 30) / 25.4 * DPI)
    shift = int(5 / 25.4 * DPI)
    image[top:, shift:] = filled[top:, :-shift]
    image[top:, :shift] = 255
    cv2.imwrite(str(tmp_path / "lech.png"), image)

    result = scan_sheets(tmp_path / "lech.png", manifest(QUESTIONS))

    assert _silent_misreads(result) == []
    sheet = result.sheets[0]
    unseen = [d for d in sheet.open_doubts if "không thấy vòng in" in d.reason(SCREEN)]
    assert unseen and UNSURE in sheet.answers()


def test_no_flipped_bit_in_a_jpeg_scan_changes_an_answer_without_a_doubt(filled, tmp_path):
    # 48 bits flipped one at a time across the compressed data; before the check two of them read a filled
    # answer blank with no doubt.
    ok, encoded = cv2.imencode(".jpg", filled, [cv2.IMWRITE_JPEG_QUALITY, 85])
    data = encoded.tobytes()
    start = data.index(b"\xff\xda") + 2 + int.from_bytes(data[data.index(b"\xff\xda") + 2:][:2], "big")
    end = len(data) - 2  # the entropy-coded data, between the scan header and the end marker
    exam = manifest(QUESTIONS)
    findings = []
    for number, place in enumerate(np.linspace(start, end - 1, 48).astype(int)):
        damaged = bytearray(data)
        damaged[place] ^= 1 << (number % 8)
        path = tmp_path / f"lat_{place}.jpg"
        path.write_bytes(bytes(damaged))
        findings += _silent_misreads(scan_sheets(path, exam))
    assert findings == []


def test_the_undamaged_sheet_reads_with_no_doubt(filled, tmp_path):
    cv2.imwrite(str(tmp_path / "phieu.png"), filled)
    sheet = scan_sheets(tmp_path / "phieu.png", manifest(QUESTIONS)).sheets[0]
    assert (sheet.sbd, sheet.code, sheet.answers(), sheet.open_doubts) == ("402611", "101", ANSWERS, [])
