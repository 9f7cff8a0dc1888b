"""Slide themes: colours, type sizes and decorations read from ``resources/templates/``.

A theme is a folder ``resources/templates/<name>/`` with a ``theme.toml``
(see docs/formats.md).  The layout engine (``core.slide_layout``) reads a
``Theme``; the PPTX exporter and the GUI thumbnails draw the result, so a
theme looks the same in both.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.resources import resource_path

DEFAULT_THEME = "trang_trong"

_COLOR_KEYS = (
    "background", "text", "title", "subtitle", "accent", "footer", "cover_background", "cover_title",
    "cover_text", "message_fill", "message_text",
)
# level_min: no bullet level, however deep, is set smaller (a high-contrast theme keeps its minimum).
_SIZE_DEFAULTS = {"title": 36.0, "title_min": 26.0, "body": 28.0, "body_min": 18.0, "cover_title": 44.0,
                  "level_min": 12.0}


@dataclass(frozen=True)
class Rect:
    """A filled rectangle in points on the 960×540 slide; ``color`` is ``RRGGBB``."""

    x: float
    y: float
    w: float
    h: float
    color: str


@dataclass(frozen=True)
class Theme:
    """Everything the layout engine needs to know about a theme.

    Attributes:
        name: folder name, e.g. ``trang_trong``.
        label: the Vietnamese name shown to the user.
        font: the font family the PPTX names (text is measured with its
            metric twin, Liberation Sans for Arial).
        colors: ``RRGGBB`` by role (see ``_COLOR_KEYS``).
        sizes: type sizes in points by role.
        content_decor: rectangles behind content slides.
        cover_decor: rectangles behind title and section slides.
    """

    name: str
    label: str
    font: str = "Arial"
    colors: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, float] = field(default_factory=dict)
    content_decor: tuple[Rect, ...] = ()
    cover_decor: tuple[Rect, ...] = ()

    def color(self, role: str) -> str:
        return self.colors[role]

    def size(self, role: str) -> float:
        return self.sizes[role]


def themes_dir() -> Path:
    return resource_path("templates")


def theme_names() -> list[str]:
    """Names of the shipped themes, the default first."""
    folder = themes_dir()
    names = sorted(p.name for p in folder.iterdir() if (p / "theme.toml").is_file()) if folder.is_dir() else []
    if DEFAULT_THEME in names:
        names.remove(DEFAULT_THEME)
        names.insert(0, DEFAULT_THEME)
    return names


def load_theme(name: str = "") -> Theme:
    """Read theme *name* (empty means the default).

    Raises:
        InputFileError: the theme does not exist or its file is malformed.
    """
    name = name or DEFAULT_THEME
    path = themes_dir() / name / "theme.toml"
    if "/" in name or "\\" in name or not path.is_file():
        raise InputFileError(path, "", f"không có mẫu trình chiếu '{name}' (có: {', '.join(theme_names())})")
    try:
        return _read_theme(name, path, path.stat().st_mtime_ns)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise InputFileError(path, "", f"mẫu trình chiếu không hợp lệ: {exc}") from exc


@lru_cache(maxsize=32)
def _read_theme(name: str, path: Path, mtime_ns: int) -> Theme:
    # Every opened deck editor lists all themes; parsing their TOML each time cost ~4 ms per topic.
    # Keyed by the file's modification time, so an edited theme file is read again.
    return _theme_from_data(name, tomllib.loads(path.read_text(encoding="utf-8")))


def _theme_from_data(name: str, data: dict) -> Theme:
    colors = {key: _hex(data["colors"][key]) for key in _COLOR_KEYS}
    sizes = {**_SIZE_DEFAULTS, **{k: float(v) for k, v in data.get("sizes", {}).items()}}
    return Theme(
        name=name, label=str(data.get("label", name)), font=str(data.get("font", "Arial")),
        colors=colors, sizes=sizes,
        content_decor=tuple(_rect(item) for item in data.get("content_decor", [])),
        cover_decor=tuple(_rect(item) for item in data.get("cover_decor", [])),
    )


def _rect(item: dict) -> Rect:
    x, y, w, h = (float(v) for v in item["box"])
    return Rect(x, y, w, h, _hex(item["color"]))


def _hex(value: str) -> str:
    text = str(value).lstrip("#").upper()
    if len(text) != 6 or any(c not in "0123456789ABCDEF" for c in text):
        raise ValueError(f"màu không hợp lệ: {value!r}")
    return text
