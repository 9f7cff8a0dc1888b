"""Refusing input files that would take more memory to read than a laptop has to spare.

Office files (DOCX, PPTX, XLSX) are zips, checked by :func:`check_zip`;
text question files by their lines and Moodle XML by its tags
(:func:`check_estimate`).

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

import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO

from lecturer_app.core.errors import InputFileError
from lecturer_app.i18n import _

MEMORY_BUDGET = 400 * 1024 * 1024  # with the app's own ~100 MB, under 500 MB over the baseline
DOCUMENT_TAG_BYTES = 800
SHEET_TAG_BYTES = 40
# A text line or an XML tag of a question file becomes about this much (ImportResult, Question, Line…):
# measured 1.7–4 KB per line on files of one-line and three-line questions.
TEXT_LINE_BYTES = 4096
CELL_BYTES = 80  # a CSV cell: a short str and its slot in the row's tuple
# calamine holds a sheet as a dense rectangle (32 bytes a cell) and hands it over as lists of lists
# (8 more): one cell at XFD100000 is 1.6 billion cells, 52 GB, whatever the file's size.
GRID_CELL_BYTES = 40
# A cell reference (r="S10001" after a non-word character: ``\br="``), and the end of a sheet's dimension.  Two
# patterns, the first beginning with its literal text, which re then looks for at C speed: one pattern with
# the two alternatives in front tried both at every byte of the sheet (three times slower, issue #16).
# Any number of letters and digits: a damaged or hostile sheet's r="A4294967297" is no reference Excel writes
# (XFD1048576 is its last cell), yet calamine reads it and allocates the grid it spans (a 1.6 TB allocation
# aborted the whole process: Rust's out-of-memory handler, past any Python error handling).
_CELL_REF = re.compile(rb'r="(?<!\wr=")([A-Z]+)([0-9]+)"')
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]+[0-9]+:)?([A-Z]+)([0-9]+)"')
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
# A reference _CELL_REF would read as past column Z or past row 99,999 (a letter and six or seven digits, leading
# zeros aside).  A sheet with none, and a dimension within the same, spans at most 26 × 99,999 cells, under
# the budget: one search proves it, without reading every reference (issue #16).  Anything else is measured.
_WIDE_OR_LONG = re.compile(rb'r="(?<!\wr=")[A-Z](?:[A-Z]+[0-9]+|0*[1-9][0-9]{5,})"')
_PAST_ANY_SHEET = 10 ** 12  # a row or column number of more digits than this counts as this (int() has a limit)
_SMALL_GRID = (99_999, 26)
CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, then the name and extra field lengths
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def check_zip(path: Path, tag_bytes: int = DOCUMENT_TAG_BYTES, *, sheet_grids: bool = False) -> None:
    """Refuse files that are not zips, or whose members would take more than ``MEMORY_BUDGET`` to read.

    With *sheet_grids* (a workbook read by calamine), a worksheet is also refused when its cells span a
    grid too large to hold densely (:data:`GRID_CELL_BYTES`), found in the same pass: each member is
    inflated once (a second pass over the sheets was a tenth of an XLSX import's checks, issue #16).
    """
    try:
        with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
            estimate = _Estimate(path, tag_bytes)
            for info in archive.infolist():
                chunks = estimate.counted(info, _inflated(archive, raw, info))
                if sheet_grids and _SHEET.match(info.filename) and not _within_small_grid(chunks):
                    rows, columns = _sheet_extent(_inflated(archive, raw, info))  # read again, measured
                    if rows * columns * GRID_CELL_BYTES > MEMORY_BUDGET:
                        raise _too_big(path, info.filename)
                else:
                    for _chunk in chunks:
                        pass
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise InputFileError(path, "", _("tệp bị hỏng hoặc không phải tệp Office (.xlsx/.docx/.pptx)")) from exc


class _Estimate:
    """The memory reading a zip's members would take, counted as they inflate; refused past the budget."""

    def __init__(self, path: Path, tag_bytes: int) -> None:
        self.path, self.tag_bytes, self.total = path, tag_bytes, 0

    def counted(self, info: zipfile.ZipInfo, chunks: Iterator[bytes]) -> Iterator[bytes]:
        """*chunks* of member *info*, each counted before it is passed on."""
        xml = info.filename.lower().endswith(_XML_SUFFIXES)
        for chunk in chunks:
            self.total += len(chunk) + (chunk.count(b"<") * self.tag_bytes if xml else 0)
            if self.total > MEMORY_BUDGET:
                raise _too_big(self.path, info.filename)
            yield chunk


def check_estimate(path: Path, estimate: int) -> None:
    """Refuse *path* when reading it is estimated to take more than ``MEMORY_BUDGET``."""
    if estimate > MEMORY_BUDGET:
        raise _too_big(path, "")


def count_tags(path: Path) -> int:
    """How many ``<`` the file holds (read in chunks): its XML tags, a measure of the tree it becomes."""
    with open(path, "rb") as source:
        return sum(chunk.count(b"<") for chunk in iter(lambda: source.read(CHUNK), b""))


def _within_small_grid(chunks: Iterator[bytes]) -> bool:
    """Whether no reference of a sheet (nor its dimension) reaches past :data:`_SMALL_GRID`; reads every chunk."""
    small = True
    tail = b""
    for chunk in chunks:
        if small:
            text = tail + chunk
            small = _WIDE_OR_LONG.search(text) is None and all(
                len(letters) == 1 and _number(digits) <= _SMALL_GRID[0] for letters, digits in _DIMENSION.findall(text))
            tail = text[-40:]  # a reference cut between two chunks is found in the next pass
    return small


def _sheet_extent(chunks: Iterator[bytes]) -> tuple[int, int]:
    """The last row and column any cell reference or the dimension of a sheet names."""
    rows = columns = 0
    tail = b""
    for chunk in chunks:
        text = tail + chunk
        refs = _CELL_REF.findall(text) + _DIMENSION.findall(text)
        if refs:  # one max over each column of matches, and each column's letters converted once
            rows = max(rows, max(map(_number, map(itemgetter(1), refs))))
            columns = max(columns, max(map(_column_number, set(map(itemgetter(0), refs)))))
        tail = text[-40:]  # a reference cut between two chunks is found in the next pass
    return rows, columns


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 12 else _PAST_ANY_SHEET


def _column_number(letters: bytes) -> int:
    if len(letters) > 8:
        return _PAST_ANY_SHEET
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


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
