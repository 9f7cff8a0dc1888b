"""User settings: one typed, versioned schema stored as JSON (house style R6).

Window geometry is not here: the GUI keeps it in QSettings.  Each schema
change bumps ``SCHEMA_VERSION`` and registers a migrator from the old version.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lecturer_app.core.errors import InputFileError
from lecturer_app.core.json_reading import read_json_file
from lecturer_app.core.safe_write import write_text
from lecturer_app.i18n import N_, _

SCHEMA_VERSION = 1
LANGUAGES = ("vi", "en")
BROKEN = N_("tệp cài đặt bị hỏng: {error}")

Migrator = Callable[[dict[str, Any]], dict[str, Any]]
_MIGRATORS: dict[int, Migrator] = {}


def migrator(from_version: int) -> Callable[[Migrator], Migrator]:
    """Register a function that upgrades settings data from *from_version* to the next."""

    def register(func: Migrator) -> Migrator:
        _MIGRATORS[from_version] = func
        return func

    return register


@dataclass
class Settings:
    """Attributes:
        author_name: người soạn, written into new revisions and documents.
        organization_id: the organisation whose header documents carry.
        language: UI language, "vi" (default) or "en".
        export_dir: default folder for exports ("" = the user's documents folder).
        backup_dir: folder for the automatic backups ("" = ``backups/`` in the data folder).
        auto_backup: make a backup at the first start of each day.
        welcome_done: the first-run dialog was shown (finished or skipped).
    """

    schema_version: int = SCHEMA_VERSION
    author_name: str = ""
    organization_id: str = ""
    language: str = "vi"
    export_dir: str = ""
    backup_dir: str = ""
    auto_backup: bool = True
    welcome_done: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        extra = data.pop("extra")
        return {**extra, **data}


def load_settings(path: Path) -> Settings:
    """Read settings; a missing file gives defaults, a broken one (not plain JSON, not an object, a value of the
    wrong type) a clear error naming it, before anything is changed."""
    if not path.is_file():
        return Settings()
    try:
        data = read_json_file(path)  # refuses JSON nested or numbered to harm, naming the file and the place
    except InputFileError as exc:
        raise InputFileError(path, exc.where, _(BROKEN).format(error=exc.reason)) from exc
    try:
        if not isinstance(data, dict):
            raise ValueError(_("không phải một đối tượng JSON"))
        version = data.get("schema_version", 1)
        # A newer version's file (the app reinstalled older) is read for what this version knows, as before.
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError(f"schema_version = {str(version)[:40]}")
        while version < SCHEMA_VERSION:
            data = _MIGRATORS[version](data)
            version += 1
            data["schema_version"] = version
        return _settings_of(data)
    except ValueError as exc:
        raise InputFileError(path, "", _(BROKEN).format(error=str(exc)[:200])) from exc


def _settings_of(data: dict[str, Any]) -> Settings:
    """The settings *data* holds, each known value of its field's type (a wrong one raises ValueError)."""
    defaults = Settings()
    known = {f.name for f in dataclasses.fields(Settings)} - {"extra"}
    values = {k: v for k, v in data.items() if k in known}
    for name, value in values.items():
        if type(value) is not type(getattr(defaults, name)):
            raise ValueError(f"{name} = {str(value)[:40]}")
    if values.get("language") not in LANGUAGES:
        values["language"] = "vi"
    return Settings(**values, extra={k: v for k, v in data.items() if k not in known})


def save_settings(settings: Settings, path: Path) -> None:
    """Write atomically and durably: a temp file in the same folder, synced, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(settings.to_json(), ensure_ascii=False, indent=2), durable=True)
