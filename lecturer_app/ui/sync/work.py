"""The sync work run on a worker thread: each opens its own store and the device on it (never the GUI's store)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lecturer_app.ui.context import AppContext


def run_export(context: AppContext, path: Path, want_path: Path | None, report) -> Any:
    """Write the bundle *path* (only what *want_path*'s replica lacks, when given).

    Returns (ExportReport, this device's fingerprint, the bank's revision count when a want file was used, else
    None): the receiver compares the fingerprint before trusting; the count shows how much the want file saved.
    The want file is read by the CLI's reader, so a damaged, foreign or own one fails with the CLI's message.
    """
    from lecturer_app.sync.bundle_export import export_bundle
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.digest import revision_count
    from lecturer_app.sync.want import read_want

    with context.worker_store() as store:
        want = read_want(want_path, sender=store.device) if want_path is not None else None
        device = open_device(context.workspace.data_dir, store)
        # report raises OperationCancelled after Hủy; export_bundle then removes its temporary file.
        result = export_bundle(device, context.workspace.blobs, path, want=want,
                               progress=lambda done, total: report(done, total))
        total = revision_count(store.db) if want is not None else None
        return result, device.key.fingerprint, total


def run_want(context: AppContext, path: Path) -> Path:
    """Write this machine's want file *path* (``bundle want``: what it holds, for the sender's next export)."""
    from lecturer_app.sync.trust import write_json
    from lecturer_app.sync.want import make_want

    with context.worker_store() as store:
        write_json(path, make_want(store, context.workspace.blobs))
    return path


def run_import(context: AppContext, path: Path, trust_new: bool, report) -> Any:
    """Import the bundle *path* in one transaction; the ImportReport (raises UntrustedBundle before writing)."""
    from lecturer_app.sync.bundle_import import import_bundle
    from lecturer_app.sync.device import open_device

    with context.worker_store() as store:
        device = open_device(context.workspace.data_dir, store)
        return import_bundle(device, context.workspace.blobs, path, trust_new=trust_new,
                             progress=lambda done, total: report(done, total))


def conflict_count(context: AppContext) -> int:
    """Records in conflict in the GUI thread's store (one indexed COUNT: cheap enough to poll)."""
    from lecturer_app.core.store.conflicts import conflict_count as count

    return count(context.store)
