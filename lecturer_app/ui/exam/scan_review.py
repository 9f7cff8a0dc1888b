"""The review of scanned answer sheets before grading (issue #18).

Left: every page read, coloured by what it needs (orange: a doubt, red: not
read).  Middle: the page as the reader straightened it (every page of a sheet of
several pages, one under the other), with the read marks ringed; a click on
a bubble toggles that mark in the question's answer.  Right: SBD, mã đề
and name, and one row per question whose A–D cells are ticked where a mark
was read: a click on a cell corrects the answer.
"Chấm điểm" stays disabled until every doubt is corrected or explicitly
accepted and every unread page is set aside; the answers then go to the
grading screen as an answer file would.  Reading runs through
``ui/operations.py`` (progress, Hủy).

The officer's decisions (corrections, doubts settled, pages set aside) live
in memory until «Lưu bài làm đã đọc…» writes them as the answer template the
grading screen opens (an unsettled doubt as "?" and a line of «Ghi chú», which
grading notes on the learner's score: exam/scan_notes.py); closing the tab or the app,
or reading other sheets, with decisions not saved asks Lưu / Không lưu / Hủy,
as the grading screen does for the marks typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QMouseEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.exam.grading import RejectedRow, Response
from lecturer_app.exam.keying import LETTERS
from lecturer_app.exam.manifest import ExamManifest, read_manifest
from lecturer_app.exam.scan import BadPage, SheetRead, accept_all, check_sheets, correct_answer, correct_field
from lecturer_app.formats import answer_sheet_layout as L
from lecturer_app.i18n import N_, SCREEN, Message, _, pgettext
from lecturer_app.importers.exam_answers import AnswerFile
from lecturer_app.ui.widgets.done_notice import DoneNotice, file_actions, notify_done, open_path
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.readable_column import ReadableColumn
from lecturer_app.ui.widgets.save_prompt import ask, confirm_unsaved

DOUBT, BAD, OK = QColor("#ffd8a8"), QColor("#ffb3b3"), QColor("#ffffff")
NOTES_MINIMUM = 90  # pixels of the answers' «Ghi chú»: a dozen letters a line (the pane has some 260 at 1280×720)
PAGE_GAP = 12  # pixels of gray between the pages of a sheet of several pages


@dataclass(frozen=True)
class PagePlace:
    """Where one sheet page sits in the shown image: its top (pixels) and its scale (pixels per millimetre)."""

    sheet_page: int
    top: int
    scale: float


class SheetImage(QLabel):
    """The sheet picture; a left click reports the point in the picture's own pixels."""

    clicked = Signal(QPointF)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        pixmap = self.pixmap()
        if event.button() != Qt.MouseButton.LeftButton or pixmap.isNull():
            super().mousePressEvent(event)
            return
        left = (self.width() - pixmap.width()) / 2  # the picture is centred horizontally, at the top
        self.clicked.emit(QPointF(event.position().x() - left, event.position().y()))


