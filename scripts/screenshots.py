"""Regenerate the screenshots of every main screen into docs/screenshots/ (offscreen).

Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang en] [--size 1280x720]

``--size`` is the laptop screen (default 1366x768); the window gets the part
a taskbar and a title bar leave (SCREEN_CHROME pixels less in height), as it
would maximised, and a line per screen says if a button falls outside it.

For a high-DPI check, run it with QT_SCALE_FACTOR=2 and another --out.

It opens a fresh data folder with the shipped bank, opens the first sample
topic, and grabs each screen with ``QWidget.grab()``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SAMPLE_CODES = ("NTD-01", "DP-10", "NTD-03")
# A taskbar (~40 px) and the window's title bar (~30 px).
SCREEN_CHROME = 70


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save(widget, out: Path, name: str) -> None:
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    hidden = _hidden_buttons(widget)
    if hidden:
        print(f"  ! {len(hidden)} button(s) outside the window: {', '.join(hidden)}")


def _hidden_buttons(window) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton

    bounds = window.rect()
    return [b.text() or b.accessibleName() for b in window.findChildren(QAbstractButton)
            if b.isVisible() and b.window() is window
            and not bounds.contains(b.rect().translated(b.mapTo(window, b.rect().topLeft())))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", default="vi", help="UI language (vi, en)")
    parser.add_argument("--size", default="1366x768", help="screen size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    from lecturer_app.core.resources import resource_path
    from lecturer_app.i18n import setup

    setup(args.lang, resource_path("translations"))

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window, create_application

    data = Path(tempfile.mkdtemp(prefix="lecturer-shots-"))
    from PySide6.QtCore import QSettings

    # Keep the window state of these runs out of the user's own settings.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "qsettings"))
    workspace = open_workspace(data)
    workspace.settings.author_name = workspace.store.author = "Nguyễn Thị Hoa"
    workspace.settings.language = args.lang  # as a lecturer who chose it: the settings dialog shows it chosen
    app = create_application()
    window = build_main_window(workspace)
    window.resize(width, height - SCREEN_CHROME)
    window.show()
    window.browser.tree.expandAll()
    _settle(app)
    bank = window.context.bank
    topic = next((t for code in SAMPLE_CODES if (t := bank.topic_by_code(code))), bank.topics()[0])
    page = window.open_topic(topic.id)
    _settle(app)
    _save(window, args.out, "01-cua-so-chinh")
    for key, name in (("info", "02-thong-tin"), ("plan", "03-giao-an-viet"),
                      ("deck", "04-giao-an-dien-tu"), ("questions", "05-cau-hoi")):
        page.show_tab(key)
        if key == "plan":
            page.plan_editor.show_section(page.plan_editor.sections[0].id)
        _settle(app)
        _save(window, args.out, name)
    page.show_tab("plan")
    step = next((s for s in page.plan_editor.sections if s.kind == "tien_trinh"), None)
    if step is not None:
        page.plan_editor.show_section(step.id)
        _settle(app)
        _save(window, args.out, "03b-bang-tien-trinh")
    _question_bank(app, window, args.out)
    _history_with_diff(app, window, page, args.out)
    _attachments(app, window, page, args.out, data)
    _search(app, window, args.out)
    _settings(app, window, args.out)
    _exam_screens(app, window, args.out, data)
    _import_notice(app, window, args.out, data)
    window.save_state()
    window.close()
    _reopened(app, workspace, args.out, width, height)
    return 0


def _import_notice(app, window, out: Path, data: Path) -> None:
    """The notice after importing a PPTX whose slide holds two tables and a chart: each row says what happened."""
    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Emu

    from lecturer_app.importers.lesson_import import import_lesson
    from lecturer_app.ui.documents.results import ImportDoneBox

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Các mốc lịch sử"
    for top, rows in ((1500000, [["Năm", "Sự kiện"], ["1930", "Thành lập Đảng"]]),
                      (3300000, [["Đại hội", "Năm"], ["I", "1935"], ["II", "1951"]])):
        table = slide.shapes.add_table(len(rows), 2, Emu(457200), Emu(top), Emu(8000000), Emu(1000000)).table
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    chart = prs.slides.add_slide(prs.slide_layouts[5])
    chart.shapes.title.text = "Số đảng viên mới"
    numbers = CategoryChartData()
    numbers.categories = ["2023", "2024"]
    numbers.add_series("Đảng viên mới", (12, 15))
    chart.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(457200), Emu(1500000), Emu(6000000), Emu(3000000),
                           numbers)
    path = data / "Mốc lịch sử.pptx"
    prs.save(str(path))
    code = window.context.bank.topics()[-1].code   # a topic the other screenshots do not show
    box = ImportDoneBox(import_lesson(window.context.workspace, code, path).to_json(), window)
    box.show()
    _settle(app)
    _save(box, out, "19-nhap-trinh-chieu")
    box.close()


def _reopened(app, workspace, out: Path, width: int, height: int) -> None:
    """A second start of the app over the same data: every tab of the first one is back."""
    from lecturer_app.ui.app import build_main_window

    window = build_main_window(workspace)
    window.resize(width, height - SCREEN_CHROME)
    window.show()
    window.reopen_tabs()
    window.operations.wait_all()
    _settle(app, 10)
    _save(window, out, "01b-mo-lai-cac-the")
    window.close()


def _question_bank(app, window, out: Path) -> None:
    """The bank's question workspace: filters, list, bulk row and the editor beside it."""
    title = _tr("Ngân hàng câu hỏi")
    index = next(i for i in range(window.tabs.count()) if window.tabs.widget(i).accessibleName() == title)
    current = window.tabs.currentIndex()
    window.tabs.setCurrentIndex(index)
    _settle(app, 10)
    _save(window, out, "05b-ngan-hang-cau-hoi")
    window.tabs.setCurrentIndex(current)
    _settle(app)


