"""`lecturer-app stats`: how many records of each kind."""

from __future__ import annotations

import argparse

from lecturer_app.i18n import N_, _

KIND_LABELS = {
    "organization": N_("Tổ chức"), "program": N_("Chương trình"), "module": N_("Phần"),
    "topic": N_("Chuyên đề"), "written_plan": N_("Giáo án viết"), "plan_section": N_("Mục giáo án"),
    "slide_deck": N_("Giáo án điện tử"), "slide": N_("Trang trình chiếu"), "question": N_("Câu hỏi"),
    "attachment": N_("Tệp đính kèm"),
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
    ctx.print(f"{_('Phiên bản'):<20} {revisions:>7}")
    return 0
