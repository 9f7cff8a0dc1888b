"""`lecturer-app sync digest|login|now|status`: compare state (issue #13), sync with a server (issue #14)."""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help=_("đồng bộ với máy chủ của tỉnh; so sánh trạng thái giữa các máy"))
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    digest = actions.add_parser(
        "digest", help=_("in dấu tóm tắt của dữ liệu (giống nhau trên hai máy cùng trạng thái)"))
    digest.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    digest.set_defaults(handler=run_digest)
    login = actions.add_parser("login", help=_("đăng nhập máy chủ đồng bộ và ghi danh thiết bị này"))
    login.add_argument("url", metavar="URL")
    login.add_argument("--user", required=True, metavar="U")
    login.add_argument("--password-file", metavar="F", help=_("tệp chứa mật khẩu (mặc định: hỏi)"))
    login.add_argument("--proxy", default="", metavar="URL",
                       help=_("máy chủ trung gian (proxy) của cơ quan, ví dụ http://10.0.0.1:3128"))
    login.set_defaults(handler=run_login)
    now = actions.add_parser("now", help=_("đồng bộ ngay với máy chủ"))
    now.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    now.set_defaults(handler=run_now)
    status = actions.add_parser("status", help=_("trạng thái đồng bộ với máy chủ"))
    status.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    status.set_defaults(handler=run_status)


def run_digest(ctx) -> int:
    from lecturer_app.sync.digest import sync_digest

    digest = sync_digest(ctx.workspace.db)
    if ctx.args.json:
        ctx.print_json(digest)
        return 0
    ctx.print(_("Phiên bản: {n}").format(n=digest["revisions"]))
    ctx.print(_("Dấu tóm tắt: {d}").format(d=digest["digest"]))
    ctx.print(_("Phiên bản đầu: {h}").format(h=digest["heads"]))
    return 0


def _device(ctx):
    from lecturer_app.sync.device import open_device

    return open_device(ctx.workspace.data_dir, ctx.workspace.store)


def run_login(ctx) -> int:
    from lecturer_app.commands.server import read_password
    from lecturer_app.sync.http_client import login

    password = read_password(ctx.args.password_file, _("Mật khẩu: "))
    result = login(_device(ctx), ctx.workspace.data_dir, ctx.args.url, ctx.args.user, password, ctx.args.proxy)
    ctx.print(_("Đã đăng nhập {url} là {user} ({role}); thiết bị {fp} đã được cấp chứng chỉ.").format(
        url=result["url"], user=result["user"], role=result["role"], fp=result["fingerprint"]))
    return 0


# The shell's code for a command stopped by Ctrl+C (128 + SIGINT).
EXIT_INTERRUPTED = 130


def run_now(ctx) -> int:
    from lecturer_app.sync.cancel import CancelToken
    from lecturer_app.sync.http_client import SyncCancelled, sync_now

    stop = CancelToken()
    try:
        with _interrupt_cancels(stop):
            report = sync_now(_device(ctx), ctx.workspace.blobs, ctx.workspace.data_dir, stop=stop)
    except SyncCancelled as exc:
        ctx.err.write(str(exc) + "\n")
        return EXIT_INTERRUPTED
    if ctx.args.json:
        ctx.print_json(report)
        return 0
    ctx.print(_("Nhận {pulled} phiên bản, gửi {pushed}; tệp dữ liệu nhận {bi}, gửi {bo}; xung đột: {c}.").format(
        pulled=report["pulled"], pushed=report["pushed"], bi=report["blobs_in"], bo=report["blobs_out"],
        c=report["conflicts"]))
    for item in report["rejected"]:
        ctx.print(_("  bị từ chối {rev}: {status} {reason}").format(
            rev=item["rev_id"][:12], status=item["status"], reason=item.get("reason", "")))
    from lecturer_app.sync.page_signers import refused_certificate_lines

    for line in refused_certificate_lines(report["refused_certificates"]):
        ctx.print(line)
    return 0


@contextmanager
def _interrupt_cancels(stop) -> Iterator[None]:
    """Ctrl+C cancels *stop* instead of raising KeyboardInterrupt wherever the main thread happens to be:
    a request waiting for the server ends at once and the marks saved so far stay; a second Ctrl+C
    interrupts as usual.  Only the main thread can set a signal handler (the CLI's; tests may run elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT) or signal.default_int_handler  # None: set outside Python

    def cancel(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGINT, previous)
        stop.cancel()

    signal.signal(signal.SIGINT, cancel)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def run_status(ctx) -> int:
    from lecturer_app.core.store.conflicts import conflict_count
    from lecturer_app.sync.http_state import require_state

    state = require_state(ctx.workspace.data_dir)
    store = ctx.workspace.store
    pending = store.db.execute("SELECT COUNT(*) FROM revisions WHERE seq > ? AND origin_replica NOT LIKE 'bank:%'",
                               [state.pushed_seq]).fetchone()[0]
    status = {"url": state.url, "user": state.user, "server_id": state.server_id, "epoch": state.epoch,
              "cursor": state.cursor, "pending": int(pending), "last_sync": state.last_sync or None,
              "last_error": state.last_error or None, "conflicts": conflict_count(store)}
    if ctx.args.json:
        ctx.print_json(status)
        return 0
    ctx.print(_("Máy chủ: {url} ({user})").format(url=state.url, user=state.user))
    ctx.print(_("Đồng bộ lần cuối: {t}").format(t=state.last_sync or _("chưa bao giờ")))
    ctx.print(_("Chờ gửi: {n} phiên bản; xung đột: {c}").format(n=status["pending"], c=status["conflicts"]))
    if state.last_error:
        ctx.print(_("Lỗi lần trước: {e}").format(e=state.last_error))
    return 0
