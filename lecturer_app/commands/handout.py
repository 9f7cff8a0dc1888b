"""`lecturer-app handout`: the Phiếu tài liệu (QR handout) of a topic as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("handout", help=_("phiếu tài liệu có mã QR (PDF)"))
    parser.add_argument("topics", metavar="TOPIC_CODE", nargs="+", help=_("mã chuyên đề (mỗi chuyên đề một trang)"))
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help=_("tệp PDF kết quả"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parser.set_defaults(handler=handout)


def handout(ctx) -> int:
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.exporters.handout_pdf import collect_materials, write_handouts

    bank = LessonBank(ctx.workspace.store)
    handouts = [collect_materials(bank, bank.require_topic(code)) for code in ctx.args.topics]
    path = Path(ctx.args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = write_handouts(handouts, path)
    count = sum(len(h.materials) for h in handouts)
    if ctx.args.json:
        ctx.print_json({"path": str(path), "topics": [h.topic.code for h in handouts], "pages": pages,
                        "materials": [{"topic": h.topic.code, "code": m.code, "title": m.title, "url": m.url}
                                      for h in handouts for m in h.materials],
                        "notes": {h.topic.code: h.note() for h in handouts if h.plan_heading}})
        return 0
    for note in (f"{h.topic.code}: {h.note()}" for h in handouts if h.plan_heading):
        ctx.print(note)
    ctx.print(ngettext("Đã xuất {path} ({n} tài liệu)", count).format(path=path, n=count))
    return 0
