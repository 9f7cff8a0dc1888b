"""Where backups go: the folder chosen in the settings, else ``backups/`` in the data folder."""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.settings import Settings

DEFAULT_FOLDER = "backups"


def backup_root(data_dir: Path, settings: Settings) -> Path:
    """The backup folder for *data_dir*: ``settings.backup_dir`` (another disk, a USB stick) or the default.

    The default is on the same disk as the data: it guards against a bad
    click or a damaged database, not against a dead disk; the user guide
    says so and shows how to choose another folder.
    """
    if settings.backup_dir:
        return Path(settings.backup_dir).expanduser()
    return data_dir / DEFAULT_FOLDER
