"""The bank tree: Chương trình → Phần → Chuyên đề, with counts and status.

Built from ``LessonBank.summaries(question_counts=False)`` in one pass (a
handful of queries for the whole bank, none of them reading every question),
so 125 topics load in milliseconds at any bank size; nothing is queried per
row while painting.  A topic's number of questions, shown only in its
tooltip, is counted when the tooltip is first asked for (one index range).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItemModel
from PySide6.QtWidgets import QHeaderView

from lecturer_app.core.bank.queries import LessonBank, TopicSummary
from lecturer_app.core.labels import topic_status_label
from lecturer_app.i18n import N_, _
from lecturer_app.ui.widgets.qt_values import (
    ACCESSIBLE_TEXT_ROLE,
    DISPLAY_ROLE,
    FONT_ROLE,
    FOREGROUND_ROLE,
    TOOL_TIP_ROLE,
    USER_ROLE,
)

TOPIC_ID_ROLE = USER_ROLE + 1
KIND_ROLE = USER_ROLE + 2
COLUMNS = (N_("Chương trình / Phần / Chuyên đề"), N_("Số tiết"), N_("Tình trạng"))
# The roles data() answers.  Qt asks each cell it lays out or paints for about ten (2,000 calls before the
# window's first paint); the others are answered None before anything else is looked at.
_ANSWERED_ROLES = frozenset((DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE, TOOL_TIP_ROLE, FONT_ROLE, FOREGROUND_ROLE,
                             TOPIC_ID_ROLE, KIND_ROLE))

Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class Node:
    """One row of the tree."""

    kind: str  # "root", "program", "module", "topic"
    label: str = ""
    record_id: str = ""
    summary: TopicSummary | None = None
    parent: Node | None = None
    questions: int | None = None  # counted when the tooltip first asks (the summary does not count them)
    children: list[Node] = field(default_factory=list)

    def add(self, child: Node) -> Node:
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0

    def topic_count(self) -> int:
        if self.kind == "topic":
            return 1
        return sum(child.topic_count() for child in self.children)


def build_tree(bank: LessonBank) -> Node:
    """The tree of every program; a topic taught in two programs appears under both."""
    root = Node("root")
    summaries = {s.topic.id: s for s in bank.summaries(question_counts=False)}
    for program in bank.programs():
        program_node = root.add(Node("program", program.title, program.id))
        modules = {m.id: program_node.add(Node("module", m.title, m.id)) for m in bank.modules(program.id)}
        for summary in sorted(summaries.values(), key=lambda s: s.topic.code):
            for membership in summary.topic.memberships:
                if membership.program_id != program.id:
                    continue
                home = modules.get(membership.module_id or "", program_node)
                home.add(Node("topic", f"{summary.topic.code} – {summary.topic.title}", summary.topic.id, summary))
        program_node.children = [c for c in program_node.children if c.kind == "topic" or c.children]
    return root


def _same_rows(one: Node, other: Node) -> bool:
    """Whether two trees show the same rows: kinds, labels, ids and each topic's summary, in the same order."""
    return (one.kind, one.label, one.record_id, one.summary) == (other.kind, other.label, other.record_id,
                                                                 other.summary) \
        and len(one.children) == len(other.children) \
        and all(_same_rows(a, b) for a, b in zip(one.children, other.children, strict=True))


def _forget_question_counts(node: Node) -> None:
    node.questions = None
    for child in node.children:
        _forget_question_counts(child)


def content_text(summary: TopicSummary, questions: int) -> str:
    """"8 mục · 15 trang chiếu · 12 câu hỏi" (the tooltip of a topic row)."""
    return _("{sections} mục giáo án viết · {slides} trang chiếu · {questions} câu hỏi").format(
        sections=summary.sections, slides=summary.slides, questions=questions)


PROGRESS_LABELS = (N_("Đủ"), N_("Đang soạn"), N_("Chưa soạn"))


def progress_text(summary: TopicSummary) -> str:
    """Đủ / Đang soạn / Chưa soạn: how far the topic's materials are."""
    parts = (summary.sections, summary.slides, summary.has_questions)
    if all(parts):
        return _(PROGRESS_LABELS[0])
    return _(PROGRESS_LABELS[1]) if any(parts) else _(PROGRESS_LABELS[2])


