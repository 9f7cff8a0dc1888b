"""A damaged data folder diagnosed and, where the app can, repaired: used by `check` and by the GUI's start.

The search index is derived data (``materialize``): the app rebuilds it.
Damage to the revision log itself can only be undone from a backup; the
advice says how.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import DamagedFile, open_database
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
        return restore_advice(self.folder)


def restore_advice(folder: Path) -> str:
    """How to put a backup copy back by hand (the app has no restore command of its own yet)."""
    return _("Dữ liệu bị hỏng ở phần ứng dụng không tự sửa được. Cách khôi phục từ bản sao lưu: (1) đóng ứng "
             "dụng; (2) trong thư mục dữ liệu {folder}, đổi tên tệp {name} (và các tệp {name}-wal, {name}-shm "
             "nếu có) thành tên khác để giữ lại; (3) chép tệp {name} của bản sao lưu gần nhất vào đó; (4) mở "
             "lại ứng dụng và chạy «lecturer-app check». Những gì soạn sau lần sao lưu đó sẽ phải làm lại.").format(
        folder=folder, name=DB_NAME)


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

