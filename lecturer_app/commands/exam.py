"""`lecturer-app exam build|oral|grade|remark|scan`: papers and keys, vấn đáp cards, score sheets, changes on
appeal (phúc khảo), scanned answer sheets."""

from __future__ import annotations

import argparse
from pathlib import Path

from lecturer_app.i18n import SCREEN, _, ngettext, ui_number


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("exam", help=_("đề thi: tạo đề, phiếu vấn đáp, chấm điểm, đọc phiếu quét"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    _register_build(actions)
    _register_oral(actions)
    _register_grade(actions)
    _register_remark(actions)
    _register_scan(actions)
    _register_thu_hoach(actions)
    _register_blueprint(actions)
    listing = actions.add_parser("list", help=_("các đề đã tạo (mật, chỉ trên máy này)"))
    listing.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    listing.set_defaults(handler=list_command)


def _register_build(actions) -> None:
    build = actions.add_parser("build", help=_("tạo các mã đề, phiếu trả lời và đáp án"))
    source = build.add_mutually_exclusive_group(required=True)
    source.add_argument("--blueprint", metavar="FILE", type=Path, help=_("ma trận đề (.xlsx)"))
    source.add_argument("--topics", metavar="CODES", help=_("mã chuyên đề, cách nhau bằng dấu phẩy (chế độ nhanh)"))
    build.add_argument("--mc", type=int, default=0, metavar="N", help=_("số câu trắc nghiệm (chế độ nhanh)"))
    build.add_argument("--essay", type=int, default=0, metavar="M", help=_("số câu tự luận (chế độ nhanh)"))
    build.add_argument("--versions", type=int, default=4, metavar="N", help=_("số mã đề"))
    build.add_argument("--seed", type=int, default=None, metavar="S", help=_("mã ngẫu nhiên (để tạo lại đúng bộ đề)"))
    build.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help=_("thư mục ghi đề"))
    build.add_argument("--codes", choices=("sequence", "random"), default="sequence",
                       help=_("cách đánh mã đề: tuần tự (101, 102…) hoặc ngẫu nhiên 3 chữ số"))
    build.add_argument("--start", type=int, default=101, help=_("mã đề đầu tiên (tuần tự)"))
    build.add_argument("--step", type=int, default=1, help=_("khoảng cách giữa hai mã đề (đánh số tuần tự)"))
    build.add_argument("--no-balance", action="store_true", help=_("không cân bằng đáp án A/B/C/D"))
    build.add_argument("--avoid-last", type=int, default=0, metavar="K",
                       help=_("tránh câu hỏi đã dùng trong K đề gần nhất"))
    build.add_argument("--title", default=None, help=_("tiêu đề đề thi"))
    build.add_argument("--class-line", default=None, help=_("dòng tên lớp"))
    build.add_argument("--duration", type=int, default=None, metavar="MIN", help=_("thời gian làm bài (phút)"))
    build.add_argument("--no-docx", action="store_true", help=_("không ghi bản DOCX"))
    _include_drafts(build)
    build.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    build.set_defaults(handler=build_command)


def _register_oral(actions) -> None:
    oral = actions.add_parser("oral", help=_("tạo bộ phiếu câu hỏi thi vấn đáp"))
    oral.add_argument("--topics", required=True, metavar="CODES", help=_("mã chuyên đề, cách nhau bằng dấu phẩy"))
    oral.add_argument("--cards", type=int, required=True, metavar="N", help=_("số phiếu"))
    oral.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help=_("tệp PDF các phiếu"))
    oral.add_argument("--per-page", type=int, choices=(2, 4), default=2, help=_("số phiếu trên một trang A4"))
    oral.add_argument("--mix", default="", help=_("cơ cấu mỗi phiếu, ví dụ 'lý thuyết=1, liên hệ=1'"))
    oral.add_argument("--seed", type=int, default=0, metavar="S", help=_("mã ngẫu nhiên (để tạo lại đúng bộ phiếu)"))
    oral.add_argument("--subtitle", default="", help=_("dòng phụ in dưới tiêu đề phiếu"))
    _include_drafts(oral)
    oral.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    oral.set_defaults(handler=oral_command)


