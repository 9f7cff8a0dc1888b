"""The quiz setup reads topic codes as a lecturer types them: «ls-01» is LS-01, and a code that is no topic
is named as such."""

from __future__ import annotations

import pytest

from lecturer_app.core.errors import UserFacingError
from tests.exam import exam_bank_data


@pytest.fixture
def setup(qtbot, store):
    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    exam_bank_data.make_exam_bank(store)
    widget = QuizSetupWidget(store)
    qtbot.addWidget(widget)
    widget.count_spin.setValue(4)
    return widget


def test_a_code_typed_in_lower_case_finds_its_topic(setup):
    setup.topics_edit.setText(" ls-01 ")
    paper, _warnings = setup.make_paper()
    assert len(paper.items) == 4 and paper.title.endswith("LS-01")


def test_a_code_that_is_no_topic_is_named_as_a_topic_code(setup):
    setup.topics_edit.setText("LS-01, XX-99")
    with pytest.raises(UserFacingError, match="Không có chuyên đề mã «XX-99»"):
        setup.make_paper()


def test_choosing_a_built_exam_starts_in_the_exams_folder(qtbot, store, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    (tmp_path / "de_thi").mkdir()
    widget = QuizSetupWidget(store, results_folder=tmp_path)
    qtbot.addWidget(widget)
    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda parent, title, where="": asked.append(where)
                        or "")
    widget.exam_browse.click()  # the topics field has a «Chọn…» of its own
    assert asked == [str(tmp_path / "de_thi")]
