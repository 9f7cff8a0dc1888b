"""What every editor of a topic page offers the page: pending state, flush, versions."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from lecturer_app.ui.topic.autosave import Autosaver


class AutosavingEditor:
    """Mixin for editors (QWidgets with a ``saved`` signal) that own ``self.autosaver`` and ``reload()``."""

    autosaver: Autosaver
    saved: Any

    def reload(self) -> None:
        raise NotImplementedError

    def _start_editing(self, context: Any, topic: Any) -> None:
        """The state every topic editor shares: context, topic, undo stack, and an
        autosaver whose writes re-emit the editor's ``saved`` signal."""
        self.context = context
        self.topic = topic
        owner = cast(QObject, self)
        self.undo_stack = QUndoStack(owner)
        self.autosaver = Autosaver(context.store, owner)
        self.autosaver.saved.connect(lambda _n: self.saved.emit())

    def has_pending_changes(self) -> bool:
        """True when something changed since the last named version."""
        return self.autosaver.has_unversioned

    def flush(self) -> int:
        """Write pending edits now as an autosave revision."""
        return self.autosaver.flush()

    def save_version(self, name: str) -> int:
        """A named revision of every record changed since the last version."""
        return self.autosaver.save_version(name)

    def discard(self) -> None:
        """Put every record back as it was at the last named version."""
        self.autosaver.discard()
        self.reload()
