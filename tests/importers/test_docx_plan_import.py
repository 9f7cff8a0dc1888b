"""DOCX written-plan import: numbering → sections, tables and pictures kept, legacy fonts converted."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import Topic
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.exporters import markdown_blocks as md
from lecturer_app.exporters.plan_document import PlanDocument
from lecturer_app.exporters.plan_docx import write_plan_docx
from lecturer_app.importers.docx_plan_import import read_docx_plan
from lecturer_app.importers.legacy_vietnamese import LegacyEncoding, encode


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs")


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (80, 40), (180, 20, 20)).save(buffer, format="PNG")
    return buffer.getvalue()


def _para(doc, text: str, *, bold: bool = False, font: str | None = None, upper_font: bool = False):
    paragraph = doc.add_paragraph()
    if font == ".VnTime" and text.upper() == text and not text.isascii():
        font, upper_font = ".VnTimeH", True   # TCVN3 has toned capitals only through the …H fonts
    if font:
        encoding = LegacyEncoding.VNI if font.startswith("VNI") else LegacyEncoding.TCVN3
        text = encode(text, encoding, upper_font=upper_font)
    run = paragraph.add_run(text)
    run.bold = bold or None
    if font:
        run.font.name = font
    return paragraph


def _write_plan(path: Path, font: str | None = None) -> Path:
    """A plan written the way lecturers write them, optionally entirely in a legacy font."""
    from docx import Document

    doc = Document()
    if font:
        doc.styles["Normal"].font.name = font
    header = doc.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "TRUNG TÂM CHÍNH TRỊ" if not font else "x"
    _para(doc, "GIÁO ÁN", bold=True, font=font)
    _para(doc, "Tên bài: Khái quát lịch sử Đảng", font=font)
    _para(doc, "Đối tượng: Quần chúng ưu tú", font=font)
    _para(doc, "I. MỤC TIÊU", bold=True, font=font)
    _para(doc, "1. Về kiến thức: nắm được sự ra đời của Đảng.", font=font)
    _para(doc, "II. PHƯƠNG PHÁP", bold=True, font=font)
    _para(doc, "- Thuyết trình, nêu vấn đề", font=font)
    _para(doc, "+ Hỏi đáp nhanh", font=font)
    table = doc.add_table(rows=2, cols=2)
    for (r, c), text in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["Bước", "Thời gian", "Ôn tập", "5 phút"]):
        cell = table.cell(r, c).paragraphs[0]
        encoding = LegacyEncoding.VNI if (font or "").startswith("VNI") else LegacyEncoding.TCVN3
        cell.add_run(encode(text, encoding) if font else text)
    doc.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    _para(doc, "B. NỘI DUNG BÀI GIẢNG", bold=True, font=font)
    _para(doc, "I. ĐẢNG CỘNG SẢN VIỆT NAM RA ĐỜI", bold=True, font=font)
    _para(doc, "1. Hoàn cảnh lịch sử", bold=True, font=font)
    _para(doc, "a) Xã hội Việt Nam cuối thế kỷ XIX", bold=True, font=font)
    _para(doc, "- Thực dân Pháp xâm lược; nhân dân ta đứng lên đấu tranh.", font=font)
    if font and font.startswith(".Vn"):
        _para(doc, "kết luận", bold=True, font=font + "H", upper_font=True)
    doc.save(str(path))
    return path


def test_numbered_headings_become_sections_and_part_b_subheadings(tmp_path, blobs):
    plan = read_docx_plan(_write_plan(tmp_path / "giao-an.docx"), blobs)
    headings = [h for h, _b in plan.sections]
    assert headings == ["I. MỤC TIÊU", "II. PHƯƠNG PHÁP", "B. NỘI DUNG BÀI GIẢNG"]
    assert plan.header == {"ten_bai": "Khái quát lịch sử Đảng", "doi_tuong": "Quần chúng ưu tú"}
    content = plan.sections[2][1]
    assert "## I. ĐẢNG CỘNG SẢN VIỆT NAM RA ĐỜI" in content
    assert "### 1. Hoàn cảnh lịch sử" in content
    assert "#### a) Xã hội Việt Nam cuối thế kỷ XIX" in content
    assert "- Thực dân Pháp xâm lược; nhân dân ta đứng lên đấu tranh." in content
    assert plan.sections[0][1].startswith("1. Về kiến thức")


def test_lists_tables_and_pictures_are_kept(tmp_path, blobs):
    plan = read_docx_plan(_write_plan(tmp_path / "giao-an.docx"), blobs)
    method = md.parse_markdown(plan.sections[1][1])
    items = [(b.marker, b.level, md.plain_text(b.spans)) for b in method if isinstance(b, md.ListItem)]
    assert items == [("-", 0, "Thuyết trình, nêu vấn đề"), ("+", 1, "Hỏi đáp nhanh")]
    table, = [b for b in method if isinstance(b, md.Table)]
    assert [[md.plain_text(c) for c in row] for row in table.rows] == [["Bước", "Thời gian"], ["Ôn tập", "5 phút"]]
    image, = [b for b in method if isinstance(b, md.Image)]
    assert blobs.read_bytes(image.sha256) == _png()
    assert plan.tables == 1 and [sha for sha, _name in plan.images] == [image.sha256]
    assert any("tiêu đề cơ quan" in s for s in plan.skipped)


@pytest.mark.parametrize("font", [".VnTime", "VNI-Times"])
def test_a_plan_written_in_a_legacy_font_imports_as_unicode(tmp_path, blobs, font):
    legacy = read_docx_plan(_write_plan(tmp_path / "cu.docx", font=font), blobs)
    unicode = read_docx_plan(_write_plan(tmp_path / "moi.docx"), blobs)
    expected = unicode.sections
    if font == ".VnTime":
        heading, body = expected[-1]
        expected = [*expected[:-1], (heading, body.rstrip("\n") + "\n\n**KẾT LUẬN**\n")]
    assert legacy.sections == expected
    assert legacy.header == unicode.header
    assert font in {c.font for c in legacy.converter.conversions}
    assert legacy.converter.converted_runs >= 12


def test_the_style_font_alone_marks_legacy_text(tmp_path, blobs):
    from docx import Document

    doc = Document()
    doc.styles["Normal"].font.name = ".VnTime"
    doc.add_paragraph(encode("I. MỤC TIÊU", LegacyEncoding.TCVN3, upper_font=True).upper())
    doc.add_paragraph(encode("Nắm vững Điều lệ Đảng", LegacyEncoding.TCVN3))
    path = tmp_path / "style.docx"
    doc.save(str(path))
    plan = read_docx_plan(path, blobs)
    assert plan.sections[0][1].strip() == "Nắm vững Điều lệ Đảng"


def test_an_exported_plan_reads_back_with_the_same_sections(tmp_path, blobs):
    sections = [("I. MỤC TIÊU", "1. **Về kiến thức:** nắm được lịch sử.\n2. **Về tư tưởng:** củng cố niềm tin.\n"),
                ("II. PHƯƠNG PHÁP", "- Thuyết trình\n  + Trình chiếu\n"),
                ("V. KẾT CẤU NỘI DUNG", "| Nội dung | Thời gian |\n|---|---|\n| Đặt vấn đề | 10 phút |\n"),
                ("B. NỘI DUNG BÀI GIẢNG", "## I. ĐẢNG RA ĐỜI\n\n### 1. Hoàn cảnh\n\nNăm 1930, *Đảng* ra đời.\n")]
    document = PlanDocument(Topic(code="T-1", title="Lịch sử Đảng"), {"ten_bai": "Lịch sử Đảng",
                                                                     "nguoi_soan": "Nguyễn Văn A"}, sections)
    path = tmp_path / "xuat.docx"
    write_plan_docx(document, path, images=lambda sha: None)
    back = read_docx_plan(path, blobs)
    assert [h for h, _b in back.sections] == [h for h, _b in sections]

    def blocks(body: str):
        return [(type(b).__name__, md.plain_text(getattr(b, "spans", ()))) for b in md.parse_markdown(body)]

    assert [blocks(b) for _h, b in back.sections] == [blocks(b) for _h, b in sections]
    assert back.header["nguoi_soan"] == "Nguyễn Văn A"


def test_a_missing_picture_part_is_reported_and_the_text_still_imports(tmp_path, blobs):
    import zipfile

    source = _write_plan(tmp_path / "giao-an.docx")
    broken = tmp_path / "thieu-anh.docx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(broken, "w") as target:
        for item in archive.infolist():
            if not item.filename.startswith("word/media/"):
                target.writestr(item, archive.read(item.filename))
    plan = read_docx_plan(broken, blobs)
    assert [h for h, _b in plan.sections] == ["I. MỤC TIÊU", "II. PHƯƠNG PHÁP", "B. NỘI DUNG BÀI GIẢNG"]
    assert plan.images == []
    assert any("hình bị thiếu" in s for s in plan.skipped)


def test_a_broken_file_is_a_clear_error(tmp_path, blobs):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputFileError, match="hong.docx"):
        read_docx_plan(bad, blobs)


@pytest.mark.parametrize("name", ["ezmix_TieuDe.docx", "ezmix_HuongDanGiai.docx"])
def test_real_documents_without_plan_structure_keep_their_text(real_data, blobs, name):
    plan = read_docx_plan(real_data / "docx" / name, blobs)
    assert len(plan.sections) == 1
    heading, body = plan.sections[0]
    assert name in heading
    assert "Mã đề" in body


def test_legacy_text_under_a_unicode_font_is_found_by_its_characters(tmp_path, blobs):
    from docx import Document

    doc = Document()
    doc.add_paragraph("I. MỤC TIÊU").runs[0].bold = True
    legacy = doc.add_paragraph()
    for word in ("Đảng Cộng sản Việt Nam ", "lãnh đạo cách mạng ", "và nhân dân"):
        run = legacy.add_run(encode(word, LegacyEncoding.TCVN3))
        run.font.name = "Times New Roman"
    doc.add_paragraph("Café crème à la française")
    path = tmp_path / "lan.docx"
    doc.save(str(path))
    plan = read_docx_plan(path, blobs)
    body = plan.sections[0][1]
    assert "Đảng Cộng sản Việt Nam lãnh đạo cách mạng và nhân dân" in body
    assert "Café crème à la française" in body
    assert {(c.font, c.encoding) for c in plan.converter.conversions} == {("", "TCVN3 (ABC)")}


def _numbered(doc, text: str, num_id: int, level: int, *, bold: bool = False) -> None:
    from docx.oxml import parse_xml

    paragraph = doc.add_paragraph()
    paragraph.add_run(text).bold = bold or None
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _add_outline_numbering(doc) -> int:
    """An outline list as Vietnamese plans use it: I. / 1. / a) / - ."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    levels = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-")]
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f'</w:lvl>' for i, (fmt, text) in enumerate(levels))
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90


