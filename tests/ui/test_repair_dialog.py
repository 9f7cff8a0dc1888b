"""The GUI on damaged data: the diagnosis, "rebuild the search index" when that repairs it, how to restore otherwise."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from lecturer_app.core.workspace import DB_NAME


def scramble_search_index(folder) -> None:
    with sqlite3.connect(folder / DB_NAME) as conn:
        conn.execute("UPDATE search_index_data SET block = zeroblob(length(block)) WHERE id > 10")


def test_a_damaged_search_index_is_rebuilt_from_the_dialog(qtbot, workspace):
    from lecturer_app.ui.repair_dialog import RepairDialog

    folder = workspace.data_dir
    workspace.close()
    scramble_search_index(folder)
    dialog = RepairDialog(folder)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.rebuild_button.isVisibleTo(dialog)
    assert dialog.rebuild_button.text() == "Xây dựng lại chỉ mục tìm kiếm"
    assert "search_index" in dialog.details.toPlainText()
    dialog.rebuild_button.click()
    assert dialog.repaired and dialog.findings.report.ok
    assert not dialog.isVisible()


def test_damage_the_app_cannot_repair_explains_how_to_restore_a_backup(qtbot, workspace):
    from lecturer_app.ui.repair_dialog import RepairDialog

    folder = workspace.data_dir
    workspace.close()
    with sqlite3.connect(folder / DB_NAME) as conn:  # a revision whose content no longer matches its id
        conn.execute("UPDATE revisions SET summary = 'sửa tay' WHERE seq = 1")
    dialog = RepairDialog(folder)
    qtbot.addWidget(dialog)
    assert not dialog.rebuild_button.isVisibleTo(dialog)
    assert "bản sao lưu" in dialog.summary.text() and str(folder) in dialog.summary.text()
    assert "không khớp mã băm" in dialog.details.toPlainText()


def test_the_app_opens_on_the_repair_dialog_when_its_database_cannot_be_read(qtbot, workspace):
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.app import open_or_repair
    from lecturer_app.ui.repair_dialog import RepairDialog

    folder = workspace.data_dir
    workspace.close()
    with sqlite3.connect(folder / DB_NAME) as conn:  # bytes that are not UTF-8 where the clock reads (m013: meta)
        conn.execute("UPDATE meta SET value = CAST(x'fffe2d3132' AS TEXT) WHERE key = 'last_hlc'")
    seen: list[RepairDialog] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        dialog.reject()

    QTimer.singleShot(200, close_it)
    assert open_or_repair(lambda: open_workspace(folder, import_shipped_bank=False), folder) is None
    assert isinstance(seen[0], RepairDialog)
    assert "Could not decode" in seen[0].details.toPlainText()


def test_an_action_failing_on_a_damaged_database_offers_the_check(qtbot, window):
    from lecturer_app.ui.widgets.error_box import show_error

    box = show_error(window, "Tìm kiếm", sqlite3.DatabaseError("database disk image is malformed"))
    assert "Tệp dữ liệu bị hỏng" in box.text()
    repair = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole]
    assert [b.text() for b in repair] == ["Kiểm tra và sửa dữ liệu…"]
    repair[0].click()
    qtbot.waitUntil(lambda: getattr(window, "repair_dialog", None) is not None)
    assert window.repair_dialog.findings.report.ok
    window.repair_dialog.close()


def test_a_write_that_waited_too_long_for_another_import_says_so_in_vietnamese():
    from lecturer_app.ui.widgets.error_box import error_message

    text = error_message("Lưu chuyên đề", sqlite3.OperationalError("database is locked"))
    assert "Dữ liệu đang bận" in text and "database is locked" not in text


def test_damage_in_the_revisions_is_undone_by_restoring_a_backup_from_the_dialog(qtbot, workspace, tmp_path):
    from lecturer_app.core.backup.create import create_backup
    from lecturer_app.core.backup.location import backup_root
    from lecturer_app.core.model import Topic
    from lecturer_app.core.workspace import open_workspace
    from lecturer_app.ui.repair_dialog import RepairDialog

    folder = workspace.data_dir
    titles = sorted(t.title for t in workspace.store.select(Topic))
    root = backup_root(folder, workspace.settings)
    workspace.close()
    info = create_backup(folder, root, "manual")
    db_path = folder / DB_NAME
    with sqlite3.connect(db_path) as conn:
        pages = [row[0] for row in conn.execute("SELECT pageno FROM dbstat WHERE name = 'revisions' ORDER BY pageno")]
    with open(db_path, "r+b") as handle:  # a few damaged sectors in the revision log
        for page in pages[:3]:
            handle.seek((page - 1) * 4096 + 100)
            handle.write(b"\xff" * 3900)

    dialog = RepairDialog(folder)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isVisibleTo(dialog) and [b.id for b in dialog.backups] == [info.id]
    dialog.restore(info.id)
    assert dialog.repaired and dialog.findings.report.ok
    restored = open_workspace(folder, import_shipped_bank=False)
    try:
        assert sorted(t.title for t in restored.store.select(Topic)) == titles
    finally:
        restored.close()
    from lecturer_app.core.backup.manifest import list_backups

    # The damaged state is never thrown away: backed up before the restore, or set aside when it could not be.
    set_aside = [p for p in folder.iterdir() if p.name.startswith(DB_NAME + ".hong-")]
    assert set_aside or any(b.kind == "before-restore" for b in list_backups(root))
