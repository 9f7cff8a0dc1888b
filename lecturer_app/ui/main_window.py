"""The main window: programs and their topics (the GUI issue builds the rest)."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QMainWindow, QTreeView, QWidget

from lecturer_app.core.bank import LessonBank
from lecturer_app.core.workspace import Workspace
from lecturer_app.i18n import _


def build_bank_model(bank: LessonBank) -> QStandardItemModel:
    """Chương trình → Chuyên đề, with the number of periods."""
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels([_("Chương trình / Chuyên đề"), _("Số tiết")])
    for program in bank.programs():
        topics = bank.topics(program.code)
        parent = QStandardItem(f"{program.title} ({len(topics)})")
        parent.setEditable(False)
        for topic in topics:
            title = QStandardItem(f"{topic.code} – {topic.title}")
            title.setEditable(False)
            periods = QStandardItem(str(topic.periods))
            periods.setEditable(False)
            parent.appendRow([title, periods])
        model.appendRow([parent, QStandardItem("")])
    return model


class MainWindow(QMainWindow):
    def __init__(self, bank: LessonBank, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Ngân hàng bài giảng"))
        self.tree = QTreeView()
        self.tree.setAccessibleName(_("Danh mục chương trình và chuyên đề"))
        self.tree.setModel(build_bank_model(bank))
        self.tree.setColumnWidth(0, 620)
        self.setCentralWidget(self.tree)
        self.statusBar().showMessage(_("Dữ liệu: {path}").format(path=workspace.data_dir))
        self.resize(960, 640)
