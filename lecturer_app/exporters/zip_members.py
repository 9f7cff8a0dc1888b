"""A zip file from members compressed beforehand: a package written many times compresses its fixed parts once.

An exam build writes 24 DOCX papers that share all but two of their parts;
python-docx's styles (350 KB) and styles-with-effects (440 KB) parts alone
took most of the time of writing each paper again.  ``packed`` compresses a
member once (raw deflate, as zip stores it); ``zip_bytes`` lays out the
local headers, the central directory and its end record around the packed
members.  Every member gets the same fixed time stamp (1980-01-01), so the
same members give the same bytes.  ``stored`` keeps a member as it is (a
JPEG or PNG gains nothing from deflate), and ``read_members`` reads back a
zip this module wrote, still compressed (the PPTX writer's shared parts).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

STORED = 0
DEFLATED = 8
DOS_DATE_1980_01_01 = (1 << 5) | 1
VERSION = 20  # 2.0: deflate


@dataclass(frozen=True, eq=False)  # nothing compares or hashes two: a fresh build compiles no __eq__, __hash__
class Packed:
    """One member: its name, the CRC-32 and length of its bytes, and those bytes deflated (or stored)."""

    name: str
    crc: int
    size: int
    data: bytes
    method: int = DEFLATED

    def inflated(self) -> bytes:
        return self.data if self.method == STORED else zlib.decompress(self.data, -15)


def packed(name: str, data: bytes) -> Packed:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Packed(name, zlib.crc32(data), len(data), compressor.compress(data) + compressor.flush())


def stored(name: str, data: bytes) -> Packed:
    return Packed(name, zlib.crc32(data), len(data), data, STORED)


def zip_bytes(members: list[Packed]) -> bytes:
    """The zip file of *members*, in order (names are ASCII: the packages' part names)."""
    out, central = bytearray(), bytearray()
    for member in members:
        name = member.name.encode("ascii")
        sizes = (member.crc, len(member.data), member.size, len(name))
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, VERSION, VERSION, 0, member.method, 0,
                               DOS_DATE_1980_01_01, *sizes, 0, 0, 0, 0, 0, len(out)) + name
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, VERSION, 0, member.method, 0, DOS_DATE_1980_01_01, *sizes,
                           0)
        out += name + member.data
    count = len(members)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(out), 0)
    return bytes(out)


def read_members(data: bytes) -> list[Packed]:
    """The members of a zip ``zip_bytes`` wrote (no extra fields or comments), in order, still compressed."""
    count, size, start = struct.unpack_from("<HII", data, len(data) - 12)
    members, at = [], start
    for _ in range(count):
        fields = struct.unpack_from("<IHHHHHHIIIHHHHHII", data, at)
        method, crc, length, original, name_length, offset = fields[4], *fields[7:11], fields[16]
        name = data[at + 46:at + 46 + name_length].decode("ascii")
        begin = offset + 30 + name_length
        members.append(Packed(name, crc, original, data[begin:begin + length], method))
        at += 46 + name_length + sum(fields[11:13])
    return members
