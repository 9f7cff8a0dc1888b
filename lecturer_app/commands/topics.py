"""`lecturer-app topics list`: the topics of the bank."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("topics", help=_("chuyên đề trong ngân hàng"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help=_("liệt kê chuyên đề"))
    listing.add_argument("--program", metavar="CODE", help=_("chỉ chuyên đề của chương trình CODE"))
    listing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    listing.set_defaults(handler=list_topics)


def list_topics(ctx) -> int:
    summaries = ctx.bank.summaries(ctx.args.program)
    if ctx.args.json:
        ctx.print_json([s.to_json() for s in summaries])
        return 0
    for s in summaries:
        t = s.topic
        ctx.print(f"{t.code:<10} {t.periods:>3} {_('tiết')}  {t.title}")
    ctx.print(ngettext("Tổng cộng: {n} chuyên đề", len(summaries)).format(n=len(summaries)))
    return 0
