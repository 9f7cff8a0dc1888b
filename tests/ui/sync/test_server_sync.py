"""Cài đặt → Máy chủ đồng bộ and the background sync, against a real server on 127.0.0.1 (issue #14 item 5).

The server runs in a thread (uvicorn, SQLite), as in tests/server; the app
reaches it through a loopback proxy the tests can cut, which is what a
server vanishing mid-sync looks like from the app.
"""

from __future__ import annotations

import hashlib
import io
import os
import socket
import threading
import time

import pytest

from lecturer_app.cli import main
from lecturer_app.core.model import Attachment, Topic

PASSWORD = "mat-khau-dai-1"


class CuttableProxy:
    """127.0.0.1 proxy to *target*; after *budget* bytes towards the server it vanishes until ``resume()``."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.budget: int | None = None
        self.sent = 0
        self.port = 0
        self.sockets: list[socket.socket] = []
        self.resume()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def resume(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.port = self.listener.getsockname()[1]
        self.vanished = False
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.sockets += [client, upstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, to_server: bool) -> None:
        try:
            while data := source.recv(65536):
                if to_server:
                    self.sent += len(data)
                    if self.budget is not None and self.sent > self.budget:
                        self.vanish()
                        return
                sink.sendall(data)
        except OSError:
            pass

    def vanish(self) -> None:
        """Refuse new connections and drop every open one (the server's machine went away)."""
        self.vanished = True
        self.budget = None
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept(); close() alone does not
        except OSError:
            pass
        self.listener.close()
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        self.sockets = []


@pytest.fixture
def server(tmp_path):
    import uvicorn

    from lecturer_app.server.app import build_app
    from lecturer_app.server.context import open_server

    folder = tmp_path / "server"
    admin, lecturer = tmp_path / "admin.pw", tmp_path / "lan.pw"
    admin.write_text("quan-tri-mat-khau\n", encoding="utf-8")
    lecturer.write_text(PASSWORD + "\n", encoding="utf-8")
    assert main(["server", "init", str(folder), "--name", "Máy chủ thử", "--password-file", str(admin)],
                out=io.StringIO()) == 0
    assert main(["server", "user", "add", "lan", "--role", "giang_vien", "--password-file", str(lecturer),
                 "--data-dir", str(folder)], out=io.StringIO()) == 0
    context = open_server(folder)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(build_app(context), host="127.0.0.1", port=port, log_level="error",
                                            lifespan="off"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    running.context = context
    yield running
    running.should_exit = True
    thread.join(timeout=20)
    context.repo.close()


@pytest.fixture
def proxy(server):
    cut = CuttableProxy(server.config.port)
    cut.server = server
    yield cut
    cut.vanish()


def log_in(window, qtbot, finish, url: str):
    """Fill in Cài đặt → Máy chủ đồng bộ and press «Đăng nhập và ghi danh máy này»; the dialog."""
    from lecturer_app.ui.sync import open_server_settings

    dialog = open_server_settings(window)
    dialog.url.setText(url)
    dialog.user.setText("lan")
    dialog.password.setText(PASSWORD)
    finish(dialog.log_in())
    return dialog


def synced(window, qtbot) -> None:
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Đã đồng bộ lúc"), timeout=30000)


def attached_after_a_sync(window, qtbot, finish, proxy, size: int, filename: str) -> tuple[str, int]:
    """Log in and sync, then attach a file of *size* random bytes to topic AB-01: its sha256 and size."""
    log_in(window, qtbot, finish, proxy.url).close()
    synced(window, qtbot)
    data = os.urandom(size)
    sha = window.context.workspace.blobs.put_bytes(data)
    topic = window.context.bank.require_topic("AB-01")
    window.context.store.save(Attachment(owner_id=topic.id, sha256=sha, size=size, filename=filename))
    return sha, size


def test_logging_in_from_the_settings_page_enrols_the_device_and_syncs_at_once(sync_window, qtbot, finish, proxy):
    from lecturer_app.sync.http_state import load_state

    assert sync_window.sync_label.text() == "Đồng bộ: chưa thiết lập"
    dialog = log_in(sync_window, qtbot, finish, proxy.url)
    state = load_state(sync_window.context.workspace.data_dir)
    assert state is not None and state.user == "lan" and state.url == proxy.url
    assert "Đã đăng nhập" in dialog.state_label.text() and dialog.password.text() == ""
    synced(sync_window, qtbot)
    assert "Đã đồng bộ lúc" in dialog.state_label.text()
    assert sync_window.background_sync.timer.isActive()  # and every few minutes from now on
    dialog.close()


def test_a_wrong_password_says_so_on_the_page_and_sets_nothing_up(sync_window, qtbot, finish, proxy):
    from lecturer_app.sync.http_state import load_state
    from lecturer_app.ui.sync import open_server_settings

    dialog = open_server_settings(sync_window)
    dialog.url.setText(proxy.url)
    dialog.user.setText("lan")
    dialog.password.setText("sai-mat-khau")
    finish(dialog.log_in())
    assert dialog.state_label.text() == ("Không đăng nhập được: "
                                         "Sai tên người dùng hoặc mật khẩu, hoặc tài khoản đã bị khóa.")
    assert load_state(sync_window.context.workspace.data_dir) is None
    assert sync_window.operations.last_error_box is None
    dialog.close()


def test_the_server_vanishing_mid_upload_shows_offline_loses_nothing_and_the_next_sync_completes(
        sync_window, qtbot, finish, proxy):
    from lecturer_app.sync.http_state import load_state

    store, blobs = sync_window.context.store, sync_window.context.workspace.blobs
    sha, size = attached_after_a_sync(sync_window, qtbot, finish, proxy, 20 << 20, "bài giảng.pptx")
    topic = sync_window.context.bank.require_topic("AB-01")
    proxy.budget = proxy.sent + (10 << 20)  # the connection drops half-way through the file

    finish(sync_window.background_sync.sync_now())
    assert proxy.vanished and sync_window.sync_label.text() == "Ngoại tuyến"
    said = sync_window.sync_label.toolTip()
    assert said.startswith("Mất kết nối với máy chủ: kết nối bị cắt giữa chừng.") and "vẫn được giữ" in said
    assert not english_words(said)
    assert sync_window.operations.last_error_box is None  # a background sync never pops up an error
    topic.title = "Sửa trong lúc mất mạng"
    store.save(topic)  # editing goes on
    assert hashlib.sha256(blobs.read_bytes(sha)).hexdigest() == sha
    assert sync_window.background_sync.sync_now() is not None  # still offline: tries, and says so again
    qtbot.waitUntil(lambda: not sync_window.background_sync.running, timeout=20000)
    assert sync_window.sync_label.text() == "Ngoại tuyến"

    proxy.resume()
    before = proxy.sent
    operation = sync_window.background_sync.sync_now()
    seen = []
    operation.progressed.connect(lambda done, total, text: seen.append((text, done, total)))
    finish(operation)
    assert ("Đang gửi tệp", size, size) in seen  # the status bar's progress for a big file
    assert proxy.sent - before < size - (4 << 20)  # the upload resumed where it stopped
    report = sync_window.background_sync.last_report
    assert sync_window.sync_label.text().startswith("Đã đồng bộ lúc")
    assert report["blobs_out"] == 1 and report["pushed"] >= 2
    state = load_state(sync_window.context.workspace.data_dir)
    held = server.context.blobs.path(sha) if (server := _server_of(proxy)) else None
    assert held is not None and hashlib.sha256(held.read_bytes()).hexdigest() == sha
    assert state.last_error == ""


def _server_of(proxy):
    return getattr(proxy, "server", None)


def test_a_conflict_after_a_sync_shows_in_the_status_bar(sync_window, qtbot, finish, proxy, peer):
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import login, sync_now

    log_in(sync_window, qtbot, finish, proxy.url).close()
    synced(sync_window, qtbot)
    topic_id = peer.retitle("AB-02", "Tên sửa ở máy B")
    with peer.workspace() as workspace:
        device = open_device(workspace.data_dir, workspace.store)
        login(device, workspace.data_dir, proxy.url, "lan", PASSWORD)
        sync_now(device, workspace.blobs, workspace.data_dir)
    topic = sync_window.context.store.require(Topic, topic_id)
    topic.title = "Tên sửa ở máy A"
    sync_window.context.store.save(topic)
    finish(sync_window.background_sync.sync_now())
    assert sync_window.sync_label.text() == "Xung đột (1)"
    assert sync_window.conflicts_button.isVisible()
    from lecturer_app.core.store.conflicts import resolve

    store = sync_window.context.store
    resolve(store, topic_id, store.log.heads(topic_id)[0].rev_id)
    sync_window.bank_changed.emit()  # what the conflicts dialog does after a choice
    assert sync_window.sync_label.text().startswith("Đã đồng bộ lúc")


def test_the_settings_dialog_opens_the_server_page(sync_window, qtbot):
    from lecturer_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(sync_window.context, sync_window)
    qtbot.addWidget(dialog)
    dialog.server_button.click()
    assert sync_window.server_settings_dialog.isVisible()
    assert [a.text() for a in sync_window.menu("file").actions() if a.objectName() == "file_sync_now"] == [
        "Đồng bộ ngay"]
    sync_window.server_settings_dialog.close()


def test_an_installation_already_logged_in_syncs_on_start_without_being_asked(qtbot, home, proxy):
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import login
    from lecturer_app.ui.app import build_main_window
    from lecturer_app.ui.sync import background

    login(open_device(home.data_dir, home.store), home.data_dir, proxy.url, "lan", PASSWORD)
    window = build_main_window(home, features=("lecturer_app.ui.sync",))
    qtbot.addWidget(window)
    window.show()
    assert window.sync_label.text() == "Chưa đồng bộ"
    qtbot.waitUntil(lambda: window.sync_label.text().startswith("Đã đồng bộ lúc"),
                    timeout=background.START_DELAY_MS + 30000)
    assert window.background_sync.timer.interval() == background.INTERVAL_MS
    window.operations.wait_all()


class OfficeProxy(CuttableProxy):
    """An HTTP proxy in front of the server: requests arrive in absolute form and are passed on as paths."""

    def __init__(self, target: int) -> None:
        self.requests = 0
        super().__init__(target)

    def _pump(self, source: socket.socket, sink: socket.socket, to_server: bool) -> None:
        prefix = f"http://127.0.0.1:{self.target}".encode()
        try:
            while data := source.recv(65536):
                if to_server and prefix in data:
                    self.requests += data.count(prefix)
                    data = data.replace(b" " + prefix + b"/", b" /")
                sink.sendall(data)
        except OSError:
            pass


def test_the_office_proxy_set_on_the_settings_page_carries_login_and_sync(sync_window, qtbot, finish, server):
    from lecturer_app.sync.http_state import load_state
    from lecturer_app.ui.sync import open_server_settings

    office = OfficeProxy(server.config.port)
    try:
        dialog = open_server_settings(sync_window)
        dialog.url.setText(f"http://127.0.0.1:{server.config.port}")
        dialog.user.setText("lan")
        dialog.password.setText(PASSWORD)
        dialog.proxy.setText(office.url)
        finish(dialog.log_in())
        synced(sync_window, qtbot)
        assert load_state(sync_window.context.workspace.data_dir).proxy == office.url
        assert office.requests >= 5  # info, login, enrol, then the sync's requests: all through the proxy
        dialog.close()
    finally:
        office.vanish()


def english_words(text: str) -> list[str]:
    """httpx's words that must not reach a lecturer (its messages are English)."""
    return [word for word in ("Errno", "Server", "refused", "disconnected", "timed out", "Connection", "protocol")
            if word in text]


def test_a_server_that_is_not_running_is_said_in_vietnamese_in_the_status_bar_and_on_the_settings_page(
        sync_window, qtbot, finish, proxy):
    log_in(sync_window, qtbot, finish, proxy.url).close()
    synced(sync_window, qtbot)
    proxy.vanish()

    finish(sync_window.background_sync.sync_now())

    said = sync_window.sync_label.toolTip()
    assert sync_window.sync_label.text() == "Ngoại tuyến"
    assert said.startswith("Mất kết nối với máy chủ: máy chủ không nhận kết nối (máy chủ chưa chạy, hoặc sai cổng).")
    assert said.endswith("Ứng dụng tự thử lại sau vài phút; muốn thử ngay: Tệp › Đồng bộ ngay.")
    from lecturer_app.ui.sync import open_server_settings

    page = open_server_settings(sync_window).state_label.text()
    assert "Lỗi lần trước: Mất kết nối với máy chủ: máy chủ không nhận kết nối" in page
    assert not english_words(said + page)


@pytest.mark.parametrize(("address", "said"), [
    ("127.0.0.1:{port}", "địa chỉ máy chủ phải bắt đầu bằng http:// hoặc https://"),
    ("https://127.0.0.1:{port}", "không lập được kết nối bảo mật (https); có thể máy chủ dùng http://"),
    ("http://khong-co-may-nay.invalid", "không tìm thấy máy chủ theo địa chỉ này"),
])
def test_an_address_that_cannot_be_reached_says_why_in_vietnamese_on_the_login_page(
        sync_window, qtbot, finish, server, address, said):
    from lecturer_app.sync.http_state import load_state

    dialog = log_in(sync_window, qtbot, finish, address.format(port=server.config.port))

    assert dialog.state_label.text().startswith("Không đăng nhập được: Không kết nối được máy chủ")
    assert said in dialog.state_label.text() and not english_words(dialog.state_label.text())
    assert load_state(sync_window.context.workspace.data_dir) is None
    dialog.close()


def test_too_many_wrong_passwords_say_wait_a_few_minutes_without_the_servers_json(sync_window, qtbot, finish, proxy):
    from lecturer_app.ui.sync import open_server_settings

    dialog = open_server_settings(sync_window)
    dialog.url.setText(proxy.url)
    dialog.user.setText("lan")
    for _attempt in range(6):
        dialog.password.setText("sai-mat-khau")
        finish(dialog.log_in())

    assert dialog.state_label.text() == "Không đăng nhập được: Đăng nhập sai quá nhiều lần; hãy thử lại sau ít phút."
    dialog.close()


def test_an_address_with_a_path_that_is_not_the_server_says_to_check_the_address(sync_window, qtbot, finish, proxy):
    dialog = log_in(sync_window, qtbot, finish, proxy.url + "/v1")

    assert dialog.state_label.text() == (f"Không đăng nhập được: Ở địa chỉ {proxy.url}/v1 không có máy chủ đồng bộ; "
                                         "hãy kiểm tra lại địa chỉ (chỉ gồm tên máy và cổng, ví dụ "
                                         "https://dongbo.tinh.gov.vn hoặc http://192.168.1.10:8765).")
    dialog.close()


def test_a_long_upload_shows_its_progress_with_hu_y_which_stops_it_keeps_what_was_sent_and_the_next_sync_resumes(
        sync_window, qtbot, finish, proxy):
    from lecturer_app.ui.operations import Operation

    sha, size = attached_after_a_sync(sync_window, qtbot, finish, proxy, 48 << 20, "phim tư liệu.mp4")
    sync = sync_window.background_sync
    bar, button = sync.bar, sync.cancel_button
    seen: list[tuple[str, bool, bool]] = []

    def stop_at_first_chunk(done: int, total: int, text: str) -> None:
        if text == "Đang gửi tệp" and not seen:
            seen.append((bar.text(), bar.isVisible(), button.isVisible()))
            button.click()

    operation: Operation = sync.sync_now()
    operation.progressed.connect(stop_at_first_chunk)
    qtbot.waitUntil(lambda: operation.is_finished, timeout=60000)

    shown, bar_visible, button_visible = seen[0]
    assert bar_visible and button_visible and button.text() == "Hủy"
    assert bar.fontMetrics().horizontalAdvance("Đang nhận tệp 100%") <= bar.contentsRect().width() - 8  # one line
    assert sync_window.sync_label.text() == "Đã dừng đồng bộ" and "tiếp tục từ chỗ dừng" in sync_window.sync_label.toolTip()
    assert not bar.isVisible() and not button.isVisible()
    assert sync_window.operations.last_error_box is None
    part = proxy.server.context.uploads_dir / f"{sha}.part"
    assert 0 < part.stat().st_size < size  # stopped midway, what arrived is kept

    before = proxy.sent
    finish(sync.sync_now())
    assert sync_window.sync_label.text().startswith("Đã đồng bộ lúc")
    assert proxy.sent - before < size - (4 << 20)  # resumed, not sent again
    assert hashlib.sha256(proxy.server.context.blobs.path(sha).read_bytes()).hexdigest() == sha


def answers_held(proxy) -> threading.Event:
    """Make *proxy* hold the server's answers (a slow line) until the event returned is set (20 s at most)."""
    release = threading.Event()
    real_pump = proxy._pump

    def slow_pump(source, sink, to_server):
        if not to_server:
            release.wait(20)
        real_pump(source, sink, to_server)

    proxy._pump = slow_pump
    return release


def test_a_sync_running_for_seconds_offers_hu_y_even_without_a_big_file(sync_window, qtbot, finish, proxy, monkeypatch):
    from lecturer_app.ui.sync import background

    log_in(sync_window, qtbot, finish, proxy.url).close()
    synced(sync_window, qtbot)
    monkeypatch.setattr(background, "OFFER_CANCEL_MS", 0)
    release = answers_held(proxy)
    sync = sync_window.background_sync
    operation = sync.sync_now()
    qtbot.waitUntil(sync.cancel_button.isVisible, timeout=5000)
    sync.cancel_button.click()
    assert sync_window.sync_label.text() == "Đang dừng…"
    clicked = time.monotonic()
    # The request waiting for the server is cut short (sync/cancel.py): no wait for the answer or a timeout.
    qtbot.waitUntil(lambda: operation.is_finished, timeout=5000)
    assert time.monotonic() - clicked < 1.5
    release.set()
    assert sync_window.sync_label.text() == "Đã dừng đồng bộ"
    assert not sync.cancel_button.isVisible()


def test_cancelling_a_slow_login_enrols_nothing_and_the_page_says_so(sync_window, qtbot, finish, proxy):
    from lecturer_app.sync.http_state import load_state
    from lecturer_app.ui.sync import open_server_settings

    release = answers_held(proxy)
    dialog = open_server_settings(sync_window)
    dialog.url.setText(proxy.url)
    dialog.user.setText("lan")
    dialog.password.setText(PASSWORD)
    before = proxy.sent
    operation = dialog.log_in()
    qtbot.waitUntil(lambda: proxy.sent > before, timeout=5000)  # the request is on its way
    operation.cancel()  # «Hủy» in its progress dialog
    cancelled = time.monotonic()
    qtbot.waitUntil(lambda: operation.is_finished, timeout=5000)  # the request in flight is cut short
    assert time.monotonic() - cancelled < 1.5
    release.set()

    assert load_state(sync_window.context.workspace.data_dir) is None  # not logged in: nothing syncs
    assert dialog.state_label.text() == "Đã hủy đăng nhập; máy này chưa ghi danh với máy chủ."
    assert dialog.login_button.isEnabled() and not sync_window.background_sync.timer.isActive()
    dialog.close()


def _edit_then_certificate_broken(peer, proxy) -> tuple[str, dict]:
    """Machine B edits a topic and syncs it; then the server hands out B's certificate re-signed by the authority
    with its scopes a string (an authority with a bug): B's fingerprint and its certificate as it was."""
    import json

    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import login, sync_now
    from lecturer_app.sync.trust import sign_document

    peer.retitle("AB-02", "Tên sửa ở máy B")
    with peer.workspace() as workspace:
        device = open_device(workspace.data_dir, workspace.store)
        login(device, workspace.data_dir, proxy.url, "lan", PASSWORD)
        sync_now(device, workspace.blobs, workspace.data_dir)
        signer = device.key.fingerprint
    context = proxy.server.context  # an authority with a bug signs B's certificate with scopes a string
    with context.repo.transaction(write=True) as tx:
        good = json.loads(tx.one("SELECT certificate FROM devices WHERE fingerprint = ?", [signer])[0])
        bad = sign_document(context.authority.key, {**good, "scopes": "bank"})
        tx.run("UPDATE devices SET certificate = ? WHERE fingerprint = ?", [json.dumps(bad), signer])
    return signer, good


def test_a_signer_certificate_the_app_cannot_use_is_said_in_the_status_bar_with_what_to_do(
        sync_window, qtbot, finish, proxy, peer):
    log_in(sync_window, qtbot, finish, proxy.url).close()
    synced(sync_window, qtbot)
    signer, good = _edit_then_certificate_broken(peer, proxy)
    finish(sync_window.background_sync.sync_now())
    assert sync_window.sync_label.text() == "Có phiên bản bị từ chối"
    said = sync_window.sync_label.toolTip()
    assert f"Chứng chỉ {good['serial']} của thiết bị {signer} không dùng được" in said and "đăng nhập lại" in said


def test_details_beside_the_status_list_each_refused_revision_and_certificate_with_what_to_do_and_copy(
        sync_window, qtbot, finish, proxy, peer):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    log_in(sync_window, qtbot, finish, proxy.url).close()
    synced(sync_window, qtbot)
    details = sync_window.background_sync.details_button
    assert details.isHidden()  # nothing refused: nothing to look at
    signer, good = _edit_then_certificate_broken(peer, proxy)
    finish(sync_window.background_sync.sync_now())
    assert details.isVisible() and details.text() == "Chi tiết…"
    qtbot.mouseClick(details, Qt.MouseButton.LeftButton)
    dialog = sync_window.background_sync.refusals_dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Phiên bản bị từ chối"
    assert dialog.summary.text().startswith(f"2 mục bị từ chối khi đồng bộ với máy chủ {proxy.url}")
    shown = dialog.details.toPlainText()
    assert f"Chứng chỉ {good['serial']} của thiết bị {signer}" in shown
    assert "cấp lại chứng chỉ cho thiết bị đó, rồi đăng nhập lại" in shown
    assert f"Chuyên đề «Tên sửa ở máy B», chữ ký ghi thiết bị {signer[:16]}" in shown
    assert "Chứng chỉ của thiết bị ký không dùng được (mục 1). Khi chứng chỉ được cấp lại, đăng nhập lại" in shown
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(dialog.summary.text()) and "1. Chứng chỉ" in copied and "2. Chuyên đề «Tên sửa" in copied
    dialog.close()
    finish(sync_window.background_sync.sync_now())  # told until the next sync, which refuses nothing new
    assert details.isHidden() and sync_window.sync_label.text().startswith("Đã đồng bộ lúc")
