"""The shipped icon set: every icon the GUI names exists, draws, and the set has its licence."""

from __future__ import annotations

import re
from pathlib import Path

from lecturer_app.core.resources import resource_path
from lecturer_app.ui.widgets.icons import icon

UI = Path(__file__).resolve().parents[2] / "lecturer_app" / "ui"


def test_every_icon_named_in_the_gui_draws(qapp):
    names = set()
    for path in UI.rglob("*.py"):
        names.update(re.findall(r'icon\("([a-z-]+)"\)', path.read_text(encoding="utf-8")))
        names.update(re.findall(r'\), "([a-z-]+)", (?:self|lambda)', path.read_text(encoding="utf-8")))
    assert {"add", "remove", "up", "down", "save", "undo", "redo", "magic"} <= names
    for name in names:
        assert resource_path("icons", f"{name}.svg").is_file(), name
        pixmap = icon(name).pixmap(24, 24)
        assert not pixmap.isNull(), name


def test_the_icon_set_has_a_licence():
    assert "CC0" in resource_path("icons", "LICENSE.md").read_text(encoding="utf-8")
