"""Issue #15 item 7: a picture above Qt's 256 MB decoding limit still shows, scaled on load."""

from __future__ import annotations

import io
from functools import lru_cache

import pytest
from PIL import Image
from PySide6.QtGui import QImage, QImageReader

from lecturer_app.ui.widgets.picture_loading import MAX_SIDE, load_picture


@lru_cache(maxsize=4)  # encoding a 72-megapixel picture takes seconds: once per format
def _encoded(fmt: str, size=(9000, 8000)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (160, 20, 30)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_picture_qt_would_refuse_is_loaded_at_the_shown_size(qapp, fmt):
    data = _encoded(fmt)
    limit = QImageReader.allocationLimit()
    image = load_picture(data)
    assert image is not None and max(image.width(), image.height()) == MAX_SIDE
    assert abs(image.width() / image.height() - 9000 / 8000) < 0.01
    assert image.pixelColor(10, 10).red() > 120
    assert QImageReader.allocationLimit() == limit  # the raised limit was for that read only


def test_a_small_picture_is_not_enlarged_and_garbage_is_none(qapp):
    image = load_picture(_encoded("PNG", (300, 200)))
    assert (image.width(), image.height()) == (300, 200)
    assert load_picture(b"not a picture") is None


@pytest.mark.qt_log_ignore(r"Rejecting image|This plugin does not support propagateSizeHints")
def test_qt_alone_refuses_the_big_picture(qapp):
    """The failure this fixes (so the test above cannot pass by accident)."""
    assert QImage.fromData(_encoded("PNG")).isNull()


def test_the_deck_editor_shows_a_big_imported_picture(qtbot, context, topic):
    from lecturer_app.ui.deck.deck_editor import DeckEditor

    sha256 = context.workspace.blobs.put_bytes(_encoded("PNG"))
    editor = DeckEditor(context, topic)
    qtbot.addWidget(editor)
    image = editor.renderer.image(sha256)  # what the thumbnails and the preview paint
    assert image is not None and not image.isNull()
