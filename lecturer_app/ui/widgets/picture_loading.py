"""Pictures read at the size they are shown, so big ones are never refused.

Qt refuses to decode a picture needing more than 256 MB (a 9000×8000 PNG in
a PowerPoint file, say) and the editor showed a grey "image.png" box
instead.  :func:`load_picture` asks ``QImageReader`` for a scaled picture: a
JPEG is decoded straight at that size; a format that cannot do that is
decoded once at full size (the limit is raised for that one read, up to
:data:`MAX_DECODE_MB`) and scaled down, so only the small picture is kept.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

MAX_SIDE = 2400        # a full-screen slide preview never needs more
MAX_DECODE_MB = 1024   # beyond this a picture is not decoded at all (a placeholder is drawn)


def shown_size(size: QSize, max_side: int = MAX_SIDE) -> QSize:
    """*size* shrunk to fit *max_side* on its longer side (never enlarged)."""
    if max(size.width(), size.height()) <= max_side:
        return size
    return size.scaled(max_side, max_side, Qt.AspectRatioMode.KeepAspectRatio)


def load_picture(data: bytes, max_side: int = MAX_SIDE) -> QImage | None:
    """The picture in *data*, at most *max_side* pixels on its longer side; None if unreadable."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid():
        image = reader.read()
        return None if image.isNull() else image
    full_mb = size.width() * size.height() * 4 >> 20
    if full_mb > MAX_DECODE_MB:
        return None
    reader.setScaledSize(shown_size(size, max_side))
    limit = QImageReader.allocationLimit()
    if limit and full_mb >= limit:
        QImageReader.setAllocationLimit(full_mb + 1)  # for this read only; the kept picture is small
    try:
        image = reader.read()
    finally:
        QImageReader.setAllocationLimit(limit)
    return None if image.isNull() else image
