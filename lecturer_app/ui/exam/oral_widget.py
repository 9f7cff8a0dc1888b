"""The vấn đáp screen: choose topics, number of cards and their mix; write the cards and the guide."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from lecturer_app.core.errors import UserFacingError
from lecturer_app.core.model import Organization
from lecturer_app.core.store.record_store import Store
from lecturer_app.exam.oral import PRACTICE, THEORY, draw_oral_cards, kind_of
from lecturer_app.exam.pool import load_pool
from lecturer_app.exporters.exam.oral_pdf import write_answer_guide, write_oral_cards
from lecturer_app.i18n import _, ngettext, pgettext
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.topic_codes_field import TopicCodesField


class OralCardsWidget(QWidget):
    """A form that writes ``<file>.pdf`` (cards) and ``<file>_huong_dan.pdf`` (examiners' guide)."""

    def __init__(self, store: Store, output: Path, *, organization: Organization | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.organization = organization
        # A form of short fields reads badly stretched over a wide screen: keep it to a column on the left.
        panel = QWidget(self)
        panel.setMinimumWidth(560)
        panel.setMaximumWidth(760)
        outer = QHBoxLayout(self)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignTop)
        outer.addStretch(1)
        form = QFormLayout(panel)
        self.topics_edit = TopicCodesField(store, parent=self, question_types=("oral",))  # the cards draw oral ones
        self.cards_spin = QSpinBox(self)
        self.cards_spin.setRange(1, 500)
        self.cards_spin.setValue(20)
        self.per_page_combo = QComboBox(self)
        self.per_page_combo.addItem(_("2 phiếu một trang"), 2)
        self.per_page_combo.addItem(_("4 phiếu một trang"), 4)
        # The mix of a card as two counts, not typed as "lý thuyết=1, liên hệ=1".
        self.theory_spin = QSpinBox(self)
        self.theory_spin.setRange(0, 5)
        self.theory_spin.setValue(1)
        self.practice_spin = QSpinBox(self)
        self.practice_spin.setRange(0, 5)
        self.practice_spin.setValue(1)
        self.available_label = QLabel(self)
        self.available_label.setWordWrap(True)
        self.seed_spin = QSpinBox(self)
        self.seed_spin.setRange(0, 999_999)
        self.seed_spin.setToolTip(_("Cùng mã này và cùng ngân hàng câu hỏi thì tạo lại đúng bộ phiếu cũ."))
        self.subtitle_edit = QLineEdit(self)
        self.output_edit = QLineEdit(str(output), self)
        self.drafts_check = QCheckBox(_("Dùng cả câu hỏi nháp (chưa duyệt)"), self)
        for label, widget in ((pgettext("topic codes", "Chuyên đề"), self.topics_edit),
                              (_("Số phiếu"), self.cards_spin),
                              (_("Bố cục"), self.per_page_combo), (_("Câu lý thuyết mỗi phiếu"), self.theory_spin),
                              (_("Câu liên hệ thực tiễn mỗi phiếu"), self.practice_spin),
                              ("", self.available_label),
                              (_("Mã ngẫu nhiên (để tạo lại đúng bộ phiếu)"), self.seed_spin),
                              (_("Dòng phụ"), self.subtitle_edit)):
            form.addRow(label, widget)
            if label:
                widget.setAccessibleName(label)
        self._zeroed: set[QSpinBox] = set()
        self.topics_edit.line.textChanged.connect(lambda _text: self.count_available())
        self.drafts_check.toggled.connect(lambda _on: self.count_available())
        self.output_edit.setAccessibleName(_("Tệp PDF"))
        browse = QPushButton(_("Chọn…"), self)
        browse.clicked.connect(self._choose_output)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output_edit, 1)
        output_row.addWidget(browse)
        form.addRow(_("Tệp PDF"), output_row)
        self.drafts_check.setAccessibleName(self.drafts_check.text())
        form.addRow("", self.drafts_check)
        self.make_button = QPushButton(_("Tạo phiếu"), self)
        self.make_button.clicked.connect(self._make_clicked)
        form.addRow("", self.make_button)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(_("Kết quả"))
        form.addRow(self.result_label)

    def mix(self) -> tuple[tuple[str, int], ...]:
        """The questions of one card by kind, as the two counts say."""
        mix = tuple((kind, spin.value()) for kind, spin in ((THEORY, self.theory_spin), (PRACTICE, self.practice_spin))
                    if spin.value() > 0)
        if not mix:
            raise UserFacingError(_("Mỗi phiếu cần ít nhất một câu hỏi: tăng số câu lý thuyết hoặc liên hệ."))
        return mix

    def count_available(self) -> tuple[int, int]:
        """Count the oral questions of the chosen topics by kind; a kind with none is set to 0 per card.

        A code the bank does not have is named in the line instead, while the lecturer types.
        """
        try:
            codes = self.topics_edit.codes()
        except UserFacingError as exc:
            self.available_label.setText(str(exc))
            return 0, 0
        drafts = self.drafts_check.isChecked()
        oral = {q.id: q for q in (load_pool(self.store, codes, include_drafts=drafts).questions() if codes else ())
                if q.type == "oral"}
        theory = sum(kind_of(q) == THEORY for q in oral.values())
        practice = len(oral) - theory
        # With the default 1 + 1, topics that have only one kind would fail: ask only for what exists.
        for spin, have in ((self.theory_spin, theory), (self.practice_spin, practice)):
            if not have and spin.value():
                spin.setValue(0)
                self._zeroed.add(spin)
            elif have and spin in self._zeroed:  # put back what this screen took away, not the user's own 0
                spin.setValue(1)
                self._zeroed.discard(spin)
        self.available_label.setText(_("Các chuyên đề đã chọn có {theory} câu lý thuyết, {practice} câu liên hệ "
                                       "thực tiễn (đánh dấu trong ô Loại vấn đáp của câu hỏi).").format(
                                           theory=theory, practice=practice) if codes else "")
        return theory, practice

    def _choose_output(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Lưu phiếu vấn đáp"), self.output_edit.text(),
                                                    "PDF (*.pdf)")
        if name:
            self.output_edit.setText(name if name.lower().endswith(".pdf") else name + ".pdf")

    def _make_clicked(self) -> None:
        with errors_shown(self, _("Tạo phiếu vấn đáp")):
            self.generate()

    def generate(self) -> list[Path]:
        """Write the cards and the guide; the result line lists the files and any warning."""
        codes = self.topics_edit.codes()
        questions = load_pool(self.store, codes, include_drafts=self.drafts_check.isChecked()).questions()
        oral_set = draw_oral_cards(questions, self.cards_spin.value(), self.seed_spin.value(), self.mix())
        target = Path(self.output_edit.text())
        cards = write_oral_cards(oral_set.cards, target, per_page=self.per_page_combo.currentData(),
                                 subtitle=self.subtitle_edit.text(), organization=self.organization)
        guide = write_answer_guide(oral_set.cards, target.with_name(target.stem + "_huong_dan.pdf"),
                                   subtitle=self.subtitle_edit.text(), organization=self.organization)
        lines = [ngettext("Đã tạo {n} phiếu vấn đáp: {cards}; hướng dẫn chấm: {guide}", len(oral_set.cards)).format(
            n=len(oral_set.cards), cards=cards, guide=guide), *oral_set.warnings]
        self.result_label.setText("\n".join(lines))
        return [cards, guide]
