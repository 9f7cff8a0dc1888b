"""The main window: composes the bank browser, the work tabs and the menus.

It also offers the extension API the feature packages (``ui/documents``,
``ui/questions``, ``ui/exam``) use from their ``install(window)``:
``context``, ``menu(key)``, ``add_workspace(widget, title, kind)``,
``workspace_openers``, ``current_topic()``, ``topic_opened``,
``run_operation(title, fn, on_success)`` and ``topic_page_hooks``.  See
docs/design/gui.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QSplitter, QTabWidget, QWidget

from lecturer_app.core.model import Topic
from lecturer_app.core.store.changes import ChangeSet
from lecturer_app.i18n import N_, _
from lecturer_app.ui.change_feed import TREE_TYPES, topics_touched
from lecturer_app.ui.context import AppContext
from lecturer_app.ui.operations import Operation, OperationRunner
from lecturer_app.ui.remembered import Remembered

log = logging.getLogger(__name__)

MENU_TITLES: dict[str, str] = {
    "file": N_("&Tệp"),
    "edit": N_("&Chỉnh sửa"),
    "view": N_("&Xem"),
    "tools": N_("Công &cụ"),
    "help": N_("T&rợ giúp"),
}

TopicPageHook = Callable[[Any], None]
STATE_SAVE_DELAY_MS = 1000  # after the last resize, move, split or tab change
WORKSPACE_KIND = "workspace_kind"   # the Qt property naming a reopenable workspace tab's kind

if TYPE_CHECKING:
    from lecturer_app.ui.topic.topic_page import TopicPage


class MainWindow(QMainWindow):
    """The application window.

    Signals:
        topic_opened(str): a topic page was opened or brought to front (topic id).
        bank_changed(): records were written elsewhere: the change feed (``changes``) is read and each
            view refreshes from the change set, if it touches what the view shows.
        first_painted(): the window has been painted for the first time (emitted
            on the next event-loop turn, once); startup work that the lecturer
            does not need to see the bank waits for it.
        started_up(): every startup step (features, reopened tabs, warm-up) has run (``ui/app.py``);
            background work nobody waits for starts then, not while those steps share the GIL with it.
    """

    topic_opened = Signal(str)
    bank_changed = Signal()
    first_painted = Signal()
    started_up = Signal()
    painted = False  # a class default: Qt delivers events while __init__ runs

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.topic_page_hooks: list[TopicPageHook] = []
        # kind → opens that workspace tab again ("exam", "grading"…); filled by the feature packages.
        self.workspace_openers: dict[str, Callable[[], QWidget | None]] = {}
        # True while the tabs of the last run wait to be reopened: until then the (still empty) tab list
        # must not overwrite the remembered one (show_main_window reopens them after the features).
        self.awaiting_reopen = False
        self.operations = OperationRunner(self)
        self._menus: dict[str, QMenu] = {}
        self.setWindowTitle(_("Ngân hàng bài giảng"))
        self.setObjectName("main_window")
        self._build_menus()
        self._build_change_feed()
        self._build_central()
        self._build_status_bar()
        self.resize(1280, 680)
        self.remembered = Remembered(context)
        # The size, split and open topics are written soon after each change, not only on a clean close,
        # so a crash or a power cut does not lose them.
        self._state_timer = QTimer(self)
        self._state_timer.setSingleShot(True)
        self._state_timer.setInterval(STATE_SAVE_DELAY_MS)
        self._state_timer.timeout.connect(self.save_state)
        self.splitter.splitterMoved.connect(lambda *_args: self._state_timer.start())
        self.tabs.currentChanged.connect(lambda _index: self._state_timer.start())

    # Extension API -----------------------------------------------------------

    def menu(self, key: str) -> QMenu:
        """The menu "file", "edit", "view", "tools" or "help"."""
        return self._menus[key]

    def add_workspace(self, widget: QWidget, title: str, kind: str = "") -> int:
        """Add *widget* as a tab of the central area; returns its index.

        A *kind* with an opener in ``workspace_openers`` makes the tab come back after a restart or a crash.
        """
        index = self.tabs.addTab(widget, title)
        widget.setAccessibleName(title)
        if kind:
            widget.setProperty(WORKSPACE_KIND, kind)
            self._state_timer.start()
        return index

    def current_topic(self) -> Topic | None:
        """The topic of the topic page in front, if any."""
        from lecturer_app.ui.topic.topic_page import TopicPage

        page = self.tabs.currentWidget()
        return page.topic if isinstance(page, TopicPage) else None

    def run_operation(self, title: str, fn: Callable[..., Any],
                      on_success: Callable[[Any], None] | None = None) -> Operation:
        """Run ``fn(report)`` on a worker thread (see ``ui/operations.py``)."""
        return self.operations.run(title, fn, on_success)

    # Topics ------------------------------------------------------------------

    def open_topic(self, topic_id: str) -> QWidget | None:
        """Show the page of a topic, creating it the first time."""
        from lecturer_app.ui.topic.topic_page import TopicPage

        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if isinstance(page, TopicPage) and page.topic.id == topic_id:
                self.tabs.setCurrentIndex(index)
                self.topic_opened.emit(topic_id)
                return page
        topic = self.context.bank.store.get(Topic, topic_id)
        if topic is None:
            self.statusBar().showMessage(_("Không tìm thấy chuyên đề."), 5000)
            return None
        page = TopicPage(self.context, topic, self.operations)
        for hook in self.topic_page_hooks:
            self._run_hook(hook, page)
        page.refresh_toolbar()
        sizes = self.splitter.sizes()
        index = self.tabs.addTab(page, topic.code or topic.title)
        # A new page asks for a layout pass that would squeeze the bank pane; keep the user's split.
        QTimer.singleShot(0, self, lambda: self.splitter.setSizes(sizes))
        self.tabs.setTabToolTip(index, topic.title)
        self.tabs.setCurrentIndex(index)
        self.topic_opened.emit(topic_id)
        self._state_timer.start()
        return page

    def reopen_tabs(self) -> int:
        """Open again, in order, the tabs open when the app last ran (topics, exam builder, grading…);
        the one that was in front comes to front.  Returns how many were opened."""
        current, front = self.tabs.currentWidget(), self.remembered.front_tab()
        opened: list[QWidget] = []
        try:
            for entry in self.remembered.open_tabs():
                widget = self._reopen(entry)
                if widget is not None:
                    opened.append(widget)
                    current = widget if entry == front else current
            if current is not None:
                self.tabs.setCurrentWidget(current)
        finally:   # whatever happened, the tabs of this session are remembered from now on
            self.awaiting_reopen = False
            self._state_timer.start()
        return len(opened)

    def _reopen(self, entry: dict[str, str]) -> QWidget | None:
        if "topic" in entry:   # a topic deleted since is not reopened (and not reported: nothing to do)
            return self.open_topic(entry["topic"]) if self.context.store.get(Topic, entry["topic"]) else None
        opener = self.workspace_openers.get(entry["workspace"])
        if opener is None:   # its feature is missing: already reported when it failed to install
            return None
        try:
            return opener()
        except Exception:  # one tab that cannot be rebuilt must not cost the others
            log.exception("reopening the %s tab failed", entry["workspace"])
            return None

    def _tab_entry(self, widget: QWidget | None) -> dict[str, str] | None:
        from lecturer_app.ui.topic.topic_page import TopicPage

        if isinstance(widget, TopicPage):
            return {"topic": widget.topic.id}
        kind = widget.property(WORKSPACE_KIND) if widget is not None else None
        return {"workspace": kind} if isinstance(kind, str) and kind else None

    def topic_pages(self) -> list[TopicPage]:
        from lecturer_app.ui.topic.topic_page import TopicPage

        pages = (self.tabs.widget(i) for i in range(self.tabs.count()))
        return [page for page in pages if isinstance(page, TopicPage)]

    @staticmethod
    def _run_hook(hook: TopicPageHook, page: QWidget) -> None:
        try:
            hook(page)
        except Exception:  # one broken feature must not stop the topic from opening
            log.exception("topic page hook %r failed", hook)

    # Building ----------------------------------------------------------------

    def _build_menus(self) -> None:
        for key, title in MENU_TITLES.items():
            self._menus[key] = self.menuBar().addMenu(_(title))
        # Its shortcut comes with the other actions (ui/actions.py): a QKeySequence.StandardKey before the first
        # paint would build all of Qt's enums (ui/widgets/qt_values.py).
        self.quit_action = QAction(_("&Thoát"), self)
        self.quit_action.setObjectName("quit")
        self.quit_action.triggered.connect(self.close)
        self._menus["file"].addAction(self.quit_action)

    def _build_change_feed(self) -> None:
        """Views refresh from change sets (``ui/change_feed.py``); ``bank_changed`` just asks the feed to look."""
        from lecturer_app.ui.change_feed import ChangeFeed

        self.changes = ChangeFeed(self.context.store, self)
        self.bank_changed.connect(self.changes.check)
        self.operations.started.connect(self.changes.watch)
        self.changes.subscribe(self._apply_changes)

    def _apply_changes(self, changes: ChangeSet) -> None:
        """Refresh what *changes* touches: the bank tree, and open topic pages written elsewhere."""
        if changes.touches(*TREE_TYPES):
            self.browser.reload()
        if self.changes.own:
            return  # the editors wrote it themselves
        touched = topics_touched(self.context.store, changes)
        for page in self.topic_pages():
            if touched is None or page.topic.id in touched:
                for editor in page.editors():
                    editor.reload()

    def _build_central(self) -> None:
        from lecturer_app.ui.bank.bank_browser import BankBrowser

        self.browser = BankBrowser(self.context, operations=self.operations)
        self.browser.topic_activated.connect(self.open_topic)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("work_tabs")
        self.tabs.setAccessibleName(_("Vùng làm việc"))
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.splitter = QSplitter()  # side by side (its default): no Qt enum before the first paint, qt_values.py
        self.splitter.addWidget(self.browser)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 1)
        self.browser.setMinimumWidth(300)
        self.splitter.setSizes([480, 800])
        self.setCentralWidget(self.splitter)

    def _build_status_bar(self) -> None:
        self.data_label = QLabel(_("Dữ liệu: {path}").format(path=self.context.workspace.data_dir))
        self.data_label.setAccessibleName(_("Nơi lưu dữ liệu"))
        self.sync_label = QLabel(_("Đồng bộ: chưa thiết lập"))
        self.sync_label.setAccessibleName(_("Trạng thái đồng bộ"))
        self.statusBar().addWidget(self.data_label, 1)
        self.statusBar().addPermanentWidget(self.sync_label)

    # Closing -----------------------------------------------------------------

    def close_tab(self, index: int) -> bool:
        """Close a tab, asking first when a topic page has unsaved edits."""
        page = self.tabs.widget(index)
        confirm = getattr(page, "confirm_close", None)
        if confirm is not None and not confirm():
            return False
        self.tabs.removeTab(index)
        if page is not None:
            page.deleteLater()
        self._state_timer.start()
        return True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        # Every tab with something to lose asks: topic pages (unsaved versions), grading (marks typed, not saved).
        for page in (self.tabs.widget(i) for i in range(self.tabs.count())):
            confirm = getattr(page, "confirm_close", None)
            if confirm is not None and not confirm():
                event.ignore()
                return
        self.operations.cancel_all()
        self.operations.wait_all()
        self._state_timer.stop()
        self.save_geometry()
        event.accept()

    def save_state(self) -> None:
        """Remember the window's size and split (this screen) and the open tabs (this data folder)."""
        self.save_geometry()
        if self.awaiting_reopen:
            return
        entries = [self._tab_entry(self.tabs.widget(i)) for i in range(self.tabs.count())]
        self.remembered.remember_open_tabs([e for e in entries if e], self._tab_entry(self.tabs.currentWidget()))

    def save_geometry(self) -> None:
        settings = QSettings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/splitter", self.splitter.saveState())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if self.isVisible():
            self._state_timer.start()

    def moveEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().moveEvent(event)
        if self.isVisible():
            self._state_timer.start()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        if not self.painted:
            # A zero timer posted before show() would run before this paint; this one runs after it.
            self.painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        if not getattr(self, "_sized", False):
            # Sizes given before the window has its final width are rescaled; set them once shown.
            self._sized = True
            if not getattr(self, "_splitter_restored", False):
                QTimer.singleShot(0, self, self._default_splitter_sizes)

    def _default_splitter_sizes(self) -> None:
        left = min(560, self.splitter.width() * 2 // 5)
        self.splitter.setSizes([left, self.splitter.width() - left])

    def restore_geometry(self) -> None:
        settings = QSettings()
        geometry = settings.value("main_window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("main_window/splitter")
        if isinstance(splitter, QByteArray):
            self._splitter_restored = self.splitter.restoreState(splitter)
