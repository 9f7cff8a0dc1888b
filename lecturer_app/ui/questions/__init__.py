"""The question-bank feature of the GUI, installed into the main window.

``install(window)`` adds the "Ngân hàng câu hỏi" workspace tab, the Tools
menu entries, and replaces each topic page's Câu hỏi tab with the same editor.
Every widget here also works standalone with explicit arguments (tests).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lecturer_app.i18n import _

if TYPE_CHECKING:  # not at import: this module is installed before the first paint
    from lecturer_app.core.store.changes import ChangeSet
    from lecturer_app.ui.change_feed import ChangeFeed
    from lecturer_app.ui.questions.quality import QualityPanel


def install(window: Any) -> None:
    """Wire the question bank into *window* (see ``ui/main_window.py`` extension API).

    The workspace tab is built the first time it is shown or one of its
    menu entries is used, so installing costs the startup almost nothing.
    """
    from PySide6.QtGui import QAction

    bank = BankTab(window)
    bank.add()
    tools = window.menu("tools")
    for text, slot in ((_("Ngân hàng câu hỏi"), bank.show),
                       (_("Nhập câu hỏi từ tệp…"), lambda: bank.show().open_import()),
                       (_("Xuất câu hỏi…"), lambda: bank.show().open_export()),
                       (_("Kiểm tra chất lượng câu hỏi"), lambda: _show_quality(bank.show()))):
        action = QAction(text, window)
        action.triggered.connect(slot)
        tools.addAction(action)

    def question_panel(page: Any) -> Any:
        from lecturer_app.ui.questions.topic_tab import TopicQuestionsPanel

        panel = TopicQuestionsPanel(window.context, page.topic, runner=getattr(window, "operations", None))
        if hasattr(window, "bank_changed"):
            window.bank_changed.connect(panel.reload)  # e.g. an import in the bank workspace
        panel.editor.saved.connect(lambda _id: bank.mark_stale())
        return panel

    def replace_question_tab(page: Any) -> None:
        # Built when the tab is first shown: its editor is a third of the cost of opening a topic.
        page.replace_tab_lazily("questions", lambda: question_panel(page))

    window.topic_page_hooks.append(replace_question_tab)


class BankTab:
    """The «Ngân hàng câu hỏi» tab of a window: closable like any tab, and back when asked for.

    Closing the tab deletes its widgets; the menu entries and the topic pages
    reach the workspace through here, so they open a new tab instead of
    touching a deleted one (which raised "Internal C++ object already deleted").
    """

    def __init__(self, window: Any) -> None:
        self.window = window
        self.lazy: Any = None

    def add(self) -> Any:
        """Add a new (not yet built) tab at the end of the window's tabs; returns its placeholder."""
        from lecturer_app.ui.widgets.lazy_widget import LazyWidget

        self.lazy = LazyWidget(lambda: _build_workspace(self.window))
        self.window.add_workspace(self.lazy, _("Ngân hàng câu hỏi"))
        return self.lazy

    def is_open(self) -> bool:
        """Whether the tab is still in the window (closing it deleted its widgets)."""
        import shiboken6

        return self.lazy is not None and shiboken6.isValid(self.lazy) and self.window.tabs.indexOf(self.lazy) >= 0

    def show(self) -> Any:
        """Bring the tab to the front, adding it again if it was closed; returns the workspace (built now)."""
        lazy = self.lazy if self.is_open() else self.add()
        self.window.tabs.setCurrentWidget(lazy)
        return lazy.widget()

    def mark_stale(self) -> None:
        """Have an open, built workspace read the bank again when next shown (one not built reads it anyway)."""
        workspace = self.lazy.built_widget() if self.is_open() else None
        if workspace is not None:
            workspace.mark_stale()


def _build_workspace(window: Any) -> Any:
    from lecturer_app.ui.questions.workspace import QuestionBankWorkspace

    workspace = QuestionBankWorkspace(window.context)
    workspace.runner = getattr(window, "operations", None)
    if hasattr(window, "bank_changed"):
        workspace.bank_changed.connect(window.bank_changed)
    if hasattr(window, "changes"):
        _follow_changes(window.changes, workspace.quality)
    return workspace


def _follow_changes(changes: ChangeFeed, panel: QualityPanel) -> None:
    """Questions the window hears were written elsewhere (a sync, a topic page, a restored backup) make the
    quality panel check again; the subscription ends with the panel (its tab closed)."""
    import shiboken6

    def follow(change_set: ChangeSet) -> None:
        if change_set.touches("question") and shiboken6.isValid(panel):
            panel.recheck_soon()

    def forget() -> None:
        if follow in changes.subscribers:
            changes.subscribers.remove(follow)

    changes.subscribe(follow)
    panel.destroyed.connect(forget)


def _show_quality(workspace: Any) -> None:
    workspace.side.setCurrentWidget(workspace.quality)
    workspace.quality.run()
