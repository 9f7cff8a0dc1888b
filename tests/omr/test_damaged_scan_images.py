"""A damaged image never grades silently: an answer is read as filled, or it is a doubt, or the page is not read.

The four corner marks fix the page as a whole.  A JPEG whose data is damaged
(one flipped bit) decodes with everything after the damage shifted or
garbled, and a part of the page that moved on its own was measured where no
bubble is: filled answers were read blank with no doubt (found by the input
fuzzer, docs/design/hardening.md).  Each bubble's printed circle must now be
seen where it is measured.

A damaged file can also decode "successfully": libjpeg reads past a marker
in the compressed data, or the end of a file cut short, as gray or garbled
blocks, and says so only on stderr ("Corrupt JPEG data: premature end of data
segment"); libpng warns of a chunk whose CRC is wrong and goes on.  Such a
page carries a sheet-level doubt naming the damage, so the whole sheet goes to
review; a file that does not decode at all is a page not read, as before.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image
from sheet_maker import fill_sheet, manifest, render, sheet_pdf

from lecturer_app.exam.scan import UNSURE
from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.i18n import DOCUMENT, SCREEN
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


DAMAGED = ("tệp ảnh bị hỏng một phần (tệp JPEG, PNG hoặc TIFF lỗi), có chỗ có thể xám hoặc méo: kiểm tra lại từng "
           "câu của trang này, hoặc quét lại trang")


def _jpeg(image: np.ndarray, restarts: bool = False) -> bytes:
    """JPEG at quality 85; *restarts*: a restart marker after every row of 8 × 8 blocks, as many scanners and
    cameras write them, so a decoder picks up again after damage and only a band of the page is lost."""
    every = -(-image.shape[1] // 8) if restarts else 0
    return cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 85, cv2.IMWRITE_JPEG_RST_INTERVAL, every])[1].tobytes()


def _cut(data: bytes, kept: float, end_marker: bool) -> bytes:
    """The file cut short (a copy stopped, a card pulled out), its end marker written after or not."""
    return data[:int(len(data) * kept)] + (b"\xff\xd9" if end_marker else b"")


def _png(image: np.ndarray) -> bytes:
    return cv2.imencode(".png", image)[1].tobytes()


def _chunk(kind: bytes, body: bytes, crc_wrong: bool = False) -> bytes:
    crc = zlib.crc32(kind + body) ^ (0xFFFFFFFF if crc_wrong else 0)
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def _marker_in_scan_data(data: bytes, where: float) -> bytes:
    """Two bytes of the compressed data made a marker (FF 12): what a bad sector or a bad copy leaves."""
    start = data.index(b"\xff\xda") + 20
    place = start + int((len(data) - 2 - start) * where)
    return data[:place] + b"\xff\x12" + data[place + 2:]


def _png_with_a_wrong_crc(data: bytes, after_the_pixels: bool) -> bytes:
    """A text chunk whose CRC does not match, after the header (Pillow, which reads the header chunks to
    measure the page, refuses the file) or after the image data (libpng warns and decodes the pixels)."""
    place = len(data) - 12 if after_the_pixels else 8 + 25  # before IEND, or after IHDR
    return data[:place] + _chunk(b"tEXt", b"Comment\x00may quet", crc_wrong=True) + data[place:]


def _first_idat_crc_wrong(data: bytes) -> bytes:
    kind = data.index(b"IDAT")
    crc = kind + 4 + struct.unpack(">I", data[kind - 4:kind])[0]
    return data[:crc] + bytes([data[crc] ^ 0xFF]) + data[crc + 1:]


def _scan_damaged(filled, tmp_path, damages: dict, damage: str):
    """The filled sheet saved with *damages*[*damage*] done to its file (a PNG when the name says so), scanned."""
    suffix = ".png" if damage.startswith("png") else ".jpg"
    path = tmp_path / f"hong{suffix}"
    path.write_bytes(damages[damage](filled))
    return scan_sheets(path, manifest(QUESTIONS))

DECODES_DAMAGED = {
    "jpeg cut in its last rows, end marker written": lambda image: _cut(_jpeg(image), 0.99, end_marker=True),
    "jpeg with restarts, a marker in its data at the top": lambda image: _marker_in_scan_data(_jpeg(image, True), 0.3),
    "jpeg with restarts, a marker among the answers": lambda image: _marker_in_scan_data(_jpeg(image, True), 0.6),
    "jpeg with restarts, a marker at the bottom": lambda image: _marker_in_scan_data(_jpeg(image, True), 0.9),
    "jpeg, a marker in its data at the bottom": lambda image: _marker_in_scan_data(_jpeg(image), 0.9),
    "png with a chunk whose crc is wrong": lambda image: _png_with_a_wrong_crc(_png(image), after_the_pixels=True),
}


@pytest.mark.parametrize("damage", DECODES_DAMAGED)
def test_an_image_that_decodes_with_damage_sends_the_whole_sheet_to_review(filled, tmp_path, damage):
    result = _scan_damaged(filled, tmp_path, DECODES_DAMAGED, damage)

    assert result.bad == [], [b.reason(SCREEN) for b in result.bad]
    sheet = result.sheets[0]
    first = sheet.open_doubts[0]
    assert (first.field, first.question, first.reason(DOCUMENT)) == ("sheet", 0, DAMAGED)
    assert first.to_json()["field"] == "sheet"  # what the fuzzer's oracle and `exam scan --json` read


def test_a_bad_marker_anywhere_in_a_jpeg_with_restarts_reads_nothing_silently_and_names_the_damage(filled, tmp_path):
    # A restart marker after every row of blocks: the decoder picks up after the damage, so the page is found
    # and read with one band of it gray or garbled.  The ring check already made that band's bubbles doubts
    # (no silent misread at any of these places before the damage doubt either); the doubt says why.
    data, exam = _jpeg(filled, restarts=True), manifest(QUESTIONS)
    findings, without_damage_doubt = [], []
    for where in np.linspace(0.02, 0.98, 24):
        path = tmp_path / f"hong_{where:.2f}.jpg"
        path.write_bytes(_marker_in_scan_data(data, where))
        result = scan_sheets(path, exam)
        assert result.bad == [] and len(result.sheets) == 1
        sheet = result.sheets[0]
        if [d.reason(DOCUMENT) for d in sheet.open_doubts[:1]] != [DAMAGED]:
            without_damage_doubt.append(f"{where:.2f}")
        sheet.doubts = [d for d in sheet.doubts if d.field != "sheet"]  # what was read, the doubt aside
        findings += _silent_misreads(result)
    assert (findings, without_damage_doubt) == ([], [])


FAILS_TO_DECODE = {
    "jpeg cut mid-scan": lambda image: _cut(_jpeg(image), 0.6, end_marker=False),
    "jpeg cut mid-scan, end marker written": lambda image: _cut(_jpeg(image), 0.6, end_marker=True),
    "jpeg, a marker in its data at the top": lambda image: _marker_in_scan_data(_jpeg(image), 0.3),
    "png whose image data fails its crc": lambda image: _first_idat_crc_wrong(_png(image)),
    "png whose header chunks fail their crc": lambda image: _png_with_a_wrong_crc(_png(image), after_the_pixels=False),
}


@pytest.mark.parametrize("damage", FAILS_TO_DECODE)
def test_an_image_too_damaged_to_read_is_a_page_not_read_or_a_sheet_to_review(filled, tmp_path, damage):
    # OpenCV 5 refuses a JPEG cut short; one whose lower part decoded gray has no corner marks there.  A build
    # of OpenCV that decodes what it has must then say the file is damaged.
    result = _scan_damaged(filled, tmp_path, FAILS_TO_DECODE, damage)

    refused = len(result.bad) == 1 and not result.sheets
    doubted = [d.reason(DOCUMENT) for s in result.sheets for d in s.open_doubts[:1]] == [DAMAGED]
    assert refused or doubted


@pytest.mark.parametrize("name", ["phieu.jpg", "phieu_restarts.jpg", "phieu.png"])
def test_an_undamaged_jpeg_or_png_carries_no_damage_doubt(filled, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(_png(filled) if name.endswith(".png") else _jpeg(filled, restarts="restarts" in name))
    sheet = scan_sheets(path, manifest(QUESTIONS)).sheets[0]
    assert [d.reason(DOCUMENT) for d in sheet.open_doubts if d.field == "sheet"] == []


def test_the_decoders_complaint_is_heard_but_never_printed_and_stderr_works_after(filled, tmp_path, capfd):
    path = tmp_path / "hong.jpg"
    path.write_bytes(_marker_in_scan_data(_jpeg(filled, True), 0.6))
    capfd.readouterr()

    scan_sheets(path, manifest(QUESTIONS))
    os.write(2, b"after the scan\n")

    assert capfd.readouterr().err == "after the scan\n"


def test_a_multi_page_tiff_cut_short_reads_its_first_page_as_damaged_not_an_unexpected_error(filled, tmp_path):
    # Pillow's TIFF reader, opened directly to measure every page, raised TypeError "Missing dimensions" on the
    # broken list of pages: "Lỗi không mong đợi" and the whole scan stopped.  Its first page decodes whole;
    # the others are lost, which the damage doubt says (scan again).
    whole = tmp_path / "xap.tif"
    pages = [Image.fromarray(filled)] * 3
    pages[0].save(whole, save_all=True, append_images=pages[1:], compression="tiff_lzw")
    cut = tmp_path / "xap_cut.tif"
    cut.write_bytes(whole.read_bytes()[:whole.stat().st_size * 6 // 10])

    result = scan_sheets(cut, manifest(QUESTIONS))

    assert (result.pages, result.bad) == (1, [])
    assert [d.reason(DOCUMENT) for d in result.sheets[0].open_doubts[:1]] == [DAMAGED]


def test_the_damage_is_heard_where_the_process_has_no_stderr_at_all(filled, tmp_path):
    # A Windows GUI app has no fd 2: the decoder gets one for its time, and fd 2 is closed again after.
    path = tmp_path / "hong.jpg"
    path.write_bytes(_marker_in_scan_data(_jpeg(filled, True), 0.6))
    script = ("import os, sys\n"
              "os.close(2)\n"
              "from lecturer_app.importers.omr.sources import page_sources\n"
              "page = page_sources(__import__('pathlib').Path(sys.argv[1]))[0].load()\n"
              "try:\n"
              "    os.fstat(2)\n"
              "    fd2 = 'open'\n"
              "except OSError:\n"
              "    fd2 = 'closed'\n"
              "print(page.pixels is not None, page.damaged, fd2)\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)}, check=True)
    assert done.stdout.split() == ["True", "True", "closed"]
