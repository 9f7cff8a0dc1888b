"""`lecturer-app org list|set`: the organisation whose header documents carry."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("org", help=_("đơn vị (tiêu đề văn bản, đề thi)"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("liệt kê các đơn vị"))
    listing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    listing.set_defaults(handler=list_orgs)
    setting = actions.add_parser("set", help=_("đặt đơn vị đang dùng và dòng tiêu đề của nó"))
    setting.add_argument("--name", required=True, help=_("tên đơn vị"))
    setting.add_argument("--style", choices=("party", "state", "custom"), default="party",
                         help=_("kiểu tiêu đề: party (văn bản Đảng), state (văn bản nhà nước), custom"))
    setting.add_argument("--line", action="append", default=[], metavar="TEXT",
                         help=_("một dòng tiêu đề bên trái, từ trên xuống (lặp lại cho nhiều dòng)"))
    setting.add_argument("--place", default="", help=_("địa danh ghi trước ngày tháng"))
    setting.set_defaults(handler=set_org)


def list_orgs(ctx) -> int:
    from lecturer_app.core.model import Organization

    current = ctx.workspace.settings.organization_id
    orgs = ctx.workspace.store.select(Organization, order_by="name")
    if ctx.args.json:
        ctx.print_json([{"id": o.id, "name": o.name, "header_style": o.header_style,
                         "header_lines": o.header_lines, "place": o.place, "current": o.id == current}
                        for o in orgs])
        return 0
    for o in orgs:
        mark = "*" if o.id == current else " "
        ctx.print(f"{mark} {o.name} [{o.header_style}] {' / '.join(o.header_lines)}")
    if not orgs:
        ctx.print(_("Chưa có đơn vị nào. Dùng: lecturer-app org set --name … --line …"))
    return 0


def set_org(ctx) -> int:
    from lecturer_app.core.model import Organization
    from lecturer_app.core.settings import save_settings

    workspace = ctx.workspace
    current = workspace.settings.organization_id
    org = (workspace.store.get(Organization, current) if current else None) or Organization()
    org.name, org.header_style, org.place = ctx.args.name, ctx.args.style, ctx.args.place
    org.header_lines = ctx.args.line or [ctx.args.name]
    workspace.store.save(org, summary=_("Cập nhật đơn vị"))
    workspace.settings.organization_id = org.id
    save_settings(workspace.settings, workspace.settings_path)
    ctx.print(_("Đơn vị đang dùng: {name}").format(name=org.name))
    return 0
