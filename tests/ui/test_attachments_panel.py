"""Attachments tab: add on a worker thread, open a named copy, remove."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QWidget

from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.topic.attachments_panel import AttachmentsPanel


@pytest.fixture
def panel(qtbot, context, topic):
    host = QWidget()
    qtbot.addWidget(host)
    runner = OperationRunner(host)
    widget = AttachmentsPanel(context, topic, runner)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    runner.wait_all()


def test_an_empty_tab_explains_how_to_add_files(panel):
    assert panel.empty.isVisible() and not panel.table.isVisible()


def test_files_added_on_a_worker_thread_appear_in_the_list(qtbot, panel, tmp_path):
    files = [tmp_path / "Bài giảng.pptx", tmp_path / "tài liệu.pdf"]
    for path in files:
        path.write_bytes(path.name.encode())
    with qtbot.waitSignal(panel.changed, timeout=10000):
        panel.add_files(files)
    assert sorted(a.filename for a in panel.model.attachments) == ["Bài giảng.pptx", "tài liệu.pdf"]
    assert panel.table.isVisible()


def test_dropping_a_file_adds_it(qtbot, panel, tmp_path):
    path = tmp_path / "ảnh.png"
    path.write_bytes(b"\x89PNG")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(panel.changed, timeout=10000):
        panel.dropEvent(event)
    assert [a.filename for a in panel.model.attachments] == ["ảnh.png"]


# The offscreen test platform has no desktop to open files with, and says so.
def _add_and_select(qtbot, panel, path: Path, content: bytes) -> None:
    path.write_bytes(content)
    with qtbot.waitSignal(panel.changed, timeout=10000):
        panel.add_files([path])
    panel.table.selectRow(0)


@pytest.mark.qt_log_ignore(r"does not support QPlatformServices::openDocument",
                           r"This plugin does not support propagateSizeHints")
def test_open_hands_a_copy_under_its_own_name_and_remove_deletes(qtbot, panel, tmp_path):
    _add_and_select(qtbot, panel, tmp_path / "giáo trình.docx", b"PK-docx")
    opened = panel.open_selected()
    assert Path(opened).name == "giáo trình.docx" and Path(opened).read_bytes() == b"PK-docx"
    assert "giáo trình.docx" in panel.status.text()  # no desktop here: the place of the copy is shown
    panel.remove_selected()
    assert panel.model.attachments == []


def test_an_attachment_whose_stored_copy_is_gone_is_explained_not_silently_ignored(qtbot, panel, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    _add_and_select(qtbot, panel, tmp_path / "bài giảng.pptx", b"PK-pptx")
    item = panel.selected()
    panel.context.workspace.blobs.path(item.sha256).unlink()  # e.g. removed by a disk cleaner
    assert panel.open_selected() is None
    (box,) = [b for b in panel.findChildren(QMessageBox) if b.isVisible()]
    assert "Mở tệp đính kèm" in box.text() and item.sha256 in box.text()
    box.close()


def test_the_buttons_for_a_file_wait_for_one_to_be_chosen(qtbot, panel, tmp_path):
    """«Mở», «Lưu bản sao…» and «Xóa» with no file chosen did nothing at all: they are off until a row is chosen."""
    buttons = (panel.open_button, panel.copy_button, panel.remove_button)
    assert not any(b.isEnabled() for b in buttons)
    assert all("Chọn một tệp" in b.toolTip() for b in buttons)
    _add_and_select(qtbot, panel, tmp_path / "tài liệu.pdf", b"%PDF-1.4")
    assert all(b.isEnabled() for b in buttons)
    panel.remove_selected()
    assert not any(b.isEnabled() for b in buttons)


def test_saving_a_copy_says_where_it_went(qtbot, panel, tmp_path):
    _add_and_select(qtbot, panel, tmp_path / "tài liệu.pdf", b"%PDF-1.4")
    folder = tmp_path / "ban_sao"
    folder.mkdir()
    panel.save_copy_to(panel.selected(), folder)
    assert (folder / "tài liệu.pdf").read_bytes() == b"%PDF-1.4"
    assert str(folder / "tài liệu.pdf") in panel.status.text()
