"""Plain bar charts for the projector: answers per question, and the class's score distribution."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

RIGHT = QColor("#2e7d32")
OTHER = QColor("#5c6bc0")


class BarChart(QWidget):
    """Labelled vertical bars with their counts; the bars named in ``highlight`` are green."""

    def __init__(self, title: str, bars: list[tuple[str, int]], highlight: set[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars = bars
        self.highlight = highlight or set()
        self.setMinimumSize(220, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(title)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt API)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setPointSize(11)
        painter.setFont(font)
        width, height = self.width(), self.height()
        painter.drawText(QRectF(0, 0, width, 24), Qt.AlignmentFlag.AlignCenter, self.title)
        top, bottom = 44.0, height - 24.0
        most = max((count for _label, count in self.bars), default=0) or 1
        slot = width / max(1, len(self.bars))
        for index, (label, count) in enumerate(self.bars):
            bar_height = (bottom - top) * count / most
            left = index * slot + slot * 0.15
            rect = QRectF(left, bottom - bar_height, slot * 0.7, bar_height)
            painter.fillRect(rect, RIGHT if label in self.highlight else OTHER)
            painter.drawText(QRectF(index * slot, bottom - bar_height - 20, slot, 18), Qt.AlignmentFlag.AlignCenter,
                             str(count))
            painter.drawText(QRectF(index * slot, bottom + 2, slot, 20), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()
