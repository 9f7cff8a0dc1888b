"""Opening a topic: its tabs, feature hooks, named versions and the close prompt."""

from __future__ import annotations

from keyboard_driver import type_text
from PySide6.QtWidgets import QLabel

from lecturer_app.core.model import PlanSection


def open_ab01(window):
    topic = window.context.bank.require_topic("AB-01")
    return window.open_topic(topic.id)


def test_a_topic_opens_with_its_six_tabs_and_is_the_current_topic(qtbot, window):
    opened = []
    window.topic_opened.connect(opened.append)
    page = open_ab01(window)
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Thông tin", "Giáo án viết", "Giáo án điện tử", "Câu hỏi", "Lịch sử", "Tệp đính kèm"]
    assert window.current_topic().code == "AB-01"
    assert opened == [page.topic.id]
    assert open_ab01(window) is page  # opening again brings the same page to front


def test_hooks_run_for_each_new_page_and_may_replace_the_questions_tab(window):
    def hook(page):
        page.toolbar.addAction("Xuất đề")
        page.replace_tab("questions", QLabel("Trình soạn câu hỏi"))

    window.topic_page_hooks.append(hook)
    page = open_ab01(window)
    assert isinstance(page.tab("questions"), QLabel)
    assert page.tabs.tabText(3) == "Câu hỏi"
    assert [a.text() for a in page.toolbar.actions()] == ["Xuất đề"]


def test_a_broken_hook_does_not_stop_the_topic_from_opening(window):
    window.topic_page_hooks.append(lambda page: 1 / 0)
    assert open_ab01(window) is not None


def test_the_question_tab_lists_the_topics_questions(window):
    page = open_ab01(window)
    page.show_tab("questions")
    assert page.question_list.model.rowCount() == 1
    assert page.question_list.model.index(0, 3).data() == "Đảng ra đời năm nào?"


def test_the_slide_editor_is_built_when_its_tab_is_first_shown_and_shows_the_deck_as_it_is_then(window):
    from lecturer_app.core.model import Slide
    from lecturer_app.ui.deck.deck_editor import DeckEditor

    page = open_ab01(window)
    assert not any(isinstance(editor, DeckEditor) for editor in page.editors())  # nothing to autosave yet
    deck = window.context.bank.deck(page.topic.id)
    before = len(window.context.bank.slides(deck.id))
    window.context.store.save(Slide(deck_id=deck.id, topic_id=page.topic.id, position=99.0, title="Trang thêm"))
    page.show_tab("deck")
    assert isinstance(page.tabs.currentWidget().built_widget(), DeckEditor)
    assert page.deck_editor in page.editors()
    assert page.deck_editor.model.rowCount() == before + 1
    assert window.undo_group.activeStack() is page.deck_editor.undo_stack


def test_a_tab_replaced_lazily_is_built_on_first_showing_or_when_asked_for(window):
    built = []

    def hook(page):
        page.replace_tab_lazily("questions", lambda: built.append(QLabel("Trình soạn câu hỏi")) or built[-1])

    window.topic_page_hooks.append(hook)
    page = open_ab01(window)
    assert built == [] and page.tabs.tabText(3) == "Câu hỏi"
    page.show_tab("questions")
    assert len(built) == 1 and page.tab("questions") is built[0]
    assert built[0].isVisible()


def _type_in_plan(page, text):
    editor = page.plan_editor
    page.show_tab("plan")
    editor.show_section(editor.sections[0].id)
    type_text(editor.text_edit, text)
    return editor.sections[0]


def test_ctrl_s_writes_a_named_version(qtbot, window):
    page = open_ab01(window)
    section = _type_in_plan(page, "Ghi chú mới. ")
    assert page.save_version("Bản giảng K12") == 1
    history = window.context.store.history(section.id)
    assert history[-1].summary == "Bản giảng K12"
    assert "Ghi chú mới." in history[-1].body["body"]
    assert not page.has_unsaved_changes()


def test_closing_with_changes_asks_and_cancel_keeps_the_tab(qtbot, window):
    page = open_ab01(window)
    _type_in_plan(page, "Chưa lưu. ")
    asked = []
    page.ask_save = lambda parent, code: asked.append(code) or "cancel"
    assert not window.close_tab(window.tabs.indexOf(page))
    assert asked == ["AB-01"] and window.tabs.indexOf(page) >= 0