def _include_drafts(parser) -> None:
    parser.add_argument("--include-drafts", action="store_true",
                        help=_("dùng cả câu hỏi nháp (chưa duyệt); mặc định chỉ dùng câu đã duyệt"))


def _register_grade(actions) -> None:
    grade = actions.add_parser("grade", help=_("chấm điểm từ bảng bài làm và ghi bảng điểm"))
    grade.add_argument("--exam", type=Path, required=True, metavar="DIR", help=_("thư mục đề đã tạo"))
    grade.add_argument("--answers", type=Path, required=True, metavar="FILE", help=_("bảng bài làm (.xlsx/.csv)"))
    grade.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help=_("bảng điểm"))
    grade.add_argument("--thresholds", default="", help=_("ngưỡng xếp loại, ví dụ 'Giỏi=8; Khá=6,5; Trung bình=5'"))
    grade.add_argument("--fail-label", default=None, help=_("xếp loại dưới mọi ngưỡng (mặc định: Không đạt)"))
    grade.add_argument("--oral-weight", type=float, default=None, metavar="W",
                       help=_("tỉ trọng điểm vấn đáp trong tổng điểm (mặc định 0,5 khi tệp có điểm vấn đáp, "
                              "nếu không thì 0)"))
    grade.add_argument("--minutes", type=Path, metavar="FILE.pdf",
                       help=_("ghi cả biên bản phúc khảo (PDF) khi tệp bài làm có đơn phúc khảo đã ghi "
                              "(điểm sửa hoặc giữ nguyên)"))
    grade.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    grade.set_defaults(handler=grade_command)


def _register_remark(actions) -> None:
    remark = actions.add_parser("remark", help=_("ghi kết quả phúc khảo một điểm: sửa điểm, hoặc giữ nguyên (--keep); "
                                                 "kèm lý do, người chấm, thời điểm"))
    remark.add_argument("--exam", type=Path, required=True, metavar="DIR", help=_("thư mục đề đã tạo"))
    remark.add_argument("--answers", type=Path, required=True, metavar="FILE.xlsx",
                        help=_("tệp bài làm và điểm đã lưu (được ghi lại, kèm biên bản phúc khảo)"))
    remark.add_argument("--sbd", required=True, help=_("số báo danh của học viên"))
    remark.add_argument("--name", default=None, help=_("họ và tên (khi hai dòng trùng SBD)"))
    remark.add_argument("--component", required=True, metavar="PART",
                        help=_("điểm sửa: TL1, TL2…, \"Vấn đáp\", hoặc số câu trắc nghiệm"))
    value = remark.add_mutually_exclusive_group(required=True)
    value.add_argument("--mark", metavar="X", help=_("điểm mới (dấu phẩy thập phân, ví dụ 7,5; để trống: xóa điểm)"))
    value.add_argument("--answer", metavar="TEXT", help=_("bài làm đúng của câu trắc nghiệm (ví dụ B)"))
    # A flag with no value, in the same either-or group as --mark and --answer: a kept mark can never carry a
    # new value, and a change can never be recorded as kept.
    value.add_argument("--keep", action="store_true",
                       help=_("đã chấm phúc khảo PART và giữ nguyên điểm (hoặc bài làm): ghi vào biên bản, "
                              "không sửa gì"))
    remark.add_argument("--reason", required=True,
                        help=_("lý do sửa, hoặc kết luận giữ nguyên (ghi vào biên bản phúc khảo)"))
    remark.add_argument("--author", default=None, help=_("người sửa (mặc định: tên người soạn trong cài đặt)"))
    remark.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx",
                        help=_("ghi ra tệp khác (mặc định: ghi lại vào tệp bài làm)"))
    remark.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    remark.set_defaults(handler=remark_command)


