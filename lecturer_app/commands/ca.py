"""`lecturer-app ca init|sign|revoke`: the province's certificate authority (issue #13).

Runs on the province office's machine and needs no data folder.
"""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    ca = subparsers.add_parser("ca", help=_("cơ quan cấp chứng chỉ cho thiết bị (máy của Sở/tỉnh)"))
    actions = ca.add_subparsers(dest="ca_command", metavar="ACTION", required=True)
    init = actions.add_parser("init", help=_("tạo khóa cơ quan cấp chứng chỉ trong thư mục DIR"))
    init.add_argument("folder", metavar="DIR")
    init.add_argument("--name", default="", help=_("tên cơ quan ghi trong authority.json"))
    init.set_defaults(handler=run_init)
    sign = actions.add_parser("sign", help=_("cấp chứng chỉ cho một yêu cầu của thiết bị"))
    sign.add_argument("request", metavar="REQ.json")
    sign.add_argument("--ca", required=True, metavar="DIR", help=_("thư mục của cơ quan cấp chứng chỉ"))
    sign.add_argument("--scopes", default="", metavar="S",
                      help=_("phạm vi, cách nhau bằng dấu phẩy (mặc định: bank; hội đồng thi: bank,exam:*)"))
    sign.add_argument("--days", type=int, default=365, metavar="N", help=_("số ngày hiệu lực (mặc định 365)"))
    sign.add_argument("-o", "--output", required=True, metavar="CERT.json")
    sign.set_defaults(handler=run_sign)
    revoke = actions.add_parser("revoke", help=_("thu hồi chứng chỉ (ghi DIR/crl.json đã ký)"))
    revoke.add_argument("serials", nargs="+", metavar="SERIAL")
    revoke.add_argument("--ca", required=True, metavar="DIR")
    revoke.set_defaults(handler=run_revoke)


def run_init(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.trust import AUTHORITY_JSON, init_authority

    authority = init_authority(Path(ctx.args.folder), ctx.args.name)
    ctx.print(_("Đã tạo cơ quan cấp chứng chỉ, dấu vân tay {fp}. Phát tệp {path} cho các máy.").format(
        fp=authority.key.fingerprint, path=Path(ctx.args.folder) / AUTHORITY_JSON))
    return 0


def run_sign(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.trust import issue_certificate, load_authority, read_json, write_json

    authority = load_authority(Path(ctx.args.ca))
    request = read_json(Path(ctx.args.request), "device_request")
    scopes = [s.strip() for s in ctx.args.scopes.split(",") if s.strip()] or None
    certificate = issue_certificate(authority, request, scopes, ctx.args.days)
    write_json(Path(ctx.args.output), certificate)
    ctx.print(_("Đã cấp chứng chỉ {serial} cho {fp}, phạm vi {scopes}, hết hạn {end}.").format(
        serial=certificate["serial"], fp=certificate["subject"], scopes=", ".join(certificate["scopes"]),
        end=certificate["not_after"]))
    return 0


def run_revoke(ctx) -> int:
    from pathlib import Path

    from lecturer_app.sync.trust import CRL_JSON, load_authority, revoke

    crl = revoke(load_authority(Path(ctx.args.ca)), ctx.args.serials)
    ctx.print(ngettext("Danh sách thu hồi {path}: {n} chứng chỉ.", len(crl["serials"])).format(
        path=Path(ctx.args.ca) / CRL_JSON, n=len(crl["serials"])))
    return 0
