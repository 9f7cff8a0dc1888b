"""The written plan and handout PDFs open in PDFium (Chrome, Edge; Foxit's lineage) and read and look as in poppler.

Also: the comparison of ``tests/support/pdf_readers.py`` fails on PDFs broken
on purpose (a check that cannot fail checks nothing), and every module that
writes a PDF has its file checked in PDFium here or in
``tests/exam/test_pdfium_reads_exam_files.py`` (the exam PDFs) or
``tests/omr/test_complaint_copy_in_pdfium.py`` (the complaint copy of a scanned sheet).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Organization
from lecturer_app.exporters.handout_pdf import collect_materials, write_handouts
from lecturer_app.exporters.lesson_export import export_lesson
from lecturer_app.exporters.pdf_fonts import family_names
from lecturer_app.exporters.pdf_writer.document import A4, PdfDocument
from tests.support.header_template import header_template
from tests.support.pdf_readers import (
    page_differences,
    pdfium_pages,
    poppler_renders,
    poppler_texts,
    read_alike,
)

SAMPLE_TOPIC = "DP-10"   # a shipped sample topic with a whole written plan: headings, lists, tables
MM = 72 / 25.4


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """A data folder with the shipped bank, as a lecturer's first start makes it."""
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(tmp_path_factory.mktemp("shipped") / "data")
    yield workspace
    workspace.close()


def test_a_written_plan_reads_alike_with_every_heading_and_table_cell(shipped, tmp_path):
    from lecturer_app.exporters import markdown_blocks as md

    bank = LessonBank(shipped.store)
    topic = bank.require_topic(SAMPLE_TOPIC)
    sections = bank.sections(bank.plan(topic.id).id)
    result = export_lesson(shipped, SAMPLE_TOPIC, "pdf", tmp_path / "giao_an.pdf")
    assert result.pages >= 5
    cells = [md.plain_text(cell) for section in sections for block in md.parse_markdown(section.body)
             if isinstance(block, md.Table) for row in block.rows for cell in row]
    assert len(cells) > 20
    read_alike(result.path, ["GIÁO ÁN", "ĐẢNG CỘNG SẢN VIỆT NAM", "Chương trình:", "Đối tượng:",
                             *(section.heading for section in sections if section.heading), *cells])


def test_a_written_plan_under_the_schools_header_template_reads_alike(workspace, tmp_path):
    org = Organization(name="Trung tâm chính trị", header_lines=["Ban Thường vụ Huyện ủy", "Trung tâm chính trị"],
                       place="Tam Đường", header_template=workspace.blobs.put_bytes(header_template()))
    workspace.store.save(org)
    workspace.settings.organization_id = org.id
    result = export_lesson(workspace, "AB-01", "pdf", tmp_path / "giao_an.pdf")
    read_alike(result.path, ["Ban Thường vụ Huyện ủy", "Thời gian: 5 tiết", "GIÁO ÁN", "I. MỤC TIÊU",
                             "Nắm được quá trình ra đời của Đảng.", "Ngày 3/2/1930, Hội nghị thành lập Đảng."])


def test_the_handouts_read_alike_and_their_qr_codes_scan_in_pdfium(shipped, tmp_path):
    import cv2
    import numpy as np

    bank = LessonBank(shipped.store)
    handouts = [collect_materials(bank, s.topic) for s in bank.summaries() if s.slides]
    materials = [m for handout in handouts for m in handout.materials]
    assert len(handouts) >= 3 and all(m.url for m in materials)
    pdf = tmp_path / "phieu_tai_lieu.pdf"
    write_handouts(handouts, pdf)
    read_alike(pdf, ["PHIẾU TÀI LIỆU", *(f"{h.topic.code} · {h.topic.title}" for h in handouts),
                     *(m.title for m in materials), *(m.url for m in materials),
                     *(f"Mã: {m.code}" for m in materials)])
    for page, material in zip(pdfium_pages(pdf), materials):
        url, _points, _code = cv2.QRCodeDetector().detectAndDecode(np.asarray(page.image))
        assert url == material.url


# --- the comparison fails on broken PDFs -------------------------------------------------------------

LINES = ("ĐÁP ÁN VÀ HƯỚNG DẪN CHẤM",
         "Câu 1 (0,25 điểm). Đảng Cộng sản Việt Nam ra đời ngày 3 tháng 2 năm 1930.",
         "A. Hội nghị thành lập Đảng họp tại Cửu Long (Hương Cảng, Trung Quốc).",
         "B. Nguyễn Ái Quốc chủ trì hội nghị hợp nhất các tổ chức cộng sản.",
         "Thời gian làm bài: 90 phút (không kể thời gian phát đề)",
         "Họ và tên: ......................................................")


def _page(path: Path, lines=LINES, lower: float = 0.0, size=A4) -> Path:
    """*lines* drawn by the app's PDF writer, *lower* points lower than usual, on a page of *size*."""
    family = family_names()
    doc = PdfDocument("Thử", size=size)
    canvas = doc.new_page()
    for index, line in enumerate(lines):
        canvas.setFont(family.bold if index == 0 else family.regular, 14 if index == 0 else 12)
        canvas.drawString(72, size[1] - 72 - lower - 18 * index, line)
    path.write_bytes(doc.to_bytes())
    return path


