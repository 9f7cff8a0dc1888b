"""`lecturer-app history ITEM_ID` and `lecturer-app restore ITEM_ID VERSION_ID`."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    history = subparsers.add_parser("history", help=_("lịch sử phiên bản của một bản ghi"))
    history.add_argument("record_id", metavar="ITEM_ID", help=_("mã bản ghi (hoặc mã chuyên đề)"))
    history.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    history.set_defaults(handler=show_history)
    restore = subparsers.add_parser("restore", help=_("khôi phục một phiên bản cũ (thành phiên bản mới)"))
    restore.add_argument("record_id", metavar="ITEM_ID")
    restore.add_argument("revision_id", metavar="VERSION_ID", help=_("mã phiên bản (đủ dài để không nhầm)"))
    restore.set_defaults(handler=restore_revision)


def _resolve_record(ctx, key: str) -> str:
    """A record id, also accepting a topic code for convenience."""
    if ctx.workspace.store.record_type(key):
        return key
    topic = ctx.bank.topic_by_code(key)
    if topic is not None:
        return topic.id
    from lecturer_app.core.store.record_store import RecordNotFound

    raise RecordNotFound(key)


def show_history(ctx) -> int:
    store = ctx.workspace.store
    record_id = _resolve_record(ctx, ctx.args.record_id)
    revisions = store.history(record_id)
    heads = set(store.log.head_rev_ids(record_id))
    if ctx.args.json:
        ctx.print_json([{**rev.to_json(), "head": rev.rev_id in heads} for rev in revisions])
        return 0
    for rev in revisions:
        mark = "*" if rev.rev_id in heads else " "
        state = _("(đã xóa)") if rev.deleted else ""
        ctx.print(f"{mark} {rev.rev_id[:16]}  {rev.hlc[:19]}  {rev.author or '-'}  {rev.summary} {state}".rstrip())
    return 0


def restore_revision(ctx) -> int:
    store = ctx.workspace.store
    record_id = _resolve_record(ctx, ctx.args.record_id)
    prefix = ctx.args.revision_id
    matches = [rev for rev in store.history(record_id) if rev.rev_id.startswith(prefix)]
    if len(matches) != 1:
        from lecturer_app.core.errors import UserFacingError

        raise UserFacingError(
            _("Mã phiên bản '{rev}' không khớp đúng một phiên bản của bản ghi {rec} (khớp {n}).").format(
                rev=prefix, rec=record_id, n=len(matches)))
    new = store.restore(record_id, matches[0].rev_id)
    ctx.print(_("Đã khôi phục. Phiên bản mới: {rev}").format(rev=new.rev_id))
    return 0
