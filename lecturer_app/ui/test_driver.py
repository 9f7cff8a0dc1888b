"""Drives a real app process for the kill -9 test (``LECTURER_APP_TEST_DRIVER``).

The environment variable holds JSON: ``{"topic": "AB-01", "text": "…"}``.  The
driver opens the topic's written plan, types the text into the first section
the way a keyboard would (one key event per character, so Vietnamese letters
arrive as an input method delivers them), and prints ``TYPED <ms>`` when done
and ``AUTOSAVED <ms>`` (milliseconds since the last keystroke) when the
autosave wrote it.  Nothing here runs unless the variable is set.
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
