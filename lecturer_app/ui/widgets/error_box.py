"""Errors of a user's action shown in a message box, in Vietnamese, instead of lost in a log.

Background operations show theirs through ``OperationRunner``; a quick
action done on the GUI thread (open a blueprint, write a score sheet, pick
a picture) wraps its work in :func:`errors_shown`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from lecturer_app.core.errors import UserFacingError, os_error_reason
from lecturer_app.core.store.db import DatabaseDamaged, user_error
from lecturer_app.i18n import _
from lecturer_app.ui.widgets.stock_buttons import translate_buttons

log = logging.getLogger(__name__)


def error_message(title: str, exc: BaseException) -> str:
    """The Vietnamese text shown when *title* failed with *exc*."""
    exc = user_error(exc) or exc  # a damaged or busy database says so, and what to do
    if isinstance(exc, UserFacingError):
        return _("Không thực hiện được «{title}».\n\n{reason}").format(title=title, reason=str(exc))
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return _("Không thực hiện được «{title}»: không đọc hoặc ghi được tệp.\n\n{reason}\n\n"
                 "Tệp có thể đang mở trong chương trình khác, hoặc thư mục không cho phép ghi.").format(
            title=title, reason=where + os_error_reason(exc))
    return _("Không thực hiện được «{title}» do một lỗi không lường trước:\n\n{reason}\n\n"
             "Dữ liệu đã lưu không bị ảnh hưởng.").format(title=title, reason=f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """Open (window-modal, not blocking) a warning box for *exc*; returns it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_message(title, exc), QMessageBox.StandardButton.Close,
                      parent)
    translate_buttons(box)
    _offer_repair(box, parent, exc)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def _offer_repair(box: QMessageBox, parent: QWidget | None, exc: BaseException) -> None:
    """On a damaged database, a button that opens the check and its repairs (rebuild the search index…)."""
    window = parent.window() if parent is not None else None
    if not isinstance(user_error(exc) or exc, DatabaseDamaged) or not hasattr(window, "context"):
        return
    from lecturer_app.ui.repair_dialog import open_repair_dialog

    button = box.addButton(_("Kiểm tra và sửa dữ liệu…"), QMessageBox.ButtonRole.ActionRole)
    button.clicked.connect(lambda: open_repair_dialog(window))


@contextmanager
def errors_shown(parent: QWidget, title: str) -> Iterator[None]:
    """Run the block; if it fails, say so in a box (and log what was not expected)."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - a slot's failure must reach the user, not vanish
        if not isinstance(exc, (UserFacingError, OSError)):
            log.exception("%s failed", title)
        show_error(parent, title, exc)
