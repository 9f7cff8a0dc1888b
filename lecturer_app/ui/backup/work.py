"""The worker-thread side of the backup GUI: plain functions of (context, report), no widgets."""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.backup.create import create_backup
from lecturer_app.core.backup.location import backup_root
from lecturer_app.core.backup.recover import recover_blobs
from lecturer_app.core.backup.restore import restore_in_place, restore_to_folder
from lecturer_app.core.backup.verify import verify_backup
from lecturer_app.core.store.integrity import check_workspace
from lecturer_app.ui.context import AppContext


def root_of(context: AppContext) -> Path:
    return backup_root(context.workspace.data_dir, context.settings)


def backup_now(context: AppContext, kind: str, report):
    return create_backup(context.workspace.data_dir, root_of(context), kind, progress=report)


def verify(context: AppContext, backup_id: str, report):
    return verify_backup(root_of(context) / backup_id, progress=report)


def restore_here(context: AppContext, backup_id: str, report):
    return restore_in_place(context.workspace.data_dir, root_of(context), backup_id, progress=report)


def restore_elsewhere(context: AppContext, backup_id: str, target: Path, report):
    return restore_to_folder(root_of(context), backup_id, target, progress=report)


def recover(context: AppContext, hashes: list[str], report, awaited: list[str]):
    return recover_blobs(context.workspace.blobs, root_of(context), hashes, progress=report, awaited=awaited)


def check_data(context: AppContext, report):
    """``check`` on a connection of this worker thread (the GUI's store stays on the GUI thread)."""
    with context.worker_store() as store:
        return check_workspace(store, context.workspace.blobs, progress=report)
