"""Measuring and wrapping slide text with Liberation Sans (Arial) metrics."""

from __future__ import annotations

import pytest

from lecturer_app.formats.text_measure import WIDTH_SLACK, text_width, wrap_text

TEXT = "Đảng Cộng sản Việt Nam là đội tiên phong của giai cấp công nhân, đồng thời là đội tiên phong của nhân dân"


def test_widths_scale_with_size_and_bold_is_wider():
    assert text_width("Đảng", 28) == pytest.approx(2 * text_width("Đảng", 14))
    assert text_width("Đảng Cộng sản", 20, bold=True) > text_width("Đảng Cộng sản", 20)
    assert text_width("", 20) == 0


@pytest.mark.parametrize("width", [120.0, 300.0, 800.0])
def test_every_wrapped_line_fits_and_no_word_is_lost(width):
    lines = wrap_text(TEXT, width, 24)
    assert " ".join(lines).split() == TEXT.split()
    assert all(text_width(line, 24) <= width * WIDTH_SLACK for line in lines)
    # Greedy: the next line's first word would not have fitted on the line before.
    for line, following in zip(lines, lines[1:]):
        assert text_width(f"{line} {following.split()[0]}", 24) > width * WIDTH_SLACK


def test_a_word_longer_than_the_line_is_broken_between_characters():
    url = "https://example.org/" + "tai-lieu-" * 12
    lines = wrap_text(url, 150, 14)
    assert "".join(lines) == url
    assert len(lines) > 1 and all(text_width(line, 14) <= 150 * WIDTH_SLACK for line in lines)


def test_empty_text_is_one_empty_line():
    assert wrap_text("   ", 100, 20) == [""]
