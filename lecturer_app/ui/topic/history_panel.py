"""The Lịch sử tab: every revision of the topic, a per-section diff, and restore.

Select one revision to see what it changed in the written plan, or two to
compare the plan between them, side by side per section.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

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

from lecturer_app.core.bank.history import (
    HistoryEntry,
    plan_at,
    restore_plan_at,
    restore_revision,
    topic_history,
)
from lecturer_app.core.model import Topic
from lecturer_app.core.plans.diff import ADDED, REMOVED, SAME, DiffRow, SectionDiff, diff_plan
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.text.markdown_inline import inline_html
from lecturer_app.i18n import N_, _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.topic.history_model import HistoryModel, local_time
from lecturer_app.ui.widgets.icons import icon

ROW_COLORS = {"delete": "#fde2e1", "insert": "#dcf5dc", "replace": "#fff3c4"}


def diff_table(rows: Sequence[DiffRow]) -> str:
    """Line-diff *rows* as a two-column HTML table, changed lines coloured by their kind."""
    parts = ["<table width='100%' cellspacing='0' cellpadding='3' style='border-collapse:collapse'>"]
    for row in rows:
        color = ROW_COLORS.get(row.kind, "")
        style = f" style='background:{color}'" if color else ""
        # Bold shown as bold, not as "**" (issue #15): the lecturer compares text, not Markdown.
        parts.append(f"<tr><td width='50%'{style}>{inline_html(row.left)}</td>"
                     f"<td width='50%'{style}>{inline_html(row.right)}</td></tr>")
    parts.append("</table>")
    return "".join(parts)
STATUS_TEXT = {ADDED: N_("mục mới"), REMOVED: N_("đã xóa"), "changed": N_("có thay đổi")}


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
        self.diff_view.setAccessibleName(_("So sánh giáo án viết"))
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
        hint = QLabel(_("Chọn một phiên bản để xem nó đã thay đổi gì trong giáo án viết; giữ Ctrl và chọn "
                        "phiên bản thứ hai để so sánh hai thời điểm."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self._loaded = False
        self._stale = True
        # The plans compared for the newest revision, read on the worker with the list: (older, newer) seq → plans.
        self._plans: dict[tuple[int, int], tuple[list, list]] = {}
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
            self._show_entries(_history_and_newest_plans(self.context.store, self.topic.id))
            return
        topic_id = self.topic.id

        def work(report) -> tuple:
            with self.context.worker_store() as store:
                return _history_and_newest_plans(store, topic_id)

        self.operations.run(_("Đọc lịch sử"), work, self._show_entries)

    def _show_entries(self, found: tuple) -> None:
        entries, self._plans = found
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
        """Diff the plan before/after one selected revision, or between two."""
        self._update_buttons()
        chosen = self.selected_entries()
        if not chosen:
            self.diff_title.setText(_("Chưa chọn phiên bản nào."))
            self.diff_view.clear()
            return
        older, newer = (min(e.seq for e in chosen), max(e.seq for e in chosen))
        if len(chosen) == 1:
            older -= 1
            self.diff_title.setText(_("Thay đổi của phiên bản {time} ({summary}) so với trước đó:").format(
                time=local_time(chosen[0].hlc), summary=chosen[0].summary or _("không ghi chú")))
        else:
            first = next(e for e in chosen if e.seq == min(x.seq for x in chosen))
            last = next(e for e in chosen if e.seq == newer)
            self.diff_title.setText(_("Giáo án viết lúc {old} (trái) so với lúc {new} (phải):").format(
                old=local_time(first.hlc), new=local_time(last.hlc)))
        before, after = self._plans.get((older, newer)) or self._read_plans(older, newer)
        self.diff_view.setHtml(diff_html(diff_plan(before, after), self.show_same.isChecked()))

    def _read_plans(self, older: int, newer: int) -> tuple[list, list]:
        # The plan at a revision never changes (later revisions arrive with higher seq): no cache to invalidate.
        store, topic_id = self.context.store, self.topic.id
        return plan_at(store, topic_id, older)[1], plan_at(store, topic_id, newer)[1]

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


def _history_and_newest_plans(store: Store, topic_id: str) -> tuple[list[HistoryEntry], dict]:
    """The topic's history, and the plans the newest revision's diff compares (it is selected when shown)."""
    entries = topic_history(store, topic_id)
    if not entries:
        return entries, {}
    seq = entries[0].seq
    return entries, {(seq - 1, seq): (plan_at(store, topic_id, seq - 1)[1], plan_at(store, topic_id, seq)[1])}


def diff_html(diffs: list[SectionDiff], show_same: bool = False) -> str:
    """The diff as an HTML table per section: old text left, new text right."""
    parts = []
    shown = [d for d in diffs if show_same or d.status != SAME]
    if not shown:
        unchanged = _("Phiên bản này không thay đổi nội dung giáo án viết (có thể là một lần đặt tên "
                      "phiên bản, hoặc thay đổi ở trang chiếu, thông tin chuyên đề, tệp đính kèm).")
        return "<p>" + html.escape(unchanged) + "</p>"
    for diff in shown:
        heading = html.escape(diff.heading or diff.old_heading)
        status = _(STATUS_TEXT.get(diff.status, "")) if diff.status != SAME else _("không đổi")
        if diff.old_heading and diff.old_heading != diff.heading and diff.status != REMOVED:
            heading = f"{html.escape(diff.old_heading)} → {heading}"
        parts.append(f"<h3>{heading} <small style='color:#666'>({html.escape(status)})</small></h3>")
        parts.append(diff_table(diff.rows))
    return "".join(parts)
