"""`lecturer-app questions import|export|list|check|template|deleted|restore`: the bank from the command line."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path

from lecturer_app.core.store import summaries
from lecturer_app.i18n import _, ngettext, ui_number

IMPORT_FORMATS = ("auto", "xlsx", "docx", "txt", "gift", "aiken", "moodlexml", "amc")
EXPORT_FORMATS = ("xlsx", "docx", "gift", "aiken", "moodlexml", "qti")
MARKERS = ("auto", "underline", "bold", "italic", "red", "highlight")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("questions", help=_("ngân hàng câu hỏi"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    imp = actions.add_parser("import", help=_("nhập câu hỏi từ tệp"))
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=IMPORT_FORMATS, default="auto", help=_("định dạng tệp (mặc định: tự nhận)"))
    imp.add_argument("--topic", metavar="CODE", help=_("gắn mọi câu hỏi với chuyên đề CODE"))
    imp.add_argument("--marker", choices=MARKERS, default="auto",
                     help=_("cách đánh dấu đáp án đúng trong Word/txt (mặc định: tự nhận)"))
    imp.add_argument("--dry-run", action="store_true", help=_("chỉ xem trước, không ghi gì"))
    imp.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    imp.set_defaults(handler=import_questions)

    exp = actions.add_parser("export", help=_("xuất câu hỏi ra tệp"))
    exp.add_argument("file", metavar="FILE")
    exp.add_argument("--format", choices=EXPORT_FORMATS, required=True)
    exp.add_argument("--topic", metavar="CODE", help=_("chỉ câu hỏi của chuyên đề CODE"))
    exp.add_argument("--level", metavar="L", help=_("chỉ câu hỏi ở mức độ L"))
    exp.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    exp.set_defaults(handler=export_questions)

    listing = actions.add_parser("list", help=_("liệt kê câu hỏi"))
    listing.add_argument("--topic", metavar="CODE", help=_("chỉ câu hỏi của chuyên đề CODE"))
    listing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    listing.set_defaults(handler=list_questions)

    check = actions.add_parser("check", help=_("kiểm tra chất lượng ngân hàng câu hỏi"))
    check.add_argument("--threshold", type=float, default=90.0,
                       help=_("ngưỡng giống nhau (%%) để coi là gần trùng (mặc định 90)"))
    check.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    check.set_defaults(handler=check_questions)

    template = actions.add_parser("template", help=_("ghi tệp Excel mẫu để nhập câu hỏi"))
    template.add_argument("file", metavar="FILE")
    template.set_defaults(handler=write_template)

    deleted = actions.add_parser("deleted", help=_("liệt kê câu hỏi đã xóa (có thể đưa trở lại)"))
    deleted.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    deleted.set_defaults(handler=list_deleted)

    restore = actions.add_parser("restore", help=_("đưa câu hỏi đã xóa trở lại như trước khi xóa"))
    restore.add_argument("ids", nargs="+", metavar="ID", help=_("mã câu hỏi (xem questions deleted)"))
    restore.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    restore.set_defaults(handler=restore_questions)


def _levels(ctx) -> tuple[str, ...]:
    from lecturer_app.core.questions.levels import levels

    return levels(ctx.workspace.settings)


def import_questions(ctx) -> int:
    from lecturer_app.importers.questions import read_questions
    from lecturer_app.importers.questions.commit import commit_import, plan_import

    args = ctx.args
    path = Path(args.file)
    options = {"marker": args.marker} if args.format in ("auto", "docx", "txt") and path.suffix.lower() in (
        ".docx", ".txt") else {}
    result = read_questions(path, args.format, **options)
    topic_ids = [ctx.bank.require_topic(args.topic).id] if args.topic else []
    plan = plan_import(result, ctx.workspace.store, topic_ids=topic_ids, levels=_levels(ctx))
    # With --dry-run, "imported" is what would be imported (the "questions" listed).
    imported = len(plan.new) if args.dry_run else len(commit_import(plan, ctx.workspace.store, ctx.workspace.blobs))
    # Exit 1 when items could not be read (docs/cli.md); questions already in the bank are not an error.
    status = 1 if result.problems else 0
    if args.json:
        ctx.print_json(plan.to_json(imported))
        return status
    for note in result.notes:
        ctx.print(note)
    for problem in (*result.warnings, *plan.skipped):
        ctx.print(str(problem))
    if args.dry_run:
        ctx.print(_("Xem trước: sẽ nhập {n} câu hỏi, bỏ qua {k} mục (chưa ghi gì).").format(
            n=len(plan.new), k=len(plan.skipped)))
    else:
        ctx.print(_("Đã nhập {n} câu hỏi, bỏ qua {k} mục.").format(n=imported, k=len(plan.skipped)))
    return status


def _selection(ctx, topic_code: str | None, level: str | None) -> tuple[str | None, list[str] | None]:
    """(topic id, levels as written in the bank) to read, from the --topic and --level options."""
    from lecturer_app.core.questions.levels import match_level
    from lecturer_app.core.text.normalize import fold

    topic_id = ctx.bank.require_topic(topic_code).id if topic_code else None
    if not level:
        return topic_id, None
    wanted = fold(match_level(level, _levels(ctx)) or level)
    return topic_id, [lv for lv in ctx.bank.question_levels() if lv is not None and fold(lv) == wanted]


def export_questions(ctx) -> int:
    from lecturer_app.exporters.questions import exporter
    from lecturer_app.exporters.questions.common import context_from_store

    args = ctx.args
    topic_id, levels = _selection(ctx, args.topic, args.level)
    context = context_from_store(ctx.workspace.store, ctx.workspace.blobs)
    if args.format == "xlsx":  # its option columns come before the first row: ask SQL, not the questions
        context.option_columns = ctx.bank.widest_question(topic_id, levels)
    # Streamed from the database to the file: memory does not grow with the bank.
    writer = exporter(args.format)
    if hasattr(writer, "export_bodies"):  # reads the stored bodies (no Question revived), each half in a process
        middle, here = ctx.bank.question_middle(topic_id, levels), os.getpid()
        first = ctx.bank.iter_question_bodies(topic_id, levels, xml_safe=True, rows=(0, middle))
        report = writer.export_bodies(first, Path(args.file), context,
                                      then=lambda: _bank(ctx, here).iter_question_bodies(
                                          topic_id, levels, xml_safe=True, rows=(middle, 0)))
    else:
        report = writer.export(ctx.bank.iter_questions(topic_id, levels, xml_safe=True), Path(args.file), context)
    if args.json:
        ctx.print_json(report.to_json())
        return 0
    for label, reason in report.skipped:
        ctx.print(f"{label}: {reason}")
    ctx.print(_("Đã xuất {n} câu hỏi vào {file}.").format(n=report.written, file=args.file))
    return 0


def list_questions(ctx) -> int:
    from lecturer_app.core.labels import type_label
    from lecturer_app.core.questions.rules import format_points

    topic_id = _selection(ctx, ctx.args.topic, None)[0]
    codes = {t.id: t.code for t in ctx.bank.topics()}
    if ctx.args.json:
        # From the stored bodies: building every Question cost more than the whole listing.
        ctx.print_json_array(_body_json(qid, body, codes) for qid, body in ctx.bank.iter_question_bodies(topic_id))
        return 0
    questions = ctx.bank.iter_questions(topic_id)
    count = 0
    for q in questions:
        count += 1
        code = codes.get(q.topic_ids[0], "") if q.topic_ids else ""
        stem = " ".join(q.stem.split())
        ctx.print(f"{q.id[:13]}  {code:<8} {type_label(q.type):<28} {q.level or '-':<13} "
                  f"{ui_number(format_points(q.points)):>5}  {stem[:70]}")
    ctx.print(ngettext("Tổng cộng: {n} câu hỏi", count).format(n=count))
    return 0


def _body_json(qid: str, body: dict, codes: dict[str, str]) -> dict[str, object]:
    """A question's listing entry (docs/cli.md) from its stored body; a missing key has the Question default."""
    from lecturer_app.core.model import Option, Question

    q, o = Question.defaults(), Option.defaults()
    topic_ids = body.get("topic_ids", q["topic_ids"])
    return {"id": qid, "type": body.get("type", q["type"]), "stem": body.get("stem", q["stem"]),
            "options": [{"text": option.get("text", o["text"]), "correct": option.get("correct", o["correct"]),
                         "pinned": option.get("pinned", o["pinned"])} for option in body.get("options", ())],
            "answers": body.get("answers", q["answers"]),
            "topic_code": codes.get(topic_ids[0], "") if topic_ids else "",
            "topic_codes": [codes[t] for t in topic_ids if t in codes], "level": body.get("level", q["level"]),
            "points": body.get("points", q["points"]), "status": body.get("status", q["status"]),
            "tags": body.get("tags", q["tags"])}


