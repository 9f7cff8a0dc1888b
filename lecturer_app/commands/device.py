"""`lecturer-app device show|request|install`: this installation's sync identity (issue #13)."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    device = subparsers.add_parser("device", help=_("danh tính đồng bộ của máy này (khóa, chứng chỉ)"))
    actions = device.add_subparsers(dest="device_command", metavar="ACTION", required=True)
    show = actions.add_parser("show", help=_("in mã bản sao, dấu vân tay khóa và tình trạng chứng chỉ"))
    show.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    show.set_defaults(handler=run_show)
    request = actions.add_parser("request", help=_("tạo yêu cầu cấp chứng chỉ để gửi cơ quan cấp"))
    request.add_argument("-o", "--output", required=True, metavar="REQ.json", help=_("tệp yêu cầu sẽ ghi"))
    request.add_argument("--name", default="", help=_("tên thiết bị hoặc người dùng ghi trong yêu cầu"))
    request.set_defaults(handler=run_request)
    install = actions.add_parser("install", help=_("cài chứng chỉ do cơ quan cấp"))
    install.add_argument("certificate", metavar="CERT.json")
    install.set_defaults(handler=run_install)


def open_ctx_device(ctx):
    from lecturer_app.sync.device import open_device

    return open_device(ctx.workspace.data_dir, ctx.workspace.store)


def run_show(ctx) -> int:
    info = open_ctx_device(ctx).show()
    if ctx.args.json:
        ctx.print_json(info)
        return 0
    cert = info["certificate"]
    states = {"none": _("chưa có chứng chỉ"), "valid": _("hợp lệ"), "invalid": _("không hợp lệ")}
    ctx.print(_("Mã bản sao: {id}").format(id=info["replica_id"]))
    ctx.print(_("Dấu vân tay khóa: {fp}").format(fp=info["fingerprint"]))
    line = _("Chứng chỉ: {state}").format(state=states[cert["state"]])
    if cert["state"] != "none":
        line += " — " + _("phạm vi {scopes}, hết hạn {end}").format(
            scopes=", ".join(cert["scopes"]), end=cert["not_after"])
    if cert.get("problem"):
        line += f" ({cert['problem']})"
    ctx.print(line)
    return 0


def run_request(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.trust import write_json

    request = open_ctx_device(ctx).request(ctx.args.name)
    write_json(Path(ctx.args.output), request)
    ctx.print(_("Đã ghi yêu cầu {path} (dấu vân tay {fp}).").format(path=ctx.args.output, fp=request["fingerprint"]))
    return 0


def run_install(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.trust import read_json

    device = open_ctx_device(ctx)
    certificate = read_json(Path(ctx.args.certificate), "certificate")
    device.trust.install_certificate(certificate, device.key)
    ctx.print(_("Đã cài chứng chỉ {serial}, phạm vi {scopes}, hết hạn {end}.").format(
        serial=certificate["serial"], scopes=", ".join(certificate["scopes"]), end=certificate["not_after"]))
    return 0
