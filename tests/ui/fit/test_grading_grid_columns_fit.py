"""The grid of «Chấm điểm» shows every column, «Ghi chú» last, on a laptop screen, without scrolling sideways.

The window gets what a taskbar and a title bar leave of a 1280×720 or a 1366×768
screen, in Vietnamese and in English.  The exam has two essays and an oral part,
the class forty learners (the grid scrolls down: its scroll bar takes room too),
and a learner's row has a long note (a row with cells missing, an essay mark
out of range): the note column still starts inside the table, is wide enough
to read, and the whole note is in the cell's tooltip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fit_screens import open_screen, settle
from PySide6.QtCore import Qt

from tests.exam import exam_bank_data

SCREENS = {"1280x720": (1280, 650), "1366x768": (1366, 698)}
CLASS = [f"{family} {middle} {given}" for family, middle, given in zip(
    ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ") * 3,
    ("Thị", "Văn", "Thị Thu", "Văn", "Thị Ngọc", "Đức", "Thị", "Minh") * 5,
    ("Hương", "Bình", "Trang", "Dũng", "Ánh", "Thắng", "Phượng", "Khoa", "Nguyệt", "Quang", "Loan", "Tuấn") * 3,
    strict=False)][:36]
READABLE = 140  # pixels: some twenty letters a line, the note wrapping over as many lines as it needs


@pytest.fixture(scope="module")
def exam_dir(tmp_path_factory) -> Path:
    from lecturer_app.core.workspace import open_workspace

    folder = tmp_path_factory.mktemp("grading")
    workspace = open_workspace(folder / "data")
    try:
        exam_bank_data.build_small_exam(workspace.store, folder / "de", versions=2, seed=5, essays=2)
    finally:
        workspace.close()
    return folder / "de"


@pytest.fixture(scope="module")
def answers(exam_dir) -> Path:
    from openpyxl import Workbook

    from lecturer_app.exam.manifest import read_manifest

    manifest = read_manifest(exam_dir)
    code = sorted(manifest.versions)[0]
    keys = [item.key for item in manifest.versions[code].items]
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, len(keys) + 1), "TL1", "TL2", "Vấn đáp"])
    workbook.active.append(["Nguyễn Thị Thanh Hương", "000231", code, *keys, "1,5", "2", "8"])
    workbook.active.append(["Trần Văn Bình", "000232", code, *keys, "99", "", "7,5"])
    workbook.active.append(["Lê Thị Ánh", "000233", code, *keys[:3]])  # a short row: the cells missing are noted
    workbook.active.append(["Vũ Thị Giang", "000234", code, *keys, "2", "2", "9"])  # all on one line
    # The rest of a class of forty: the grid scrolls down, and its vertical scroll bar takes its width.
    for number, name in enumerate(CLASS, start=235):
        workbook.active.append([name, f"{number:06d}", code, *keys, "1,75", "2", "8,5"])
    path = exam_dir.parent / "bai_lam.xlsx"
    workbook.save(path)
    return path


@pytest.mark.parametrize("screen", SCREENS)
def test_every_grading_column_is_inside_the_grid_and_the_notes_are_readable(qtbot, shipped_data, exam_dir, answers,
                                                                           language, screen):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window

    workspace = open_workspace(shipped_data)
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.resize(*SCREENS[screen])
    window.show()
    qtbot.waitExposed(window)
    window.browser.tree.expandAll()  # long topic titles widen the tree beside the grid, as in the screenshots
    settle()
    try:
        grading = open_screen(window, "grading")
        grading.load(exam_dir, answers)
        settle(10)
        view, model = grading.scores_view, grading.model
        header = view.horizontalHeader()
        visible = view.viewport().width()
        right_edges = {model.headers[c]: header.sectionViewportPosition(c) + header.sectionSize(c)
                       for c in range(header.count())}
        assert {name: edge for name, edge in right_edges.items() if edge > visible} == {}
        assert view.horizontalScrollBar().maximum() == 0
        assert view.verticalScrollBar().isVisible()  # a class of forty: the room the bar takes is counted
        # The grid gets no more than its share of the window: a summary line that did not wrap made the screen
        # wider than that, squeezing the topic tree to 363 pixels in English, and hid this very overflow here.
        assert window.splitter.sizes()[0] >= 480
        notes = model.headers.index("Ghi chú")
        assert header.sectionSize(notes) >= READABLE
        long_note = max((model.index(r, notes) for r in range(model.rowCount())),
                        key=lambda index: len(model.data(index)))
        assert view.fontMetrics().horizontalAdvance(model.data(long_note)) > header.sectionSize(notes)
        assert model.data(long_note, Qt.ItemDataRole.ToolTipRole) == model.data(long_note)
        # Too long for the column, the note wraps: its row grows to the lines it needs.
        assert view.rowHeight(long_note.row()) >= 2 * view.fontMetrics().lineSpacing()
        # A row without notes is as high as its name's lines: one, or two where the grid, short of room (1280
        # pixels in English), narrowed the name column to its longest word.
        plain = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "Vũ Thị Giang")
        metrics, one_line = view.fontMetrics(), view.verticalHeader().defaultSectionSize()
        lines = 1 if metrics.horizontalAdvance("Vũ Thị Giang") + 4 <= header.sectionSize(0) else 2
        assert view.rowHeight(plain) == one_line + (lines - 1) * metrics.lineSpacing()
    finally:
        window.operations.wait_all()
        window.close()
        workspace.close()


def test_a_class_of_short_names_and_no_notes_keeps_rows_of_one_line(qtbot, exam_dir, tmp_path):
    """Each name column is as wide as its longest name: that name, measured as the cell lays it out, fits."""
    from openpyxl import Workbook

    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.ui.exam.grading_widget import GradingWidget

    manifest = read_manifest(exam_dir)
    code = sorted(manifest.versions)[0]
    keys = [item.key for item in manifest.versions[code].items]
    workbook = Workbook()
    workbook.active.append(["Họ và tên", "SBD", "Mã đề", *range(1, len(keys) + 1), "TL1", "TL2", "Vấn đáp"])
    for number, name in enumerate(("Nguyễn Văn An", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"), start=1):
        workbook.active.append([name, f"{number:03d}", code, *keys, "2", "2", "9"])
    workbook.save(tmp_path / "lop.xlsx")
    grading = GradingWidget()
    qtbot.addWidget(grading)
    grading.resize(900, 500)
    grading.show()
    grading.load(exam_dir, tmp_path / "lop.xlsx")
    settle(10)
    view = grading.scores_view
    assert {view.rowHeight(r) for r in range(4)} == {view.verticalHeader().defaultSectionSize()}
