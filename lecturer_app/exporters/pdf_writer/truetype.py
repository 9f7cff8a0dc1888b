"""A TrueType font read just enough to measure text and embed a subset of it in a PDF.

Reads cmap (formats 4 and 12), hmtx, loca and glyf with ``struct``: loading
reportlab's TrueType machinery costs a tenth of a second of every exam
build.  Widths are reportlab's to the last bit (advance × 1000 / unitsPerEm,
summed, then × size / 1000) so text laid out here breaks where it did.

The subset keeps glyph ids (the PDF maps CID = glyph id) and empties every
glyph not used: loca and glyf are rewritten, components of composite glyphs
are kept, the other tables a PDF renderer needs are copied.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

# Tables a PDF renderer reads from an embedded TrueType font (PDF 32000 §9.9, "FontFile2").
SUBSET_TABLES = (b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep")

# Composite glyph flags (OpenType glyf table).
ARG_WORDS, HAS_SCALE, MORE, XY_SCALE, TWO_BY_TWO = 0x1, 0x8, 0x20, 0x40, 0x80


class FontError(ValueError):
    """The font file cannot be read (a broken or unsupported shipped file: a bug, not a user's error)."""


class Descriptor:
    """The FontDescriptor values, in PDF glyph space (1/1000 em), as reportlab computes them.

    Plain classes here and in the other modules an exam build loads: a dataclass costs a fresh
    process about half a millisecond to build.
    """

    __slots__ = ("ascent", "descent", "cap_height", "bbox", "italic_angle", "stem_v", "flags")

    def __init__(self, ascent: float, descent: float, cap_height: float, bbox: tuple[float, float, float, float],
                 italic_angle: float, stem_v: int, flags: int) -> None:
        self.ascent, self.descent, self.cap_height, self.bbox = ascent, descent, cap_height, bbox
        self.italic_angle, self.stem_v, self.flags = italic_angle, stem_v, flags


class GlyphHex(dict[int, str]):
    """Code point → its glyph id as the four hexadecimal digits an Identity-H string holds (.notdef's when missing).

    A table for ``str.translate``, filled as it asks: a text is encoded in one C pass instead of a call per
    character (12,500 calls before an exam build's fork, for the first version's texts).
    """

    def __init__(self, cmap: dict[int, int]) -> None:
        super().__init__()
        self._cmap = cmap

    def __missing__(self, code: int) -> str:
        found = self[code] = f"{self._cmap.get(code, 0):04X}"
        return found


class TrueTypeFont:
    """One .ttf file: glyph ids and widths of characters, and subsets of its glyphs."""

    def __init__(self, path: Path) -> None:
        self.data = path.read_bytes()
        self.tables = _table_directory(self.data)
        head = self._table(b"head")
        self.units = struct.unpack_from(">H", head, 18)[0]
        self.long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        self.scale = 1000 / self.units
        self.glyph_count = struct.unpack_from(">H", self._table(b"maxp"), 4)[0]
        self.cmap = _read_cmap(self._table(b"cmap"))
        self.advances = self._read_advances()
        self.default_width = self.advances[0]
        self.postscript_name = self._read_name()
        self.descriptor = self._read_descriptor(head)
        self._widths: dict[str, float] = {}
        self.glyph_hex = GlyphHex(self.cmap)

    def _table(self, tag: bytes) -> bytes:
        try:
            offset, length = self.tables[tag]
        except KeyError:
            raise FontError(f"font without a {tag.decode()} table") from None
        return self.data[offset:offset + length]

    def _read_advances(self) -> list[float]:
        """Each glyph's advance in 1/1000 em; glyphs past numberOfHMetrics repeat the last one."""
        count = struct.unpack_from(">H", self._table(b"hhea"), 34)[0]
        raw = struct.unpack_from(f">{2 * count}H", self._table(b"hmtx"))[0::2]
        scale = self.scale
        advances = [aw * scale if scale != 1 else float(aw) for aw in raw]
        return advances + [advances[-1]] * (self.glyph_count - count)

    def _read_name(self) -> str:
        table = self._table(b"name")
        count, strings = struct.unpack_from(">2xHH", table)
        for index in range(count):
            platform, encoding, _lang, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * index)
            if name_id == 6:
                raw = table[strings + offset:strings + offset + length]
                return raw.decode("utf-16-be") if platform in (0, 3) or encoding else raw.decode("latin-1")
        raise FontError("font without a PostScript name")

    def _read_descriptor(self, head: bytes) -> Descriptor:
        scale = self.scale
        bbox = tuple(v * scale for v in struct.unpack_from(">4h", head, 36))
        os2 = self._table(b"OS/2")
        version, weight = struct.unpack_from(">H2xH", os2)
        ascent, descent = (v * scale for v in struct.unpack_from(">2h", os2, 68))
        cap = struct.unpack_from(">h", os2, 88)[0] * scale if version > 1 else ascent
        post = self._table(b"post")
        angle = struct.unpack_from(">h", post, 4)[0] + struct.unpack_from(">H", post, 6)[0] / 65536.0
        fixed = struct.unpack_from(">I", post, 12)[0]
        flags = 4 | (64 if angle else 0) | (262144 if weight >= 600 else 0) | (1 if fixed else 0)
        return Descriptor(ascent, descent, cap, (bbox[0], bbox[1], bbox[2], bbox[3]), angle,
                          50 + int((weight / 65.0) ** 2), flags)

    def glyph(self, char: str) -> int:
        """The glyph id of *char*; 0 (.notdef, drawn as a box) when the font lacks it, as reportlab does."""
        return self.cmap.get(ord(char), 0)

    def char_width(self, char: str) -> float:
        """Advance of *char* in 1/1000 em (the .notdef glyph's when missing)."""
        width = self._widths.get(char)
        if width is None:
            gid = self.cmap.get(ord(char))
            width = self._widths[char] = self.advances[gid] if gid is not None else self.default_width
        return width

    def string_width(self, text: str, size: float) -> float:
        """Width of *text* at *size* points, computed as reportlab's ``stringWidth``."""
        known, total = self._widths, 0.0
        for char in text:  # summed left to right, as reportlab's C code does (not Python 3.12's sum())
            width = known.get(char)
            total += width if width is not None else self.char_width(char)
        return total * 0.001 * size

    def glyph_advance(self, gid: int) -> float:
        return self.advances[gid] if gid < len(self.advances) else self.default_width

    def subset(self, used: frozenset[int]) -> bytes:
        """A font file with the glyphs *used* (plus .notdef and composite components) and every id kept."""
        glyf, loca = self._table(b"glyf"), self._offsets()
        keep = self._with_components(used | {0}, glyf, loca)
        parts, offsets, position = [], [], 0
        for gid in range(self.glyph_count):
            offsets.append(position)
            if gid in keep:
                piece = glyf[loca[gid]:loca[gid + 1]]
                piece += b"\0" * (-len(piece) % 4)
                parts.append(piece)
                position += len(piece)
        offsets.append(position)
        replaced = {b"glyf": b"".join(parts), b"loca": struct.pack(f">{len(offsets)}I", *offsets),
                    b"head": self._head_for_long_loca()}
        return _font_file({tag: replaced.get(tag) or self._table(tag) for tag in SUBSET_TABLES
                           if tag in self.tables})

    def _offsets(self) -> list[int]:
        loca = self._table(b"loca")
        count = self.glyph_count + 1
        if self.long_loca:
            return list(struct.unpack_from(f">{count}I", loca))
        return [v * 2 for v in struct.unpack_from(f">{count}H", loca)]

    def _head_for_long_loca(self) -> bytes:
        """head with indexToLocFormat = 1 (the rewritten loca has 32-bit offsets) and no checksum adjustment."""
        head = bytearray(self._table(b"head"))
        head[8:12] = b"\0\0\0\0"
        head[50:52] = struct.pack(">h", 1)
        return bytes(head)

    @staticmethod
    def _with_components(gids: frozenset[int], glyf: bytes, loca: list[int]) -> set[int]:
        """*gids* and every glyph a composite among them is built from, recursively."""
        keep, todo = set(), list(gids)
        while todo:
            gid = todo.pop()
            if gid in keep or gid + 1 >= len(loca):
                continue
            keep.add(gid)
            start, end = loca[gid], loca[gid + 1]
            if end - start >= 10 and struct.unpack_from(">h", glyf, start)[0] < 0:
                todo.extend(_components(glyf, start + 10))
        return keep


