"""`lecturer-app backup create|list|restore|verify|recover`: local backups of the data folder.

These commands never open the workspace (``recover`` excepted, which needs
the database to know what is missing): a data folder whose database was lost
must not get a fresh one (with the shipped bank) before its restore.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backup", help=_("sao lưu và khôi phục dữ liệu"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = _action(actions, "create", _("tạo một bản sao lưu ngay"), run_create)
    create.add_argument("--kind", choices=("manual", "auto"), default="manual",
                        help=_("manual (mặc định) hoặc auto (giữ theo lịch 7 ngày, 6 tháng)"))
    _action(actions, "list", _("liệt kê các bản sao lưu, mới nhất trước"), run_list)
    restore = _action(actions, "restore", _("khôi phục một bản sao lưu"), run_restore)
    restore.add_argument("backup_id", metavar="ID", help=_("tên bản sao lưu (xem backup list)"))
    restore.add_argument("--to", metavar="DIR", help=_("khôi phục vào thư mục mới này thay vì thư mục dữ liệu"))
    restore.add_argument("--yes", action="store_true",
                         help=_("xác nhận thay dữ liệu hiện tại (dữ liệu hiện tại được sao lưu trước)"))
    verify = _action(actions, "verify", _("kiểm tra bản sao lưu (mặc định: tất cả)"), run_verify)
    verify.add_argument("backup_id", metavar="ID", nargs="?", help=_("tên bản sao lưu"))
    _action(actions, "recover", _("lấy lại tệp đính kèm bị thiếu hoặc hỏng từ các bản sao lưu"), run_recover)


def _action(actions, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    parser = actions.add_parser(name, help=help_text)
    parser.add_argument("--dir", metavar="DIR", dest="backup_dir",
                        help=_("thư mục sao lưu (mặc định: theo cài đặt, hoặc backups/ trong thư mục dữ liệu)"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parser.set_defaults(handler=handler)
    return parser


def _folders(ctx) -> tuple[Path, Path]:
    """(data folder, backup folder) from the options and the settings file, without opening the database."""
    from lecturer_app.core.backup.location import backup_root
    from lecturer_app.core.locations import data_dir
    from lecturer_app.core.settings import load_settings

    data = data_dir(ctx.args.data_dir)
    if ctx.args.backup_dir:
        return data, Path(ctx.args.backup_dir).expanduser().resolve()
    return data, backup_root(data, load_settings(data / "settings.json"))


def run_create(ctx) -> int:
    from lecturer_app.core.backup.create import create_backup

    data, root = _folders(ctx)
    info = create_backup(data, root, ctx.args.kind)
    if ctx.args.json:
        ctx.print_json({**info.to_json(), "folder": str(root / info.id)})
    else:
        ctx.print(_("Đã sao lưu {records} bản ghi, {blobs} tệp đính kèm vào {path}").format(
            records=info.records, blobs=info.blob_count, path=root / info.id))
    return 0


def run_list(ctx) -> int:
    from lecturer_app.core.backup.manifest import list_backups

    _data, root = _folders(ctx)
    backups = list_backups(root)
    if ctx.args.json:
        ctx.print_json([{**b.to_json(), "folder": str(root / b.id)} for b in backups])
        return 0
    for b in backups:
        ctx.print(f"{b.id}  {b.created_at:%d/%m/%Y %H:%M}  {b.records} {_('bản ghi')}  "
                  f"{b.blob_count} {_('tệp đính kèm')}")
    if not backups:
        ctx.print(_("Chưa có bản sao lưu nào trong {path}.").format(path=root))
    return 0


def run_restore(ctx) -> int:
    from lecturer_app.core.backup.errors import BackupError
    from lecturer_app.core.backup.restore import restore_in_place, restore_to_folder

    data, root = _folders(ctx)
    if ctx.args.to:
        report = restore_to_folder(root, ctx.args.backup_id, Path(ctx.args.to).expanduser().resolve())
    elif not ctx.args.yes:
        raise BackupError(_("Khôi phục sẽ thay dữ liệu trong {path}; thêm --yes để xác nhận "
                            "(dữ liệu hiện tại được sao lưu trước), hoặc dùng --to THƯ_MỤC.").format(path=data))
    else:
        report = restore_in_place(data, root, ctx.args.backup_id)
    if ctx.args.json:
        ctx.print_json(report.to_json())
        return 0
    ctx.print(_("Đã khôi phục bản sao lưu {id} vào {path}.").format(id=report.restored.id, path=report.target))
    if report.safety is not None:
        ctx.print(_("Dữ liệu trước khi khôi phục được giữ trong bản sao lưu {id}.").format(id=report.safety.id))
    return 0


def run_verify(ctx) -> int:
    from lecturer_app.core.backup.errors import BackupError
    from lecturer_app.core.backup.manifest import list_backups
    from lecturer_app.core.backup.verify import verify_backup

    _data, root = _folders(ctx)
    ids = [ctx.args.backup_id] if ctx.args.backup_id else [b.id for b in list_backups(root)]
    if ctx.args.backup_id and not (root / ctx.args.backup_id).is_dir():
        raise BackupError(_("Không có bản sao lưu «{id}» trong {root}.").format(id=ctx.args.backup_id, root=root))
    reports = [verify_backup(root / backup_id) for backup_id in ids]
    if ctx.args.json:
        ctx.print_json([r.to_json() for r in reports])
    else:
        for report in reports:
            ctx.print(f"{report.folder.name}: " + (_("tốt") if report.ok else _("HỎNG")))
            for problem in report.problems:
                ctx.print("  - " + problem)
        if not reports:
            ctx.print(_("Chưa có bản sao lưu nào trong {path}.").format(path=root))
    return 0 if all(r.ok for r in reports) else 1


def run_recover(ctx) -> int:
    from lecturer_app.core.backup.recover import blob_hashes, recover_blobs
    from lecturer_app.core.store.integrity import check_workspace

    _data, root = _folders(ctx)
    workspace = ctx.workspace
    checked = check_workspace(workspace.store, workspace.blobs)
    report = recover_blobs(workspace.blobs, root, blob_hashes(checked.problems), awaited=checked.awaited_blobs)
    if ctx.args.json:
        ctx.print_json(report.to_json())
    else:
        recovered = len(report.recovered)
        ctx.print(ngettext("Đã lấy lại {n} tệp đính kèm từ bản sao lưu.", recovered).format(n=recovered))
        for sha256 in report.not_found:
            ctx.print("  - " + _("không bản sao lưu nào có tệp {sha}").format(sha=sha256))
        for sha256 in report.awaited:  # not lost: sync has not brought it yet
            ctx.print("  - " + _("tệp {sha} chưa tải về và chưa có trong bản sao lưu nào: lần đồng bộ sau sẽ mang "
                                 "tới").format(sha=sha256))
    return 1 if report.not_found else 0
