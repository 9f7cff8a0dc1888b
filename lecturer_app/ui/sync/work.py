"""The sync work run on a worker thread: each opens its own store and the device on it (never the GUI's store)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lecturer_app.ui.context import AppContext


def run_export(context: AppContext, path: Path, want_path: Path | None, report) -> Any:
    """Write the bundle *path* (only what *want_path*'s replica lacks, when given).

    Returns (ExportReport, this device's fingerprint): the receiver compares the fingerprint before trusting.
    """
    from lecturer_app.sync.bundle_export import export_bundle
    from lecturer_app.sync.device import open_device
    from lecturer_app.sync.want import read_want

    want = read_want(want_path) if want_path is not None else None
    with context.worker_store() as store:
        device = open_device(context.workspace.data_dir, store)
        # report raises OperationCancelled after Hủy; export_bundle then removes its temporary file.
        result = export_bundle(device, context.workspace.blobs, path, want=want,
                               progress=lambda done, total: report(done, total))
        return result, device.key.fingerprint


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
