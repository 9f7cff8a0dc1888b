"""The reason asked for when a saved mark is changed on appeal (phúc khảo), or a learner's answer corrected.

Hủy is the default button and the reason box takes Enter as a new line, so
no key press records a change by accident; «Ghi nhận» is enabled only once a
reason is typed.  Hủy leaves the mark (or the answer) as it was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from lecturer_app.exam.grading import part_label
from lecturer_app.exam.remarks import QUESTION
from lecturer_app.i18n import _, ui_number
from lecturer_app.ui.exam.grading_model import RemarkQuestion
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


class RemarkReasonDialog(QDialog):
    """Whose mark, which one, from what to what; a reason box; Ghi nhận / Hủy."""

    def __init__(self, question: RemarkQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        answer = question.component.startswith(QUESTION)
        self.setWindowTitle(_("Sửa bài làm khi phúc khảo") if answer else _("Sửa điểm phúc khảo"))
        layout = QVBoxLayout(self)
        text = _("{name} (SBD {sbd}), {part}: {before} → {after}").format(
            name=question.name, sbd=question.sbd, part=part_label(question.component),
            before=ui_number(question.before) or _("trống"), after=ui_number(question.after) or _("trống"))
        for line in (text, question.effect):
            if line:
                label = QLabel(line, self)
                label.setWordWrap(True)
                layout.addWidget(label)
        layout.addWidget(QLabel(_("Lý do sửa bài làm (ghi vào biên bản phúc khảo):") if answer else
                                _("Điểm này đã được lưu. Lý do sửa (ghi vào biên bản phúc khảo):"), self))
        self.reason = QPlainTextEdit(self)
        self.reason.setAccessibleName(_("Lý do sửa điểm"))
        self.reason.setTabChangesFocus(True)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        translate_buttons(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Ghi nhận"))
        self.ok_button.setEnabled(False)
        self.ok_button.setAutoDefault(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._reason_changed)
        layout.addWidget(self.buttons)
        self.resize(460, 220)

    def _reason_changed(self) -> None:
        self.ok_button.setEnabled(bool(self.reason.toPlainText().strip()))

    def reason_text(self) -> str:
        return " ".join(self.reason.toPlainText().split())


def ask_remark_reason(parent: QWidget, question: RemarkQuestion) -> str | None:
    """Ask and wait: the reason typed, or None for Hủy (the mark stays as it was)."""
    dialog = RemarkReasonDialog(question, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    reason = dialog.reason_text() if accepted else None
    dialog.deleteLater()
    return reason or None
