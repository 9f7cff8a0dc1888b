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
    from lecturer_app.ui.app import run_app

    return run_app(ctx.workspace, ctx.args)
