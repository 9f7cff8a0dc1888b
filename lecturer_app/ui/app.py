"""The GUI composition root: builds the application, the context and the main window.

Feature packages named in ``FEATURES`` are installed with their
``install(window)``; one that cannot be imported yet is skipped with a log
line, so the app always starts.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from lecturer_app.core.workspace import Workspace
from lecturer_app.i18n import current_language

log = logging.getLogger(__name__)

FEATURES = ("lecturer_app.ui.documents", "lecturer_app.ui.questions", "lecturer_app.ui.exam")
TEST_DRIVER_ENV = "LECTURER_APP_TEST_DRIVER"


def install_features(window, features: tuple[str, ...] = FEATURES) -> list[str]:
    """Install each feature package into *window*; returns the names installed."""
    installed = []
    for name in features:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            log.info("feature %s not installed: %s", name, exc)
            continue
        install = getattr(module, "install", None)
        if install is None:
            log.info("feature %s has no install(window) yet", name)
            continue
        try:
            install(window)
        except Exception:  # a broken feature must not keep the lecturer out of the app
            log.exception("feature %s failed to install", name)
            continue
        installed.append(name)
    return installed


def create_application(argv: list[str] | None = None):
    """The QApplication with the names QSettings uses (created once per process)."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing or QApplication(argv or sys.argv[:1])
    if existing is None and current_language() == "vi":
        from lecturer_app.ui.qt_translator import VietnameseQtTranslator

        # Qt ships no Vietnamese catalogue: context menus and stock buttons get ours.
        app.vietnamese_qt = VietnameseQtTranslator(app)
        app.installTranslator(app.vietnamese_qt)
    app.setOrganizationName("lecturer_app")
    app.setApplicationName("lecturer_app")
    app.setApplicationDisplayName("Ngân hàng bài giảng")
    return app


def build_main_window(workspace: Workspace, features: tuple[str, ...] = FEATURES):
    """The main window over *workspace*, with its actions and the features installed."""
    from lecturer_app.ui.actions import install_core_actions
    from lecturer_app.ui.context import AppContext
    from lecturer_app.ui.icons import app_icon
    from lecturer_app.ui.main_window import MainWindow

    window = MainWindow(AppContext.for_workspace(workspace))
    window.setWindowIcon(app_icon())
    install_core_actions(window)
    install_features(window, features)
    return window


def show_main_window(workspace: Workspace, features: tuple[str, ...] = FEATURES):
    """Build and show the window at once; install the features and warm the slide engine just after.

    The lecturer sees the bank tree as soon as possible: feature menus arrive
    on the next turn of the event loop, and the slide layout engine loads its
    fonts on a worker thread, so the first topic opens without that cost.
    """
    from PySide6.QtCore import QThreadPool, QTimer

    window = build_main_window(workspace, features=())
    window.restore_geometry()
    window.show()
    window.features_installed = []
    QTimer.singleShot(0, window, lambda: window.features_installed.extend(install_features(window, features)))
    QThreadPool.globalInstance().start(_warm_slide_engine)
    return window


def _warm_slide_engine() -> None:
    """Load what the first opened topic needs, on a worker thread.

    The topic page's modules are imported (only class definitions run; no
    widget is made off the GUI thread) and one slide is laid out so reportlab
    and the font metrics are loaded.
    """
    import lecturer_app.ui.topic_page  # noqa: F401
    from lecturer_app.ui import attachments_panel, deck_editor, history_panel, plan_editor  # noqa: F401
    from lecturer_app.ui import question_list, topic_info  # noqa: F401
    from lecturer_app.core.model import Slide
    from lecturer_app.core.slide_layout import layout_slide, load_theme

    layout_slide(Slide(layout="title", title="Khởi động"), load_theme(""))


def _apply_language(workspace: Workspace, args: argparse.Namespace | None) -> None:
    """The settings' UI language, unless --lang or LECTURER_APP_LANG chose one."""
    if (args is not None and getattr(args, "lang", None)) or os.environ.get("LECTURER_APP_LANG"):
        return
    from lecturer_app.core.resources import resource_path
    from lecturer_app.i18n import setup

    setup(workspace.settings.language, resource_path("translations"))


def run_app(workspace: Workspace, args: argparse.Namespace | None = None) -> int:
    """Start the desktop app on *workspace*; returns the exit code."""
    _apply_language(workspace, args)
    app = create_application()
    window = show_main_window(workspace)
    if os.environ.get(TEST_DRIVER_ENV):
        from lecturer_app.ui.test_driver import start_driver

        start_driver(window, os.environ[TEST_DRIVER_ENV])
    return app.exec()
