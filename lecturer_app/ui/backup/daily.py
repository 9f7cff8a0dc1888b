"""The automatic backup at the first start of each day, in the background."""

from __future__ import annotations

import logging

from lecturer_app.core.backup.create import backup_due
from lecturer_app.core.errors import error_reason
from lecturer_app.i18n import _, ngettext
from lecturer_app.ui.backup import work

log = logging.getLogger(__name__)


def start_daily_backup(window):
    """Back up once a day when the settings allow; returns the operation, or None when not due.

    A failure (a USB stick chosen as the backup folder is not plugged in)
    is said in the status bar, not in a box at every start.
    """
    context = window.context
    if not context.settings.auto_backup or not backup_due(work.root_of(context)):
        return None

    def failed(exc: BaseException) -> None:
        log.warning("daily backup failed: %s", exc)
        window.statusBar().showMessage(_("Không sao lưu tự động được: {reason} (xem Công cụ › Sao lưu và "
                                         "khôi phục).").format(reason=error_reason(exc)), 15000)

    def done(info) -> None:
        window.statusBar().showMessage(
            ngettext("Đã sao lưu tự động ({records} bản ghi).", info.records).format(records=info.records), 5000)

    return window.operations.run(_("Sao lưu tự động"), lambda report: work.backup_now(context, "auto", report),
                                 done, failed)
