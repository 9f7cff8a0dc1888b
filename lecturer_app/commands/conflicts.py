"""`lecturer-app conflicts list|show|resolve`: records edited differently on two machines."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("conflicts", help=_("bản ghi có xung đột (sửa khác nhau trên hai máy)"))
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="list|show|resolve")
    listing = verbs.add_parser("list", help=_("liệt kê các bản ghi có xung đột"))
    listing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    listing.set_defaults(handler=list_all)
    show = verbs.add_parser("show", help=_("xem các bản đang xung đột của một bản ghi, cạnh nhau"))
    show.add_argument("record_id", metavar="ITEM_ID")
    show.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    show.set_defaults(handler=show_one)
    resolve = verbs.add_parser("resolve", help=_("giữ một bản, kết thúc xung đột"))
    resolve.add_argument("record_id", metavar="ITEM_ID")
    resolve.add_argument("--take", required=True, metavar="VERSION_ID", help=_("mã phiên bản được giữ"))
    resolve.set_defaults(handler=resolve_one)


def list_all(ctx) -> int:
    from lecturer_app.core.store.conflicts import list_conflicts

    conflicts = list_conflicts(ctx.workspace.store)
    if ctx.args.json:
        ctx.print_json([c.to_json() for c in conflicts])
        return 0
    if not conflicts:
        ctx.print(_("Không có xung đột."))
    for conflict in conflicts:
        ctx.print(f"{conflict.record_id}  {conflict.type:<13} {conflict.title}")
        for head in conflict.heads:
            state = _(" (đã xóa)") if head.deleted else ""
            ctx.print(f"    {head.rev_id[:16]}  {head.time[:19]}  {head.author or '-'}{state}")
    return 0


def show_one(ctx) -> int:
    from lecturer_app.core.store.conflicts import differing_fields, heads_of

    heads = heads_of(ctx.workspace.store, ctx.args.record_id)
    fields = differing_fields(heads)
    if ctx.args.json:
        ctx.print_json({"record_id": ctx.args.record_id, "fields": fields,
                        "heads": [{"rev_id": h.rev_id, "author": h.author, "device": h.device, "time": h.hlc,
                                   "deleted": h.deleted, "values": {f: h.body.get(f) for f in fields}}
                                  for h in heads]})
        return 0
    for head in heads:
        ctx.print(f"== {head.rev_id[:16]}  {head.hlc[:19]}  {head.author or '-'}"
                  + (_(" (đã xóa)") if head.deleted else ""))
        for name in fields:
            ctx.print(f"   {name}: {head.body.get(name)!r}")
    ctx.print(_("Giữ một bản: lecturer-app conflicts resolve {id} --take MÃ_PHIÊN_BẢN").format(id=ctx.args.record_id))
    return 0


def resolve_one(ctx) -> int:
    from lecturer_app.core.store.conflicts import resolve

    rev = resolve(ctx.workspace.store, ctx.args.record_id, ctx.args.take)
    ctx.print(_("Đã giải quyết xung đột. Phiên bản mới: {rev}").format(rev=rev.rev_id))
    return 0
