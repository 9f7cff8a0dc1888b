"""Seeded mutations of an input file: the damage a broken, wrong, huge or hostile file brings.

Every mutation is a function ``(rng, data, name) -> (bytes, description)``;
the same ``random.Random`` state gives the same bytes, so a mutant is named by
its run seed and number and rebuilt from its seed file (never stored).  Zip
files (xlsx, docx, pptx, lbb) get zip-level damage and the XML/text damage
inside one member; text files get the text damage directly.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from collections.abc import Callable

Mutation = Callable[[random.Random, bytes, str], tuple[bytes, str]]

ZIP_MAGIC = b"PK\x03\x04"
PNG_MAGIC, JPEG_MAGIC, TIFF_MAGIC = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00"


# --- byte-level damage, any file --------------------------------------------------------------------

def truncate(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    cut = rng.randrange(len(data)) if data else 0
    return data[:cut], f"truncated at {cut}/{len(data)}"


def flip_bytes(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    damaged = bytearray(data)
    places = sorted(rng.randrange(len(data)) for _ in range(rng.choice((1, 2, 8)))) if data else []
    for place in places:
        damaged[place] ^= 1 << rng.randrange(8)
    return bytes(damaged), f"bits flipped at {places}"


def nul_bytes(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    place = rng.randrange(len(data) + 1)
    count = rng.choice((1, 16, 4096))
    return data[:place] + b"\x00" * count + data[place:], f"{count} NUL bytes at {place}"


# --- text damage: encodings, numbers, nesting ---------------------------------------------------------

# TCVN3 (ABC) and VNI bytes of a few Vietnamese letters: what a file typed with the legacy fonts holds.
_LEGACY_LETTERS = {"TCVN3": {"ă": b"\xa8", "â": b"\xa9", "đ": b"\xae", "ê": b"\xaa", "ô": b"\xab", "ơ": b"\xac",
                             "ư": b"\xad", "à": b"\xb5", "ả": b"\xb6", "ế": b"\xd5", "ệ": b"\xd6", "ộ": b"\xe8"},
                   "VNI": {"ă": b"a\xea", "â": b"a\xe2", "đ": b"\xf1", "ê": b"e\xe2", "ô": b"o\xe2",
                           "ơ": b"\xf4", "ư": b"\xf6", "à": b"a\xf8", "ả": b"a\xfb", "ế": b"e\xe1",
                           "ệ": b"e\xe4", "ộ": b"o\xe4"}}


def wrong_encoding(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    text = data.decode("utf-8", errors="replace")
    encoding = rng.choice(("utf-16", "utf-16-le", "utf-8-bom", "cp1258", "TCVN3", "VNI", "double-bom"))
    if encoding == "utf-8-bom":
        return b"\xef\xbb\xbf" + data, encoding
    if encoding == "double-bom":
        return b"\xef\xbb\xbf\xff\xfe" + data, encoding
    if encoding in _LEGACY_LETTERS:
        table = _LEGACY_LETTERS[encoding]
        return b"".join(table.get(char, char.encode("utf-8")) for char in text), encoding
    return text.encode(encoding, errors="replace"), encoding


_ABSURD_NUMBERS = ("99999999999999999999999999", "-1", "0", "1e308", "NaN", "-0", "4294967297", "1" * 5000,
                   "١٢", "1,5,5", "0x10")


def absurd_numbers(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    numbers = list(re.finditer(rb"\d+", data))
    if not numbers:
        return data + _ABSURD_NUMBERS[0].encode(), "absurd number appended"
    chosen = rng.sample(numbers, min(len(numbers), rng.choice((1, 3, 20))))
    damaged = data
    for match in sorted(chosen, key=lambda m: m.start(), reverse=True):
        damaged = damaged[:match.start()] + rng.choice(_ABSURD_NUMBERS).encode() + damaged[match.end():]
    return damaged, f"{len(chosen)} numbers made absurd"


def huge_line(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    place = rng.randrange(len(data) + 1)
    size = rng.choice((100_000, 5_000_000))
    return data[:place] + b"A" * size + data[place:], f"{size}-byte run at {place}"


# --- XML damage (moodle xml, and every member of an office file) ------------------------------------

_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else b"&lol;") * 10)
                      for n in range(1, 10)) + b"]>\n")
_EXTERNAL = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'


def _after_prolog(data: bytes) -> tuple[bytes, bytes]:
    """(XML declaration and doctype, the rest): where a DOCTYPE or a root's content goes."""
    match = re.match(rb"\s*(<\?xml[^>]*\?>)?\s*", data)
    end = match.end() if match else 0
    return data[:end], data[end:]


