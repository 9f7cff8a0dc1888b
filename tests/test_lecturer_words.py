"""Issue #15 item 11: the app speaks a lecturer's words. No message says "Hạt giống" (seed) or "Bước nhảy"
(step); the draw's settings are named "Mã ngẫu nhiên (để tạo lại đúng bộ đề)" and "Khoảng cách giữa hai mã đề"."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("missing_translations", ROOT / "scripts" / "missing_translations.py")
_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_tool)

JARGON = ("hạt giống", "bước nhảy")


def test_no_message_uses_programmers_words_for_the_draw():
    found = {message: where for message, where in _tool.source_messages().items()
             if any(word in message.lower() for word in JARGON)}
    assert found == {}


def test_a_zero_code_step_is_refused_in_the_words_of_the_exam_screen():
    import random

    import pytest

    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.exam.codes import CodeScheme, version_codes

    with pytest.raises(UserFacingError, match="Khoảng cách giữa hai mã đề phải lớn hơn 0"):
        version_codes(CodeScheme(step=0), 3, random.Random(1))
