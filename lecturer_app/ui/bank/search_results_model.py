"""Search hits as a list model; snippets carry ``[`` ``]`` marks shown in bold."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from lecturer_app.core.store.search import MARK_END, MARK_START, SearchHit
from lecturer_app.core.text.markdown_inline import plain_inline
from lecturer_app.i18n import N_, _

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_LABELS = {
    "topic": N_("Chuyên đề"), "plan": N_("Giáo án viết"), "plan_section": N_("Giáo án viết"),
    "slide": N_("Trang chiếu"),
    "question": N_("Câu hỏi"),
}

Index = QModelIndex | QPersistentModelIndex


def snippet_html(snippet: str) -> str:
    """Escape *snippet* (Markdown marks dropped) and turn its match marks into ``<b>`` … ``</b>``."""
    escaped = html.escape(plain_inline(snippet), quote=False)
    return escaped.replace(MARK_START, "<b>").replace(MARK_END, "</b>")


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


class SearchResultsModel(QAbstractListModel):
    """The hits of the last query."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self.query = ""

    def set_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.query = query
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.hits):
            return None
        hit = self.hits[index.row()]
        heading = f"{hit.topic_code} · {kind_label(hit.kind)}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            plain = plain_inline(hit.snippet).replace(MARK_START, "").replace(MARK_END, "")
            return f"{heading}: {hit.title}\n{plain}"
        if role == HTML_ROLE:
            return (f"<span style='color:#555'>{html.escape(heading)}</span> "
                    f"<b>{html.escape(hit.title)}</b><br>{snippet_html(hit.snippet)}")
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.title
        return None
