"""The question-bank feature of the GUI, installed into the main window.

``install(window)`` adds the "Ngân hàng câu hỏi" workspace tab, the Tools
menu entries, and replaces each topic page's Câu hỏi tab with the same editor.
Every widget here also works standalone with explicit arguments (tests).
"""

from __future__ import annotations

from typing import Any

from lecturer_app.i18n import _


def install(window: Any) -> None:
    """Wire the question bank into *window* (see ``ui/main_window.py`` extension API)."""
    from PySide6.QtGui import QAction

    from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel
    from lecturer_app.ui.questions.workspace import QuestionBankWorkspace

    workspace = QuestionBankWorkspace(window.context)
    workspace.runner = getattr(window, "operations", None)
    window.add_workspace(workspace, _("Ngân hàng câu hỏi"))
    if hasattr(window, "bank_changed"):
        workspace.bank_changed.connect(window.bank_changed)
    tools = window.menu("tools")
    for text, slot in ((_("Nhập câu hỏi từ tệp…"), workspace.open_import),
                       (_("Xuất câu hỏi…"), workspace.open_export),
                       (_("Kiểm tra chất lượng câu hỏi"), lambda: _show_quality(window, workspace))):
        action = QAction(text, window)
        action.triggered.connect(slot)
        tools.addAction(action)

    def replace_question_tab(page: Any) -> None:
        panel = TopicQuestionsPanel(window.context, page.topic)
        page.replace_tab("questions", panel)
        if hasattr(window, "bank_changed"):
            window.bank_changed.connect(panel.reload)  # e.g. an import in the bank workspace
            panel.editor.saved.connect(lambda _id: workspace.mark_stale())

    window.topic_page_hooks.append(replace_question_tab)


def _show_quality(window: Any, workspace: Any) -> None:
    index = window.tabs.indexOf(workspace) if hasattr(window, "tabs") else -1
    if index >= 0:
        window.tabs.setCurrentIndex(index)
    workspace.side.setCurrentWidget(workspace.quality)
    workspace.quality.run()
