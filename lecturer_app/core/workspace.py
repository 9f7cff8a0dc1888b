"""A user's data folder opened: database, blobs, settings and the store.

Built by the entry points (CLI, GUI) and handed to whatever needs it; there is
no global instance.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lecturer_app.core.model import Organization
from lecturer_app.core.resources import bank_path
from lecturer_app.core.settings import Settings, load_settings
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import Database, open_database
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.replica import ReplicaCheck, ensure_replica

if TYPE_CHECKING:  # the bank importer is loaded on the first start only
    from lecturer_app.core.bank.shipped_import import BankImportReport, Progress

DB_NAME = "lecturer_app.sqlite3"


@dataclass
class Workspace:
    """An opened data folder: its database, record store, blobs and settings."""

    data_dir: Path
    db: Database
    store: Store
    blobs: BlobStore
    settings: Settings
    first_run_report: BankImportReport | None = None
    # Set when this start imported a new version of the shipped bank (core/bank/bank_upgrade.py).
    bank_update_report: BankImportReport | None = None
    replica: ReplicaCheck | None = None

    @property
    def settings_path(self) -> Path:
        return self.data_dir / "settings.json"

    def organization(self) -> Organization | None:
        """The organisation chosen in the settings, if it still exists (its header goes on documents)."""
        org_id = self.settings.organization_id
        return self.store.get(Organization, org_id) if org_id else None

    def close(self) -> None:
        self.db.close()


def open_workspace(data_dir: Path, *, import_shipped_bank: bool = True,
                   progress: Progress | None = None) -> Workspace:
    """Open the data folder, creating it and importing the shipped bank on first start."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = load_settings(data_dir / "settings.json")
    db = open_database(data_dir / DB_NAME)
    # Before the store reads its replica id: a copied data folder must not mint under the original's.
    replica = ensure_replica(db, data_dir)
    store = Store(db, author=settings.author_name)
    workspace = Workspace(data_dir, db, store, BlobStore(data_dir / "blobs"), settings, replica=replica)
    if import_shipped_bank and not _bank_imported(db):
        # Checked again under the write lock: of two first starts at once, the second waits for the
        # first's import, then finds the bank there (and no first-run report of its own).
        with store.transaction():
            if not _bank_imported(db):
                from lecturer_app.core.bank.shipped_import import import_bank

                workspace.first_run_report = import_bank(store, bank_path(), progress)
    elif import_shipped_bank and _new_shipped_version(db):
        with store.transaction():  # the same re-check under the lock as above, for two starts after an update
            if _new_shipped_version(db):
                from lecturer_app.core.bank.shipped_import import import_bank

                workspace.bank_update_report = import_bank(store, bank_path(), progress)
    return workspace


def _bank_imported(db: Database) -> bool:
    return db.execute("SELECT 1 FROM bank_imports LIMIT 1").fetchone() is not None


def _new_shipped_version(db: Database) -> bool:
    """True when the app ships a bank version this data folder has not imported (an app update)."""
    from lecturer_app.core.bank.bank_info import read_bank_info

    bank = read_bank_info(bank_path())
    versions = {row[0] for row in db.execute("SELECT version FROM bank_imports WHERE bank_id = ?", [bank.id])}
    return bool(versions) and bank.version not in versions