def _register_scan(actions) -> None:
    scan = actions.add_parser("scan", help=_("đọc phiếu trả lời đã quét hoặc chụp, ghi bảng bài làm để chấm"))
    scan.add_argument("--exam", type=Path, required=True, metavar="DIR", help=_("thư mục đề đã tạo"))
    scan.add_argument("--sheets", type=Path, required=True, nargs="+", metavar="FILE_OR_FOLDER",
                      help=_("tệp PDF đã quét, một ảnh, hoặc thư mục ảnh JPG/PNG/TIFF (có thể nhiều, đọc theo thứ tự)"))
    scan.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx",
                      help=_("bảng bài làm (đúng mẫu để chấm bằng 'exam grade')"))
    scan.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    scan.set_defaults(handler=scan_command)


def _register_thu_hoach(actions) -> None:
    form = actions.add_parser("thu-hoach", help=_("mẫu bài thu hoạch (DOCX hoặc PDF)"))
    form.add_argument("-o", "--output", type=Path, required=True, metavar="FILE", help=_("tệp .docx hoặc .pdf"))
    form.add_argument("--prompt", required=True, help=_("đề bài"))
    form.add_argument("--title", default="BÀI THU HOẠCH", help=_("tiêu đề"))
    form.add_argument("--class-line", default="", help=_("dòng tên lớp"))
    form.set_defaults(handler=thu_hoach_command)


def _register_blueprint(actions) -> None:
    blueprint = actions.add_parser("blueprint", help=_("mẫu ma trận đề, hoặc kiểm tra một ma trận với ngân hàng"))
    mode = blueprint.add_mutually_exclusive_group(required=True)
    mode.add_argument("--topics", metavar="CODES", help=_("ghi mẫu ma trận cho các chuyên đề này"))
    mode.add_argument("--check", type=Path, metavar="FILE", help=_("kiểm tra ma trận FILE với ngân hàng"))
    blueprint.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx", help=_("tệp mẫu ma trận"))
    _include_drafts(blueprint)
    blueprint.add_argument("--json", action="store_true", help=_("in kết quả dạng JSON"))
    blueprint.set_defaults(handler=blueprint_command)


def _topic_codes(ctx, text: str) -> list[str]:
    """The stored codes ``--topics`` names, read as the GUI's topics fields read them (any case, program and
    module codes too, each once); a UserFacingError names every unknown or ambiguous code."""
    from lecturer_app.core.bank.topic_codes import TopicCatalogue

    return TopicCatalogue.of(ctx.bank).resolve(text)


def build_command(ctx) -> int:
    import random  # SystemRandom (os.urandom) for an unseeded build: ``secrets`` would add hmac and hashlib

    from lecturer_app.exam.codes import CodeScheme
    from lecturer_app.exam.draw import DrawOptions
    from lecturer_app.exam.paper_settings import PaperSettings
    from lecturer_app.exporters.exam.build import BuildRequest, build_exam

    args = ctx.args
    store = ctx.workspace.store
    blueprint, pool = _blueprint_and_pool(ctx)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    settings = PaperSettings(title=args.title or blueprint.title, class_line=args.class_line or blueprint.class_line,
                             duration_minutes=args.duration or blueprint.duration_minutes,
                             organization=ctx.workspace.organization())
    options = DrawOptions(versions=args.versions, seed=seed, codes=CodeScheme(args.codes, args.start, args.step),
                          balanced_key=not args.no_balance)
    request = BuildRequest(blueprint, options, settings, args.output, avoid_last=args.avoid_last,
                           docx=not args.no_docx)
    report = build_exam(store, pool, request, images=ctx.workspace.blobs.read_or_none)
    for warning in report.warnings:
        ctx.err.write(_("Cảnh báo: ") + warning + "\n")
    if args.json:
        ctx.print_json(report.to_json())
        return 0
    ctx.print(ngettext("Đã tạo {n} mã đề ({codes}) với mã ngẫu nhiên {seed} trong {dir}", len(report.versions)).format(
        n=len(report.versions), codes=", ".join(v.code for v in report.versions), seed=seed, dir=args.output))
    return 0


