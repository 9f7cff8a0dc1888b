"""The Câu hỏi tab: a read-only list of the topic's questions.

The question-bank feature (``ui/questions``) may replace this tab with its
full editor through ``window.topic_page_hooks`` and ``page.replace_tab``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.model import Topic
from lecturer_app.i18n import _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.topic.question_list_model import QuestionListModel


class QuestionList(QWidget):
    """The questions of one topic, loaded when the tab is first shown."""

    def __init__(self, context: AppContext, topic: Topic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.topic = topic
        self.model = QuestionListModel(parent=self)
        self.view = QTableView()
        self.view.setObjectName("question_table")
        self.view.setAccessibleName(_("Danh sách câu hỏi"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self._loaded = False

    def reload_if_stale(self) -> None:
        """Load on first show (the tab costs nothing until then), and after changes."""
        self.reload()

    def reload(self) -> None:
        questions = self.context.bank.questions(self.topic.id)
        self.model.set_questions(questions)
        self._loaded = True
        if questions:
            summary = _("{count} câu hỏi của chuyên đề này (chỉ xem; soạn câu hỏi ở phần Ngân hàng câu hỏi).")
            self.summary.setText(summary.format(count=len(questions)))
        else:
            self.summary.setText(_("Chuyên đề này chưa có câu hỏi nào."))
        self.view.setVisible(bool(questions))
