"""`lecturer-app check`: database integrity and blob verification."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help=_("kiểm tra tính toàn vẹn của dữ liệu"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parser.set_defaults(handler=run)


def run(ctx) -> int:
    from lecturer_app.core.store.integrity import check_workspace

    report = check_workspace(ctx.workspace.store, ctx.workspace.blobs)
    if ctx.args.json:
        ctx.print_json(report.to_json())
    else:
        for problem in report.problems:
            ctx.print("- " + problem)
        summary = _("{r} bản ghi, {v} phiên bản, {b} tệp dữ liệu.").format(
            r=report.records, v=report.revisions, b=report.blobs)
        ctx.print((_("Dữ liệu toàn vẹn: ") if report.ok else _("Phát hiện lỗi: ")) + summary)
    return 0 if report.ok else 1
