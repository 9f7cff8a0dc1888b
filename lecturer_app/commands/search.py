"""`lecturer-app search QUERY`: accent-insensitive full-text search."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("search", help=_("tìm kiếm (không cần gõ dấu)"))
    parser.add_argument("query", metavar="QUERY")
    parser.add_argument("--limit", type=int, default=20, metavar="N", help=_("số kết quả tối đa"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parser.set_defaults(handler=run)


def run(ctx) -> int:
    from lecturer_app.core.store.search import search

    hits = search(ctx.workspace.db, ctx.args.query, limit=max(1, ctx.args.limit))
    if ctx.args.json:
        ctx.print_json([hit.to_json() for hit in hits])
        return 0
    for hit in hits:
        ctx.print(f"[{hit.kind}] {hit.topic_code}  {hit.title}")
        ctx.print(f"    {hit.snippet}")
    if not hits:
        ctx.print(_("Không tìm thấy kết quả nào."))
    return 0
