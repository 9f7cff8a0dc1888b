"""`lecturer-app lesson export|import`: a topic's slides and written plan as Office/PDF files."""

from __future__ import annotations

import argparse
from pathlib import Path

from lecturer_app.i18n import _, ngettext


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("lesson", help=_("xuất, nhập giáo án (PPTX, DOCX, PDF)"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help=_("xuất giáo án điện tử (pptx) hoặc giáo án viết (docx, pdf)"))
    export.add_argument("topic", metavar="TOPIC_CODE", help=_("mã chuyên đề"))
    export.add_argument("--format", required=True, choices=("pptx", "docx", "pdf"), help=_("định dạng tệp"))
    export.add_argument("--theme", metavar="NAME", default="", help=_("mẫu trình chiếu (chỉ cho pptx)"))
    export.add_argument("-o", "--output", metavar="FILE", required=True, help=_("tệp kết quả"))
    export.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    export.set_defaults(handler=export_lesson)
    imp = actions.add_parser("import", help=_("nhập .pptx thành giáo án điện tử, .docx thành giáo án viết"))
    imp.add_argument("topic", metavar="TOPIC_CODE", help=_("mã chuyên đề"))
    imp.add_argument("file", metavar="FILE", help=_("tệp .pptx hoặc .docx"))
    imp.add_argument("--json", action="store_true", help=_("in báo cáo dạng JSON"))
    imp.set_defaults(handler=import_lesson)


def export_lesson(ctx) -> int:
    from lecturer_app.exporters.lesson_export import export_lesson as run

    result = run(ctx.workspace, ctx.args.topic, ctx.args.format, Path(ctx.args.output), theme=ctx.args.theme)
    if ctx.args.json:
        ctx.print_json(result.to_json())
        return 0
    ctx.print(_("Đã xuất {path}").format(path=result.path))
    for warning in result.warnings:
        ctx.print("  " + warning)
    return 0


def import_lesson(ctx) -> int:
    from lecturer_app.importers.lesson_import import import_lesson as run

    result = run(ctx.workspace, ctx.args.topic, Path(ctx.args.file))
    if ctx.args.json:
        ctx.print_json(result.to_json())
        return 0
    if result.kind == "deck":   # a lecturer counts a deck in slides, a plan in sections
        ctx.print(ngettext("Đã nhập giáo án điện tử cho {code}: {n} trang chiếu", result.items).format(
            code=result.topic_code, n=result.items))
    else:
        ctx.print(ngettext("Đã nhập giáo án viết cho {code}: {n} mục", result.items).format(
            code=result.topic_code, n=result.items))
    if result.replaced:
        ctx.print(ngettext("  Nội dung cũ được giữ trong lịch sử; {n} mục thừa đã xóa (có thể khôi phục).",
                           result.removed).format(n=result.removed))
    for conversion in result.converted:
        ctx.print(ngettext("  Chuyển mã {encoding} → Unicode ({where}, phông {font}): {runs} đoạn",
                           conversion["runs"]).format(
            encoding=conversion["encoding"], where=conversion["where"], font=conversion["font"] or "?",
            runs=conversion["runs"]))
    for label, items in ((_("  Giữ dạng chữ: {what}"), result.as_text), (_("  Tách trang: {what}"), result.split),
                         (_("  Bỏ qua: {what}"), result.skipped)):
        for item in items:
            ctx.print(label.format(what=str(item)))
    return 0
