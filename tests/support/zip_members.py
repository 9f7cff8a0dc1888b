"""Where a zip member's bytes sit in the file: for the tests that damage one member of a bundle on purpose."""

from __future__ import annotations

import struct
from typing import BinaryIO


def data_start(raw: BinaryIO, header_offset: int) -> int:
    """The offset of a member's data: past its 30-byte local header, its name and its extra field."""
    raw.seek(header_offset + 26)
    name_length, extra_length = struct.unpack("<HH", raw.read(4))
    return header_offset + 30 + name_length + extra_length