class ScanReviewWidget(QWidget):
    """Attributes: sheets, bad (pages not read), set_aside (indexes of bad pages the officer let go)."""

    def __init__(self, run_operation: Callable | None = None, on_grade: Callable | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run_operation, self.on_grade = run_operation, on_grade
        self.manifest: ExamManifest | None = None
        self.exam_dir: Path | None = None
        self.sheets: list[SheetRead] = []
        self.bad: list[BadPage] = []
        self.set_aside: set[int] = set()
        self._filling = False
        self._places: list[PagePlace] = []
        self._shown_scale = 1.0  # shown pixels per pixel of the annotated picture
        # Decisions made since the sheets were read or saved: closing, or reading other sheets, asks first.
        self.decisions_unsaved = False
        self.ask_save_decisions: Callable[[QWidget], str] = ask_save_decisions  # tests answer in its place
        self.notice: DoneNotice | None = None  # the "Lưu xong" box of the last save
        self.opener: Callable[[Path], object] = open_path  # tests put their own here
        layout = QVBoxLayout(self)
        layout.addLayout(self._buttons())
        # The save sits beside the summary (it is about every sheet): a sixth button in the row above made the
        # window wider than a 1280-pixel screen in English.
        summary_row = QHBoxLayout()
        self.summary = QLabel(_("Chưa đọc phiếu nào."), self)
        self.summary.setAccessibleName(_("Tóm tắt kết quả đọc phiếu"))
        self.summary.setWordWrap(True)
        summary_row.addWidget(self.summary, 1)
        self.save_button = self._button(summary_row, _("Lưu bài làm đã đọc…"), self._ask_save)
        self.save_button.setToolTip(_("Ghi bài làm đã đọc, với các chỗ đã sửa, vào tệp Excel; mở tệp này ở «Chấm "
                                      "điểm» (Mở đề và bài làm…). Chỗ nghi ngờ chưa xử lý được ghi «?» và nêu ở "
                                      "cột «Ghi chú»: khi chấm, học viên đó được đánh dấu cần xem lại."))
        self.save_button.setEnabled(False)
        layout.addLayout(summary_row)
        layout.addLayout(self._sheet_buttons())
        layout.addWidget(self._panes(), 1)

    def _buttons(self) -> QHBoxLayout:
        """What acts on every sheet: read them, grade them (the sheet in view has its own row, below)."""
        row = QHBoxLayout()
        self.read_button = self._button(row, _("Đọc phiếu quét…"), self._ask_scan)
        self.grade_button = self._button(row, pgettext("button", "Chấm điểm"), self._grade)
        row.addStretch(1)
        return row

    def _sheet_buttons(self) -> QHBoxLayout:
        """What acts on the sheet in view, above it.  In one row with «Đọc phiếu quét…» and «Chấm điểm» the five
        buttons made the tab wider than a 1280-pixel screen leaves it in English: the topic tree beside it was
        squeezed to 340 pixels, its titles on five lines."""
        row = QHBoxLayout()
        self.keep_button = self._button(row, _("Giữ cách đọc của câu đang chọn"), self._keep_questions)
        self.accept_button = self._button(row, _("Chấp nhận cách đọc của phiếu này"), self._accept_current)
        self.export_button = self._button(row, _("Xuất PDF phúc khảo…"), self._ask_export)
        row.addStretch(1)
        return row

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    def _panes(self) -> QSplitter:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.pages = QListWidget(self)
        self.pages.setAccessibleName(_("Các trang đã đọc"))
        # Each entry wraps in the column ("SBD … · mã đề … · 1 chỗ cần xem" was cut at the pane's edge, behind a
        # sideways scroll bar), and wraps again when the pane is resized.
        self.pages.setWordWrap(True)
        self.pages.setResizeMode(QListView.ResizeMode.Adjust)
        self.pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.currentRowChanged.connect(self._show_page)
        self.image = SheetImage(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.image.setAccessibleName(_("Ảnh phiếu"))
        self.image.setToolTip(_("Bấm vào một ô tròn để thêm hoặc bỏ ô đó trong câu trả lời"))
        self.image.clicked.connect(self._image_clicked)
        self.image_area = QScrollArea(self)
        self.image_area.setWidget(self.image)
        self.image_area.setWidgetResizable(True)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.image_area)
        splitter.addWidget(self._values())
        splitter.setSizes([260, 560, 520])
        return splitter

    def _values(self) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        form = QFormLayout()
        self.sbd_edit, self.code_edit, self.name_edit = QLineEdit(box), QLineEdit(box), QLineEdit(box)
        for label, edit, which in ((_("Số báo danh"), self.sbd_edit, "sbd"), (_("Mã đề"), self.code_edit, "code"),
                                   (_("Họ và tên"), self.name_edit, "name")):
            edit.setAccessibleName(label)
            edit.editingFinished.connect(lambda which=which, edit=edit: self._field_edited(which, edit.text()))
            form.addRow(label, edit)
        layout.addLayout(form)
        self.notes = QLabel(box)
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.table = QTableWidget(box)
        self.table.setAccessibleName(_("Bài làm đọc được"))
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._cell_changed)
        # «Ghi chú» takes the room the boxes leave and wraps, whole in its tooltip: sized to its longest note it
        # ran past the pane's edge, behind a sideways scroll bar.
        self.notes_column = ReadableColumn(self.table, -1, NOTES_MINIMUM)
        self.table.setWordWrap(True)
        # A sheet has some fifty questions at most: its rows are measured again as the notes' width changes.
        self.table.horizontalHeader().sectionResized.connect(self._notes_resized)
        layout.addWidget(self.table, 1)
        return box

    def _notes_resized(self, section: int, _old: int, _new: int) -> None:
        if section == self.table.columnCount() - 1:
            self.table.resizeRowsToContents()

    # Reading ------------------------------------------------------------------

    def scan(self, exam_dir: Path, sheets: Path | list[Path]) -> None:
        """Read *sheets* (a file, a folder, or several files) for the exam in *exam_dir*: through
        run_operation when given, else here and now."""
        from lecturer_app.importers.omr.reader import scan_sheets

        manifest = read_manifest(exam_dir)

        def work(report=None):
            # Reported while the PDFs' pages are counted too (total 0), so that Hủy is heard then as well.
            progress = (lambda done, total: report(done, total, _("Đang đọc trang {n}/{total}").format(
                n=min(done + 1, total), total=total) if total else _("Đang đếm các trang…"))) if report else None
            return scan_sheets(sheets, manifest, progress=progress, previews=True)

        def done(result) -> None:
            self.show_result(exam_dir, manifest, result.sheets, result.bad)

        if self.run_operation is None:
            done(work())
        else:
            self.run_operation(_("Đọc phiếu trả lời"), work, done)

    def show_result(self, exam_dir: Path, manifest: ExamManifest, sheets: list[SheetRead],
                    bad: list[BadPage]) -> None:
        self.exam_dir, self.manifest = exam_dir, manifest
        self.sheets, self.bad, self.set_aside = sheets, bad, set()
        self.decisions_unsaved = False
        self._fill_list()
        self.pages.setCurrentRow(0 if self.pages.count() else -1)

    def _entries(self) -> list[SheetRead | BadPage]:
        return sorted([*self.sheets, *self.bad], key=lambda entry: entry.page)

    def _fill_list(self) -> None:
        current = self.pages.currentRow()
        self.pages.blockSignals(True)
        self.pages.clear()
        for entry in self._entries():
            item = QListWidgetItem(self._entry_text(entry))
            item.setBackground(QBrush(self._entry_colour(entry)))
            self.pages.addItem(item)
        self.pages.setCurrentRow(current)
        self.pages.blockSignals(False)
        self._update_summary()

    def _entry_text(self, entry: SheetRead | BadPage) -> str:
        if isinstance(entry, BadPage):
            state = _("đã bỏ qua") if entry.page in self.set_aside else _("không đọc được")
            return f"{entry.source(SCREEN)}\n{state}"
        doubts = len(entry.open_doubts)
        state = _("{n} chỗ cần xem").format(n=doubts) if doubts else _("đã đọc xong")
        return f"{entry.source(SCREEN)}\n" + _("SBD {sbd} · mã đề {code} · {state}").format(
            sbd=entry.sbd, code=entry.code, state=state)

    def _entry_colour(self, entry: SheetRead | BadPage) -> QColor:
        if isinstance(entry, BadPage):
            return OK if entry.page in self.set_aside else BAD
        return DOUBT if entry.open_doubts else OK

    def open_issues(self) -> int:
        """Doubts not settled plus unread pages not set aside: grading waits until this is 0."""
        return sum(len(s.open_doubts) for s in self.sheets) + len({b.page for b in self.bad} - self.set_aside)

    def _update_summary(self) -> None:
        issues = self.open_issues()
        text = _("{n} phiếu đã đọc, {bad} trang không đọc được.").format(n=len(self.sheets), bad=len(self.bad))
        if issues:
            text += " " + _("Còn {n} chỗ phải xem lại (màu cam, đỏ) trước khi chấm điểm.").format(n=issues)
        self.summary.setText(text)
        self.grade_button.setEnabled(bool(self.sheets) and issues == 0)
        self.save_button.setEnabled(bool(self.sheets))
        self.grade_button.setToolTip("" if issues == 0 else _("Xử lý hoặc chấp nhận mọi chỗ nghi ngờ trước."))

    # One page -----------------------------------------------------------------

    def current(self) -> SheetRead | BadPage | None:
        entries = self._entries()
        row = self.pages.currentRow()
        return entries[row] if 0 <= row < len(entries) else None

    def _show_page(self, _row: int) -> None:
        entry = self.current()
        self._filling = True
        is_sheet = isinstance(entry, SheetRead)
        for edit, value in ((self.sbd_edit, "sbd"), (self.code_edit, "code"), (self.name_edit, "name")):
            edit.setText(getattr(entry, value) if is_sheet else "")
            edit.setEnabled(is_sheet)
        self.export_button.setEnabled(is_sheet)
        self.keep_button.setEnabled(is_sheet)
        self.accept_button.setText(_("Chấp nhận cách đọc của phiếu này") if is_sheet else _("Bỏ qua trang này"))
        if isinstance(entry, SheetRead):
            self._show_sheet(entry)
        else:
            self.table.setRowCount(0)
            self._places = []
            self._set_image(QPixmap.fromImage(QImage.fromData(entry.image)) if entry and entry.image else QPixmap())
            self.notes.setText(_("Không đọc được: {reason}").format(reason=entry.reason(SCREEN)) if entry else "")
        self._filling = False

    def _show_sheet(self, sheet: SheetRead) -> None:
        lines = [(_("Câu {n}: ").format(n=d.question) if d.question else "") + d.reason(SCREEN)
                 for d in sheet.open_doubts]
        notes = [note(SCREEN) for note in sheet.notes]
        self.notes.setText("\n".join(notes + lines) or _("Không có chỗ nào cần xem lại."))
        letters = max((len(q.marks) for q in sheet.questions), default=4)
        self.table.setColumnCount(letters + 2)
        self.table.setHorizontalHeaderLabels([_("Câu"), *LETTERS[:letters], _("Ghi chú")])
        self.table.setRowCount(len(sheet.questions))
        open_questions = {n: d.reason(SCREEN) for d in sheet.open_doubts if d.span[0]  # a missing page's questions
                          for n in range(d.span[0], d.span[1] + 1)}
        open_questions.update({d.question: d.reason(SCREEN) for d in sheet.open_doubts if d.field == "answer"})
        for row, question in enumerate(sheet.questions):
            self._fill_row(row, question.answer, letters, open_questions.get(row + 1, ""))
        self.table.resizeColumnsToContents()
        self.notes_column.set_column(letters + 1)
        self.table.resizeRowsToContents()
        image, self._places = annotated_image(sheet)
        self._set_image(QPixmap.fromImage(image))

    def _set_image(self, pixmap: QPixmap) -> None:
        width = self.image_area.viewport().width() - 4
        self._shown_scale = 1.0
        if not pixmap.isNull() and 0 < width < pixmap.width():  # the whole width of the sheet in view
            self._shown_scale = width / pixmap.width()
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.image.setPixmap(pixmap)

    def _image_clicked(self, point: QPointF) -> None:
        """A click on a bubble toggles that letter in its question's answer (and settles the question)."""
        sheet = self.current()
        x, y = point.x() / self._shown_scale, point.y() / self._shown_scale
        place = next((p for p in reversed(self._places) if y >= p.top), None)
        if not isinstance(sheet, SheetRead) or place is None:
            return
        letters = max((len(q.marks) for q in sheet.questions), default=4)
        hit = L.bubble_at(x / place.scale, (y - place.top) / place.scale, place.sheet_page, len(sheet.questions),
                          letters)
        if hit is None:
            return
        number, index = hit
        answer, letter = sheet.questions[number - 1].answer, LETTERS[index]
        correct_answer(sheet, number, answer.replace(letter, "") if letter in answer else answer + letter)
        self._refresh_current()
        self.table.selectRow(number - 1)

    def _fill_row(self, row: int, answer: str, letters: int, doubt: str) -> None:
        colour = DOUBT if doubt else OK
        number = QTableWidgetItem(str(row + 1))
        number.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        cells = [number]
        for index in range(letters):
            cell = QTableWidgetItem()
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable)
            cell.setCheckState(Qt.CheckState.Checked if LETTERS[index] in answer else Qt.CheckState.Unchecked)
            cells.append(cell)
        note = QTableWidgetItem(doubt)
        note.setToolTip(doubt)
        note.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        cells.append(note)
        for column, cell in enumerate(cells):
            cell.setBackground(QBrush(colour))
            self.table.setItem(row, column, cell)

    def _cell_changed(self, item: QTableWidgetItem) -> None:
        sheet = self.current()
        if self._filling or not isinstance(sheet, SheetRead) or not 1 <= item.column() <= len(LETTERS):
            return
        row = item.row()
        letters = "".join(LETTERS[c - 1] for c in range(1, self.table.columnCount() - 1)
                          if (cell := self.table.item(row, c)) is not None
                          and cell.checkState() == Qt.CheckState.Checked)
        correct_answer(sheet, row + 1, letters)
        self._refresh_current()

    def _field_edited(self, which: str, value: str) -> None:
        sheet = self.current()
        if self._filling or not isinstance(sheet, SheetRead) or getattr(sheet, which) == value.strip():
            return
        correct_field(sheet, which, value)
        if self.manifest is not None and which in ("sbd", "code"):
            check_sheets(self.sheets, self.manifest)  # a corrected SBD may end (or make) a duplicate
        self._refresh_current()

    def _keep_questions(self) -> None:
        """The selected questions keep what was read (ticked cells): their doubts are settled."""
        sheet = self.current()
        if not isinstance(sheet, SheetRead):
            return
        for row in sorted({index.row() for index in self.table.selectedIndexes()}):
            correct_answer(sheet, row + 1, sheet.questions[row].answer)
        self._refresh_current()

    def _accept_current(self) -> None:
        entry = self.current()
        if isinstance(entry, SheetRead):
            accept_all(entry)
        elif isinstance(entry, BadPage):
            self.set_aside.add(entry.page)
        self._refresh_current()

    def _refresh_current(self) -> None:
        """After a decision of the officer: show it, and remember that it is not saved yet."""
        self.decisions_unsaved = True
        self._fill_list()
        self._show_page(self.pages.currentRow())

    # Grading and export -------------------------------------------------------

    def answer_file(self) -> AnswerFile:
        """The reviewed sheets as the grading screen takes an answer file; a sheet whose mã đề is still not in
        the exam (accepted as read) is listed as not graded, never dropped."""
        versions = self.manifest.versions if self.manifest is not None else {}
        result = AnswerFile()
        for s in self.sheets:
            if s.code in versions:
                result.responses.append(Response(s.name, s.sbd, s.code, s.answers(), where=s.source))
            else:
                reason = Message.of(N_("mã đề '{code}' không có trong đề này"), code=s.code)
                result.rejected.append(RejectedRow(s.source, reason, s.name, s.sbd, s.code))
        return result

    def _grade(self) -> None:
        if self.open_issues() or self.manifest is None or self.on_grade is None:
            return
        self.on_grade(self.manifest, self.answer_file())

    def save_answers(self, path: Path) -> Path:
        """The sheets as read and corrected, as the answer template (an unsettled doubt "?"); decisions saved."""
        from lecturer_app.exporters.exam.scan_answers import write_scanned_answers

        if self.manifest is None:
            raise ValueError("nothing read")
        written = write_scanned_answers(self.sheets, self.manifest, path)
        self.decisions_unsaved = False
        return written

    def _ask_save(self) -> bool:
        """Ask where, then save; False when nothing was saved (nothing read, the dialog cancelled, an error)."""
        if self.manifest is None or not self.sheets:
            return False
        start = (self.exam_dir or Path.home()) / "bai_lam_da_doc.xlsx"
        name, _filter = QFileDialog.getSaveFileName(self, _("Lưu bài làm đã đọc"), str(start), "Excel (*.xlsx)")
        if not name:
            return False
        with errors_shown(self, _("Lưu bài làm đã đọc")):
            path = self.save_answers(Path(name))
            self.notice = notify_done(self, _("Lưu bài làm đã đọc xong"),
                                      _("Đã lưu bài làm đã đọc: {path}").format(path=path),
                                      file_actions(path, self.opener))
        return not self.decisions_unsaved

    def confirm_close(self) -> bool:
        """Ask about decisions not saved; False when the officer chose Hủy (or did not save after all)."""
        return confirm_unsaved(self.decisions_unsaved, lambda: self.ask_save_decisions(self), self._ask_save)

    def export_sheet(self, sheet: SheetRead, path: Path) -> Path:
        from lecturer_app.exporters.exam.scan_annotated import write_annotated_sheet

        assert self.manifest is not None
        return write_annotated_sheet(sheet, self.manifest, path)

    def _ask_export(self) -> None:
        sheet = self.current()
        if not isinstance(sheet, SheetRead):
            return
        name, _filter = QFileDialog.getSaveFileName(self, _("Xuất PDF phúc khảo"), f"phuc_khao_{sheet.sbd}.pdf",
                                                    "PDF (*.pdf)")
        if name:
            with errors_shown(self, _("Xuất PDF phúc khảo")):
                self.export_sheet(sheet, Path(name))

    def _ask_scan(self) -> None:
        if not self.confirm_close():  # new sheets replace the ones on screen, and the decisions made on them
            return
        folder = QFileDialog.getExistingDirectory(self, _("Thư mục đề đã tạo"))
        if not folder:
            return
        # Several files at once: a scanner writes one file per batch, a phone one photo per sheet.
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Các tệp phiếu đã quét (PDF hoặc ảnh; chọn nhiều tệp bằng Ctrl hoặc Ctrl+A)"), folder,
            _("PDF hoặc ảnh") + " (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp *.webp)")
        if names:
            with errors_shown(self, _("Đọc phiếu trả lời")):
                self.scan(Path(folder), [Path(name) for name in names])


