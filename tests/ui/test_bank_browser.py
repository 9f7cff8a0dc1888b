"""The bank browser: the search box (debounced, accent-insensitive, Enter opens the topic) and the tree after changes."""

from __future__ import annotations

import pytest
from keyboard_driver import type_text
from PySide6.QtCore import Qt

from lecturer_app.ui.bank.bank_browser import SEARCH_DELAY_MS, BankBrowser


@pytest.fixture
def browser(qtbot, context):
    widget = BankBrowser(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_typing_searches_once_after_the_pause_not_per_keystroke(qtbot, browser):
    searched = []
    browser.searched.connect(searched.append)
    type_text(browser.search_box, "dang ra doi")
    assert searched == [] and browser.timer.isActive() and browser.timer.interval() == SEARCH_DELAY_MS
    with qtbot.waitSignal(browser.searched, timeout=2000):
        pass
    assert searched == ["dang ra doi"]


def test_backspace_and_retype_of_an_input_method_restarts_the_wait(qtbot, browser):
    searched = []
    browser.searched.connect(searched.append)
    type_text(browser.search_box, "Đang")
    qtbot.keyClick(browser.search_box, Qt.Key.Key_Backspace)
    type_text(browser.search_box, "g")
    with qtbot.waitSignal(browser.searched, timeout=2000):
        pass
    assert searched == ["Đang"]


def test_search_without_accents_finds_the_topic_and_enter_opens_it(qtbot, browser):
    type_text(browser.search_box, "lich su dang")
    with qtbot.waitSignal(browser.searched, timeout=2000):
        pass
    assert browser.stack.currentWidget() is browser.results
    assert "AB-01" in browser.results_model.index(0, 0).data()
    with qtbot.waitSignal(browser.topic_activated) as opened:
        qtbot.keyClick(browser.search_box, Qt.Key.Key_Return)
    assert opened.args == [browser.results_model.hits[0].topic_id]


def test_no_results_are_explained_and_clearing_shows_the_tree_again(qtbot, browser):
    type_text(browser.search_box, "khongcogicahet")
    browser.run_search()
    assert "Không tìm thấy" in browser.status.text()
    browser.search_box.clear()
    assert browser.stack.currentWidget() is browser.tree and browser.status.isHidden()


def test_double_click_on_a_topic_in_the_tree_opens_it(qtbot, browser, topic):
    index = next(i for i in browser.tree_model.topic_indexes() if i.data().startswith("AB-01"))
    with qtbot.waitSignal(browser.topic_activated) as opened:
        browser.tree.doubleClicked.emit(index)
    assert opened.args == [topic.id]


@pytest.fixture
def window_browser(qtbot, context):
    """The browser as the main window builds it: searches run on a worker thread."""
    from lecturer_app.ui.operations import OperationRunner

    widget = BankBrowser(context, operations=OperationRunner())
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_with_a_runner_the_search_runs_on_a_worker_and_its_results_come_after(qtbot, window_browser):
    window_browser.search_box.setText("lich su dang")
    window_browser.run_search()
    assert window_browser.searching and window_browser.stack.currentWidget() is window_browser.tree
    with qtbot.waitSignal(window_browser.searched, timeout=5000) as shown:
        pass
    assert shown.args == ["lich su dang"] and not window_browser.searching
    assert window_browser.stack.currentWidget() is window_browser.results
    assert "AB-01" in window_browser.results_model.index(0, 0).data()


def test_a_search_typed_twice_quickly_shows_only_the_last_results(qtbot, window_browser):
    shown = []
    window_browser.searched.connect(shown.append)
    window_browser.search_box.setText("lich su dang")
    window_browser.run_search()
    window_browser.search_box.setText("khongcogicahet")
    window_browser.run_search()
    qtbot.waitUntil(lambda: not window_browser.searching, timeout=5000)
    assert shown == ["khongcogicahet"]
    assert window_browser.results_model.rowCount() == 0 and "Không tìm thấy" in window_browser.status.text()


def test_results_of_a_search_whose_box_was_cleared_meanwhile_are_not_shown(qtbot, window_browser):
    window_browser.search_box.setText("lich su dang")
    window_browser.run_search()
    window_browser.search_box.clear()
    qtbot.waitUntil(lambda: not window_browser.searching, timeout=5000)
    assert window_browser.stack.currentWidget() is window_browser.tree and window_browser.status.isHidden()


def test_enter_before_the_results_arrive_opens_the_first_result_once_they_do(qtbot, window_browser):
    type_text(window_browser.search_box, "lich su dang")
    with qtbot.waitSignal(window_browser.topic_activated, timeout=5000) as opened:
        qtbot.keyClick(window_browser.search_box, Qt.Key.Key_Return)
    assert opened.args == [window_browser.results_model.hits[0].topic_id]


def test_the_results_list_is_made_by_the_first_search_not_with_the_tree(qtbot, browser):
    assert browser.stack.count() == 1 and browser.stack.currentWidget() is browser.tree
    browser.search_box.setText("lich su dang")
    browser.run_search()
    assert browser.stack.count() == 2 and browser.stack.currentWidget() is browser.results


# The tree after a change --------------------------------------------------------------------------------


def topic_row(browser, code: str):
    return next(i for i in browser.tree_model.topic_indexes() if i.data().startswith(code))


def question_for(topic_id: str, stem: str):
    from lecturer_app.core.model import Option, Question

    return Question(stem=stem, topic_ids=[topic_id], options=[Option("Đúng", correct=True), Option("Sai")])


def test_a_question_saved_leaves_the_tree_as_the_lecturer_had_it_and_its_tooltip_counts_it(
        qtbot, browser, context, topic):
    row = topic_row(browser, "AB-01")
    browser.tree.setCurrentIndex(row)
    program = row.parent()
    while program.parent().isValid():
        program = program.parent()
    browser.tree.collapse(program)
    before = row.data(Qt.ItemDataRole.ToolTipRole)
    resets = []
    browser.tree_model.modelReset.connect(lambda: resets.append(1))
    context.store.save(question_for(topic.id, "Câu hỏi mới của chuyên đề đã có câu hỏi?"))
    browser.reload()
    assert resets == [] and browser.tree.currentIndex() == row and not browser.tree.isExpanded(program)
    assert before != row.data(Qt.ItemDataRole.ToolTipRole)  # one question more, counted again


def test_a_topic_given_its_first_question_or_retitled_shows_it_in_the_tree(qtbot, browser, context):
    bare = next(i for i in browser.tree_model.topic_indexes() if i.siblingAtColumn(2).data() == "Chưa soạn")
    code = bare.data().split(" – ")[0]
    topic = context.bank.require_topic(code)
    context.store.save(question_for(topic.id, "Câu hỏi đầu tiên của chuyên đề?"))
    with qtbot.waitSignal(browser.tree_model.modelReset):
        browser.reload()
    assert topic_row(browser, code).siblingAtColumn(2).data() == "Đang soạn"
    topic = context.bank.require_topic(code)
    topic.title = "Tên mới của chuyên đề"
    context.store.save(topic)
    with qtbot.waitSignal(browser.tree_model.modelReset):
        browser.reload()
    assert topic_row(browser, code).data() == f"{code} – Tên mới của chuyên đề"
