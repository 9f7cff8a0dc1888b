"""Xuất/Nhập giáo án in the GUI: PPTX/DOCX/PDF export, PPTX/DOCX import, QR handouts.

``install(window)`` adds the actions to the Tệp menu (for the topic in front)
and to every topic page's toolbar (for that page's topic).  The work runs
through ``window.run_operation`` with progress; after an export a notice
offers "Mở thư mục".
"""

from __future__ import annotations

from typing import Any

from lecturer_app.i18n import _


def install(window: Any) -> Any:
    """Wire the document actions into *window*; returns the ``DocumentActions`` (tests use it)."""
    from PySide6.QtGui import QAction

    from lecturer_app.ui.documents.actions import DocumentActions

    actions = DocumentActions(window)
    file_menu = window.menu("file")
    first = file_menu.actions()[0] if file_menu.actions() else None
    for text, name, slot in _entries(actions, window.current_topic):
        action = QAction(text, window)
        action.setObjectName(f"file_{name}")
        action.triggered.connect(slot)
        file_menu.insertAction(first, action)
    if first is not None:
        file_menu.insertSeparator(first)

    def add_to_page(page: Any) -> None:
        for text, name, slot in _entries(actions, lambda: page.topic):
            action = QAction(text, page)
            action.setObjectName(f"topic_{name}")
            action.triggered.connect(slot)
            page.toolbar.addAction(action)

    window.topic_page_hooks.append(add_to_page)
    window.document_actions = actions
    return actions


def _entries(actions: Any, topic_of) -> list[tuple[str, str, Any]]:
    return [
        (_("Xuất giáo án điện tử (PPTX)…"), "export_pptx", lambda: actions.export_topic(topic_of(), "pptx")),
        (_("Xuất giáo án viết (DOCX/PDF)…"), "export_plan", lambda: actions.export_topic(topic_of(), "docx")),
        (_("Phiếu tài liệu (PDF)…"), "export_handout", lambda: actions.export_topic(topic_of(), "handout")),
        (_("Nhập giáo án từ PPTX/DOCX…"), "import", lambda: actions.import_topic(topic_of())),
    ]
