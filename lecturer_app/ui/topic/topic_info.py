"""The Thông tin tab: a topic's metadata, edited with undo and autosave."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.labels import topic_status_label
from lecturer_app.core.model import TOPIC_STATUSES, Program, Topic
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.topic.editor_base import AutosavingEditor
from lecturer_app.ui.topic.undo_commands import FieldEditCommand


class TopicInfo(AutosavingEditor, QWidget):
    """Tên, số tiết, đối tượng, căn cứ, năm, phiên bản, trạng thái of one topic.

    Signals:
        saved(): edits were written to the store.
    """

    saved = Signal()

    def __init__(self, context: AppContext, topic: Topic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._start_editing(context, topic)
        self.code = QLabel()
        self.title = QLineEdit()
        self.periods = QSpinBox()
        self.periods.setRange(0, 200)
        self.periods.setSuffix(_(" tiết"))
        self.audience = QLineEdit()
        self.legal_basis = QPlainTextEdit()
        self.legal_basis.setMaximumHeight(90)
        self.year = QSpinBox()
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText(_("(chưa ghi)"))
        self.version = QLineEdit()
        self.status = QComboBox()
        for status in TOPIC_STATUSES:
            self.status.addItem(topic_status_label(status), status)
        self.programs = QLabel()
        self.programs.setWordWrap(True)
        self.counts = QLabel()
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)
        for label, widget in ((_("Mã chuyên đề"), self.code), (_("Tên chuyên đề"), self.title),
                              (_("Số tiết"), self.periods), (_("Đối tượng"), self.audience),
                              (_("Căn cứ"), self.legal_basis), (_("Năm"), self.year), (_("Phiên bản"), self.version),
                              (_("Trạng thái"), self.status), (_("Thuộc chương trình"), self.programs),
                              (_("Nội dung"), self.counts)):
            widget.setAccessibleName(label)
            form.addRow(label + ":", widget)
        self.title.textEdited.connect(lambda text: self._edited("title", nfc(text)))
        self.audience.textEdited.connect(lambda text: self._edited("audience", nfc(text)))
        self.version.textEdited.connect(lambda text: self._edited("version", nfc(text)))
        self.legal_basis.textChanged.connect(lambda: self._edited("legal_basis", nfc(self.legal_basis.toPlainText())))
        self.periods.valueChanged.connect(lambda value: self._edited("periods", value))
        self.year.valueChanged.connect(lambda value: self._edited("year", value or None))
        self.status.activated.connect(lambda _i: self._edited("status", self.status.currentData()))
        self._loading = False
        self.reload()

    def reload(self) -> None:
        stored = self.context.store.get(Topic, self.topic.id)
        if stored is not None:
            self.topic.__dict__.update(stored.__dict__)
        self._loading = True
        self.code.setText(self.topic.code)
        self.reload_fields()
        topic = self.topic
        names = [p.title for p in (self.context.store.get(Program, pid) for pid in topic.program_ids) if p]
        self.programs.setText("\n".join(names) or _("(chưa thuộc chương trình nào)"))
        self.counts.setText(self._counts())
        self._loading = False

    def _counts(self) -> str:
        sections, slides, questions, files = self.context.bank.content_counts(self.topic.id)
        summary = _("{sections} mục giáo án viết · {slides} trang chiếu · {questions} câu hỏi · {files} tệp đính kèm")
        return summary.format(sections=sections, slides=slides, questions=questions, files=files)

    def _edited(self, key: str, value: object) -> None:
        if self._loading or getattr(self.topic, key) == value:
            return
        old = getattr(self.topic, key)
        self._set(key, value, refresh=False)
        self.undo_stack.push(FieldEditCommand(f"topic:{key}", old, value, lambda v: self._set(key, v),
                                              _("Sửa thông tin chuyên đề")))

    def _set(self, key: str, value: object, refresh: bool = True) -> None:
        setattr(self.topic, key, value)
        self.autosaver.stage(self.topic)
        if refresh:
            self._loading = True
            self.reload_fields()
            self._loading = False

    def reload_fields(self) -> None:
        """Show the in-memory topic (after undo/redo) without reading the store."""
        topic = self.topic
        self.title.setText(topic.title)
        self.periods.setValue(topic.periods or 0)
        self.audience.setText(topic.audience)
        if self.legal_basis.toPlainText() != topic.legal_basis:
            self.legal_basis.setPlainText(topic.legal_basis)
        self.year.setValue(topic.year or 0)
        self.version.setText(topic.version)
        self.status.setCurrentIndex(max(0, self.status.findData(topic.status)))
