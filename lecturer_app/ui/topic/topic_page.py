"""One topic's page: tabs for its information, plans, questions, history and files.

Feature packages reach a page through ``window.topic_page_hooks``: a hook gets
the page and may call :meth:`TopicPage.add_tab`, :meth:`TopicPage.replace_tab`
(or :meth:`TopicPage.replace_tab_lazily`) or add actions to ``page.toolbar``.

Opening a topic builds only what its first tabs need: the slide editor, the
question list or editor, the history and the files are built when their tab
is first brought to front, in that same step, or when code asks for them
(``page.deck_editor``, ``page.history``, ``page.attachments``, ``page.tab(key)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QToolBar, QVBoxLayout, QWidget

from lecturer_app.core.model import Topic
from lecturer_app.i18n import N_, NC_, _
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import OperationRunner
from lecturer_app.ui.topic.editor_base import AutosavingEditor
from lecturer_app.ui.widgets.lazy_widget import LazyWidget
from lecturer_app.ui.widgets.save_prompt import ask_save

if TYPE_CHECKING:
    from lecturer_app.ui.deck.deck_editor import DeckEditor
    from lecturer_app.ui.topic.attachments_panel import AttachmentsPanel
    from lecturer_app.ui.topic.history_panel import HistoryPanel
    from lecturer_app.ui.topic.question_list import QuestionList

TAB_TITLES: dict[str, str] = {
    "info": N_("Thông tin"),
    "plan": N_("Giáo án viết"),
    "deck": N_("Giáo án điện tử"),
    "questions": NC_("tab", "Câu hỏi"),
    "history": N_("Lịch sử"),
    "attachments": N_("Tệp đính kèm"),
}


class TopicPage(QWidget):
    """The tabs of one topic.

    Attributes:
        topic: the topic shown.
        context: the app context.
        tabs: the QTabWidget; ``tab(key)`` finds a tab by its key.
        toolbar: a toolbar above the tabs where features add actions.

    Signals:
        changed(): something on the page was saved (history refreshes).
        editor_built(QWidget): an autosaving editor built after the page (its undo stack joins the window's).
    """

    changed = Signal()
    editor_built = Signal(QWidget)

    def __init__(self, context: AppContext, topic: Topic, operations: OperationRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.topic = topic
        self.operations = operations
        # Who answers "save changes?"; a test or a script may put its own answer here.
        self.ask_save = ask_save
        self.setObjectName(f"topic_page_{topic.code}")
        self.setAccessibleName(_("Chuyên đề {code}").format(code=topic.code))
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("topic_toolbar")
        self.toolbar.setAccessibleName(_("Thao tác với chuyên đề"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("topic_tabs")
        self.tabs.setAccessibleName(_("Các phần của chuyên đề"))
        self._keys: list[str] = []
        self._deck_editor: DeckEditor | None = None
        self._deck_tab = LazyWidget(self._build_deck_editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.tabs, 1)
        self._build_tabs()
        self.toolbar.setVisible(bool(self.toolbar.actions()))

    def _build_tabs(self) -> None:
        from lecturer_app.ui.plan.plan_editor import PlanEditor
        from lecturer_app.ui.topic.topic_info import TopicInfo

        self.info = TopicInfo(self.context, self.topic)
        self.plan_editor = PlanEditor(self.context, self.topic)
        # The tabs not in front at opening are built when first shown (or asked for): building the history,
        # files and question list with the page made opening a topic one step of 40-50 ms of CPU.
        self._history_tab = LazyWidget(self._build_history)
        self._attachments_tab = LazyWidget(self._build_attachments)
        self._questions_tab = LazyWidget(self._build_question_list)
        for key, widget in (("info", self.info), ("plan", self.plan_editor),
                            ("deck", self._deck_tab), ("questions", self._questions_tab),
                            ("history", self._history_tab), ("attachments", self._attachments_tab)):
            self.add_tab(widget, _(TAB_TITLES[key]), key)
        for editor in (self.info, self.plan_editor):
            editor.saved.connect(self.changed)
        self.changed.connect(self._reload_history)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    @property
    def deck_editor(self) -> DeckEditor:
        """The slide editor, built now (in its tab) if the tab has not been shown yet."""
        return cast("DeckEditor", self._deck_tab.widget())

    @property
    def history(self) -> HistoryPanel:
        """The Lịch sử tab, built now if it has not been shown yet."""
        return cast("HistoryPanel", self._history_tab.widget())

    @property
    def attachments(self) -> AttachmentsPanel:
        """The Tệp đính kèm tab, built now if it has not been shown yet."""
        return cast("AttachmentsPanel", self._attachments_tab.widget())

    @property
    def question_list(self) -> QuestionList:
        """The built-in question list (a feature package may have put its own tab in its place)."""
        return cast("QuestionList", self._questions_tab.widget())

    def _build_history(self) -> QWidget:
        from lecturer_app.ui.topic.history_panel import HistoryPanel

        history = HistoryPanel(self.context, self.topic, self.operations)
        history.restored.connect(self._reload_editors)
        return history

    def _build_attachments(self) -> QWidget:
        from lecturer_app.ui.topic.attachments_panel import AttachmentsPanel

        attachments = AttachmentsPanel(self.context, self.topic, self.operations)
        attachments.changed.connect(self.changed)
        return attachments

    def _build_question_list(self) -> QWidget:
        from lecturer_app.ui.topic.question_list import QuestionList

        return QuestionList(self.context, self.topic)

    def _reload_history(self) -> None:
        history = self._history_tab.built_widget()
        if history is not None:  # one not built yet reads the history when first shown
            cast("HistoryPanel", history).reload()

    def _build_deck_editor(self) -> QWidget:
        from lecturer_app.ui.deck.deck_editor import DeckEditor

        editor = DeckEditor(self.context, self.topic, self.operations)
        editor.saved.connect(self.changed)
        self._deck_editor = editor
        self.editor_built.emit(editor)
        return editor

    # Hook API -------------------------------------------------------------------

    def add_tab(self, widget: QWidget, title: str, key: str = "") -> int:
        """Add a tab (a feature's panel); *key* lets others find or replace it."""
        widget.setAccessibleName(title)
        index = self.tabs.addTab(widget, title)
        self._keys.insert(index, key or f"tab{index}")
        return index

    def tab(self, key: str) -> QWidget | None:
        """The widget of the tab *key* (built now if it waited for its first showing)."""
        return _built(self.tabs.widget(self._keys.index(key))) if key in self._keys else None

    def replace_tab_lazily(self, key: str, factory: Callable[[], QWidget], title: str | None = None) -> None:
        """Put the widget ``factory()`` will make in place of the tab *key*, made when the tab is first shown."""
        self.replace_tab(key, LazyWidget(factory), title)

    def replace_tab(self, key: str, widget: QWidget, title: str | None = None) -> None:
        """Put *widget* in place of the tab *key* (e.g. the full question editor)."""
        index = self._keys.index(key)
        old = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        title = title or self.tabs.tabText(index) or _(TAB_TITLES.get(key, key))
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        widget.setAccessibleName(title)
        self.tabs.setCurrentIndex(current)
        if old is not None:
            old.deleteLater()

    def current_undo_stack(self):
        """The undo stack of the tab in front (None for tabs without one)."""
        return getattr(_built(self.tabs.currentWidget()), "undo_stack", None)

    def refresh_toolbar(self) -> None:
        """Show the toolbar only when a feature put actions on it."""
        self.toolbar.setVisible(bool(self.toolbar.actions()))

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(self._keys.index(key))

    # Saving ---------------------------------------------------------------------

    def editors(self) -> list[AutosavingEditor]:
        """The autosaving editors built so far (one not built yet holds no edit)."""
        return [w for w in (self.info, self.plan_editor, self._deck_editor) if w is not None]

    def has_unsaved_changes(self) -> bool:
        """True when an editor holds edits not yet written to the store."""
        return any(editor.has_pending_changes() for editor in self.editors())

    def reload_if_stale(self) -> None:
        """Show what the store holds now in each editor whose records changed under it (a sync that stopped
        midway brought some revisions); an editor holding typed, unsaved text keeps it."""
        for editor in self.editors():
            reload = getattr(editor, "reload_if_stale", None)
            if reload is not None:
                reload()

    def flush(self) -> None:
        """Write every pending edit now (an autosave revision)."""
        for editor in self.editors():
            editor.flush()

    def save_version(self, summary: str) -> int:
        """Write pending edits, then a named revision of every edited record; returns how many."""
        return sum(editor.save_version(summary) for editor in self.editors())

    def confirm_close(self) -> bool:
        """Ask about unsaved edits; False when the user chose Hủy."""
        if not self.has_unsaved_changes():
            return True
        answer = self.ask_save(self, self.topic.code)
        if answer == "cancel":
            return False
        if answer == "save":
            self.save_version(_("Lưu khi đóng"))
        else:
            for editor in self.editors():
                editor.discard()
        return True

    def _reload_editors(self) -> None:
        for editor in self.editors():
            editor.reload()
        attachments = self._attachments_tab.built_widget()
        if attachments is not None:
            cast("AttachmentsPanel", attachments).reload()

    def _on_tab_changed(self, index: int) -> None:
        widget = _built(self.tabs.widget(index))  # built now, before the undo stack of the tab is looked up
        reload = getattr(widget, "reload_if_stale", None)
        if reload is not None:
            reload()


def _built(widget: QWidget | None) -> QWidget | None:
    """*widget*, or the real widget behind a tab that waited for its first showing (built now)."""
    return widget.widget() if isinstance(widget, LazyWidget) else widget
