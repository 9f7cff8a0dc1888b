"""PPTX export: the written file, re-opened with python-pptx, holds what the layout engine placed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from lecturer_app.core.model import Bullet, ImageRef, Slide
from lecturer_app.core.safe_write import WriteError
from lecturer_app.exporters.pptx_writer import write_pptx
from lecturer_app.formats.slide_layout import CONTINUED, layout_deck, load_theme

EMU = 12700
LONG = ("Đảng Cộng sản Việt Nam là đội tiên phong của giai cấp công nhân, đồng thời là đội tiên phong của nhân dân "
        "lao động và của dân tộc Việt Nam; đại biểu trung thành lợi ích của giai cấp công nhân")


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def picture():
    data = _png(400, 100)
    import hashlib

    return hashlib.sha256(data).hexdigest(), data


@pytest.fixture
def slides(picture):
    sha, _data = picture
    return [
        Slide(layout="title", title="Khái quát lịch sử Đảng", subtitle="Bài 1 · 5 tiết", notes="Chào lớp"),
        Slide(title="Kết cấu bài giảng", bullets=[Bullet("Đặt vấn đề"), Bullet("Hội nghị thành lập Đảng", 1)],
              notes="Trọng tâm mục I"),
        Slide(title="Rất dài", bullets=[Bullet(LONG, i % 2) for i in range(14)]),
        Slide(layout="image", title="Ảnh tư liệu", images=[ImageRef(sha, "anh.png", "Ảnh Hội nghị")]),
        Slide(layout="qr", title="Tài liệu", url="https://example.org/tai-lieu"),
        Slide(layout="image", title="Ảnh bị thiếu", images=[ImageRef("b" * 64, "thieu.png")]),
    ]


def _open(path: Path):
    from pptx import Presentation

    return Presentation(str(path))


def test_every_laid_out_page_becomes_a_16_9_slide_with_its_title_and_notes(tmp_path, slides, picture):
    theme = load_theme("trang_trong")
    pages = layout_deck(slides, theme, footer="Trung tâm chính trị · Lịch sử Đảng")
    path = tmp_path / "bai.pptx"
    report = write_pptx(pages, path, theme=theme, images={picture[0]: picture[1]}.get, title="Lịch sử Đảng")
    presentation = _open(path)
    assert (presentation.slide_width, presentation.slide_height) == (960 * EMU, 540 * EMU)
    assert len(presentation.slides) == len(pages) == report.pages
    titles = [s.shapes.title.text_frame.text if s.shapes.title is not None else "" for s in presentation.slides]
    assert titles == [p.title_text() for p in pages]
    assert any(t.endswith(CONTINUED) for t in titles)
    assert presentation.slides[0].notes_slide.notes_text_frame.text == "Chào lớp"
    assert presentation.core_properties.title == "Lịch sử Đảng"
    assert report.missing_images == ["thieu.png"]


def test_text_keeps_the_engines_sizes_levels_and_font_and_never_autofits(tmp_path, slides):
    from pptx.enum.text import MSO_AUTO_SIZE

    theme = load_theme("sang")
    pages = layout_deck(slides[1:3], theme)
    path = tmp_path / "bai.pptx"
    write_pptx(pages, path, theme=theme, images=lambda sha: None)
    for page, slide in zip(pages, _open(path).slides):
        body = page.text_frames("body")[0]
        shape = next(s for s in slide.shapes if s.name.startswith("body"))
        assert shape.text_frame.auto_size == MSO_AUTO_SIZE.NONE
        written = [(p.runs[0].text, p.level, p.runs[0].font.size.pt, p.runs[0].font.name)
                   for p in shape.text_frame.paragraphs]
        assert written == [(p.text, p.level, p.size, "Arial") for p in body.paragraphs]
        assert (shape.left, shape.top, shape.width, shape.height) == tuple(
            round(v * EMU) for v in (body.box.x, body.box.y, body.box.w, body.box.h))


def test_a_picture_keeps_its_aspect_ratio_and_the_qr_code_links_to_its_url(tmp_path, slides, picture):
    theme = load_theme("tuong_phan_cao")
    pages = layout_deck(slides[3:5], theme)
    path = tmp_path / "anh.pptx"
    write_pptx(pages, path, theme=theme, images={picture[0]: picture[1]}.get)
    image_slide, qr_slide = _open(path).slides
    shown = next(s for s in image_slide.shapes if s.name.startswith("image"))
    assert shown.width / shown.height == pytest.approx(4.0, rel=0.01)
    assert shown.image.blob == picture[1]
    qr = next(s for s in qr_slide.shapes if s.name.startswith("qr"))
    assert qr.click_action.hyperlink.address == "https://example.org/tai-lieu"
    assert qr.width == qr.height


def test_the_file_is_written_whole_or_not_at_all(tmp_path, slides):
    theme = load_theme("sang")
    path = tmp_path / "missing-folder" / "bai.pptx"
    with pytest.raises(WriteError):
        write_pptx(layout_deck(slides[:1], theme), path, theme=theme, images=lambda sha: None)
    assert not path.exists()
    assert not path.parent.exists()


def test_markup_characters_and_stray_control_characters_are_written_safely(tmp_path):
    theme = load_theme("sang")
    slide = Slide(title='Đảng & "Nhà nước" <2025>', bullets=[Bullet("Tab\tvà\x0bngắt\x01dòng <b>")])
    path = tmp_path / "ky-tu.pptx"
    write_pptx(layout_deck([slide], theme), path, theme=theme, images=lambda sha: None)
    written = _open(path).slides[0]
    assert written.shapes.title.text_frame.text == 'Đảng & "Nhà nước" <2025>'
    body = next(s for s in written.shapes if s.name.startswith("body"))
    assert body.text_frame.text == "Tab và ngắtdòng <b>"
    assert body.text_frame.paragraphs[0].runs[0]._r.rPr.get("lang") == "vi-VN"


@pytest.mark.parametrize("name", ["trang_trong", "sang", "tuong_phan_cao"])
def test_the_master_carries_the_theme_so_slides_added_in_powerpoint_match(tmp_path, slides, name):
    from pptx.oxml.ns import qn

    theme = load_theme(name)
    path = tmp_path / "bai.pptx"
    write_pptx(layout_deck(slides[:2], theme), path, theme=theme, images=lambda sha: None)
    master = _open(path).slide_master
    assert str(master.background.fill.fore_color.rgb) == theme.color("background")
    title_run = master._element.find(qn("p:txStyles")).find(qn("p:titleStyle")).find(".//" + qn("a:defRPr"))
    assert title_run.find(qn("a:solidFill")).find(qn("a:srgbClr")).get("val") == theme.color("subtitle")
    assert title_run.find(qn("a:latin")).get("typeface") == "Arial"
