"""The bank workspace and its install into the main window, on a real data folder."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from lecturer_app.core.model import Option, Question
from lecturer_app.ui.questions.workspace import QuestionBankWorkspace


@pytest.fixture
def bank_ws(qtbot, context):
    for index in range(3):
        context.store.save(Question(type="single_choice", stem=f"Câu thử {index}", level="",
                                    options=[Option("x", True), Option("y")]))
    widget = QuestionBankWorkspace(context)
    qtbot.addWidget(widget)
    widget.show()  # the workspace reads the bank when shown
    return widget


def select_rows(ws, stems):
    selection = ws.view.selectionModel()
    selection.clearSelection()
    rows = [r for r in range(ws.model.total) if ws.model.row_at(r).stem in stems]
    for row in rows:
        selection.select(ws.model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)


def test_lists_the_bank_and_filters_by_search_and_topic(bank_ws, context, topic, qtbot):
    assert bank_ws.model.total == 4
    bank_ws.filters.search.setText("cau thu 1")
    qtbot.waitUntil(lambda: bank_ws.model.total == 1)
    bank_ws.filters.search.setText("")
    qtbot.waitUntil(lambda: bank_ws.model.total == 4)
    bank_ws.filters.topic.setCurrentIndex(bank_ws.filters.topic.findData(topic.id))
    assert bank_ws.model.total == 1


def test_bulk_move_set_level_and_approve(bank_ws, context, topic):
    select_rows(bank_ws, {"Câu thử 0", "Câu thử 1"})
    bank_ws.bulk_topic.setCurrentIndex(bank_ws.bulk_topic.findData(topic.id))
    assert bank_ws.move_selected() == 2
    select_rows(bank_ws, {"Câu thử 0", "Câu thử 1"})
    bank_ws.bulk_level.setCurrentIndex(bank_ws.bulk_level.findData("Vận dụng"))
    assert bank_ws.set_level_selected() == 2
    select_rows(bank_ws, {"Câu thử 0", "Câu thử 1"})
    assert bank_ws.approve_selected() == 2
    questions = context.bank.questions(topic.id)
    approved = sorted(q.stem for q in questions if q.status == "approved" and q.stem.startswith("Câu thử"))
    assert approved == ["Câu thử 0", "Câu thử 1"]
    matrix = bank_ws.matrix_model
    code_row = next(r for r in range(matrix.rowCount()) if matrix.data(matrix.index(r, 0)) == topic.code)
    assert matrix.data(matrix.index(code_row, 3)) == "2"


def listed_stems(ws) -> set[str]:
    return {ws.model.row_at(r).stem for r in range(ws.model.total)}


def test_deleting_asks_first_naming_how_many_and_keeping_them_is_the_default(bank_ws):
    select_rows(bank_ws, {"Câu thử 0", "Câu thử 2"})
    box = bank_ws.delete_selected()
    assert box.isVisible() and box.text() == "Xóa 2 câu hỏi đã chọn?"
    assert (box.delete_button.text(), box.keep_button.text()) == ("Xóa", "Không xóa")
    assert box.defaultButton() is box.keep_button and box.escapeButton() is box.keep_button
    assert bank_ws.model.total == 4  # nothing is deleted while the question is open


def test_answering_khong_xoa_deletes_nothing(bank_ws, context):
    select_rows(bank_ws, {"Câu thử 0", "Câu thử 2"})
    bank_ws.delete_selected().keep_button.click()
    assert {"Câu thử 0", "Câu thử 2"} <= listed_stems(bank_ws)
    assert {"Câu thử 0", "Câu thử 2"} <= {q.stem for q in context.bank.questions()}
    assert bank_ws.undo_button.isHidden()


def test_one_question_is_named_by_its_stem_shortened(bank_ws, context):
    long_stem = "Trình bày " + "nội dung cơ bản của Cương lĩnh chính trị đầu tiên " * 4
    context.store.save(Question(type="essay", stem=long_stem))
    bank_ws.refresh()
    select_rows(bank_ws, {long_stem})
    text = bank_ws.delete_selected().text()
    assert text.startswith("Xóa câu hỏi «Trình bày nội dung cơ bản") and text.endswith("…»?")
    assert len(text) < 100
    bank_ws.last_box.close()


def test_answering_xoa_deletes_and_says_how_many_with_hoan_tac(bank_ws, context, qtbot):
    select_rows(bank_ws, {"Câu thử 0", "Câu thử 2"})
    bank_ws.delete_selected().delete_button.click()
    qtbot.waitUntil(lambda: bank_ws.model.total == 2)
    assert not {"Câu thử 0", "Câu thử 2"} & listed_stems(bank_ws)
    assert not {"Câu thử 0", "Câu thử 2"} & {q.stem for q in context.bank.questions()}
    assert bank_ws.status_label.text() == "Đã xóa 2 câu hỏi."
    assert bank_ws.undo_button.isVisible() and bank_ws.undo_button.text() == "Hoàn tác"


def test_hoan_tac_brings_back_exactly_the_deleted_questions_listed_searchable_and_in_history(bank_ws, context,
                                                                                            qtbot):
    from lecturer_app.core.store.search import search

    select_rows(bank_ws, {"Câu thử 0", "Câu thử 2"})
    ids = bank_ws.selected_ids()
    before = {i: context.store.require(Question, i).to_body() for i in ids}
    bank_ws.delete_selected().delete_button.click()
    bank_ws.undo_button.click()
    qtbot.waitUntil(lambda: bank_ws.model.total == 4)
    assert {i: context.store.require(Question, i).to_body() for i in ids} == before
    assert sorted(bank_ws.selected_ids()) == sorted(ids)  # shown selected, where they were
    assert {h.record_id for h in search(context.store.db, "cau thu", kinds=("question",))} >= set(ids)
    for question_id in ids:
        assert [(r.summary, r.deleted) for r in context.store.history(question_id)][-2:] == [
            ("Xóa câu hỏi", True), ("Hoàn tác xóa câu hỏi", False)]
    assert bank_ws.status_label.text() == "Đã đưa 2 câu hỏi trở lại." and bank_ws.undo_button.isHidden()


def test_ctrl_z_in_the_list_undoes_the_deletion(bank_ws, qtbot):
    select_rows(bank_ws, {"Câu thử 1"})
    bank_ws.delete_selected().delete_button.click()
    qtbot.waitUntil(lambda: bank_ws.model.total == 3)
    bank_ws.activateWindow()
    bank_ws.view.setFocus()
    qtbot.waitUntil(bank_ws.view.hasFocus)
    qtbot.keyClick(bank_ws.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    # Qt keeps the last event's modifiers as the keyboard's: let Ctrl go, or later tests' clicks are Ctrl+clicks.
    qtbot.keyRelease(bank_ws.view, Qt.Key.Key_Control)
    qtbot.waitUntil(lambda: bank_ws.model.total == 4)
    assert "Câu thử 1" in listed_stems(bank_ws)


def test_another_action_ends_the_offer_to_undo(bank_ws):
    select_rows(bank_ws, {"Câu thử 0"})
    bank_ws.delete_selected().delete_button.click()
    select_rows(bank_ws, {"Câu thử 1"})
    bank_ws.approve_selected()
    assert bank_ws.undo_button.isHidden()
    bank_ws.undo_delete()  # Ctrl+Z now: nothing to undo
    assert "Câu thử 0" not in listed_stems(bank_ws)


def test_with_nothing_selected_nothing_is_asked(bank_ws):
    bank_ws.view.selectionModel().clearSelection()
    assert bank_ws.delete_selected() is None
    assert bank_ws.status_label.text() == "Chưa chọn câu hỏi nào."


def test_a_big_deletion_and_its_undo_are_written_off_the_gui_thread(qtbot, window, monkeypatch):
    from lecturer_app.ui.questions import install
    from lecturer_app.ui.questions import workspace as module

    monkeypatch.setattr(module, "WRITE_IN_BACKGROUND_FROM", 1)  # one question stands in for 5,000
    writers: list[threading.Thread] = []
    for name in ("delete_questions", "undelete"):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, real=real, **k: writers.append(threading.current_thread())
                            or real(*a, **k))
    install(window)
    tab = next(window.tabs.widget(i) for i in range(window.tabs.count())
               if window.tabs.tabText(i) == "Ngân hàng câu hỏi")
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.built_widget() is not None)
    bank = tab.built_widget()
    qtbot.waitUntil(lambda: bank.model.total == 1, timeout=10000)
    bank.view.selectAll()
    bank.delete_selected().delete_button.click()
    qtbot.waitUntil(lambda: bank.model.total == 0, timeout=10000)
    bank.undo_button.click()
    qtbot.waitUntil(lambda: bank.model.total == 1, timeout=10000)
    assert len(writers) == 2 and threading.main_thread() not in writers
    window.operations.wait_all()


def test_selecting_a_row_loads_it_and_an_edit_is_saved(bank_ws, context):
    row = next(r for r in range(bank_ws.model.total) if bank_ws.model.row_at(r).stem == "Câu thử 1")
    bank_ws.view.setCurrentIndex(bank_ws.model.index(row, 0))
    assert bank_ws.editor.stem_edit.toPlainText() == "Câu thử 1"
    bank_ws.editor.stem_edit.setPlainText("Câu thử đã sửa")
    bank_ws.editor.save()
    assert any(q.stem == "Câu thử đã sửa" for q in context.bank.questions())


def test_an_invalid_draft_is_not_lost_when_another_row_is_chosen(bank_ws):
    from PySide6.QtCore import Qt

    rows = [r for r in range(bank_ws.model.total) if bank_ws.model.row_at(r).stem.startswith("Câu thử")]
    bank_ws.view.setCurrentIndex(bank_ws.model.index(rows[0], 0))
    bank_ws.editor.options_table.item(0, 1).setCheckState(Qt.CheckState.Unchecked)
    bank_ws.view.setCurrentIndex(bank_ws.model.index(rows[1], 0))
    assert bank_ws.editor.is_dirty and "chưa hợp lệ" in bank_ws.status_label.text()


def test_export_selected_writes_the_file(bank_ws, tmp_path):
    from lecturer_app.importers.questions import read_questions

    assert bank_ws.export_to(tmp_path / "all.xml", "moodlexml") == 4
    assert len(read_questions(tmp_path / "all.xml").items) == 4


def test_import_dialog_previews_then_writes_only_on_confirm(qtbot, context, tmp_path):
    from lecturer_app.ui.questions.import_dialog import ImportDialog

    source = tmp_path / "de.txt"
    source.write_text("Câu 1: Thủ đô?\nA. Huế  B. Hà Nội\nĐáp án: B\nCâu 2: Không khoá\nA. x  B. y\n",
                      encoding="utf-8")
    dialog = ImportDialog(context.store, context.workspace.blobs, context.bank.topics())
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(source))
    dialog.preview()
    assert dialog.model.rowCount() == 2 and "Sẽ nhập 1" in dialog.summary.text()
    before = len(context.bank.questions())
    assert len(context.bank.questions()) == before
    dialog.confirm()
    assert dialog.imported == 1 and len(context.bank.questions()) == before + 1


def test_install_adds_the_workspace_menu_entries_and_the_topic_tab(qtbot, window, topic):
    from lecturer_app.ui.questions import install
    from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

    install(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert "Ngân hàng câu hỏi" in titles
    assert any("Kiểm tra chất lượng" in a.text() for a in window.menu("tools").actions())
    page = window.open_topic(topic.id)
    panel = page.tab("questions")
    assert isinstance(panel, TopicQuestionsPanel) and not panel.loaded  # loads when first shown
    window.show()
    page.show_tab("questions")
    qtbot.waitUntil(lambda: panel.loaded)  # read on the turn after the first showing
    assert panel.model.total == 1
    window.context.store.save(Question(type="essay", stem="Câu mới của chuyên đề", topic_ids=[topic.id]))
    window.bank_changed.emit()
    qtbot.waitUntil(lambda: panel.model.total == 2, timeout=10000)  # read again on the window's worker


def test_the_level_list_is_configurable_and_saved(bank_ws, context):
    from lecturer_app.core.settings import load_settings

    levels = bank_ws.apply_levels(["Biết", "Hiểu", "Vận dụng", ""])
    assert levels == ("Biết", "Hiểu", "Vận dụng")
    assert [bank_ws.bulk_level.itemText(i) for i in range(bank_ws.bulk_level.count())] == list(levels)
    assert bank_ws.editor.level_combo.findData("Hiểu") > 0
    assert bank_ws.matrix_model.columnCount() == len(levels) + 3
    stored = load_settings(context.workspace.settings_path)
    assert stored.extra["question_levels"] == ["Biết", "Hiểu", "Vận dụng"]


def test_import_dialog_reads_and_writes_on_a_worker_thread_in_the_window(qtbot, window, tmp_path):
    from lecturer_app.ui.questions.import_dialog import ImportDialog

    source = tmp_path / "de.gift"
    source.write_text("::a:: Đảng ra đời năm nào? {=1930 ~1945}\n\n::b:: Thủ đô? {=Hà Nội}\n", encoding="utf-8")
    context = window.context
    dialog = ImportDialog(context.store, context.workspace.blobs, context.bank.topics(), parent=window,
                          runner=window.operations, worker_store=context.worker_store)
    dialog.path_edit.setText(str(source))
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=10000)
    assert [i.question.stem for i in dialog.plan.new] == ["Đảng ra đời năm nào?", "Thủ đô?"]
    before = len(context.bank.questions())
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.imported == 2, timeout=10000)
    assert len(context.bank.questions()) == before + 2
    dialog.path_edit.setText(str(tmp_path / "missing.gift"))
    dialog.preview()
    qtbot.waitUntil(lambda: "missing.gift" in dialog.summary.text(), timeout=10000)
    dialog.close()


def test_leaving_the_topic_question_tab_keeps_a_valid_edit(qtbot, context, topic):
    from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

    panel = TopicQuestionsPanel(context, topic)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.loaded)
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    panel.editor.stem_edit.setPlainText("Đảng Cộng sản Việt Nam ra đời năm nào?")
    panel.hide()
    assert [q.stem for q in context.bank.questions(topic.id)] == ["Đảng Cộng sản Việt Nam ra đời năm nào?"]
    assert not panel.editor.is_dirty


def test_double_clicking_a_matrix_cell_lists_its_questions(bank_ws, topic):
    matrix = bank_ws.matrix_model
    row = next(r for r in range(matrix.rowCount()) if matrix.data(matrix.index(r, 0)) == topic.code)
    bank_ws.show_matrix_cell(matrix.index(row, 1))
    assert bank_ws.filter.topic_id == topic.id and bank_ws.filter.level == "Nhận biết"
    assert bank_ws.model.total == int(matrix.data(matrix.index(row, 1)))


def test_a_big_bank_is_read_off_the_gui_thread(qtbot, window, topic, monkeypatch):
    from lecturer_app.ui.questions import install
    from lecturer_app.ui.questions import workspace as module

    monkeypatch.setattr(module, "BACKGROUND_FROM", 1)  # the mini bank stands in for 50,000 questions
    readers: list[threading.Thread] = []
    real_read = module._read_lists

    def read_lists(*args, **kwargs):
        readers.append(threading.current_thread())
        return real_read(*args, **kwargs)

    monkeypatch.setattr(module, "_read_lists", read_lists)
    install(window)
    tab = next(window.tabs.widget(i) for i in range(window.tabs.count())
               if window.tabs.tabText(i) == "Ngân hàng câu hỏi")
    assert tab.built_widget() is None  # built on the event-loop turn after it is first shown
    window.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.built_widget() is not None)
    bank = tab.built_widget()
    qtbot.waitUntil(lambda: bank.model.total == 1, timeout=10000)
    assert bank.count_label.text() == "1 câu hỏi"
    # Read on a worker only (asserting an empty list at first raced with a worker that finished quickly).
    assert readers and threading.main_thread() not in readers
    window.operations.wait_all()


def test_the_tag_filter_offers_the_banks_tags_read_with_the_list(qtbot, context):
    context.store.save(Question(type="essay", stem="Câu có thẻ", tags=["lịch sử Đảng", "Đại hội"]))
    widget = QuestionBankWorkspace(context)
    qtbot.addWidget(widget)
    tags = widget.filters.tag
    assert tags.count() == 1  # only "tất cả": nothing is read before the workspace is shown
    widget.show()
    offered = [tags.itemData(i) for i in range(1, tags.count())]
    assert sorted(offered) == sorted(["lịch sử Đảng", "Đại hội"])
    tags.setCurrentIndex(tags.findData("Đại hội"))
    assert [widget.model.row_at(r).stem for r in range(widget.model.total)] == ["Câu có thẻ"]


def test_changing_a_filter_does_not_read_the_tags_again_but_a_refresh_does(qtbot, context):
    context.store.save(Question(type="essay", stem="Câu có thẻ", tags=["lịch sử Đảng"]))
    widget = QuestionBankWorkspace(context)
    qtbot.addWidget(widget)
    widget.show()
    tags = widget.filters.tag
    context.store.save(Question(type="essay", stem="Câu mới", tags=["chuyển đổi số"]))  # written elsewhere
    widget.filters.search.setText("cau")
    qtbot.waitUntil(lambda: widget.filter.text == "cau")
    assert tags.findData("chuyển đổi số") < 0  # a filter change reads the list only
    widget.refresh()  # what a save, an import or a bulk edit does
    assert tags.findData("chuyển đổi số") > 0 and tags.findData("lịch sử Đảng") > 0


def test_nhap_vao_ngan_hang_ends_with_a_notice_that_shows_the_new_questions(qtbot, context, tmp_path):
    """Issue #15 item 8: the import answers, and "Xem các câu vừa nhập" selects them in the list."""
    from lecturer_app.ui.questions.import_dialog import ImportDialog
    from lecturer_app.ui.questions.workspace import QuestionBankWorkspace

    workspace = QuestionBankWorkspace(context)
    qtbot.addWidget(workspace)
    workspace.refresh()
    workspace.filters.status.setCurrentIndex(workspace.filters.status.findData("approved"))
    source = tmp_path / "de.gift"
    source.write_text("::a:: Đảng ra đời năm nào? {=1930 ~1945}\n\n::b:: Thủ đô? {=Hà Nội}\n", encoding="utf-8")
    dialog = ImportDialog(context.store, context.workspace.blobs, context.bank.topics())
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(source))
    dialog.preview()
    dialog.confirm()
    workspace.imported(dialog.imported_ids)
    notice = workspace.notice
    assert notice.isVisible() and "Đã nhập 2 câu hỏi" in notice.text()
    [show] = notice.open_buttons
    show.click()
    selected = workspace.selected_ids()
    assert sorted(selected) == sorted(dialog.imported_ids)
    notice.close()