def _blueprint_and_pool(ctx):
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.exam.blueprint import quick_blueprint
    from lecturer_app.exam.pool import load_pool
    from lecturer_app.exporters.exam.blueprint_xlsx import read_blueprint_xlsx

    args = ctx.args
    store = ctx.workspace.store
    if args.blueprint is not None:
        blueprint = read_blueprint_xlsx(args.blueprint)
        return blueprint, load_pool(store, sorted({c.topic_code for c in blueprint.cells}),
                                    include_drafts=args.include_drafts)
    codes = _topic_codes(ctx, args.topics)
    if args.mc <= 0 and args.essay <= 0:
        raise UserFacingError(_("Chế độ nhanh cần --mc N và/hoặc --essay M."))
    pool = load_pool(store, codes, include_drafts=args.include_drafts)
    return quick_blueprint(pool, codes, args.mc, args.essay), pool


def oral_command(ctx) -> int:
    from lecturer_app.exam.oral import DEFAULT_MIX, draw_oral_cards, parse_mix
    from lecturer_app.exam.pool import load_pool
    from lecturer_app.exporters.exam.oral_pdf import (
        write_answer_guide,
        write_oral_cards,
    )

    args = ctx.args
    codes = _topic_codes(ctx, args.topics)
    questions = load_pool(ctx.workspace.store, codes, include_drafts=args.include_drafts).questions()
    oral_set = draw_oral_cards(questions, args.cards, args.seed, parse_mix(args.mix) if args.mix else DEFAULT_MIX)
    org = ctx.workspace.organization()
    cards = write_oral_cards(oral_set.cards, args.output, per_page=args.per_page, subtitle=args.subtitle,
                             organization=org)
    guide = write_answer_guide(oral_set.cards, args.output.with_name(args.output.stem + "_huong_dan.pdf"),
                               subtitle=args.subtitle, organization=org)
    for warning in oral_set.warnings:
        ctx.err.write(_("Cảnh báo: ") + warning + "\n")
    if args.json:
        ctx.print_json({"cards": [{"number": c.number, "questions": [q.id for q in c.questions]}
                                  for c in oral_set.cards],
                        "files": [str(cards), str(guide)], "warnings": oral_set.warnings})
        return 0
    ctx.print(ngettext("Đã tạo {n} phiếu vấn đáp: {cards}; hướng dẫn chấm: {guide}", len(oral_set.cards)).format(
        n=len(oral_set.cards), cards=cards, guide=guide))
    return 0


def _given(option: float | None, saved: float | None) -> float | None:
    """--oral-weight when given, else the weight the answer file was saved with (its «Cách tính» sheet)."""
    return option if option is not None else saved


def grade_command(ctx) -> int:
    from lecturer_app.exam.grading import (
        DEFAULT_FAIL,
        DEFAULT_THRESHOLDS,
        GradingOptions,
        oral_weight,
        parse_thresholds,
        score_all,
    )
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exporters.exam.score_sheet import sorted_scores, write_score_sheet
    from lecturer_app.importers.exam_answers import read_answer_file

    args = ctx.args
    manifest = read_manifest(args.exam)
    answers = read_answer_file(args.answers, manifest)
    options = GradingOptions(parse_thresholds(args.thresholds) if args.thresholds else DEFAULT_THRESHOLDS,
                             args.fail_label or DEFAULT_FAIL,
                             oral_weight(_given(args.oral_weight, answers.oral_weight), answers.has_oral))
    scores = sorted_scores(score_all(answers.responses, manifest, options))
    write_score_sheet(scores, manifest, args.output, options=options, rejected=answers.rejected,
                      remarks=answers.remarks)
    _report_grading(ctx, answers, scores, manifest, options)
    if args.minutes is not None:
        _write_minutes(ctx, answers, manifest, options)
    # Non-zero whenever a row was not graded or a graded row carries a problem the lecturer must look at.
    return 1 if answers.rejected or any(s.notes for s in scores) or not scores else 0


