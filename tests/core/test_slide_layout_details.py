"""Slide layout details of issue #15: the high-contrast theme's minimum for every level, the QR slide."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Bullet, ImageRef, Slide
from lecturer_app.formats.slide_layout import (
    SLIDE_WIDTH,
    ImageFrame,
    QrFrame,
    layout_slide,
    load_theme,
)

SENTENCE = "Đảng Cộng sản Việt Nam ra đời là bước ngoặt vĩ đại của cách mạng Việt Nam. "


@pytest.fixture(params=["trang_trong", "sang", "tuong_phan_cao"])
def theme(request):
    return load_theme(request.param)


def test_the_high_contrast_theme_sets_no_bullet_level_below_its_minimum():
    theme = load_theme("tuong_phan_cao")
    slide = Slide(title="Cấp độ", bullets=[Bullet(f"Cấp {level}: " + SENTENCE * 2, level) for level in range(5)] * 3)
    sizes = {line.size for page in layout_slide(slide, theme) for f in page.text_frames("body") for line in f.lines}
    assert min(sizes) >= 22 == theme.size("level_min")


def test_a_qr_slide_shows_its_subtitle_and_centres_the_code_when_there_is_no_text(theme):
    with_text, = layout_slide(Slide(layout="qr", title="Tài liệu", subtitle="Quét mã để mở tài liệu",
                                    url="https://example.org/a"), theme)
    assert [p.text for f in with_text.text_frames("subtitle") for p in f.paragraphs] == ["Quét mã để mở tài liệu"]
    alone, = layout_slide(Slide(layout="qr", title="Tài liệu", url="https://example.org/a"), theme)
    code, = [f for f in alone.frames if isinstance(f, QrFrame)]
    assert code.box.x + code.box.w / 2 == pytest.approx(SLIDE_WIDTH / 2)
    text_only, = layout_slide(Slide(layout="qr", title="Tài liệu", bullets=[Bullet("Chưa có địa chỉ " * 6)]), theme)
    body, = text_only.text_frames("body")
    assert body.box.w > SLIDE_WIDTH * 0.8


def test_a_small_picture_is_shown_at_most_one_point_per_pixel_not_blown_up_to_its_box(theme):
    page, = layout_slide(Slide(layout="image", title="Biểu tượng", images=[ImageRef("a" * 64, "logo.png")]), theme)
    image, = [f for f in page.frames if isinstance(f, ImageFrame)]
    fitted = image.fit(120, 80)
    assert (fitted.w, fitted.h) == (120, 80)
    assert fitted.x + fitted.w / 2 == pytest.approx(image.box.x + image.box.w / 2)
