"""A smaller ICU data library for the Linux build: what Qt asks ICU for, for Vietnamese and English.

Qt Core links ICU on Linux, and ``libicudata.so.NN`` carries the data of every
locale, every legacy character set and the dictionaries of Chinese, Japanese,
Thai, Khmer, Lao and Burmese word breaking: 32 MB, a fifth of the folder.  Qt
uses ICU for collation (``QCollator``: the file dialog's sorting), case
mapping and time-zone names; Python and the app's own code never touch it.
So build.spec replaces the library with one whose data package keeps:

* every item that is not a locale's data (the Unicode properties, the root
  collation table, plural rules, likely subtags, the string pools…);
* the data of the locales of :data:`LANGUAGES` (``vi``, ``en`` and their
  regional variants) in every tree (locales, collation, currencies,
  languages, regions, units, zones, number spelling);

and leaves out the other locales' data, the converter tables (``*.cnv``:
Qt decodes UTF-8 itself, and the app reads files with Python's codecs),
transliteration, and the word-break dictionaries.  A locale left out falls
back to the root locale, as ICU does for any locale it does not know.
``tests/packaging/test_icu_data.py`` checks the package format and, on the
frozen build, that ICU still collates Vietnamese as Vietnamese.

The common data format (ICU ``udata``): a header (size, magic ``0xda27``,
``UDataInfo`` with the format ``CmnD``), then the table of contents: a count,
then for each item the offsets of its name and of its data, both from the
start of the table; names are sorted (ICU searches them by bisection) and
every item's data starts on a 16-byte boundary.
"""

from __future__ import annotations

import re
import struct
import subprocess
from pathlib import Path

LANGUAGES = ("vi", "en")
ALIGN = 16
PADDING = b"\xaa"  # what ICU's own packager fills the gaps with
# A locale's own file: a language (2–3 letters), optionally a script, region or variant ("en_001", "vi_VN").
LOCALE_FILE = re.compile(r"^([a-z]{2,3})(_[A-Za-z0-9]+)*\.res$")
LEFT_OUT_TREES = ("translit",)
LEFT_OUT_SUFFIXES = (".cnv", ".dict")
NOT_LOCALES = ("res_index.res",)


def kept(name: str) -> bool:
    """Whether the item *name* ("icudt73l/coll/vi.res") stays in the trimmed package."""
    parts = name.split("/")[1:]
    base = parts[-1]
    if base.endswith(LEFT_OUT_SUFFIXES) or (len(parts) > 1 and parts[0] in LEFT_OUT_TREES):
        return False
    locale = LOCALE_FILE.match(base)
    return base in NOT_LOCALES or locale is None or locale.group(1) in LANGUAGES


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The header of a common data package, and its items (name, data) in the table's order."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    table = blob[header_size:]
    count = struct.unpack_from("<I", table, 0)[0]
    entries = [struct.unpack_from("<II", table, 4 + 8 * index) for index in range(count)]
    ends = [data for _name, data in entries[1:]] + [len(table)]
    items = [(table[name:table.index(b"\0", name)].decode("ascii"), table[data:end])
             for (name, data), end in zip(entries, ends)]
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A common data package of *items* (already sorted by name) under *header*."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _data in items)
    name_offsets, offset = [], 4 + 8 * len(items)
    for name, _data in items:
        name_offsets.append(offset)
        offset += len(name) + 1
    data_offsets, body = [], bytearray()
    start = _aligned(offset)
    for _name, data in items:
        data_offsets.append(start + len(body))
        body += data + PADDING * (_aligned(len(data)) - len(data))
    table = struct.pack("<I", len(items)) + b"".join(
        struct.pack("<II", name, data) for name, data in zip(name_offsets, data_offsets))
    return header + table + names + PADDING * (start - offset) + bytes(body)


def _aligned(size: int) -> int:
    return -(-size // ALIGN) * ALIGN


def trimmed_package(blob: bytes) -> bytes:
    header, items = read_package(blob)
    return write_package(header, [(name, data) for name, data in items if kept(name)])


def library_package(library: Path) -> tuple[str, bytes]:
    """The data symbol ("icudt73_dat") of an ICU data library and the package it holds."""
    symbols = subprocess.run(["readelf", "-W", "--dyn-syms", str(library)], capture_output=True, text=True,
                             check=True).stdout
    found = re.search(r"\s0*([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\w+\s+\d+\s+(icudt\d+_dat)\s*$",
                      symbols, re.MULTILINE)
    if found is None:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    address, size = int(found.group(1), 16), int(found.group(2), 0)
    sections = subprocess.run(["readelf", "-W", "-S", str(library)], capture_output=True, text=True,
                              check=True).stdout
    rodata = re.search(r"\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+([0-9a-f]+)", sections)
    if rodata is None:
        raise ValueError(f"{library}: no .rodata section")
    offset = address - int(rodata.group(1), 16) + int(rodata.group(2), 16)
    return found.group(3), library.read_bytes()[offset:offset + size]


def trim_library(library: Path, work: Path) -> Path:
    """A copy of the ICU data library *library*, trimmed, built in *work* (binutils: as, ld)."""
    symbol, package = library_package(library)
    work.mkdir(parents=True, exist_ok=True)
    data = work / "icudata.dat"
    data.write_bytes(trimmed_package(package))
    source = work / "icudata.s"
    source.write_text(
        "\t.section .rodata\n\t.balign 16\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n{symbol}:\n"
        f"\t.incbin \"{data.name}\"\n\t.size {symbol}, . - {symbol}\n"
        "\t.section .note.GNU-stack,\"\",@progbits\n", encoding="ascii")
    subprocess.run(["as", "-o", "icudata.o", source.name], cwd=work, check=True)
    target = work / library.name
    subprocess.run(["ld", "-shared", "-z", "noexecstack", "-soname", library.name, "-o", str(target), "icudata.o"],
                   cwd=work, check=True)
    return target
