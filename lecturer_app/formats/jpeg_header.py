"""A plain JPEG's size and EXIF orientation read from its header, without loading Pillow.

Placing a picture on a slide asks three questions of it — its pixel count
(``pictures.oversized``), its upright size and whether it can be embedded as
it is (``exporters.picture_fit``) — and each answer needs only the header.
Importing Pillow and its plugins cost a fresh ``lesson export`` process about
a sixth of its time, for a deck whose photos are copied unchanged.

The reader is deliberately narrow: it answers only for a JPEG whose header
Pillow reads the same way without doubt (the usual camera, phone and editor
output) and returns None for anything else — other markers, two frames, an
XMP packet (Pillow takes an orientation from it), a multi-picture (MPO)
segment, an EXIF block it cannot walk completely, a size over
``max_pixels`` — so that the caller asks Pillow, whose answer stays the
reference (``tests/exporters/test_jpeg_header.py`` compares the two).
"""

from __future__ import annotations

_SOI = b"\xff\xd8"
_FRAMES = {0xC0, 0xC1, 0xC2}            # baseline, extended, progressive Huffman frames
_SKIPPED = {0xC4, 0xDD, 0xFE}           # Huffman tables, restart interval, comment: Pillow only keeps them
_DQT = 0xDB
_SOS = 0xDA
_ORIENTATION = 0x0112
_SHORT = 3
# Bytes per value of each TIFF field type (1–12); an entry of another type makes the reader give up.
_TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8}


class JpegHeader:
    """What the header declares: stored size and the EXIF orientation tag (None when absent).

    A plain class: a dataclass costs a fresh process a millisecond to build, a tenth of what this saves.
    """

    __slots__ = ("width", "height", "orientation")

    def __init__(self, width: int, height: int, orientation: int | None) -> None:
        self.width, self.height, self.orientation = width, height, orientation


def read_jpeg_header(data: bytes, max_pixels: int) -> JpegHeader | None:
    """The header of a plain JPEG of at most *max_pixels*; None when Pillow must be asked instead."""
    if not data.startswith(_SOI + b"\xff"):
        return None
    segments = _segments(data)
    if segments is None:
        return None
    frame, exif = None, None
    for marker, body in segments:
        if marker in _FRAMES:
            if frame is not None:
                return None
            frame = body
        elif marker == 0xE1:
            if not body.startswith(b"Exif\0\0") or exif is not None:
                return None   # XMP, or a second EXIF block Pillow would append to the first
            exif = body[6:]
        elif not _plain_segment(marker, body):
            return None
    return _header(frame, exif, max_pixels) if frame is not None else None


def _segments(data: bytes) -> list[tuple[int, bytes]] | None:
    """The marker segments before the first scan, or None at anything but a clean sequence."""
    found: list[tuple[int, bytes]] = []
    at = 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if length < 2 or at + 2 + length > len(data):
            return None
        if marker == _SOS:
            return found
        found.append((marker, data[at + 4:at + 2 + length]))
        at += 2 + length
    return None


def _plain_segment(marker: int, body: bytes) -> bool:
    """A segment Pillow keeps without a question: tables, a JFIF APP0, a whole ICC profile piece."""
    if marker in _SKIPPED:
        return True
    if marker == _DQT:
        return _whole_tables(body)
    if marker == 0xE0:
        return len(body) >= 14   # Pillow reads JFIF's version outside its guard
    if marker == 0xE2:
        return body.startswith(b"ICC_PROFILE\0") and len(body) >= 14
    return False


def _whole_tables(body: bytes) -> bool:
    """Every quantisation table complete (Pillow refuses a segment that is not)."""
    at = 0
    while at < len(body):
        at += 1 + 64 * (1 if body[at] < 16 else 2)
    return at == len(body)


def _header(frame: bytes, exif: bytes | None, max_pixels: int) -> JpegHeader | None:
    if len(frame) < 6 or frame[0] != 8 or frame[5] not in (1, 3, 4) or len(frame) != 6 + 3 * frame[5]:
        return None   # Pillow refuses other precisions and layer counts, and stumbles on a cut component list
    height, width = int.from_bytes(frame[1:3], "big"), int.from_bytes(frame[3:5], "big")
    if not width or not height or width * height > max_pixels:
        return None
    if exif is None:
        return JpegHeader(width, height, None)
    found = _exif_orientation(exif)
    return JpegHeader(width, height, found[0]) if found is not None else None


def _exif_orientation(tiff: bytes) -> tuple[int | None] | None:
    """(orientation,) from a TIFF block whose first directory is whole, or None to defer to Pillow."""
    if tiff[:4] == b"II*\0":
        order = "little"
    elif tiff[:4] == b"MM\0*":
        order = "big"
    else:
        return None

    def number(at: int, size: int) -> int:
        return int.from_bytes(tiff[at:at + size], order)  # type: ignore[arg-type]

    start = number(4, 4)
    if len(tiff) < 8 or start < 8 or start + 2 > len(tiff):
        return None
    count = number(start, 2)
    end = start + 2 + 12 * count
    if not count or end + 4 > len(tiff) or number(end, 4):
        return None   # no entries, cut short, or a second directory (a thumbnail's) to walk as well
    orientation, stored = None, 0
    for entry in range(start + 2, end, 12):
        tag, kind, values = number(entry, 2), number(entry + 2, 2), number(entry + 4, 4)
        if kind not in _TYPE_SIZES or not values:
            return None   # (an empty resolution made Pillow's own open fail)
        size = _TYPE_SIZES[kind] * values
        stored += size if size > 4 else 0
        if size > 4 and (number(entry + 8, 4) + size > len(tiff) or stored > len(tiff)):
            return None
        if tag == _ORIENTATION:
            if kind != _SHORT or values != 1 or orientation is not None:
                return None
            orientation = number(entry + 8, 2)
    return (orientation,)