def widest_texts(column: int) -> list[str]:
    """Every text column 1 or 2 can show at its widest, so the view can size it without reading every row."""
    return ["888"] if column == 1 else [_(label) for label in PROGRESS_LABELS]


class BankTreeModel(QAbstractItemModel):
    """A read-only tree over :func:`build_tree`; call :meth:`reload` after changes.

    Rows are enabled and selectable, QAbstractItemModel's default flags.
    """

    def __init__(self, bank: LessonBank, parent: Any = None) -> None:
        super().__init__(parent)
        self._bank = bank
        self._root = build_tree(bank)

    def reload(self) -> bool:
        """Read the tree again; True when what it shows changed (the rows were reset), False when it did not.

        A question saved, imported or synced changes a topic's row only when it gives the topic its first
        question or takes its last: otherwise the view keeps its rows, selection, scroll and open programs
        (a reset lost them on every save, and laid out every row again on the GUI thread).  Only the
        question counts the tooltips read once are forgotten.
        """
        root = build_tree(self._bank)
        if _same_rows(root, self._root):
            _forget_question_counts(self._root)
            return False
        self.beginResetModel()
        self._root = root
        self.endResetModel()
        return True

    def node(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        owner = self.node(index).parent
        if owner is None or owner is self._root:
            return QModelIndex()
        return self.createIndex(owner.row(), 0, owner)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Any, role: int = DISPLAY_ROLE) -> Any:  # noqa: N802 (Qt API)
        """The column titles, for whoever asks the model (the bank tree's header has its own: label_header)."""
        from PySide6.QtCore import Qt

        if orientation == Qt.Orientation.Horizontal and role == DISPLAY_ROLE:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = DISPLAY_ROLE) -> Any:
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        node = self.node(index)
        if role == TOPIC_ID_ROLE:
            return node.record_id if node.kind == "topic" else None
        if role == KIND_ROLE:
            return node.kind
        if role in (DISPLAY_ROLE, ACCESSIBLE_TEXT_ROLE):
            return self._display(node, index.column())
        if role == TOOL_TIP_ROLE and node.summary is not None:
            return self._tooltip(node.summary, self._question_count(node))
        if role == FONT_ROLE and node.kind in ("program", "module"):
            font = QFont()
            font.setBold(node.kind == "program")
            return font
        if role == FOREGROUND_ROLE and node.summary and node.summary.topic.status != "hien_hanh":
            return QBrush(QColor("#7a7a7a"))
        return None

    @staticmethod
    def _display(node: Node, column: int) -> str:
        if column == 0:
            if node.kind == "topic":
                return node.label
            return f"{node.label} ({node.topic_count()})"
        if node.summary is None:
            return ""
        if column == 1:
            return str(node.summary.topic.periods or "")
        return progress_text(node.summary)

    def _question_count(self, node: Node) -> int:
        if node.questions is None:  # read once per tree: the tree is rebuilt whenever questions change
            node.questions = self._bank.question_count(node.record_id)
        return node.questions

    @staticmethod
    def _tooltip(summary: TopicSummary, questions: int) -> str:
        topic = summary.topic
        status = topic_status_label(topic.status)
        lines = [topic.title, content_text(summary, questions), _("Trạng thái: {status}").format(status=status)]
        if topic.sample:
            lines.append(_("Chuyên đề mẫu (đầy đủ giáo án, trang chiếu, câu hỏi)"))
        return "\n".join(lines)

    def topic_indexes(self, parent: Index = QModelIndex()) -> list[QModelIndex]:
        """Every topic row (column 0) under *parent*, in display order."""
        found: list[QModelIndex] = []
        for row in range(self.rowCount(parent)):
            child = self.index(row, 0, parent)
            if self.node(child).kind == "topic":
                found.append(child)
            else:
                found.extend(self.topic_indexes(child))
        return found


def label_header(header: QHeaderView) -> QStandardItemModel:
    """Give the tree's *header* the column titles from a model of its own; returns that model.

    A header asks its model's ``headerData()`` with a ``Qt.Orientation``: answered in Python, that
    argument alone builds all of Qt's enums before the first paint (``ui/widgets/qt_values.py``).  A
    ``QStandardItemModel`` answers in C++.  The bank tree's columns are fixed, so the two never differ.
    """
    labels = QStandardItemModel(0, len(COLUMNS), header)
    labels.setHorizontalHeaderLabels([_(title) for title in COLUMNS])
    header.setModel(labels)
    return labels
