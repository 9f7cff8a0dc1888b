"""QUndoCommands shared by the editors.

Text typed into a ``QTextDocument`` is undone by the document itself; a
:class:`DocumentEditCommand` puts each of its undo steps on the editor's
``QUndoStack`` so one stack (and Ctrl+Z / Ctrl+Y) covers text, fields and
structure alike.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QTextDocument, QUndoCommand

_FIELD_EDIT_ID = 1001


class DocumentEditCommand(QUndoCommand):
    """One undo step of a text document; *reveal* shows the document first."""

    def __init__(self, document: QTextDocument, reveal: Callable[[], None], text: str) -> None:
        super().__init__(text)
        self._document = document
        self._reveal = reveal
        self._first = True

    def redo(self) -> None:
        if self._first:  # the document already did it when the user typed
            self._first = False
            return
        self._reveal()
        self._document.redo()

    def undo(self) -> None:
        self._reveal()
        self._document.undo()


class FieldEditCommand(QUndoCommand):
    """A change of one field's value; consecutive edits of the same field merge.

    Args:
        key: identifies the field (edits with the same key merge).
        old, new: the values.
        apply: sets a value into the record and the widget.
    """

    def __init__(self, key: str, old: object, new: object, apply: Callable[[object], None], text: str) -> None:
        super().__init__(text)
        self.key = key
        self.old = old
        self.new = new
        self._apply = apply
        self._first = True

    def id(self) -> int:
        return _FIELD_EDIT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt API)
        if not isinstance(other, FieldEditCommand) or other.key != self.key:
            return False
        self.new = other.new
        return True

    def redo(self) -> None:
        if self._first:  # the widget already shows the new value
            self._first = False
            return
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class CallbackCommand(QUndoCommand):
    """A structural change given as a do/undo pair of callables."""

    def __init__(self, text: str, do: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo

    def redo(self) -> None:
        self._do()

    def undo(self) -> None:
        self._undo()
