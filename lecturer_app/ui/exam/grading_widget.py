"""The grading screen: load an exam folder and an answer file, enter essay/oral scores, write the bảng điểm.

The rule of the totals is shown above the grid; rows of the answer file that
could not be graded, and graded rows with a problem, are listed on their own
tab, so nothing is counted silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.model import Organization
from lecturer_app.exam.grading import (
    ORAL,
    GradingOptions,
    Response,
    missing_rule,
    oral_weight,
    part_label,
    total_formula,
)
from lecturer_app.exam.item_analysis import analyse_items
from lecturer_app.exam.manifest import ExamManifest, read_manifest
from lecturer_app.exam.vn_numbers import decimal_comma
from lecturer_app.exporters.exam.responses_xlsx import write_responses
from lecturer_app.exporters.exam.score_sheet import write_score_sheet
from lecturer_app.i18n import SCREEN, _, ngettext, ui_number
from lecturer_app.importers.exam_answers import AnswerFile, read_answer_file
from lecturer_app.ui.exam.answer_dialog import ask_answer_correction
from lecturer_app.ui.exam.grading_model import (
    GradingModel,
    ItemAnalysisModel,
    RemarkQuestion,
    learner_count_text,
    missing_essay_count,
)
from lecturer_app.ui.exam.remark_dialog import ask_keep_mark, ask_remark_reason
from lecturer_app.ui.widgets.done_notice import DoneNotice, file_actions, notify_done, open_path
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.number_locale import number_locale
from lecturer_app.ui.widgets.readable_column import ReadableColumn, label_width
from lecturer_app.ui.widgets.save_prompt import ask, confirm_unsaved
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

NOTES_MINIMUM = 140  # pixels of «Ghi chú» below which the grid scrolls sideways rather than hide the notes
NAME_MAXIMUM = 140  # pixels of «Họ và tên»: «Nguyễn Thị Thanh Hương» on two lines leaves the notes their room


class GradingWidget(QWidget):
    """Grid of learners (editable TL and Vấn đáp columns) and the item analysis, side by side in tabs."""

    def __init__(self, options: GradingOptions = GradingOptions(), parent: QWidget | None = None,
                 folder: Path | None = None, author: str = "", organization: Organization | None = None) -> None:
        super().__init__(parent)
        self.options = options
        self.author, self.organization = author, organization  # who signs a change on appeal; the minutes' header
        # Where the dialogs start: the exams' folder, then the exam opened (its score sheet goes beside it);
        # without it Qt starts in the working folder, on Windows the one the app is installed in.
        self.folder = folder or Path.home()
        self.manifest: ExamManifest | None = None
        self.model: GradingModel | None = None
        self.answers = AnswerFile()
        self.items_model = ItemAnalysisModel(parent=self)
        self.notice: DoneNotice | None = None  # the "Ghi bảng điểm xong" box of the last write
        self.opener: Callable[[Path], object] = open_path  # tests put their own here
        # Marks typed since the answers were opened or saved: closing the tab or the app asks first.
        self.marks_unsaved = False
        self.ask_save_marks: Callable[[QWidget], str] = ask_save_marks  # tests answer in its place
        # A saved mark changed on appeal asks why (None = Hủy); tests answer in its place.
        self.ask_reason: Callable[[RemarkQuestion], str | None] = lambda question: ask_remark_reason(self, question)
        # An answer corrected on appeal: which question, to what (None = Hủy); tests answer in its place.
        self.ask_answer: Callable[[Response], tuple[int, str] | None] = self._ask_answer
        # A mark re-checked on appeal and kept: which part, why (None = Hủy); tests answer in its place.
        self.ask_keep: Callable[[Response, list[str]], tuple[str, str] | None] = (
            lambda response, parts: ask_keep_mark(self, response, parts))
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        load_button = QPushButton(_("Mở đề và bài làm…"), self)
        load_button.clicked.connect(self._ask_load)
        buttons.addWidget(load_button)
        # Nothing to write before answers are open: the button says so instead of doing nothing.
        self.write_button = QPushButton(_("Ghi bảng điểm…"), self)
        self.write_button.clicked.connect(self._ask_write)
        self.write_button.setEnabled(False)
        self.write_button.setToolTip(_("Bấm «Mở đề và bài làm…» trước: chưa có bài làm nào để ghi bảng điểm."))
        buttons.addWidget(self.write_button)
        # The marks typed in the grid lived only in memory and in the score sheet, which cannot be opened again:
        # for a phúc khảo weeks later every essay mark had to be typed again. This file opens again as it was.
        self.save_button = QPushButton(_("Lưu bài làm và điểm…"), self)
        self.save_button.clicked.connect(self._ask_save_answers)
        self.save_button.setEnabled(False)
        self.save_button.setToolTip(self.write_button.toolTip())
        buttons.addWidget(self.save_button)
        self.oral_spin = self._oral_weight_box(options.oral_weight)
        buttons.addWidget(QLabel(_("Tỉ trọng vấn đáp"), self))
        buttons.addWidget(self.oral_spin)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addLayout(self._appeal_buttons())
        self.summary = QLabel(_("Chưa mở bài làm nào."), self)
        self.summary.setAccessibleName(_("Tóm tắt kết quả"))
        # Its notes (essay marks missing, rows with a problem) made one line wider than a 1280-pixel screen
        # leaves the grid: the window took the room from the topic tree.
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.formula = QLabel(self)
        self.formula.setWordWrap(True)
        self.formula.setAccessibleName(_("Cách tính tổng điểm"))
        layout.addWidget(self.formula)
        self.tabs = self._tabs()
        layout.addWidget(self.tabs)

    def _appeal_buttons(self) -> QHBoxLayout:
        """The phúc khảo row: correct a learner's answer, write the biên bản (a row of its own: in English at
        1280×720 the first row already reached the right edge of the screen, with no room for one more button)."""
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Phúc khảo:"), self))
        self.answer_button = QPushButton(_("Sửa bài làm trắc nghiệm…"), self)
        self.answer_button.clicked.connect(self._correct_current_answer)
        self.answer_button.setEnabled(False)
        self.answer_button.setToolTip(_("Bấm «Mở đề và bài làm…» trước: chưa có bài làm nào để sửa."))
        row.addWidget(self.answer_button)
        self.keep_button = QPushButton(_("Giữ nguyên điểm…"), self)
        self.keep_button.clicked.connect(self._keep_current_mark)
        self.keep_button.setEnabled(False)
        self.keep_button.setToolTip(self.answer_button.toolTip())
        row.addWidget(self.keep_button)
        self.minutes_button = QPushButton(_("Biên bản phúc khảo…"), self)
        self.minutes_button.clicked.connect(self._ask_write_minutes)
        self.minutes_button.setEnabled(False)
        self.minutes_button.setToolTip(_("Chưa có điểm nào được sửa sau khi đã lưu: chưa có gì để ghi biên bản."))
        row.addWidget(self.minutes_button)
        row.addStretch(1)
        return row

    def _oral_weight_box(self, weight: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setLocale(number_locale())
        box.setRange(0.0, 1.0)
        box.setSingleStep(0.05)
        box.setValue(weight)
        box.setAccessibleName(_("Tỉ trọng vấn đáp (0 = không có phần vấn đáp)"))
        box.setToolTip(box.accessibleName())
        box.valueChanged.connect(self._oral_weight_changed)
        return box

    def _tabs(self) -> QTabWidget:
        """Bảng điểm, Phân tích câu hỏi, and the rows with a problem."""
        tabs = QTabWidget(self)
        self.scores_view = QTableView(self)
        self.scores_view.setAccessibleName(_("Bảng điểm"))
        # «Ghi chú» (last) takes the room the other columns leave: sized to its longest note it pushed itself
        # past the right edge of a 1280-pixel screen; a long note wraps (``_fit_rows``) and is whole in its tooltip.
        self.notes_column = ReadableColumn(self.scores_view, -1, NOTES_MINIMUM)
        self.scores_view.setWordWrap(True)
        self.scores_view.horizontalHeader().sectionResized.connect(self._wrapped_column_resized)
        self.scores_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.scores_view.customContextMenuRequested.connect(self._row_menu_requested)
        # Columns are resized many times in a row (a load, a window resize): the rows are fitted once after.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self._fit_rows)
        self.items_view = QTableView(self)
        self.items_view.setModel(self.items_model)
        self.items_view.setAccessibleName(_("Phân tích câu hỏi"))
        self.problems_text = QPlainTextEdit(self)
        self.problems_text.setReadOnly(True)
        self.problems_text.setAccessibleName(_("Dòng có vấn đề"))
        tabs.addTab(self.scores_view, _("Bảng điểm"))
        tabs.addTab(self.items_view, _("Phân tích câu hỏi"))
        tabs.addTab(self.problems_text, _("Dòng có vấn đề"))
        return tabs

    def load(self, exam_dir: Path, answers: Path) -> None:
        """Read the exam's keys and the learners' answers, and score every row that can be graded."""
        manifest = read_manifest(exam_dir)
        self.show_answers(manifest, read_answer_file(answers, manifest))
        self.folder = exam_dir

    def show_answers(self, manifest: ExamManifest, answers: AnswerFile) -> None:
        """Score *answers* (from a file, or from the scan review screen) against *manifest*."""
        self.answers = answers
        self.manifest = manifest
        # The oral part follows the file: the weight it was saved with, else any oral score in it means the
        # default; the lecturer can still set it here.
        self.oral_spin.blockSignals(True)
        self.oral_spin.setValue(oral_weight(self.answers.oral_weight, self.answers.has_oral))
        self.oral_spin.blockSignals(False)
        self.options = replace(self.options, oral_weight=self.oral_spin.value())
        self.model = GradingModel(manifest, self.answers.responses, self.options, self)
        self.scores_view.setModel(self.model)
        self.model.rescored.connect(self.refresh)
        self.model.dataChanged.connect(lambda top, bottom, *_roles: self._fit_rows(top.row(), bottom.row()))
        self.model.mark_edited.connect(self._mark_edited)
        self.marks_unsaved = False
        self.model.refused.connect(self._mark_refused)
        self.model.remark_refused.connect(self._remark_refused)
        self.scores_view.selectionModel().currentRowChanged.connect(lambda *_rows: self._answer_button_state())
        self.model.remarks = list(answers.remarks)
        self.model.author = self.author
        if answers.marks_saved:  # opened from «Lưu bài làm và điểm…»: every change from now on is on appeal
            self._record_changes()
        self.write_button.setEnabled(True)
        self.write_button.setToolTip(_("Ghi bảng điểm (Excel) của các bài đã chấm"))
        self.save_button.setEnabled(True)
        self.save_button.setToolTip(_("Ghi bảng bài làm (Excel) kèm điểm tự luận, vấn đáp đã nhập; mở lại tệp "
                                      "này bằng «Mở đề và bài làm…» để chấm tiếp hoặc phúc khảo."))
        self._answer_button_state()
        self.refresh()
        self.items_view.resizeColumnsToContents()
        self.items_view.horizontalHeader().setStretchLastSection(True)
        self._fit_score_columns(self.model)

    def _room_for_marks(self) -> None:
        """Mark columns wide enough for "9,75" in bold: fitted to a blank column, a mark typed later was elided.

        No mark has five characters (a part is worth at most 10), and each pixel more pushed «Ghi chú»
        past the grid's right edge at 1280×720 (tests/ui/fit/test_grading_grid_columns_fit.py).
        """
        assert self.model is not None
        bold = self.scores_view.font()
        bold.setBold(True)
        # The text, plus what the item delegate leaves each side and a little air.
        need = QFontMetrics(bold).horizontalAdvance("9,75") + _cell_margins(self.scores_view) + 4
        for column in range(self.model.columnCount()):
            if self.model.flags(self.model.index(0, column)) & Qt.ItemFlag.ItemIsEditable:
                self.scores_view.setColumnWidth(column, max(self.scores_view.columnWidth(column), need))

    def _record_changes(self) -> None:
        assert self.model is not None
        self.model.ask_reason = lambda question: self.ask_reason(question)

    def _fit_score_columns(self, model: GradingModel) -> None:
        """Numbers as wide as they are; a long name and «Thiếu điểm» on two lines; «Ghi chú» the room left.

        Both wrap, their rows growing to the lines they need: beside the topic tree a 1280-pixel screen
        leaves the grid some 800 pixels, and a note sized to its text ran far past the right edge.
        """
        view = self.scores_view
        view.resizeColumnsToContents()
        view.setColumnWidth(0, min(view.columnWidth(0), NAME_MAXIMUM))  # a long name wraps after its họ đệm
        self._room_for_marks()
        missing = model.columnCount() - 2
        parts = [part_label(f"TL{n}") for n in range(1, model.essays + 1)] + [part_label(ORAL)]
        # One part a line at the least: the cell's own margins and a little air (a flat 20 pixels more than
        # that, and the notes' minimum, put the grid 6 pixels past its edge at 1280×720 in English).
        air = _cell_margins(view) + 4
        view.setColumnWidth(missing, max(label_width(view, [part + "," for part in parts], air),
                                         view.horizontalHeader().sectionSizeFromContents(missing).width()))
        self.notes_column.set_column(model.columnCount() - 1)
        # Short of room, the name wraps word by word before the notes go below their minimum.
        words = {word for score in model.scores for word in score.response.name.split()}
        floor = max(label_width(view, words, air), view.horizontalHeader().sectionSizeFromContents(0).width())
        self.notes_column.set_yielding(0, view.columnWidth(0), floor)
        self._rows_timer.start()

    def _wrapped_column_resized(self, column: int, _old: int, _new: int) -> None:
        if self.model is not None and column in self._wrapped_columns(self.model):
            self._rows_timer.start()

    @staticmethod
    def _wrapped_columns(model: GradingModel) -> tuple[int, ...]:
        """«Họ và tên», «Thiếu điểm» and «Ghi chú»: the columns whose text may take more than one line."""
        return 0, model.columnCount() - 2, model.columnCount() - 1

    def _fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Rows *first*…*last* as high as the lines of their wrapped texts (a name, the missing parts, a note).

        Only those three texts are measured: the header's ResizeToContents mode measured every cell of every
        row at each mark typed (145 ms for 500 learners), ``resizeRowToContents`` every cell of a row.
        """
        model, view = self.model, self.scores_view
        if model is None:
            return
        metrics, columns = view.fontMetrics(), self._wrapped_columns(model)
        one_line = view.verticalHeader().defaultSectionSize()
        margins = _cell_margins(view)
        for row in range(first, model.rowCount() if last is None else last + 1):
            lines = max(metrics.boundingRect(QRect(0, 0, max(1, view.columnWidth(c) - margins), 10_000),
                                             Qt.TextFlag.TextWordWrap, str(model.data(model.index(row, c)) or "")
                                             ).height() for c in columns)
            height = max(one_line, lines + one_line - metrics.height())
            if view.rowHeight(row) != height:
                view.setRowHeight(row, height)

    def refresh(self) -> None:
        if self.model is None or self.manifest is None:
            return
        self.minutes_button.setEnabled(bool(self.model.remarks))
        if self.model.remarks:
            self.minutes_button.setToolTip(_("Ghi biên bản phúc khảo (PDF): mọi đơn phúc khảo, điểm đã sửa hoặc giữ "
                                             "nguyên, lý do, người chấm."))
        scores = self.model.scores
        self.items_model.set_items(analyse_items(scores, self.manifest))
        mean = sum(s.total for s in scores) / len(scores) if scores else 0.0
        text = _("{learners}; điểm trung bình {mean}").format(learners=learner_count_text(len(scores)),
                                                              mean=ui_number(decimal_comma(mean, 2)))
        missing = missing_essay_count(scores)
        if missing:
            text += " " + _("(còn {n} điểm tự luận chưa nhập: ô trống được tính 0)").format(n=missing)
        problems = self.problem_lines()
        if problems:
            text += " " + _("— {n} dòng có vấn đề, xem thẻ «Dòng có vấn đề»").format(n=len(problems))
        self.summary.setText(text)
        self.formula.setText(_("Cách tính: ") + total_formula(self.manifest, self.options) + " " + missing_rule())
        self.problems_text.setPlainText("\n".join(self.answers.warnings + problems))

    def problem_lines(self) -> list[str]:
        """Rows not graded, then graded rows with a note, each with its line in the file."""
        lines = [_("Không chấm được {where}: {reason}").format(where=r.where(SCREEN), reason=r.reason(SCREEN))
                 for r in self.answers.rejected]
        scores = self.model.scores if self.model is not None else []
        lines += [_("Cần xem lại {where} ({name}): {notes}").format(
            where=s.response.where(SCREEN), name=s.response.name, notes=s.worded_notes(SCREEN))
            for s in scores if s.notes]
        return lines

    # Correcting a learner's answer on appeal

    def _answer_button_state(self) -> None:
        """«Sửa bài làm trắc nghiệm…» acts on the learner whose row is current; its tooltip says what it lacks."""
        row = self.scores_view.currentIndex().row()
        has_questions = self.manifest is not None and any(v.items for v in self.manifest.versions.values())
        enabled = self.model is not None and row >= 0 and has_questions
        self.answer_button.setEnabled(enabled)
        if self.model is None:
            return
        if not has_questions:
            tip = _("Đề này không có câu trắc nghiệm.")
        elif row < 0:
            tip = _("Chọn dòng của học viên trong bảng điểm trước (hoặc bấm chuột phải vào dòng đó).")
        else:
            tip = _("Sửa bài làm một câu trắc nghiệm của {name} (ví dụ máy quét đọc nhầm), có ghi lý do vào biên "
                    "bản phúc khảo; đáp án của đề không đổi.").format(name=self.model.scores[row].response.name)
        self.answer_button.setToolTip(tip)
        self._keep_button_state(row)

    def _keep_button_state(self, row: int) -> None:
        assert self.model is not None
        self.keep_button.setEnabled(row >= 0)
        self.keep_button.setToolTip(
            _("Chọn dòng của học viên trong bảng điểm trước (hoặc bấm chuột phải vào dòng đó).") if row < 0 else
            _("Ghi vào biên bản phúc khảo rằng một phần bài của {name} đã chấm phúc khảo và giữ nguyên điểm, có ghi "
              "lý do; không điểm nào thay đổi.").format(name=self.model.scores[row].response.name))

    def row_menu(self, row: int) -> QMenu:
        """The context menu of learner *row* (built, not shown): correct one of their answers, or keep a mark."""
        assert self.model is not None
        menu = QMenu(self)
        name = self.model.scores[row].response.name
        action = menu.addAction(_("Sửa bài làm trắc nghiệm của {name}…").format(name=name))
        action.setEnabled(self.answer_button.isEnabled())
        action.triggered.connect(lambda: self.correct_answer_of(row))
        keep = menu.addAction(_("Phúc khảo giữ nguyên điểm của {name}…").format(name=name))
        keep.triggered.connect(lambda: self.keep_mark_of(row))
        return menu

    def _row_menu_requested(self, point: QPoint) -> None:
        index = self.scores_view.indexAt(point)
        if self.model is None or not index.isValid():
            return
        self.scores_view.setCurrentIndex(index)
        menu = self.row_menu(index.row())
        menu.exec(self.scores_view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _correct_current_answer(self) -> None:
        row = self.scores_view.currentIndex().row()
        if row >= 0:
            self.correct_answer_of(row)

    def correct_answer_of(self, row: int) -> bool:
        """Ask which answer of learner *row* to correct and to what, then why; False when nothing changed."""
        if self.model is None:
            return False
        choice = self.ask_answer(self.model.scores[row].response)
        return choice is not None and self.model.correct_answer(row, *choice, self.ask_reason)

    def _keep_current_mark(self) -> None:
        row = self.scores_view.currentIndex().row()
        if row >= 0:
            self.keep_mark_of(row)

    def keep_mark_of(self, row: int) -> bool:
        """Ask which part of learner *row* was re-checked and kept, and why; False when nothing was recorded."""
        if self.model is None:
            return False
        choice = self.ask_keep(self.model.scores[row].response, self.model.appeal_parts(row))
        return choice is not None and self.model.keep_mark(row, *choice)

    def _mark_refused(self, text: str) -> None:
        """Say why a typed mark did not stay, instead of putting the old one back in silence."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Điểm không hợp lệ"),
                          _("«{text}» không phải là điểm: hãy gõ một số, phần thập phân sau dấu phẩy "
                            "(ví dụ 8,5), hoặc để trống ô nếu chưa có điểm.").format(text=text),
                          QMessageBox.StandardButton.Close, self)
        translate_buttons(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _remark_refused(self, text: str) -> None:
        """A change on appeal that is no valid mark: say why; the saved mark stays."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Điểm không hợp lệ"), text, QMessageBox.StandardButton.Close,
                          self)
        translate_buttons(box)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _oral_weight_changed(self, value: float) -> None:
        self.options = replace(self.options, oral_weight=value)
        if self.model is not None:
            self.model.set_options(self.options)

    def write(self, path: Path) -> Path:
        if self.model is None or self.manifest is None:
            raise ValueError("nothing loaded")
        return write_score_sheet(self.model.scores, self.manifest, path, self.items_model.items,
                                 options=self.options, rejected=self.answers.rejected, remarks=self.model.remarks)

    def write_minutes(self, path: Path) -> Path:
        """The biên bản phúc khảo (PDF) of every change recorded."""
        if self.model is None or self.manifest is None:
            raise ValueError("nothing loaded")
        from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

        return write_remark_minutes(self.model.remarks, [s.response for s in self.model.scores], self.manifest,
                                    path, options=self.options, organization=self.organization)

    def _ask_write_minutes(self) -> None:
        if self.model is None or not self.model.remarks:
            return
        name, _filter = QFileDialog.getSaveFileName(self, _("Biên bản phúc khảo"),
                                                    str(self.folder / "bien_ban_phuc_khao.pdf"), "PDF (*.pdf)")
        if name:
            with errors_shown(self, _("Biên bản phúc khảo")):
                path = self.write_minutes(Path(name))
                self.notice = notify_done(self, _("Ghi biên bản phúc khảo xong"),
                                          _("Đã ghi biên bản phúc khảo: {path}").format(path=path),
                                          file_actions(path, self.opener))

    def save_answers(self, path: Path) -> Path:
        """The learners' answers and every mark entered, as the answer template (opened again: the same scores)."""
        if self.model is None or self.manifest is None:
            raise ValueError("nothing loaded")
        count = max((len(v.items) for v in self.manifest.versions.values()), default=0)
        return write_responses([s.response for s in self.model.scores], count, path, essays=self.model.essays,
                               oral=True, oral_weight=self.options.oral_weight, remarks=self.model.remarks)

    def _ask_save_answers(self) -> bool:
        """Ask where, then save; False when nothing was saved (no answers, the dialog cancelled, an error)."""
        if self.model is None:
            return False
        name, _filter = QFileDialog.getSaveFileName(self, _("Lưu bài làm và điểm"),
                                                    str(self.folder / "bai_lam_da_cham.xlsx"), "Excel (*.xlsx)")
        if not name:
            return False
        with errors_shown(self, _("Lưu bài làm và điểm")):
            self.answers_saved(self.save_answers(Path(name)))
        return not self.marks_unsaved

    def confirm_close(self) -> bool:
        """Ask about marks typed and not saved; False when the lecturer chose Hủy (or did not save after all)."""
        return confirm_unsaved(self.marks_unsaved, lambda: self.ask_save_marks(self), self._ask_save_answers)

    def _ask_answer(self, response: Response) -> tuple[int, str] | None:
        assert self.manifest is not None
        return ask_answer_correction(self, response, self.manifest)

    def _mark_edited(self) -> None:
        self.marks_unsaved = True

    def answers_saved(self, path: Path) -> None:
        """Say where the answers and marks went; rows that could not be graded stay only in the file opened."""
        self.marks_unsaved = False
        if self.model is not None:  # the marks are saved: changing one from now on is a change on appeal
            self._record_changes()
        text = _("Đã lưu bài làm và điểm: {path}").format(path=path)
        if self.answers.rejected:
            rejected = len(self.answers.rejected)
            text += "\n" + ngettext("{n} dòng không chấm được không có trong tệp này: hãy sửa chúng trong tệp đã "
                                    "mở.", rejected).format(n=rejected)
        self.notice = notify_done(self, _("Lưu bài làm và điểm xong"), text, file_actions(path, self.opener))

    def _ask_load(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Thư mục đề đã tạo"), str(self.folder))
        if not folder:
            return
        name, _filter = QFileDialog.getOpenFileName(self, _("Bảng bài làm"), folder, "Excel/CSV (*.xlsx *.csv)")
        if name:
            with errors_shown(self, _("Mở đề và bài làm")):
                self.load(Path(folder), Path(name))

    def _ask_write(self) -> None:
        if self.model is None:
            return
        name, _filter = QFileDialog.getSaveFileName(self, _("Ghi bảng điểm"), str(self.folder / "bang_diem.xlsx"),
                                                    "Excel (*.xlsx)")
        if name:
            with errors_shown(self, _("Ghi bảng điểm")):
                self.written(self.write(Path(name)))

    def written(self, path: Path) -> None:
        """Say where the bảng điểm went, with buttons that open it."""
        self.notice = notify_done(self, _("Ghi bảng điểm xong"), _("Đã ghi bảng điểm: {path}").format(path=path),
                                  file_actions(path, self.opener))


def _cell_margins(view: QTableView) -> int:
    """What the item delegate leaves of a cell's width beside its text: the focus frame's margin and a pixel,
    each side."""
    return 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)


def ask_save_marks(parent: QWidget) -> str:
    """Ask and wait: "save", "discard" or "cancel" for the marks typed and not saved."""
    return ask(parent, _("Lưu bài làm và điểm?"),
               _("Có điểm đã nhập chưa lưu vào tệp bài làm.\n\n"
                 "• Lưu: ghi bài làm và mọi điểm đã nhập vào một tệp Excel, mở lại được khi chấm tiếp "
                 "hoặc phúc khảo.\n"
                 "• Không lưu: bỏ các điểm vừa nhập (bảng điểm đã ghi, nếu có, vẫn còn)."))
