"""Qt's own file dialog (used where no native one is, as on most Linux desktops) reads in Vietnamese: its
labels, the list's column titles and «Thư mục».  The translator's keys were Qt 5's («Look in:»): Qt 6 asks
for «&Look in:» and «Files of &type:», so those labels stayed English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QTreeView

from lecturer_app.ui.qt_translator import VietnameseQtTranslator


def test_the_file_dialog_labels_and_columns_are_vietnamese(qtbot, qapp, tmp_path):
    (tmp_path / "Bài giảng").mkdir()
    translator = VietnameseQtTranslator()
    qapp.installTranslator(translator)
    try:
        dialog = QFileDialog(None, "Chọn tệp", str(tmp_path))
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        qtbot.addWidget(dialog)
        labels = {label.objectName(): label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
        assert labels["lookInLabel"] == "Tìm trong:" and labels["fileTypeLabel"] == "Loại tệp:"
        assert labels["fileNameLabel"] == "Tên tệp:"
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model()
        titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
        assert titles == ["Tên", "Cỡ", "Loại", "Ngày sửa"]
        assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "Thư mục"
    finally:
        qapp.removeTranslator(translator)