def _report_grading(ctx, answers, scores, manifest, options) -> None:
    from lecturer_app.exam.grading import grade_label, part_label, total_formula
    from lecturer_app.exam.vn_numbers import decimal_comma

    for warning in answers.warnings:
        ctx.err.write(_("Cảnh báo: ") + warning + "\n")
    for row in answers.rejected:
        ctx.err.write(_("Không chấm được {where}: {reason}").format(where=row.where(SCREEN), reason=row.reason(SCREEN))
                      + "\n")
    for score in scores:
        if score.notes:
            ctx.err.write(_("Cần xem lại {where} ({name}): {notes}").format(
                where=score.response.where(SCREEN), name=score.response.name, notes=score.worded_notes(SCREEN)) + "\n")
    formula = total_formula(manifest, options)
    if ctx.args.json:
        ctx.print_json({"learners": [s.to_json() for s in scores], "rejected": [r.to_json() for r in answers.rejected],
                        "warnings": answers.warnings, "formula": formula, "oral_weight": options.oral_weight})
        return
    for s in scores:
        missing = "  " + _("thiếu: {parts}").format(parts=", ".join(map(part_label, s.missing))) if s.missing else ""
        total = ui_number(decimal_comma(s.total))
        ctx.print(f"{s.response.sbd:<8} {s.response.name:<30} {s.response.code:>5} {total:>6}  "
                  f"{grade_label(s.grade)}{missing}")
    ctx.print(_("Cách tính: ") + formula)
    ctx.print(_("Đã chấm {n} học viên, {bad} dòng không chấm được; đã ghi bảng điểm: {path}").format(
        n=len(scores), bad=len(answers.rejected), path=ctx.args.output))


def _write_minutes(ctx, answers, manifest, options) -> None:
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.exporters.exam.remark_minutes import write_remark_minutes

    if not answers.remarks:
        raise UserFacingError(_("Tệp bài làm chưa có điểm nào sửa khi phúc khảo: không ghi biên bản."))
    write_remark_minutes(answers.remarks, answers.responses, manifest, ctx.args.minutes, options=options,
                         organization=ctx.workspace.organization())
    if not ctx.args.json:
        ctx.print(_("Đã ghi biên bản phúc khảo: {path}").format(path=ctx.args.minutes))


def remark_command(ctx) -> int:
    """One mark (or answer) changed on appeal, or kept (--keep), recorded in the answers file's «Phúc khảo» sheet."""
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.exam.grading import oral_weight
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exam.remarks import check_part, component_name, keep, remark
    from lecturer_app.exporters.exam.responses_xlsx import write_responses
    from lecturer_app.importers.exam_answers import read_answer_file

    args = ctx.args
    manifest = read_manifest(args.exam)
    answers = read_answer_file(args.answers, manifest)
    if answers.rejected:  # written again, the file would lose them
        raise UserFacingError(_("Tệp bài làm có {n} dòng không chấm được: hãy sửa chúng trước khi phúc khảo.").format(
            n=len(answers.rejected)))
    response = _learner(answers.responses, args.sbd, args.name)
    component = component_name(args.component)
    if args.keep:
        check_part(component, response, manifest)
        change = keep(response, component, args.reason, _author(ctx))
    else:
        change = remark(response, component, _change(response, component, args, manifest), args.reason, _author(ctx))
    answers.remarks.append(change)
    count = max((len(v.items) for v in manifest.versions.values()), default=0)
    essays = max((len(v.essays) for v in manifest.versions.values()), default=0)
    written = write_responses(answers.responses, count, args.output or args.answers, essays=essays, oral=True,
                              oral_weight=oral_weight(answers.oral_weight, answers.has_oral),
                              remarks=answers.remarks)
    _report_remark(ctx, change, written)
    return 0


def _report_remark(ctx, change, written: Path) -> None:
    """A change under "change", a kept mark under "kept" (so no reader of the JSON takes one for the other)."""
    if ctx.args.json:
        fields = dict(zip(("sbd", "name", "component", "before", "after", "reason", "author", "at"), change.row()))
        ctx.print_json({"kept" if change.kept else "change": fields, "file": str(written)})
    elif change.kept:
        ctx.print(_("Đã ghi phúc khảo {part} của {name} (SBD {sbd}): giữ nguyên «{value}»; đã ghi {path}").format(
            part=change.component, name=change.name, sbd=change.sbd, value=change.before or _("trống"), path=written))
    else:
        ctx.print(_("Đã sửa {part} của {name} (SBD {sbd}): {before} → {after}; đã ghi {path}").format(
            part=change.component, name=change.name, sbd=change.sbd, before=change.before or _("trống"),
            after=change.after or _("trống"), path=written))


