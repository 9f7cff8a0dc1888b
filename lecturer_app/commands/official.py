"""`lecturer-app official list|show|mark|adopt`: official (chính thức) versions of topics (issue #14 item 4)."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    official = subparsers.add_parser("official", help=_("bản chính thức của chuyên đề (do biên tập viên tỉnh duyệt)"))
    actions = official.add_subparsers(dest="official_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("các chuyên đề có bản chính thức hoặc bản cập nhật"))
    listing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    listing.set_defaults(handler=run_list)
    show = actions.add_parser("show", help=_("so sánh bản chính thức với bản đang dùng"))
    show.add_argument("topic", metavar="TOPIC", help=_("mã chuyên đề hoặc mã bản ghi"))
    show.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    show.set_defaults(handler=run_show)
    mark = actions.add_parser("mark", help=_("đánh dấu nội dung hiện tại của chuyên đề là chính thức (biên tập viên)"))
    mark.add_argument("topic", metavar="TOPIC")
    mark.add_argument("--note", default="", help=_("ghi chú kèm lần duyệt"))
    mark.set_defaults(handler=run_mark)
    adopt = actions.add_parser("adopt", help=_("áp dụng bản chính thức (bản nháp của mình vẫn còn trong lịch sử)"))
    adopt.add_argument("topic", metavar="TOPIC")
    adopt.add_argument("--record", action="append", metavar="ITEM_ID", help=_("chỉ bản ghi này (lặp lại được)"))
    adopt.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    adopt.set_defaults(handler=run_adopt)


def _topic_id(ctx) -> str:
    from lecturer_app.commands.history import _resolve_record

    return _resolve_record(ctx, ctx.args.topic)


def _bank():
    from lecturer_app.core.resources import bank_path

    return bank_path()


def run_list(ctx) -> int:
    from lecturer_app.core.bank.official import official_overview

    overview = official_overview(ctx.workspace.store, _bank())
    if ctx.args.json:
        ctx.print_json([status.to_json() for status in overview])
        return 0
    from lecturer_app.core.model import Topic

    for status in overview:
        topic = ctx.workspace.store.get(Topic, status.topic_id)
        differ = len(status.updates) + len(status.missing)
        state = _("chính thức") if status.is_official else ngettext("{n} mục khác bản chính thức", differ).format(
            n=differ)
        ctx.print(f"{topic.code if topic else status.topic_id}  {topic.title if topic else ''}  — {state}")
    return 0


def run_show(ctx) -> int:
    from lecturer_app.core.bank.official import official_status

    status = official_status(ctx.workspace.store, _topic_id(ctx), _bank())
    if ctx.args.json:
        ctx.print_json(status.to_json())
        return 0
    if status.mark is not None:
        ctx.print(_("Đánh dấu chính thức bởi {who} lúc {at}").format(who=status.mark.author or "-",
                                                                      at=status.mark.hlc[:19]))
    for update in status.updates:
        ctx.print(_("{label} ({type}, {source}):").format(label=update.label or update.record_id,
                                                           type=update.official.type, source=update.source))
        for field, mine, theirs in _field_diff(update):
            ctx.print(f"  {field}:")
            ctx.print(_("    đang dùng:   {v}").format(v=mine))
            ctx.print(_("    chính thức:  {v}").format(v=theirs))
    if status.missing:
        ctx.print(ngettext("Chưa nhận được {n} phiên bản chính thức; hãy đồng bộ.", len(status.missing)).format(
            n=len(status.missing)))
    if not status.updates and not status.missing:
        ctx.print(_("Không có khác biệt với bản chính thức."))
    return 0


def _field_diff(update) -> list[tuple[str, str, str]]:
    """(field, this replica's value, the official value) for every field that differs, against the first draft."""
    mine = update.drafts[0].body if update.drafts else {}
    theirs = update.official.body
    return [(key, _short(mine.get(key)), _short(theirs.get(key)))
            for key in sorted(set(mine) | set(theirs)) if mine.get(key) != theirs.get(key)]


def _short(value) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 200 else text[:200] + "…"


def run_mark(ctx) -> int:
    from lecturer_app.commands.sync import _device
    from lecturer_app.sync.official import mark_as_editor

    mark = mark_as_editor(_device(ctx), _topic_id(ctx), ctx.args.note)
    if mark is None:
        ctx.print(_("Nội dung hiện tại đã là bản chính thức."))
    else:
        marked = len(mark.body["revisions"])
        ctx.print(ngettext("Đã đánh dấu chính thức {n} bản ghi.", marked).format(n=marked))
    return 0


def run_adopt(ctx) -> int:
    from lecturer_app.core.bank.official import adopt_official

    adopted = adopt_official(ctx.workspace.store, _topic_id(ctx), ctx.args.record, _bank())
    if ctx.args.json:
        ctx.print_json({"adopted": [rev.record_id for rev in adopted]})
        return 0
    ctx.print(ngettext("Đã áp dụng bản chính thức cho {n} bản ghi; bản của bạn vẫn còn trong lịch sử.",
                       len(adopted)).format(n=len(adopted)))
    return 0