def test_words_automatic_numbering_gives_the_same_structure_as_typed_numbers(tmp_path, blobs):
    from docx import Document

    doc = Document()
    num = _add_outline_numbering(doc)
    _numbered(doc, "MỤC TIÊU", num, 0, bold=True)
    _numbered(doc, "Về kiến thức: nắm được lịch sử", num, 1)
    _numbered(doc, "Về tư tưởng: củng cố niềm tin", num, 1)
    _numbered(doc, "PHƯƠNG PHÁP", num, 0, bold=True)
    _numbered(doc, "Thuyết trình", num, 3)
    doc.add_paragraph("B. NỘI DUNG BÀI GIẢNG").runs[0].bold = True
    _numbered(doc, "ĐẢNG RA ĐỜI", num, 0, bold=True)   # the same list goes on: III.
    _numbered(doc, "Hoàn cảnh lịch sử", num, 1, bold=True)
    _numbered(doc, "Xã hội thuộc địa", num, 2, bold=True)
    path = tmp_path / "tu-dong.docx"
    doc.save(str(path))
    plan = read_docx_plan(path, blobs)
    assert [h for h, _b in plan.sections] == ["I. MỤC TIÊU", "II. PHƯƠNG PHÁP", "B. NỘI DUNG BÀI GIẢNG"]
    assert plan.sections[0][1].splitlines()[:2] == ["1. Về kiến thức: nắm được lịch sử", "2. Về tư tưởng: củng cố niềm tin"]
    assert plan.sections[1][1].strip() == "+ Thuyết trình"
    content_body = plan.sections[2][1]
    assert "## III. ĐẢNG RA ĐỜI" in content_body
    assert "### 1. Hoàn cảnh lịch sử" in content_body
    assert "#### a) Xã hội thuộc địa" in content_body
