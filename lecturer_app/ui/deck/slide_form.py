"""The fields of one slide: layout, title, subtitle, bullets, images, link, notes.

The form only reports edits (``edited(field, old, new)``); the deck editor
turns each into an undo step and writes it.  Bullets are typed one per line;
Tab and Shift+Tab change a line's level (two spaces per level, as in
``core.bullets``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from lecturer_app.core.model import SLIDE_LAYOUTS, Slide
from lecturer_app.core.slides.bullets import MAX_LEVEL, format_bullets
from lecturer_app.core.slides.tables import format_table
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _
from lecturer_app.ui.deck.slide_list_model import LAYOUT_LABELS
from lecturer_app.ui.widgets.icons import icon

# Which fields each layout uses (the others are hidden, their values kept).
LAYOUT_FIELDS = {
    "title": {"subtitle"},
    "section": {"subtitle"},
    "bullets": {"subtitle", "bullets"},
    "two_columns": {"bullets", "right_bullets"},
    "image": {"bullets", "images"},
    "key_message": {"subtitle"},
    "qr": {"subtitle", "bullets", "url"},
    "table": {"subtitle", "bullets", "table"},
}


class BulletEdit(QPlainTextEdit):
    """One bullet per line; Tab / Shift+Tab indent and outdent the current lines.

    Ctrl+Z / Ctrl+Y go to the deck editor's undo stack (``undo``/``redo`` signals).
    """

    undo_requested = Signal()
    redo_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
        elif event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.redo_requested.emit()
        elif event.key() == Qt.Key.Key_Tab:
            self.shift_level(1)
        elif event.key() == Qt.Key.Key_Backtab:
            self.shift_level(-1)
        else:
            super().keyPressEvent(event)

    def shift_level(self, step: int) -> None:
        """Indent (+1) or outdent (-1) every selected line by one level."""
        cursor = self.textCursor()
        start, end = sorted((cursor.selectionStart(), cursor.selectionEnd()))
        doc = self.document()
        first, last = doc.findBlock(start), doc.findBlock(end)
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        block = first
        while block.isValid():
            text = block.text()
            indent = len(text) - len(text.lstrip(" "))
            edit.setPosition(block.position())
            if step > 0 and indent // 2 < MAX_LEVEL:
                edit.insertText("  ")
            elif step < 0 and indent >= 2:
                edit.setPosition(block.position() + 2, QTextCursor.MoveMode.KeepAnchor)
                edit.removeSelectedText()
            if block == last:
                break
            block = block.next()
        edit.endEditBlock()


class SlideForm(QWidget):
    """Edits the fields of the current slide.

    Signals:
        edited(str, object, object): field name, old value, new value.
        insert_image_requested(): the user pressed "Chèn ảnh…".
        remove_image_requested(int): the user removed the image at a row.
    """

    edited = Signal(str, object, object)
    insert_image_requested = Signal()
    remove_image_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slide: Slide | None = None
        self._values: dict[str, object] = {}
        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName(_("Bố cục trang chiếu"))
        for name in SLIDE_LAYOUTS:
            self.layout_box.addItem(_(LAYOUT_LABELS[name]), name)
        self.layout_box.activated.connect(lambda _i: self._changed("layout", self.layout_box.currentData()))
        self.title = self._line("title", _("Tiêu đề"))
        self.subtitle = self._line("subtitle", _("Phụ đề / thông điệp"))
        self.url = self._line("url", _("Địa chỉ liên kết (mã QR)"))
        self.url.setPlaceholderText("https://…")
        self.bullets = self._bullets("bullets", _("Các ý (mỗi dòng một ý; Tab để lùi vào)"))
        self.right_bullets = self._bullets("right_bullets", _("Cột phải"))
        self.table = self._bullets("table", _("Bảng (mỗi dòng một hàng; các ô cách nhau bằng |)"))
        self.table.setPlaceholderText(_("Năm | Sự kiện\n1930 | Thành lập Đảng"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(_("Ghi chú của giảng viên"))
        self.notes.setPlaceholderText(_("Ghi chú khi giảng (không hiện trên màn chiếu)"))
        self.notes.textChanged.connect(lambda: self._changed("notes", nfc(self.notes.toPlainText())))
        self.images = QListWidget()
        self.images.setAccessibleName(_("Ảnh trên trang chiếu"))
        self.images.setMaximumHeight(80)
        add_image = QPushButton(icon("image"), _("Chèn ảnh…"))
        add_image.clicked.connect(self.insert_image_requested)
        # Off until a picture is chosen in the list: it used to do nothing, in silence.
        self.remove_image_button = QPushButton(icon("remove"), _("Bỏ ảnh"))
        self.remove_image_button.setEnabled(False)
        self.remove_image_button.setToolTip(_("Chọn một ảnh trong danh sách để bỏ khỏi trang chiếu"))
        self.remove_image_button.clicked.connect(lambda: self.remove_image_requested.emit(self.images.currentRow()))
        self.images.currentRowChanged.connect(lambda row: self.remove_image_button.setEnabled(row >= 0))
        image_row = QHBoxLayout()
        image_row.addWidget(self.images, 1)
        image_row.addWidget(add_image)
        image_row.addWidget(self.remove_image_button)
        self.images_row = QWidget()
        self.images_row.setLayout(image_row)
        image_row.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.rows = {
            "layout": self.layout_box, "title": self.title, "subtitle": self.subtitle, "bullets": self.bullets,
            "right_bullets": self.right_bullets, "table": self.table, "images": self.images_row, "url": self.url,
            "notes": self.notes,
        }
        labels = {"layout": _("Bố cục"), "title": _("Tiêu đề"), "subtitle": _("Phụ đề"), "bullets": _("Nội dung"),
                  "right_bullets": _("Cột phải"), "table": _("Bảng"), "images": _("Ảnh"), "url": _("Liên kết"),
                  "notes": _("Ghi chú")}
        for key, widget in self.rows.items():
            self.form.addRow(QLabel(labels[key] + ":"), widget)

    def _line(self, key: str, accessible: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible)
        edit.textEdited.connect(lambda text: self._changed(key, nfc(text)))
        return edit

    def _bullets(self, key: str, accessible: str) -> BulletEdit:
        edit = BulletEdit()
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(_("- Ý thứ nhất\n  - Ý con (Tab)\n- Ý thứ hai"))
        edit.setTabChangesFocus(False)
        edit.textChanged.connect(lambda: self._changed(key, nfc(edit.toPlainText())))
        return edit

    def set_slide(self, slide: Slide | None) -> None:
        """Show *slide* (None: nothing to edit)."""
        self.slide = slide
        self.setEnabled(slide is not None)
        if slide is None:
            return
        self._values = {"layout": slide.layout, "title": slide.title, "subtitle": slide.subtitle,
                        "bullets": format_bullets(slide.bullets), "right_bullets": format_bullets(slide.right_bullets),
                        "table": format_table(slide.table), "url": slide.url, "notes": slide.notes}
        self._show_values()

    def _show_values(self) -> None:
        slide = self.slide
        if slide is None:
            return
        widgets = (self.title, self.subtitle, self.url, self.bullets, self.right_bullets, self.table, self.notes,
                   self.layout_box)
        for widget in widgets:
            widget.blockSignals(True)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(slide.layout)))
        for key, edit in (("title", self.title), ("subtitle", self.subtitle), ("url", self.url)):
            if edit.text() != self._values[key]:
                edit.setText(str(self._values[key]))
        for key, text_edit in (("bullets", self.bullets), ("right_bullets", self.right_bullets), ("table", self.table),
                               ("notes", self.notes)):
            if text_edit.toPlainText() != self._values[key]:
                text_edit.setPlainText(str(self._values[key]))
        for widget in widgets:
            widget.blockSignals(False)
        self.images.clear()
        for ref in slide.images:
            self.images.addItem(ref.filename or ref.sha256[:12])
        used = LAYOUT_FIELDS.get(slide.layout, {"bullets"}) | {"layout", "title", "notes"}
        for key, row in self.rows.items():
            row.setVisible(key in used)
            self.form.labelForField(row).setVisible(key in used)

    def _changed(self, key: str, value: object) -> None:
        if self.slide is None or self._values.get(key) == value:
            return
        old = self._values.get(key)
        self._values[key] = value
        self.edited.emit(key, old, value)

    def show_value(self, key: str, value: object) -> None:
        """Put a value back into its widget (undo/redo), without emitting ``edited``."""
        self._values[key] = value
        self._show_values()
