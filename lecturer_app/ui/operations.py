"""The one way the GUI runs long work: on a worker thread, with progress and Cancel.

``OperationRunner.run(title, fn)`` calls ``fn(report)`` on a ``QThreadPool``
thread.  ``report(done, total, text="")`` updates the progress dialog and
raises :class:`OperationCancelled` once the user pressed Hủy, so the callable
stops at its next report.  The result (or the error) comes back on the GUI
thread through Qt signals.  A progress dialog appears only when the work takes
longer than ``SHOW_AFTER_MS``; it is modeless, so the window stays usable.

Store rule (docs/design/gui.md): the callable never touches the GUI thread's
store.  Work that reads or writes the database opens its own connection with
``AppContext.worker_store()``; SQLite's WAL mode lets the GUI keep reading.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from lecturer_app.core.errors import UserFacingError
from lecturer_app.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QProgressDialog

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 300
# Progress signals are throttled so a loop over 50,000 items does not flood the GUI.
REPORT_INTERVAL_S = 0.05

Report = Callable[..., None]
Work = Callable[[Report], Any]


class OperationCancelled(Exception):
    """Raised by ``report`` inside the work function after the user cancelled."""


class _Signals(QObject):
    """Emitted from the worker thread; received (queued) by the Operation on the GUI thread."""

    progressed = Signal(int, int, str)
    done = Signal(object)
    error = Signal(object, str)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, operation: Operation) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._operation = operation
        self._signals = operation._signals

    def run(self) -> None:  # runs on the worker thread
        try:
            result = self._operation.work(self._operation.report)
        except OperationCancelled:
            self._deliver(self._signals.cancelled)
        except Exception as exc:  # every failure is delivered to the GUI, never lost in the pool
            self._deliver(self._signals.error, exc, traceback.format_exc())
        else:
            self._deliver(self._signals.done, result)

    @staticmethod
    def _deliver(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            # The application is closing and its objects are gone: nobody is
            # left to receive the result (the work itself has finished).
            pass


class Operation(QObject):
    """One background task.  Signals fire on the GUI thread.

    Signals:
        progressed(done, total, text), succeeded(result), failed(exception),
        cancelled(), finished() (after any of the three outcomes).
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, title: str, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_finished = False
        self._cancel = threading.Event()
        self._cancel_hooks: list[Callable[[], None]] = []
        self._last_report = 0.0
        self._signals = _Signals()
        from PySide6.QtCore import Qt  # not at import: this module loads before the first paint (widgets/qt_values.py)

        self._signals.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._signals.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._signals.error.connect(self._on_error, Qt.ConnectionType.QueuedConnection)
        self._signals.cancelled.connect(self._on_cancelled, Qt.ConnectionType.QueuedConnection)

    # Worker side ---------------------------------------------------------

    def report(self, done: int, total: int, text: str = "") -> None:
        """Called by the work function; raises OperationCancelled after Cancel."""
        if self._cancel.is_set():
            raise OperationCancelled()
        now = time.monotonic()
        if done >= total or now - self._last_report >= REPORT_INTERVAL_S:
            self._last_report = now
            self._signals.progressed.emit(int(done), int(total), str(text))

    # GUI side ------------------------------------------------------------

    def cancel(self) -> None:
        """Ask the work to stop at its next ``report`` call, and wake it where it waits (``on_cancel``)."""
        self._cancel.set()
        for hook in list(self._cancel_hooks):
            hook()

    def on_cancel(self, hook: Callable[[], None]) -> None:
        """Call *hook* (on the cancelling thread) when the work is cancelled: a wait that ``report`` cannot end,
        such as a request to the server, is cut short there (sync/cancel.py)."""
        self._cancel_hooks.append(hook)
        if self._cancel.is_set():
            hook()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if not self.is_finished:
            self.progressed.emit(done, total, text)

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self.result = result
        self._finish(self.succeeded, result)

    @Slot(object, str)
    def _on_error(self, exc: BaseException, trace: str) -> None:
        self.error = exc
        if not isinstance(exc, UserFacingError):
            log.error("operation %r failed:\n%s", self.title, trace)
        self._finish(self.failed, exc)

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish(self.cancelled)

    def _finish(self, signal: Any, *args: Any) -> None:
        self.is_finished = True
        signal.emit(*args)
        self.finished.emit()


class OperationRunner(QObject):
    """Starts operations, shows their progress dialog and their errors.

    Args:
        parent_widget: the window progress dialogs and error boxes belong to.
        pool: the thread pool (the global one by default).
    """

    started = Signal(object)

    def __init__(self, parent_widget: QWidget | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent_widget)
        self._widget = parent_widget
        self._pool = pool or QThreadPool.globalInstance()
        self.running: list[Operation] = []
        self.last_error_box: QMessageBox | None = None

    def run(self, title: str, work: Work, on_success: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException], None] | None = None, *, dialog: bool = True) -> Operation:
        """Start *work* on a worker thread; *on_success(result)* runs on the GUI thread.

        Without *on_error*, a failure is shown in a message box.  *dialog* False:
        no progress dialog (background work that shows its progress elsewhere,
        such as sync in the status bar).
        """
        operation = Operation(title, work, self)
        if on_success is not None:
            operation.succeeded.connect(on_success)
        operation.failed.connect(on_error or (lambda exc: self._show_error(title, exc)))
        operation.finished.connect(lambda: self._forget(operation))
        self.running.append(operation)
        if dialog:
            QTimer.singleShot(SHOW_AFTER_MS, self, lambda: self._maybe_show_progress(operation))
        self.started.emit(operation)
        self._pool.start(_Job(operation))
        return operation

    def cancel_all(self) -> None:
        for operation in self.running:
            operation.cancel()

    def wait_all(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (used when the window closes)."""
        return self._pool.waitForDone(msecs)

    def _maybe_show_progress(self, operation: Operation) -> None:
        if operation.is_finished:
            return
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog  # with the message boxes: loaded when first needed

        dialog = QProgressDialog(operation.title, _("Hủy"), 0, 0, self._widget)
        dialog.setWindowTitle(operation.title)
        dialog.setWindowModality(Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        dialog.setAccessibleName(_("Tiến độ: {title}").format(title=operation.title))
        dialog.canceled.connect(operation.cancel)
        operation.progressed.connect(lambda done, total, text: _update_dialog(dialog, operation, done, total, text))
        operation.finished.connect(dialog.deleteLater)
        operation.finished.connect(dialog.hide)
        dialog.show()
        operation.progress_dialog = dialog  # type: ignore[attr-defined]

    def _show_error(self, title: str, exc: BaseException) -> None:
        from lecturer_app.ui.widgets.error_box import show_error

        self.last_error_box = show_error(self._widget, title, exc)

    def _forget(self, operation: Operation) -> None:
        if operation in self.running:
            self.running.remove(operation)
        # A child of this runner lived as long as the window, its result with it: every refresh of a big
        # question bank kept its list of 200,000 ids.  Its Python attributes stay readable by whoever holds it.
        operation.deleteLater()


def _update_dialog(dialog: QProgressDialog, operation: Operation, done: int, total: int, text: str) -> None:
    dialog.setMaximum(max(total, 0))
    dialog.setValue(min(done, total) if total > 0 else 0)
    label = operation.title if not text else f"{operation.title}\n{text}"
    if operation.cancel_requested:
        label += "\n" + _("Đang dừng…")
    dialog.setLabelText(label)
