"""`lecturer-app quiz serve`: a quiz served to phones on the classroom's Wi-Fi, results to a score sheet.

The command draws (or reads) the paper, serves it until the time is up or
the lecturer presses Enter (or Ctrl+C), then grades every learner with the
exam domain and writes the same score sheet XLSX as ``exam grade``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import threading
from pathlib import Path

from lecturer_app.i18n import _, ngettext, ui_number

DEFAULT_PORT = 8088


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("quiz", help=_("kiểm tra nhanh qua Wi-Fi: học viên làm bài trên điện thoại"))
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    serve = actions.add_parser("serve", help=_("mở bài kiểm tra nhanh cho điện thoại trong lớp"))
    source = serve.add_mutually_exclusive_group(required=True)
    source.add_argument("--topics", metavar="CODES", help=_("mã chuyên đề, cách nhau bằng dấu phẩy"))
    source.add_argument("--exam", type=Path, metavar="DIR", help=_("thư mục đề đã tạo (dùng một mã đề)"))
    serve.add_argument("--mc", type=int, default=0, metavar="N", help=_("số câu trắc nghiệm (với --topics)"))
    serve.add_argument("--version", metavar="CODE", help=_("mã đề dùng cho bài kiểm tra (với --exam)"))
    serve.add_argument("--minutes", type=float, default=None, metavar="M", help=_("thời gian làm bài (phút)"))
    serve.add_argument("--host", default=None, metavar="ADDR",
                       help=_("địa chỉ mạng của máy để mở bài (mặc định: địa chỉ Wi-Fi/LAN đầu tiên)"))
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="P", help=_("cổng (0: máy tự chọn)"))
    serve.add_argument("--pin", default=None, metavar="PIN", help=_("mã PIN 4–8 chữ số (mặc định: ngẫu nhiên)"))
    serve.add_argument("--results", type=Path, default=None, metavar="FILE.xlsx", help=_("bảng điểm ghi khi thu bài"))
    serve.add_argument("--all-on-one-page", action="store_true", help=_("mọi câu trên một trang (mặc định: mỗi "
                                                                        "màn hình một câu)"))
    serve.add_argument("--show-answers", action="store_true", help=_("sau khi thu bài, cho học viên xem đáp án"))
    serve.add_argument("--review", type=float, default=0.0, metavar="M",
                       help=_("sau khi thu bài, mở thêm M phút để học viên xem điểm"))
    serve.add_argument("--seed", type=int, default=None, metavar="S",
                       help=_("mã ngẫu nhiên (để xáo câu hỏi lại đúng như lần trước)"))
    serve.add_argument("--title", default=None, help=_("tiêu đề bài kiểm tra"))
    serve.add_argument("--include-drafts", action="store_true",
                       help=_("dùng cả câu hỏi nháp (chưa duyệt); mặc định chỉ dùng câu đã duyệt"))
    serve.add_argument("--json", action="store_true",
                       help=_("in JSON: dòng đầu là địa chỉ và mã PIN, dòng cuối là kết quả"))
    serve.set_defaults(handler=serve_command)


def _paper(ctx):
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.exam.blueprint import quick_blueprint
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.exam.pool import load_pool
    from lecturer_app.quiz.paper import QUIZ_TITLE, draw_quiz, paper_from_manifest

    args = ctx.args
    if args.exam is not None:
        if not args.version:
            raise UserFacingError(_("Với --exam cần chọn một mã đề: --version CODE."))
        return paper_from_manifest(read_manifest(args.exam), args.version)
    if args.mc <= 0:
        raise UserFacingError(_("Với --topics cần số câu trắc nghiệm: --mc N."))
    from lecturer_app.commands.exam import _topic_codes

    codes = _topic_codes(ctx, args.topics)
    pool = load_pool(ctx.workspace.store, codes, include_drafts=args.include_drafts)
    return draw_quiz(quick_blueprint(pool, codes, args.mc), pool, args.title or QUIZ_TITLE, args.seed)


def _pin(given: str | None) -> str:
    from lecturer_app.core.errors import UserFacingError
    from lecturer_app.quiz.session import new_pin

    if given is None:
        return new_pin()
    if not re.fullmatch(r"[0-9]{4,8}", given):
        raise UserFacingError(_("Mã PIN phải gồm 4 đến 8 chữ số (đã cho '{pin}').").format(pin=given))
    return given


def serve_command(ctx) -> int:
    import secrets

    from lecturer_app.quiz.network import default_host, lan_addresses
    from lecturer_app.quiz.server import QuizServer
    from lecturer_app.quiz.session import QuizSession, QuizSettings

    args = ctx.args
    paper, warnings = _paper(ctx)
    for warning in warnings:
        ctx.err.write(_("Cảnh báo: ") + warning + "\n")
    addresses = lan_addresses()
    settings = QuizSettings(args.minutes, _pin(args.pin), not args.all_on_one_page, args.show_answers,
                            secrets.token_hex(4))
    session = QuizSession(paper, settings)
    server = QuizServer(session, args.host or default_host(addresses), args.port).start()
    try:
        _announce(ctx, server, settings, addresses, len(paper.items))
        enter = _lines_from_stdin()
        _wait_until_closed(ctx, enter, session)
        session.close()
        path = _write_results(ctx, session)
        _report(ctx, session, path)
        _wait_until_closed(ctx, enter, None, args.review * 60)
    finally:
        server.stop()
    return 0


def _announce(ctx, server, settings, addresses: list[str], questions: int) -> None:
    from lecturer_app.quiz.server import firewall_hint

    if ctx.args.json:
        # One line first, flushed, so a script (or a test) can read the address and the PIN at once.
        ctx.out.write(json.dumps({"url": server.url, "pin": settings.pin, "port": server.port, "host": server.host,
                                  "addresses": addresses, "questions": questions,
                                  "minutes": settings.minutes}, ensure_ascii=False) + "\n")
        ctx.out.flush()
        return
    if addresses:
        ctx.print(_("Địa chỉ mạng của máy này: {list}").format(list=", ".join(addresses)))
    if len(addresses) > 1:
        ctx.print(_("Máy có nhiều địa chỉ mạng. Nếu điện thoại không mở được trang, chạy lại với --host và "
                    "địa chỉ của mạng Wi-Fi lớp học."))
    elif not addresses:
        ctx.print(_("Máy chưa nối mạng Wi-Fi/LAN nào: chỉ máy này mở được bài. Hãy bật Wi-Fi hoặc điểm phát "
                    "sóng rồi chạy lại."))
    ctx.print(_("Học viên mở trên điện thoại: {url}").format(url=server.url))
    _terminal_qr(ctx, server.url)
    ctx.print(_("Mã PIN: {pin}").format(pin=settings.pin))
    ctx.print(ngettext("{n} câu hỏi.", questions).format(n=questions) + " " + firewall_hint())
    ctx.print(_("Nhấn Enter để thu bài (hoặc Ctrl+C)."))
    ctx.out.flush()


def _terminal_qr(ctx, url: str) -> None:
    """The QR code in the terminal, for a lecturer who projects the terminal itself."""
    import segno

    try:
        segno.make(url, error="m").terminal(out=ctx.out, compact=True)
    except UnicodeEncodeError:  # a console without the block characters: the address is printed anyway
        return


def _lines_from_stdin() -> threading.Semaphore:
    """Released once per line typed (Enter); end of input releases nothing, so a script's quiz runs its time."""
    lines = threading.Semaphore(0)

    def read() -> None:
        try:
            for _line in sys.stdin:
                lines.release()
        except (OSError, ValueError):
            return

    threading.Thread(target=read, name="quiz-stdin", daemon=True).start()
    return lines


