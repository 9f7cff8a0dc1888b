"""The Lịch sử tab: every revision of the topic, what each changed, and restore.

Select one revision to see what it changed (a written-plan section, a slide,
the topic info…), or two to compare the plan and the slides between them,
side by side per section and per slide (``history_html``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.bank.history import HistoryEntry, restore_plan_at, restore_revision, topic_history
from lecturer_app.core.bank.revision_change import PLAN_KINDS, RevisionChange, revision_change
from lecturer_app.core.model import Topic
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.summaries import summary_text
from lecturer_app.i18n import _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.topic.history_html import change_html
from lecturer_app.ui.topic.history_model import HistoryModel, local_time
from lecturer_app.ui.widgets.icons import icon


class HistoryPanel(QWidget):
    """Revisions of one topic with a diff view and restore buttons.

    Signals:
        restored(): a restore wrote new revisions (editors reload).
    """

    restored = Signal()
    loaded = Signal()

    def __init__(self, context: AppContext, topic: Topic, operations=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.topic = topic
        # With a runner, the history query (a scan of the revision log) runs off the GUI thread.
        self.operations = operations
        self.model = HistoryModel(context.store.device, self)
        self.table = QTableView()
        self.table.setObjectName("history_table")
        self.table.setAccessibleName(_("Các phiên bản"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Sized from the rows in view, not every revision: measuring each cell of a long history held the
        # window ~40 ms when the list arrived (the cells of a column are alike: times, types, names).
        header.setResizeContentsPrecision(0)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_diff())
        self.diff_view = QTextBrowser()
        self.diff_view.setObjectName("diff_view")
        self.diff_view.setAccessibleName(_("So sánh các phiên bản"))
        self.diff_title = QLabel()
        self.diff_title.setWordWrap(True)
        self.show_same = QCheckBox(_("Hiện cả các mục không đổi"))
        self.show_same.toggled.connect(lambda _c: self.show_diff())
        # Short button texts, the whole sentence in the tooltip: the tab fits beside the bank tree on a laptop.
        self.restore_one = QPushButton(icon("restore"), _("Khôi phục mục đã chọn"))
        self.restore_one.setToolTip(_("Khôi phục mục đã chọn về phiên bản này"))
        self.restore_one.clicked.connect(self.restore_selected)
        self.restore_plan = QPushButton(icon("restore"), _("Khôi phục cả giáo án viết"))
        self.restore_plan.setToolTip(_("Đưa cả giáo án viết về thời điểm này"))
        self.restore_plan.clicked.connect(self.restore_plan_to_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_one)
        buttons.addWidget(self.restore_plan)
        buttons.addStretch(1)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.diff_title, 1)
        title_row.addWidget(self.show_same)
        lower_layout.addLayout(title_row)
        lower_layout.addWidget(self.diff_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([260, 440])
        hint = QLabel(_("Chọn một phiên bản để xem nó đã thay đổi gì trong giáo án viết, trang chiếu hay thông tin "
                        "chuyên đề; giữ Ctrl và chọn phiên bản thứ hai để so sánh hai thời điểm."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._loaded = False
        self._stale = True
        # What the selected revisions changed, by their ids; the newest one's is read on the worker with the list.
        self._changes: dict[tuple[str, ...], RevisionChange] = {}
        self._update_buttons()

    def reload_if_stale(self) -> None:
        if self._stale or not self._loaded:
            self.reload(force=True)

    def reload(self, force: bool = False) -> None:
        """Read the history again; while the tab is hidden, only note that it is stale."""
        if not force and not self.isVisible():
            self._stale = True
            return
        self._loaded, self._stale = True, False
        if self.operations is None:
            self._show_entries(_history_and_newest_change(self.context.store, self.topic.id))
            return
        topic_id = self.topic.id

        def work(report) -> tuple:
            with self.context.worker_store() as store:
                return _history_and_newest_change(store, topic_id)

        self.operations.run(_("Đọc lịch sử"), work, self._show_entries)

    def _show_entries(self, found: tuple) -> None:
        entries, self._changes = found
        self.model.set_entries(entries)
        if self.operations is None:
            self._select_newest()
            return
        # The list is laid out on this turn, the newest revision selected and its diff drawn on the next:
        # each is a step of the GUI thread of its own (issue #16: no step over 50 ms).
        QTimer.singleShot(0, self, self._select_newest)

    def _select_newest(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
        self.show_diff()
        self.loaded.emit()

    def selected_entries(self) -> list[HistoryEntry]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.entries[r] for r in rows]

    def _update_buttons(self) -> None:
        chosen = self.selected_entries() if self._loaded else []
        self.restore_one.setEnabled(len(chosen) == 1)
        self.restore_plan.setEnabled(len(chosen) == 1)

    def show_diff(self) -> None:
        """Show what one selected revision changed, or what changed between two."""
        self._update_buttons()
        chosen = self.selected_entries()
        if not chosen:
            self.diff_title.setText(_("Chưa chọn phiên bản nào."))
            self.diff_view.clear()
            return
        key = tuple(e.rev_id for e in chosen)
        change = self._changes.get(key)
        if change is None:
            # What changed up to a revision never changes (later revisions arrive with higher seq): cached as is.
            change = self._changes[key] = revision_change(self.context.store, self.topic.id, chosen)
        self.diff_title.setText(self._title(chosen, change))
        self.diff_view.setHtml(change_html(change, self.show_same.isChecked(), single=len(chosen) == 1))

    def _title(self, chosen: list[HistoryEntry], change: RevisionChange) -> str:
        """What the pane shows: which record at which moment, against what."""
        if len(chosen) == 1:
            entry = chosen[0]
            time, summary = local_time(entry.hlc), summary_text(entry.summary) or _("không ghi chú")
            if change.slides:
                slide = change.slides[0]
                return _("Trang chiếu {number} “{title}” lúc {time} ({summary}) so với trước đó:").format(
                    number=slide.number or slide.old_number, title=slide.title, time=time, summary=summary)
            if entry.type in PLAN_KINDS:
                return _("Thay đổi của phiên bản {time} ({summary}) so với trước đó:").format(
                    time=time, summary=summary)
            return _("{what} lúc {time} ({summary}) so với trước đó:").format(
                what=self.model.cell(entry, 3), time=time, summary=summary)
        first, last = min(chosen, key=lambda e: e.seq), max(chosen, key=lambda e: e.seq)
        times = {"old": local_time(first.hlc), "new": local_time(last.hlc)}
        # The plan's header belongs to the written plan, the deck settings to the deck: neither widens the title.
        records = {record.type for record in change.records}
        if change.slides is None and records <= {"written_plan"}:
            return _("Giáo án viết lúc {old} (trái) so với lúc {new} (phải):").format(**times)
        if change.sections is None and records <= {"slide_deck"}:
            return _("Giáo án điện tử lúc {old} (trái) so với lúc {new} (phải):").format(**times)
        return _("Chuyên đề lúc {old} (trái) so với lúc {new} (phải):").format(**times)

    def restore_selected(self) -> None:
        chosen = self.selected_entries()
        if len(chosen) == 1:
            restore_revision(self.context.store, chosen[0])
            self._after_restore()

    def restore_plan_to_selected(self) -> None:
        chosen = self.selected_entries()
        if len(chosen) == 1:
            restore_plan_at(self.context.store, self.topic.id, chosen[0].seq,
                            _("Khôi phục giáo án viết về lúc {time}").format(time=local_time(chosen[0].hlc)))
            self._after_restore()

    def _after_restore(self) -> None:
        self.reload(force=True)
        self.restored.emit()


def _history_and_newest_change(store: Store, topic_id: str) -> tuple[list[HistoryEntry], dict]:
    """The topic's history, and what its newest revision changed (it is selected when shown)."""
    entries = topic_history(store, topic_id)
    if not entries:
        return entries, {}
    return entries, {(entries[0].rev_id,): revision_change(store, topic_id, entries[:1])}
