"""Xuất/Nhập in the GUI: the export dialog, the installed actions, and export/import through operations."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.ui.documents import install
from lecturer_app.ui.documents.export_dialog import ExportDialog, default_file_name
from lecturer_app.ui.documents.results import ExportDoneBox, ImportDoneBox
from lecturer_app.ui.documents.work import ExportRequest


@pytest.fixture
def dialog(qtbot, tmp_path):
    widget = ExportDialog(Topic(code="AB-01", title="Lịch sử Đảng"), tmp_path, "pptx", "sang")
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def documents(window):
    actions = install(window)
    opened: list[Path] = []
    actions.opener = lambda path: opened.append(path) or True
    actions.opened = opened
    yield actions
    window.operations.wait_all()
    if actions.last_notice is not None:
        actions.last_notice.close()


def test_the_dialog_proposes_a_file_per_format_and_a_theme_only_for_slides(dialog, tmp_path):
    assert dialog.request() == ExportRequest("AB-01", "pptx", tmp_path / "AB-01_giao-an-dien-tu.pptx", "sang")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("pdf"))
    assert not dialog.theme_box.isEnabled()
    assert dialog.request() == ExportRequest("AB-01", "pdf", tmp_path / "AB-01_giao-an.pdf", "")
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("handout"))
    assert dialog.request().path.name == default_file_name(dialog.topic, "handout") == "AB-01_phieu-tai-lieu.pdf"


def test_ok_needs_a_file_name(dialog):
    dialog.path_edit.setText("")
    assert not dialog.ok_button.isEnabled()
    dialog.path_edit.setText("/tmp/bai.pptx")
    assert dialog.ok_button.isEnabled()


def test_install_adds_the_actions_to_the_file_menu_and_to_each_topic_page(window, documents, topic):
    names = {a.objectName() for a in window.menu("file").actions()}
    assert {"file_export_pptx", "file_export_plan", "file_export_handout", "file_import"} <= names
    page = window.open_topic(topic.id)
    toolbar = {a.objectName() for a in page.toolbar.actions()}
    assert {"topic_export_pptx", "topic_export_plan", "topic_export_handout", "topic_import"} <= toolbar
    assert page.toolbar.isVisibleTo(page)


def test_without_a_topic_the_file_menu_action_only_says_so(window, documents):
    assert documents.export_topic(window.current_topic()) is None
    assert "chuyên đề" in window.statusBar().currentMessage()


@pytest.mark.parametrize("fmt", ["pptx", "docx", "pdf", "handout"])
def test_export_runs_as_an_operation_and_offers_to_open_the_folder(qtbot, window, documents, topic, tmp_path, fmt):
    target = tmp_path / "xuat" / f"bai.{'pdf' if fmt == 'handout' else fmt}"
    operation = documents.export_topic(topic, request=ExportRequest(topic.code, fmt, target, "tuong_phan_cao"))
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    assert operation.error is None, operation.error
    assert target.is_file() and target.stat().st_size > 500
    notice = documents.last_notice
    assert isinstance(notice, ExportDoneBox) and str(target) in notice.text()
    notice.folder_button.click()
    assert documents.opened == [target]


def test_import_replaces_the_deck_and_reports_what_it_did(qtbot, window, documents, topic, tmp_path):
    from lecturer_app.core.model import Bullet, Slide
    from lecturer_app.exporters.pptx_writer import write_pptx
    from lecturer_app.formats.slide_layout import layout_deck, load_theme

    source = tmp_path / "moi.pptx"
    theme = load_theme("sang")
    slides = [Slide(title=f"Trang {n}", bullets=[Bullet("Nội dung mới")]) for n in range(1, 4)]
    write_pptx(layout_deck(slides, theme), source, theme=theme, images=lambda s: None)
    changed = []
    window.bank_changed.connect(lambda: changed.append(True))
    page = window.open_topic(topic.id)
    page.show_tab("deck")  # the slide editor is open while the import writes
    operation = documents.import_topic(topic, source, confirm=False)
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    assert operation.error is None, operation.error
    deck = window.context.bank.deck(topic.id)
    assert [s.title for s in window.context.bank.slides(deck.id)] == ["Trang 1", "Trang 2", "Trang 3"]
    notice = documents.last_notice
    assert isinstance(notice, ImportDoneBox) and "3 trang chiếu" in notice.text()  # slides, not "mục" (issue #15 item 11)
    assert changed == [True]
    assert page.deck_editor.model.rowCount() == 3   # the open editor shows the imported deck


def test_a_failed_import_changes_nothing(qtbot, window, documents, topic, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"khong phai docx")
    counts = window.context.store.counts()
    errors = []
    operation = documents.import_topic(topic, bad, confirm=False)
    operation.failed.disconnect()   # the runner's message box would wait for a click
    operation.failed.connect(errors.append)
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    assert "hong.docx" in str(errors[0])
    assert window.context.store.counts() == counts


def test_the_import_dialog_starts_in_the_lecturers_folder_and_remembers_the_last(window, documents, topic,
                                                                                 tmp_path, monkeypatch):
    """It started in the process's working folder (on Windows, where the app is installed)."""
    from PySide6.QtWidgets import QFileDialog

    window.context.settings.export_dir = str(tmp_path / "xuat")
    asked: list[str] = []
    chosen = tmp_path / "nhan" / "bai.pptx"
    chosen.parent.mkdir()
    answers = iter([str(chosen), ""])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, where, kinds: (asked.append(where), (next(answers), ""))[1])
    monkeypatch.setattr(documents, "_confirm_replace", lambda topic, path: False)  # stop before importing
    documents.import_topic(topic)
    documents.import_topic(topic)
    assert asked == [str(tmp_path / "xuat"), str(tmp_path / "nhan")]
