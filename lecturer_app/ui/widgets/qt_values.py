"""Values from PySide's ``Qt`` namespace that the window uses before its first paint, as plain ints.

Naming anything in ``Qt`` (``Qt.ItemDataRole.DisplayRole``, or ``from PySide6.QtCore import Qt``) makes
PySide build every one of its 93 enum classes at once: ~16 ms of CPU, 8 % of the app's whole start,
which must paint its window within 2× a bare PySide6 window's time (issue #16).  So the modules loaded
before that paint use these values (fixed by Qt's ABI; tests/ui/test_first_paint.py checks each against
its enum) and import ``Qt`` inside the functions that run later.  A view's enum-typed setting is set
through its Qt property (``view.setProperty("textElideMode", ELIDE_NONE)``), which takes the int.
"""

from __future__ import annotations

DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
DECORATION_ROLE = 1  # Qt.ItemDataRole.DecorationRole
TOOL_TIP_ROLE = 3  # Qt.ItemDataRole.ToolTipRole
FONT_ROLE = 6  # Qt.ItemDataRole.FontRole
FOREGROUND_ROLE = 9  # Qt.ItemDataRole.ForegroundRole
ACCESSIBLE_TEXT_ROLE = 11  # Qt.ItemDataRole.AccessibleTextRole
USER_ROLE = 256  # Qt.ItemDataRole.UserRole
TEXT_WORD_WRAP = 0x1000  # Qt.TextFlag.TextWordWrap
ELIDE_NONE = 3  # Qt.TextElideMode.ElideNone
