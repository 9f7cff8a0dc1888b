"""A damaged data folder diagnosed and, where the app can, repaired: used by `check` and by the GUI's start.

The search index is derived data (``materialize``): the app rebuilds it.
Damage to the revision log itself can only be undone from a backup
(``core.backup``), which the GUI offers and the advice names.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from lecturer_app.core.backup.errors import BackupError
from lecturer_app.core.backup.findings import BLOB_FINDINGS, is_finding
from lecturer_app.core.backup.location import backup_root
from lecturer_app.core.backup.manifest import BackupInfo, list_backups
from lecturer_app.core.backup.restore import restore_in_place
from lecturer_app.core.settings import load_settings
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import DamagedFile, DatabaseDamaged, open_database, user_error
from lecturer_app.core.store.integrity import CheckReport, check_database
from lecturer_app.core.store.materialize import rebuild_search_index
from lecturer_app.core.workspace import DB_NAME, open_workspace
from lecturer_app.i18n import _


@dataclass
class FolderCheck:
    folder: Path
    report: CheckReport
    reindexed: int | None = None  # records put back into the search index, when it was rebuilt

    @property
    def advice(self) -> str:
        """What the lecturer can do next, in words."""
        if self.report.ok:
            return ""
        if self.report.only_search_index_damaged:
            return _("Chỉ có chỉ mục tìm kiếm bị hỏng; dữ liệu bài giảng và câu hỏi vẫn nguyên vẹn. Chạy "
                     "«lecturer-app check --rebuild-search-index» (hoặc chọn «Xây dựng lại chỉ mục tìm kiếm» "
                     "khi ứng dụng hỏi) để sửa.")
        if all(is_finding(problem, *BLOB_FINDINGS) for problem in self.report.problems):
            # Restoring a whole backup would undo every edit made since: the files alone are copied back.
            return _("Chỉ có tệp đính kèm bị thiếu hoặc hỏng; dữ liệu bài giảng và câu hỏi vẫn nguyên vẹn. Chạy "
                     "«lecturer-app backup recover» (hoặc bấm «Lấy lại từ bản sao lưu» trong «Kiểm tra dữ liệu») "
                     "để chép lại các tệp đó từ bản sao lưu mà không thay đổi gì khác; nếu không bản nào có, hãy "
                     "thêm lại tệp đó hoặc khôi phục bản sao lưu gần nhất còn tốt.")
        return restore_advice(self.folder)



def restore_advice(folder: Path) -> str:
    """How to put a backup back: the app's restore, and by hand when there is no backup the app knows."""
    return _("Dữ liệu bị hỏng ở phần ứng dụng không tự sửa được: hãy khôi phục bản sao lưu gần nhất («Khôi phục "
             "từ bản sao lưu…», hoặc «lecturer-app backup list» rồi «lecturer-app backup restore MÃ --yes»). "
             "Những gì soạn sau lần sao lưu đó sẽ phải làm lại. Nếu bản sao lưu nằm ở nơi khác (USB): đóng ứng "
             "dụng, trong thư mục dữ liệu {folder} đổi tên tệp {name} (và {name}-wal, {name}-shm nếu có) để giữ "
             "lại, chép tệp cơ sở dữ liệu của bản sao lưu vào đó với tên {name}, rồi mở lại ứng dụng.").format(
        folder=folder, name=DB_NAME)


def backups_of(folder: Path) -> list[BackupInfo]:
    """The finished backups of the data *folder*, newest first (none when its backup folder is absent)."""
    return list_backups(backup_root(folder, load_settings(folder / "settings.json")))


def restore_backup(folder: Path, backup_id: str) -> Path | None:
    """Restore *backup_id* into *folder*; returns where the damaged database was set aside, if it was.

    The restore first backs up the current database, which a damaged file can
    make fail: then the damaged file (and its journal) is renamed aside,
    kept for support, and the restore runs as for a lost database.
    """
    root = backup_root(folder, load_settings(folder / "settings.json"))
    try:
        restore_in_place(folder, root, backup_id)
        return None
    except (sqlite3.DatabaseError, DatabaseDamaged, BackupError) as exc:
        if isinstance(exc, BackupError) and not _is_damage(exc.__cause__ or exc.__context__):
            raise
    aside = _set_aside(folder / DB_NAME)
    restore_in_place(folder, root, backup_id)
    return aside


def _is_damage(exc: BaseException | None) -> bool:
    return exc is not None and (isinstance(exc, DatabaseDamaged) or isinstance(user_error(exc), DatabaseDamaged))


def _set_aside(live: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = live.with_name(f"{live.name}.hong-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        part = live.with_name(live.name + suffix)
        if part.exists():
            os.replace(part, aside.with_name(aside.name + suffix))
    return aside


def check_data_folder(folder: Path, *, rebuild_index: bool = False) -> FolderCheck:
    """Check the data folder's database and blobs, first rebuilding the search index when asked.

    A folder without a database is opened as on a first start (the shipped bank imported).
    """
    path = folder / DB_NAME
    if not path.exists():
        open_workspace(folder).close()
    blobs = BlobStore(folder / "blobs")
    try:
        db = open_database(path)
    except DamagedFile as exc:
        return FolderCheck(folder, CheckReport(problems=[str(exc)]))
    try:
        reindexed = rebuild_search_index(db) if rebuild_index else None
        return FolderCheck(folder, check_database(db, blobs), reindexed)
    finally:
        db.close()