def _edited(good: Path, path: Path, edit) -> Path:
    """*good* with each font file changed by *edit* (same length: the cross-reference table stays right)."""
    data = bytearray(good.read_bytes())
    for found in re.finditer(rb"/FontFile2 (\d+) 0 R", bytes(data)):
        edit(data, found)
    assert len(data) == good.stat().st_size
    path.write_bytes(bytes(data))
    return path


def _unembedded(data: bytearray, found: re.Match) -> None:
    data[found.start():found.end()] = b" " * (found.end() - found.start())


def _corrupted(data: bytearray, found: re.Match) -> None:
    start = re.search(rb"\n" + found.group(1) + rb" 0 obj\n<<[^>]*>>\nstream\n", bytes(data)).end()
    end = data.index(b"\nendstream", start)
    data[start + 16:end] = b"x" * (end - start - 16)   # the zlib header and a few bytes kept: a damaged file


def test_the_comparison_fails_on_a_missing_font_missing_glyphs_missing_text_a_shift_or_a_wrong_size(tmp_path):
    good = _page(tmp_path / "good.pdf")
    text, render = poppler_texts(good)[0], poppler_renders(good)[0]
    assert page_differences(pdfium_pages(good)[0], text, render) == []
    broken = {
        "font file damaged": _edited(good, tmp_path / "damaged.pdf", _corrupted),
        "font not embedded": _edited(good, tmp_path / "unembedded.pdf", _unembedded),
        # A letter the font lacks prints its .notdef box ("tofu").
        "glyphs missing": _page(tmp_path / "tofu.pdf", [re.sub(r"[^\x00-\x7f]", "\u4e00", x) for x in LINES]),
        "a line left out": _page(tmp_path / "left_out.pdf", LINES[:3] + LINES[4:]),
        "a layout 1 mm lower": _page(tmp_path / "lower.pdf", lower=MM),
        "US Letter paper": _page(tmp_path / "letter.pdf", size=(612.0, 792.0)),
    }
    for what, pdf in broken.items():
        assert page_differences(pdfium_pages(pdf)[0], text, render) != [], what


def test_a_damaged_font_is_drawn_in_none_of_the_app_fonts(tmp_path):
    """PDFium is given no system fonts: with Liberation installed it would draw the damaged text as if nothing
    were wrong, which a lecturer's computer without Liberation would not."""
    good = _page(tmp_path / "good.pdf")
    damaged = pdfium_pages(_edited(good, tmp_path / "damaged.pdf", _corrupted))[0]
    assert damaged.unembedded and page_differences(damaged, poppler_texts(good)[0], poppler_renders(good)[0])


# --- every PDF writer is checked -----------------------------------------------------------------------

# Each module that makes a PDF document, and the test that opens its file in PDFium.
CHECKED = {
    "exporters/exam/paper_pdf.py": "test_every_paper_shows_its_heading_and_every_question_and_option, "
                                   "test_a_paper_under_the_schools_header_template_reads_alike",
    "exporters/exam/keys.py": "test_every_key_shows_its_letters_and_marking_guide, "
                              "test_a_marking_guide_longer_than_a_page_reads_alike",
    "exporters/exam/answer_sheet.py": "test_the_answer_sheet_shows_its_fields_and_a_bubble_row_per_question",
    "exporters/exam/oral_pdf.py": "test_the_oral_cards_and_the_examiners_guide_read_alike",
    "exporters/exam/thu_hoach.py": "test_the_thu_hoach_form_reads_alike",
    "exporters/exam/scan_annotated.py": "tests/omr/test_complaint_copy_in_pdfium.py",
    "exporters/exam/remark_minutes.py": "test_the_remark_minutes_read_alike",
    "exporters/plan_pdf.py": "test_a_written_plan_reads_alike_with_every_heading_and_table_cell, "
                             "test_a_written_plan_under_the_schools_header_template_reads_alike",
    "exporters/handout_pdf.py": "test_the_handouts_read_alike_and_their_qr_codes_scan_in_pdfium",
}
# Modules that make pages for the writers above, not documents of their own.
HELPERS = {"exporters/exam/pdf_parts.py", "exporters/pdf_writer/document.py"}
# Modules that open PDFs made elsewhere (scans, through pypdfium2's ``PdfDocument``), writing none.
READERS = {"importers/omr/pdfium_worker.py"}
MAKES_A_PDF = re.compile(r"\b(SimpleDocTemplate|Canvas|PdfDocument|BaseDocTemplate)\(")


def test_every_module_that_writes_a_pdf_has_its_file_read_in_pdfium():
    package = Path(__file__).resolve().parents[2] / "lecturer_app"
    writers = {path.relative_to(package).as_posix() for path in package.rglob("*.py")
               if MAKES_A_PDF.search(path.read_text(encoding="utf-8"))}
    assert writers - HELPERS - READERS == set(CHECKED)
