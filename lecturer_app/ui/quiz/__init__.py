"""The "Kiểm tra nhanh" feature: start a quiz for phones on the classroom's Wi-Fi and show it on the projector.

``install(window)`` adds "Kiểm tra nhanh…" to the Tools menu; it opens the
setup tab (``QuizSetupWidget``), which starts the quiz server (in a
background thread, lecturer_app/quiz/) and opens the full-screen projector
view (``ProjectorWindow``).  The server stops when the projector window is
closed or the app quits.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from lecturer_app.i18n import _


def install(window) -> None:
    action = QAction(_("Kiểm tra nhanh…"), window)
    action.triggered.connect(lambda: open_quiz_setup(window))
    window.menu("tools").addAction(action)
    window.workspace_openers["quiz"] = lambda: open_quiz_setup(window)   # the tab comes back after a restart


def open_quiz_setup(window):
    from lecturer_app.ui.quiz.setup_widget import QuizSetupWidget

    topic = window.current_topic()
    settings = window.context.settings
    folder = Path(settings.export_dir) if settings.export_dir else Path.home() / "Documents"
    widget = QuizSetupWidget(window.context.store, topic_codes=topic.code if topic else "", results_folder=folder)
    index = window.add_workspace(widget, _("Kiểm tra nhanh"), "quiz")
    window.tabs.setCurrentIndex(index)
    return widget
