"""Word's automatic numbering labels, recomputed."""

from __future__ import annotations

import pytest

from lecturer_app.importers.docx_numbering import format_number


@pytest.mark.parametrize(("number", "fmt", "expected"), [
    (4, "upperRoman", "IV"), (9, "upperRoman", "IX"), (14, "lowerRoman", "xiv"), (1990, "upperRoman", "MCMXC"),
    (1, "lowerLetter", "a"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"), (12, "decimal", "12"),
])
def test_numbers_in_word_formats(number, fmt, expected):
    assert format_number(number, fmt) == expected
