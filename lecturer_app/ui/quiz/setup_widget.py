"""The "Kiểm tra nhanh" tab: choose the questions and the settings, then start the quiz on the projector.

Three sources, as the issue asks: a topic's questions (N drawn), a question
filter (every matching objective question, or N of them), or one version of
a built exam.  The network address is picked from the laptop's own
addresses when it has several.
"""

from __future__ import annotations

import secrets
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
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.normalize import fold
from lecturer_app.i18n import _, pgettext
from lecturer_app.quiz.network import LOOPBACK, lan_addresses
from lecturer_app.quiz.paper import QUIZ_TITLE, QUIZ_TYPES, QuizPaper
from lecturer_app.quiz.session import new_pin
from lecturer_app.ui.quiz.projector import ProjectorWindow
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.topic_codes_field import TopicCodesField

SOURCE_TOPICS, SOURCE_FILTER, SOURCE_EXAM = "topics", "filter", "exam"
DEFAULT_PORT = 8088


class QuizSetupWidget(QWidget):
    def __init__(self, store: Store, topic_codes: str = "", parent: QWidget | None = None,
                 results_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.results_folder = results_folder or Path.home()  # where «Lưu bảng điểm…» proposes to write
        self.projector: ProjectorWindow | None = None
        panel = QWidget(self)
        panel.setMinimumWidth(560)
        panel.setMaximumWidth(760)
        outer = QHBoxLayout(self)
        outer.addWidget(panel, 0, Qt.AlignmentFlag.AlignTop)
        outer.addStretch(1)
        self.form = QFormLayout(panel)
        self._source_fields(topic_codes)
        self._quiz_fields()
        self.start_button = QPushButton(_("Bắt đầu kiểm tra"), self)
        self.start_button.clicked.connect(self._start_clicked)
        self.form.addRow("", self.start_button)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.form.addRow(self.status_label)
        self._source_changed()

    def _row(self, label: str, widget: QWidget) -> None:
        widget.setAccessibleName(label)
        self.form.addRow(label, widget)

    def _source_fields(self, topic_codes: str) -> None:
        self.source_combo = QComboBox(self)
        self.source_combo.addItem(_("Câu hỏi của chuyên đề"), SOURCE_TOPICS)
        self.source_combo.addItem(_("Lọc câu hỏi"), SOURCE_FILTER)
        self.source_combo.addItem(_("Một mã đề của đề đã tạo"), SOURCE_EXAM)
        self.source_combo.currentIndexChanged.connect(self._source_changed)
        self._row(_("Lấy câu hỏi từ"), self.source_combo)
        self.topics_edit = TopicCodesField(self.store, topic_codes, self, question_types=QUIZ_TYPES)
        self._row(pgettext("topic codes", "Chuyên đề"), self.topics_edit)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(_("Từ có trong câu hỏi (để trống: mọi câu)"))
        self._row(_("Lọc theo nội dung"), self.filter_edit)
        self.count_spin = QSpinBox(self)
        self.count_spin.setRange(1, 100)
        self.count_spin.setValue(10)
        self._row(_("Số câu"), self.count_spin)
        self.exam_edit = QLineEdit(self)
        self.exam_edit.setPlaceholderText(_("Thư mục đề đã tạo (có tệp exam.json)"))
        self.exam_edit.editingFinished.connect(self._load_versions)
        self.exam_browse = browse = QPushButton(_("Chọn…"), self)
        browse.setAccessibleName(_("Chọn thư mục đề đã tạo"))
        browse.clicked.connect(self._choose_exam)
        exam_row = QHBoxLayout()
        exam_row.addWidget(self.exam_edit, 1)
        exam_row.addWidget(browse)
        self.form.addRow(_("Đề đã tạo"), exam_row)
        self.version_combo = QComboBox(self)
        self._row(_("Mã đề"), self.version_combo)

    def _quiz_fields(self) -> None:
        self.minutes_spin = QSpinBox(self)
        self.minutes_spin.setRange(0, 240)
        self.minutes_spin.setValue(15)
        self.minutes_spin.setSpecialValueText(_("Không giới hạn"))
        self._row(_("Thời gian (phút)"), self.minutes_spin)
        self.address_combo = QComboBox(self)
        for address in lan_addresses():
            self.address_combo.addItem(address, address)
        # Last: this laptop only, to try the quiz in its own browser before class.
        self.address_combo.addItem(_("{address} (chỉ máy này)").format(address=LOOPBACK), LOOPBACK)
        self._row(_("Địa chỉ mạng"), self.address_combo)
        self.port_spin = QSpinBox(self)
        self.port_spin.setRange(0, 65535)
        self.port_spin.setValue(DEFAULT_PORT)
        self._row(_("Cổng"), self.port_spin)
        self.pin_edit = QLineEdit(new_pin(), self)
        self.pin_edit.setMaxLength(8)
        self._row(_("Mã PIN"), self.pin_edit)
        self.one_check = QCheckBox(_("Mỗi màn hình một câu"), self)
        self.one_check.setChecked(True)
        self.answers_check = QCheckBox(_("Sau khi thu bài, cho học viên xem đáp án"), self)
        self.drafts_check = QCheckBox(_("Dùng cả câu hỏi nháp (chưa duyệt)"), self)
        for check in (self.one_check, self.answers_check, self.drafts_check):
            check.setAccessibleName(check.text())
            self.form.addRow("", check)

    def _source_changed(self) -> None:
        source = self.source_combo.currentData()
        self.topics_edit.setEnabled(source != SOURCE_EXAM)
        self.filter_edit.setEnabled(source == SOURCE_FILTER)
        self.count_spin.setEnabled(source != SOURCE_EXAM)
        self.exam_edit.setEnabled(source == SOURCE_EXAM)
        self.version_combo.setEnabled(source == SOURCE_EXAM)

    def _choose_exam(self) -> None:
        exams = self.results_folder / "de_thi"  # where «Ma trận và tạo đề» writes by default
        start = exams if exams.is_dir() else self.results_folder
        folder = QFileDialog.getExistingDirectory(self, _("Chọn thư mục đề đã tạo"), str(start))
        if folder:
            self.exam_edit.setText(folder)
            self._load_versions()

    def _load_versions(self) -> None:
        from lecturer_app.exam.manifest import read_manifest

        self.version_combo.clear()
        if not self.exam_edit.text().strip():
            return
        with errors_shown(self, _("Đọc đề đã tạo")):
            for code in read_manifest(Path(self.exam_edit.text().strip())).versions:
                self.version_combo.addItem(code, code)

    # --- the paper and the start ---------------------------------------------------------
    def make_paper(self) -> tuple[QuizPaper, list[str]]:
        from lecturer_app.exam.blueprint import quick_blueprint
        from lecturer_app.exam.manifest import read_manifest
        from lecturer_app.exam.pool import load_pool
        from lecturer_app.quiz.paper import draw_quiz, paper_from_manifest, paper_from_questions

        source = self.source_combo.currentData()
        if source == SOURCE_EXAM:
            if not self.version_combo.currentData():
                raise UserFacingError(_("Hãy chọn thư mục đề đã tạo và một mã đề."))
            return paper_from_manifest(read_manifest(Path(self.exam_edit.text().strip())),
                                       self.version_combo.currentData())
        codes = self.topics_edit.codes()  # «ntd-01» typed is NTD-01; a code of no topic is named
        if source == SOURCE_TOPICS and not codes:
            raise UserFacingError(_("Hãy nhập mã chuyên đề."))
        pool = load_pool(self.store, codes or None, include_drafts=self.drafts_check.isChecked())
        title = QUIZ_TITLE + (": " + ", ".join(codes) if codes else "")
        if source == SOURCE_TOPICS:
            return draw_quiz(quick_blueprint(pool, codes, self.count_spin.value()), pool, title)
        wanted = fold(self.filter_edit.text().strip())
        found = sorted((q for q in pool.questions() if q.type in QUIZ_TYPES and wanted in fold(q.stem)),
                       key=lambda q: q.id)
        if len(found) > self.count_spin.value():
            found = secrets.SystemRandom().sample(found, self.count_spin.value())
        return paper_from_questions(found, title)

    def _pin(self) -> str:
        pin = self.pin_edit.text().strip()
        if not (pin.isdigit() and 4 <= len(pin) <= 8):
            raise UserFacingError(_("Mã PIN phải gồm 4 đến 8 chữ số (đã cho '{pin}').").format(pin=pin))
        return pin

    def start(self, *, full_screen: bool = True):
        """Start the server on the chosen address and open the projector view; returns it (None on error)."""
        from lecturer_app.quiz.server import QuizServer
        from lecturer_app.quiz.session import QuizSession, QuizSettings
        if self.projector is not None and self.projector.isVisible():
            self.projector.raise_()
            return self.projector
        with errors_shown(self, _("Bắt đầu kiểm tra")):
            paper, warnings = self.make_paper()
            minutes = self.minutes_spin.value() or None
            settings = QuizSettings(minutes, self._pin(), self.one_check.isChecked(),
                                    self.answers_check.isChecked(), secrets.token_hex(4))
            session = QuizSession(paper, settings)
            server = QuizServer(session, self.address_combo.currentData(), self.port_spin.value()).start()
            projector = self.projector = ProjectorWindow(session, server, folder=self.results_folder)
            projector.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            projector.destroyed.connect(lambda *_args: setattr(self, "projector", None))
            projector.showFullScreen() if full_screen else projector.show()
            self.status_label.setText("\n".join([_("Đang mở bài tại {url}").format(url=server.url), *warnings]))
            return projector
        return None

    def _start_clicked(self) -> None:
        self.start()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if self.projector is not None:
            self.projector.close()
        super().closeEvent(event)
