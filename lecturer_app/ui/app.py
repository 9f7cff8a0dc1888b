"""The GUI composition root: builds the application, the context and the main window.

Feature packages named in ``FEATURES`` are installed with their
``install(window)``.  A feature that cannot be imported or installed does not
keep the lecturer out of the app, but it is not hidden either: the window
shows a Vietnamese message naming what is missing (and the log keeps the
details).  ``FEATURES`` is also the list build.spec gives the frozen build,
which cannot see modules imported by name.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from lecturer_app.core.workspace import Workspace
from lecturer_app.i18n import _, current_language

if TYPE_CHECKING:
    import argparse

log = logging.getLogger(__name__)

FEATURES = ("lecturer_app.ui.documents", "lecturer_app.ui.questions", "lecturer_app.ui.exam", "lecturer_app.ui.quiz",
            "lecturer_app.ui.sync")
# Startup work waits for the first paint, or this long when no paint comes (a minimised window).
UNPAINTED_START_MS = 1500
# How long a thread holding the GIL keeps it once another asks (Python's default: 5 ms).  The GUI thread
# gives the GIL up around many of its Qt calls and then asks for it back: with a worker running Python
# meanwhile, each of those waited up to 5 ms, and a step of 20 ms of CPU took 60-100 ms (issue #16).
GIL_SWITCH_INTERVAL_S = 0.0005


def feature_title(name: str) -> str:
    """What the lecturer calls the feature package *name*."""
    titles = {"lecturer_app.ui.documents": _("xuất giáo án, trình chiếu và tài liệu"),
              "lecturer_app.ui.questions": _("ngân hàng câu hỏi"),
              "lecturer_app.ui.exam": _("đề thi và chấm điểm"),
              "lecturer_app.ui.quiz": _("kiểm tra nhanh qua Wi-Fi"),
              "lecturer_app.ui.sync": _("đồng bộ (gói USB, máy chủ của tỉnh)")}
    return titles.get(name, name)


def install_features(window, features: tuple[str, ...] = FEATURES) -> list[str]:
    """Install each feature package into *window*; returns the names installed.

    One that fails is reported to the lecturer (see ``report_missing_features``).
    """
    installed, failed = [], []
    for name in features:
        try:
            importlib.import_module(name).install(window)
        except Exception:  # a broken feature must not keep the lecturer out of the app
            log.exception("feature %s failed to install", name)
            failed.append(name)
            continue
        installed.append(name)
    if failed:
        report_missing_features(window, failed)
    return installed


def report_missing_features(window, names: list[str]) -> None:
    """Tell the lecturer, in a message box that does not block the window, which features are missing."""
    from PySide6.QtWidgets import QMessageBox

    window.missing_features = [*getattr(window, "missing_features", []), *names]
    text = _("Không nạp được một phần của ứng dụng: {features}.\n\n"
             "Các chức năng này sẽ không dùng được cho tới khi cài lại ứng dụng; "
             "phần còn lại vẫn dùng bình thường.").format(
        features=", ".join(feature_title(name) for name in window.missing_features))
    box = getattr(window, "missing_features_box", None)
    if box is None:
        box = window.missing_features_box = QMessageBox(
            QMessageBox.Icon.Warning, _("Thiếu chức năng"), text, QMessageBox.StandardButton.Ok, window)
    box.setText(text)
    box.open()


def create_application(argv: list[str] | None = None):
    """The QApplication with the names QSettings uses (created once per process)."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = cast(QApplication, existing) if existing is not None else QApplication(argv or sys.argv[:1])
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)
    if existing is None and current_language() == "vi":
        from lecturer_app.ui.qt_translator import VietnameseQtTranslator

        # Qt ships no Vietnamese catalogue: context menus and stock buttons get ours.
        # Parented to the application, which keeps it alive as long as the translation is installed.
        app.installTranslator(VietnameseQtTranslator(app))
    app.setOrganizationName("lecturer_app")
    app.setApplicationName("lecturer_app")
    app.setApplicationDisplayName(_("Ngân hàng bài giảng"))
    # The Linux menu entry (packaging/linux/lecturer-app.desktop): Wayland docks match the window to it by this
    # name, X11 ones by the application name above (its StartupWMClass).
    app.setDesktopFileName("lecturer-app")
    return app