def check_questions(ctx) -> int:
    from lecturer_app.core.questions.quality import check_halves

    # Each half of the bank is read one batch at a time: the stored bodies (no Question built) with the
    # stems the table keeps folded (stem_folded); the scan keeps only ids, keys and folded texts.
    middle, here = ctx.bank.question_middle(), os.getpid()
    count, findings = check_halves(lambda: _check_rows(ctx, 0, middle, here),
                                   lambda: _check_rows(ctx, middle, 0, here),
                                   levels=_levels(ctx), threshold=ctx.args.threshold)
    if ctx.args.json:
        ctx.print_json({"questions": count, "findings": [f.to_json() for f in findings]})
        return 0
    for finding in findings:
        ctx.print(f"[{finding.code}] {', '.join(i[:13] for i in finding.question_ids)}: {finding.message}")
    ctx.print(_("Đã kiểm tra {n} câu hỏi: {k} vấn đề.").format(n=count, k=len(findings)))
    return 0


def _bank(ctx, parent: int):
    """The bank, read in a forked child of process *parent* (``core.second_process``) through a connection of
    its own: SQLite's connections must not cross a fork."""
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.store.db import open_database
    from lecturer_app.core.store.record_store import Store

    if os.getpid() == parent:
        return ctx.bank
    return LessonBank(Store(open_database(ctx.workspace.store.db.path)))


