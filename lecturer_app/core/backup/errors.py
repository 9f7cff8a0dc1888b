"""The errors a backup or a restore reports to the user."""

from __future__ import annotations

from lecturer_app.core.errors import UserFacingError


class BackupError(UserFacingError):
    """A backup could not be made, found or restored; the message says which and why."""
