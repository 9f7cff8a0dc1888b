"""`lecturer-app sync digest`: compare two machines' state by eye (issue #13)."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    sync = subparsers.add_parser("sync", help=_("đồng bộ: so sánh trạng thái giữa các máy"))
    actions = sync.add_subparsers(dest="sync_command", metavar="ACTION", required=True)
    digest = actions.add_parser(
        "digest", help=_("in dấu tóm tắt của dữ liệu (giống nhau trên hai máy cùng trạng thái)"))
    digest.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    digest.set_defaults(handler=run_digest)


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
