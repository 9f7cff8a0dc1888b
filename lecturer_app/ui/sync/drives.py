"""Bundles (.lbb) on removable drives, offered by the import dialog so a lecturer need not browse for the stick."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterable
from pathlib import Path

# How deep below a stick's root bundles are looked for: the root and one folder ("DongBo/…").
_DEPTH = 2


def removable_roots() -> list[Path]:
    """The mount points of removable drives on this machine (an empty list when none or unknown)."""
    if sys.platform == "win32":
        return _windows_removable()
    user = _user()
    roots: list[Path] = []
    for base in (Path("/media") / user, Path("/run/media") / user, Path("/Volumes")):
        roots.extend(_children(base))
    return roots


def bundles_on(roots: Iterable[Path]) -> list[Path]:
    """The .lbb files at the root of each of *roots* or one folder below, sorted newest first."""
    found: list[Path] = []
    for root in roots:
        found.extend(_bundles_under(root, _DEPTH))
    return sorted(found, key=_mtime, reverse=True)


def removable_bundles() -> list[Path]:
    return bundles_on(removable_roots())


def _bundles_under(folder: Path, depth: int) -> list[Path]:
    found = []
    for child in _children(folder):
        if child.suffix.lower() == ".lbb" and child.is_file():
            found.append(child)
        elif depth > 1 and child.is_dir() and not child.name.startswith("."):
            found.extend(_bundles_under(child, depth - 1))
    return found


def _children(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:  # absent, unmounted while we looked, or not readable: no bundles there
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment (a service account): no per-user mounts
        return os.environ.get("USER", "")


def _windows_removable() -> list[Path]:
    import ctypes

    removable = 2  # DRIVE_REMOVABLE
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    mask = kernel.GetLogicalDrives()
    roots = []
    for index in range(26):
        if mask & (1 << index):
            root = f"{chr(ord('A') + index)}:\\"
            if kernel.GetDriveTypeW(root) == removable:
                roots.append(Path(root))
    return roots
