"""Qt's own texts (stock buttons, context menus) appear in Vietnamese."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox

from lecturer_app.ui.qt_translator import VietnameseQtTranslator
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


def test_message_box_buttons_are_vietnamese(qtbot):
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
                           | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    translate_buttons(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["Đồng ý", "Hủy", "Có", "Không"])


def test_button_box_buttons_are_vietnamese(qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Discard
                           | QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Apply)
    qtbot.addWidget(box)
    translate_buttons(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["Lưu", "Không lưu", "Đóng", "Áp dụng"])


def test_the_qt_translator_gives_vietnamese_context_menus(qtbot, qapp):
    translator = VietnameseQtTranslator()
    qapp.installTranslator(translator)
    try:
        assert QCoreApplication.translate("QWidgetTextControl", "&Paste") == "&Dán"
        edit = QLineEdit()
        qtbot.addWidget(edit)
        menu = edit.createStandardContextMenu()
        texts = [a.text().split("\t")[0].replace("&", "") for a in menu.actions() if a.text()]
        assert "Dán" in texts and "Chọn tất cả" in texts
        assert not any(t in ("Paste", "Select All", "Undo") for t in texts)
        menu.deleteLater()
    finally:
        qapp.removeTranslator(translator)
