"""The projector view: a big QR code, the short address and the PIN, the counts and the time left;
after "Thu bài", the answers per question and the class's score distribution.

The window owns the running ``QuizServer`` (its own thread): closing the
window, or quitting the app, stops it, so nothing listens afterwards.  The
class's answers live only here: ending with learners' results not saved asks
first (Lưu bảng điểm… / Kết thúc, không lưu / Hủy).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QFont
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.i18n import _, ui_number
from lecturer_app.quiz.server import QuizServer, firewall_hint
from lecturer_app.quiz.session import QuizSession
from lecturer_app.ui.quiz.charts import BarChart
from lecturer_app.ui.quiz.qr import qr_pixmap
from lecturer_app.ui.widgets.done_notice import DoneNotice, file_actions, notify_done, open_path
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


def _big(text: str, size: int, parent: QWidget, bold: bool = False) -> QLabel:
    label = QLabel(text, parent)
    font = QFont(label.font())
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ProjectorWindow(QWidget):
    def __init__(self, session: QuizSession, server: QuizServer, parent: QWidget | None = None,
                 folder: Path | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.session = session
        # Without a folder Qt's dialog starts in the working folder: on Windows, where the app is installed.
        self.folder = folder or Path.home()
        self.server = server
        self.results_shown = False
        self.saved_to: Path | None = None  # the score sheet written last, None while the results are unsaved
        self.notice: DoneNotice | None = None
        self.opener: Callable[[Path], object] = open_path  # tests put their own here
        self.ask_keep: Callable[[QWidget, int], str] = ask_keep_results
        self.ask_collect: Callable[[QWidget, int], bool] = ask_collect_early
        self.choose_path: Callable[[], Path | None] = self._choose_path
        self.setWindowTitle(_("Kiểm tra nhanh") + " — " + session.paper.title)
        self.setStyleSheet("background:#ffffff;color:#111111")
        self._build()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(500)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.title_label = _big(self.session.paper.title, 26, self, bold=True)
        layout.addWidget(self.title_label)
        self.join_panel = self._join_panel()
        layout.addWidget(self.join_panel, 1)
        self.counts_label = _big("", 28, self)
        self.time_label = _big("", 28, self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.time_label)
        self.results_area = QScrollArea(self)
        self.results_area.setWidgetResizable(True)
        self.results_area.hide()
        layout.addWidget(self.results_area, 3)
        layout.addLayout(self._buttons())

    def _join_panel(self) -> QWidget:
        """The big QR code beside the short address, the PIN and how to join."""
        panel = QWidget(self)
        row = QHBoxLayout(panel)
        self.qr_label = QLabel(panel)
        self.qr_label.setPixmap(qr_pixmap(self.server.url, scale=16))
        self.qr_label.setAccessibleName(_("Mã QR để vào bài"))
        row.addWidget(self.qr_label, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        self.url_label = _big(self.server.url.removeprefix("http://").rstrip("/"), 40, panel, bold=True)
        self.pin_label = _big(_("Mã PIN: {pin}").format(pin=self.session.settings.pin), 48, panel, bold=True)
        facts.addWidget(self.url_label)
        facts.addWidget(self.pin_label)
        facts.addWidget(_big(_("Quét mã QR hoặc gõ địa chỉ trên vào trình duyệt của điện thoại (cùng mạng "
                               "Wi-Fi)."), 16, panel))
        facts.addWidget(_big(firewall_hint(), 11, panel))
        facts.addStretch(1)
        row.addLayout(facts, 1)
        return panel

    def _buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.close_button = QPushButton(_("Thu bài"), self)
        self.close_button.clicked.connect(self.collect)
        self.save_button = QPushButton(_("Lưu bảng điểm…"), self)
        self.save_button.clicked.connect(self._save_clicked)
        self.save_button.setEnabled(False)
        self.end_button = QPushButton(_("Kết thúc"), self)
        self.end_button.clicked.connect(self.close)
        for button in (self.close_button, self.save_button, self.end_button):
            font = QFont(button.font())
            font.setPointSize(16)  # pressed from across the room, on a projector
            button.setFont(font)
            buttons.addWidget(button)
        buttons.addStretch(1)
        return buttons

    def collect(self) -> None:
        """Thu bài: it ends the quiz on every phone at once, so with learners still answering it asks first."""
        counts = self.session.counts()
        working = counts.joined - counts.submitted
        if working > 0 and not self.ask_collect(self, working):
            return
        self.session.close()
        self.refresh()

    def refresh(self) -> None:
        counts = self.session.counts()
        self.counts_label.setText(_("Đã vào: {joined}   ·   Đã nộp: {submitted}   ·   Câu đã trả lời: {answers}")
                                  .format(joined=counts.joined, submitted=counts.submitted, answers=counts.answers))
        remaining = self.session.remaining()
        if self.session.closed:
            self.time_label.setText(_("Đã thu bài."))
            if not self.results_shown:
                self.show_results()
        elif remaining is None:
            self.time_label.setText(_("Không giới hạn thời gian — bấm «Thu bài» để kết thúc."))
        else:
            seconds = int(remaining)
            self.time_label.setText(_("Còn lại: {m}:{s:02d}").format(m=seconds // 60, s=seconds % 60))

    def show_results(self) -> None:
        """After closing: one chart per question (right answers in green) and the score distribution."""
        self.results_shown = True
        self.join_panel.hide()
        self.close_button.setEnabled(False)
        self.save_button.setEnabled(True)
        holder = QWidget(self.results_area)
        grid = QGridLayout(holder)
        scores = [s.total for s in self.session.scores()]
        average = ui_number(decimal_comma(round(sum(scores) / len(scores), 2))) if scores else "—"
        grid.addWidget(_big(_("Điểm trung bình: {avg} ({n} học viên)").format(avg=average, n=len(scores)), 20,
                              holder), 0, 0, 1, 3)
        distribution = Counter(min(10, int(score + 1e-9)) for score in scores)
        grid.addWidget(BarChart(_("Phân bố điểm"), [(str(p), distribution.get(p, 0)) for p in range(11)],
                                parent=holder), 1, 0, 1, 3)
        for index, (item, counts) in enumerate(zip(self.session.paper.items, self.session.choice_counts())):
            grid.addWidget(self._question_chart(index, item, counts, holder), 2 + index // 3, index % 3)
        self.results_area.setWidget(holder)
        self.results_area.show()

    @staticmethod
    def _question_chart(index: int, item, counts: dict[str, int], parent: QWidget) -> BarChart:
        if item.type in ("single_choice", "multiple_choice"):
            labels = list(LETTERS[:len(item.options)])
        else:
            labels = sorted(k for k in counts if k != _("Bỏ trống"))
        bars = [(label, counts.get(label, 0)) for label in labels] + [(_("Trống"), counts.get(_("Bỏ trống"), 0))]
        right = set(item.key) if item.type in ("single_choice", "multiple_choice") else {item.key}
        return BarChart(_("Câu {n}").format(n=index + 1), bars, right, parent)

    def save_results(self, path: Path) -> Path:
        """The score sheet XLSX (Vietnamese name order, item analysis), as ``exam grade`` writes it, and beside
        it the folder (exam.json, bai_lam.xlsx) that *Chấm điểm* opens to add essay or oral scores."""
        from lecturer_app.exporters.exam.responses_xlsx import write_quiz_results
        from lecturer_app.quiz.paper import manifest_body_of

        paper = self.session.paper
        self.saved_to = write_quiz_results(self.session.scores(), paper.manifest, manifest_body_of(paper), path)[0]
        return self.saved_to

    def _choose_path(self) -> Path | None:
        name, _filter = QFileDialog.getSaveFileName(self, _("Lưu bảng điểm"), str(self.folder / "kiem_tra_nhanh.xlsx"),
                                                    _("Bảng tính Excel (*.xlsx)"))
        return Path(name) if name else None

    def _save_clicked(self) -> bool:
        """Ask where, write, and say where it went; False when nothing was written."""
        path = self.choose_path()
        return path is not None and self.write_results(path)

    def write_results(self, path: Path) -> bool:
        with errors_shown(self, _("Lưu bảng điểm")):
            written = self.save_results(path)
            self.notice = notify_done(self, _("Lưu bảng điểm xong"), _("Đã lưu bảng điểm: {path}").format(
                path=written), file_actions(written, self.opener))
            return True
        return False

    def _may_end(self) -> bool:
        """True when ending loses nothing: nobody joined, the results are saved, or the lecturer said so."""
        joined = self.session.counts().joined
        if joined == 0 or self.saved_to is not None:
            return True
        answer = self.ask_keep(self, joined)
        if answer == "save":
            self.session.close()  # Thu bài first: the sheet holds the answers as they stand now
            return self._save_clicked()
        return answer == "discard"

    def stop(self) -> None:
        """Stop taking answers and stop the server (idempotent)."""
        self.timer.stop()
        self.session.close()
        self.server.stop()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self._may_end():
            event.ignore()
            return
        self.stop()
        super().closeEvent(event)


def ask_keep_results(parent: QWidget, joined: int) -> str:
    """Ask before the class's results go with the window; "save", "discard" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Lưu bảng điểm?"),
                      _("{n} học viên đã vào bài và kết quả chưa được lưu. Khi kết thúc, kết quả này mất hẳn.\n\n"
                        "Lưu bảng điểm trước khi kết thúc?").format(n=joined),
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                      | QMessageBox.StandardButton.Cancel, parent)
    translate_buttons(box)
    box.button(QMessageBox.StandardButton.Save).setText(_("Lưu bảng điểm…"))
    box.button(QMessageBox.StandardButton.Discard).setText(_("Kết thúc, không lưu"))
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answers = {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}
    return answers.get(QMessageBox.StandardButton(box.exec()), "cancel")



def ask_collect_early(parent: QWidget, working: int) -> bool:
    """True when the lecturer confirms «Thu bài» while *working* learners have not submitted yet."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Thu bài?"),
                      _("Còn {n} học viên chưa nộp bài. Thu bài bây giờ thì họ không chọn thêm được nữa; "
                        "các câu họ đã chọn vẫn được chấm.").format(n=working),
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)
    translate_buttons(box)
    box.button(QMessageBox.StandardButton.Ok).setText(_("Thu bài"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Ok