def build_main_window(workspace: Workspace, features: tuple[str, ...] = FEATURES, *, core_actions: bool = True):
    """The main window over *workspace*, with its actions (unless *core_actions* is False) and the features."""
    from lecturer_app.ui.context import AppContext
    from lecturer_app.ui.main_window import MainWindow

    window = MainWindow(AppContext.for_workspace(workspace))
    if core_actions:
        _install_core_actions(window)
    install_features(window, features)
    return window


def _install_core_actions(window) -> None:
    """The window's icon and its menus' own actions (their icons load Qt's SVG plugin)."""
    from lecturer_app.ui.actions import install_core_actions
    from lecturer_app.ui.widgets.icons import app_icon

    window.setWindowIcon(app_icon())
    install_core_actions(window)


def show_main_window(workspace: Workspace, features: tuple[str, ...] = FEATURES):
    """Build and show the window at once; install the features and warm the slide engine after its first paint.

    The lecturer sees the bank tree as soon as possible.  Once it is painted,
    the window's icon and own menu actions, then each feature package's
    menus, are installed, each on its own turn of the event loop, then the
    modules and fonts the first opened topic needs are loaded, again one step
    per turn, so no step holds the window for long.
    ``window.features_ready`` turns true when the features are in,
    ``window.startup_done`` when the warm-up has finished too.
    """
    from PySide6.QtCore import QTimer

    # No cyclic collection until the startup steps have run: see _freeze_startup_objects.
    gc.disable()
    window = build_main_window(workspace, features=(), core_actions=False)
    window.destroyed.connect(gc.enable)  # a window closed before its startup finished
    window.restore_geometry()
    window.awaiting_reopen = True
    window.features_installed = []
    window.features_ready = window.startup_done = False
    # The window's icon and the menus' own actions (their module loads QMessageBox, QInputDialog and the undo
    # group, their icons the SVG plugin) come first after the paint: the menu bar's titles are painted without.
    steps: list[Callable[[], object]] = [partial(_install_core_actions, window)]
    for name in features:
        steps += [partial(importlib.import_module, module) for module in PRELOADS.get(name, ())]
        steps.append(partial(_install_feature, window, name))
    steps.append(lambda: setattr(window, "features_ready", True))
    steps.append(window.reopen_tabs)  # after the features: pages get their toolbar, workspaces their opener
    steps += WARM_UP_STEPS
    steps.append(_freeze_startup_objects)
    started: list[bool] = []

    def start_once() -> None:
        if not started:
            started.append(True)
            _run_steps(window, steps)

    window.first_painted.connect(start_once)
    # A window started minimised is not painted: its menus must not wait for that.
    QTimer.singleShot(UNPAINTED_START_MS, window, start_once)
    window.show()
    return window


def _install_feature(window, name: str) -> None:
    window.features_installed.extend(install_features(window, (name,)))


def open_when_ready(window, path: str) -> None:
    """Open *path* once the feature packages are in: the one registered for its suffix opens it.

    A feature package that opens a kind of file puts a function under its suffix in
    ``window.file_openers`` (``{".lbb": import_bundle}``).  A file nobody opens is
    answered with a message, never silently dropped (the desktop sent it to us).
    """
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    if not window.features_ready:
        QTimer.singleShot(50, window, lambda: open_when_ready(window, path))
        return
    opener = getattr(window, "file_openers", {}).get(Path(path).suffix.lower())
    if opener is not None:
        opener(Path(path))
        return
    # Only sync bundles open this way; one reaching here means the sync feature did not install (reinstall),
    # or a kind no version opens by double-click (plans and questions are imported from the menus).
    window.unopened_box = QMessageBox(
        QMessageBox.Icon.Information, _("Không mở được tệp"),
        _("Không mở được tệp {name}: không phần nào của ứng dụng đang chạy mở loại tệp này. Bấm đúp chỉ mở "
          "được gói đồng bộ (.lbb); nếu đây là gói .lbb, hãy cài lại ứng dụng (dữ liệu không mất). Giáo án "
          "và câu hỏi thì nhập trong menu Tệp và Công cụ.").format(name=Path(path).name),
        QMessageBox.StandardButton.Ok, window)
    window.unopened_box.open()


