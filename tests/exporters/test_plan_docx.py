"""Written plan → DOCX: page set-up, fonts, header and structure, read back with python-docx."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Organization, Topic
from lecturer_app.exporters.plan_document import PlanDocument
from lecturer_app.exporters.plan_docx import write_plan_docx
from lecturer_app.exporters.plan_pdf import write_plan_pdf

SECTIONS = [("I. MỤC TIÊU", "1. **Về kiến thức:** nắm được lịch sử Đảng.\n"),
            ("VI. TIẾN TRÌNH LÊN LỚP", "| Bước | Nội dung |\n|---|---|\n| 1. Ổn định lớp | Điểm danh |\n"),
            ("B. NỘI DUNG BÀI GIẢNG", "## I. ĐẢNG RA ĐỜI\n\n- Ngày 3/2/1930\n")]


@pytest.fixture
def document():
    org = Organization(name="Trung tâm chính trị", header_style="party", header_lines=["Huyện ủy Tam Đường",
                                                                                      "Trung tâm chính trị"],
                       place="Tam Đường")
    return PlanDocument(Topic(code="NTD-01", title="Lịch sử Đảng"),
                        {"ten_bai": "Khái quát lịch sử Đảng", "nguoi_soan": "Nguyễn Văn A", "ngay_soan": "05/03/2025"},
                        SECTIONS, org)


def _read(path):
    from docx import Document

    return Document(str(path))


def test_a4_with_the_plan_margins_and_times_new_roman_14(tmp_path, document):
    from docx.shared import Pt

    path = tmp_path / "giao-an.docx"
    write_plan_docx(document, path, images=lambda sha: None)
    doc = _read(path)
    section = doc.sections[0]
    assert (section.page_width.mm, section.page_height.mm) == (pytest.approx(210, abs=0.1), pytest.approx(297, abs=0.1))
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [m.mm for m in margins] == [pytest.approx(v, abs=0.1) for v in (20, 20, 30, 15)]
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size) == ("Times New Roman", Pt(14))
    assert doc.styles["Heading 1"].font.name == "Times New Roman"


def test_header_title_sections_and_signature_in_order(tmp_path, document):
    path = tmp_path / "giao-an.docx"
    write_plan_docx(document, path, images=lambda sha: None)
    doc = _read(path)
    header = doc.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "HUYỆN ỦY TAM ĐƯỜNG" in left and "TRUNG TÂM CHÍNH TRỊ" in left
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right and "Tam Đường, ngày 05 tháng 3 năm 2025" in right
    texts = [p.text for p in doc.paragraphs if p.text.strip()]
    assert texts[:2] == ["GIÁO ÁN", "KHÁI QUÁT LỊCH SỬ ĐẢNG"]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["I. MỤC TIÊU", "VI. TIẾN TRÌNH LÊN LỚP", "B. NỘI DUNG BÀI GIẢNG"]
    assert [p.text for p in doc.paragraphs if p.style.name == "Heading 2"] == ["I. ĐẢNG RA ĐỜI"]
    assert texts[-2:] == ["NGƯỜI SOẠN", "Nguyễn Văn A"]
    steps = doc.tables[1]
    assert [c.text for c in steps.rows[1].cells] == ["1. Ổn định lớp", "Điểm danh"]


def test_without_an_organisation_only_the_national_heading_is_printed(tmp_path, document):
    document.organization = None
    path = tmp_path / "giao-an.docx"
    write_plan_docx(document, path, images=lambda sha: None)
    left, right = (cell.text for cell in _read(path).tables[0].rows[0].cells)
    assert left.strip() == ""
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in right


def test_a_missing_picture_is_named_in_the_document_not_a_crash(tmp_path, document):
    document.sections = [("I. MỤC TIÊU", f"![Ảnh tư liệu](blob:{'d' * 64})\n")]
    docx_path, pdf_path = tmp_path / "a.docx", tmp_path / "a.pdf"
    write_plan_docx(document, docx_path, images=lambda sha: None)
    assert any("Ảnh tư liệu" in p.text for p in _read(docx_path).paragraphs)
    assert write_plan_pdf(document, pdf_path, images=lambda sha: None) >= 1


def test_pictures_are_embedded_and_scaled_to_the_text_width(tmp_path, document):
    import hashlib
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (3000, 1000), (30, 90, 160)).save(buffer, format="PNG")
    data = buffer.getvalue()
    sha = hashlib.sha256(data).hexdigest()
    document.sections = [("I. MỤC TIÊU", f"![Bản đồ](blob:{sha})\n")]
    docx_path, pdf_path = tmp_path / "a.docx", tmp_path / "a.pdf"
    write_plan_docx(document, docx_path, images={sha: data}.get)
    shape, = _read(docx_path).inline_shapes
    assert shape.width.mm == pytest.approx(165, abs=0.5)
    assert shape.width / shape.height == pytest.approx(3.0, rel=0.01)
    assert write_plan_pdf(document, pdf_path, images={sha: data}.get) >= 1
    assert b"/Subtype /Image" in pdf_path.read_bytes()
