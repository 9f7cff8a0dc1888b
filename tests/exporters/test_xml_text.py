"""The exam writers' own escaping gives exactly what ``xml.sax.saxutils.escape`` gave them."""

from __future__ import annotations

from xml.sax.saxutils import escape as saxutils_escape

import pytest

from lecturer_app.exporters.xml_text import escape

SAMPLES = ["", "Đảng & Nhà nước", "<b>không phải thẻ</b>", "a < b > c", "&amp; đã thoát", "\"nháy\" và 'đơn'",
           "x &lt;&gt; y", "&&<<>>", "dòng một\ndòng hai\ttab", "   "]


@pytest.mark.parametrize("text", SAMPLES)
def test_escaping_is_the_one_saxutils_gave(text):
    assert escape(text) == saxutils_escape(text)
