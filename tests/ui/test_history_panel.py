"""The Lịch sử tab reads the history, and the plans its newest revision compares, on the window's worker."""

from __future__ import annotations

from lecturer_app.core.model import PlanSection


def _edited_twice(context, topic) -> None:
    section = context.bank.sections(context.bank.plan(topic.id).id)[0]
    for text in ("Bản một của mục.", "Bản hai của mục."):
        section.body = text
        context.store.save(section)


def _shown(qtbot, panel):
    qtbot.addWidget(panel)
    panel.show()
    with qtbot.waitSignal(panel.loaded, timeout=10000):
        panel.reload(force=True)
    return panel


def test_the_newest_revisions_diff_read_on_the_worker_is_the_one_read_on_the_gui_thread(qtbot, context, topic):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    _edited_twice(context, topic)
    on_worker = _shown(qtbot, HistoryPanel(context, topic, OperationRunner()))
    on_gui = _shown(qtbot, HistoryPanel(context, topic))
    assert on_worker.selected_entries() == on_gui.selected_entries() == [on_worker.model.entries[0]]
    assert "Bản hai của mục." in on_worker.diff_view.toPlainText()
    assert on_worker.diff_view.toHtml() == on_gui.diff_view.toHtml()
    on_worker.operations.wait_all()


def test_choosing_an_older_revision_still_shows_its_own_diff(qtbot, context, topic):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    _edited_twice(context, topic)
    panel = _shown(qtbot, HistoryPanel(context, topic, OperationRunner()))
    older = next(row for row, e in enumerate(panel.model.entries) if e.type == PlanSection.TYPE and row > 0)
    panel.table.selectRow(older)
    assert "Bản một của mục." in panel.diff_view.toPlainText()
    assert "Bản hai của mục." not in panel.diff_view.toPlainText()
    panel.operations.wait_all()


def _slides(context, topic):
    return context.bank.slides(context.bank.deck(topic.id).id)


def _select(panel, *wanted):
    """Select the rows of the *wanted* entries (Ctrl-click for the second)."""
    from PySide6.QtCore import QItemSelectionModel

    panel.table.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for entry in wanted:
        panel.table.selectionModel().select(panel.model.index(panel.model.entries.index(entry), 0), flags)


def _entry(panel, summary):
    return next(e for e in panel.model.entries if e.summary == summary)


def test_a_slide_revision_shows_that_slides_old_and_new_title_and_notes(qtbot, context, topic):
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    first, slide = _slides(context, topic)[:2]
    old_title, old_notes = slide.title, slide.notes
    slide.title, slide.notes = "Tiêu đề đã sửa", "Ghi chú đã sửa"
    context.store.save(slide, summary="Sửa trang hai")
    first.title = "Một lần sửa sau đó"   # so the slide's revision is not the newest, read when it is chosen
    context.store.save(first, summary="Sửa trang một")
    panel = _shown(qtbot, HistoryPanel(context, topic, OperationRunner()))
    _select(panel, _entry(panel, "Sửa trang hai"))
    shown = panel.diff_view.toPlainText()
    assert all(text in shown for text in (old_title, "Tiêu đề đã sửa", "Ghi chú đã sửa"))
    assert not old_notes or old_notes.splitlines()[0] in shown
    assert panel.diff_title.text().startswith("Trang chiếu 2 “Tiêu đề đã sửa” lúc ")
    assert "giáo án viết" not in shown
    panel.operations.wait_all()


def test_a_slide_edited_in_the_deck_editor_shows_in_the_history_as_edited(qtbot, context, topic):
    from keyboard_driver import type_text

    from lecturer_app.ui.deck.deck_editor import DeckEditor
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    editor = DeckEditor(context, topic)
    qtbot.addWidget(editor)
    editor.show()
    editor.select_row(1)
    old = editor.current_slide()
    old_title, old_notes = old.title, old.notes
    editor.form.title.selectAll()
    type_text(editor.form.title, "Bố cục bài giảng")
    editor.form.notes.selectAll()
    type_text(editor.form.notes, "Nhắc học viên xem lại sơ đồ")
    editor.flush()
    panel = _shown(qtbot, HistoryPanel(context, topic, OperationRunner()))
    shown = panel.diff_view.toPlainText()
    assert panel.selected_entries()[0].type == "slide"
    assert all(text in shown for text in (old_title, "Bố cục bài giảng", "Nhắc học viên xem lại sơ đồ"))
    assert old_notes.splitlines()[0] in shown
    assert panel.diff_title.text().startswith("Trang chiếu 2 “Bố cục bài giảng” lúc ")
    editor.save_version("Bản giảng lớp K12")   # a name for what was autosaved: same content, new revision
    _shown(qtbot, panel)
    assert panel.selected_entries()[0].summary == "Bản giảng lớp K12"
    assert "không thay đổi nội dung trang chiếu" in panel.diff_view.toPlainText()
    assert "Bố cục bài giảng" in panel.diff_view.toPlainText()
    editor.hide()
    panel.operations.wait_all()