def _check_rows(ctx, first: int, end: int, parent: int) -> Iterator[tuple[str, dict, str]]:
    """(id, body, folded stem) of the questions with ``first <= rowid < end`` (0: no bound), see :func:`_bank`."""
    from lecturer_app.core.model import Question

    store = _bank(ctx, parent).store
    bounds = [("rowid >= ?", first), ("rowid < ?", end)]
    where = " AND ".join(clause for clause, value in bounds if value)
    rows = store.iter_bodies_with(Question, ["stem_folded"], where, [value for _c, value in bounds if value],
                                  order_by="rowid")
    return ((qid, body, stem or "") for qid, body, (stem,) in rows)


def write_template(ctx) -> int:
    from lecturer_app.exporters.questions.xlsx_writer import write_template as write

    write(Path(ctx.args.file))
    ctx.print(_("Đã ghi tệp mẫu {file}.").format(file=ctx.args.file))
    return 0


def list_deleted(ctx) -> int:
    from lecturer_app.core.bank.history import deleted_records

    found = deleted_records(ctx.workspace.store, "question")
    if ctx.args.json:
        ctx.print_json([{"id": d.record_id, "deleted_at": d.deleted_at, "author": d.author, "stem": d.label}
                        for d in found])
        return 0
    for item in found:
        stem = " ".join(item.label.split())
        ctx.print(f"{item.record_id}  {item.deleted_at[:16].replace('T', ' ')}  {stem[:70]}")
    ctx.print(ngettext("Tổng cộng: {n} câu hỏi đã xóa", len(found)).format(n=len(found)))
    return 0


def restore_questions(ctx) -> int:
    """Bring the questions back as they were just before their deletion (the GUI's «Hoàn tác»)."""
    from lecturer_app.core.bank.history import undelete
    from lecturer_app.core.store.record_store import RecordNotFound

    store = ctx.workspace.store
    ids = list(dict.fromkeys(ctx.args.ids))
    unknown = [i for i in ids if store.record_type(i) != "question"]
    if unknown:
        raise RecordNotFound(", ".join(unknown))
    restored = undelete(store, ids, summary=summaries.UNDO_DELETE)
    not_deleted = [i for i in ids if i not in set(restored)]
    if ctx.args.json:
        ctx.print_json({"restored": restored, "not_deleted": not_deleted})
        return 0
    ctx.print(_("Đã đưa {n} câu hỏi trở lại.").format(n=len(restored)))
    for question_id in not_deleted:
        ctx.print(_("{id}: câu hỏi này không bị xóa, giữ nguyên.").format(id=question_id))
    return 0
