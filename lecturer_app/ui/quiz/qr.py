"""The QR code a phone scans to open the quiz, as a pixmap (segno, no network)."""

from __future__ import annotations

import io

from PySide6.QtGui import QPixmap


def qr_pixmap(url: str, scale: int = 12) -> QPixmap:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=scale, border=2)
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap
