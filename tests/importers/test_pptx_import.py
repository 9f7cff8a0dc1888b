"""PPTX import: any .pptx becomes a deck; what cannot be kept is reported per slide, never a crash."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import Bullet, Slide
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.exporters.pptx_writer import write_pptx
from lecturer_app.formats.slide_layout import layout_deck, load_theme
from lecturer_app.importers.legacy_vietnamese import LegacyEncoding, encode
from lecturer_app.importers.pptx_import import read_pptx

REAL_FILES = ("ph-populated-placeholders.pptx", "prs-notes.pptx", "shp-picture.pptx", "tbl-cell.pptx",
              "txt-font-props.pptx")


@pytest.fixture
def blobs(tmp_path):
    return BlobStore(tmp_path / "blobs")


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 30), (10, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def _add_text(slide, text_runs: list[tuple[str, str | None]], level: int = 0, shape=None):
    from pptx.util import Pt

    shape = shape or slide.shapes.add_textbox(0, 0, 3_000_000, 1_000_000)
    paragraph = shape.text_frame.paragraphs[0] if not shape.text_frame.text else shape.text_frame.add_paragraph()
    paragraph.level = level
    for text, font in text_runs:
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(20)
        if font:
            run.font.name = font
    return shape


@pytest.fixture
def mixed_pptx(tmp_path) -> Path:
    """A deck built like a lecturer's: legacy fonts, levels, a table, chart, video, OLE object, group."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.enum.shapes import PROG_ID

    prs = Presentation()
    cover = prs.slides.add_slide(prs.slide_layouts[0])
    cover.shapes.title.text = "Lịch sử Đảng"
    cover.placeholders[1].text = "Bài 1 · 5 tiết"
    content = prs.slides.add_slide(prs.slide_layouts[1])
    content.shapes.title.text_frame.paragraphs[0].add_run().text = encode("Hoàn cảnh lịch sử", LegacyEncoding.TCVN3)
    content.shapes.title.text_frame.paragraphs[0].runs[0].font.name = ".VnTime"
    body = content.placeholders[1]
    body.text_frame.text = ""
    _add_text(content, [(encode("Đảng Cộng sản Việt Nam ra đời", LegacyEncoding.TCVN3), ".VnTime")], shape=body)
    _add_text(content, [(encode("Hội nghị thành lập Đảng", LegacyEncoding.VNI), "VNI-Times")], 1, shape=body)
    _add_text(content, [(encode("chủ tịch hồ chí minh", LegacyEncoding.TCVN3, upper_font=True), ".VnTimeH")],
              2, shape=body)
    content.notes_slide.notes_text_frame.text = "Nêu vấn đề"
    rich = prs.slides.add_slide(prs.slide_layouts[5])
    rich.shapes.title.text = "Số liệu"
    table = rich.shapes.add_table(2, 2, 0, 0, 3_000_000, 800_000).table
    for (r, c), text in zip([(0, 0), (0, 1), (1, 0), (1, 1)], ["Năm", "Sự kiện", "1930", "Thành lập Đảng"]):
        table.cell(r, c).text = text
    data = CategoryChartData()
    data.categories = ["2020", "2021"]
    data.add_series("Đảng viên", (10, 12.5))
    rich.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 3_000_000, 2_000_000, data)
    rich.shapes.add_movie(io.BytesIO(b"\x00\x00\x00\x18ftypmp42"), 0, 0, 1_000_000, 1_000_000,
                          poster_frame_image=io.BytesIO(_png()), mime_type="video/mp4")
    rich.shapes.add_ole_object(io.BytesIO(_xlsx()), PROG_ID.XLSX, 0, 0)
    group = rich.shapes.add_group_shape()
    _add_text(group, [("Trong nhóm", None)])
    rich.shapes.add_picture(io.BytesIO(_png()), 0, 0)
    path = tmp_path / "bai.pptx"
    prs.save(str(path))
    return path


def test_titles_bullets_levels_and_notes_are_read(mixed_pptx, blobs):
    deck = read_pptx(mixed_pptx, blobs)
    cover, content, rich, rich_table = deck.slides
    assert (cover.layout, cover.title, cover.subtitle) == ("title", "Lịch sử Đảng", "Bài 1 · 5 tiết")
    assert content.notes == "Nêu vấn đề"
    assert deck.title == "Lịch sử Đảng"
    assert [b.level for b in content.bullets] == [0, 1, 2]


def test_legacy_font_runs_become_unicode_and_are_reported(mixed_pptx, blobs):
    deck = read_pptx(mixed_pptx, blobs)
    content = deck.slides[1]
    assert content.title == "Hoàn cảnh lịch sử"
    assert [b.text for b in content.bullets] == ["Đảng Cộng sản Việt Nam ra đời", "Hội nghị thành lập Đảng",
                                                  "CHỦ TỊCH HỒ CHÍ MINH"]
    fonts = {(c.font, c.encoding) for c in deck.converter.conversions}
    assert fonts == {(".VnTime", "TCVN3 (ABC)"), ("VNI-Times", "VNI"), (".VnTimeH", "TCVN3 (ABC)")}
    assert all(c.where == "trang 2" for c in deck.converter.conversions)


def test_a_table_beside_a_picture_gets_its_own_slide_and_what_cannot_be_kept_is_reported(mixed_pptx, blobs):
    deck = read_pptx(mixed_pptx, blobs)
    rich, rich_table = deck.slides[2:]
    report = deck.reports[2]
    assert "Đảng viên: 2020: 10; 2021: 12,5" in [b.text for b in rich.bullets]
    assert "Trong nhóm" in [b.text for b in rich.bullets]
    # The picture layout has no room for a table: it follows as a real table (issue #15 item 18).
    assert (rich_table.title, rich_table.layout) == ("Số liệu (bảng 1)", "table")
    assert rich_table.table.rows == [["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"]]
    assert report.tables == 1 and report.pictures == 1 and len(report.split) == 1
    kinds = " ".join(report.skipped)
    assert "video" in kinds and "OLE" in kinds and "biểu đồ" not in kinds   # the chart's numbers were imported
    assert [text.split(" (")[0] for text in report.as_text] == ["biểu đồ: chỉ giữ số liệu dạng chữ"]
    assert deck.reports[0].skipped == [] and deck.reports[1].skipped == []


def test_pictures_are_stored_as_blobs(mixed_pptx, blobs):
    rich = read_pptx(mixed_pptx, blobs).slides[2]
    image, = rich.images
    assert blobs.read_bytes(image.sha256) == _png()
    assert rich.layout == "image"


def test_a_missing_picture_part_is_reported_and_the_rest_still_imports(mixed_pptx, blobs, tmp_path):
    broken = tmp_path / "thieu-anh.pptx"
    with zipfile.ZipFile(mixed_pptx) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if not item.filename.startswith("ppt/media/image"):
                target.writestr(item, source.read(item.filename))
    deck = read_pptx(broken, blobs)
    assert len(deck.slides) == 3   # no picture left, so the table stays on its slide
    assert deck.slides[1].title == "Hoàn cảnh lịch sử"
    assert any("hình" in s for s in deck.reports[2].skipped)
    assert deck.slides[2].images == [] and deck.reports[2].tables == 1
    assert any("ppt/media/image" in p for p in deck.problems)


def test_a_missing_slide_part_is_reported_at_its_place_and_the_other_slides_import(mixed_pptx, blobs, tmp_path):
    broken = tmp_path / "thieu-trang.pptx"
    with zipfile.ZipFile(mixed_pptx) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if item.filename != "ppt/slides/slide2.xml":
                target.writestr(item, source.read(item.filename))
    deck = read_pptx(broken, blobs)
    assert [s.title for s in deck.slides] == ["Lịch sử Đảng", "Số liệu", "Số liệu (bảng 1)"]
    assert [r.number for r in deck.reports] == [1, 2, 3]
    assert deck.reports[1].skipped == ["trang bị thiếu trong tệp"]
    assert deck.problems == ["thiếu phần ppt/slides/slide2.xml trong tệp"]


