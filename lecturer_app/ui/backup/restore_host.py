"""What the main window does around a restore into place: save and close the editors, then reload."""

from __future__ import annotations

from lecturer_app.core.settings import load_settings


class WindowRestoreHost:
    """Adapts the main window to the two steps ``BackupDialog`` needs."""

    def __init__(self, window) -> None:
        self.window = window

    def before_restore(self) -> bool:
        """Write pending edits and close the topic pages (they show data about to be replaced)."""
        for page in self.window.topic_pages():
            page.flush()
            self.window.tabs.removeTab(self.window.tabs.indexOf(page))
            page.deleteLater()
        return True

    def after_restore(self, report=None) -> None:
        """Read the restored settings into the running app and refresh every view of the bank.

        *report* is the ``RestoreReport`` (None when the restore failed): the
        store mints under the restored database's new replica id from now on.
        """
        context = self.window.context
        if report is not None and report.replica_id:
            context.store.device = report.replica_id
        restored = load_settings(context.workspace.settings_path)
        for name, value in vars(restored).items():
            setattr(context.settings, name, value)
        context.workspace.store.author = context.settings.author_name
        changes = getattr(self.window, "changes", None)
        if changes is not None:
            changes.replaced()  # the data was swapped: every view reloads
        else:
            self.window.bank_changed.emit()
