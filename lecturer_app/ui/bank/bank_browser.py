"""The left pane: the search box above the bank tree or the search results.

The search runs ``SEARCH_DELAY_MS`` after the last edit (a single-shot timer
restarted on every change), so Vietnamese input methods such as Unikey, which
edit by backspace-and-retype, do not trigger a search per keystroke.  Given an
operation runner (the main window's), the query and its snippets run on a
worker thread with their own connection (10-90 ms at 200,000 questions); of
searches started one after another only the last one's results are shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.i18n import _
from lecturer_app.ui.bank.bank_tree_model import (
    TOPIC_ID_ROLE,
    BankTreeModel,
    label_header,
    widest_texts,
)
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.widgets.readable_column import label_width
from lecturer_app.ui.widgets.wrapping_tree import wrap_tree_text

if TYPE_CHECKING:
    from lecturer_app.core.store.search import SearchHit
    from lecturer_app.ui.bank.search_results_model import SearchResultsModel
    from lecturer_app.ui.operations import OperationRunner
    from lecturer_app.ui.widgets.rich_text_delegate import RichTextDelegate

SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 100


class _ResultsView(QListView):
    activated_row = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        from PySide6.QtCore import Qt  # not at import: this module loads before the first paint (widgets/qt_values.py)

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class BankBrowser(QWidget):
    """Search box, bank tree and results.

    Signals:
        topic_activated(str): the user opened a topic (double-click or Enter).
        searched(str): a search ran (after the debounce) for the given text.
    """

    topic_activated = Signal(str)
    searched = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None,
                 operations: OperationRunner | None = None) -> None:
        super().__init__(parent)
        self._context = context
        # With a runner, searches run off the GUI thread; each started one gets the next number.
        self._operations = operations
        self._searches_started = 0
        self._searches_running = 0
        self._open_when_found = False
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.search_box.setPlaceholderText(_("Tìm chuyên đề, giáo án, câu hỏi… (Ctrl+F)"))
        self.search_box.setAccessibleName(_("Ô tìm kiếm"))
        self.search_box.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run_search)
        self.search_box.textEdited.connect(lambda _text: self.timer.start())
        self.search_box.textChanged.connect(self._on_text_changed)
        self.search_box.returnPressed.connect(self._open_first_result)
        self.tree_model = BankTreeModel(context.bank, self)
        self.tree = self._build_tree()
        # The results' list and model are made by the first search (or the first to ask): the window's first
        # paint shows the tree only.
        self._results_model: SearchResultsModel | None = None
        self._results_delegate: RichTextDelegate | None = None
        self._results: _ResultsView | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("search_status")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tree)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.search_box)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)
        self.status.hide()

    def _build_tree(self) -> QTreeView:
        tree = QTreeView()
        tree.setObjectName("bank_tree")
        tree.setAccessibleName(_("Danh mục chương trình, phần và chuyên đề"))
        tree.setModel(self.tree_model)
        label_header(tree.header())
        tree.setAlternatingRowColors(True)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Sized from the texts these columns can hold: sizing to contents reads every row at startup.
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, max(header.sectionSizeHint(column),
                                             label_width(tree, widest_texts(column), padding=24)))
        # Whole titles, wrapped: "DVM-01 – Chủ nghĩa Mác - Lênin, tư tưởng…" cut short reads as another topic.
        self.tree_delegate = wrap_tree_text(tree, 0)
        tree.expandToDepth(0)
        tree.doubleClicked.connect(self._open_tree_index)
        tree.activated.connect(self._open_tree_index)
        return tree

    @property
    def results_model(self) -> SearchResultsModel:
        """The search results' model, made now if no search has needed it yet."""
        if self._results_model is None:
            from lecturer_app.ui.bank.search_results_model import SearchResultsModel

            self._results_model = SearchResultsModel(self)
        return self._results_model

    @property
    def results(self) -> _ResultsView:
        """The search results' list, made now (in the left pane's stack) if no search has needed it yet."""
        if self._results is None:
            self._results = self._build_results()
            self.stack.addWidget(self._results)
        return self._results

    def _build_results(self) -> _ResultsView:
        view = _ResultsView()
        view.setObjectName("search_results")
        view.setAccessibleName(_("Kết quả tìm kiếm"))
        view.setModel(self.results_model)
        view.setWordWrap(True)
        # Rows are rich text of varying height; laying out 100 at once stalled
        # the window for ~250 ms, so lay them out a screenful at a time.
        view.setLayoutMode(QListView.LayoutMode.Batched)
        view.setBatchSize(15)
        view.setAlternatingRowColors(True)
        view.doubleClicked.connect(self._open_hit)
        view.activated_row.connect(self._open_hit)
        return view

    # Search -------------------------------------------------------------------

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_text_changed(self, text: str) -> None:
        if not text.strip():
            self.timer.stop()
            self._open_when_found = False
            if self._results_model is not None:
                self._results_model.set_hits("", [])
            self.stack.setCurrentWidget(self.tree)
            self.status.hide()

    def _draw_results_as_rich_text(self) -> None:
        # Set on the first search, not at startup: the delegate's module loads QStyle's many enums (~12 ms).
        if self._results_delegate is None:
            from lecturer_app.ui.bank.search_results_model import HTML_ROLE
            from lecturer_app.ui.widgets.rich_text_delegate import RichTextDelegate

            self._results_delegate = RichTextDelegate(HTML_ROLE, self.results)
            self.results.setItemDelegate(self._results_delegate)

    @property
    def searching(self) -> bool:
        """True while a search started on a worker has not come back."""
        return self._searches_running > 0

    def run_search(self) -> None:
        """Search for the box's text now (the debounce timer calls this); on a worker when there is a runner."""
        from lecturer_app.core.store.search import search

        query = self.search_box.text().strip()
        if not query:
            return
        if self._operations is None:
            self._show_results(query, search(self._context.workspace.db, query, limit=SEARCH_LIMIT))
            return
        self._searches_started += 1
        self._searches_running += 1
        number, context = self._searches_started, self._context

        def work(report) -> list[SearchHit]:
            with context.worker_store() as store:
                return search(store.db, query, limit=SEARCH_LIMIT)

        operation = self._operations.run(_("Tìm kiếm"), work, lambda hits: self._found(number, query, hits),
                                         dialog=False)
        operation.finished.connect(self._search_ended)

    def _search_ended(self) -> None:
        self._searches_running -= 1

    def _found(self, number: int, query: str, hits: list[SearchHit]) -> None:
        # A later search, or a cleared box, makes these results stale: showing them would flash old hits.
        if number == self._searches_started and self.search_box.text().strip() == query:
            self._show_results(query, hits)

    def _show_results(self, query: str, hits: list[SearchHit]) -> None:
        self._draw_results_as_rich_text()
        self.results_model.set_hits(query, hits)
        self.stack.setCurrentWidget(self.results)
        if hits:
            self.status.setText(_("{count} kết quả cho «{query}» — nhấn Enter hoặc nháy đúp để mở.").format(
                count=len(hits), query=query))
            self.results.setCurrentIndex(self.results_model.index(0, 0))
        else:
            self.status.setText(_("Không tìm thấy kết quả nào cho «{query}». Có thể gõ không dấu.").format(
                query=query))
        self.status.show()
        self.searched.emit(query)
        if self._open_when_found:
            self._open_when_found = False
            self._open_current_result()

    def _open_first_result(self) -> None:
        # Enter before the results are in opens the first one when they arrive (at once without a runner).
        if self.timer.isActive():
            self.timer.stop()
            self._open_when_found = True
            self.run_search()
        elif self.searching:
            self._open_when_found = True
        else:
            self._open_current_result()

    def _open_current_result(self) -> None:
        if self._results is None:
            return
        index = self.results.currentIndex()
        if self.stack.currentWidget() is self.results and index.isValid():
            self._open_hit(index)

    def _open_hit(self, index: QModelIndex) -> None:
        from lecturer_app.ui.bank.search_results_model import HIT_ROLE

        hit = index.data(HIT_ROLE)
        if hit is not None and hit.topic_id:
            self.topic_activated.emit(hit.topic_id)

    def _open_tree_index(self, index: QModelIndex) -> None:
        topic_id = self.tree_model.index(index.row(), 0, index.parent()).data(TOPIC_ID_ROLE)
        if topic_id:
            self.topic_activated.emit(topic_id)

    def reload(self) -> None:
        """Rebuild the tree after records changed; a tree that shows the same rows is left as the lecturer had it."""
        if self.tree_model.reload():
            self.tree.expandToDepth(0)
