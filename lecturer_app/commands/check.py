"""`lecturer-app check`: database integrity, the search index and blob verification.

It opens the database itself rather than through the workspace, so that it
still runs, and says where, when the database is too damaged for every other
command.
"""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help=_("kiểm tra tính toàn vẹn của dữ liệu"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parser.add_argument("--rebuild-search-index", action="store_true",
                        help=_("xây dựng lại chỉ mục tìm kiếm (từ dữ liệu hiện có) trước khi kiểm tra"))
    parser.set_defaults(handler=run)


def run(ctx) -> int:
    from lecturer_app.core.locations import data_dir
    from lecturer_app.core.repair import check_data_folder

    folder = data_dir(ctx.args.data_dir)
    if not ctx.args.json and ctx.args.rebuild_search_index:
        ctx.print(_("Đang xây dựng lại chỉ mục tìm kiếm…"))
    result = check_data_folder(folder, rebuild_index=ctx.args.rebuild_search_index)
    report = result.report
    if ctx.args.json:
        ctx.print_json({**report.to_json(), "reindexed": result.reindexed})
        return 0 if report.ok else 1
    if result.reindexed is not None:
        ctx.print(ngettext("Đã xây dựng lại chỉ mục tìm kiếm: {n} bản ghi.", result.reindexed).format(
            n=result.reindexed))
    for problem in report.problems:
        ctx.print("- " + problem)
    summary = _("{r} bản ghi, {v} phiên bản, {b} tệp dữ liệu.").format(
        r=report.records, v=report.revisions, b=report.blobs)
    ctx.print((_("Dữ liệu toàn vẹn: ") if report.ok else _("Phát hiện lỗi: ")) + summary)
    if not report.ok:
        ctx.print(result.advice)
    _print_awaited(ctx, report)  # after the verdict: not damage either
    _print_leftovers(ctx, report)  # after the verdict: leftovers are not damage
    return 0 if report.ok else 1


def _print_awaited(ctx, report) -> None:
    from lecturer_app.core.backup.findings import awaited_note

    if report.awaited_blobs:
        ctx.print(awaited_note(len(report.awaited_blobs)))
    for sha256 in report.awaited_blobs:
        ctx.print(f"  {sha256[:2]}/{sha256}")


def _print_leftovers(ctx, report) -> None:
    if report.unused_blobs or report.leftover_files:
        ctx.print(_("Tệp không được bản ghi nào dùng (thường do một lần nhập bị ngắt giữa chừng; có thể xóa):"))
    for sha256 in report.unused_blobs:
        ctx.print(f"  {sha256[:2]}/{sha256}")
    for path in report.leftover_files:
        ctx.print(f"  {path}")