def _tr(text: str) -> str:
    from lecturer_app.i18n import _

    return _(text)


def _history_with_diff(app, window, page, out: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ui"))
    from keyboard_driver import type_text

    editor = page.plan_editor
    editor.show_section(editor.sections[0].id)
    editor.text_edit.moveCursor(editor.text_edit.textCursor().MoveOperation.End)
    type_text(editor.text_edit, "\nBổ sung: liên hệ thực tiễn ở địa phương.")
    editor.flush()
    page.save_version("Bản giảng lớp K12")
    page.show_tab("history")
    window.operations.wait_all()
    _settle(app, 20)
    page.history.table.selectRow(1)
    _settle(app)
    _save(window, out, "06-lich-su")


def _attachments(app, window, page, out: Path, data: Path) -> None:
    from lecturer_app.core.bank.attachments import add_attachment

    sample = data / "Tài liệu học tập.pdf"
    sample.write_bytes(b"%PDF-1.4\n% mau\n")
    add_attachment(window.context.store, window.context.workspace.blobs, page.topic.id, sample)
    page.show_tab("attachments")
    page.attachments.reload()
    _settle(app)
    _save(window, out, "07-tep-dinh-kem")


def _search(app, window, out: Path) -> None:
    window.browser.search_box.setText("chuyen doi so")
    window.browser.run_search()
    while window.browser.searching:  # the search runs on the window's worker
        app.processEvents()
    _settle(app)
    _save(window, out, "08-tim-kiem")
    window.browser.search_box.clear()


def _settings(app, window, out: Path) -> None:
    from lecturer_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.context, window)
    # Sample data only (the app ships no organisation); since 2025 there is no district level.
    dialog.org_name.setText("Trung tâm Chính trị (mẫu)")
    dialog.org_lines.setPlainText("Đảng ủy xã …\nTrung tâm Chính trị")
    dialog.org_place.setText("Lai Châu")
    dialog.show()
    _settle(app)
    _save(dialog, out, "09-cai-dat")
    dialog.reject()


