"""Choosing which answer of a learner to correct on appeal, and to what (the scanner read C, the learner marked B).

The dialog only chooses: the question (its number in the learner's paper)
and the answer it should record, checked as ``exam remark --answer`` checks
it. The reason is asked next, in the same dialog as a changed mark
(``remark_dialog``), and the grading model records the change. Nothing here
reads or shows the exam's key, and nothing can change it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.errors import UserFacingError
from lecturer_app.exam.grading import Response, part_label
from lecturer_app.exam.manifest import ExamManifest
from lecturer_app.exam.remarks import QUESTION, current_value
from lecturer_app.i18n import _
from lecturer_app.importers.exam_answers import corrected_answer, option_letters
from lecturer_app.ui.widgets.stock_buttons import cancel_default_buttons

CHOICE_TYPES = ("single_choice", "multiple_choice")  # answered with option letters, offered in the list


class AnswerCorrectionDialog(QDialog):
    """Whose answers; «Câu» (1…the paper's objective questions), the answer recorded, the corrected one.

    «Tiếp tục…» is enabled only for a valid answer other than the one recorded; Hủy is the default.
    """

    def __init__(self, response: Response, manifest: ExamManifest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.response, self.manifest = response, manifest
        self.items = manifest.versions[response.code].items
        self.setWindowTitle(_("Sửa bài làm trắc nghiệm"))
        layout = QVBoxLayout(self)
        for text in (_("{name} (SBD {sbd}), mã đề {code}").format(name=response.name, sbd=response.sbd,
                                                                  code=response.code),
                     _("Chỉ sửa bài làm của học viên (ví dụ máy quét đọc nhầm ô đã tô); đáp án của đề không đổi.")):
            label = QLabel(text, self)
            label.setWordWrap(True)
            layout.addWidget(label)
        layout.addLayout(self._form())
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addWidget(self._buttons())
        self.question.valueChanged.connect(self._question_changed)
        self.answer.editTextChanged.connect(self._answer_changed)
        self._question_changed(1)
        self.resize(440, 0)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        self.question = QSpinBox(self)
        self.question.setRange(1, max(1, len(self.items)))
        self.question.setAccessibleName(_("Câu trắc nghiệm (số câu trong đề của học viên)"))
        self.recorded = QLabel(self)
        self.answer = QComboBox(self)
        self.answer.setEditable(True)
        self.answer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.answer.setAccessibleName(_("Bài làm sửa thành"))
        form.addRow(_("Câu"), self.question)
        form.addRow(_("Bài làm đang ghi"), self.recorded)
        form.addRow(_("Sửa thành"), self.answer)
        return form

    def _buttons(self) -> QDialogButtonBox:
        self.buttons, self.ok_button = cancel_default_buttons(self, _("Tiếp tục…"))
        return self.buttons

    def component(self) -> str:
        return f"{QUESTION}{self.question.value()}"

    def _question_changed(self, number: int) -> None:
        """The answer recorded for question *number*, and the letters its options offer (typed otherwise)."""
        before = current_value(self.response, self.component())
        self.recorded.setText(before or _("trống"))
        item = self.items[number - 1] if self.items else None
        self.answer.blockSignals(True)
        self.answer.clear()
        if item is not None and item.type in CHOICE_TYPES:
            self.answer.addItems(list(option_letters(item)))
        self.answer.setEditText(before)
        self.answer.blockSignals(False)
        self._answer_changed(before)

    def _answer_changed(self, text: str) -> None:
        """Say what the choice does ("Câu 5: C → B") or why it is no answer; «Tiếp tục…» only for a change."""
        before = current_value(self.response, self.component())
        try:
            after = corrected_answer(text, self.component(), self.response, self.manifest)
        except UserFacingError as exc:
            self.message.setText(str(exc))
            self.ok_button.setEnabled(False)
            return
        self.message.setText(_("{part}: {before} → {after}").format(
            part=part_label(self.component()), before=before or _("trống"), after=after or _("trống")))
        self.ok_button.setEnabled(after != before)

    def choice(self) -> tuple[int, str]:
        """The question's number and the answer as typed (the grading model checks it again)."""
        return self.question.value(), self.answer.currentText()


def ask_answer_correction(parent: QWidget, response: Response, manifest: ExamManifest) -> tuple[int, str] | None:
    """Ask and wait: the question and its corrected answer, or None for Hủy (nothing changes)."""
    dialog = AnswerCorrectionDialog(response, manifest, parent)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    choice = dialog.choice() if accepted else None
    dialog.deleteLater()
    return choice
