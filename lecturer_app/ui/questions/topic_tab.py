"""The topic page's Câu hỏi tab: the topic's questions with the same editor as the bank."""

from __future__ import annotations

from functools import partial

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.labels import type_label
from lecturer_app.core.model import QUESTION_TYPES, Question, Topic
from lecturer_app.core.questions.levels import level_label
from lecturer_app.core.questions.levels import levels as configured_levels
from lecturer_app.core.questions.query import QuestionFilter, query_ids
from lecturer_app.i18n import _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.questions.editor import QuestionEditor
from lecturer_app.ui.questions.table_model import ID_ROLE, STEM_MINIMUM, QuestionTableModel
from lecturer_app.ui.widgets.readable_column import ReadableColumn, label_width


class TopicQuestionsPanel(QWidget):
    """A topic's questions: list on the left, editor on the right; new questions get the topic."""

    def __init__(self, context: AppContext, topic: Topic, parent: QWidget | None = None, *,
                 runner: OperationRunner | None = None) -> None:
        super().__init__(parent)
        self.context, self.topic = context, topic
        # With the window's runner, the list is read on a worker: sorting a topic's 1,600 questions of a
        # 200,000-question bank in creation order is ~20 ms of SQL.
        self.runner = runner
        self._generation = 0
        self.model = QuestionTableModel(context.store, self)
        self.model.sort_requested.connect(self.reload)
        self.view = QTableView()
        self.view.setAccessibleName(_("Câu hỏi của chuyên đề"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._fit_columns()
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)  # by SQL: the model asks for the ids again
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.editor = QuestionEditor(context.store, configured_levels(context.settings),
                                     blobs=context.workspace.blobs)
        self.editor.default_topic_id = topic.id
        self.editor.saved.connect(lambda _id: self.reload())
        add = QPushButton(_("Thêm câu hỏi"))
        menu = QMenu(add)
        for code in QUESTION_TYPES:
            menu.addAction(type_label(code), partial(self._new_question, code))
        add.setMenu(menu)
        left = QWidget()
        column = QVBoxLayout(left)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setSizes([560, 440])
        QVBoxLayout(self).addWidget(splitter)
        # Loaded when first shown, on the turns after that showing: the list, then the first question in the
        # editor, each on a turn of its own (together with building the tab, one turn took 65-85 ms of CPU).
        self.loaded = False
        self._load_scheduled = False

    def _new_question(self, question_type: str) -> None:
        self.editor.new_question(question_type, [self.topic.id])

    def _fit_columns(self) -> None:
        # The stem is what a lecturer reads, so it takes the room.  The topic column repeats this topic;
        # status and tags are in the editor beside the list (the bank workspace shows every column).
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        levels = map(level_label, configured_levels(self.context.settings))
        for column, width in ((0, label_width(self.view, map(type_label, QUESTION_TYPES))),
                              (2, min(180, label_width(self.view, levels))), (4, 50)):
            self.view.setColumnWidth(column, width)
        for column in (3, 5, 6):
            self.view.setColumnHidden(column, True)
        self._stem_column = ReadableColumn(self.view, 1, minimum=STEM_MINIMUM)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)

    def reload(self) -> None:
        """Read the topic's questions again (on a worker with a runner; an older answer is dropped)."""
        self._generation += 1
        generation, flt, order = self._generation, QuestionFilter(topic_id=self.topic.id), self.model.order
        if self.runner is None:
            self._show(generation, query_ids(self.context.store, flt, order))
            return

        def read(report) -> list[str]:
            with self.context.worker_store() as store:
                return query_ids(store, flt, order)

        self.runner.run(_("Đang tải câu hỏi của chuyên đề"), read, dialog=False,
                        on_success=lambda ids: self._show(generation, ids))

    def _show(self, generation: int, ids: list[str]) -> None:
        if generation != self._generation or not shiboken6.isValid(self.model):
            return  # a newer reading is on its way, or the topic was closed meanwhile
        first = not self.loaded
        current = self.view.currentIndex()
        current_id = self.model.id_at(current.row()) if current.isValid() else ""
        self.model.set_ids(ids)
        if current_id in self.model.rows_of([current_id]):  # the question being edited stays current
            self.view.selectionModel().setCurrentIndex(self.model.index(self.model.row_of(current_id), 0),
                                                       QItemSelectionModel.SelectionFlag.ClearAndSelect
                                                       | QItemSelectionModel.SelectionFlag.Rows)
        self.loaded = True
        if first:
            QTimer.singleShot(0, self, self._open_first_question)

    def _first_load(self) -> None:
        self.reload()

    def _open_first_question(self) -> None:
        # Show a question, not an empty form full of "missing …" warnings (unless one was chosen meanwhile).
        if self.model.rowCount() > 0 and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def reload_if_stale(self) -> None:
        """Called when the tab comes to the front: re-read, unless its first reading is still to come."""
        if self.loaded:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        if not self.loaded and not self._load_scheduled:
            self._load_scheduled = True
            QTimer.singleShot(0, self, self._first_load)
        super().showEvent(event)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        if self.editor.is_dirty and self.model.id_at(current.row()) == self.editor.question_id:
            return  # the question being typed, listed again after a reload
        if self.editor.is_dirty and self.editor.save() is None:
            return
        question = self.context.store.get(Question, self.model.data(current.siblingAtColumn(0), ID_ROLE))
        if question is not None:
            self.editor.load(question)

    def has_unsaved_changes(self) -> bool:
        return self.editor.is_dirty

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt API)
        # Like the plan editor's autosave: leaving the tab (or closing the
        # topic) writes a valid edit instead of dropping it.  An invalid draft
        # stays in the form; it is never saved with a missing key.
        if self.editor.is_dirty:
            self.editor.save()
        super().hideEvent(event)
