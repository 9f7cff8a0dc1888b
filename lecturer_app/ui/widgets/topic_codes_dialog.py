"""«Chọn chuyên đề»: the bank's topics with a check box each, grouped by program, searched as you type.

Opened by a topics field's «Chọn…» button: a lecturer on the first day does
not know that the topic they teach is «NTD-01».  The search compares without
accents (đ as d), as every search of the app does.  Enter is «Đồng ý», Esc
«Hủy»; Down in the search field goes to the list, Space ticks a topic.

Beside each topic, how many of its questions the screen could draw: reviewed
ones, and the drafts besides (a draw takes drafts only when the screen's «Dùng
cả câu hỏi nháp» is ticked).  The counts come from a worker thread (a bank of
200,000 questions takes some 0.3 s of CPU to count): the list opens at once
with «…» in their place.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.bank.topic_codes import QuestionCount, TopicCatalogue, TopicChoice, unknown_message
from lecturer_app.i18n import _, ngettext
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

CODE_ROLE = Qt.ItemDataRole.UserRole
CODE, TITLE, REVIEWED, DRAFTS = range(4)
COUNTING = "…"  # in a count's place until the worker thread has counted
# Fits a 1280×720 screen less its taskbar with room to spare; long titles are elided, whole in the tooltip.
DIALOG_SIZE = (760, 520)


class TopicCodesDialog(QDialog):
    """The topics of *catalogue*, those in *chosen* ticked; ``chosen_codes()`` after it is accepted."""

    def __init__(self, catalogue: TopicCatalogue, chosen: Collection[str], *, unknown: Collection[str] = (),
                 counts: Mapping[str, QuestionCount] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Chọn chuyên đề"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("Tìm theo mã hoặc tên chuyên đề (không cần dấu)…"))
        self.search.setAccessibleName(_("Tìm chuyên đề"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(_("Danh sách chuyên đề"))
        self.tree.setHeaderLabels([_("Mã"), _("Tên chuyên đề"), _("Câu đã duyệt"), _("Câu nháp")])
        header_item = self.tree.headerItem()
        header_item.setToolTip(REVIEWED, _("Số câu hỏi đã duyệt của chuyên đề mà màn hình này dùng được"))
        header_item.setToolTip(DRAFTS, _("Số câu hỏi nháp (chưa duyệt) của chuyên đề: chỉ dùng khi đánh dấu "
                                         "«Dùng cả câu hỏi nháp (chưa duyệt)»"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in (CODE, REVIEWED, DRAFTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        self.tree.setUniformRowHeights(True)
        self._fill(catalogue.topics, set(chosen))
        if counts is not None:
            self.set_counts(counts)
        self.tree.itemChanged.connect(lambda _item, _column: self._count())
        self.count_label = QLabel(self)
        self.unknown_label = QLabel(unknown_message(unknown) if unknown else "", self)
        self.unknown_label.setWordWrap(True)
        self.unknown_label.setStyleSheet("color: #a00000;")
        self.unknown_label.setVisible(bool(unknown))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        translate_buttons(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)  # Enter, from the search field too
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.search, self.tree, self.count_label, self.unknown_label, buttons):
            layout.addWidget(widget, 1 if widget is self.tree else 0)
        self._count()
        self.resize(*DIALOG_SIZE)
        self.search.setFocus()

    def _fill(self, topics: Collection[TopicChoice], chosen: set[str]) -> None:
        # (program row or None, its topic rows), kept here: the tree hands its items back as Optional.
        self._rows: list[tuple[QTreeWidgetItem | None, list[QTreeWidgetItem]]] = []
        groups: dict[str, QTreeWidgetItem] = {}
        grouped = any(choice.group for choice in topics)  # a bank with no program: one flat list
        for choice in topics:
            parent: QTreeWidget | QTreeWidgetItem = self.tree
            if grouped:
                if choice.group not in groups:
                    groups[choice.group] = self._group_item(choice.group or _("Chuyên đề không thuộc chương trình"))
                    self._rows.append((groups[choice.group], []))
                parent = groups[choice.group]
            elif not self._rows:
                self._rows.append((None, []))
            item = QTreeWidgetItem(parent, [choice.code, choice.title, COUNTING, COUNTING])
            for column in (REVIEWED, DRAFTS):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self._rows[-1][1].append(item)
            item.setData(0, CODE_ROLE, choice.code)
            item.setToolTip(1, choice.title)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if choice.code in chosen else Qt.CheckState.Unchecked)
        self.tree.expandAll()

    def set_counts(self, counts: Mapping[str, QuestionCount] | None) -> None:
        """Show each topic's counts (a topic without questions: 0); None: they could not be read («?»)."""
        if counts is None:
            for item in self._topic_items():
                for column in (REVIEWED, DRAFTS):
                    item.setText(column, "?")
                    item.setToolTip(column, _("Không đếm được số câu hỏi (xem nhật ký của ứng dụng)."))
            return
        for item in self._topic_items():
            count = counts.get(str(item.data(0, CODE_ROLE)), QuestionCount())
            item.setText(REVIEWED, str(count.reviewed))
            item.setText(DRAFTS, str(count.drafts))

    def counts_shown(self) -> dict[str, tuple[str, str]]:
        """Code → the two counts as the list shows them («…» while counting)."""
        return {str(item.data(0, CODE_ROLE)): (item.text(REVIEWED), item.text(DRAFTS)) for item in self._topic_items()}

    def _group_item(self, name: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self.tree, [name])
        item.setFirstColumnSpanned(True)
        # Ticking a program ticks its topics; its box shows whether some or all of them are ticked.
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
        return item

    def _topic_items(self) -> list[QTreeWidgetItem]:
        return [item for _group, items in self._rows for item in items]

    def chosen_codes(self) -> list[str]:
        """The ticked topics' codes, in the list's order."""
        return [str(item.data(0, CODE_ROLE)) for item in self._topic_items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def _count(self) -> None:
        n = len(self.chosen_codes())
        self.count_label.setText(ngettext("Đã chọn {n} chuyên đề", n).format(n=n))

    def _filter(self, text: str) -> None:
        for group, items in self._rows:
            for item in items:
                item.setHidden(not TopicChoice(item.text(0), item.text(1)).matches(text))
            if group is not None:
                group.setHidden(all(item.isHidden() for item in items))

    def _shown_items(self) -> list[QTreeWidgetItem]:
        return [item for group, items in self._rows if group is None or not group.isHidden()
                for item in items if not item.isHidden()]

    def shown_codes(self) -> list[str]:
        """The codes of the topics the search leaves in the list, in its order."""
        return [str(item.data(0, CODE_ROLE)) for item in self._shown_items()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # Down from the search field goes to the first topic shown, as in a browser's address bar.
        if (watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Down):
            shown = self._shown_items()
            if shown:
                self.tree.setCurrentItem(shown[0])
                self.tree.setFocus()
                return True
        return super().eventFilter(watched, event)