def test_a_file_that_is_not_a_presentation_is_a_clear_error(tmp_path, blobs):
    fake = tmp_path / "gia.pptx"
    fake.write_bytes(b"khong phai zip")
    with pytest.raises(InputFileError, match="gia.pptx"):
        read_pptx(fake, blobs)
    empty_zip = tmp_path / "rong.pptx"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    with pytest.raises(InputFileError, match="rong.pptx"):
        read_pptx(empty_zip, blobs)


def test_an_exported_deck_reads_back_as_the_same_slides(tmp_path, blobs):
    slides = [
        Slide(layout="title", title="Khái quát lịch sử Đảng", subtitle="Bài 1", notes="Chào lớp"),
        Slide(title="Kết cấu", bullets=[Bullet("Đặt vấn đề"), Bullet("Hội nghị 1930", 1)], notes="Ghi chú"),
        Slide(layout="two_columns", title="Hai cột", bullets=[Bullet("Trái")], right_bullets=[Bullet("Phải")]),
        Slide(layout="section", title="I. ĐẢNG RA ĐỜI", subtitle="Bước ngoặt"),
        Slide(title="Rất dài", bullets=[Bullet("Đảng Cộng sản Việt Nam ra đời năm 1930 " * 8)] * 10),
        Slide(layout="key_message", title="Thông điệp", subtitle="Đảng là đội tiên phong"),
        Slide(layout="qr", title="Tài liệu", url="https://example.org/tai-lieu"),
    ]
    theme = load_theme("trang_trong")
    path = tmp_path / "xuat.pptx"
    write_pptx(layout_deck(slides, theme, footer="Trung tâm · Bài 1"), path, theme=theme, images=lambda s: None)
    back = read_pptx(path, blobs).slides
    compared = ("layout", "title", "subtitle", "notes", "url")
    assert [tuple(getattr(s, f) for f in compared) for s in back] == [
        tuple(getattr(s, f) for f in compared) for s in slides]
    assert [(b.text, b.level) for b in back[1].bullets] == [("Đặt vấn đề", 0), ("Hội nghị 1930", 1)]
    assert [b.text for b in back[2].right_bullets] == ["Phải"]
    assert " ".join(b.text for b in back[4].bullets).split() == " ".join(
        b.text for b in slides[4].bullets).split()


@pytest.mark.parametrize("name", REAL_FILES)
def test_every_real_file_imports_without_a_crash(real_data, blobs, name):
    from pptx import Presentation

    path = real_data / "pptx" / name
    deck = read_pptx(path, blobs)
    assert len(deck.reports) == len(Presentation(str(path)).slides)
    assert len(deck.slides) == len(deck.reports) + sum(len(r.split) for r in deck.reports)
    assert [r.number for r in deck.reports] == list(range(1, len(deck.reports) + 1))


def test_real_files_give_the_expected_content_and_reports(real_data, blobs):
    folder = real_data / "pptx"
    placeholders = read_pptx(folder / "ph-populated-placeholders.pptx", blobs)
    assert placeholders.slides[4].title == "Title Text"
    assert any("biểu đồ" in s for s in placeholders.reports[3].as_text)
    assert any("SmartArt" in s for s in placeholders.reports[7].skipped + placeholders.reports[7].as_text)
    assert [len(s.images) for s in placeholders.slides[:2]] == [1, 1]
    pictures = read_pptx(folder / "shp-picture.pptx", blobs)
    assert [len(s.images) for s in pictures.slides] == [2, 2]
    assert all(blobs.has(ref.sha256) for s in pictures.slides for ref in s.images)
    assert read_pptx(folder / "prs-notes.pptx", blobs).slides[0].notes == "Notes"
    tables = read_pptx(folder / "tbl-cell.pptx", blobs)
    assert [r.tables for r in tables.reports] == [1, 2, 1]
    assert all(s.bullets or s.table for s in tables.slides)
    fonts = read_pptx(folder / "txt-font-props.pptx", blobs)
    assert fonts.slides[1].bullets[0].text == "A default textbox"


