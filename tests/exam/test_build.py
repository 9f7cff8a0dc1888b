"""Building an exam: papers, keys, answer sheet and the record, checked with real PDF and XLSX readers."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from exam_bank_data import TOPIC_CODES

from lecturer_app.core.model import Exam, Organization
from lecturer_app.exam.blueprint import quick_blueprint
from lecturer_app.exam.draw import DrawOptions
from lecturer_app.exam.manifest import read_manifest
from lecturer_app.exam.paper_settings import PaperSettings
from lecturer_app.exam.pool import load_pool
from lecturer_app.exporters.exam.build import BuildRequest, build_exam

ORG = Organization(name="Trung tâm thử", header_style="party", header_lines=["Tỉnh ủy Thử", "Trung tâm Chính trị Thử"])


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def exam_bank(tmp_path_factory):
    """One bank and one build for the whole module: building is the slow part."""
    from exam_bank_data import make_exam_bank

    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store

    db = open_database(None)
    store = Store(db, author="Nguyễn Văn A")
    make_exam_bank(store)
    yield store
    db.close()


@pytest.fixture(scope="module")
def built(exam_bank, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("build")
    pool = load_pool(exam_bank)
    blueprint = quick_blueprint(pool, list(TOPIC_CODES), mc=40, essay=2)
    settings = PaperSettings(class_line="Lớp bồi dưỡng nhận thức về Đảng, khóa I năm 2025", organization=ORG)
    request = BuildRequest(blueprint, DrawOptions(versions=4, seed=2025), settings, tmp_path / "de")
    return build_exam(exam_bank, pool, request)


def test_every_page_of_every_paper_shows_its_code(built):
    for version in built.versions:
        pages = _pages(built.papers[version.code])
        assert len(pages) >= 2
        for number, page in enumerate(pages, start=1):
            assert f"Mã đề {version.code} – Trang {number}/{len(pages)}" in page


def test_the_paper_prints_the_questions_in_the_order_of_the_version(built, exam_bank):
    for version in built.versions:
        text = _flat("".join(_pages(built.papers[version.code])))
        positions = [text.index(_flat(p.question.stem)) for p in version.printed]
        assert positions == sorted(positions)
        assert "Phần I. Trắc nghiệm" in text and "Phần II. Tự luận" in text
        assert "----- HẾT -----" in text
        assert "Thời gian làm bài: 90 phút (không kể thời gian phát đề)" in text
        assert "TRUNG TÂM CHÍNH TRỊ THỬ" in text


def test_each_question_shows_its_points_with_a_decimal_comma(built):
    text = _flat("".join(_pages(built.papers["101"])))
    points = [p.points for p in built.versions[0].objective]
    assert f"Câu 1 ({points[0]:.2f}".replace(".", ",").rstrip("0") in text
    assert re.search(r"Câu 1 \(2,0 điểm\)", text)


def test_the_printed_key_letter_marks_the_correct_option(built):
    version = built.versions[0]
    text = _flat("".join(_pages(built.papers[version.code])))
    for printed in version.objective[:10]:
        correct = next(o.text for o in printed.question.options if o.correct)
        start = text.index(_flat(printed.question.stem))
        assert f"{printed.key}. {correct}" in text[start:start + 1200]


def test_the_xlsx_key_has_one_matching_row_per_code(built):
    from openpyxl import load_workbook

    sheet = load_workbook(built.exam.output_dir + "/dap_an.xlsx").active
    rows = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["Mã đề", *range(1, 41)]
    assert {row[0]: list(row[1:]) for row in rows[1:]} == {v.code: v.key for v in built.versions}


def test_the_xlsx_key_centres_each_letter_under_its_question_number(built):
    # A number sits at the right of its cell and a letter at the left: printed as it came, «1» stood nearer
    # the letter of question 2 than its own.
    from openpyxl import load_workbook

    sheet = load_workbook(built.exam.output_dir + "/dap_an.xlsx").active
    assert {cell.alignment.horizontal for row in sheet.iter_rows() for cell in row if cell.value is not None} \
        == {"center"}


def test_the_key_pdf_lists_the_letters_and_the_marking_guide(built):
    version = built.versions[1]
    text = _flat("".join(_pages(built.keys[version.code])))
    assert f"Mã đề {version.code}" in text
    assert "ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM" in text
    assert "Đáp án " + " ".join(version.key[:10]) in text
    assert "Câu Ý Điểm" in text and "Nêu bối cảnh lịch sử" in text and "1,0" in text


def test_the_answer_sheet_has_a_bubble_row_per_question_and_digit_grids(built):
    text = _flat("".join(_pages(Path(built.exam.output_dir) / "phieu_tra_loi.pdf")))
    assert "PHIẾU TRẢ LỜI TRẮC NGHIỆM" in text and "Số báo danh" in text and "Mã đề" in text
    assert "40 A B C D" in text and "41 A B C D" not in text


def test_all_pdfs_embed_their_fonts(built):
    for pdf in Path(built.exam.output_dir).glob("*.pdf"):
        out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = out.splitlines()[2:]
        assert rows, pdf
        assert all(" yes yes " in row for row in rows), (pdf, out)


def test_the_exam_is_recorded_and_its_manifest_allows_grading(built, exam_bank):
    exam = exam_bank.require(Exam, built.exam.id)
    assert exam.confidential is True
    assert [v.code for v in exam.versions] == ["101", "102", "103", "104"]
    assert exam.versions[2].question_ids == built.versions[2].question_ids
    manifest = read_manifest(Path(built.exam.output_dir))
    assert manifest.exam_id == exam.id
    assert [i.key for i in manifest.versions["103"].items] == built.versions[2].key
    assert manifest.total_points == pytest.approx(10.0)
    assert json.loads((Path(built.exam.output_dir) / "exam.json").read_text(encoding="utf-8"))["confidential"]


def test_the_answer_template_lists_every_question_and_essay(built):
    from openpyxl import load_workbook

    path = Path(built.exam.output_dir) / "mau_bai_lam.xlsx"
    assert path in built.files
    header = next(load_workbook(path).active.iter_rows(values_only=True))
    assert header == ("Họ và tên", "SBD", "Mã đề", *range(1, 41), "TL1", "TL2", "Vấn đáp")


def test_the_first_page_says_how_many_pages_the_paper_has(built):
    for version in built.versions:
        pages = _pages(built.papers[version.code])
        assert f"(Đề có {len(pages):02d} trang)" in pages[0]
        assert "(Đề có" not in "".join(pages[1:])
