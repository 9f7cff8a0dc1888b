"""Catches what nobody else caught: Python exceptions (GUI and worker threads) and Qt's critical messages."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QtMsgType, Signal, qInstallMessageHandler

from lecturer_app.i18n import _
from lecturer_app.ui.error_report.details import error_details
from lecturer_app.ui.error_report.error_dialog import ErrorDialog

log = logging.getLogger(__name__)

QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
             QtMsgType.QtFatalMsg: logging.CRITICAL}


class ErrorHandler(QObject):
    """Autosaves the open edits, logs the error, and shows :class:`ErrorDialog` (one at a time).

    Signals:
        caught(object): an unexpected exception reached the handler (after it was logged).
    """

    caught = Signal(object)
    _from_thread = Signal(object, object, object)

    def __init__(self, window, log_path: Path) -> None:
        super().__init__(window)
        self.window = window
        self.log_path = log_path
        self.dialog: ErrorDialog | None = None
        self._previous: tuple = ()
        self._from_thread.connect(self.excepthook, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        previous_qt = qInstallMessageHandler(self._qt_message)
        self._previous = (sys.excepthook, threading.excepthook, previous_qt)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous:
            sys.excepthook, threading.excepthook, previous_qt = self._previous
            qInstallMessageHandler(previous_qt)
            self._previous = ()

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        saved = self.autosave()
        self.caught.emit(exc)
        if self.dialog is not None:
            return  # one dialog at a time: the next errors are in the log
        self.dialog = ErrorDialog(saved, error_details(exc_type, exc, tb, self.log_path), self.log_path,
                                  self.window)
        self.dialog.quit_requested.connect(self.window.close)
        self.dialog.finished.connect(self._forget_dialog)
        self.dialog.open()

    def _forget_dialog(self, _result: int) -> None:
        self.dialog = None

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        self._from_thread.emit(args.exc_type, args.exc_value, args.exc_traceback)

    def autosave(self) -> str:
        """Write the open topic pages' pending edits; returns the sentence saying how that went."""
        pages = [page for page in self.window.topic_pages() if page.has_unsaved_changes()]
        if not pages:
            return _("Không có thay đổi nào chưa lưu: dữ liệu của bạn không bị ảnh hưởng.")
        try:
            for page in pages:
                page.flush()
        except Exception:  # the store itself may be what failed: say so, never raise from the hook
            log.exception("autosave after an unexpected error failed")
            return _("Không tự lưu được những gì đang soạn dở; hãy sao chép phần văn bản quan trọng ra "
                     "nơi khác trước khi đóng ứng dụng.")
        return _("Những gì bạn đang soạn đã được tự động lưu.")

    def _qt_message(self, mode: QtMsgType, context, message: str) -> None:
        logging.getLogger("qt").log(QT_LEVELS.get(mode, logging.WARNING), "%s", message)
        previous_qt = self._previous[2] if self._previous else None
        if previous_qt is not None:
            previous_qt(mode, context, message)
