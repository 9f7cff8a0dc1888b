"""The question list reads its rows from SQL a page at a time (issue #16): sorting, filtering, selection, edits.

The model keeps only the listed ids; how fast and how small it is at
200,000 questions lives in bench/bench_gui.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from lecturer_app.core.model import Option, Question
from lecturer_app.core.questions.query import QuestionFilter, query_ids
from lecturer_app.ui.questions.table_model import ID_ROLE, PAGE, QuestionTableModel
from lecturer_app.ui.questions.workspace import QuestionBankWorkspace

LEVELS = ("Nhận biết", "Thông hiểu", "Vận dụng")


def bank(store, count: int) -> list[Question]:
    questions = [Question(type="single_choice", stem=f"Câu số {n:04d} về công tác đảng viên?",
                          level=LEVELS[n % 3], points=round(0.25 * (1 + n % 4), 2),
                          options=[Option("Đúng", correct=True), Option("Sai")]) for n in range(count)]
    store.save_many(questions)
    return questions


def page_reads(store) -> list[str]:
    """The page queries the model sends from now on (SQLite's trace of every statement run)."""
    seen: list[str] = []
    store.db.conn.set_trace_callback(lambda sql: seen.append(sql) if "WHERE q.id IN" in sql else None)
    return seen


def test_the_model_keeps_only_ids_and_reads_the_rows_shown_a_page_at_a_time(qtmodeltester, store):
    questions = bank(store, 2 * PAGE + 5)
    model = QuestionTableModel(store)
    reads = page_reads(store)
    model.set_ids(query_ids(store))
    assert model.rowCount() == model.total == 2 * PAGE + 5 and reads == []

    assert model.data(model.index(3, 1)) == questions[3].stem
    assert model.data(model.index(PAGE - 1, 4)) == "1"  # points of question 199: 0.25 × 4
    assert model.data(model.index(4, 0), ID_ROLE) == questions[4].id
    assert len(reads) == 1  # one page read for every row of it
    assert model.data(model.index(2 * PAGE + 4, 1)) == questions[-1].stem and len(reads) == 2
    store.db.conn.set_trace_callback(None)
    qtmodeltester.check(model)


def test_a_row_deleted_after_the_ids_were_read_shows_as_deleted_not_an_error(store):
    questions = bank(store, 3)
    model = QuestionTableModel(store)
    model.set_ids(query_ids(store))
    store.delete(questions[1].id)
    assert [model.data(model.index(row, 1)) for row in range(3)] == [questions[0].stem, "(đã xóa)", questions[2].stem]


def test_an_edit_shows_once_the_rows_are_read_again(store):
    questions = bank(store, 3)
    model = QuestionTableModel(store)
    model.set_ids(query_ids(store))
    assert model.data(model.index(1, 1)) == questions[1].stem
    questions[1].stem = "Câu đã sửa?"
    store.save(questions[1])
    changed = []
    model.dataChanged.connect(lambda first, last: changed.append((first.row(), last.row())))
    model.reload_rows()
    assert model.data(model.index(1, 1)) == "Câu đã sửa?" and changed == [(0, 2)]


@pytest.fixture
def bank_ws(qtbot, context):
    bank(context.store, 2 * PAGE + 5)
    widget = QuestionBankWorkspace(context)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def shown(ws, column: int) -> list[str]:
    return [ws.model.data(ws.model.index(row, column)) for row in range(ws.model.total)]


def test_a_column_header_sorts_the_whole_list_by_sql(bank_ws):
    header = bank_ws.view.horizontalHeader()
    assert header.sortIndicatorSection() == -1  # creation order until a header is clicked
    created = list(bank_ws.model.ids)
    bank_ws.view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    points = [bank_ws.model.row_at(row).points for row in range(bank_ws.model.total)]
    assert points == sorted(points, reverse=True) and points[0] == 1.0
    bank_ws.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    stems = shown(bank_ws, 1)
    assert stems == sorted(stems) and sorted(bank_ws.model.ids) == sorted(created)


def test_a_sorted_list_stays_sorted_when_filtered(bank_ws, qtbot):
    bank_ws.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    bank_ws.filters.level.setCurrentIndex(bank_ws.filters.level.findData("Vận dụng"))
    levels = {row.level for row in map(bank_ws.model.row_at, range(bank_ws.model.total))}
    stems = shown(bank_ws, 1)
    assert levels == {"Vận dụng"} and stems == sorted(stems, reverse=True) and len(stems) == (2 * PAGE + 5) // 3
    bank_ws.filters.search.setText("cau so 0008")
    qtbot.waitUntil(lambda: bank_ws.model.total == 1)
    assert shown(bank_ws, 1) == ["Câu số 0008 về công tác đảng viên?"]


def select(ws, rows: list[int]) -> None:
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        ws.view.selectionModel().select(ws.model.index(row, 0), flags)


def test_the_selection_and_the_current_question_survive_a_refresh_and_a_new_order(bank_ws, context):
    select(bank_ws, [2, 3, PAGE + 1])
    bank_ws.view.selectionModel().setCurrentIndex(bank_ws.model.index(3, 0),
                                                  QItemSelectionModel.SelectionFlag.NoUpdate)
    chosen, current = bank_ws.selected_ids(), bank_ws.model.id_at(3)
    listed = bank_ws.model.total
    context.store.save(Question(type="essay", stem="Câu mới chen vào?"))
    bank_ws.refresh()
    assert bank_ws.model.total == listed + 1 and bank_ws.selected_ids() == chosen
    bank_ws.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert sorted(bank_ws.selected_ids()) == sorted(chosen)
    assert bank_ws.model.id_at(bank_ws.view.currentIndex().row()) == current
    assert bank_ws.editor.question_id == current


def test_selecting_everything_reads_no_row_and_survives_a_refresh_as_one_range(bank_ws, context):
    reads = page_reads(context.store)
    bank_ws.view.selectAll()
    everything = list(bank_ws.model.ids)
    assert bank_ws.selected_ids() == everything and len(everything) > 2 * PAGE
    bank_ws.refresh(with_tags=False)
    assert bank_ws.selected_ids() == everything
    assert len(bank_ws.view.selectionModel().selection()) == 1
    context.store.db.conn.set_trace_callback(None)
    assert len(reads) <= 2  # the rows on screen, not one read per selected row


def test_an_edit_saved_in_the_editor_shows_in_its_row_and_stays_selected(bank_ws):
    row = PAGE + 2
    bank_ws.view.setCurrentIndex(bank_ws.model.index(row, 0))
    question_id = bank_ws.model.id_at(row)
    bank_ws.editor.stem_edit.setPlainText("Câu hỏi đã sửa trong trình soạn?")
    bank_ws.editor.save()
    edited = bank_ws.model.row_of(question_id)
    assert bank_ws.model.data(bank_ws.model.index(edited, 1)) == "Câu hỏi đã sửa trong trình soạn?"
    assert bank_ws.view.currentIndex().row() == edited and bank_ws.selected_ids() == [question_id]


def test_a_question_saved_while_a_big_bank_is_read_on_a_worker_is_selected_when_listed(qtbot, window, monkeypatch):
    from lecturer_app.ui.questions import install
    from lecturer_app.ui.questions import workspace as module

    monkeypatch.setattr(module, "BACKGROUND_FROM", 1)  # the mini bank stands in for 200,000 questions
    bank(window.context.store, 5)
    install(window)
    tab = next(window.tabs.widget(i) for i in range(window.tabs.count())
               if window.tabs.tabText(i) == "Ngân hàng câu hỏi")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.built_widget() is not None and tab.built_widget().model.total == 6, timeout=10000)
    ws = tab.built_widget()
    ws.new_question("essay")
    ws.editor.stem_edit.setPlainText("Câu tự luận mới?")
    question_id = ws.editor.save()
    qtbot.waitUntil(lambda: ws.model.total == 7, timeout=10000)
    assert ws.model.id_at(ws.view.currentIndex().row()) == question_id
    window.operations.wait_all()


def test_the_topic_tab_lists_by_sql_and_sorts(qtbot, context, topic):
    from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

    context.store.save_many([Question(type="essay", stem=f"Câu {letter} của chuyên đề?", topic_ids=[topic.id])
                             for letter in "BCA"])
    panel = TopicQuestionsPanel(context, topic)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded)  # read on the turn after the first showing
    assert panel.model.total == len(query_ids(context.store, QuestionFilter(topic_id=topic.id))) == 4
    panel.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    stems = [panel.model.data(panel.model.index(row, 1)) for row in range(4)]
    assert stems == sorted(stems)


def test_showing_just_imported_questions_clears_the_filters_and_selects_them(bank_ws, context):
    bank_ws.filters.level.setCurrentIndex(bank_ws.filters.level.findData("Vận dụng"))
    hidden = query_ids(context.store, QuestionFilter(level="Nhận biết"))[5:8]
    assert not set(hidden) & set(bank_ws.model.ids)
    bank_ws.show_questions(hidden)
    assert bank_ws.filter == QuestionFilter() and bank_ws.selected_ids() == hidden
