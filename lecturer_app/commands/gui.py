"""`lecturer-app gui`: the desktop app (the default command)."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help=_("mở ứng dụng trên máy tính (mặc định)"))
    parser.add_argument("--screenshot", metavar="FILE",
                        help=_("chụp cửa sổ vào FILE (PNG) khi đã mở xong rồi thoát (để kiểm tra bản cài)"))
    parser.add_argument("--open", metavar="FILE", help=_("mở tệp FILE khi ứng dụng đã sẵn sàng (gói đồng bộ .lbb)"))
    parser.set_defaults(handler=run)


def run(ctx) -> int:
    from lecturer_app.core.locations import data_dir
    from lecturer_app.ui.app import open_or_repair, run_app

    # A damaged database gets the repair dialog instead of an error on a terminal nobody sees.
    workspace = open_or_repair(lambda: ctx.workspace, data_dir(ctx.args.data_dir))
    if workspace is None:
        return 1
    return run_app(workspace, ctx.args)
