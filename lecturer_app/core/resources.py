"""The one place that knows where shipped files live (house style R12).

``resources/`` (fonts, templates, icons, translations) and ``lesson_bank/``
sit at the top of a source checkout, under ``lecturer_app/_shipped/`` in an
installed wheel, and under the bundle folder of a PyInstaller build.  Nothing
else builds paths to them from ``__file__``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

Shipped = Literal["resources", "lesson_bank"]

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _roots() -> list[Path]:
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        roots.append(Path(frozen))
    roots.append(_PACKAGE_DIR / "_shipped")
    roots.append(_PACKAGE_DIR.parent)
    return roots


def shipped_path(folder: Shipped, *parts: str) -> Path:
    """Path of *parts* inside the shipped *folder*.

    Raises FileNotFoundError naming every place looked in when the folder is
    missing, which only happens in a broken installation.
    """
    tried = []
    for root in _roots():
        base = root / folder
        if base.is_dir():
            return base.joinpath(*parts)
        tried.append(str(base))
    raise FileNotFoundError(f"không tìm thấy thư mục {folder}/ (đã tìm ở: {', '.join(tried)})")


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/``."""
    return shipped_path("resources", *parts)


def bank_path(*parts: str) -> Path:
    """Path of a file under ``lesson_bank/``."""
    return shipped_path("lesson_bank", *parts)