def test_the_editor_beside_the_list_is_built_after_the_list_and_shows_the_current_question(qtbot, context):
    from lecturer_app.ui.questions.editor import QuestionEditor

    context.store.save(Question(type="single_choice", stem="Câu đầu tiên", options=[Option("x", True), Option("y")]))
    workspace = QuestionBankWorkspace(context)
    qtbot.addWidget(workspace)
    assert workspace.side.widget(0).built_widget() is None  # nothing of the editor is made with the tab
    workspace.show()
    qtbot.waitUntil(lambda: isinstance(workspace.side.widget(0).built_widget(), QuestionEditor))
    assert workspace.editor.isVisible()
    current = workspace.view.currentIndex()
    assert current.isValid() and workspace.editor.question_id == workspace.model.id_at(current.row())


def test_the_topic_tab_reads_its_list_then_opens_the_first_question_on_later_turns(qtbot, context, topic):
    from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

    panel = TopicQuestionsPanel(context, topic)
    qtbot.addWidget(panel)
    panel.show()
    assert not panel.loaded and panel.model.total == 0  # the showing itself reads nothing
    qtbot.waitUntil(lambda: panel.view.currentIndex().isValid())
    assert panel.model.total == 1
    assert panel.editor.question_id == panel.model.id_at(0)
    assert panel.editor.stem_edit.toPlainText() == context.bank.questions(topic.id)[0].stem


