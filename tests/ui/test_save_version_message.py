"""Ctrl+S «Lưu phiên bản…» with nothing changed wrote nothing, yet the status bar said «Đã lưu phiên bản … (0 mục)»
and the history showed no such version: it now says that there was nothing to save."""

from __future__ import annotations

from keyboard_driver import type_text
from PySide6.QtWidgets import QInputDialog

from lecturer_app.ui.actions import save_version


def _save(window, page, name: str) -> str:
    """Ctrl+S on *page*, the name typed, OK pressed; returns what the status bar then says."""
    window.tabs.setCurrentWidget(page)
    save_version(window)
    dialog = window.findChildren(QInputDialog)[-1]
    dialog.setTextValue(name)
    dialog.accept()
    return window.statusBar().currentMessage()


def test_a_version_with_nothing_changed_is_not_said_to_be_saved(window, topic):
    page = window.open_topic(topic.id)
    message = _save(window, page, "Bản giảng lớp K12")
    assert "Đã lưu" not in message and "Chưa có thay đổi" in message and "Bản giảng lớp K12" in message


def test_a_version_after_an_edit_is_said_to_be_saved(window, topic):
    page = window.open_topic(topic.id)
    page.show_tab("plan")
    editor = page.plan_editor
    editor.show_section(editor.sections[0].id)
    type_text(editor.text_edit, "Thêm ý. ")
    assert _save(window, page, "Bản giảng lớp K12").startswith("Đã lưu phiên bản «Bản giảng lớp K12» (1 mục)")
