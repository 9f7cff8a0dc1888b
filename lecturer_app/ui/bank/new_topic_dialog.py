"""Chuyên đề mới (Ctrl+N): code, title, program and periods; the written-plan skeleton comes with it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from lecturer_app.core.bank.topic_factory import create_topic
from lecturer_app.core.model import Membership, Topic
from lecturer_app.core.store import summaries
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


class NewTopicDialog(QDialog):
    """Creates a topic with an empty written plan.

    Signals:
        created(str): the new topic's id.
    """

    created = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Chuyên đề mới"))
        self.setMinimumWidth(520)
        self.program = QComboBox()
        for program in context.bank.programs():
            self.program.addItem(program.title, program.id)
        self.code = QLineEdit()
        self.code.setPlaceholderText(_("Ví dụ: DP-12"))
        self.title = QLineEdit()
        self.periods = QSpinBox()
        self.periods.setRange(1, 200)
        self.periods.setValue(4)
        self.periods.setSuffix(_(" tiết"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020")
        form = QFormLayout(self)
        for label, widget in ((_("Chương trình"), self.program), (_("Mã chuyên đề"), self.code),
                              (_("Tên chuyên đề"), self.title), (_("Số tiết"), self.periods)):
            widget.setAccessibleName(label)
            form.addRow(label + ":", widget)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        translate_buttons(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def accept(self) -> None:
        code, title = nfc(self.code.text().strip()), nfc(self.title.text().strip())
        if not code or not title:
            self.error.setText(_("Cần nhập mã và tên chuyên đề."))
            return
        if self.context.bank.topic_by_code(code) is not None:
            self.error.setText(_("Mã {code} đã có trong ngân hàng.").format(code=code))
            return
        program_id = self.program.currentData() or ""
        topic = Topic(code=code, title=title, periods=self.periods.value(),
                      memberships=[Membership(program_id=program_id)] if program_id else [])
        create_topic(self.context.store, topic, self.program.currentText(), summary=summaries.NEW_TOPIC)
        self.created.emit(topic.id)
        super().accept()