def test_with_the_windows_runner_the_topic_tab_reads_its_list_on_a_worker_and_keeps_the_newest(qtbot, context, topic):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

    panel = TopicQuestionsPanel(context, topic, runner=OperationRunner())
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.view.currentIndex().isValid(), timeout=10000)
    assert panel.model.total == 1
    context.store.save(Question(type="essay", stem="Câu thêm của chuyên đề", topic_ids=[topic.id]))
    panel.reload()
    panel.model.sort(1, Qt.SortOrder.DescendingOrder)  # a second reading started before the first answered
    qtbot.waitUntil(lambda: panel.model.total == 2, timeout=10000)
    panel.runner.wait_all()
    qtbot.wait(50)  # both answers delivered: the older one must not have replaced the newer
    stems = [panel.model.data(panel.model.index(row, 1)) for row in range(2)]
    assert stems == sorted(stems, reverse=True)
    assert panel.editor.question_id in panel.model.ids  # the question open in the editor stays listed


def test_a_topic_closed_while_its_list_is_read_takes_the_answer_quietly(qtbot, context, topic):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

    runner = OperationRunner()
    panel = TopicQuestionsPanel(context, topic, runner=runner)
    panel.reload()
    model = panel.model
    panel.deleteLater()
    qtbot.waitUntil(lambda: not shiboken_valid(model), timeout=10000)
    runner.wait_all()
    qtbot.wait(50)  # the answer arrives for a closed page: nothing is raised (strict Qt: it would fail the test)
    assert runner.running == []


