"""The slide layout engine: frames on a 960×540 slide, text that never overflows."""

from __future__ import annotations

import pytest

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import Bullet, ImageRef, Slide
from lecturer_app.formats.slide_layout import (
    CONTINUED,
    SLIDE_HEIGHT,
    SLIDE_WIDTH,
    ImageFrame,
    QrFrame,
    TextFrame,
    layout_deck,
    layout_slide,
    load_theme,
    text_width,
    theme_names,
)

SENTENCE = ("Nguyễn Ái Quốc tìm đường cứu nước, chuẩn bị về tư tưởng, chính trị và tổ chức cho sự ra đời "
            "của Đảng Cộng sản Việt Nam")
LAYOUTS = ("title", "bullets", "two_columns", "image", "section", "key_message", "qr")


@pytest.fixture(params=["trang_trong", "sang", "tuong_phan_cao"])
def theme(request):
    return load_theme(request.param)


def _slide(layout: str = "bullets", bullets: int = 3, repeat: int = 1) -> Slide:
    return Slide(layout=layout, title="Quá trình ra đời của Đảng", subtitle="Phụ đề của trang",
                 bullets=[Bullet(f"{i}. " + " ".join([SENTENCE] * repeat), i % 3) for i in range(bullets)],
                 right_bullets=[Bullet("Cột phải: " + SENTENCE)], url="https://example.org/tai-lieu/bai-1",
                 images=[ImageRef("a" * 64, "anh.png", "Ảnh minh họa")], notes="Ghi chú của giảng viên")


def _all_text(pages, role: str) -> str:
    return " ".join(p.text for page in pages for f in page.text_frames(role) for p in f.paragraphs)


def _inside(inner, outer, tolerance: float = 0.01) -> bool:
    return (inner.x >= outer.x - tolerance and inner.y >= outer.y - tolerance
            and inner.x + inner.w <= outer.x + outer.w + tolerance and inner.bottom <= outer.bottom + tolerance)


def test_shipped_themes_include_formal_light_and_high_contrast():
    names = theme_names()
    assert names[0] == "trang_trong"
    assert {"trang_trong", "sang", "tuong_phan_cao"} <= set(names)
    assert load_theme("").name == "trang_trong"


def test_an_unknown_theme_is_a_clear_error():
    with pytest.raises(InputFileError, match="khong_co"):
        load_theme("khong_co")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_frame_and_line_stays_on_the_slide_and_inside_its_box(theme, layout):
    for page in layout_slide(_slide(layout, bullets=8, repeat=2), theme, footer="Trung tâm · Bài 1", number=4):
        for frame in page.frames:
            assert 0 <= frame.box.x and frame.box.x + frame.box.w <= SLIDE_WIDTH
            assert 0 <= frame.box.y and frame.box.bottom <= SLIDE_HEIGHT
            if isinstance(frame, TextFrame):
                for line in frame.lines:
                    assert line.y + line.size * 1.2 <= frame.box.bottom + 0.01, (layout, line.text)
                    assert line.x + line.width <= frame.box.x + frame.box.w + 0.01, (layout, line.text)
                    assert line.width == pytest.approx(text_width(line.text, line.size, bold=line.bold,
                                                                  italic=line.italic))


def test_short_bullets_use_the_themes_body_size(theme):
    page, = layout_slide(_slide(bullets=2), theme)
    body, = page.text_frames("body")
    assert body.lines[0].size == theme.size("body")
    assert not page.continued


def test_longer_text_shrinks_before_it_continues(theme):
    page, *more = layout_slide(_slide(bullets=6), theme)
    body, = page.text_frames("body")
    if theme.size("level_min") > 12:
        # Sub-bullets never below 22 pt: six bullets do not fit one page even at the minimum size, so
        # the text keeps its full size and continues.
        assert len(more) == 1 and body.lines[0].size == theme.size("body")
    else:
        assert not more and theme.size("body_min") <= body.lines[0].size < theme.size("body")


def test_very_long_text_continues_on_pages_titled_tiep_and_keeps_every_word(theme):
    slide = _slide(bullets=14, repeat=2)
    pages = layout_slide(slide, theme, number=5)
    assert len(pages) > 1
    assert [p.number for p in pages] == list(range(5, 5 + len(pages)))
    assert not pages[0].continued and all(p.continued for p in pages[1:])
    assert all(p.title_text().endswith(CONTINUED) for p in pages[1:])
    lines = [line.text for page in pages for f in page.text_frames("body") for line in f.lines]
    expected = " ".join([slide.subtitle, *(b.text for b in slide.bullets)])
    assert " ".join(lines).split() == expected.split()
    assert pages[0].notes == slide.notes and all(p.notes == "" for p in pages[1:])
    sizes = {line.size for page in pages for f in page.text_frames("body") for line in f.lines if line.level == 0}
    assert min(sizes) >= theme.size("body_min")


