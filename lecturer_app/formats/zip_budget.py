"""Refusing Office files (DOCX, PPTX, XLSX) that would take more memory than a laptop has to spare.

An Office file is a zip.  The sizes a zip declares can lie, and a small file
can inflate to gigabytes, so every member is inflated here once, in small
chunks, from its compressed bytes (never trusting the declared sizes), and
the memory the readers would need is estimated from what actually comes out:

* every inflated byte (python-docx and python-pptx keep each part in memory);
* every XML tag, which becomes a tree node and, in the importers, Python
  objects: about ``DOCUMENT_TAG_BYTES`` each for Word and PowerPoint
  (measured: a 5,000-question DOCX, 200,000 tags, takes 150 MB), about
  ``SHEET_TAG_BYTES`` for a workbook read by calamine.

The file is refused as soon as the estimate passes ``MEMORY_BUDGET``, so
refusing a bomb costs at most that much inflating and almost no memory.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from lecturer_app.core.errors import InputFileError
from lecturer_app.i18n import _

MEMORY_BUDGET = 400 * 1024 * 1024  # with the app's own ~100 MB, under 500 MB over the baseline
DOCUMENT_TAG_BYTES = 800
SHEET_TAG_BYTES = 40
CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name and extra field lengths
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_zip(path: Path, tag_bytes: int = DOCUMENT_TAG_BYTES) -> None:
    """Refuse files that are not zips, or whose members would take more than ``MEMORY_BUDGET`` to read."""
    try:
        with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
            estimate = 0
            for info in archive.infolist():
                for chunk in _inflated(archive, raw, info):
                    estimate += len(chunk)
                    if info.filename.lower().endswith(_XML_SUFFIXES):
                        estimate += chunk.count(b"<") * tag_bytes
                    if estimate > MEMORY_BUDGET:
                        raise _too_big(path, info.filename)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise InputFileError(path, "", _("tệp bị hỏng hoặc không phải tệp Office (.xlsx/.docx/.pptx)")) from exc


def _too_big(path: Path, member: str) -> InputFileError:
    return InputFileError(path, member, _(
        "tệp giải nén ra quá lớn (cần hơn {mb} MB bộ nhớ để đọc), có thể là tệp độc hại; "
        "nếu là tài liệu thật, hãy tách thành nhiều tệp nhỏ hơn").format(mb=MEMORY_BUDGET >> 20))


def _inflated(archive: zipfile.ZipFile, raw: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The member's bytes as they inflate, in chunks of at most ``CHUNK``, whatever sizes it declares."""
    if info.compress_type == zipfile.ZIP_DEFLATED:
        yield from _deflated(raw, _data_offset(raw, info))
    elif info.compress_type == zipfile.ZIP_STORED:  # its bytes as they sit in the file (no more than the file)
        raw.seek(_data_offset(raw, info))
        for start in range(0, info.compress_size, CHUNK):
            yield raw.read(min(CHUNK, info.compress_size - start))
    else:  # bzip2, lzma: rare in Office files; zipfile stops at the declared size and checks the CRC
        with archive.open(info) as member:
            yield from iter(lambda: member.read(CHUNK), b"")


def _data_offset(raw: BinaryIO, info: zipfile.ZipInfo) -> int:
    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size:
        raise zipfile.BadZipFile(info.filename)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise zipfile.BadZipFile(info.filename)
    return info.header_offset + _LOCAL_HEADER.size + name_length + extra_length


def _deflated(raw: BinaryIO, offset: int) -> Iterator[bytes]:
    """Inflate the deflate stream at *offset* until it ends (its declared sizes are not read)."""
    raw.seek(offset)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    while not inflater.eof:
        data = raw.read(CHUNK) if not inflater.unconsumed_tail else inflater.unconsumed_tail
        if not data:
            raise EOFError("deflate stream cut short")
        yield inflater.decompress(data, CHUNK)
