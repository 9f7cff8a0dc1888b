"""`lecturer-app trust add`: trust a province authority (or take its revocation list)."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    trust = subparsers.add_parser("trust", help=_("cơ quan cấp chứng chỉ mà máy này tin cậy"))
    actions = trust.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    add = actions.add_parser(
        "add", help=_("tin cậy một cơ quan (authority.json) hoặc nhận danh sách thu hồi (crl.json)"))
    add.add_argument("file", metavar="FILE.json")
    add.set_defaults(handler=run_add)


def run_add(ctx) -> int:
    from pathlib import Path

    from lecturer_app.core.errors import InputFileError
    from lecturer_app.core.json_reading import read_json_file
    from lecturer_app.sync.trust import read_json
    from lecturer_app.sync.trust_store import TrustStore

    path = Path(ctx.args.file)
    store = TrustStore(ctx.workspace.data_dir)
    try:
        kind = read_json_file(path).get("kind")
    except (InputFileError, AttributeError):  # read_json below says what is wrong with the file
        kind = "authority"
    if kind == "revocation_list":
        kept = store.add_crl(read_json(path, "revocation_list"))
        ctx.print(_("Đã nhận danh sách thu hồi.") if kept
                  else _("Danh sách thu hồi cũ hơn hoặc không do cơ quan được tin cậy ký; bỏ qua."))
        return 0
    authority = read_json(path, "authority")
    added = store.add_anchor(authority)
    message = (_("Đã tin cậy cơ quan {name}, dấu vân tay {fp}.") if added
               else _("Cơ quan {name} ({fp}) đã được tin cậy từ trước."))
    ctx.print(message.format(name=authority.get("name") or "-", fp=authority["fingerprint"]))
    return 0
