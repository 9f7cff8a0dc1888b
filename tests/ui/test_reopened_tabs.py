"""Issue #15 item 9: after a restart or a crash every open tab comes back, not only the topics: the exam
builder (with its title, class, versions and folder), grading, scanned sheets, oral cards and the quiz setup."""

from __future__ import annotations

import pytest

from lecturer_app.ui.remembered import Remembered

FEATURES = ("lecturer_app.ui.exam", "lecturer_app.ui.quiz")


@pytest.fixture
def make_window(qtbot, workspace):
    """Main windows over the same data folder, with the exam and quiz features, as two runs of the app."""
    from lecturer_app.ui.app import build_main_window

    def make():
        window = build_main_window(workspace, features=FEATURES)
        window.topic_page_hooks.append(lambda page: setattr(page, "ask_save", lambda parent, code: "save"))
        qtbot.addWidget(window)
        return window

    return make


def _titles(window) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def _open_everything(window, topic, tmp_path):
    from lecturer_app.ui.exam import open_exam_workspace, open_grading, open_oral_cards, open_scan_review
    from lecturer_app.ui.quiz import open_quiz_setup

    window.open_topic(topic.id)
    exam = open_exam_workspace(window)
    exam.title_edit.setText("KIỂM TRA HẾT HỌC PHẦN")
    exam.title_edit.editingFinished.emit()
    exam.class_edit.setText("Lớp K12")
    exam.class_edit.editingFinished.emit()
    exam.versions_spin.setValue(6)
    exam.dir_edit.setText(str(tmp_path / "de_k12"))
    exam.dir_edit.editingFinished.emit()
    open_grading(window)
    open_scan_review(window)
    open_oral_cards(window)
    open_quiz_setup(window)
    window.tabs.setCurrentWidget(exam)


def test_every_open_tab_comes_back_in_order_with_the_one_in_front(qtbot, make_window, topic, tmp_path):
    first = make_window()
    _open_everything(first, topic, tmp_path)
    first.save_state()
    before = _titles(first)
    assert before == ["AB-01", "Đề thi", "Chấm điểm", "Phiếu quét", "Vấn đáp", "Kiểm tra nhanh"]
    first.close()
    again = make_window()
    assert again.reopen_tabs() == 6
    assert _titles(again) == before
    exam = again.tabs.currentWidget()
    assert again.tabs.tabText(again.tabs.currentIndex()) == "Đề thi"
    assert (exam.title_edit.text(), exam.class_edit.text(), exam.versions_spin.value(), exam.dir_edit.text()) \
        == ("KIỂM TRA HẾT HỌC PHẦN", "Lớp K12", 6, str(tmp_path / "de_k12"))


def test_a_crash_keeps_the_tabs_and_the_exam_choices_without_a_clean_close(qtbot, make_window, context, topic,
                                                                            tmp_path):
    first = make_window()
    _open_everything(first, topic, tmp_path)
    remembered = Remembered(context)   # what a new run would read: no save_state, no close
    qtbot.waitUntil(lambda: len(remembered.open_tabs()) == 6, timeout=5000)
    assert remembered.front_tab() == {"workspace": "exam"}
    assert remembered.values("exam") == {"title": "KIỂM TRA HẾT HỌC PHẦN", "class_line": "Lớp K12",
                                         "folder": str(tmp_path / "de_k12"), "versions": 6}


def test_a_closed_tab_does_not_come_back(qtbot, make_window, topic, tmp_path):
    first = make_window()
    _open_everything(first, topic, tmp_path)
    first.close_tab(_titles(first).index("Chấm điểm"))
    first.save_state()
    again = make_window()
    again.reopen_tabs()
    assert "Chấm điểm" not in _titles(again) and "Đề thi" in _titles(again)


def test_the_remembered_tabs_are_not_overwritten_before_they_are_reopened(qtbot, make_window, topic, tmp_path):
    first = make_window()
    _open_everything(first, topic, tmp_path)
    first.save_state()
    starting = make_window()
    starting.awaiting_reopen = True   # as show_main_window sets it while the features install
    starting.save_state()             # a resize during startup: the empty tab list must not be written
    assert starting.reopen_tabs() == 6


def test_a_tab_whose_feature_is_missing_is_left_out_and_the_others_come_back(qtbot, make_window, workspace,
                                                                              topic, tmp_path):
    from lecturer_app.ui.app import build_main_window

    first = make_window()
    _open_everything(first, topic, tmp_path)
    first.save_state()
    without_exams = build_main_window(workspace, features=("lecturer_app.ui.quiz",))
    qtbot.addWidget(without_exams)
    assert without_exams.reopen_tabs() == 2
    assert _titles(without_exams) == ["AB-01", "Kiểm tra nhanh"]


def test_data_written_before_tabs_came_back_still_reopens_its_topics(qtbot, make_window, context, topic):
    context.settings.extra["remembered"] = {"window": {"open_topics": [topic.id]}}
    context.save_settings()
    assert make_window().reopen_tabs() == 1


def test_the_window_size_and_split_come_back(qtbot, make_window):
    first = make_window()
    first.show()
    qtbot.waitExposed(first)
    first.resize(760, 560)   # inside the offscreen screen (800×600): restoreGeometry keeps a window on its screen
    qtbot.waitUntil(lambda: first.width() == 760)
    first.splitter.setSizes([320, first.splitter.width() - 320])
    left = first.splitter.sizes()[0]
    first.save_state()
    first.close()
    again = make_window()
    again.restore_geometry()
    again.show()
    qtbot.waitExposed(again)
    assert (again.width(), again.height()) == (760, 560)
    qtbot.waitUntil(lambda: again.splitter.sizes()[0] == left)
