"""`lecturer-app bundle export|import|verify|want`: share the bank by USB stick (issue #13, sync.md §3.7)."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    bundle = subparsers.add_parser("bundle", help=_("gói đồng bộ .lbb (chép qua USB)"))
    actions = bundle.add_subparsers(dest="bundle_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help=_("xuất gói đồng bộ"))
    export.add_argument("-o", "--output", required=True, metavar="FILE.lbb")
    export.add_argument("--want", metavar="WANT.json", help=_("chỉ gửi những gì máy nhận còn thiếu"))
    export.add_argument("--scope", action="append", metavar="S", help=_("phân vùng gửi (mặc định: bank)"))
    export.add_argument("--for", dest="recipient", metavar="CERT.json",
                        help=_("người nhận; đề thi trong phạm vi của họ được mã hóa cho riêng họ"))
    export.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    export.set_defaults(handler=run_export)
    imp = actions.add_parser("import", help=_("nhập gói đồng bộ"))
    imp.add_argument("bundle", metavar="FILE.lbb")
    imp.add_argument("--dry-run", action="store_true", help=_("chỉ kiểm tra và đếm, không ghi gì"))
    imp.add_argument("--trust-new", action="store_true",
                     help=_("tin cậy thiết bị lạ trong gói (đã so dấu vân tay với người gửi)"))
    imp.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    imp.set_defaults(handler=run_import)
    verify = actions.add_parser("verify", help=_("kiểm tra gói (chữ ký, mã băm) mà không nhập"))
    verify.add_argument("bundle", metavar="FILE.lbb")
    verify.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    verify.set_defaults(handler=run_verify)
    want = actions.add_parser("want", help=_("ghi danh sách những gì máy này đã có, cho lần xuất sau"))
    want.add_argument("-o", "--output", required=True, metavar="WANT.json")
    want.set_defaults(handler=run_want)


def _device(ctx):
    from lecturer_app.sync.device import open_device

    return open_device(ctx.workspace.data_dir, ctx.workspace.store)


def run_export(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.bundle_export import export_bundle
    from lecturer_app.sync.trust import read_json
    from lecturer_app.sync.want import read_want

    want = read_want(Path(ctx.args.want), sender=ctx.workspace.store.device) if ctx.args.want else None
    recipient = read_json(Path(ctx.args.recipient), "certificate") if ctx.args.recipient else None
    scopes = [s for item in ctx.args.scope or [] for s in item.split(",") if s]
    report = export_bundle(_device(ctx), ctx.workspace.blobs, Path(ctx.args.output), want=want,
                           scopes=scopes or None, recipient=recipient)
    if ctx.args.json:
        ctx.print_json(report.to_json())
        return 0
    ctx.print(_("Đã xuất {path}: {r} phiên bản, {b} tệp dữ liệu.").format(
        path=report.path, r=report.revisions, b=report.blobs))
    if report.recipient:
        ctx.print(_("Mã hóa cho {fp}: {r} phiên bản, {b} tệp dữ liệu đề thi.").format(
            fp=report.recipient, r=report.sealed_revisions, b=report.sealed_blobs))
    if len(report.parts) > 1:
        ctx.print(_("Gói chia thành {n} phần; chép đủ các phần.").format(n=len(report.parts)))
    return 0


def run_import(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.bundle_import import import_bundle

    report = import_bundle(_device(ctx), ctx.workspace.blobs, Path(ctx.args.bundle),
                           dry_run=ctx.args.dry_run, trust_new=ctx.args.trust_new)
    if ctx.args.json:
        ctx.print_json(report.to_json())
        return 0
    head = _("Kiểm tra (chưa ghi gì): ") if report.dry_run else _("Đã nhập: ")
    ctx.print(head + _("{new} phiên bản mới, {known} đã có, {blobs} tệp dữ liệu mới, {conf} xung đột mới.").format(
        new=report.revisions_new, known=report.revisions_known, blobs=report.blobs_new, conf=report.conflicts_new))
    for fp in report.new_devices:
        ctx.print(_("Đã tin cậy thiết bị mới {fp}.").format(fp=fp))
    for item in report.rejected:
        ctx.print(_("- Từ chối {rev} ({type} {record}): {reason}").format(
            rev=item["rev_id"][:16], type=item["type"], record=item["record_id"], reason=item["reason"]))
    return 0


def run_verify(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.bundle_import import verify_only

    info = verify_only(_device(ctx), Path(ctx.args.bundle))
    if ctx.args.json:
        ctx.print_json(info)
        return 0
    ctx.print(ngettext("Gói {path} nguyên vẹn: {m} thành phần, người tạo {fp}.", info["members"]).format(
        path=info["path"], m=info["members"], fp=info["producer"]))
    if info["untrusted"]:
        ctx.print(_("Thiết bị chưa được tin cậy: {fps}").format(fps=", ".join(info["untrusted"])))
    return 0


def run_want(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.trust import write_json
    from lecturer_app.sync.want import make_want

    want = make_want(ctx.workspace.store, ctx.workspace.blobs)
    write_json(Path(ctx.args.output), want)
    ctx.print(_("Đã ghi {path}.").format(path=ctx.args.output))
    return 0
