"""Bản chính thức: a topic's official content beside the lecturer's own, and «Áp dụng bản chính thức».

The list names each record whose official content (an editor's mark, or a
new shipped bank) differs from what this machine shows; the view puts the
two side by side as the conflicts dialog does (``conflict_view.py``).
Adopting writes, per record, a revision whose parents are the lecturer's
version and the official one (``core/bank/official.adopt_official``): the
lecturer's draft stays in the history.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.i18n import _
from lecturer_app.ui.sync.compare_pane import compare_pane
from lecturer_app.ui.sync.conflict_view import conflict_html, type_name
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


class OfficialDialog(QDialog):
    """The official updates of one topic.

    Signals:
        adopt_requested(object): the record ids to adopt (None: all); the owner runs it and calls ``show_status``.
    """

    adopt_requested = Signal(object)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status: Any = None
        self.setWindowTitle(_("Bản chính thức: {title}").format(title=title))
        self.setObjectName("official_dialog")
        self.resize(1100, 640)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list, self.view, splitter = compare_pane(_("Mục khác bản chính thức"),
                                                      _("So sánh bản đang dùng với bản chính thức"),
                                                      self._show_selected)
        self.adopt_one = QPushButton(_("Áp dụng mục này"))
        self.adopt_all = QPushButton(_("Áp dụng bản chính thức"))
        self.adopt_all.setObjectName("adopt_official")
        self.adopt_one.clicked.connect(lambda: self._adopt([self.selected_record()]))
        self.adopt_all.clicked.connect(lambda: self._adopt(None))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.adopt_one)
        row.addWidget(self.adopt_all)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.intro, 0), (splitter, 1)):
            layout.addWidget(widget, stretch)
        layout.addLayout(row)
        layout.addWidget(close)

    def show_status(self, status: Any) -> None:
        """Show *status* (an OfficialStatus)."""
        self.status = status
        mark = status.mark
        who = _("Biên tập viên {who} duyệt lúc {at}.").format(who=mark.author or "-", at=mark.hlc[:16].replace(
            "T", " ")) if mark is not None else _("Ngân hàng chuyên đề mới đi kèm ứng dụng.")
        if status.updates:
            text = _("{who} Các mục dưới đây khác bản bạn đang dùng. Áp dụng bản chính thức giữ bản của bạn trong "
                     "lịch sử (khôi phục được bất cứ lúc nào).").format(who=who)
        else:
            text = _("{who} Chuyên đề đang dùng đúng bản chính thức.").format(who=who)
        self.intro.setText(text)
        self.list.clear()
        for update in status.updates:
            item = QListWidgetItem(f"{type_name(update.official.type)}: {update.label or update.record_id[:12]}")
            item.setData(Qt.ItemDataRole.UserRole, update.record_id)
            self.list.addItem(item)
        self.list.setCurrentRow(0 if status.updates else -1)
        self.adopt_all.setEnabled(bool(status.updates))
        self._show_selected()

    def selected_record(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _show_selected(self) -> None:
        record_id = self.selected_record()
        update = next((u for u in self.status.updates if u.record_id == record_id), None) if self.status else None
        self.adopt_one.setEnabled(update is not None)
        if update is None:
            self.view.setHtml("<p>" + _("Không có khác biệt.") + "</p>")
            return
        mine = update.drafts[0] if update.drafts else update.official
        self.view.setHtml(conflict_html(mine, update.official, titles=[_("Bản đang dùng"), _("Bản chính thức")]))

    def _adopt(self, record_ids: list[str | None] | None) -> None:
        self.adopt_one.setEnabled(False)
        self.adopt_all.setEnabled(False)
        self.adopt_requested.emit(record_ids)