def _learner(responses, sbd: str, name: str | None):
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.core.text.normalize import fold

    found = [r for r in responses if r.sbd.strip() == sbd.strip()
             and (name is None or fold(r.name.strip()) == fold(name.strip()))]
    if not found:
        raise UserFacingError(_("Không có học viên SBD {sbd} trong tệp bài làm.").format(sbd=sbd))
    if len(found) > 1:
        raise UserFacingError(_("Có {n} dòng cùng SBD {sbd}: thêm --name để chọn.").format(n=len(found), sbd=sbd))
    return found[0]


def _change(response, component: str, args, manifest) -> str:
    """Put the new value into *response*, checked as the grid checks it; the value before."""
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.exam.remarks import QUESTION, checked_mark, component_maximum, current_value, set_value
    from lecturer_app.importers.exam_answers import corrected_answer

    before = current_value(response, component)
    if component.startswith(QUESTION):
        if args.answer is None:
            items = manifest.versions[response.code].items
            raise UserFacingError(_("{part}: mã đề {code} có {n} câu trắc nghiệm; sửa bài làm bằng --answer.").format(
                part=component, code=response.code, n=len(items)))
        set_value(response, component, corrected_answer(args.answer, component, response, manifest))
    else:
        if args.mark is None:
            raise UserFacingError(_("{part} là điểm: dùng --mark.").format(part=component))
        set_value(response, component, checked_mark(args.mark, component_maximum(component, response, manifest)))
    if current_value(response, component) == before:
        raise UserFacingError(_("{part} của {name} đã là «{value}»: không có gì để sửa.").format(
            part=component, name=response.name, value=before))
    return before


def _author(ctx) -> str:
    from lecturer_app.core.errors import UserFacingError

    author = ctx.args.author if ctx.args.author is not None else ctx.workspace.settings.author_name
    if not author.strip():
        raise UserFacingError(_("Chưa có tên người sửa: dùng --author, hoặc ghi tên người soạn trong cài đặt."))
    return author.strip()


def scan_command(ctx) -> int:
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exporters.exam.scan_answers import write_scanned_answers
    from lecturer_app.importers.omr.reader import scan_sheets

    args = ctx.args
    manifest = read_manifest(args.exam)
    result = scan_sheets(args.sheets, manifest)
    write_scanned_answers(result.sheets, manifest, args.output)
    doubts = sum(len(s.open_doubts) for s in result.sheets)
    if args.json:
        ctx.print_json({**result.to_json(), "output": str(args.output)})
    else:
        _report_scan(ctx, result, doubts)
    # Non-zero while a page was not read or a mark needs a person's eyes.
    return 1 if result.bad or doubts or not result.sheets else 0


def _report_scan(ctx, result, doubts: int) -> None:
    for bad in result.bad:
        ctx.err.write(_("Không đọc được {where}: {reason}").format(where=bad.source(SCREEN), reason=bad.reason(SCREEN))
                      + "\n")
    for sheet in result.sheets:
        source = sheet.source(SCREEN)
        for note in sheet.notes:
            ctx.err.write(f"{source}: {note(SCREEN)}\n")
        for doubt in sheet.open_doubts:
            where = source + (", " + _("câu {n}").format(n=doubt.question) if doubt.question else "")
            ctx.err.write(_("Cần xem lại {where} (SBD {sbd}): {reason}").format(
                where=where, sbd=sheet.sbd, reason=doubt.reason(SCREEN)) + "\n")
    for sheet in result.sheets:
        ctx.print(f"{sheet.source(SCREEN):<28} SBD {sheet.sbd:<8} {_('mã đề')} {sheet.code:<5} "
                  f"{_('{n} chỗ cần xem lại').format(n=len(sheet.open_doubts)) if sheet.open_doubts else ''}")
    ctx.print(_("Đã đọc {n}/{pages} trang, {doubts} chỗ cần xem lại, {bad} trang không đọc được; đã ghi bảng bài làm: "
                "{path}").format(n=len(result.sheets), pages=result.pages, doubts=doubts, bad=len(result.bad),
                                 path=ctx.args.output))


