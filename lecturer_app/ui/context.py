"""What every part of the GUI is handed: the workspace, the bank and the settings.

There is one ``AppContext`` per main window, built by the composition root
(``ui/app.py``); nothing reaches for a global.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.settings import Settings, save_settings
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.workspace import DB_NAME, Workspace


@dataclass
class AppContext:
    """The services of one open data folder.

    Attributes:
        workspace: the open data folder (database, blobs, settings path).
        bank: named read queries over ``workspace.store``; GUI thread only.
        settings: the user settings (saved with :meth:`save_settings`).
    """

    workspace: Workspace
    bank: LessonBank
    settings: Settings

    @classmethod
    def for_workspace(cls, workspace: Workspace) -> AppContext:
        return cls(workspace, LessonBank(workspace.store), workspace.settings)

    @property
    def store(self) -> Store:
        """The GUI thread's store (never use it from a worker thread)."""
        return self.workspace.store

    def save_settings(self) -> None:
        """Write the settings file and carry the author name into new revisions."""
        save_settings(self.settings, self.workspace.settings_path)
        self.workspace.store.author = self.settings.author_name

    @contextmanager
    def worker_store(self) -> Iterator[Store]:
        """A store on a second connection to the same database file, for a worker thread.

        SQLite in WAL mode lets the GUI thread keep reading while the worker
        writes through this connection; the connection closes on exit.
        """
        db = open_database(self.workspace.data_dir / DB_NAME)
        try:
            yield Store(db, author=self.settings.author_name)
        finally:
            db.close()
