"""Vietnamese texts for Qt's own strings (context menus, stock buttons).

PySide6 ships no ``qtbase_vi.qm``; this small translator answers for the few
Qt strings a lecturer meets every day, so the editors' right-click menus and
the dialog buttons are not in English.  Other languages use Qt's own texts.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# (context, source text) -> Vietnamese.  Accelerator markers are kept where Qt has them.
VIETNAMESE: dict[tuple[str, str], str] = {
    ("QWidgetTextControl", "&Undo"): "&Hoàn tác",
    ("QWidgetTextControl", "&Redo"): "&Làm lại",
    ("QWidgetTextControl", "Cu&t"): "&Cắt",
    ("QWidgetTextControl", "&Copy"): "&Sao chép",
    ("QWidgetTextControl", "Copy &Link Location"): "Sao chép địa chỉ &liên kết",
    ("QWidgetTextControl", "&Paste"): "&Dán",
    ("QWidgetTextControl", "Delete"): "Xóa",
    ("QWidgetTextControl", "Select All"): "Chọn tất cả",
    ("QLineEdit", "&Undo"): "&Hoàn tác",
    ("QLineEdit", "&Redo"): "&Làm lại",
    ("QLineEdit", "Cu&t"): "&Cắt",
    ("QLineEdit", "&Copy"): "&Sao chép",
    ("QLineEdit", "&Paste"): "&Dán",
    ("QLineEdit", "Delete"): "Xóa",
    ("QLineEdit", "Select All"): "Chọn tất cả",
    ("QPlatformTheme", "OK"): "Đồng ý",
    ("QPlatformTheme", "Cancel"): "Hủy",
    ("QPlatformTheme", "Save"): "Lưu",
    ("QPlatformTheme", "Discard"): "Không lưu",
    ("QPlatformTheme", "Don't Save"): "Không lưu",
    ("QPlatformTheme", "Yes"): "Có",
    ("QPlatformTheme", "No"): "Không",
    ("QPlatformTheme", "Close"): "Đóng",
    ("QPlatformTheme", "Apply"): "Áp dụng",
    ("QPlatformTheme", "Open"): "Mở",
    ("QPlatformTheme", "Help"): "Trợ giúp",
    # Qt 6's own file dialog (no native one on most Linux desktops); its sources carry the "&" markers.
    ("QFileDialog", "&Look in:"): "&Tìm trong:",
    ("QFileDialog", "File &name:"): "&Tên tệp:",
    ("QFileDialog", "Files of &type:"): "&Loại tệp:",
    ("QFileDialog", "&Open"): "&Mở",
    ("QFileDialog", "&Choose"): "&Chọn",
    ("QFileDialog", "&Save"): "&Lưu",
    ("QFileDialog", "Cancel"): "Hủy",
    ("QFileDialog", "All Files (*)"): "Mọi tệp (*)",
    ("QFileDialog", "&New Folder"): "Thư mục &mới",
    ("QFileDialog", "Create New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "Create a New Folder"): "Tạo thư mục mới",
    ("QFileDialog", "&Delete"): "&Xóa",
    ("QFileDialog", "&Rename"): "Đổi &tên",
    ("QFileDialog", "Show &hidden files"): "Hiện tệp &ẩn",
    ("QFileDialog", "Back"): "Lùi lại",
    ("QFileDialog", "Forward"): "Tiến tới",
    ("QFileDialog", "Go back"): "Lùi lại",
    ("QFileDialog", "Go forward"): "Tiến tới",
    ("QFileDialog", "Parent Directory"): "Thư mục cha",
    ("QFileDialog", "Go to the parent directory"): "Lên thư mục cha",
    ("QFileDialog", "List View"): "Dạng danh sách",
    ("QFileDialog", "Detail View"): "Dạng chi tiết",
    ("QFileDialog", "Change to list view mode"): "Xem dạng danh sách",
    ("QFileDialog", "Change to detail view mode"): "Xem dạng chi tiết",
    ("QFileSystemModel", "Name"): "Tên",
    ("QFileSystemModel", "Size"): "Cỡ",  # the column is as narrow as "Size": "Dung lượng" was cut
    ("QFileSystemModel", "Type"): "Loại",
    ("QFileSystemModel", "Date Modified"): "Ngày sửa",
    ("QFileSystemModel", "Computer"): "Máy tính",
    ("QAbstractFileIconProvider", "Folder"): "Thư mục",
    ("QAbstractFileIconProvider", "Drive"): "Ổ đĩa",
    ("QAbstractFileIconProvider", "%1 File"): "Tệp %1",
    ("QAbstractFileIconProvider", "File"): "Tệp",
}


class VietnameseQtTranslator(QTranslator):
    """Answers Qt's own strings from :data:`VIETNAMESE`; None means "keep Qt's text"."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: D401
                  n: int = -1) -> str | None:
        # None, not "": Qt takes an empty (non-null) answer as the translation, so menus said "N" for "Ctrl+N".
        return VIETNAMESE.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False
