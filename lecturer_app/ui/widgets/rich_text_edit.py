"""A rich-text editor whose content is stored as Markdown.

Bold, italic, bullet and numbered lists and tables are what a written plan
needs and what Markdown keeps.  Ctrl+Z / Ctrl+Y go to the editor's
``QUndoStack`` (not straight to the document) so that one stack holds every
step of the editor.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
    QTextLength,
    QTextListFormat,
    QTextTableFormat,
    QUndoStack,
)
from PySide6.QtWidgets import QTextEdit, QToolBar, QWidget

from lecturer_app.core.text.markdown_text import unwrap_markdown
from lecturer_app.core.text.normalize import nfc
from lecturer_app.i18n import _
from lecturer_app.ui.widgets.icons import icon


class RichTextEdit(QTextEdit):
    """QTextEdit with Markdown in and out and undo through *undo_stack*."""

    def __init__(self, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_stack.undo()
            return
        ctrl_y = event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        if event.matches(QKeySequence.StandardKey.Redo) or ctrl_y:
            self.undo_stack.redo()
            return
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and self._move_in_table(
                -1 if event.key() == Qt.Key.Key_Backtab else 1):
            return
        super().keyPressEvent(event)

    def _move_in_table(self, step: int) -> bool:
        """Tab / Shift+Tab in a table go to the next / previous cell, as in Word (a tab character in a cell
        broke its Markdown row); Tab in the last cell adds a row.  False outside a table."""
        cursor = self.textCursor()
        table = cursor.currentTable()
        if table is None:
            return False
        cell = table.cellAt(cursor)
        index = cell.row() * table.columns() + cell.column() + step
        if index >= table.rows() * table.columns():
            table.appendRows(1)
        index = max(0, index)
        target = table.cellAt(index // table.columns(), index % table.columns()).firstCursorPosition()
        self.setTextCursor(target)
        return True

    def markdown(self) -> str:
        """The document as NFC Markdown."""
        return document_markdown(self.document())


def document_markdown(document) -> str:
    """The document as NFC Markdown, one line per paragraph (Qt wraps at 80 columns)."""
    return unwrap_markdown(nfc(document.toMarkdown()))


def load_markdown(document, text: str) -> None:
    """Fill *document* with Markdown without making an undo step."""
    document.setUndoRedoEnabled(False)
    document.setMarkdown(text)
    document.setUndoRedoEnabled(True)
    document.setModified(False)


def formatting_toolbar(editor: RichTextEdit) -> QToolBar:
    """Đậm, Nghiêng, lists and table for *editor*."""
    bar = QToolBar()
    bar.setAccessibleName(_("Định dạng văn bản"))

    def add(text: str, icon_name: str, shortcut: str | None, slot) -> QAction:
        action = QAction(icon(icon_name), text, bar)
        action.setObjectName(f"format_{icon_name}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
            # The keys work where the lecturer types, as in Word, not only in the toolbar.
            editor.addAction(action)
        action.triggered.connect(slot)
        bar.addAction(action)
        return action

    add(_("Đậm"), "bold", "Ctrl+B", lambda: _toggle_bold(editor))
    add(_("Nghiêng"), "italic", "Ctrl+I", lambda: editor.setFontItalic(not editor.fontItalic()))
    bar.addSeparator()
    add(_("Danh sách"), "list", None, lambda: _make_list(editor, QTextListFormat.Style.ListDisc))
    add(_("Danh sách đánh số"), "list-numbered", None, lambda: _make_list(editor, QTextListFormat.Style.ListDecimal))
    add(_("Chèn bảng"), "table", None, lambda: _insert_table(editor))
    for action in bar.actions():
        action.setShortcutContext(action.shortcutContext().WidgetWithChildrenShortcut)
    return bar


def _toggle_bold(editor: RichTextEdit) -> None:
    bold = editor.fontWeight() >= QFont.Weight.Bold
    editor.setFontWeight(QFont.Weight.Normal if bold else QFont.Weight.Bold)


def _make_list(editor: RichTextEdit, style: QTextListFormat.Style) -> None:
    cursor = editor.textCursor()
    current = cursor.currentList()
    if current is not None and current.format().style() == style:
        block = cursor.blockFormat()
        current.remove(cursor.block())
        block.setIndent(0)
        cursor.setBlockFormat(block)
        return
    cursor.createList(style)


def _insert_table(editor: RichTextEdit) -> None:
    fmt = QTextTableFormat()
    fmt.setCellPadding(4)
    fmt.setBorder(1)
    # As wide as the text: an empty table of three narrow cells was a few pixels wide and easy to miss.
    fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
    cursor: QTextCursor = editor.textCursor()
    cursor.insertTable(3, 3, fmt)
    editor.setTextCursor(cursor)  # into the first cell: what is typed next goes into the table, not below it