def _run_steps(window, steps: list) -> None:
    """Run the first of *steps* now and the rest on later event-loop turns (when the window is idle)."""
    from PySide6.QtCore import QTimer

    if not steps:
        window.startup_done = True
        window.started_up.emit()
        return
    step = steps.pop(0)
    try:
        step()
    except Exception:  # a warm-up that fails only costs the first topic some time; the rest still runs
        log.exception("startup step %r failed", step)
    QTimer.singleShot(0, window, lambda: _run_steps(window, steps))


def _freeze_startup_objects() -> None:
    """Leave what the startup made out of every later cyclic collection, then let collections run again.

    The modules, classes and widgets loaded while the window starts live as long as the app.  Each full
    collection walked them all (~20-27 ms of CPU at 200,000 questions), inside whichever step allocated
    last: a startup step, a topic page being built, or a worker's (holding the GIL meanwhile).  So there
    is none from building the window to here, and what is alive now is frozen: later collections skip it
    (reference counting still frees it).  Garbage in cycles made meanwhile stays (42 objects measured).
    """
    gc.freeze()
    gc.enable()


def _warm_slide_layout() -> None:
    from lecturer_app.core.model import Slide
    from lecturer_app.formats.slide_layout import layout_slide, load_theme

    layout_slide(Slide(layout="title", title="Khởi động"), load_theme(""))


def _imports(*names: str) -> list[Callable[[], object]]:
    """One startup step per module, to import in this order (leaves first, so each costs only its own body)."""
    return [partial(importlib.import_module, name) for name in names]


def _font_steps() -> list[Callable[[], object]]:
    from lecturer_app.formats.text_measure import FONT_NAMES, register_font

    return [partial(register_font, name) for name in FONT_NAMES]


# Modules a feature package's install (or the tab it shows at once) imports, imported before it one per
# event-loop turn: imported all at once they held the window for 90-150 ms of CPU (the question bank's
# editor, cryptography for the server sync's state, the slide layout behind the export dialog).  Each
# here costs ≤ ~25 ms of CPU on its own.
PRELOADS: dict[str, tuple[str, ...]] = {
    "lecturer_app.ui.documents": ("lecturer_app.core.slides.themes", "lecturer_app.formats.slide_table",
                                  "lecturer_app.formats.slide_layout", "lecturer_app.ui.documents.export_dialog"),
    "lecturer_app.ui.questions": ("lecturer_app.ui.questions.filter_bar", "lecturer_app.ui.questions.editor",
                                  "lecturer_app.ui.questions.quality", "lecturer_app.ui.questions.workspace"),
    "lecturer_app.ui.sync": ("cryptography.hazmat.bindings._rust", "cryptography.hazmat.primitives.ciphers.modes",
                             "cryptography.hazmat.primitives.ciphers", "cryptography.hazmat.primitives._serialization",
                             "cryptography.hazmat.primitives.asymmetric.ec",
                             "cryptography.hazmat.primitives.asymmetric.padding",
                             "cryptography.hazmat.primitives.serialization.ssh",
                             "cryptography.hazmat.primitives.serialization",
                             "lecturer_app.sync.http_state", "difflib", "lecturer_app.ui.topic.history_html",
                             "lecturer_app.ui.sync.official_indicator", "lecturer_app.ui.sync.actions",
                             "lecturer_app.ui.sync.background"),
}
# What opening the first topic and its slides, or the first search, would otherwise load (~0.5 s of CPU
# in all): the topic page's modules, the slide editor's, reportlab's metrics, the results' rich text, the
# four faces of Liberation Sans, then one slide laid out.  These run on the GUI thread, one small step
# per turn: on a worker thread, imports hold the GIL and every Python call the painting GUI thread makes
# waits for it (~5 ms each).
WARM_UP_STEPS: list[Callable[[], object]] = [
    *_imports("lecturer_app.ui.topic.topic_info", "lecturer_app.ui.plan.plan_editor",
              "lecturer_app.ui.topic.question_list", "lecturer_app.ui.topic.history_panel",
              "lecturer_app.ui.topic.attachments_panel", "lecturer_app.ui.topic.topic_page",
              "lecturer_app.ui.deck.slide_renderer", "lecturer_app.ui.deck.slide_form",
              "lecturer_app.ui.deck.deck_editor", "pickle", "PIL.ExifTags", "PIL.TiffTags", "PIL.ImageMode",
              "PIL.Image", "reportlab.lib.rl_safe_eval",
              "reportlab.lib.utils", "reportlab.rl_config", "reportlab.pdfbase._fontdata",
              "reportlab.pdfbase.pdfmetrics", "reportlab.pdfbase.pdfdoc", "reportlab.pdfbase.ttfonts",
              "lecturer_app.core.store.search", "lecturer_app.ui.bank.search_results_model",
              "lecturer_app.ui.widgets.rich_text_delegate"),  # the first search and its results
    *_font_steps(),
    _warm_slide_layout,
]


