"""The exam feature of the main window: the exam workspace, the grading screen, scanned sheets and oral cards.

``install(window)`` adds four actions to the Tools menu; each opens its screen
as a workspace tab, which comes back after a restart or a crash (its kind is
in ``window.workspace_openers``).  The widgets also work standalone with
explicit arguments.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction

from lecturer_app.i18n import _
from lecturer_app.ui.remembered import Remembered


def install(window) -> None:
    """Add "Ma trận và tạo đề…", "Chấm điểm…", "Đọc phiếu trả lời quét…" and "Phiếu thi vấn đáp…" to Tools."""
    tools = window.menu("tools")
    build = QAction(_("Ma trận và tạo đề…"), window)
    build.triggered.connect(lambda: open_exam_workspace(window))
    grade = QAction(_("Chấm điểm…"), window)
    grade.triggered.connect(lambda: open_grading(window))
    scan = QAction(_("Đọc phiếu trả lời quét…"), window)
    scan.triggered.connect(lambda: open_scan_review(window))
    oral = QAction(_("Phiếu thi vấn đáp…"), window)
    oral.triggered.connect(lambda: open_oral_cards(window))
    tools.addAction(build)
    tools.addAction(grade)
    tools.addAction(scan)
    tools.addAction(oral)
    window.workspace_openers.update({"exam": lambda: open_exam_workspace(window),
                                     "grading": lambda: open_grading(window),
                                     "scan": lambda: open_scan_review(window),
                                     "oral": lambda: open_oral_cards(window)})


def _output_dir(window) -> Path:
    settings = window.context.settings
    base = Path(settings.export_dir) if settings.export_dir else Path.home() / "Documents"
    return base / "de_thi"


def open_exam_workspace(window):
    from lecturer_app.exporters.exam.version_helper import VersionHelper
    from lecturer_app.ui.exam.exam_workspace import ExamWorkspace

    context = window.context
    # Started now, warm by the time "Tạo đề" is pressed; it writes half the versions (exam.version_helper).
    helper = VersionHelper()
    helper.start()
    widget = ExamWorkspace(context.store, _output_dir(window), run_operation=window.run_operation,
                           worker_store=context.worker_store, organization=context.workspace.organization(),
                           images=context.workspace.blobs.read_or_none, helper=helper)
    widget.destroyed.connect(lambda *_args: helper.stop())
    _remember_exam_choices(widget, Remembered(context))
    index = window.add_workspace(widget, _("Đề thi"), "exam")
    window.tabs.setCurrentIndex(index)
    return widget


def _remember_exam_choices(widget, remembered) -> None:
    """Title, class, number of versions and folder come back as last used.

    Kept after each "Tạo đề", and as soon as a field is left or the number changed, so a crash keeps them too.
    """
    last = remembered.values("exam")
    fields = ((widget.title_edit, "title"), (widget.class_edit, "class_line"), (widget.dir_edit, "folder"))
    for edit, key in fields:
        if isinstance(last.get(key), str) and last[key]:
            edit.setText(last[key])
            edit.setCursorPosition(0 if edit is not widget.dir_edit else len(last[key]))  # a folder: its end
    if isinstance(last.get("versions"), int):
        widget.versions_spin.setValue(last["versions"])

    def keep(*_args) -> None:
        values = {key: edit.text().strip() for edit, key in fields}
        remembered.remember_values("exam", {**values, "versions": widget.versions_spin.value()})

    widget.built.connect(keep)
    widget.versions_spin.valueChanged.connect(keep)
    for edit, _key in fields:
        edit.editingFinished.connect(keep)


def open_grading(window):
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    context = window.context
    widget = GradingWidget(folder=_output_dir(window), author=context.settings.author_name,
                           organization=context.workspace.organization())
    index = window.add_workspace(widget, _("Chấm điểm"), "grading")
    window.tabs.setCurrentIndex(index)
    return widget


def open_scan_review(window):
    """The review of scanned sheets; "Chấm điểm" there opens the grading screen with the reviewed answers."""
    from lecturer_app.ui.exam.scan_review import ScanReviewWidget

    def grade(manifest, answers) -> None:
        open_grading(window).show_answers(manifest, answers)

    widget = ScanReviewWidget(run_operation=window.run_operation, on_grade=grade)
    index = window.add_workspace(widget, _("Phiếu quét"), "scan")
    window.tabs.setCurrentIndex(index)
    return widget


def open_oral_cards(window):
    from lecturer_app.ui.exam.oral_widget import OralCardsWidget

    context = window.context
    widget = OralCardsWidget(context.store, _output_dir(window) / "phieu_van_dap.pdf",
                             organization=context.workspace.organization())
    index = window.add_workspace(widget, _("Vấn đáp"), "oral")
    window.tabs.setCurrentIndex(index)
    return widget
