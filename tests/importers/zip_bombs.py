"""Hostile Office files made on the fly: zip bombs, zips that lie about their sizes, pixel bombs."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

# Tiny Word runs: the densest XML for a reader (four tags in 22 bytes), and it deflates about 1000:1.
WORD_RUNS = b"<w:r><w:t>a</w:t></w:r>"


def small_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def small_pptx() -> bytes:
    import pptx

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Bài 1"
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()


def small_xlsx() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Câu hỏi", "Phương án A", "Phương án B", "Đáp án"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PPTX_TAIL = (b"</a:p></p:txBody></p:sp></p:spTree></p:cSld>"
             b"<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>")
# (base file, the member to inflate, what opens it, what closes it, the repeated unit)
KINDS = {
    "docx": (small_docx, "word/document.xml", b"<w:body>", b"<w:p>", b"</w:p></w:body></w:document>", WORD_RUNS),
    "pptx": (small_pptx, "ppt/slides/slide1.xml", b"<a:p>", b"", PPTX_TAIL, b"<a:r><a:t>a</a:t></a:r>"),
    "xlsx": (small_xlsx, "xl/worksheets/sheet1.xml", b"<sheetData>", b"", b"</sheetData></worksheet>",
             b"<row><c t=\"n\"><v>1</v></c><c t=\"n\"><v>2</v></c></row>"),
}


def zip_bomb(path: Path, megabytes: int, kind: str = "docx") -> Path:
    """A valid Office file whose main part holds *megabytes* MB of its densest XML, streamed (little memory)."""
    base, member, opening, head, tail, unit = KINDS[kind]
    with zipfile.ZipFile(io.BytesIO(base())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != member:
                target.writestr(info.filename, source.read(info.filename))
                continue
            before, _sep, _after = source.read(member).partition(opening)
            with target.open(member, "w", force_zip64=True) as out:
                out.write(before + opening + head)
                block = unit * ((1 << 20) // len(unit))
                for _ in range(megabytes):
                    out.write(block)
                out.write(tail)
    return path


def lying_zip(path: Path, megabytes: int, kind: str = "docx") -> Path:
    """An Office file whose main part declares 1,000 bytes (with their CRC) but inflates to *megabytes* MB."""
    zip_bomb(path, megabytes, kind)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(KINDS[kind][1])
        with archive.open(info) as member:
            crc = zlib.crc32(member.read(1000))
        central = _central_entry(data, archive.start_dir, info.filename.encode())
    _patch_sizes(data, info.header_offset, central, 1000, crc)
    path.write_bytes(bytes(data))
    return path


def _central_entry(data: bytearray, offset: int, name: bytes) -> int:
    while data[offset + 46:offset + 46 + len(name)] != name:
        lengths = struct.unpack_from("<HHH", data, offset + 28)
        offset += 46 + sum(lengths)
    return offset


def _patch_sizes(data: bytearray, local: int, central: int, size: int, crc: int) -> None:
    """Write *size* and *crc* into the member's local header and central directory entry."""
    name_length = struct.unpack_from("<H", data, central + 28)[0]
    struct.pack_into("<I", data, local + 14, crc)
    struct.pack_into("<I", data, central + 16, crc)
    if struct.unpack_from("<I", data, local + 22)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, local + 22, size)
    if struct.unpack_from("<I", data, central + 24)[0] != 0xFFFFFFFF:
        struct.pack_into("<I", data, central + 24, size)
    _patch_zip64(data, central, name_length, size)


def _patch_zip64(data: bytearray, central: int, name_length: int, size: int) -> None:
    """Sizes kept in the zip64 extra fields (force_zip64 puts them there)."""
    extra_length = struct.unpack_from("<H", data, central + 30)[0]
    extra = central + 46 + name_length
    end = extra + extra_length
    while extra < end:
        tag, length = struct.unpack_from("<HH", data, extra)
        if tag == 1:
            struct.pack_into("<Q", data, extra + 4, size)
        extra += 4 + length


def small_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def swap_pictures(path: Path, picture: bytes) -> Path:
    """Replace every PNG inside the Office file at *path* by *picture* (as a pixel bomb would sit in it)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, picture if info.filename.endswith(".png") else data)
    return path
