"""The near-duplicate pair the quality panel's tests merge, and the question bank shown on its quality tab."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Question
from lecturer_app.ui.questions.workspace import QuestionBankWorkspace
from tests.support.duplicate_pair import saved_pair


@pytest.fixture
def pair(context) -> tuple[Question, Question]:
    return saved_pair(context)


@pytest.fixture
def quality_ws(qtbot, context, pair) -> QuestionBankWorkspace:
    """«Ngân hàng câu hỏi» shown on its «Kiểm tra chất lượng» tab (the workspace reads the bank when shown)."""
    widget = QuestionBankWorkspace(context)
    qtbot.addWidget(widget)
    widget.show()
    widget.side.setCurrentWidget(widget.quality)
    return widget