def entity_expansion(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    _prolog, rest = _after_prolog(data)
    doctype, entity = (_LAUGHS, b"&lol9;") if rng.random() < 0.7 else (_EXTERNAL, b"&xxe;")
    text_at = rest.find(b"><")
    body = rest if text_at < 0 else rest[:text_at + 1] + entity + rest[text_at + 1:]
    return doctype + body, "entity expansion (billion laughs)" if entity == b"&lol9;" else "external entity"


def deep_nesting(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    depth = rng.choice((1_000, 100_000))
    text_at = data.find(b"><")
    if text_at < 0:
        return b"<a>" * depth + data, f"{depth} nested elements in front"
    return data[:text_at + 1] + b"<a>" * depth + b"</a>" * depth + data[text_at + 1:], f"{depth} nested elements"


def huge_attribute(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    tag = re.search(rb"<[A-Za-z][\w:.-]*", data[data.find(b"<", 1) if data.startswith(b"<?") else 0:])
    if tag is None:
        return data, "no element"
    start = (data.find(b"<", 1) if data.startswith(b"<?") else 0) + tag.end()
    size = rng.choice((1_000_000, 30_000_000))
    return data[:start] + b' huge="' + b"x" * size + b'"' + data[start:], f"{size}-byte attribute"


def many_attributes(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    start = data.find(b">", data.find(b"<", 1) if data.startswith(b"<?") else 0)
    if start < 0:
        return data, "no element"
    count = 100_000
    return data[:start] + b"".join(b' a%d="1"' % n for n in range(count)) + data[start:], f"{count} attributes"


def xml_junk(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    """A tag cut in half, an unknown namespace prefix or a stray ``&``: XML that is not well formed."""
    place = rng.randrange(len(data) + 1)
    junk = rng.choice((b"<", b"&", b"<x:y>", b"]]>", b"</w:p>", b"\xff\xfe"))
    return data[:place] + junk + data[place:], f"{junk!r} at {place}"


TEXT_MUTATIONS: tuple[Mutation, ...] = (truncate, flip_bytes, nul_bytes, wrong_encoding, absurd_numbers, huge_line)
XML_MUTATIONS: tuple[Mutation, ...] = (truncate, flip_bytes, nul_bytes, wrong_encoding, absurd_numbers,
                                       entity_expansion, deep_nesting, huge_attribute, many_attributes, xml_junk)


def _is_xml(data: bytes) -> bool:
    return data.lstrip()[:1] == b"<"


def mutate_text(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    mutation = rng.choice(XML_MUTATIONS if _is_xml(data) else TEXT_MUTATIONS)
    mutated, what = mutation(rng, data, name)
    return mutated, f"{mutation.__name__}: {what}"


# --- zip damage (xlsx, docx, pptx, lbb) --------------------------------------------------------------

def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns on a duplicate name: that is the damage
        for info, content in members:
            archive.writestr(info, content)
    return buffer.getvalue()


def _pick_member(rng: random.Random, members: list[tuple[zipfile.ZipInfo, bytes]]) -> int:
    """A member, the XML parts that hold the content more often than the rest."""
    weighted = [index for index, (info, _content) in enumerate(members)
                for _ in range(4 if re.search(r"(document|slide\d|sheet\d|sharedStrings|Content_Types|manifest)",
                                              info.filename) else 1)]
    return rng.choice(weighted)


def zip_member_mutation(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    members = _members(data)
    index = _pick_member(rng, members)
    info, content = members[index]
    action = rng.choice(("mutate", "mutate", "mutate", "remove", "duplicate", "rename", "empty", "traversal"))
    if action == "mutate":
        mutated, what = mutate_text(rng, content, info.filename)
        members[index] = (info, mutated)
        return _rezip(members), f"member {info.filename}: {what}"
    if action == "remove":
        del members[index]
        return _rezip(members), f"member {info.filename} removed"
    if action == "duplicate":
        mutated, what = mutate_text(rng, content, info.filename)
        members.insert(index + 1, (info, mutated))
        return _rezip(members), f"member {info.filename} duplicated ({what})"
    if action == "empty":
        members[index] = (info, b"")
        return _rezip(members), f"member {info.filename} emptied"
    renamed = zipfile.ZipInfo("../" * 3 + info.filename if action == "traversal" else info.filename + ".bak",
                              info.date_time)
    members[index] = (renamed, content)
    return _rezip(members), f"member {info.filename} renamed to {renamed.filename}"


# --- image headers (scans: PNG, JPEG, TIFF) --------------------------------------------------------

# 0 and 1: no page; 65535 and 30000: the largest a header field holds, a pixel bomb; 2^31 - 1: past a signed int.
_ABSURD_SIDES = (0, 1, 3, 30_000, 65_535, 2**31 - 1)


def image_header(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    """The width and/or height a PNG, JPEG or TIFF declares made absurd, the rest intact (a PNG's CRC made
    right again, so a decoder believes the header)."""
    import struct
    import zlib

    width, height = rng.choice(_ABSURD_SIDES), rng.choice(_ABSURD_SIDES)
    damaged = bytearray(data)
    if data.startswith(PNG_MAGIC):
        struct.pack_into(">II", damaged, 16, width % 2**32, height % 2**32)
        struct.pack_into(">I", damaged, 29, zlib.crc32(bytes(damaged[12:29])))
    elif data.startswith(JPEG_MAGIC) and (frame := re.search(rb"\xff[\xc0-\xc2]", data)):
        width, height = width % 2**16, height % 2**16
        struct.pack_into(">HH", damaged, frame.start() + 5, height, width)
    elif data.startswith(TIFF_MAGIC):
        _tiff_sides(damaged, width, height)
    else:
        return data, "no image header"
    return bytes(damaged), f"declared {width} × {height}"


def _tiff_sides(data: bytearray, width: int, height: int) -> None:
    """ImageWidth (256) and ImageLength (257) of the first page of a little-endian TIFF set in place."""
    import struct

    ifd = struct.unpack_from("<I", data, 4)[0]
    for entry in range(struct.unpack_from("<H", data, ifd)[0] if ifd + 2 <= len(data) else 0):
        at = ifd + 2 + 12 * entry
        tag, kind = struct.unpack_from("<HH", data, at)
        if tag in (256, 257):
            value = width if tag == 256 else height
            struct.pack_into("<H" if kind == 3 else "<I", data, at + 8, value % (2**16 if kind == 3 else 2**32))


# --- JSON damage (exam.json, the «đã có» want file) -------------------------------------------------

_WRONG_VALUES: tuple[object, ...] = (None, "", "x", -1, 10**30, 1.5, float("inf"), [], {}, [[[]]], True, "\u0000",
                                     "../../etc/passwd", "A" * 100_000)


def _paths(value: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Every place in a JSON value, as the keys and indexes leading to it."""
    places = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            places += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:50]):
            places += _paths(item, (*path, index))
    return places


def json_structure(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    """A value of the wrong type, a key removed, a list made huge, or the whole nested deep."""
    import json

    value = json.loads(data)
    action = rng.choice(("wrong", "wrong", "remove", "huge", "deep"))
    if action == "deep":
        depth = rng.choice((1_000, 100_000))
        return b"[" * depth + data + b"]" * depth, f"nested {depth} deep"
    place = rng.choice(_paths(value)[1:] or [()])
    if not place:
        return json.dumps(rng.choice(_WRONG_VALUES)).encode(), "whole document replaced"
    parent = value
    for key in place[:-1]:
        parent = parent[key]  # type: ignore[index]
    key = place[-1]
    if action == "remove" and isinstance(parent, dict):
        del parent[key]
        return json.dumps(value).encode(), f"key {place} removed"
    if action == "huge":
        parent[key] = [parent[key]] * 200_000  # type: ignore[index]
        return json.dumps(value).encode(), f"{place} made a list of 200000"
    wrong = rng.choice(_WRONG_VALUES)
    parent[key] = wrong  # type: ignore[index]
    return json.dumps(value, allow_nan=True).encode(), f"{place} = {str(wrong)[:30]!r}"


def mutate(rng: random.Random, data: bytes, name: str) -> tuple[bytes, str]:
    """One seeded mutation of *data* (a file named *name*), fitting its kind, and what was done."""
    if name.endswith(".json") and rng.random() < 0.6:
        return json_structure(rng, data, name)
    if data.startswith((PNG_MAGIC, JPEG_MAGIC, TIFF_MAGIC)) and rng.random() < 0.3:
        mutated, what = image_header(rng, data, name)
        return mutated, f"image_header: {what}"
    if data.startswith(ZIP_MAGIC) and rng.random() < 0.7:
        try:
            return zip_member_mutation(rng, data, name)
        except zipfile.BadZipFile:
            pass
    mutation = rng.choice((truncate, flip_bytes, nul_bytes) if data.startswith(ZIP_MAGIC) else
                          XML_MUTATIONS if _is_xml(data) else TEXT_MUTATIONS)
    mutated, what = mutation(rng, data, name)
    return mutated, f"{mutation.__name__}: {what}"
