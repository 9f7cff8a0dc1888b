"""The GUI composition root: builds the application and hands services to the main window."""

from __future__ import annotations

import argparse
import sys

from lecturer_app.core.bank import LessonBank
from lecturer_app.core.workspace import Workspace


def run_app(workspace: Workspace, args: argparse.Namespace | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from lecturer_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("lecturer_app")
    app.setApplicationDisplayName("Ngân hàng bài giảng")
    window = MainWindow(LessonBank(workspace.store), workspace)
    window.show()
    return app.exec()
