"""The filters over the question bank: program, topic, type, level, status, tag and search."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLineEdit, QWidget

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.labels import type_label
from lecturer_app.core.model import QUESTION_TYPES
from lecturer_app.core.questions.levels import level_label
from lecturer_app.core.questions.query import QuestionFilter
from lecturer_app.i18n import _
from lecturer_app.ui.widgets.searchable_combo import make_searchable

SEARCH_DELAY_MS = 250


class FilterBar(QWidget):
    """Signals:
        changed(QuestionFilter): the filter the user set (search is debounced).
    """

    changed = Signal(object)

    def __init__(self, bank: LessonBank, levels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bank = bank
        self.program = self._combo(_("Chương trình"))
        self.topic = self._combo(_("Chuyên đề"))
        make_searchable(self.topic)  # 125 topics: type a few letters, with or without accents
        self.type = self._combo(_("Loại"), [(type_label(t), t) for t in QUESTION_TYPES])
        self.level = self._combo(_("Mức độ"), [(level_label(level), level) for level in levels])
        self.status = self._combo(_("Trạng thái"), [(_("Nháp"), "draft"), (_("Đã duyệt"), "approved")])
        self.tag = self._combo(_("Thẻ"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Tìm trong câu hỏi (không cần dấu)…"))
        self.search.setAccessibleName(_("Tìm câu hỏi"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._timer.start)
        # Two rows, so the workspace fits beside the bank tree on a 1366-px laptop screen.
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        combos = (self.program, self.topic, self.type, self.level, self.status, self.tag)
        for index, widget in enumerate(combos):
            layout.addWidget(widget, index // 4, index % 4)
            widget.currentIndexChanged.connect(self._emit)
        self.search.setMinimumWidth(160)
        layout.addWidget(self.search, 1, 2, 1, 2)
        for column in range(4):
            layout.setColumnStretch(column, 1)
        self.program.currentIndexChanged.connect(self._fill_topics)
        self.reload()

    def _combo(self, everything: str, items: Sequence[tuple[str, str]] = ()) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(everything)
        # Long topic titles must not push the search field off the bar.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        combo.addItem(_("{what}: tất cả").format(what=everything), "")
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def reload(self) -> None:
        """Refill programs and topics from the bank (keeping the choices made).

        Tags come with the question list (``set_tags``): collecting them reads
        every question's body (~0.15 s at 50,000 questions), which the
        workspace does on a worker thread for a big bank.
        """
        self._refill(self.program, [(f"{p.code} — {p.title}", p.id) for p in self.bank.programs()])
        self._fill_topics()

    def set_tags(self, tags: Sequence[str]) -> None:
        """The tags offered (keeping the one chosen)."""
        self._refill(self.tag, [(t, t) for t in tags])

    def _fill_topics(self) -> None:
        program_id = self.program.currentData()
        code = next((p.code for p in self.bank.programs() if p.id == program_id), None)
        topics = self.bank.topics(code)
        self._refill(self.topic, [(f"{t.code} — {t.title}", t.id) for t in topics])

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def set_levels(self, levels: Sequence[str]) -> None:
        self._refill(self.level, [(level_label(level), level) for level in levels])

    def clear(self) -> None:
        """Every filter back to "tất cả" (one ``changed`` signal, not one per field)."""
        self.blockSignals(True)
        for combo in (self.program, self.topic, self.type, self.level, self.status, self.tag):
            combo.setCurrentIndex(0)
        self.search.clear()
        self._timer.stop()
        self.blockSignals(False)
        self._emit()

    def current(self) -> QuestionFilter:
        return QuestionFilter(program_id=self.program.currentData() or "", topic_id=self.topic.currentData() or "",
                              type=self.type.currentData() or "", level=self.level.currentData() or "",
                              status=self.status.currentData() or "", tag=self.tag.currentData() or "",
                              text=self.search.text())

    def _emit(self) -> None:
        self.changed.emit(self.current())
