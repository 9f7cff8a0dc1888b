"""Cài đặt → Máy chủ đồng bộ: the server's address, the account, enrolling this device, the office's proxy.

«Đăng nhập và ghi danh máy này» logs in, trusts the server's authority and
has the server sign this device's key (``sync/http_client.login``), on a
worker thread; «Đồng bộ ngay» starts the window's background sync.  The
password is sent once and never stored: the server's session token is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from lecturer_app.core.errors import error_reason
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _
from lecturer_app.ui.operations import Operation
from lecturer_app.ui.sync import server_work
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


class ServerSettingsDialog(QDialog):
    """The «Máy chủ đồng bộ» page of the settings.

    Signals:
        logged_in(object): login and enrolment succeeded (what ``sync login`` returns).
    """

    logged_in = Signal(object)

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.sync = window.background_sync
        self.setWindowTitle(_("Máy chủ đồng bộ"))
        self.setObjectName("server_settings")
        self.setMinimumWidth(600)
        self.login_operation: Operation | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._server_box())
        layout.addWidget(self._state_box())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        translate_buttons(self.buttons)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.sync.state_changed.connect(lambda _text: self.show_state())
        self.show_state()

    def _server_box(self) -> QGroupBox:
        from lecturer_app.sync.http_state import load_state

        state = load_state(self.window_.context.workspace.data_dir)
        self.url = QLineEdit(state.url if state else "")
        self.url.setPlaceholderText("https://dongbo.tinh.gov.vn")
        self.user = QLineEdit(state.user if state else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.proxy = QLineEdit(state.proxy if state else "")
        self.proxy.setPlaceholderText(_("(theo cài đặt của máy; ví dụ http://10.0.0.1:3128)"))
        self.login_button = QPushButton(_("Đăng nhập và ghi danh máy này"))
        self.login_button.setObjectName("server_login")
        self.login_button.clicked.connect(self.log_in)
        form = QFormLayout()
        for label, widget, name in ((_("Địa chỉ máy chủ:"), self.url, _("Địa chỉ máy chủ")),
                                    (_("Tên đăng nhập:"), self.user, _("Tên đăng nhập")),
                                    (_("Mật khẩu:"), self.password, _("Mật khẩu")),
                                    (_("Máy chủ trung gian (proxy):"), self.proxy, _("Máy chủ trung gian"))):
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        form.addRow("", self.login_button)
        box = QGroupBox(_("Máy chủ của tỉnh"))
        box.setLayout(form)
        return box

    def _state_box(self) -> QGroupBox:
        self.state_label = QLabel()
        self.state_label.setObjectName("server_state")
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName(_("Trạng thái máy chủ đồng bộ"))
        self.sync_button = QPushButton(_("Đồng bộ ngay"))
        self.sync_button.setObjectName("server_sync_now")
        self.sync_button.clicked.connect(self.sync.sync_now)
        row = QHBoxLayout()
        row.addWidget(self.state_label, 1)
        row.addWidget(self.sync_button)
        box = QGroupBox(_("Trạng thái"))
        box.setLayout(row)
        return box

    def show_state(self) -> None:
        from lecturer_app.sync.http_state import load_state

        state = load_state(self.window_.context.workspace.data_dir)
        self.sync_button.setEnabled(state is not None)
        if state is None:
            self.state_label.setText(_("Máy này chưa đăng nhập máy chủ đồng bộ; dữ liệu chỉ ở trên máy."))
            return
        lines = [_("Đã đăng nhập {url} là {user}.").format(url=state.url, user=state.user),
                 _("Tình trạng: {text}").format(text=self.sync.label.text())]
        if state.last_error:
            lines.append(_("Lỗi lần trước: {error}").format(error=state.last_error))
        self.state_label.setText("\n".join(lines))

    def log_in(self) -> Operation | None:
        url, user = self.url.text().strip(), nfc(self.user.text().strip())
        if not url or not user or not self.password.text():
            self.state_label.setText(_("Hãy nhập địa chỉ máy chủ, tên đăng nhập và mật khẩu."))
            return None
        password, proxy = self.password.text(), self.proxy.text().strip()
        from lecturer_app.sync.cancel import CancelToken

        context, stop = self.window_.context, CancelToken()
        self.login_button.setEnabled(False)
        self.login_operation = self.window_.operations.run(
            _("Đăng nhập máy chủ đồng bộ"),
            lambda report: server_work.run_login(context, url, user, password, proxy, report, stop),
            self._logged_in, self._login_failed)
        self.login_operation.on_cancel(stop.cancel)  # Hủy does not wait for a server that does not answer
        self.login_operation.cancelled.connect(self._login_cancelled)
        return self.login_operation

    def _logged_in(self, result: dict[str, Any]) -> None:
        self.login_button.setEnabled(True)
        self.password.clear()
        self.logged_in.emit(result)
        self.show_state()
        self.sync.show_idle()
        self.sync.start(delay_ms=0)

    def _login_cancelled(self) -> None:
        self.login_button.setEnabled(True)
        self.state_label.setText(_("Đã hủy đăng nhập; máy này chưa ghi danh với máy chủ."))

    def _login_failed(self, exc: BaseException) -> None:
        self.login_button.setEnabled(True)
        self.state_label.setText(_("Không đăng nhập được: {error}").format(error=error_reason(exc)))