def test_closing_and_choosing_save_writes_a_version(qtbot, window):
    page = open_ab01(window)
    section = _type_in_plan(page, "Giữ lại. ")
    page.ask_save = lambda parent, code: "save"
    assert window.close_tab(window.tabs.indexOf(page))
    assert "Giữ lại." in window.context.store.get(PlanSection, section.id).body


def test_closing_and_choosing_discard_goes_back_to_the_last_version(qtbot, window):
    page = open_ab01(window)
    before = window.context.store.get(PlanSection, page.plan_editor.sections[0].id).body
    section = _type_in_plan(page, "Bỏ đi. ")
    page.flush()
    page.ask_save = lambda parent, code: "discard"
    assert window.close_tab(window.tabs.indexOf(page))
    assert window.context.store.get(PlanSection, section.id).body == before


def test_the_save_prompt_has_vietnamese_buttons(qtbot):
    from lecturer_app.ui.widgets.save_prompt import save_prompt_box

    box = save_prompt_box(None, "AB-01")
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["Lưu", "Không lưu", "Hủy"])


def test_undo_action_follows_the_editor_in_front(qtbot, window):
    page = open_ab01(window)
    _type_in_plan(page, "X")
    assert window.undo_group.activeStack() is page.plan_editor.undo_stack
    window.undo_action.trigger()
    assert not page.plan_editor.text_edit.toPlainText().startswith("X")
    page.show_tab("deck")
    assert window.undo_group.activeStack() is page.deck_editor.undo_stack


def test_restoring_from_history_reloads_the_editor(qtbot, window):
    page = open_ab01(window)
    section = _type_in_plan(page, "Sẽ bị khôi phục. ")
    page.flush()
    with qtbot.waitSignal(page.history.loaded):
        page.show_tab("history")
    history = page.history
    rows = [i for i, e in enumerate(history.model.entries) if e.record_id == section.id]
    history.table.selectRow(rows[1])  # the revision before the autosave
    with qtbot.waitSignal(history.loaded):
        history.restore_selected()
    assert "Sẽ bị khôi phục." not in page.plan_editor.sections[0].body
    assert "Sẽ bị khôi phục." not in window.context.store.get(PlanSection, section.id).body


def test_history_shows_a_side_by_side_diff_of_the_edit(qtbot, window):
    page = open_ab01(window)
    _type_in_plan(page, "Dòng thêm mới. ")
    page.flush()
    with qtbot.waitSignal(page.history.loaded):
        page.show_tab("history")
    page.history.table.selectRow(0)
    html = page.history.diff_view.toHtml()
    assert "Dòng thêm mới." in html and "MỤC TIÊU" in html


def test_opening_a_topic_builds_its_history_files_and_question_list_only_when_their_tab_is_shown(window):
    page = open_ab01(window)
    lazy = {key: page.tabs.widget(page._keys.index(key)) for key in ("questions", "history", "attachments")}
    assert all(tab.built_widget() is None for tab in lazy.values())
    page.show_tab("history")
    assert lazy["history"].built_widget() is page.history
    assert lazy["attachments"].built_widget() is None and lazy["questions"].built_widget() is None
    assert page.attachments is lazy["attachments"].built_widget()  # asked for: built now


def test_a_save_before_the_history_is_first_shown_is_in_it_when_it_is(qtbot, window):
    page = open_ab01(window)
    section = _type_in_plan(page, "Lưu trước khi xem lịch sử. ")
    page.flush()  # the page's `changed` finds no history panel to reload: nothing is built for it
    assert page.tabs.widget(page._keys.index("history")).built_widget() is None
    with qtbot.waitSignal(page.history.loaded, timeout=10000):
        page.show_tab("history")
    assert page.history.model.entries[0].record_id == section.id


def test_the_slide_tab_shown_for_the_first_time_reads_the_slides_once(window, monkeypatch):
    page = open_ab01(window)
    reads = []
    slides = window.context.bank.slides
    monkeypatch.setattr(window.context.bank, "slides", lambda deck_id: reads.append(deck_id) or slides(deck_id))
    page.show_tab("deck")
    assert len(reads) == 1 and page.deck_editor.model.rowCount() == len(slides(reads[0]))