def ask_save_decisions(parent: QWidget) -> str:
    """Ask and wait: "save", "discard" or "cancel" for the decisions made on the sheets and not saved."""
    return ask(parent, _("Lưu bài làm đã đọc?"),
               _("Các chỗ đã xem lại trên phiếu quét (đáp án đã sửa, chỗ nghi ngờ đã xử lý) chưa được lưu.\n\n"
                 "• Lưu: ghi bài làm đã đọc và mọi chỗ đã sửa vào một tệp Excel, mở được ở «Chấm điểm» "
                 "(Mở đề và bài làm…) để chấm hoặc phúc khảo.\n"
                 "• Không lưu: bỏ các chỗ đã xem lại; muốn chấm phải đọc và xem lại phiếu từ đầu."))


def annotated_image(sheet: SheetRead) -> tuple[QImage, list[PagePlace]]:
    """Every page found of *sheet*, one under the other, with read marks ringed blue and doubtful questions
    orange; and where each page sits."""
    pages = [(part.sheet_page, QImage.fromData(part.image)) for part in sheet.page_parts() if part.image]
    pages = [(page, image) for page, image in pages if not image.isNull()]
    if not pages:
        return QImage(), []
    width = max(image.width() for _page, image in pages)
    canvas = QImage(width, sum(image.height() for _p, image in pages) + PAGE_GAP * (len(pages) - 1),
                    QImage.Format.Format_RGB32)
    canvas.fill(QColor("#9a9a9a"))
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    places, top = [], 0
    for page, image in pages:
        painter.drawImage(0, top, image)
        place = PagePlace(page, top, image.width() / L.PAGE_W)
        _annotate(painter, sheet, place)
        places.append(place)
        top += image.height() + PAGE_GAP
    painter.end()
    return canvas, places


def _annotate(painter: QPainter, sheet: SheetRead, place: PagePlace) -> None:
    doubtful = {d.question for d in sheet.open_doubts if d.field == "answer"}
    count = len(sheet.questions)
    for number in L.page_questions(place.sheet_page, count):
        question = sheet.questions[number - 1]
        bubbles = L.answer_bubbles(number, count, max(1, len(question.marks)))
        for index, bubble in enumerate(bubbles):
            if LETTERS[index] in question.answer:
                _circle(painter, bubble, place, QColor("#1f4fe0"), 1.35)
        if number in doubtful:
            _circle(painter, L.Bubble(bubbles[0].x - 6, bubbles[0].y, 2.6), place, QColor("#ff8000"), 1.0)


def _circle(painter: QPainter, bubble: L.Bubble, place: PagePlace, colour: QColor, grow: float) -> None:
    painter.setPen(QPen(colour, max(2.0, place.scale * 0.6)))
    r = bubble.r * grow * place.scale
    painter.drawEllipse(QPointF(bubble.x * place.scale, place.top + bubble.y * place.scale), r, r)
