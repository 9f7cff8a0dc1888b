"""The window's first paint stays within 2× a bare PySide6 window's (issue #16): no Qt enum before it.

Naming anything in PySide's ``Qt`` namespace builds all of its enum classes
(~16 ms of CPU); the modules and widgets of the first paint use the plain
values of ``ui/widgets/qt_values.py`` instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from lecturer_app.ui.widgets import qt_values

# Started in a fresh process: this one has long built Qt's enums.  Prints whether Qt's namespace enums
# (ItemDataRole among them) were built before the window was first painted, then after its startup steps.
FIRST_PAINT = """
import enum, sys
from pathlib import Path
built = []
create = enum.EnumType.__new__
def recording(metacls, name, *args, **kwargs):
    made = create(metacls, name, *args, **kwargs)
    built.append(name)
    return made
enum.EnumType.__new__ = recording
from lecturer_app.core.workspace import open_workspace
from lecturer_app.ui.app import create_application, show_main_window
app = create_application()
window = show_main_window(open_workspace(Path(sys.argv[1]), import_shipped_bank=False), features=())
while not window.painted:
    app.processEvents()
assert window.browser.tree_model.rowCount() > 0
print("ItemDataRole" in built)
while not window.startup_done:
    app.processEvents()
print("ItemDataRole" in built)
"""


def test_the_window_is_painted_before_any_of_qts_enums_is_built(workspace):
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
           "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(workspace.data_dir)], env=env, cwd=root,
                          capture_output=True, text=True, timeout=120, check=True)
    before_paint, after_startup = done.stdout.splitlines()[-2:]
    assert before_paint == "False"
    assert after_startup == "True"  # the check can see them: the menus' shortcuts build them after the paint


def test_the_plain_values_are_qts():
    from PySide6.QtCore import Qt

    assert (qt_values.DISPLAY_ROLE, qt_values.DECORATION_ROLE, qt_values.TOOL_TIP_ROLE, qt_values.FONT_ROLE,
            qt_values.FOREGROUND_ROLE, qt_values.ACCESSIBLE_TEXT_ROLE, qt_values.USER_ROLE) == (
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.UserRole)
    assert qt_values.TEXT_WORD_WRAP == Qt.TextFlag.TextWordWrap.value
    assert qt_values.ELIDE_NONE == Qt.TextElideMode.ElideNone.value


def test_the_bank_tree_is_titled_and_never_elides(qtbot, window):
    from PySide6.QtCore import Qt

    header, tree = window.browser.tree.header(), window.browser.tree
    titles = [header.model().headerData(column, Qt.Orientation.Horizontal) for column in range(header.count())]
    assert titles == ["Chương trình / Phần / Chuyên đề", "Số tiết", "Tình trạng"]
    assert header.count() == window.browser.tree_model.columnCount()
    assert tree.textElideMode() == Qt.TextElideMode.ElideNone
