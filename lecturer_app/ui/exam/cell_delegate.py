"""Choice editors for the blueprint table: topic, level and question type come from lists."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from lecturer_app.core.labels import type_label
from lecturer_app.exam.pool import PAPER_TYPES
from lecturer_app.ui.exam.blueprint_model import LEVEL, TOPIC, TYPE, BlueprintModel

Index = QModelIndex | QPersistentModelIndex


class CellChoiceDelegate(QStyledItemDelegate):
    """An editable combo box for the topic, level and type columns; plain editors elsewhere."""

    def __init__(self, model: BlueprintModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model

    def choices(self, column: int) -> list[str]:
        if column == TOPIC:
            return sorted(self._model.pool.topic_titles)
        if column == LEVEL:
            return ["", *self._model.blueprint.levels]
        if column == TYPE:
            return [type_label(t) for t in PAPER_TYPES]
        return []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        choices = self.choices(index.column())
        if not choices:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.setEditable(index.column() != TYPE)
        combo.addItems(choices)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)
