"""Marks as lecturers type them: a decimal comma or point, and nothing that is not a finite number."""

from __future__ import annotations

import pytest

from lecturer_app.exam.vn_numbers import parse_decimal


@pytest.mark.parametrize(("text", "number"), [("8,5", 8.5), ("8.5", 8.5), (" 7 ", 7.0), ("", None)])
def test_a_mark_reads_with_a_comma_or_a_point(text, number):
    assert parse_decimal(text) == number


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e400"])
def test_a_mark_that_is_not_a_finite_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_decimal(text)
