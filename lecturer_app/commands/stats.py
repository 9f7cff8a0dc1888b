"""`lecturer-app stats`: how many records of each kind."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import NC_, _, pgettext

# Labels of counts: English needs the plural where a record's kind elsewhere reads singular ("Topic").
KIND_LABELS = {
    "organization": NC_("count", "Tổ chức"), "program": NC_("count", "Chương trình"), "module": NC_("count", "Phần"),
    "topic": NC_("count", "Chuyên đề"), "written_plan": NC_("count", "Giáo án viết"),
    "plan_section": NC_("count", "Mục giáo án"), "slide_deck": NC_("count", "Giáo án điện tử"),
    "slide": NC_("count", "Trang trình chiếu"), "question": NC_("count", "Câu hỏi"),
    "attachment": NC_("count", "Tệp đính kèm"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help=_("số bản ghi theo loại"))
    parser.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    parser.set_defaults(handler=run)


def run(ctx) -> int:
    store = ctx.workspace.store
    counts = {kind: 0 for kind in KIND_LABELS}
    counts.update(store.counts())
    revisions = store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0]
    if ctx.args.json:
        ctx.print_json({"records": counts, "revisions": revisions})
        return 0
    for kind, count in counts.items():
        ctx.print(f"{_(KIND_LABELS.get(kind, kind)):<20} {count:>7}")
    ctx.print(f"{pgettext('count', 'Phiên bản'):<20} {revisions:>7}")
    return 0
