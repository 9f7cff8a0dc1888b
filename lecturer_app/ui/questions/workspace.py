"""The question-bank workspace: filter, list, edit, bulk actions, matrix, checks, import/export."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.bank.history import undelete
from lecturer_app.core.labels import question_status_label, type_label
from lecturer_app.core.model import QUESTION_STATUSES, QUESTION_TYPES, Question
from lecturer_app.core.questions.dedupe import Merge, MergeEditedSince, unmerge
from lecturer_app.core.questions.levels import level_label
from lecturer_app.core.questions.levels import levels as configured_levels
from lecturer_app.core.questions.query import (
    QuestionFilter,
    QuestionOrder,
    all_tags,
    delete_questions,
    holds_at_least,
    level_matrix,
    move_to_topic,
    query_ids,
    set_level,
    set_status,
)
from lecturer_app.core.store import summaries
from lecturer_app.core.store.record_store import Store
from lecturer_app.i18n import N_, _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.questions.deleting import DeleteQuestionsBox
from lecturer_app.ui.questions.editor import QuestionEditor
from lecturer_app.ui.questions.filter_bar import FilterBar
from lecturer_app.ui.questions.matrix import LevelMatrixModel
from lecturer_app.ui.questions.quality import QualityPanel
from lecturer_app.ui.questions.status_line import StatusLine
from lecturer_app.ui.questions.table_model import COLUMNS, ID_ROLE, STEM_MINIMUM, QuestionTableModel
from lecturer_app.ui.remembered import Remembered
from lecturer_app.ui.widgets.done_notice import DoneNotice, notify_done
from lecturer_app.ui.widgets.error_box import errors_shown
from lecturer_app.ui.widgets.lazy_widget import LazyWidget
from lecturer_app.ui.widgets.readable_column import ReadableColumn, label_width
from lecturer_app.ui.widgets.searchable_combo import make_searchable

EXPORT_FILTERS = {
    "xlsx": N_("Excel (*.xlsx)"), "docx": N_("Word (*.docx)"), "gift": N_("GIFT (*.gift *.txt)"),
    "aiken": N_("Aiken (*.txt)"), "moodlexml": N_("Moodle XML (*.xml)"), "qti": N_("QTI 2.1 (*.zip)"),
}

# From this many questions the list is read on a worker thread.
BACKGROUND_FROM = 3000
Progress = Callable[[int, int], None]  # the runner's report(done, total): raises once the user pressed Hủy
# From this many questions a deletion or its undo is written on a worker thread (5,000: ~2.5 s).
WRITE_IN_BACKGROUND_FROM = 200


def _is_big(store: Store) -> bool:
    """Whether the bank holds BACKGROUND_FROM questions or more."""
    return holds_at_least(store, BACKGROUND_FROM)


def _read_lists(store: Store, flt: QuestionFilter, order: QuestionOrder, levels: Sequence[str],
                with_tags: bool, chosen: Sequence[str]) -> tuple:
    """What the workspace shows: the filtered questions' ids in order, the rows there of the *chosen*
    (selected) ones as (first, last) runs, the topic × level matrix and (when asked) every tag.  The rows
    themselves are read a page at a time as they are shown."""
    tags = all_tags(store) if with_tags else None
    ids = query_ids(store, flt, order)
    return ids, _runs(_positions(ids, chosen)), level_matrix(store, levels, flt.program_id), tags


def _positions(ids: Sequence[str], chosen: Sequence[str]) -> list[int]:
    """The rows of *ids*, in order, that hold one of *chosen* (a pass over the list: 200,000 on a worker)."""
    if not chosen:
        return []
    wanted = set(chosen)
    return [row for row, question_id in enumerate(ids) if question_id in wanted]


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as (first, last) runs: a selection of 200,000 rows in one range, not 200,000."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


class QuestionBankWorkspace(QWidget):
    """Everything about the bank's questions in one tab.

    Signals:
        bank_changed(): questions were written (other views may refresh).
    """

    bank_changed = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.store = context.store
        self._runner: OperationRunner | None = None  # the window's, set by install() (see runner)
        self.levels = configured_levels(context.settings)
        self.filter = QuestionFilter()
        self.filters = FilterBar(context.bank, self.levels)
        self.filters.changed.connect(self.apply_filter)
        self.model = QuestionTableModel(self.store, self)
        self.model.sort_requested.connect(lambda: self.refresh(with_tags=False))
        self.view = self._table()
        self.count_label = QLabel()
        self.status_line = StatusLine()  # «Đã xóa/Đã gộp N câu hỏi.» with «Hoàn tác» while that can be undone
        self.status_label, self.undo_button = self.status_line.label, self.status_line.undo_button
        self.last_box: QMessageBox | None = None  # the last «Xóa … câu hỏi?» asked
        # The editor (a third of building this tab) is built on the turn after the list is first shown.
        self._editor_tab = LazyWidget(self._build_editor)
        self.matrix_model = LevelMatrixModel(self.levels, self)
        self.quality = QualityPanel(self.store, self.levels)
        self.quality.merged.connect(self._merged)
        # Every change made here (save, delete, its undo, merge, bulk edit, import) checks the findings again.
        self.bank_changed.connect(self.quality.recheck_soon)
        self._layout()
        # Reading a bank of tens of thousands of questions takes ~0.6 s: do it
        # when the workspace is shown, and after changes only while it is shown.
        self.notice: DoneNotice | None = None  # the "Nhập xong" box of the last import
        self.remembered = Remembered(context)  # the folders questions were last imported from and exported to
        self.stale = True
        self._tags_read = False
        self._generation = 0
        self._select_when_listed = ""  # a question just saved: made current once a refresh lists it
        self._ids_to_select: list[str] | None = None  # questions to select once the refresh under way lists them

    @property
    def runner(self) -> OperationRunner | None:
        """The window's OperationRunner: imports, and the reads and checks of a big bank, run on its workers."""
        return self._runner

    @runner.setter
    def runner(self, runner: OperationRunner | None) -> None:
        self._runner = runner
        self.quality.use_runner(runner, self.context.worker_store)

    def mark_stale(self) -> None:
        """The bank changed elsewhere: refresh now if visible, else when next shown."""
        self.stale = True
        self.quality.recheck_soon()
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        if self.stale:
            self.refresh()
        super().showEvent(event)

    @property
    def editor(self) -> QuestionEditor:
        """The question editor beside the list, built now if its first showing has not built it yet."""
        return cast(QuestionEditor, self._editor_tab.widget())

    def _build_editor(self) -> QuestionEditor:
        editor = QuestionEditor(self.store, self.levels, blobs=self.context.workspace.blobs)
        editor.default_topic_id = self.filter.topic_id
        editor.saved.connect(self._on_saved)
        return editor

    # Building ------------------------------------------------------------------

    def _table(self) -> QTableView:
        view = QTableView()
        view.setObjectName("question_bank_table")
        view.setAccessibleName(_("Ngân hàng câu hỏi"))
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setWordWrap(False)
        view.setAlternatingRowColors(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Widths from the labels a column can show, not its rows: sizing to contents would scan 50,000 rows.
        for column, width in ((0, label_width(view, map(type_label, QUESTION_TYPES))),
                              (2, min(180, label_width(view, map(level_label, self.levels)))), (3, 90), (4, 55),
                              (5, label_width(view, map(question_status_label, QUESTION_STATUSES))), (6, 140)):
            view.setColumnWidth(column, width)
        self._stem_column = ReadableColumn(view, 1, minimum=STEM_MINIMUM)
        view.verticalHeader().setDefaultSectionSize(22)
        # Sorted by SQL (the model asks for a new query); no indicator: creation order.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        # Ctrl+Z in the list (not in the editor, whose fields undo their own typing) undoes a deletion.
        QShortcut(QKeySequence.StandardKey.Undo, view, self.undo_delete, context=Qt.ShortcutContext.WidgetShortcut)
        # Painting a column header asks Qt whether its whole column is selected, which walks every row:
        # 3 s per repaint with 200,000 rows all selected.  Rows are selected, never columns, so the header
        # gets a selection model of its own that stays empty.
        self._header_selection = QItemSelectionModel(self.model, view)
        header.setSelectionModel(self._header_selection)
        return view

    def _layout(self) -> None:
        left = QWidget()
        column = QVBoxLayout(left)
        column.addLayout(self._toolbar())
        column.addWidget(self.view, 1)
        column.addWidget(self.count_label)
        column.addLayout(self._bulk_bar())
        column.addWidget(self.status_line)
        self.side = QTabWidget()
        self.side.addTab(self._editor_tab, _("Soạn câu hỏi"))
        matrix_view = QTableView()
        matrix_view.setAccessibleName(_("Ma trận chuyên đề × mức độ"))
        matrix_view.setToolTip(_("Nhấp đúp một ô để xem các câu hỏi của chuyên đề và mức độ đó"))
        matrix_view.setModel(self.matrix_model)
        matrix_view.doubleClicked.connect(self.show_matrix_cell)
        self.side.addTab(matrix_view, _("Ma trận"))
        self.side.addTab(self.quality, _("Kiểm tra chất lượng"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([900, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)

    def _toolbar(self) -> QHBoxLayout:
        add = QPushButton(_("Thêm câu hỏi"))
        menu = QMenu(add)
        for code in QUESTION_TYPES:
            menu.addAction(type_label(code), partial(self.new_question, code))
        add.setMenu(menu)
        # File actions share one menu button so the bar stays narrow beside the bank tree.
        files = QPushButton(_("Nhập, xuất, mẫu"))
        files_menu = QMenu(files)
        for text, slot in ((_("Nhập từ tệp…"), self.open_import), (_("Xuất…"), self.open_export),
                           (_("Tải mẫu Excel…"), self.save_template), (_("Danh sách mức độ…"), self.edit_levels)):
            files_menu.addAction(text, slot)
        files.setMenu(files_menu)
        delete = QPushButton(_("Xóa câu chọn"))
        delete.clicked.connect(self.delete_selected)
        row = QHBoxLayout()
        for button in (add, files, delete):
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _bulk_bar(self) -> QGridLayout:
        self.bulk_topic = QComboBox()
        self.bulk_topic.setAccessibleName(_("Chuyên đề đích"))
        self.bulk_topic.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.bulk_topic.setMinimumContentsLength(12)
        for topic in self.context.bank.topics():
            self.bulk_topic.addItem(f"{topic.code} — {topic.title}", topic.id)
        make_searchable(self.bulk_topic)
        self.bulk_level = QComboBox()
        self.bulk_level.setAccessibleName(_("Mức độ đích"))
        for level in self.levels:
            self.bulk_level.addItem(level_label(level), level)
        # Two rows, so the list keeps its width beside the editor on a 1280-pixel screen.
        grid = QGridLayout()
        grid.addWidget(QLabel(_("Với các câu đã chọn:")), 0, 0, 1, 3)
        for row, (widget, text, slot) in enumerate(((self.bulk_topic, _("Chuyển chuyên đề"), self.move_selected),
                                                    (self.bulk_level, _("Đặt mức độ"), self.set_level_selected)), 1):
            grid.addWidget(widget, row, 0)
            button = QPushButton(text)
            button.clicked.connect(slot)
            grid.addWidget(button, row, 1)
        approve = QPushButton(_("Duyệt"))
        approve.clicked.connect(self.approve_selected)
        grid.addWidget(approve, 2, 2)
        grid.setColumnStretch(0, 1)
        return grid

    # Listing -----------------------------------------------------------------------

    def apply_filter(self, flt: QuestionFilter) -> None:
        self.filter = flt
        self.editor.default_topic_id = flt.topic_id  # a new question goes into the topic looked at
        # A new filter changes no question, so the tags (every question body read) need not be read again.
        self.refresh(with_tags=not self._tags_read)

    def refresh(self, with_tags: bool = True) -> None:
        """Re-read the list and the matrix, and the tags offered unless *with_tags* is False.

        A big bank (tens of thousands of questions: ~0.5 s of SQL) is read on
        a worker thread when the window's runner is available, so the window
        never stalls; a small one, or a workspace used on its own, reads at once.
        Only the ids are read: the rows are read a page at a time as they are shown.
        """
        self.stale = False
        self._generation += 1
        flt, order, levels, generation = self.filter, self.model.order, self.levels, self._generation
        chosen = self.selected_ids()
        if self.runner is None or not _is_big(self.store):
            self._show(generation, chosen, _read_lists(self.store, flt, order, levels, with_tags, chosen))
            return

        def read(report) -> tuple:
            with self.context.worker_store() as store:
                return _read_lists(store, flt, order, levels, with_tags, chosen)

        self.runner.run(_("Đang tải danh sách câu hỏi"), read,
                        on_success=lambda found: self._show(generation, chosen, found))

    def _show(self, generation: int, chosen: list[str], found: tuple) -> None:
        if generation != self._generation:
            return  # a newer refresh is on its way; this answer is out of date
        ids, runs, matrix, tags = found  # the runs made on the worker: 200,000 selected rows are one
        if tags is not None:
            self.filters.set_tags(tags)
            self._tags_read = True
        shown_on_purpose = self._ids_to_select is not None
        if self._ids_to_select is not None:
            runs, self._ids_to_select = _runs(_positions(ids, self._ids_to_select)), None
        elif self.selected_ids() != chosen:  # chosen again while the list was read
            runs = _runs(_positions(ids, self.selected_ids()))
        current = self._current_id()
        self.model.set_ids(ids)
        self._select_runs(runs)
        self._make_current(self._select_when_listed or current)
        if runs and shown_on_purpose:
            self.view.scrollTo(self.model.index(runs[0][0], 0))
        if ids and not self.view.currentIndex().isValid() and not self.editor.is_dirty:
            # Open on a question rather than an empty form full of "missing …" warnings;
            # current, not selected, so "export selected" still means what the user chose.
            self.view.selectionModel().setCurrentIndex(self.model.index(0, 0),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)
        self.count_label.setText(_("{n} câu hỏi").format(n=len(ids)))
        self.matrix_model.set_data(self.levels, matrix)

    def _current_id(self) -> str:
        current = self.view.currentIndex()
        return self.model.id_at(current.row()) if current.isValid() else ""

    def _select_runs(self, runs: Sequence[tuple[int, int]]) -> None:
        """Select the rows of *runs* ((first, last) pairs), one range each."""
        selection = QItemSelection()
        for first, last in runs:
            selection.select(self.model.index(first, 0), self.model.index(last, len(COLUMNS) - 1))
        self.view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _make_current(self, question_id: str) -> None:
        """Make the question current again (without changing the selection) if it is listed."""
        row = self.model.row_of(question_id) if question_id else -1
        if row >= 0:
            self._select_when_listed = ""
            self.view.selectionModel().setCurrentIndex(self.model.index(row, 0),
                                                       QItemSelectionModel.SelectionFlag.NoUpdate)
            self.view.scrollTo(self.model.index(row, 0))

    def show_matrix_cell(self, index: QModelIndex) -> None:
        """List the questions behind a matrix cell (its topic, and its level column if any)."""
        code = self.matrix_model.data(index.siblingAtColumn(0))
        topic = self.context.bank.topic_by_code(code) if code else None
        if topic is None:
            return
        self.filters.program.setCurrentIndex(0)
        self.filters.topic.setCurrentIndex(max(0, self.filters.topic.findData(topic.id)))
        level_column = index.column() - 1
        level = self.levels[level_column] if 0 <= level_column < len(self.levels) else ""
        self.filters.level.setCurrentIndex(max(0, self.filters.level.findData(level)) if level else 0)

    def selected_ids(self) -> list[str]:
        """The selected questions, in list order (read from the selection's ranges: select-all is one range)."""
        selection = self.view.selectionModel().selection()
        ids: list[str] = []
        end = 0
        for top, bottom in sorted((part.top(), part.bottom()) for part in map(selection.at, range(selection.count()))):
            ids += self.model.ids[max(top, end):bottom + 1]
            end = max(end, bottom + 1)
        return ids

    def select(self, question_id: str) -> None:
        row = self.model.row_of(question_id)
        if row >= 0:
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    # Editing -----------------------------------------------------------------------

    def new_question(self, question_type: str = "single_choice") -> None:
        topic = self.filter.topic_id
        self.editor.new_question(question_type, [topic] if topic else [])
        self.side.setCurrentWidget(self._editor_tab)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        if self.editor.is_dirty and self.model.id_at(current.row()) == self.editor.question_id:
            return  # the question being typed, listed again after a refresh: the editor keeps what is typed
        if self.editor.is_dirty and self.editor.save() is None:
            self.status_line.tell(
                _("Câu đang soạn chưa hợp lệ nên chưa được lưu; hãy sửa trước khi chọn câu khác."))
            return
        question = self.store.get(Question, self.model.data(current.siblingAtColumn(0), ID_ROLE))
        if question is not None:
            self.editor.load(question)

    def _on_saved(self, question_id: str) -> None:
        self.model.reload_rows()  # the edit shows at once, before a big bank's list is read again
        self._select_when_listed = question_id
        self.refresh()
        self.select(question_id)
        self.status_line.tell(_("Đã lưu câu hỏi."))
        self.bank_changed.emit()

    # Bulk actions --------------------------------------------------------------------

    def _bulk(self, action, value: str, message: str) -> int:
        ids = self.selected_ids()
        if not ids:
            self.status_line.tell(_("Chưa chọn câu hỏi nào."))
            return 0
        changed = action(self.store, ids, value)
        self.refresh()
        self.status_line.tell(message.format(n=changed))
        self.bank_changed.emit()
        return changed

    def move_selected(self) -> int:
        return self._bulk(move_to_topic, self.bulk_topic.currentData(), _("Đã chuyển {n} câu hỏi."))

    def set_level_selected(self) -> int:
        return self._bulk(set_level, self.bulk_level.currentData(), _("Đã đặt mức độ cho {n} câu hỏi."))

    def approve_selected(self) -> int:
        return self._bulk(set_status, "approved", _("Đã duyệt {n} câu hỏi."))

    # Deleting or merging, and undoing it ----------------------------------------------

    def delete_selected(self) -> DeleteQuestionsBox | None:
        """Ask «Xóa N câu hỏi đã chọn?»; the questions are deleted when the answer is «Xóa»."""
        ids = self.selected_ids()
        if not ids:
            self.status_line.tell(_("Chưa chọn câu hỏi nào."))
            return None
        row = self.model.row_at(self.model.row_of(ids[0])) if len(ids) == 1 else None
        box = DeleteQuestionsBox(len(ids), row.stem if row is not None else "", self)
        box.delete_button.clicked.connect(lambda: self.delete(ids))
        box.open()
        self.last_box = box
        return box

    def delete(self, ids: list[str]) -> None:
        """Delete *ids* (on a worker when many), then say so with «Hoàn tác»."""
        summary = summaries.DELETE_QUESTIONS
        self._write(_("Đang xóa câu hỏi"), ids, lambda store, progress: delete_questions(
            store, ids, summary=summary, progress=progress), lambda count: self._deleted(ids, count))

    def undo_delete(self) -> None:
        """«Hoàn tác» (Ctrl+Z in the list): undo the last deletion or merge, while it is the last thing done."""
        self.status_line.undo()

    def _undelete(self, ids: list[str]) -> None:
        """Bring back the questions of a deletion as they were (a new revision on each tombstone)."""
        summary = summaries.UNDO_DELETE
        self._write(_("Đang đưa các câu đã xóa trở lại"), ids, lambda store, progress: undelete(
            store, ids, summary=summary, progress=progress), self._restored)

    def _write(self, title: str, ids: list[str], work: Callable[[Store, Progress | None], Any],
               done: Callable[[Any], None]) -> None:
        """``done(work(store, progress))``: here for a few questions, on the runner's worker for many."""
        if self.runner is None or len(ids) < WRITE_IN_BACKGROUND_FROM:
            done(work(self.store, None))
            return

        def run(report: Progress) -> Any:
            with self.context.worker_store() as store:
                return work(store, report)

        self.runner.run(title, run, on_success=done)

    def _deleted(self, ids: list[str], count: int) -> None:
        self._changed(ids, _("Đã xóa {n} câu hỏi.").format(n=count), partial(self._undelete, ids) if count else None)

    def _merged(self, merge: Merge) -> None:
        self._changed([merge.keep_id, *merge.drop_ids], _("Đã gộp {n} câu hỏi.").format(n=1 + len(merge.drop_ids)),
                      partial(self._unmerge, merge))

    def _unmerge(self, merge: Merge) -> None:
        """Put the merged questions back as they were before, unless the kept one was edited since (then say so)."""
        try:
            self._restored(unmerge(self.store, merge, summary=summaries.UNDO_MERGE))
        except MergeEditedSince as refused:
            self.status_line.tell(str(refused))
            return
        self.quality.run()  # its findings are the merge's (the pair gone): check again, as «Gộp» did

    def _restored(self, ids: list[str]) -> None:
        self._ids_to_select = list(ids)  # shown selected once listed (if the filters show them)
        self._changed(ids, _("Đã đưa {n} câu hỏi trở lại.").format(n=len(ids)), None)

    def _changed(self, ids: list[str], text: str, undo: Callable[[], None] | None) -> None:
        """*ids* were deleted, merged or brought back: the editor, the list and the line under it follow."""
        if isinstance(editor := self._editor_tab.built_widget(), QuestionEditor):
            editor.follow(ids)
        self.refresh()
        self.status_line.tell(text, undo)
        self.bank_changed.emit()

    # Levels ----------------------------------------------------------------------------

    def edit_levels(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        text, ok = QInputDialog.getMultiLineText(
            self, _("Danh sách mức độ"), _("Mỗi dòng một mức độ (theo thứ tự):"), "\n".join(self.levels))
        if ok:
            self.apply_levels(text.split("\n"))

    def apply_levels(self, names: list[str]) -> tuple[str, ...]:
        """Make *names* the level list (saved in the settings) and offer it everywhere."""
        from lecturer_app.core.questions.levels import set_levels

        set_levels(self.context.settings, names)
        self.context.save_settings()
        self.levels = configured_levels(self.context.settings)
        self.filters.set_levels(self.levels)
        self.editor.set_levels(self.levels)
        self.quality.levels = self.levels
        self.bulk_level.clear()
        for level in self.levels:
            self.bulk_level.addItem(level_label(level), level)
        self.refresh()
        return self.levels

    # Files -----------------------------------------------------------------------------

    def open_import(self) -> int:
        from lecturer_app.ui.questions.import_dialog import ImportDialog

        dialog = ImportDialog(self.store, self.context.workspace.blobs, self.context.bank.topics(), self.levels, self,
                              runner=self.runner, worker_store=self.context.worker_store if self.runner else None)
        dialog.start_folder = self.remembered.folder("questions_import", Path.home())
        dialog.exec()
        if dialog.path_edit.text().strip():
            self.remembered.remember_folder("questions_import", Path(dialog.path_edit.text().strip()).parent)
        if dialog.imported:
            self.imported(dialog.imported_ids)
        return dialog.imported

    def imported(self, ids: list[str]) -> None:
        """After an import: refresh, and say so with a way to see the new questions."""
        self.filters.reload()
        self.refresh()
        # The Excel template's «Trạng thái» column may say «Đã duyệt»; every other question arrives a draft.
        message = _("Đã nhập {n} câu hỏi vào ngân hàng (trạng thái Nháp, trừ câu mà tệp Excel ghi «Đã duyệt»).").format(
            n=len(ids))
        self.status_line.tell(message)
        self.bank_changed.emit()
        self.notice = notify_done(self, _("Nhập xong"), message,
                                  [(_("Xem các câu vừa nhập"), lambda: self.show_questions(ids))])

    def show_questions(self, ids: list[str]) -> None:
        """Clear the filters and select the questions *ids* once the whole bank is listed again."""
        self._ids_to_select = list(ids)
        self.filters.clear()  # reads the list again (on a worker for a big bank); the selection follows it

    def open_export(self) -> None:
        filters = ";;".join(_(f) for f in EXPORT_FILTERS.values())
        start = self.remembered.folder("questions_export", Path.home()) / "cau_hoi.xlsx"
        name, chosen = QFileDialog.getSaveFileName(self, _("Xuất câu hỏi"), str(start), filters)
        if name:
            self.remembered.remember_folder("questions_export", Path(name).parent)
            fmt = next(k for k, v in EXPORT_FILTERS.items() if _(v) == chosen) if chosen else "xlsx"
            with errors_shown(self, _("Xuất câu hỏi")):
                self.export_to(Path(name), fmt)

    def export_to(self, path: Path, fmt: str) -> int:
        """Export the selected questions (or all shown) to *path* in *fmt*; returns how many."""
        from lecturer_app.exporters.questions import exporter
        from lecturer_app.exporters.questions.common import context_from_store

        ids = self.selected_ids() or list(self.model.ids)
        questions = [q for q in (self.store.get(Question, i) for i in ids) if q is not None]
        report = exporter(fmt).export(questions, path, context_from_store(self.store, self.context.workspace.blobs))
        skipped = "; ".join(reason for _label, reason in report.skipped[:3])
        self.status_line.tell(_("Đã xuất {n} câu hỏi vào {file}.").format(n=report.written, file=path.name)
                                  + (f" {skipped}" if skipped else ""))
        return report.written

    def save_template(self) -> None:
        from lecturer_app.exporters.questions.xlsx_writer import write_template

        start = self.remembered.folder("questions_export", Path.home()) / "mau_cau_hoi.xlsx"
        name, _filter = QFileDialog.getSaveFileName(self, _("Lưu tệp Excel mẫu"), str(start), _("Excel (*.xlsx)"))
        if name:
            self.remembered.remember_folder("questions_export", Path(name).parent)
            with errors_shown(self, _("Lưu tệp Excel mẫu")):
                write_template(Path(name))
