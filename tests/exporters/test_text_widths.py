"""Slide text is measured from the stored width table exactly as reportlab measures it with the fonts."""

from __future__ import annotations

import json

import pytest

from lecturer_app.core.resources import resource_path
from lecturer_app.formats.text_measure import FONT_NAMES, _register_fonts, text_width, wrap_text

TEXTS = ["Đảng Cộng sản Việt Nam lãnh đạo cách mạng Việt Nam giành độc lập dân tộc",
         "“Nhấn mạnh” – ý chính… 1.234,5 € • ▪ → ≤ ≥", "Ứng dụng, thực tiễn địa phương; QUỐC HỘI (khóa XV)",
         "Cộng hoà — combining: Vie\u0323\u0302t", ""]
BOLD_ITALIC = [(False, False), (True, False), (False, True), (True, True)]


@pytest.mark.parametrize(("bold", "italic"), BOLD_ITALIC)
def test_widths_from_the_table_equal_reportlabs_to_the_last_bit(bold, italic):
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_fonts()
    font = FONT_NAMES[BOLD_ITALIC.index((bold, italic))]
    for text in TEXTS:
        for size in (12, 18.5, 28):
            assert text_width(text, size, bold=bold, italic=italic) == stringWidth(text, font, size)


def test_the_stored_table_is_what_the_fonts_give_today():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_fonts()
    stored = json.loads(resource_path("fonts", "liberation", "sans-widths.json").read_text(encoding="utf-8"))
    assert set(stored) == set(FONT_NAMES)
    for font, ranges in stored.items():
        for start, run in ranges.items():
            assert run == [stringWidth(chr(int(start, 16) + n), font, 1000.0) for n in range(len(run))]


def test_text_outside_the_table_is_measured_by_reportlab():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_fonts()
    greek_and_cjk = "Αθήνα 北京"
    assert text_width(greek_and_cjk, 20) == stringWidth(greek_and_cjk, FONT_NAMES[0], 20)
    assert wrap_text(f"{greek_and_cjk} {TEXTS[0]}", 200, 20)[0].startswith("Αθήνα")
