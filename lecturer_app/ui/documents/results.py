"""What the user sees after an export or import: a short summary, and "Mở thư mục" after export."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from lecturer_app.i18n import _, ngettext
from lecturer_app.ui.widgets.stock_buttons import translate_buttons


def open_folder(path: Path) -> bool:
    """Show *path*'s folder in the system file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


def export_summary(result: dict[str, Any]) -> str:
    lines = [_("Đã lưu: {path}").format(path=result["path"])]
    if result.get("pages"):  # a deck's pages are slides, as the lecturer counts them (and the import says)
        pages = _("Số trang chiếu: {n}") if result.get("format") == "pptx" else _("Số trang: {n}")
        lines.append(pages.format(n=result["pages"]))
    lines.extend(result.get("warnings", []))
    return "\n".join(lines)


def import_summary(result: dict[str, Any]) -> str:
    if result["kind"] == "deck":  # a lecturer counts a deck in slides, a plan in sections
        first = ngettext("Đã nhập giáo án điện tử cho {code}: {n} trang chiếu", result["items"])
    else:
        first = ngettext("Đã nhập giáo án viết cho {code}: {n} mục", result["items"])
    lines = [first.format(code=result["topic"], n=result["items"])]
    if result.get("unchanged"):
        lines.append(_("Tệp giống hệt nội dung đang có: không có gì thay đổi, lịch sử giữ nguyên."))
    elif result["replaced"]:
        lines.append(ngettext("Nội dung cũ được giữ trong lịch sử; {n} mục thừa đã xóa (có thể khôi phục).",
                              result["removed"]).format(n=result["removed"]))
    for item in result["converted"]:
        lines.append(ngettext("Chuyển mã {encoding} → Unicode ({where}, phông {font}): {runs} đoạn",
                              item["runs"]).format(
            encoding=item["encoding"], where=item["where"], font=item["font"] or "?", runs=item["runs"]))
    # Each row says what happened to its item: "Bỏ qua" only for what was not imported at all (issue #15 item 11).
    for key, label in (("as_text", _("Giữ dạng chữ: {what}")), ("split", _("Tách trang: {what}")),
                       ("skipped", _("Bỏ qua: {what}"))):
        lines.extend(label.format(what=_place(item)) for item in result.get(key, []))
    return "\n".join(lines)


def _place(item: dict[str, Any]) -> str:
    return f"{item['where']}: {item['reason']}" if item["where"] else item["reason"]


class ExportDoneBox(QMessageBox):
    """A non-modal notice with "Mở thư mục" (opens the folder of the written file)."""

    def __init__(self, result: dict[str, Any], parent: QWidget | None = None,
                 opener: Callable[[Path], bool] = open_folder) -> None:
        super().__init__(parent)
        self.path = Path(result["path"])
        self.opener = opener
        self.setWindowTitle(_("Xuất xong"))
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(export_summary(result))
        self.folder_button = self.addButton(_("Mở thư mục"), QMessageBox.ButtonRole.ActionRole)
        self.addButton(QMessageBox.StandardButton.Close)
        translate_buttons(self)
        self.folder_button.clicked.connect(lambda: self.opener(self.path))


class ImportDoneBox(QMessageBox):
    """A non-modal summary of an import: items, conversions and what was skipped."""

    def __init__(self, result: dict[str, Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nhập xong"))
        self.setIcon(QMessageBox.Icon.Information if not result["skipped"] else QMessageBox.Icon.Warning)
        self.setText(import_summary(result))
        self.addButton(QMessageBox.StandardButton.Close)
        translate_buttons(self)
