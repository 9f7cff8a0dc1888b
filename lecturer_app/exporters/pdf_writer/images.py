"""Pictures as PDF image XObjects: a JPEG embedded as it is (DCTDecode), anything else as Flate pixels.

Pillow is imported only when a document holds a picture (the usual exam has none).
"""

from __future__ import annotations

import io
import zlib
from typing import Protocol

_SPACES = {"L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}


class StreamSink(Protocol):
    def stream(self, data: bytes, entries: str = "", compress: bool = True) -> int: ...


class PdfImage:
    """One picture's pixels (or JPEG bytes) ready to write, with an optional alpha mask."""

    def __init__(self, width: int, height: int, space: str, data: bytes, jpeg: bool,
                 alpha: bytes | None = None, decode: str = "") -> None:
        self.width, self.height, self.space, self.data = width, height, space, data
        self.jpeg, self.alpha, self.decode = jpeg, alpha, decode

    @classmethod
    def from_bytes(cls, data: bytes) -> PdfImage:
        from PIL import Image

        with Image.open(io.BytesIO(data)) as opened:
            if opened.format == "JPEG" and opened.mode in _SPACES:
                # Adobe CMYK JPEGs store inverted values, as reportlab assumes too.
                decode = " /Decode [1 0 1 0 1 0 1 0]" if opened.mode == "CMYK" else ""
                return cls(opened.width, opened.height, _SPACES[opened.mode], data, True, decode=decode)
            return cls._pixels(opened)

    @classmethod
    def _pixels(cls, image) -> PdfImage:
        """Any other picture as 8-bit grey or RGB pixels, its transparency as a soft mask."""
        alpha = None
        if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            alpha = rgba.getchannel("A").tobytes()
            image = rgba.convert("RGB")
        elif image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
        return cls(image.width, image.height, _SPACES[image.mode], image.tobytes(), False, alpha)

    def write(self, sink: StreamSink) -> int:
        """Write the XObject (and its soft mask) through *sink*; returns its object number."""
        entries = f" /Type /XObject /Subtype /Image /Width {self.width} /Height {self.height} /BitsPerComponent 8"
        if self.alpha is not None:
            mask = sink.stream(zlib.compress(self.alpha), entries + " /ColorSpace /DeviceGray /Filter /FlateDecode",
                               compress=False)
            entries += f" /SMask {mask} 0 R"
        entries += f" /ColorSpace {self.space}{self.decode}"
        if self.jpeg:
            return sink.stream(self.data, entries + " /Filter /DCTDecode", compress=False)
        return sink.stream(self.data, entries)
