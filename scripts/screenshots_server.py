"""Screenshots for the user guide: the sync server settings page, the status bar, the official version.

Usage: .venv/bin/python scripts/screenshots_server.py [--out docs/screenshots] [--size 1280x720]

Starts a throw-away server on 127.0.0.1 (SQLite, one lecturer account), opens a
fresh data folder on the shipped bank, fills in Cài đặt → Máy chủ đồng bộ,
logs in and syncs (the work functions the GUI runs, called directly so the
pictures do not depend on timing), then stops the server and syncs again for
«Ngoại tuyến».  Before that, a second installation syncs an edit whose signer's certificate the server
then hands out broken: the window's next sync refuses it, «Chi tiết…» lists it.  Each picture is a 1366×768
screen (offscreen; ``--size`` for another), as in ``screenshots_first_run.py``.
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import screenshots_first_run  # noqa: E402
from screenshots_first_run import _save_screen, _save_window, _settle  # noqa: E402

PASSWORD = "mat-khau-mau-2026"


def _server(folder: Path):
    """A server folder with the account «hoa» (giảng viên), served by uvicorn in a thread; (server, url)."""
    import uvicorn

    from lecturer_app.cli import main as cli
    from lecturer_app.server.app import build_app
    from lecturer_app.server.context import open_server

    password = folder.parent / "mat-khau.txt"
    password.write_text(PASSWORD + "\n", encoding="utf-8")
    cli(["server", "init", str(folder), "--name", "Máy chủ mẫu", "--password-file", str(password)], out=io.StringIO())
    cli(["server", "user", "add", "hoa", "--role", "giang_vien", "--password-file", str(password),
         "--data-dir", str(folder)], out=io.StringIO())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    context = open_server(folder)
    server = uvicorn.Server(uvicorn.Config(build_app(context), host="127.0.0.1", port=port,
                                           log_level="error", lifespan="off"))
    server.context = context  # the refusal pictures break a certificate in its database
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def _window(data: Path):
    from PySide6.QtCore import QSettings

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window, create_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "qsettings"))
    workspace = open_workspace(data / "Dữ liệu")
    workspace.settings.author_name = workspace.store.author = "Nguyễn Thị Hoa"
    app = create_application()
    window = build_main_window(workspace)
    window.resize(*screenshots_first_run.SCREEN)
    window.show()
    return app, window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768", help="screen size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    screenshots_first_run.SCREEN = (width, height)  # the pictures' screen, for the helpers shared with it
    args.out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="lecturer-server-shots-"))
    server, thread, url = _server(data / "server")
    app, window = _window(data)
    _settle(app)
    _settings_page(app, window, args.out, url)
    _refused(app, window, args.out, url, server.context, data / "Máy B")
    server.should_exit = True
    thread.join(timeout=20)
    _offline(app, window, args.out)
    _official(app, window, args.out)
    window.close()
    return 0


def _settings_page(app, window, out: Path, url: str) -> None:
    from lecturer_app.ui.sync import open_server_settings, server_work

    dialog = open_server_settings(window)
    dialog.url.setText(url)
    dialog.user.setText("hoa")
    dialog.password.setText(PASSWORD)
    _save_screen(app, window, dialog, out, "19-may-chu-dong-bo")
    result = server_work.run_login(window.context, url, "hoa", PASSWORD, "", lambda *args: None)
    dialog.logged_in.emit(result)
    dialog.password.clear()
    sync = window.background_sync
    sync._done(server_work.run_sync(window.context, lambda *args: None))
    dialog.show_state()
    _save_screen(app, window, dialog, out, "20-may-chu-da-dang-nhap")
    dialog.hide()
    _save_window(app, window, out, "21-da-dong-bo")


def _refused(app, window, out: Path, url: str, context, peer_folder: Path) -> None:
    """Machine B retitles a topic and syncs; the server then hands out B's certificate with ``scopes`` a string
    (an authority with a bug): the window's sync refuses B's revision and «Chi tiết…» lists it with what to do."""
    import json

    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.http_client import login, sync_now
    from lecturer_app.sync.trust import sign_document
    from lecturer_app.ui.sync import server_work

    peer = open_workspace(peer_folder)
    try:
        topic = LessonBank(peer.store).topics()[0]
        topic.title += " (bản sửa ở máy B)"
        peer.store.save(topic)
        device = open_device(peer.data_dir, peer.store)
        login(device, peer.data_dir, url, "hoa", PASSWORD)
        sync_now(device, peer.blobs, peer.data_dir)
        signer = device.key.fingerprint
    finally:
        peer.close()
    with context.repo.transaction(write=True) as tx:
        good = json.loads(tx.one("SELECT certificate FROM devices WHERE fingerprint = ?", [signer])[0])
        bad = sign_document(context.authority.key, {**good, "scopes": "bank"})
        tx.run("UPDATE devices SET certificate = ? WHERE fingerprint = ?", [json.dumps(bad), signer])
    sync = window.background_sync
    sync._done(server_work.run_sync(window.context, lambda *args: None))
    _save_window(app, window, out, "25-dong-bo-bi-tu-choi")
    dialog = sync.show_refusals()
    _save_screen(app, window, dialog, out, "26-danh-sach-bi-tu-choi")
    dialog.close()


def _offline(app, window, out: Path) -> None:
    from lecturer_app.ui.sync import server_work

    try:
        server_work.run_sync(window.context, lambda *args: None)
    except Exception as exc:  # the server is gone: what the background sync shows then
        window.background_sync._failed(exc)
    _save_window(app, window, out, "22-ngoai-tuyen")


def _official(app, window, out: Path) -> None:
    """A topic marked official, then changed by the lecturer: the indicator and the side-by-side view."""
    from lecturer_app.core.bank.official import mark_official
    from lecturer_app.ui.sync import official_work

    bank, store = window.context.bank, window.context.store
    topic = next(t for t in bank.topics() if bank.plan(t.id) and len(bank.sections(bank.plan(t.id).id)) >= 3)
    section = bank.sections(bank.plan(topic.id).id)[1]
    mark_official(store, topic.id, "Bản mẫu")
    section.body += "\n\nÝ giảng viên bổ sung cho lớp của mình."
    store.save(section)
    page = window.open_topic(topic.id)
    indicator = page.official_indicator
    indicator.show_status(official_work.run_status(window.context, topic.id, indicator.shipped, lambda *args: None))
    _save_window(app, window, out, "23-chi-bao-ban-chinh-thuc")
    dialog = indicator.open_dialog()
    dialog.resize(1200, 620)
    _save_screen(app, window, dialog, out, "24-ban-chinh-thuc")
    dialog.hide()


if __name__ == "__main__":
    raise SystemExit(main())
