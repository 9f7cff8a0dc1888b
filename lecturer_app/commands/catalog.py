"""`lecturer-app catalog import FILE`: the province's topic catalogue from XLSX/CSV."""

from __future__ import annotations

import argparse
from pathlib import Path

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("catalog", help=_("danh mục chuyên đề"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser("import", help=_("nhập danh mục từ tệp .xlsx hoặc .csv"))
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra, không ghi gì"))
    importing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    importing.set_defaults(handler=run_import)


def run_import(ctx) -> int:
    from lecturer_app.importers.catalog import import_catalog

    report = import_catalog(ctx.workspace.store, Path(ctx.args.file), dry_run=ctx.args.dry_run)
    if ctx.args.json:
        ctx.print_json(report.to_json())
    else:
        if report.dry_run:
            ctx.print(_("Chạy thử: chưa ghi gì vào dữ liệu."))
        ctx.print(_("Thêm mới {a}, cập nhật {u}, không đổi {s}, bỏ qua {k} dòng.").format(
            a=len(report.created), u=len(report.updated), s=len(report.unchanged), k=len(report.skipped)))
        for item in report.skipped:
            ctx.print(f"  - {item.where}: {item.reason}")
    return 1 if report.skipped else 0
