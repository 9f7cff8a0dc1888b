"""What the scanner doubted is worded where it is shown: in English on an English screen, in Vietnamese in every
file written from it (the scanned-answers file, the score sheet graded from it, the phúc khảo copy).

Three sheets scanned into one PDF (a faint mark, two marks on a single-answer question, a duplicate SBD, a page
upside down) are read by ``exam scan`` once in the Vietnamese UI and once with ``--lang en``: the files are the
same (their write times aside), hold no English, and the command's messages are English.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from sheet_maker import degrade, fill_sheet, render

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path
from lecturer_app.exam.manifest import read_manifest
from tests.exam import exam_bank_data
from tests.support.cli_runs import run_in as run
from tests.support.written_files import contents, text_of

# The catalogue's English for the reasons, sources and notes a scan gives: none may be in a written file.
ENGLISH = ("page", "Page", "Question", "bubble", "faint", "filled", "candidate number", "also on", "not one of")


@pytest.fixture
def back_to_vietnamese():
    yield
    i18n.setup("vi", None)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(data folder, exam folder, a PDF of three filled sheets of its 40 questions)."""
    data = exam_bank_data.data_folder(tmp_path_factory)
    exam = tmp_path_factory.mktemp("exam") / "de"
    code, _out, err = run(data, "exam", "build", "--topics", "LS-01,LS-02,LS-03", "--mc", "40", "--versions", "2",
                          "--seed", "7", "-o", str(exam), "--no-docx")
    assert code == 0, err
    versions = read_manifest(exam).versions
    first, second = sorted(versions)
    key = {code: [item.key for item in versions[code].items] for code in versions}
    other = {code: ["ABCD"[("ABCD".index(k) + 1) % 4] for k in key[code]] for code in versions}
    base, rng = render(exam / "phieu_tra_loi.pdf", 200), np.random.default_rng(14)
    pages = [fill_sheet(base.copy(), 200, rng, "000101", first, key[first], 40, odd={7: [(other[first][6], "faint")]}),
             fill_sheet(base.copy(), 200, rng, "000101", second, key[second], 40,
                        odd={12: [(other[second][11], "pencil")]}),
             degrade(fill_sheet(base.copy(), 200, rng, "000103", first, key[first], 40), rng, ("flip",))]
    scan = exam.parent / "scan.pdf"
    images = [Image.fromarray(page) for page in pages]
    images[0].save(scan, save_all=True, append_images=images[1:], resolution=200, quality=80)
    return data, exam, scan


def _both(data: Path, folder: Path, name: str, *args: str) -> dict[str, tuple[Path, str]]:
    """The file *name* written by the command *args* (``{out}`` its path) in each UI language, and its messages."""
    written = {}
    for lang in ("vi", "en"):
        target = folder / lang / name
        target.parent.mkdir(parents=True, exist_ok=True)
        _code, out, err = run(data, "--lang", lang, *(str(target) if a == "{out}" else a for a in args))
        written[lang] = (target, out + err)
    return written


def test_the_scanned_answers_file_from_the_english_ui_is_the_vietnamese_file(scanned, tmp_path, back_to_vietnamese):
    data, exam, scan = scanned
    written = _both(data, tmp_path, "bai_lam.xlsx", "exam", "scan", "--exam", str(exam), "--sheets", str(scan),
                    "-o", "{out}")
    (vi, vi_said), (en, en_said) = written["vi"], written["en"]
    assert contents(vi) == contents(en)
    text = text_of(en)
    assert [word for word in ENGLISH if word in text] == []
    for words in ("scan.pdf, trang 1", "scan.pdf, trang 3", "Câu 7: ô ", " tô mờ hoặc chưa kín",
                  "Câu 12: tô 2 ô", "SBD 000101 trùng với scan.pdf, trang 2"):
        assert words in text
    # The screen (the command's messages) is in the UI language.
    assert "scan.pdf, page 3: the page was upside down" in en_said and "faint or not fully filled" in en_said
    assert "candidate number 000101 also on scan.pdf, page 1" in en_said
    assert "scan.pdf, trang 3: trang bị lật ngược" in vi_said


def test_a_score_sheet_graded_from_scanned_answers_in_the_english_ui_is_the_vietnamese_file(scanned, tmp_path,
                                                                                            back_to_vietnamese):
    data, exam, scan = scanned
    answers = tmp_path / "bai_lam.xlsx"
    run(data, "exam", "scan", "--exam", str(exam), "--sheets", str(scan), "-o", str(answers))
    written = _both(data, tmp_path, "diem.xlsx", "exam", "grade", "--exam", str(exam), "--answers", str(answers),
                    "-o", "{out}")
    (vi, _vi_said), (en, en_said) = written["vi"], written["en"]
    assert contents(vi) == contents(en)
    text = text_of(en)
    assert [word for word in ENGLISH if word in text] == []
    assert "Câu 7: '?' không phải phương án của câu (A–D)" in text and "SBD 000101 trùng với" in text
    assert "Question 7: '?' is not one of the question's options (A–D)" in en_said


def test_the_phuc_khao_copy_written_in_the_english_ui_is_the_vietnamese_file(scanned, tmp_path, back_to_vietnamese):
    from lecturer_app.exporters.exam.scan_annotated import write_annotated_sheet
    from lecturer_app.importers.omr.reader import scan_sheets

    _data, exam, scan = scanned
    manifest = read_manifest(exam)
    copies, reasons = {}, {}
    for lang in ("vi", "en"):
        i18n.setup(lang, resource_path("translations"))
        sheet = scan_sheets(scan, manifest, previews=True).sheets[1]  # two marks, and the SBD of sheet 1
        reasons[lang] = [doubt.reason(i18n.SCREEN) for doubt in sheet.doubts]
        copies[lang] = write_annotated_sheet(sheet, manifest, tmp_path / f"phuc_khao_{lang}.pdf")
    assert copies["vi"].read_bytes() == copies["en"].read_bytes()
    text = text_of(copies["en"])
    assert [word for word in ENGLISH if word in text] == []
    assert "scan.pdf, trang 2" in text and "Câu 12: tô 2 ô" in text and "SBD 000101 trùng với scan.pdf," in text
    assert any(reason.startswith("candidate number 000101 also on scan.pdf, page 1") for reason in reasons["en"])