def _components(glyf: bytes, position: int) -> list[int]:
    found = []
    while True:
        flags, gid = struct.unpack_from(">HH", glyf, position)
        found.append(gid)
        position += 4 + (4 if flags & ARG_WORDS else 2)
        position += 2 if flags & HAS_SCALE else 4 if flags & XY_SCALE else 8 if flags & TWO_BY_TWO else 0
        if not flags & MORE:
            return found


def _table_directory(data: bytes) -> dict[bytes, tuple[int, int]]:
    if len(data) < 12 or data[:4] not in (b"\0\1\0\0", b"true"):
        raise FontError("not a TrueType font file")
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        tables[tag] = (offset, length)
    return tables


def _read_cmap(table: bytes) -> dict[int, int]:
    """Code point → glyph id from the Unicode subtable (format 12 preferred, else format 4)."""
    count = struct.unpack_from(">H", table, 2)[0]
    found: dict[int, int] = {}
    best = None
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", table, 4 + 8 * index)
        fmt = struct.unpack_from(">H", table, offset)[0]
        if (platform, encoding, fmt) in ((3, 10, 12), (0, 4, 12)):
            best = (fmt, offset)
            break
        if best is None and fmt == 4 and (platform == 3 and encoding == 1 or platform == 0):
            best = (fmt, offset)
    if best is None:
        raise FontError("font without a Unicode cmap")
    fmt, offset = best
    if fmt == 12:
        groups = struct.unpack_from(">I", table, offset + 12)[0]
        for index in range(groups):
            start, end, gid = struct.unpack_from(">3I", table, offset + 16 + 12 * index)
            for code in range(start, end + 1):
                found[code] = gid + code - start
        return found
    segments = struct.unpack_from(">H", table, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", table, offset + 14)
    base = offset + 16 + 2 * segments
    starts = struct.unpack_from(f">{segments}H", table, base)
    deltas = struct.unpack_from(f">{segments}h", table, base + 2 * segments)
    ranges_at = base + 4 * segments
    ranges = struct.unpack_from(f">{segments}H", table, ranges_at)
    for seg in range(segments):
        for code in range(starts[seg], ends[seg] + 1):
            if code == 0xFFFF:
                continue
            if ranges[seg] == 0:
                gid = (code + deltas[seg]) & 0xFFFF
            else:
                where = ranges_at + 2 * seg + ranges[seg] + 2 * (code - starts[seg])
                gid = struct.unpack_from(">H", table, where)[0]
                gid = (gid + deltas[seg]) & 0xFFFF if gid else 0
            if gid:
                found[code] = gid
    if 0x20 in found:  # reportlab measures a no-break space as a space
        found.setdefault(0xA0, found[0x20])
    return found


def _font_file(tables: dict[bytes, bytes]) -> bytes:
    """An sfnt file with *tables* (tags sorted, each 4-byte aligned, checksums filled in)."""
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16)
    directory, body = [], []
    offset = 12 + 16 * count
    for tag in sorted(tables):
        data = tables[tag]
        padded = data + b"\0" * (-len(data) % 4)
        directory.append(struct.pack(">4sIII", tag, _checksum(padded), offset, len(data)))
        body.append(padded)
        offset += len(padded)
    return header + b"".join(directory) + b"".join(body)


def _checksum(data: bytes) -> int:
    return sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF


@lru_cache(maxsize=16)
def load_font(path: Path) -> TrueTypeFont:
    """The font at *path*, read once per process."""
    return TrueTypeFont(path)