def _wait_until_closed(ctx, lines: threading.Semaphore, session, seconds: float | None = None) -> None:
    """Until the quiz closes itself (time up), Enter, Ctrl+C, or *seconds* (when given) have passed."""
    import time

    if seconds is not None and seconds <= 0:
        return
    end = time.monotonic() + seconds if seconds is not None else None
    shown = None
    try:
        while not lines.acquire(timeout=0.5):
            if session is not None and session.closed or end is not None and time.monotonic() >= end:
                return
            if session is not None and not ctx.args.json and (counts := session.counts()) != shown:
                shown = counts
                ctx.print(_("Đã vào: {joined} · Đã nộp: {submitted}").format(
                    joined=counts.joined, submitted=counts.submitted))
    except KeyboardInterrupt:
        return


def _write_results(ctx, session) -> Path:
    import time

    path = ctx.args.results or Path(time.strftime("kiem_tra_nhanh_%Y%m%d_%H%M.xlsx"))
    write_results(session, path)
    return path


def write_results(session, path: Path) -> tuple[Path, Path]:
    from lecturer_app.exporters.exam.responses_xlsx import write_quiz_results
    from lecturer_app.quiz.paper import manifest_body_of

    return write_quiz_results(session.scores(), session.paper.manifest, manifest_body_of(session.paper), path)


def _report(ctx, session, path: Path) -> None:
    from lecturer_app.exam.grading import grade_label
    from lecturer_app.exam.vn_numbers import decimal_comma
    from lecturer_app.exporters.exam.responses_xlsx import grading_folder
    from lecturer_app.exporters.exam.score_sheet import sorted_scores

    scores = sorted_scores(session.scores())
    if ctx.args.json:
        ctx.out.write(json.dumps({"results": str(path), "grading": str(grading_folder(path)),
                                  "learners": [s.to_json() for s in scores]}, ensure_ascii=False) + "\n")
        ctx.out.flush()
        return
    for score in scores:
        ctx.print(f"{score.response.name:<30} {ui_number(decimal_comma(score.total)):>6}  {grade_label(score.grade)}")
    ctx.print(ngettext("Đã thu bài của {n} học viên; bảng điểm: {path}", len(scores)).format(n=len(scores), path=path))
    ctx.print(_("Bài làm để chấm thêm (tự luận, vấn đáp) trong «Chấm điểm»: {folder}").format(
        folder=grading_folder(path)))
