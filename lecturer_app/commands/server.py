"""`lecturer-app server init|run|user|device|backup`: the province sync server (issue #14)."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from contextlib import contextmanager

from lecturer_app.core.errors import UserFacingError
from lecturer_app.i18n import _, ngettext

ROLES = ("quan_tri", "bien_tap_tinh", "giang_vien", "hoi_dong_thi")
# The libraries of the `server` extra (pyproject.toml) that the server imports whatever its database.
# build.spec leaves them out of the packed desktop app, where every `server` action then says so.
SERVER_PACKAGES = ("starlette", "uvicorn", "argon2")


class ServerNotInstalled(UserFacingError):
    """This installation (the packed desktop app, or a pip install without the extra) has no server."""


def require_server() -> None:
    """A Vietnamese message, not a traceback, where the server's libraries are not installed."""
    from importlib.util import find_spec

    missing = [name for name in SERVER_PACKAGES if find_spec(name) is None]
    if missing:
        raise ServerNotInstalled(_(
            "Bản cài đặt này không có máy chủ đồng bộ (thiếu thư viện {missing}). Máy chủ của tỉnh được cài "
            "bằng pip: pip install \"lecturer-app[server]\" (xem docs/server.md). Trên máy giảng viên chỉ "
            "cần 'sync login' và 'sync now'.").format(missing=", ".join(missing)))


def _needs_server(handler: Callable) -> Callable:
    @functools.wraps(handler)
    def checked(ctx) -> int:
        require_server()
        return handler(ctx)

    return checked


def _dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", dest="server_dir", required=True, metavar="DIR",
                        help=_("thư mục của máy chủ (tạo bằng 'server init')"))
    parser.add_argument("--database", metavar="URL", help=_("postgresql://… (mặc định: SQLite trong DIR)"))


def register(subparsers: argparse._SubParsersAction) -> None:
    server = subparsers.add_parser("server", help=_("máy chủ đồng bộ của tỉnh"))
    actions = server.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help=_("tạo thư mục máy chủ: khóa cơ quan cấp chứng chỉ, quản trị viên"))
    init.add_argument("folder", metavar="DIR")
    init.add_argument("--name", default="", help=_("tên máy chủ/cơ quan"))
    init.add_argument("--admin", default="admin", help=_("tên tài khoản quản trị (mặc định admin)"))
    init.add_argument("--password-file", metavar="F", help=_("tệp chứa mật khẩu quản trị (mặc định: tạo ngẫu nhiên)"))
    init.add_argument("--authority", metavar="DIR", help=_("dùng cơ quan cấp chứng chỉ có sẵn trong DIR"))
    init.add_argument("--database", metavar="URL", help=_("postgresql://… (mặc định: SQLite trong DIR)"))
    init.set_defaults(handler=run_init)
    run = actions.add_parser("run", help=_("chạy máy chủ HTTP"))
    _dir(run)
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.add_argument("--tls-cert", metavar="PEM", help=_("chứng chỉ TLS (nếu không dùng reverse proxy)"))
    run.add_argument("--tls-key", metavar="PEM", help=_("khóa riêng TLS"))
    run.set_defaults(handler=run_run)
    _register_users(actions)
    device = actions.add_parser("device", help=_("thiết bị đã ghi danh"))
    device_actions = device.add_subparsers(dest="device_command", metavar="ACTION", required=True)
    disable = device_actions.add_parser("disable", help=_("thu hồi chứng chỉ của một thiết bị"))
    disable.add_argument("fingerprint", metavar="FINGERPRINT")
    _dir(disable)
    disable.set_defaults(handler=run_device_disable)
    backup = actions.add_parser("backup", help=_("sao lưu cơ sở dữ liệu, tệp dữ liệu và khóa vào một tệp"))
    backup.add_argument("-o", "--output", required=True, metavar="FILE")
    _dir(backup)
    backup.set_defaults(handler=run_backup)
    restore = actions.add_parser(
        "restore", help=_("khôi phục bản sao lưu vào thư mục mới (kỳ mới: máy khách đối chiếu lại)"))
    restore.add_argument("backup", metavar="FILE")
    restore.add_argument("folder", metavar="DIR")
    restore.add_argument("--database", metavar="URL", help=_("postgresql://… (mặc định: SQLite trong DIR)"))
    restore.set_defaults(handler=run_restore)


