"""The topics field of the oral cards, the quiz and the exam's quick fill: type codes, or pick the topics.

On the mini bank (programs AB, with module AB-A, and CD; topics AB-01, AB-02
in AB and CD-01 in CD), in its real SQLite file.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from lecturer_app.core.errors import UserFacingError

# The offscreen platform cannot raise the completer's popup nor give it the keyboard, and says so (on the
# test itself: the marker tests/ui/conftest.py adds to every test is closer than a module's).
POPUP_NOISE = pytest.mark.qt_log_ignore(r"This plugin does not support (raise\(\)|grabbing the keyboard|"
                                        r"propagateSizeHints\(\))")


@pytest.fixture
def field(qtbot, workspace):
    from lecturer_app.ui.widgets.topic_codes_field import TopicCodesField

    widget = TopicCodesField(workspace.store)
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


def _tree_rows(dialog) -> list[tuple[str, list[str]]]:
    tree = dialog.tree
    return [(tree.topLevelItem(i).text(0), [tree.topLevelItem(i).child(k).text(0)
                                            for k in range(tree.topLevelItem(i).childCount())])
            for i in range(tree.topLevelItemCount())]


def test_the_list_groups_the_topics_by_program_and_ticks_what_was_typed_in_any_case(field):
    field.setText("ab-02, CD")
    dialog = field.dialog()
    assert _tree_rows(dialog) == [("AB — Bồi dưỡng nhận thức về Đảng", ["AB-01", "AB-02"]),
                                  ("CD — Chuyển đổi số", ["CD-01"])]
    assert dialog.tree.topLevelItem(0).child(0).text(1) == "Khái quát lịch sử Đảng Cộng sản Việt Nam"
    assert dialog.chosen_codes() == ["AB-02"]  # CD is a program's code: it stays typed, no topic is ticked
    assert dialog.count_label.text() == "Đã chọn 1 chuyên đề"


def test_the_search_finds_a_topic_without_accents_and_with_d_for_dj(field, qtbot):
    dialog = field.dialog()
    qtbot.keyClicks(dialog.search, "chuyen doi")
    assert dialog.shown_codes() == ["CD-01"]
    assert dialog.tree.topLevelItem(0).isHidden()  # a program with no topic shown is hidden
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "dang cong san")
    assert dialog.shown_codes() == ["AB-01"]
    dialog.search.setText("ab-0")
    assert dialog.shown_codes() == ["AB-01", "AB-02"]


def test_ok_writes_the_ticked_codes_after_the_typed_ones_and_ctrl_z_takes_them_back(field, qtbot):
    field.setText("CD, ab-02")
    dialog = field.dialog()
    dialog.tree.topLevelItem(0).child(0).setCheckState(0, Qt.CheckState.Checked)  # AB-01
    field.write_chosen(dialog.chosen_codes())
    assert field.text() == "CD, AB-02, AB-01"
    assert field.codes() == ["CD", "AB-02", "AB-01"]
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "CD, ab-02"


def test_unticking_a_typed_topic_takes_it_out_of_the_field(field):
    field.setText("AB-01, CD-01")
    dialog = field.dialog()
    dialog.tree.topLevelItem(1).child(0).setCheckState(0, Qt.CheckState.Unchecked)
    field.write_chosen(dialog.chosen_codes())
    assert field.text() == "AB-01"


def test_ticking_a_program_ticks_its_topics(field):
    dialog = field.dialog()
    dialog.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    assert dialog.chosen_codes() == ["AB-01", "AB-02"]
    assert dialog.count_label.text() == "Đã chọn 2 chuyên đề"


def test_the_keyboard_alone_picks_a_topic_enter_is_ok_and_escape_changes_nothing(field, qtbot):
    seen: list[object] = []

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            seen.append(dialog.focusWidget() is dialog.search)  # where the lecturer starts typing
            qtbot.keyClicks(dialog.search, "tu tuong")
            qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
            seen.append((dialog.focusWidget() is dialog.tree, dialog.tree.currentItem().text(0)))
            qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
            seen.append(dialog.chosen_codes())
            qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():  # a failed step must not leave exec() waiting
                dialog.reject()

    field.setText("AB-01")
    QTimer.singleShot(0, pick)
    field.choose()
    assert seen == [True, (True, "CD-01"), ["AB-01", "CD-01"]]
    assert field.text() == "AB-01, CD-01"

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            dialog.tree.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
            qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, cancel)
    field.choose()
    assert field.text() == "AB-01, CD-01"
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


def test_tab_goes_from_the_codes_to_choose(field, qtbot):
    field.line.setFocus()
    qtbot.keyClick(field.line, Qt.Key.Key_Tab)
    assert field.choose_button.hasFocus()


@POPUP_NOISE
def test_the_completer_offers_topics_by_the_part_being_typed_and_enter_puts_its_code(field, qtbot):
    field.line.setFocus()
    qtbot.keyClicks(field.line, "AB-01, chuyen doi")
    popup = field.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
        "CD-01 — Chuyển đổi số trong công tác tư tưởng"]
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert field.text() == "AB-01, CD-01"
    assert not popup.isVisible()
    qtbot.keyClick(field.line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "AB-01, chuyen doi"


@POPUP_NOISE
def test_the_completer_matches_a_code_in_any_case_and_stays_shut_after_a_comma(field, qtbot):
    field.line.setFocus()
    qtbot.keyClicks(field.line, "ab-0")
    popup = field.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().rowCount() == 2
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    qtbot.keyClicks(field.line, "1,")
    assert not popup.isVisible() and field.text() == "ab-01,"


def test_codes_the_bank_does_not_have_are_each_named(field):
    field.setText("AB-01, XX-99, ab-a, YY")
    with pytest.raises(UserFacingError, match="Không có chuyên đề mã «XX-99», «YY» trong ngân hàng"):
        field.codes()
    assert "«XX-99», «YY»" in field.dialog().unknown_label.text()
    field.setText("AB-01, ab-a, AB-01")
    assert field.codes() == ["AB-01", "AB-A"]  # a module's code, as the question pool takes it; each once


def test_a_topic_added_after_the_field_was_built_is_offered(field, workspace):
    from lecturer_app.core.model import Topic

    field.setText("NEW-01")
    with pytest.raises(UserFacingError):
        field.codes()
    with workspace.store.transaction():
        workspace.store.save(Topic(code="NEW-01", title="Đổi mới sáng tạo"))
    assert field.codes() == ["NEW-01"]
    assert "NEW-01" in field.dialog().shown_codes()


def test_a_code_that_fits_two_codes_in_another_case_is_refused_not_guessed(field, workspace):
    from lecturer_app.core.model import Topic

    with workspace.store.transaction():
        workspace.store.save(Topic(code="Ab-01", title="Chuyên đề mã gần giống"))
    field.setText("ab-01, CD-01")
    with pytest.raises(UserFacingError, match="Mã «ab-01» ứng với nhiều mã trong ngân hàng.*«AB-01», «Ab-01»"):
        field.codes()
    dialog = field.dialog()
    assert dialog.chosen_codes() == ["CD-01"] and not dialog.unknown_label.isVisibleTo(dialog)  # neither ticked
    field.setText("Ab-01")  # nor unknown: written exactly, it is that code
    assert field.codes() == ["Ab-01"]


def test_the_three_screens_name_an_unknown_code_the_same_way(qtbot, workspace, tmp_path):
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace
    from lecturer_app.ui.exam.oral_widget import OralCardsWidget
    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    said = "Không có chuyên đề mã «XX-99» trong ngân hàng."
    oral = OralCardsWidget(workspace.store, tmp_path / "phieu.pdf")
    quiz = QuizSetupWidget(workspace.store)
    exam = ExamWorkspace(workspace.store, tmp_path / "de_thi")
    for widget in (oral, quiz, exam):
        qtbot.addWidget(widget)
    oral.topics_edit.setText("AB-01, XX-99")
    assert oral.available_label.text() == said  # while typing
    with pytest.raises(UserFacingError, match=said):
        oral.generate()
    quiz.topics_edit.setText("AB-01, XX-99")
    with pytest.raises(UserFacingError, match=said):
        quiz.make_paper()
    exam.quick_topics.setText("AB-01, XX-99")
    exam.fill_quick()
    assert exam.status_label.text() == said


def test_topics_of_no_program_come_last_in_vietnamese_order_d_before_dj_before_e(field, workspace):
    from lecturer_app.core.model import Topic

    with workspace.store.transaction():
        for code in ("E-01", "ĐT-01", "DU-01"):
            workspace.store.save(Topic(code=code, title=f"Chuyên đề {code}"))
    rows = _tree_rows(field.dialog())
    assert rows[-1] == ("Chuyên đề không thuộc chương trình", ["DU-01", "ĐT-01", "E-01"])


def test_on_the_oral_form_tab_goes_codes_then_choose_then_the_number_of_cards(qtbot, workspace, tmp_path):
    from lecturer_app.ui.exam.oral_widget import OralCardsWidget

    oral = OralCardsWidget(workspace.store, tmp_path / "phieu.pdf")
    qtbot.addWidget(oral)
    with qtbot.waitActive(oral):
        oral.show()
        oral.activateWindow()
    oral.topics_edit.setFocus()
    assert oral.topics_edit.line.hasFocus()
    qtbot.keyClick(oral.topics_edit.line, Qt.Key.Key_Tab)
    assert oral.topics_edit.choose_button.hasFocus()
    qtbot.keyClick(oral.topics_edit.choose_button, Qt.Key.Key_Tab)
    assert oral.cards_spin.hasFocus()


def _save_questions(store, topic_code: str, **counts: int) -> None:
    """*counts*: how many questions of each (type, status), as "single_choice__approved=2"."""
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.model import Option, Question

    topic = LessonBank(store).require_topic(topic_code)
    with store.transaction():
        for key, count in counts.items():
            kind, status = key.split("__")
            for n in range(count):
                store.save(Question(type=kind, stem=f"{topic_code} {kind} {status} {n}?", topic_ids=[topic.id],
                                    status=status, options=[Option("Có", correct=True), Option("Không")]))


def test_the_list_counts_each_topics_reviewed_questions_and_drafts_of_the_screens_types(qtbot, workspace, tmp_path):
    """Counted on a worker thread: the list opens with «…» and shows the counts when they come."""
    from lecturer_app.ui.exam.oral_widget import OralCardsWidget

    _save_questions(workspace.store, "AB-01", single_choice__approved=3, single_choice__draft=2, oral__approved=1)
    _save_questions(workspace.store, "CD-01", oral__draft=4)
    oral = OralCardsWidget(workspace.store, tmp_path / "phieu.pdf")
    qtbot.addWidget(oral)
    field = oral.topics_edit
    field.setText("AB-01")
    dialog = field.dialog()
    assert set(dialog.counts_shown().values()) == {("…", "…")}
    qtbot.waitUntil(lambda: dialog.counts_shown()["AB-01"] != ("…", "…"))
    # The oral cards draw oral questions: the single-choice ones are not counted here.
    assert dialog.counts_shown() == {"AB-01": ("1", "0"), "AB-02": ("0", "0"), "CD-01": ("0", "4")}
    # Kept until the bank changes: the next list has its counts at once.
    assert field.dialog().counts_shown()["CD-01"] == ("0", "4")
    _save_questions(workspace.store, "AB-02", oral__approved=2)
    again = field.dialog()
    qtbot.waitUntil(lambda: again.counts_shown()["AB-02"] == ("2", "0"))


def test_the_exam_and_the_quiz_count_the_questions_they_draw(qtbot, workspace, tmp_path):
    from lecturer_app.core.model import Topic
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace
    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    with workspace.store.transaction():
        workspace.store.save(Topic(code="EF-01", title="Kỹ năng ra đề"))
    _save_questions(workspace.store, "EF-01", single_choice__approved=3, essay__approved=1, oral__approved=5)
    exam = ExamWorkspace(workspace.store, tmp_path / "de_thi")
    quiz = QuizSetupWidget(workspace.store)
    for widget in (exam, quiz):
        qtbot.addWidget(widget)
    for field, want in ((exam.quick_topics, ("4", "0")), (quiz.topics_edit, ("3", "0"))):  # a quiz has no essay
        dialog = field.dialog()
        qtbot.waitUntil(lambda dialog=dialog: dialog.counts_shown()["EF-01"] != ("…", "…"))
        assert dialog.counts_shown()["EF-01"] == want


def test_counts_that_cannot_be_read_show_a_question_mark_and_the_list_stays_usable(
        qtbot, workspace, tmp_path, monkeypatch, caplog):
    import sqlite3

    from lecturer_app.ui.exam.oral_widget import OralCardsWidget
    from lecturer_app.ui.widgets import topic_codes_field

    def broken(db, types):
        raise sqlite3.OperationalError("database disk image is malformed")

    monkeypatch.setattr(topic_codes_field, "question_counts", broken)
    oral = OralCardsWidget(workspace.store, tmp_path / "phieu.pdf")
    qtbot.addWidget(oral)
    dialog = oral.topics_edit.dialog()
    qtbot.waitUntil(lambda: dialog.counts_shown()["AB-01"] != ("…", "…"))
    assert set(dialog.counts_shown().values()) == {("?", "?")}
    assert "counting the questions of each topic failed" in caplog.text
    assert oral.topics_edit._runner.last_error_box is None  # logged, no box over the lecturer's work
