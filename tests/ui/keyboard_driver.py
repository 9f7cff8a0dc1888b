"""Drives a real app process for the kill -9 test, and types for widget tests.

Run as a script, ``keyboard_driver.py DATA_DIR SPEC`` starts the desktop app
on DATA_DIR the way ``lecturer-app gui`` does, then follows SPEC, JSON such as
``{"topic": "AB-01", "text": "…"}``: the driver opens the topic's written plan, types the text into the first section
the way a keyboard would (one key event per character, so Vietnamese letters
arrive as an input method delivers them), and prints ``TYPED <ms>`` when done
and ``AUTOSAVED <ms>`` (milliseconds since the last keystroke) when the
autosave wrote it.  It lives with the tests so that the product carries no
test hooks.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Send one key press and release per character of *text* to *widget*."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def start_driver(window, spec: str) -> None:
    """Open the topic named in *spec*, type, and report to stdout."""
    data = json.loads(spec)
    topic = window.context.bank.require_topic(data["topic"])
    page = window.open_topic(topic.id)
    page.show_tab("plan")
    editor = page.plan_editor
    editor.show_section(editor.sections[0].id)
    editor.text_edit.moveCursor(editor.text_edit.textCursor().MoveOperation.End)
    type_text(editor.text_edit, data["text"])
    typed_at = time.monotonic()
    _say(f"TYPED {len(data['text'])}")
    editor.autosaver.saved.connect(lambda _n: _say(f"AUTOSAVED {int((time.monotonic() - typed_at) * 1000)}"))


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> int:
    """Start the app on the data folder *argv[0]* and drive it by the spec *argv[1]*."""
    from pathlib import Path

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import create_application, show_main_window

    workspace = open_workspace(Path(argv[0]))
    app = create_application()
    window = show_main_window(workspace)
    start_driver(window, argv[1])
    code = app.exec()
    workspace.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
