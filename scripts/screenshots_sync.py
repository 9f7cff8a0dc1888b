"""Screenshots for the user guide's «Đồng bộ bằng USB»: the bundle dialogs, the trust question, the conflicts.

Usage: .venv/bin/python scripts/screenshots_sync.py [--out docs/screenshots]

Two fresh data folders on the shipped bank (A, and B a copy of it) rename the
same topic differently and edit different plan sections; B's bundle is
imported into A, which makes the conflict shown.  Each picture is a
1366×768 screen (offscreen), as in ``screenshots_first_run.py``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots_first_run import SCREEN, _save_screen, _save_window, _settle  # noqa: E402


def _edit(folder: Path, title: str, section_index: int, line: str) -> None:
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(folder)
    bank = LessonBank(workspace.store)
    topic = next(t for t in bank.topics() if bank.plan(t.id) and len(bank.sections(bank.plan(t.id).id)) >= 3)
    section = bank.sections(bank.plan(topic.id).id)[section_index]
    section.body += f"\n\n{line}"
    workspace.store.save(section)
    topic.title = title
    workspace.store.save(topic)
    workspace.close()


def _export(folder: Path, path: Path) -> str:
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.sync.bundle_export import export_bundle
    from lecturer_app.sync.device import open_device

    workspace = open_workspace(folder)
    device = open_device(workspace.data_dir, workspace.store)
    export_bundle(device, workspace.blobs, path)
    workspace.close()
    return device.key.fingerprint


def _folders(data: Path) -> tuple[Path, Path]:
    from lecturer_app.core.workspace import open_workspace

    a, b = data / "Máy A", data / "Máy B"
    open_workspace(a).close()
    shutil.copytree(a, b)
    _edit(a, "Tên chuyên đề sửa ở máy A", 1, "Ý bổ sung ở máy A.")
    _edit(b, "Tên chuyên đề sửa ở máy B", 2, "Ý bổ sung ở máy B.")
    return a, b


def _window(folder: Path, data: Path):
    from PySide6.QtCore import QSettings

    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import build_main_window, create_application

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(data / "qsettings"))
    app = create_application()
    window = build_main_window(open_workspace(folder))
    window.resize(*SCREEN)
    window.show()
    return app, window


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="lecturer-sync-"))
    a, b = _folders(data)
    stick = data / "media" / "USB-16GB"
    stick.mkdir(parents=True)
    bundle = stick / "may-B-gui-may-A.lbb"
    fingerprint = _export(b, bundle)
    app, window = _window(a, data)
    _settle(app)
    _dialogs(app, window, args.out, bundle, fingerprint)
    window.close()
    return 0


def _dialogs(app, window, out: Path, bundle: Path, fingerprint: str) -> None:
    from lecturer_app.i18n import _
    from lecturer_app.ui.sync import work
    from lecturer_app.ui.sync.bundle_dialogs import ExportBundleDialog, ImportBundleDialog
    from lecturer_app.ui.sync.results import import_summary, summary_box, trust_question

    _shot(app, window, out, ExportBundleDialog(bundle.parent / "may-A-gui-may-B.lbb", window), "13-xuat-goi")
    _shot(app, window, out, ImportBundleDialog([bundle], window), "14-nhap-goi-tu-usb")
    _shot(app, window, out, trust_question([fingerprint], window), "15-tin-cay-thiet-bi")
    report = work.run_import(window.context, bundle, True, lambda done, total: None)
    window.bank_changed.emit()
    _shot(app, window, out, summary_box(_("Nhập gói xong"), import_summary(report), True, window), "16-nhap-goi-xong")
    _save_window(app, window, out, "17-nut-xung-dot")
    dialog = window.conflicts_button.open_dialog()
    dialog.resize(1200, 620)
    _shot(app, window, out, dialog, "18-xung-dot")


def _shot(app, window, out: Path, dialog, name: str) -> None:
    dialog.show()
    dialog.adjustSize() if dialog.width() < 400 else None
    _save_screen(app, window, dialog, out, name)
    dialog.hide()


if __name__ == "__main__":
    raise SystemExit(main())
