"""Errors a user sees: each names the file and the place in it."""

from __future__ import annotations

from pathlib import Path


class UserFacingError(Exception):
    """An error with a message fit to show a user (Vietnamese by default)."""


class InputFileError(UserFacingError):
    """A file could not be read: says which file, and where in it."""

    def __init__(self, path: Path | str, where: str, reason: str) -> None:
        self.path = Path(path)
        self.where = where
        self.reason = reason
        place = f" ({where})" if where else ""
        super().__init__(f"{self.path}{place}: {reason}")