def _register_users(actions: argparse._SubParsersAction) -> None:
    user = actions.add_parser("user", help=_("tài khoản người dùng"))
    user_actions = user.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = user_actions.add_parser("add", help=_("thêm tài khoản"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password-file", metavar="F", help=_("tệp chứa mật khẩu (mặc định: hỏi)"))
    _dir(add)
    add.set_defaults(handler=run_user_add)
    disable = user_actions.add_parser("disable", help=_("khóa tài khoản và thu hồi chứng chỉ thiết bị của nó"))
    disable.add_argument("name", metavar="NAME")
    _dir(disable)
    disable.set_defaults(handler=run_user_disable)
    listing = user_actions.add_parser("list", help=_("liệt kê tài khoản"))
    listing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    _dir(listing)
    listing.set_defaults(handler=run_user_list)


def read_password(path: str | None, prompt: str) -> str:
    """The first line of *path*, or typed at a prompt (never echoed)."""
    if path:
        from pathlib import Path

        return Path(path).read_text(encoding="utf-8").splitlines()[0] if Path(path).stat().st_size else ""
    import getpass

    return getpass.getpass(prompt)


@contextmanager
def _open(ctx):
    """The server folder opened; its database connections closed afterwards."""
    from pathlib import Path

    from lecturer_app.server.context import open_server

    server = open_server(Path(ctx.args.server_dir), ctx.args.database)
    try:
        yield server
    finally:
        server.repo.close()


@_needs_server
def run_init(ctx) -> int:
    from pathlib import Path

    from lecturer_app.server.context import init_server

    password = read_password(ctx.args.password_file, "") if ctx.args.password_file else None
    server, password = init_server(Path(ctx.args.folder), ctx.args.name, ctx.args.admin, password,
                                   ctx.args.database, Path(ctx.args.authority) if ctx.args.authority else None)
    server.repo.close()
    ctx.print(_("Đã tạo máy chủ trong {dir}; cơ quan cấp chứng chỉ {fp}.").format(
        dir=ctx.args.folder, fp=server.authority.key.fingerprint))
    if not ctx.args.password_file:
        ctx.print(_("Tài khoản quản trị: {name}, mật khẩu: {password} (hãy ghi lại).").format(
            name=ctx.args.admin, password=password))
    return 0


@_needs_server
def run_run(ctx) -> int:
    import uvicorn

    from lecturer_app.server import uploads
    from lecturer_app.server.app import build_app
    from lecturer_app.server.limits import Limits, uvicorn_config
    from lecturer_app.server.verifier import Verifier

    with _open(ctx) as server:
        ctx.print(_("Máy chủ đồng bộ chạy tại {host}:{port}").format(host=ctx.args.host, port=ctx.args.port))
        ctx.out.flush()
        server.verifier = Verifier.start()  # forked now, while this process has one thread (no uvicorn yet)
        try:
            uploads.finish_complete(server)  # files held in full when a server was killed before checking them
            app = build_app(server, refresh_snapshots=True)
            config = uvicorn_config(app, Limits(), host=ctx.args.host, port=ctx.args.port, log_level="warning",
                                    ssl_certfile=ctx.args.tls_cert, ssl_keyfile=ctx.args.tls_key)
            uvicorn.Server(config).run()
        finally:
            server.verifier.close()
    return 0


@_needs_server
def run_user_add(ctx) -> int:
    from lecturer_app.server.accounts import add_user

    password = read_password(ctx.args.password_file, _("Mật khẩu: "))
    with _open(ctx) as server:
        add_user(server.repo, ctx.args.name, ctx.args.role, password)
    ctx.print(_("Đã thêm {name} ({role}).").format(name=ctx.args.name, role=ctx.args.role))
    return 0


@_needs_server
def run_user_disable(ctx) -> int:
    from lecturer_app.server.accounts import disable_user

    with _open(ctx) as server:
        serials = disable_user(server.repo, ctx.args.name)
    ctx.print(ngettext("Đã khóa {name}; thu hồi {n} chứng chỉ thiết bị.", len(serials)).format(
        name=ctx.args.name, n=len(serials)))
    return 0


@_needs_server
def run_user_list(ctx) -> int:
    from lecturer_app.server.accounts import list_users

    with _open(ctx) as server:
        users = list_users(server.repo)
    if ctx.args.json:
        ctx.print_json(users)
        return 0
    # A header names the columns: the last one, a bare number, read as nothing in particular without it.
    ctx.print("\t".join((_("Tên"), _("Vai trò"), _("Trạng thái"), _("Số thiết bị"))))
    for user in users:
        state = _("đã khóa") if user["disabled"] else _("hoạt động")
        ctx.print(f"{user['name']}\t{user['role']}\t{state}\t{user['devices']}")
    return 0


@_needs_server
def run_device_disable(ctx) -> int:
    from lecturer_app.server.accounts import disable_device

    with _open(ctx) as server:
        serial = disable_device(server.repo, ctx.args.fingerprint)
    ctx.print(_("Đã thu hồi chứng chỉ {serial}.").format(serial=serial))
    return 0


@_needs_server
def run_backup(ctx) -> int:
    from pathlib import Path

    from lecturer_app.server.backup import backup

    with _open(ctx) as server:
        count = backup(server, Path(ctx.args.output))
    ctx.print(ngettext("Đã sao lưu vào {path} ({n} phiên bản).", count).format(path=ctx.args.output, n=count))
    return 0


@_needs_server
def run_restore(ctx) -> int:
    from pathlib import Path

    from lecturer_app.server.backup import restore

    restore(Path(ctx.args.backup), Path(ctx.args.folder), ctx.args.database)
    ctx.print(_("Đã khôi phục vào {dir} với kỳ (epoch) mới.").format(dir=ctx.args.folder))
    return 0
