"""When something unexpected goes wrong in the GUI: autosave, log, and a Vietnamese dialog with the way out.

``install_error_handler(window, log_path)`` makes the handler the process's
``sys.excepthook`` (exceptions in slots and event handlers reach it),
``threading.excepthook`` and Qt's message handler.
"""

from __future__ import annotations

from pathlib import Path


def install_error_handler(window, log_path: Path):
    from lecturer_app.ui.error_report.handler import ErrorHandler

    handler = ErrorHandler(window, log_path)
    handler.install()
    return handler
