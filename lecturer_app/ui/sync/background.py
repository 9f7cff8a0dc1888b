"""Background sync with the province server: on start, every few minutes and on «Đồng bộ ngay».

The work goes through the window's one background-operation helper
(``ui/operations.py``) without a progress dialog: the status bar says
Ngoại tuyến / Đang đồng bộ… / Đã đồng bộ lúc HH:MM / Xung đột (N), with a
progress bar while files move and a «Hủy» button while files move or a sync
has run for a few seconds (stopping keeps what moved: «Đã dừng đồng bộ»).  Editing never waits: the sync writes
through its own connection, and open editors flush before and reload after
a sync that brought something.  A dropped connection is «Ngoại tuyến»; the
marks the engine saved make the next run continue where this one stopped.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton

from lecturer_app.core.errors import error_reason
from lecturer_app.i18n import _
from lecturer_app.ui.operations import Operation
from lecturer_app.ui.sync import server_work

START_DELAY_MS = 3000  # after the window is up, so the first paint never waits for the network
INTERVAL_MS = 5 * 60 * 1000
OFFER_CANCEL_MS = 3000  # a sync running longer than this gets a Hủy button beside the status
BIG_TRANSFER = 4 << 20  # bytes: smaller files move too fast for a progress bar to mean anything


class BackgroundSync(QObject):
    """Runs the server sync of one window and keeps its status-bar label and progress bar true.

    Signals:
        state_changed(str): the status text changed (the settings dialog shows it too).
        synced(object): a sync finished; its report.
    """

    state_changed = Signal(str)
    synced = Signal(object)

    def __init__(self, window: Any, label: QLabel) -> None:
        super().__init__(window)
        self.window = window
        self.label = label
        self.operation: Operation | None = None
        self.last_report: dict[str, Any] | None = None
        self.last_error: BaseException | None = None
        self.bar = QProgressBar()
        self.bar.setObjectName("sync_progress")
        self.bar.setAccessibleName(_("Tiến độ đồng bộ"))
        # As wide as its longest text: at 160 px «Đang nhận tệp 100%» wrapped and its first line was cut off.
        metrics = self.bar.fontMetrics()
        widest = max(metrics.horizontalAdvance(f"{_(text)} 100%") for text in server_work.STAGES.values())
        self.bar.setFixedWidth(widest + 24)
        self.bar.hide()
        self.cancel_button = QPushButton(_("Hủy"))
        self.cancel_button.setObjectName("sync_cancel")
        self.cancel_button.setAccessibleName(_("Dừng đồng bộ"))
        self.cancel_button.setToolTip(_("Dừng lần đồng bộ này; phần đã gửi, đã nhận được giữ và lần sau tiếp tục."))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.details_button = QPushButton(_("Chi tiết…"))
        self.details_button.setObjectName("sync_refusals")
        self.details_button.setAccessibleName(_("Xem các mục bị từ chối"))
        self.details_button.clicked.connect(self.show_refusals)
        self.details_button.hide()
        self.refusals_dialog: QDialog | None = None
        window.statusBar().addPermanentWidget(self.bar)
        window.statusBar().addPermanentWidget(self.cancel_button)
        window.statusBar().addPermanentWidget(self.details_button)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.sync_now)
        self.conflicts = 0
        window.bank_changed.connect(self._recount)
        self.show_idle()

    # State -----------------------------------------------------------------

    @property
    def configured(self) -> bool:
        from lecturer_app.sync.http_state import load_state

        return load_state(self.window.context.workspace.data_dir) is not None

    @property
    def running(self) -> bool:
        return self.operation is not None and not self.operation.is_finished

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """Sync once after *delay_ms*, then every few minutes."""
        self.timer.start()
        QTimer.singleShot(delay_ms, self, self.sync_now)

    def show_idle(self) -> None:
        from lecturer_app.sync.http_state import load_state

        state = load_state(self.window.context.workspace.data_dir)
        if state is None:
            self._say(_("Đồng bộ: chưa thiết lập"), _("Thiết lập trong Cài đặt → Máy chủ đồng bộ."))
        elif state.last_sync:
            self._say(synced_text(state.last_sync), state.url)
        else:
            self._say(_("Chưa đồng bộ"), state.url)

    # Running ---------------------------------------------------------------

    def sync_now(self) -> Operation | None:
        """Start a sync (None when not set up, or when one is running already)."""
        if self.running or not self.configured:
            return None
        for page in self.window.topic_pages():
            page.flush()  # pending edits become revisions first, so they are pushed and merged
        self._say(_("Đang đồng bộ…"), "")
        self.details_button.hide()  # what the last sync refused is told until the next one
        from lecturer_app.sync.cancel import CancelToken

        context, stop = self.window.context, CancelToken()
        self.operation = self.window.operations.run(
            _("Đồng bộ với máy chủ"), lambda report: server_work.run_sync(context, report, stop),
            self._done, self._failed, dialog=False)
        self.operation.on_cancel(stop.cancel)  # Hủy (or closing the window) cuts a request in flight short
        self.operation.progressed.connect(self._progress)
        self.operation.cancelled.connect(self._cancelled)
        operation = self.operation
        QTimer.singleShot(OFFER_CANCEL_MS, self, lambda: self._offer_cancel(operation))
        return self.operation

    def _offer_cancel(self, operation: Operation) -> None:
        """A sync still running after a few seconds (a first push, a slow line) can be stopped, files or not."""
        if operation is self.operation and self.running:
            self.cancel_button.show()

    def cancel(self) -> None:
        """Stop the running sync now, mid-request too (sync/cancel.py); what it moved so far stays (the marks
        are saved)."""
        if self.running and self.operation is not None:
            self.operation.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(_("Đang dừng…"))

    def _cancelled(self) -> None:
        self._hide_progress()
        self._show_what_arrived()
        self._say(_("Đã dừng đồng bộ"), _("Phần đã gửi, đã nhận được giữ; lần đồng bộ sau (tự động sau vài phút, "
                                          "hoặc Tệp › Đồng bộ ngay) tiếp tục từ chỗ dừng."))

    def _hide_progress(self) -> None:
        self.bar.hide()
        self.cancel_button.hide()
        self.cancel_button.setEnabled(True)

    def _progress(self, done: int, total: int, text: str) -> None:
        big = text in (_(server_work.STAGES["upload"]), _(server_work.STAGES["download"])) and total >= BIG_TRANSFER
        if big:
            self.bar.setMaximum(100)
            self.bar.setValue(int(100 * done / max(total, 1)))
            self.bar.setFormat(f"{text} %p%")
        self.bar.setVisible(big and done < total)
        if big and done < total:
            self.cancel_button.show()  # a long transfer can be stopped
        if not self.operation or not self.operation.cancel_requested:
            self.label.setText(_("Đang đồng bộ…"))

    def _done(self, report: dict[str, Any]) -> None:
        self._hide_progress()
        self.last_report, self.last_error = report, None
        if report["pulled"]:
            self._refresh_views()
        self.conflicts = report["conflicts"]
        self._show_synced(self._summary(report))
        if report.get("refused_certificates") or report.get("rejected"):  # said until the next sync
            from lecturer_app.sync.page_signers import refused_certificate_lines

            told = refused_certificate_lines(report.get("refused_certificates") or [])
            self._say(_("Có phiên bản bị từ chối"), "\n".join(
                told + [_("Bấm «Chi tiết…» bên cạnh để xem từng mục bị từ chối và cách xử lý.")]))
            self.details_button.show()
        self.synced.emit(report)

    def show_refusals(self) -> QDialog | None:
        """«Chi tiết…»: each item the last sync refused — what, signed by whom, why, what to do; None if none."""
        from lecturer_app.sync.http_state import load_state
        from lecturer_app.ui.sync.refusals import RefusalsDialog, server_heading, server_refusals

        problems = server_refusals(self.last_report or {})
        if not problems:
            return None
        state = load_state(self.window.context.workspace.data_dir)
        heading = server_heading(problems, state.url if state else "")
        dialog = self.refusals_dialog = RefusalsDialog(heading, problems, self.window)
        dialog.open()
        return dialog

    def _show_synced(self, summary: str) -> None:
        if self.conflicts:
            self._say(_("Xung đột ({n})").format(n=self.conflicts),
                      _("Có bản ghi được sửa khác nhau ở hai nơi; bấm nút Xung đột để chọn."))
        else:
            self.show_idle()
            self.label.setToolTip(summary)

    def _recount(self) -> None:
        """After conflicts are resolved here, the label says so without waiting for the next sync."""
        from lecturer_app.core.store.conflicts import conflict_count

        if self.conflicts and not self.running:
            self.conflicts = conflict_count(self.window.context.store)
            self._show_synced(self.label.toolTip())

    def _failed(self, exc: BaseException) -> None:
        from lecturer_app.sync.http_client import SyncOffline

        self._hide_progress()
        self._show_what_arrived()
        self.last_error = exc
        if isinstance(exc, SyncOffline):
            # The engine's message ends with "đồng bộ lại": here that happens by itself, or at once from the menu.
            self._say(_("Ngoại tuyến"), str(exc) + " " + _("Ứng dụng tự thử lại sau vài phút; muốn thử ngay: "
                                                           "Tệp › Đồng bộ ngay."))
        else:
            self._say(_("Lỗi đồng bộ"), error_reason(exc))

    @staticmethod
    def _summary(report: dict[str, Any]) -> str:
        return _("Nhận {pulled} phiên bản, gửi {pushed}; tệp nhận {bi}, gửi {bo}.").format(
            pulled=report["pulled"], pushed=report["pushed"], bi=report["blobs_in"], bo=report["blobs_out"])

    def _show_what_arrived(self) -> None:
        """A sync that stopped midway (Hủy, a dropped connection) keeps the revisions it pulled: an open editor
        still showing the records as they were would write its next edit of them over what arrived."""
        for page in self.window.topic_pages():
            page.reload_if_stale()

    def _refresh_views(self) -> None:
        for page in self.window.topic_pages():
            for editor in page.editors():
                editor.reload()
        self.window.bank_changed.emit()

    def _say(self, text: str, tip: str) -> None:
        self.label.setText(text)
        self.label.setToolTip(tip)
        self.label.setAccessibleDescription(tip)
        self.state_changed.emit(text)


def synced_text(utc_iso: str) -> str:
    """«Đã đồng bộ lúc HH:MM» in local time, from the UTC moment the engine records."""
    import calendar

    moment = calendar.timegm(time.strptime(utc_iso[:19], "%Y-%m-%dT%H:%M:%S"))
    return _("Đã đồng bộ lúc {time}").format(time=time.strftime("%H:%M", time.localtime(moment)))