def test_a_new_and_a_deleted_slide_show_their_content_and_two_revisions_compare_the_deck(qtbot, context, topic):
    from lecturer_app.core.model import Slide
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    first, *_rest = slides = _slides(context, topic)
    added = Slide(deck_id=first.deck_id, topic_id=topic.id, position=slides[-1].position + "V",
                  title="Trang thêm cuối", notes="Kết thúc bài")
    context.store.save(added, summary="Thêm trang")
    context.store.delete(first.id, summary="Xóa trang đầu")
    panel = _shown(qtbot, HistoryPanel(context, topic, OperationRunner()))
    assert panel.selected_entries()[0].summary == "Xóa trang đầu"   # the newest, read on the worker
    assert first.title in panel.diff_view.toPlainText() and "đã xóa" in panel.diff_view.toPlainText()
    assert panel.diff_title.text().startswith(f"Trang chiếu 1 “{first.title}”")
    _select(panel, _entry(panel, "Thêm trang"))
    assert "Trang thêm cuối" in panel.diff_view.toPlainText() and "Kết thúc bài" in panel.diff_view.toPlainText()
    assert "trang mới" in panel.diff_view.toPlainText()
    _select(panel, _entry(panel, "Thêm trang"), _entry(panel, "Xóa trang đầu"))
    shown = panel.diff_view.toPlainText()
    assert panel.diff_title.text().startswith("Giáo án điện tử lúc ")
    assert first.title in shown and "Trang thêm cuối" not in shown   # only the deletion lies between the two
    panel.operations.wait_all()


def test_a_topic_info_revision_shows_its_changed_fields_not_a_plan_diff(qtbot, context, topic):
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    current = context.bank.require_topic(topic.code)
    old_title, current.title = current.title, "Tên chuyên đề mới"
    context.store.save(current, summary="Đổi tên chuyên đề")
    panel = _shown(qtbot, HistoryPanel(context, topic))
    shown = panel.diff_view.toPlainText()
    assert "Phiên bản này thay đổi: Tên chuyên đề." in shown
    assert f"Tên chuyên đề: {old_title}" in shown and "Tên chuyên đề: Tên chuyên đề mới" in shown
    assert "giáo án viết" not in shown
    assert panel.diff_title.text().startswith("Thông tin chuyên đề: Tên chuyên đề mới lúc ")


def test_a_topic_status_change_reads_as_the_info_tab_names_it(qtbot, context, topic):
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    current = context.bank.require_topic(topic.code)
    assert current.status == "hien_hanh"
    current.status = "da_thay_the"
    context.store.save(current, summary="Chuyên đề đã được thay thế")
    shown = _shown(qtbot, HistoryPanel(context, topic)).diff_view.toPlainText()
    assert "Tình trạng: Hiện hành" in shown and "Tình trạng: Đã thay thế" in shown
    assert "hien_hanh" not in shown and "da_thay_the" not in shown


def test_a_deck_settings_revision_names_the_old_and_new_theme(qtbot, context, topic):
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    deck = context.bank.deck(topic.id)
    deck.theme = "tuong_phan_cao"
    context.store.save(deck, summary="Đổi mẫu")
    panel = _shown(qtbot, HistoryPanel(context, topic))
    assert "Phiên bản này thay đổi: Mẫu trình bày." in panel.diff_view.toPlainText()
    assert "Mẫu trình bày: Tương phản cao (máy chiếu yếu)" in panel.diff_view.toPlainText()


def test_two_section_revisions_show_the_plans_header_changed_between_them(qtbot, context, topic):
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    plan = context.bank.plan(topic.id)
    section = context.bank.sections(plan.id)[0]
    section.body = "Bản một của mục."
    context.store.save(section, summary="Sửa mục lần một")
    old_name, plan.header = plan.header.get("ten_bai", ""), {**plan.header, "ten_bai": "Tên bài mới"}
    context.store.save(plan, summary="Đổi tên bài")
    section.body = "Bản hai của mục."
    context.store.save(section, summary="Sửa mục lần hai")
    panel = _shown(qtbot, HistoryPanel(context, topic))
    _select(panel, _entry(panel, "Sửa mục lần một"), _entry(panel, "Sửa mục lần hai"))
    shown = panel.diff_view.toPlainText()
    assert "Bản một của mục." in shown and "Bản hai của mục." in shown
    assert "Giáo án viết (phần đầu) thay đổi: Tên bài." in shown
    assert f"Tên bài: {old_name or '(trống)'}" in shown and "Tên bài: Tên bài mới" in shown
    assert panel.diff_title.text().startswith("Giáo án viết lúc ")


def test_two_slide_revisions_show_the_theme_changed_between_them(qtbot, context, topic):
    from lecturer_app.ui.topic.history_panel import HistoryPanel

    first, *_rest = _slides(context, topic)
    deck = context.bank.deck(topic.id)
    first.title = "Tiêu đề lần một"
    context.store.save(first, summary="Sửa trang lần một")
    deck.theme = "tuong_phan_cao"
    context.store.save(deck, summary="Đổi mẫu")
    first.title = "Tiêu đề lần hai"
    context.store.save(first, summary="Sửa trang lần hai")
    panel = _shown(qtbot, HistoryPanel(context, topic))
    _select(panel, _entry(panel, "Sửa trang lần một"), _entry(panel, "Sửa trang lần hai"))
    shown = panel.diff_view.toPlainText()
    assert "Tiêu đề lần hai" in shown and "Mẫu trình bày: Tương phản cao (máy chiếu yếu)" in shown
    assert "Thông tin chuyên đề" not in shown  # unchanged between the two: not listed
    assert panel.diff_title.text().startswith("Giáo án điện tử lúc ")
    _select(panel, _entry(panel, "Đổi mẫu"), _entry(panel, "Sửa trang lần hai"))  # the settings as chosen: kept
    assert "Giáo án điện tử: " in panel.diff_view.toPlainText()
    assert "không thay đổi giữa hai thời điểm này." in panel.diff_view.toPlainText()
