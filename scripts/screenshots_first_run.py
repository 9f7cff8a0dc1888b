"""Screenshots for docs/cai-dat.md: the first-run dialog, backups, the data check, the error dialog.

Usage: .venv/bin/python scripts/screenshots_first_run.py [--out docs/images]

Each picture is a 1366×768 screen (offscreen): the main window filling it,
with the dialog centred on top, as a lecturer's laptop shows them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SCREEN = (1366, 768)


def _settle(app, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()


def _save_window(app, window, out: Path, name: str) -> None:
    """The screen holding just the window (cut at the screen's edge)."""
    _settle(app)
    path = out / f"{name}.png"
    window.grab().copy(0, 0, *SCREEN).save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _save_screen(app, window, dialog, out: Path, name: str) -> None:
    """The screen: the window (cut at the screen's edge), the dialog centred with a plain title bar."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtGui import QColor, QPainter, QPen

    _settle(app)
    screen = window.grab().copy(0, 0, *SCREEN)
    picture = dialog.grab()
    bar = 28
    left = (SCREEN[0] - picture.width()) // 2
    top = max(0, (SCREEN[1] - picture.height() - bar) // 2)
    painter = QPainter(screen)
    painter.fillRect(QRect(left - 1, top, picture.width() + 2, bar), QColor("#3b4a5a"))
    painter.setPen(QColor("white"))
    painter.drawText(QRect(left + 10, top, picture.width() - 20, bar), Qt.AlignmentFlag.AlignVCenter,
                     dialog.windowTitle())
    painter.drawPixmap(left, top + bar, picture)
    painter.setPen(QPen(QColor("#3b4a5a"), 1))
    painter.drawRect(QRect(left - 1, top, picture.width() + 1, picture.height() + bar))
    painter.end()
    path = out / f"{name}.png"
    screen.save(str(path))
    print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def _window(data: Path):
    from PySide6.QtCore import QSettings

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window, create_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "qsettings"))
    workspace = open_workspace(data / "Dữ liệu")
    app = create_application()
    window = build_main_window(workspace)
    window.resize(*SCREEN)
    window.show()
    return app, window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--lang", default="vi")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    from lecturer_app.core.resources import resource_path
    from lecturer_app.i18n import setup

    setup(args.lang, resource_path("translations"))
    data = Path(tempfile.mkdtemp(prefix="lecturer-first-run-"))
    app, window = _window(data)
    _settle(app)
    _welcome(app, window, args.out)
    _backups(app, window, args.out)
    _check(app, window, args.out)
    _error(app, window, args.out)
    window.close()
    return 0


def _welcome(app, window, out: Path) -> None:
    from lecturer_app.ui.first_run import show_welcome

    dialog = show_welcome(window)
    _save_screen(app, window, dialog, out, "chao-mung")
    dialog.author.setText("Nguyễn Thị Hoa")
    # Sample data only: the app ships no organisation.
    dialog.org_form.org_name.setText("Trung tâm Chính trị (mẫu)")
    dialog.org_form.org_lines.setPlainText("Đảng ủy xã …\nTrung tâm Chính trị")
    dialog.org_form.org_place.setText("Lai Châu")
    _save_screen(app, window, dialog, out, "chao-mung-da-dien")
    dialog.accept()


def _backups(app, window, out: Path) -> None:
    from datetime import datetime, timedelta

    from lecturer_app.core.backup.create import create_backup
    from lecturer_app.ui.backup import open_backup_dialog
    from lecturer_app.ui.backup.work import root_of

    context = window.context
    now = datetime.now().astimezone()
    for days, kind in ((3, "auto"), (2, "auto"), (1, "manual"), (0, "auto")):
        create_backup(context.workspace.data_dir, root_of(context), kind, now=now - timedelta(days=days))
    dialog = open_backup_dialog(window)
    _save_screen(app, window, dialog, out, "sao-luu")
    dialog.reject()


def _check(app, window, out: Path) -> None:
    from lecturer_app.core.store.integrity import MISSING_BLOB, CheckReport
    from lecturer_app.i18n import _
    from lecturer_app.ui.backup.check import show_check_result

    sha = "0" * 64
    # The finding as the check words it in the interface's language (a fixed Vietnamese line showed in English).
    report = CheckReport(problems=[_(MISSING_BLOB).format(sha=sha)], revisions=2411, records=1388, blobs=12)
    dialog = show_check_result(report, window, lambda hashes, parent: None)
    _save_screen(app, window, dialog, out, "kiem-tra-du-lieu")
    dialog.reject()


def _error(app, window, out: Path) -> None:
    import logging

    from lecturer_app.ui.error_report.handler import ErrorHandler

    logging.disable(logging.CRITICAL)  # the example error is not news for the terminal
    handler = ErrorHandler(window, window.context.workspace.data_dir / "logs" / "lecturer_app.log")
    try:
        raise RuntimeError("ví dụ lỗi")
    except RuntimeError as exc:
        handler.excepthook(type(exc), exc, exc.__traceback__)
    handler.dialog.adjustSize()
    _save_screen(app, window, handler.dialog, out, "loi-khong-mong-doi")
    handler.dialog.reject()


if __name__ == "__main__":
    raise SystemExit(main())
