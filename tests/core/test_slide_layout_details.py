"""Slide layout details of issue #15: the high-contrast theme's minimum for every level, the QR slide."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Bullet, Slide
from lecturer_app.formats.slide_layout import (
    SLIDE_WIDTH,
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
    assert "Quét mã để mở tài liệu" in " ".join(p.text for f in with_text.text_frames("body") for p in f.paragraphs)
    alone, = layout_slide(Slide(layout="qr", title="Tài liệu", url="https://example.org/a"), theme)
    code, = [f for f in alone.frames if isinstance(f, QrFrame)]
    assert code.box.x + code.box.w / 2 == pytest.approx(SLIDE_WIDTH / 2)
    text_only, = layout_slide(Slide(layout="qr", title="Tài liệu", bullets=[Bullet("Chưa có địa chỉ " * 6)]), theme)
    body, = text_only.text_frames("body")
    assert body.box.w > SLIDE_WIDTH * 0.8
