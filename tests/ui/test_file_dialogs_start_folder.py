"""The pickers of the topic page (Chèn ảnh, Thêm tệp…, Lưu bản sao…) start in the lecturer's folders, then
where the last file came from; they started in the process's working folder (on Windows, the folder the app
is installed in)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWidget

from lecturer_app.ui.deck.deck_editor import DeckEditor
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.topic.attachments_panel import AttachmentsPanel


@pytest.fixture
def panel(qtbot, context, topic):
    host = QWidget()
    qtbot.addWidget(host)
    runner = OperationRunner(host)
    widget = AttachmentsPanel(context, topic, runner)
    qtbot.addWidget(widget)
    yield widget
    runner.wait_all()


def _last_dialog(widget) -> QFileDialog:
    dialog = widget.findChildren(QFileDialog)[-1]
    dialog.reject()
    return dialog


def test_choosing_a_picture_starts_at_home_then_where_the_last_picture_was(qtbot, context, topic, tmp_path):
    editor = DeckEditor(context, topic)
    qtbot.addWidget(editor)
    editor.choose_image()
    assert Path(_last_dialog(editor).directory().absolutePath()) == Path.home()
    album = tmp_path / "Ảnh lớp"
    album.mkdir()
    dialog = editor.findChildren(QFileDialog)[-1]
    dialog.filesSelected.emit([str(album / "khong-co.png")])  # an unreadable picture: said in a box, none added
    for box in editor.findChildren(QWidget):
        if box.isWindow() and box.isVisible():
            box.close()
    editor.choose_image()
    assert Path(_last_dialog(editor).directory().absolutePath()) == album


def test_adding_an_attachment_starts_in_the_export_folder(panel, context, tmp_path):
    context.settings.export_dir = str(tmp_path)
    panel.choose_files()
    assert Path(_last_dialog(panel).directory().absolutePath()) == tmp_path


def test_saving_a_copy_without_an_export_folder_starts_at_home(qtbot, panel, context, tmp_path):
    context.settings.export_dir = ""
    path = tmp_path / "tài liệu.pdf"
    path.write_bytes(b"%PDF-1.4")
    with qtbot.waitSignal(panel.changed, timeout=10000):
        panel.add_files([path])
    panel.table.selectRow(0)
    panel.save_copy()
    assert Path(_last_dialog(panel).directory().absolutePath()) == Path.home()