def _apply_language(workspace: Workspace, args: argparse.Namespace | None) -> None:
    """The settings' UI language, unless --lang or LECTURER_APP_LANG chose one."""
    if (args is not None and getattr(args, "lang", None)) or os.environ.get("LECTURER_APP_LANG"):
        return
    from lecturer_app.core.resources import resource_path
    from lecturer_app.i18n import setup

    setup(workspace.settings.language, resource_path("translations"))


def open_or_repair(open_workspace: Callable[[], Workspace], folder: Path) -> Workspace | None:
    """Open the workspace; when its database is damaged, show the diagnosis and the repairs, then try again.

    None when the lecturer closed the dialog without a repair that let the data open.
    """
    from lecturer_app.core.store.db import DatabaseDamaged, user_error

    while True:
        try:
            return open_workspace()
        except Exception as exc:
            damage = exc if isinstance(exc, DatabaseDamaged) else user_error(exc)
            if not isinstance(damage, DatabaseDamaged):
                raise
        create_application()
        from lecturer_app.ui.repair_dialog import RepairDialog

        dialog = RepairDialog(folder, str(damage))
        if dialog.exec() != dialog.DialogCode.Accepted or not dialog.repaired:
            return None


def run_app(workspace: Workspace, args: argparse.Namespace | None = None) -> int:
    """Start the desktop app on *workspace*; returns the exit code."""
    from lecturer_app.core.app_log import start_file_log
    from lecturer_app.ui.error_report import install_error_handler

    _apply_language(workspace, args)
    file_log = start_file_log(workspace.data_dir)
    app = create_application()
    window = show_main_window(workspace)  # referenced here so it lives as long as the event loop
    window.error_handler = install_error_handler(window, file_log.path)
    window.first_painted.connect(lambda: after_first_paint(window))
    opened = getattr(args, "open", None)
    if opened:
        open_when_ready(window, opened)
    screenshot = getattr(args, "screenshot", None)
    if screenshot:
        from pathlib import Path

        from lecturer_app.ui.startup_check import screenshot_when_ready

        screenshot_when_ready(app, window, Path(screenshot), sys.stdout)
    code = app.exec()
    window.close()
    return code


def after_first_paint(window) -> None:
    """The daily backup (in the background) and, on the very first start, the welcome dialog."""
    from lecturer_app.ui.backup import start_daily_backup
    from lecturer_app.ui.first_run import show_welcome_if_new

    start_daily_backup(window)
    show_welcome_if_new(window)