def shiboken_valid(obj) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)


def test_a_closed_question_bank_tab_comes_back_from_the_tools_menu(qtbot, window, topic):
    """Closing the tab deleted its widgets; its menu entries then raised "C++ object already deleted"."""
    from lecturer_app.ui.questions import install

    install(window)
    window.show()

    def bank_tabs():
        return [i for i in range(window.tabs.count()) if window.tabs.tabText(i) == "Ngân hàng câu hỏi"]

    assert window.close_tab(bank_tabs()[0]) and bank_tabs() == []
    qtbot.wait(10)  # the closed tab's widgets are deleted on the next turn
    page = window.open_topic(topic.id)  # a topic's questions tab saving a question marks the bank stale
    page.show_tab("questions")
    panel = page.tab("questions")
    qtbot.waitUntil(lambda: panel.loaded)
    panel.editor.saved.emit("any-id")

    quality = next(a for a in window.menu("tools").actions() if a.text() == "Kiểm tra chất lượng câu hỏi")
    quality.trigger()
    assert len(bank_tabs()) == 1 and window.tabs.currentIndex() == bank_tabs()[0]
    workspace = window.tabs.currentWidget().built_widget()
    assert workspace.side.currentWidget() is workspace.quality
    reopen = next(a for a in window.menu("tools").actions() if a.text() == "Ngân hàng câu hỏi")
    window.tabs.setCurrentWidget(page)
    reopen.trigger()
    assert len(bank_tabs()) == 1 and window.tabs.currentIndex() == bank_tabs()[0]  # the same tab, not a second
    window.operations.wait_all()
