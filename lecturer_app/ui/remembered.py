"""What the app remembers between sessions: folders per kind of file, a screen's last choices, open tabs.

Kept in the data folder's settings (``Settings.extra["remembered"]``), so it
travels with the data and a test's data folder starts empty; the window's
size and split, which belong to the screen rather than the data, stay in
QSettings (``MainWindow.save_geometry``).  Every change is written at once,
so a crash loses nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lecturer_app.ui.context import AppContext

KEY = "remembered"


class Remembered:
    """Read and write the remembered values of one data folder."""

    def __init__(self, context: AppContext) -> None:
        self.context = context

    def _all(self) -> dict[str, Any]:
        stored = self.context.settings.extra.get(KEY)
        if not isinstance(stored, dict):
            stored = self.context.settings.extra[KEY] = {}
        return stored

    def _write(self, group: str, key: str, value: Any) -> None:
        section = self._all().setdefault(group, {})
        if section.get(key) != value:
            section[key] = value
            self.context.save_settings()

    def folder(self, kind: str, default: Path) -> Path:
        """The folder last used for files of *kind* ("export_pptx", "exam"…), if it still exists."""
        value = self._all().get("folders", {}).get(kind)
        return Path(value) if isinstance(value, str) and Path(value).is_dir() else default

    def remember_folder(self, kind: str, folder: Path) -> None:
        self._write("folders", kind, str(folder))

    def values(self, screen: str) -> dict[str, Any]:
        """The last choices made on *screen* (a copy; empty the first time)."""
        stored = self._all().get("screens", {}).get(screen)
        return dict(stored) if isinstance(stored, dict) else {}

    def remember_values(self, screen: str, values: dict[str, Any]) -> None:
        self._write("screens", screen, dict(values))

    def open_tabs(self) -> list[dict[str, str]]:
        """The work tabs open when the app last ran, in order: ``{"topic": id}`` or ``{"workspace": kind}``.

        Data written before tabs other than topics came back holds only ``open_topics``.
        """
        window = self._all().get("window", {})
        stored = window.get("tabs", {}).get("open") if isinstance(window.get("tabs"), dict) else None
        if not isinstance(stored, list):
            legacy = window.get("open_topics")
            stored = [{"topic": v} for v in legacy if isinstance(v, str)] if isinstance(legacy, list) else []
        return [dict(entry) for entry in stored if _is_tab(entry)]

    def front_tab(self) -> dict[str, str] | None:
        """The tab that was in front, if it was one of ``open_tabs()``."""
        window = self._all().get("window", {})
        front = window.get("tabs", {}).get("front") if isinstance(window.get("tabs"), dict) else None
        return dict(front) if isinstance(front, dict) and _is_tab(front) else None

    def open_topics(self) -> list[str]:
        return [tab["topic"] for tab in self.open_tabs() if "topic" in tab]

    def remember_open_tabs(self, tabs: list[dict[str, str]], front: dict[str, str] | None = None) -> None:
        self._write("window", "tabs", {"open": [dict(tab) for tab in tabs], "front": front})


def _is_tab(entry: Any) -> bool:
    return isinstance(entry, dict) and len(entry) == 1 and next(iter(entry)) in ("topic", "workspace") \
        and isinstance(next(iter(entry.values())), str)