def test_a_paragraph_split_across_pages_gets_no_second_marker(theme):
    pages = layout_slide(Slide(title="Một đoạn rất dài", bullets=[Bullet(" ".join([SENTENCE] * 30))]), theme)
    assert len(pages) > 1
    markers = [line.marker for page in pages for f in page.text_frames("body") for line in f.lines if line.marker]
    assert markers == ["•"]


def test_deeper_levels_are_indented_and_smaller(theme):
    page, = layout_slide(Slide(title="Cấp", bullets=[Bullet("Cấp một"), Bullet("Cấp hai", 1),
                                                      Bullet("Cấp ba", 2)]), theme)
    lines = page.text_frames("body")[0].lines
    assert lines[0].x < lines[1].x < lines[2].x
    assert lines[0].size > lines[1].size > lines[2].size
    assert [line.marker for line in lines] == ["•", "–", "◦"]


def test_a_long_title_shrinks_and_wraps_inside_the_title_box(theme):
    title = "Tư tưởng Hồ Chí Minh về xây dựng Đảng trong sạch, vững mạnh và vận dụng vào công tác " * 2
    page, = layout_slide(Slide(title=title, bullets=[Bullet("Một ý")]), theme)
    frame, = page.text_frames("title")
    assert frame.lines[0].size < theme.size("title")
    assert " ".join(line.text for line in frame.lines).split() == title.split()


def test_a_long_url_breaks_between_characters():
    theme = load_theme("sang")
    url = "https://example.org/" + "tailieu" * 20
    page, = layout_slide(Slide(layout="qr", title="Tài liệu", url=url), theme)
    qr = [f for f in page.frames if isinstance(f, QrFrame)]
    assert qr[0].url == url and qr[0].box.w == qr[0].box.h
    url_frame, = page.text_frames("url")
    assert "".join(line.text for line in url_frame.lines) == url
    assert len(url_frame.lines) > 1


def test_two_columns_keep_both_sides():
    page, = layout_slide(_slide("two_columns", bullets=2), load_theme("sang"))
    left, = page.text_frames("left")
    right, = page.text_frames("right")
    assert left.box.x + left.box.w < right.box.x
    assert right.paragraphs[0].text.startswith("Cột phải")


def test_an_image_keeps_its_aspect_ratio_inside_its_box():
    page, = layout_slide(_slide("image", bullets=0), load_theme("sang"))
    image, = [f for f in page.frames if isinstance(f, ImageFrame)]
    fitted = image.fit(4000, 1000)
    assert fitted.w / fitted.h == pytest.approx(4.0)
    assert _inside(fitted, image.box)
    assert fitted.w == pytest.approx(image.box.w) or fitted.h == pytest.approx(image.box.h)


def test_title_and_section_slides_use_the_cover_background(theme):
    cover, = layout_slide(_slide("title"), theme, footer="Trung tâm")
    content, = layout_slide(_slide("bullets", bullets=1), theme)
    assert cover.background == theme.color("cover_background")
    assert content.background == theme.color("background")
    assert cover.text_frames("number") == []
    assert content.text_frames("number")[0].paragraphs[0].text == "1"


def test_the_footer_text_is_shown_and_a_deck_is_numbered_consecutively(theme):
    slides = [_slide("title"), _slide(bullets=14, repeat=2), _slide("key_message")]
    pages = layout_deck(slides, theme, footer="Trung tâm chính trị · Bài 1")
    assert [p.number for p in pages] == list(range(1, len(pages) + 1))
    assert all(p.footer == "Trung tâm chính trị · Bài 1" for p in pages)
    assert _all_text(pages[1:], "footer").count("Trung tâm chính trị") == len(pages) - 1


def test_key_message_text_is_centred_on_a_band(theme):
    page, = layout_slide(Slide(layout="key_message", title="Thông điệp", subtitle="Đảng là đội tiên phong"),
                         theme)
    message, = page.text_frames("message")
    assert message.align == "center"
    line = message.lines[0]
    centre = line.x + line.width / 2
    assert centre == pytest.approx(message.box.x + message.box.w / 2)