def _exam_screens(app, window, out: Path, data: Path) -> None:
    """The exam workspace after a quick blueprint and a preview, the grading screen, the oral cards screen."""
    from lecturer_app.ui.exam import open_exam_workspace, open_grading, open_oral_cards

    exam = open_exam_workspace(window)
    exam.dir_edit.setText(str(data / "de_thi"))
    exam.quick_topics.setText(",".join(SAMPLE_CODES))
    exam.quick_mc.setValue(20)
    exam.quick_essay.setValue(1)
    exam.fill_quick()
    exam.versions_spin.setValue(4)
    exam.preview()
    _settle(app)
    _save(window, out, "10-de-thi")
    exam.generate()
    window.operations.wait_all()
    _settle(app, 20)
    report = exam.last_report
    if report is None:
        return
    answers = data / "bai_lam.csv"
    rows = ["Họ và tên,SBD,Mã đề," + ",".join(str(n) for n in range(1, len(report.versions[0].key) + 1))]
    learners = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang")
    for number, name in enumerate(learners):
        version = report.versions[number % len(report.versions)]
        # Some answers changed so the scores and the item analysis differ, as real sheets do.
        letters = [("A" if (i + number) % 5 == 0 else k) for i, k in enumerate(version.key)]
        rows.append(f"{name},{number + 1:03d},{version.code}," + ",".join(letters))
    answers.write_text("\n".join(rows) + "\n", encoding="utf-8")
    grading = open_grading(window)
    grading.load(Path(report.exam.output_dir), answers)
    _settle(app)
    _appeal_screens(app, window, grading, out)
    oral = open_oral_cards(window)
    oral.topics_edit.setText(",".join(SAMPLE_CODES))
    _settle(app)
    _save(window, out, "12-van-dap")
    _topic_list(app, oral.topics_edit, out)


def _topic_list(app, field, out: Path) -> None:
    """The «Chọn…» list of the topics field, the typed topics ticked, searched without accents, each topic's
    questions counted."""
    import time

    dialog = field.dialog()
    dialog.search.setText("dang")
    dialog.show()
    deadline = time.monotonic() + 30
    # The questions of each topic are counted on a worker thread: the list shows «…» until they come.
    while "…" in {count for counts in dialog.counts_shown().values() for count in counts}:
        assert time.monotonic() < deadline, "the topics' questions were not counted"
        app.processEvents()
        time.sleep(0.01)
    _settle(app)
    _save(dialog, out, "12b-chon-chuyen-de")
    dialog.close()


def _appeal_screens(app, window, grading, out: Path) -> None:
    """The grading screen with one answer corrected on appeal (tinted) and the next learner's row selected, then
    the two dialogs of a correction: which question and answer, and why; then an appeal whose mark is kept."""
    from lecturer_app.ui.exam.answer_dialog import AnswerCorrectionDialog
    from lecturer_app.ui.exam.grading_model import RemarkQuestion
    from lecturer_app.ui.exam.remark_dialog import KeepMarkDialog, RemarkReasonDialog

    model = grading.model
    grading.ask_save_marks = lambda _parent: "discard"  # the correction is not saved: closing must not wait on it
    number, marked = _misread(grading, 0)
    model.correct_answer(0, number, marked, lambda question: "Máy quét đọc nhầm ô đã tô")
    grading.scores_view.setCurrentIndex(model.index(1, 0))
    _settle(app)
    _save(window, out, "11-cham-diem")
    learner = model.scores[1].response
    number, marked = _misread(grading, 1)
    dialog = AnswerCorrectionDialog(learner, grading.manifest, window)
    dialog.question.setValue(number)
    dialog.answer.setEditText(marked)
    dialog.show()
    _settle(app)
    _save(dialog, out, "11b-sua-bai-lam-trac-nghiem")
    dialog.reject()
    question = RemarkQuestion(learner.name, learner.sbd, f"Câu {number}", "A", marked,
                              model.answer_effect(1, f"Câu {number}", marked))
    reason = RemarkReasonDialog(question, window)
    reason.reason.setPlainText(f"Học viên tô ô {marked}, máy quét đọc nhầm thành A (đã đối chiếu phiếu gốc)")
    reason.show()
    _settle(app)
    _save(reason, out, "11c-ly-do-sua-bai-lam")
    reason.reject()
    model.setData(model.index(1, model.headers.index("TL1")), "2,5")  # the essay mark the learner appealed
    keep = KeepMarkDialog(learner, model.appeal_parts(1), window)
    keep.reason.setPlainText("Hội đồng chấm lại: bài làm đủ ý theo đáp án, giữ nguyên điểm")
    keep.show()
    _settle(app)
    _save(keep, out, "11d-giu-nguyen-diem")
    keep.reject()


def _misread(grading, row: int) -> tuple[int, str]:
    """A question learner *row* answered "A" where the key says otherwise, and that key letter: the sample's
    "scanner read A where the learner marked the right bubble"."""
    response = grading.model.scores[row].response
    items = grading.manifest.versions[response.code].items
    return next((n, item.key) for n, (answer, item) in enumerate(zip(response.answers, items), start=1)
                if answer == "A" and item.key != "A")


if __name__ == "__main__":
    raise SystemExit(main())
