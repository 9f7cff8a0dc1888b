"""The reason asked for when a saved mark is changed on appeal (phúc khảo), or a learner's answer corrected;
and the appeal whose mark is re-checked and kept («Giữ nguyên điểm»), with its reason.

Hủy is the default button and the reason box takes Enter as a new line, so
no key press records a change by accident; «Ghi nhận» (or «Giữ nguyên điểm»)
is enabled only once a reason is typed.  Hủy leaves the mark (or the answer)
as it was and records nothing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.exam.grading import Response, part_label
from lecturer_app.exam.remarks import QUESTION, current_value
from lecturer_app.i18n import _, ui_number
from lecturer_app.ui.exam.grading_model import RemarkQuestion
from lecturer_app.ui.widgets.stock_buttons import cancel_default_buttons


def reason_buttons(dialog: QDialog, reason: QPlainTextEdit, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """*ok_text* / Hủy (the default), *ok_text* enabled only while *reason* holds more than blanks."""
    buttons, ok_button = cancel_default_buttons(dialog, ok_text)
    ok_button.setEnabled(False)
    reason.textChanged.connect(lambda: ok_button.setEnabled(bool(reason.toPlainText().strip())))
    return buttons, ok_button


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
        self.buttons, self.ok_button = reason_buttons(self, self.reason, _("Ghi nhận"))
        layout.addWidget(self.buttons)
        self.resize(460, 220)

    def reason_text(self) -> str:
        return " ".join(self.reason.toPlainText().split())


def ask_remark_reason(parent: QWidget, question: RemarkQuestion) -> str | None:
    """Ask and wait: the reason typed, or None for Hủy (the mark stays as it was)."""
    dialog = RemarkReasonDialog(question, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    reason = dialog.reason_text() if accepted else None
    dialog.deleteLater()
    return reason or None


class KeepMarkDialog(QDialog):
    """Whose appeal; the part appealed (its mark now shown beside); the reason or conclusion; Giữ nguyên điểm / Hủy.

    Nothing is changed: the record says the part was re-checked and its mark kept.
    """

    def __init__(self, response: Response, parts: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.response = response
        self.setWindowTitle(_("Phúc khảo: giữ nguyên điểm"))
        layout = QVBoxLayout(self)
        intro = QLabel(_("{name} (SBD {sbd}): phần bài thi đã chấm phúc khảo và giữ nguyên điểm; không điểm nào "
                         "thay đổi.").format(name=response.name, sbd=response.sbd), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.part = QComboBox(self)
        for part in parts:
            self.part.addItem(part_label(part), part)
        self.part.setAccessibleName(_("Phần được phúc khảo"))
        self.held = QLabel(self)
        form.addRow(_("Phần được phúc khảo"), self.part)
        form.addRow(_("Điểm giữ nguyên"), self.held)
        layout.addLayout(form)
        layout.addWidget(QLabel(_("Lý do, kết luận giữ nguyên (ghi vào biên bản phúc khảo):"), self))
        self.reason = QPlainTextEdit(self)
        self.reason.setAccessibleName(_("Lý do giữ nguyên điểm"))
        self.reason.setTabChangesFocus(True)
        layout.addWidget(self.reason)
        self.buttons, self.ok_button = reason_buttons(self, self.reason, _("Giữ nguyên điểm"))
        layout.addWidget(self.buttons)
        self.part.currentIndexChanged.connect(self._part_changed)
        self._part_changed()
        self.resize(460, 260)

    def _part_changed(self) -> None:
        self.held.setText(ui_number(current_value(self.response, self.component())) or _("trống"))

    def component(self) -> str:
        return str(self.part.currentData())

    def choice(self) -> tuple[str, str]:
        """The part appealed and the reason, one line."""
        return self.component(), " ".join(self.reason.toPlainText().split())


def ask_keep_mark(parent: QWidget, response: Response, parts: list[str]) -> tuple[str, str] | None:
    """Ask and wait: the part whose mark is kept and why, or None for Hủy (nothing recorded)."""
    dialog = KeepMarkDialog(response, parts, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice = dialog.choice() if accepted else None
    dialog.deleteLater()
    return choice if choice is not None and choice[1] else None