def test_legacy_text_without_a_font_name_is_converted_only_when_detection_is_sure(tmp_path, blobs):
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Bài 1"
    sentence = "Đảng Cộng sản Việt Nam lãnh đạo cách mạng và nhân dân"
    _add_text(slide, [(encode(sentence, LegacyEncoding.TCVN3), None)])
    _add_text(slide, [("Café crème à la française", None)])
    path = tmp_path / "khong-phong.pptx"
    prs.save(str(path))
    deck = read_pptx(path, blobs)
    assert [b.text for b in deck.slides[0].bullets] == [sentence, "Café crème à la française"]
    conversion, = deck.converter.conversions
    assert (conversion.font, conversion.encoding, conversion.runs) == ("", "TCVN3 (ABC)", 1)


def test_a_legacy_font_set_only_in_the_theme_applies_to_runs_without_a_font(tmp_path, blobs):
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = encode("Điều lệ Đảng", LegacyEncoding.TCVN3)
    slide.placeholders[1].text = encode("Đảng viên", LegacyEncoding.TCVN3)
    plain = tmp_path / "plain.pptx"
    prs.save(str(plain))
    themed = tmp_path / "vntime.pptx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(themed, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("ppt/theme/"):
                data = data.replace(b'<a:latin typeface="Calibri"/>', b'<a:latin typeface=".VnTime"/>')
            target.writestr(item, data)
    deck = read_pptx(themed, blobs)
    assert deck.slides[0].title == "Điều lệ Đảng"
    assert [b.text for b in deck.slides[0].bullets] == ["Đảng viên"]
    assert {c.font for c in deck.converter.conversions} == {".VnTime"}


def _with_smartart(source: Path, target: Path, texts: list[str]) -> None:
    """Add a SmartArt diagram (data part + graphic frame) holding *texts* to slide 1."""
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    points = "".join(
        f'<dgm:pt modelId="{n}"><dgm:prSet/><dgm:spPr/><dgm:t><a:bodyPr/><a:p><a:r><a:rPr lang="vi-VN"/>'
        f'<a:t>{text}</a:t></a:r></a:p></dgm:t></dgm:pt>' for n, text in enumerate(texts, start=2))
    data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><dgm:dataModel xmlns:dgm="{dgm}" '
            f'xmlns:a="{a}"><dgm:ptLst><dgm:pt modelId="1" type="doc"><dgm:prSet/><dgm:spPr/></dgm:pt>{points}'
            f'</dgm:ptLst><dgm:cxnLst/><dgm:bg/><dgm:whole/></dgm:dataModel>')
    frame = (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="99" name="Diagram 99"/><p:cNvGraphicFramePr/>'
             f'<p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/><a:ext cx="100" cy="100"/></p:xfrm>'
             f'<a:graphic><a:graphicData uri="{dgm}"><dgm:relIds xmlns:dgm="{dgm}" '
             f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:dm="rId99" '
             f'r:lo="rId98" r:qs="rId97" r:cs="rId96"/></a:graphicData></a:graphic></p:graphicFrame>')
    rel = ('<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'diagramData" Target="../diagrams/data1.xml"/>')
    override = ('<Override PartName="/ppt/diagrams/data1.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.drawingml.diagramData+xml"/>')
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "ppt/slides/slide1.xml":
                content = content.replace(b"</p:spTree>", frame.encode() + b"</p:spTree>")
            elif item.filename == "ppt/slides/_rels/slide1.xml.rels":
                content = content.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif item.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", override.encode() + b"</Types>")
            out.writestr(item, content)
        out.writestr("ppt/diagrams/data1.xml", data.encode("utf-8"))


def test_smartart_text_is_kept_and_the_lost_graphic_reported(tmp_path, blobs):
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Ba nguồn gốc"
    plain = tmp_path / "plain.pptx"
    prs.save(str(plain))
    path = tmp_path / "smartart.pptx"
    _with_smartart(plain, path, ["Chủ nghĩa Mác - Lênin", "Phong trào công nhân", "Phong trào yêu nước"])
    deck = read_pptx(path, blobs)
    assert [b.text for b in deck.slides[0].bullets] == ["Chủ nghĩa Mác - Lênin", "Phong trào công nhân",
                                                         "Phong trào yêu nước"]
    # PowerPoint's English default name is said in Vietnamese (issue #15 item 11).
    assert deck.reports[0].as_text == ["SmartArt: chỉ giữ chữ, bỏ hình (sơ đồ 99)"] and deck.reports[0].skipped == []
