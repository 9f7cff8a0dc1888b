"""Plan tables: every column holds its widest word, header rows repeat, PDF and DOCX agree."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.exporters import markdown_blocks as md
from lecturer_app.exporters.plan_document import PlanDocument
from lecturer_app.exporters.plan_docx import (
    PT_PER_MM,
    TABLE_SIZE,
    TEXT_WIDTH_MM,
    write_plan_docx,
)
from lecturer_app.exporters.plan_pdf import write_plan_pdf
from lecturer_app.exporters.table_layout import CELL_PADDING, column_widths

STEPS = ("| Bước | Nội dung | Phương pháp | Phương tiện | Thời gian |\n|---|---|---|---|---|\n"
         "| 1. Ổn định lớp | Kiểm tra sĩ số, nhắc nội quy lớp học; giới thiệu giảng viên | Trao đổi | Danh sách lớp "
         "| 5 phút |\n"
         "| 5. Hướng dẫn tự nghiên cứu | Giao câu hỏi ôn tập; hướng dẫn đọc tài liệu bắt buộc và lịch sử Đảng bộ tỉnh "
         "| Hướng dẫn | Phiếu tài liệu có mã QR | 5 phút |\n")


def _table(text: str = STEPS) -> md.Table:
    table, = md.parse_markdown(text)
    return table


def _word_width(word: str, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from lecturer_app.exporters.pdf_fonts import serif

    return stringWidth(word, serif().bold if bold else serif().regular, TABLE_SIZE)


def test_every_column_is_at_least_as_wide_as_its_widest_word_and_the_table_fills_the_text_width():
    total = TEXT_WIDTH_MM * PT_PER_MM
    widths = column_widths(_table(), total, TABLE_SIZE)
    assert sum(widths) == pytest.approx(total)
    for column, width in enumerate(widths):
        words = [(w, r == 0) for r, row in enumerate(_table().rows) for w in md.plain_text(row[column]).split()]
        assert width >= max(_word_width(w, bold) for w, bold in words) + CELL_PADDING, column
    assert widths[1] == max(widths)   # the long "Nội dung" column gets the most room


def test_a_narrow_table_keeps_each_column_to_what_its_text_needs_in_proportion():
    widths = column_widths(_table("| Mục | Thời gian |\n|---|---|\n| Đặt vấn đề | 10 phút |\n"), 400, TABLE_SIZE)
    assert sum(widths) == pytest.approx(400) and widths[0] > widths[1]


def _document(rows: int = 1) -> PlanDocument:
    body = STEPS + "".join(f"| {n}. Bước | Nội dung {n} | Hỏi - đáp | Máy chiếu | 5 phút |\n" for n in range(rows))
    return PlanDocument(Topic(code="T", title="Bài"), {}, [("VI. TIẾN TRÌNH LÊN LỚP", body)])


def test_the_docx_table_repeats_its_header_row_and_never_splits_a_row(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    path = tmp_path / "bang.docx"
    write_plan_docx(_document(), path, images=lambda sha: None)
    table = Document(str(path)).tables[1]
    flags = [[child.tag for child in row._tr.trPr] for row in table.rows]
    assert qn("w:tblHeader") in flags[0] and all(qn("w:tblHeader") not in f for f in flags[1:])
    assert all(qn("w:cantSplit") in f for f in flags)
    grid = [int(col.get(qn("w:w"))) / 20 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    expected = column_widths(_table(), TEXT_WIDTH_MM * PT_PER_MM, TABLE_SIZE)
    assert grid == [pytest.approx(w, abs=1) for w in expected]
    cell = table.cell(1, 1).paragraphs[0]
    assert cell.alignment is not None and cell.alignment.name == "LEFT"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_pdf_table_longer_than_a_page_repeats_its_header_and_breaks_no_word(tmp_path):
    path = tmp_path / "bang.pdf"
    pages = write_plan_pdf(_document(rows=40), path, images=lambda sha: None)
    assert pages >= 2
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    page_texts = [page for page in text.split("\f") if page.strip()]
    assert all("Phương tiện" in " ".join(page.split()) for page in page_texts)
    words = set(text.split())
    assert {"Phương", "tiện", "nghiên", "Hướng", "Giao", "Thời"} <= words
