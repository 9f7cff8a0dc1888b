"""Icons from ``resources/icons`` (the project's own SVG set, see its LICENSE)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from lecturer_app.core.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; an empty icon when it does not exist."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.is_file() else QIcon()


def app_icon() -> QIcon:
    return icon("app")
