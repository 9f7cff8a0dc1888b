"""`lecturer-app handout`: the Phiếu tài liệu (QR handout) of a topic as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from lecturer_app.i18n import _


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("handout", help=_("phiếu tài liệu có mã QR (PDF)"))
    parser.add_argument("topic", metavar="TOPIC_CODE", help=_("mã chuyên đề"))
    parser.add_argument("-o", "--output", metavar="FILE", required=True, help=_("tệp PDF kết quả"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parser.set_defaults(handler=handout)


def handout(ctx) -> int:
    from lecturer_app.core.bank import LessonBank
    from lecturer_app.exporters.handout_pdf import collect_materials, write_handout

    bank = LessonBank(ctx.workspace.store)
    material = collect_materials(bank, bank.require_topic(ctx.args.topic))
    path = Path(ctx.args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    pages = write_handout(material, path)
    if ctx.args.json:
        ctx.print_json({"path": str(path), "topic": material.topic.code, "pages": pages,
                        "materials": [{"code": m.code, "title": m.title, "url": m.url} for m in material.materials]})
        return 0
    ctx.print(_("Đã xuất {path} ({n} tài liệu)").format(path=path, n=len(material.materials)))
    return 0