def thu_hoach_command(ctx) -> int:
    from lecturer_app.exporters.exam.thu_hoach import ThuHoachForm, write_thu_hoach

    args = ctx.args
    form = ThuHoachForm(title=args.title, prompt=args.prompt, class_line=args.class_line,
                        organization=ctx.workspace.organization())
    path = write_thu_hoach(form, args.output)
    ctx.print(_("Đã ghi mẫu bài thu hoạch: {path}").format(path=path))
    return 0


def blueprint_command(ctx) -> int:
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.core.model import DEFAULT_LEVELS, Blueprint, BlueprintCell
    from lecturer_app.exam.blueprint import TEMPLATE_BLUEPRINT_NAME, cell_label, check_blueprint
    from lecturer_app.exam.pool import load_pool
    from lecturer_app.exporters.exam.blueprint_xlsx import (
        read_blueprint_xlsx,
        write_blueprint_xlsx,
    )

    args = ctx.args
    if args.topics:
        if args.output is None:
            raise UserFacingError(_("Cần -o FILE.xlsx để ghi mẫu ma trận."))
        codes = _topic_codes(ctx, args.topics)
        cells = [BlueprintCell(code, level, "single_choice", 0, 0.0) for code in codes for level in DEFAULT_LEVELS]
        cells += [BlueprintCell(code, "", "essay", 0, 0.0) for code in codes]
        write_blueprint_xlsx(Blueprint(name=TEMPLATE_BLUEPRINT_NAME, cells=cells),
                             load_pool(ctx.workspace.store, codes, include_drafts=args.include_drafts), args.output)
        ctx.print(_("Đã ghi mẫu ma trận: {path}").format(path=args.output))
        return 0
    blueprint = read_blueprint_xlsx(args.check)
    pool = load_pool(ctx.workspace.store, sorted({c.topic_code for c in blueprint.cells}),
                     include_drafts=args.include_drafts)
    check = check_blueprint(blueprint, pool)
    if args.json:
        ctx.print_json({"ok": check.ok, "problems": check.problems,
                        "cells": [{"topic": s.cell.topic_code, "level": s.cell.level, "type": s.cell.type,
                                   "count": s.cell.count, "points": s.cell.points, "available": s.available,
                                   "drafts": s.drafts, "fillable": s.fillable} for s in check.cells]})
    else:
        for status in check.cells:
            mark = "✓" if status.fillable else "✗"
            drafts = " " + ngettext("(+{n} câu nháp)", status.drafts).format(n=status.drafts) if status.drafts else ""
            ctx.print(f"{mark} {cell_label(status.cell)}: {status.cell.count}/{status.available}{drafts}")
        for problem in check.problems:
            ctx.print(problem)
    return 0 if check.ok else 1


def list_command(ctx) -> int:
    from lecturer_app.core.model import Exam

    exams = ctx.workspace.store.select(Exam, order_by="created DESC, id DESC")
    rows = [{"id": e.id, "title": e.title, "created": e.created, "seed": e.seed,
             "codes": [v.code for v in e.versions], "questions": len(e.versions[0].question_ids) if e.versions else 0,
             "folder": e.output_dir, "confidential": e.confidential, "shared": e.shared} for e in exams]
    if ctx.args.json:
        ctx.print_json(rows)
        return 0
    for row in rows:
        ctx.print(f"{row['created'][:16]}  {row['title']}  ({', '.join(row['codes'])}; {row['questions']} "
                  + _("câu") + f")  {row['folder']}")
    ctx.print(ngettext("Tổng cộng: {n} đề", len(rows)).format(n=len(rows)))
    return 0
