"""The question-bank feature of the GUI, installed into the main window.

``install(window)`` adds the "Ngân hàng câu hỏi" workspace tab, the Tools
menu entries, and replaces each topic page's Câu hỏi tab with the same editor.
Every widget here also works standalone with explicit arguments (tests).
"""

from __future__ import annotations

from typing import Any

from lecturer_app.i18n import _


def install(window: Any) -> None:
    """Wire the question bank into *window* (see ``ui/main_window.py`` extension API).

    The workspace tab is built the first time it is shown or one of its
    menu entries is used, so installing costs the startup almost nothing.
    """
    from PySide6.QtGui import QAction

    from lecturer_app.ui.widgets.lazy_widget import LazyWidget

    lazy = LazyWidget(lambda: _build_workspace(window))
    window.add_workspace(lazy, _("Ngân hàng câu hỏi"))
    tools = window.menu("tools")
    def workspace() -> Any:  # the QuestionWorkspace, built on first use
        return lazy.widget()

    for text, slot in ((_("Nhập câu hỏi từ tệp…"), lambda: workspace().open_import()),
                       (_("Xuất câu hỏi…"), lambda: workspace().open_export()),
                       (_("Kiểm tra chất lượng câu hỏi"), lambda: _show_quality(window, lazy))):
        action = QAction(text, window)
        action.triggered.connect(slot)
        tools.addAction(action)

    def question_panel(page: Any) -> Any:
        from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

        panel = TopicQuestionsPanel(window.context, page.topic, runner=getattr(window, "operations", None))
        if hasattr(window, "bank_changed"):
            window.bank_changed.connect(panel.reload)  # e.g. an import in the bank workspace
        panel.editor.saved.connect(lambda _id: _mark_stale(lazy))
        return panel

    def replace_question_tab(page: Any) -> None:
        # Built when the tab is first shown: its editor is a third of the cost of opening a topic.
        page.replace_tab_lazily("questions", lambda: question_panel(page))

    window.topic_page_hooks.append(replace_question_tab)


def _build_workspace(window: Any) -> Any:
    from lecturer_app.ui.questions.workspace import QuestionBankWorkspace

    workspace = QuestionBankWorkspace(window.context)
    workspace.runner = getattr(window, "operations", None)
    if hasattr(window, "bank_changed"):
        workspace.bank_changed.connect(window.bank_changed)
    return workspace


def _mark_stale(lazy: Any) -> None:
    workspace = lazy.built_widget()
    if workspace is not None:  # one not built yet reads the bank when it is
        workspace.mark_stale()


def _show_quality(window: Any, lazy: Any) -> None:
    index = window.tabs.indexOf(lazy) if hasattr(window, "tabs") else -1
    if index >= 0:
        window.tabs.setCurrentIndex(index)
    workspace = lazy.widget()
    workspace.side.setCurrentWidget(workspace.quality)
    workspace.quality.run()
