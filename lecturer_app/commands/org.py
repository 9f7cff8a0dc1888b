"""`lecturer-app org list|set|template`: the organisation whose header documents carry."""

from __future__ import annotations

import argparse
from pathlib import Path

from lecturer_app.core.store import summaries
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
    template = actions.add_parser("template", help=_("dùng mẫu tiêu đề DOCX của đơn vị cho giáo án viết và đề thi"))
    template.add_argument("file", nargs="?", type=Path, help=_("tệp .docx có các chỗ trống như {don_vi}, {ma_de}"))
    template.add_argument("--clear", action="store_true", help=_("bỏ mẫu, dùng lại tiêu đề có sẵn"))
    template.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    template.set_defaults(handler=set_template)


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
    workspace.store.save(org, summary=summaries.ORGANIZATION_UPDATE)
    workspace.settings.organization_id = org.id
    save_settings(workspace.settings, workspace.settings_path)
    ctx.print(_("Đơn vị đang dùng: {name}").format(name=org.name))
    return 0


def set_template(ctx) -> int:
    """Store the DOCX in the blob store and name it in the organisation in use (a new revision)."""
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.core.model import Organization
    from lecturer_app.exporters.docx_template import load_template

    workspace = ctx.workspace
    current = workspace.settings.organization_id
    org = workspace.store.get(Organization, current) if current else None
    if org is None:
        raise UserFacingError(_("Chưa chọn đơn vị. Dùng: lecturer-app org set --name … --line …"))
    names: list[str] = []
    unknown: list[str] = []
    if ctx.args.clear or ctx.args.file is None:
        org.header_template = ""
    else:
        data, names, unknown = load_template(ctx.args.file)
        org.header_template = workspace.blobs.put_bytes(data)
    workspace.store.save(org, summary=summaries.HEADER_TEMPLATE)
    if ctx.args.json:
        ctx.print_json({"organization": org.name, "template": org.header_template, "placeholders": names,
                        "unknown": unknown})
        return 0
    if not org.header_template:
        ctx.print(_("Đã bỏ mẫu tiêu đề; văn bản dùng tiêu đề có sẵn."))
        return 0
    ctx.print(_("Mẫu tiêu đề của {name}: {fields}").format(name=org.name, fields=", ".join(names) or "–"))
    if unknown:
        ctx.print(_("Chỗ trống không rõ (sẽ in nguyên): {fields}").format(fields=", ".join(unknown)))
    return 0
