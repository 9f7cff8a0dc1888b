"""Xung đột: the records edited differently on several machines, every version side by side, resolved by a button.

One [Lấy bản …] button per head ([Lấy bản này] / [Lấy bản kia] for two,
[Lấy bản 1]… [Lấy bản N] when three or more machines edited the record):
each writes a revision whose parents are all the heads
(``core/store/conflicts.resolve``), which ends the conflict on every replica
it reaches.  [Sửa kết hợp] opens the record's editor: saving there is an
ordinary save, which also takes every head as parent.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.model import Topic
from lecturer_app.core.store.conflicts import Conflict, heads_of, list_conflicts, resolve
from lecturer_app.core.store.revisions import Revision
from lecturer_app.i18n import _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.sync.compare_pane import compare_pane
from lecturer_app.ui.sync.conflict_view import conflict_html, head_titles, this_machine_first, type_name
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

# Record types whose editor is a topic page (its plan, slides or information).
EDITED_ON_TOPIC_PAGE = ("topic", "plan_section", "slide")


class ConflictsDialog(QDialog):
    """The list of records in conflict and, for the selected one, every head side by side with its button.

    Signals:
        resolved(record_id): a conflict was resolved here (views and the status-bar button refresh).

    Args:
        open_topic: opens a topic page by topic id (the main window's ``open_topic``).
    """

    resolved = Signal(str)

    def __init__(self, context: AppContext, open_topic: Callable[[str], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.open_topic = open_topic
        self.heads: list[Revision] = []
        self.last_notice: QMessageBox | None = None
        self.setWindowTitle(_("Xung đột giữa các máy"))
        self.resize(1100, 640)
        self._build()
        self.reload()

    def _build(self) -> None:
        intro = QLabel(_("Các bản ghi dưới đây được sửa khác nhau ở nhiều máy. Chọn một bản ghi, so các bản "
                         "rồi chọn bản giữ lại, hoặc sửa kết hợp. Bản không chọn vẫn còn trong lịch sử."))
        intro.setWordWrap(True)
        self.list, self.view, splitter = compare_pane(_("Bản ghi đang xung đột"), _("So sánh các bản"),
                                                      self._show_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._choice_row())
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def _choice_row(self) -> QHBoxLayout:
        self.all_take_buttons: list[QPushButton] = []
        self.take_buttons: list[QPushButton] = []  # the visible ones, one per head
        self.take_row = QHBoxLayout()
        self.combine = QPushButton(_("Sửa kết hợp"))
        self.combine.clicked.connect(self.edit_combined)
        self.heads_note = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.heads_note, 1)
        row.addLayout(self.take_row)
        row.addWidget(self.combine)
        self._take_buttons(2)
        return row

    def _take_buttons(self, count: int) -> None:
        """One «Lấy bản …» button per head (at least two); extra ones are hidden, never deleted mid-click."""
        count = max(2, count)
        while len(self.all_take_buttons) < count:
            button = QPushButton()
            button.setObjectName(f"take_{len(self.all_take_buttons) + 1}")
            button.clicked.connect(self._taker(len(self.all_take_buttons)))
            self.take_row.addWidget(button)
            self.all_take_buttons.append(button)
        for index, (button, title) in enumerate(zip(self.all_take_buttons, head_titles(count), strict=False)):
            button.setText(_("Lấy {version}").format(version=title[:1].lower() + title[1:]))
            button.setVisible(index < count)
        for button in self.all_take_buttons[count:]:
            button.setVisible(False)
        self.take_buttons = self.all_take_buttons[:count]

    def _taker(self, index: int) -> Callable[[], None]:
        return lambda: self.take(index)

    @property
    def take_left(self) -> QPushButton:
        return self.take_buttons[0]

    @property
    def take_right(self) -> QPushButton:
        return self.take_buttons[1]

    # Showing -----------------------------------------------------------------

    def reload(self) -> None:
        """List the conflicts again, keeping the selection when the record is still in conflict."""
        current = self.selected_record()
        self.list.clear()
        for conflict in list_conflicts(self.context.store):
            item = QListWidgetItem(_label(conflict, self._topic_code(conflict.record_id)))
            item.setToolTip(item.text())  # the list is narrow: the whole line on hover
            item.setData(Qt.ItemDataRole.UserRole, conflict.record_id)
            self.list.addItem(item)
        ids = [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]
        self.list.setCurrentRow(ids.index(current) if current in ids else (0 if ids else -1))
        self._show_selected()

    def _topic_code(self, record_id: str) -> str:
        """The code of the topic a slide, plan section, plan or deck belongs to ("" for other records).

        Every deck has a «Kết cấu bài giảng» slide: its title alone does not say which topic's is in conflict.
        """
        store = self.context.store
        topic_id = next((head.body.get("topic_id") for head in store.log.heads(record_id)), None)
        if not isinstance(topic_id, str) or not topic_id:
            return ""
        found = store.select(Topic, "id = ?", [topic_id])
        return found[0].code if found else ""

    def selected_record(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_selected(self) -> None:
        record_id = self.selected_record()
        store = self.context.store
        self.heads = this_machine_first(heads_of(store, record_id), store.device) if record_id else []
        self._take_buttons(len(self.heads))
        for button in (*self.take_buttons, self.combine):
            button.setEnabled(len(self.heads) >= 2)
        if len(self.heads) < 2:
            self.view.setHtml("<p>" + _("Không còn xung đột nào.") + "</p>")
            self.heads_note.clear()
            return
        self.view.setHtml(conflict_html(*self.heads, this_device=store.device))
        # Every version is shown; taking one ends the conflict of all of them at once.
        self.heads_note.setText(_("{n} bản khác nhau; lấy một bản sẽ kết thúc tất cả").format(n=len(self.heads))
                                if len(self.heads) > 2 else "")

    # Resolving ---------------------------------------------------------------

    def take(self, index: int) -> None:
        """Keep head *index* (this machine's first, then display order: 0 is «bản này» / «bản 1»)."""
        record_id = self.selected_record()
        if record_id is None or index >= len(self.heads):
            return
        resolve(self.context.store, record_id, self.heads[index].rev_id)
        self.resolved.emit(record_id)
        self.reload()

    def edit_combined(self) -> None:
        """Open the editor of the selected record; saving there ends the conflict."""
        record_id = self.selected_record()
        if record_id is None or not self.heads:
            return
        head = next((h for h in self.heads if not h.deleted), self.heads[0])
        topic_id = record_id if head.type == "topic" else str(head.body.get("topic_id", ""))
        if head.type in EDITED_ON_TOPIC_PAGE and topic_id:
            self.open_topic(topic_id)
            self._notice(_("Đã mở trang chuyên đề, đang hiện một trong hai bản. Sửa cho kết hợp cả hai bản (so lại ở "
                           "cửa sổ Xung đột) rồi lưu: lần lưu đó kết thúc xung đột."))
            return
        self._notice(_("{type} chưa có trang sửa riêng trong cửa sổ này. Hãy chọn «Lấy bản này» hoặc «Lấy bản "
                       "kia», rồi sửa bản ghi ở nơi thường sửa nó (ví dụ ngân hàng câu hỏi của chuyên đề): "
                       "bản không chọn vẫn còn trong lịch sử.").format(type=type_name(head.type)))

    def _notice(self, text: str) -> None:
        box = self.last_notice = QMessageBox(QMessageBox.Icon.Information, _("Sửa kết hợp"), text,
                                             QMessageBox.StandardButton.Close, self)
        translate_buttons(box)
        box.open()


def _label(conflict: Conflict, topic_code: str = "") -> str:
    title = conflict.title or conflict.record_id[:12]
    flag = _(" (một bản đã xóa)") if any(h.deleted for h in conflict.heads) else ""
    where = f" ({topic_code})" if topic_code and conflict.type != "topic" else ""
    return f"{type_name(conflict.type)}{where}: {title}{flag}"
