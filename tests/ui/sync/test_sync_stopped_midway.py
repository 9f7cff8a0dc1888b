"""A sync that stops midway (Hủy, a dropped connection) keeps what it pulled; the open editors show it."""

from __future__ import annotations

from keyboard_driver import type_text

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import PlanSection
from lecturer_app.sync.http_client import SyncOffline

ARRIVED = "Nội dung do máy khác sửa, nhận được trước khi mất kết nối."


def _open_plan(window, qtbot):
    topic = window.context.bank.topics()[0]
    page = window.open_topic(topic.id)
    page.tabs.setCurrentWidget(page.plan_editor)
    qtbot.waitUntil(lambda: bool(page.plan_editor.sections))
    return page.plan_editor


def _arrives(window, section_id: str) -> None:
    """The first section as a pulled revision writes it: through another connection, while the editor is open."""
    with window.context.worker_store() as store:
        section = store.require(PlanSection, section_id)
        section.body = ARRIVED
        store.save(section, summary="máy khác")


def test_a_sync_dropped_midway_shows_what_it_pulled_in_the_open_plan(sync_window, qtbot):
    editor = _open_plan(sync_window, qtbot)
    first = editor.sections[0]
    editor.show_section(first.id)
    _arrives(sync_window, first.id)
    sync_window.background_sync._failed(SyncOffline("Mất kết nối với máy chủ: kết nối bị cắt giữa chừng."))
    assert ARRIVED in editor.text_edit.toPlainText()
    assert sync_window.sync_label.text() == "Ngoại tuyến"


def test_a_stopped_sync_leaves_text_being_typed_alone(sync_window, qtbot):
    editor = _open_plan(sync_window, qtbot)
    second = editor.sections[1]
    editor.show_section(second.id)
    editor.text_edit.setFocus()
    type_text(editor.text_edit, "Đang gõ dở. ")
    _arrives(sync_window, editor.sections[0].id)
    sync_window.background_sync._cancelled()
    assert editor.text_edit.toPlainText().startswith("Đang gõ dở. ")
    editor.flush()
    assert LessonBank(sync_window.context.store).sections(editor.plan.id)[1].body.count("Đang gõ dở. ") == 1
