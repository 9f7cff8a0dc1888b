"""Opening a bundle and proving it intact before anything is written (sync.md §3.7, §4.7).

Checked here, in order: the parts join into a zip; every member name is one
a bundle may have (no paths outside, nothing foreign, no duplicates); the
manifest is ours and signed by the producer key it names; every member's
size and sha256 match the manifest, read with limits so a zip bomb stops
early; the trailer signature covers every byte of the file (from format
version 2 on, a stored member's data through its checked sha256; see
bundle_format.py).  Whether the
producer is *trusted* is the importer's question (bundle_import.py).

The file is read once: members are checked in file order through a reader
that feeds the whole-file hash as it goes (the few bytes between members,
zip headers, are read on the way), and an importer may *tap* each member's
checked bytes (to write a blob to a temporary file in the same pass).  From
format version 2 on, a stored member's data region (the blobs: nearly all
of a bundle's bytes) is read straight from the file by one of two threads
and checked against its sha256 there, without zipfile's CRC-32 (a second
hash of the same bytes the sha256 already proves): hashing, reading and
writing let the GIL go, so the threads use a free core while this one
checks the revision members, and cost no more than a serial read when
none is free.  A failure is reported for the first bad member in file
order, as when every member was read in turn.
"""

from __future__ import annotations

import hashlib
import struct
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from lecturer_app.core.errors import InputFileError, error_reason
from lecturer_app.core.json_reading import parse_json
from lecturer_app.i18n import _
from lecturer_app.sync.bundle_format import (
    CHUNK,
    FORMAT,
    MANIFEST,
    MAX_MANIFEST,
    MAX_RATIO,
    MEMBER_NAME,
    SIGNATURE,
    TRAILER_MAGIC,
    TRAILER_SIZE,
    VERSION,
    BundleError,
    PartsReader,
    stand_in_hash,
    trailer_message,
)
from lecturer_app.sync.keys import fingerprint_of, unb64, verify_signature

_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError)
_GAP = 1 << 16  # bytes between two members' data (headers, descriptors) hashed on the way
_LOCAL_HEADER = 30  # bytes of a zip local file header before its name
_REGION_THREADS = 2  # threads checking stored members' data regions (see the module docstring)
Region = tuple[int, int, bytes]  # a stored member's data: start, end, its sha256 from the manifest


class Sink(Protocol):
    """Where a tapped member's checked bytes go; closed once the member has been read."""

    def write(self, data: bytes, /) -> object: ...

    def close(self) -> None: ...


# tap(name) may return a sink for the member's checked bytes; it may be called from a checking thread.
Tap = Callable[[str], Sink | None]


class _HashingReader:
    """*reader*, and the whole-file hash of its bytes, fed while the zip reads them in order.

    Nothing is hashed before ``arm`` (opening the zip and reading the manifest
    read its end first).  Each stand-in (format version 2) is a stored
    member's data region, hashed as the member's 32-byte sha256 instead of its
    bytes; the member's check proves the bytes have that sha256.
    """

    def __init__(self, reader: PartsReader) -> None:
        self.reader = reader
        self.hasher = hashlib.sha256()
        self.upto = 0  # bytes [0, upto) are hashed
        self.armed = False
        self.stand_ins: list[tuple[int, int, bytes]] = []  # (start, end, sha256), in file order
        self.next = 0  # stand_ins[:next] are behind

    def arm(self, stand_ins: list[tuple[int, int, bytes]]) -> None:
        self.stand_ins = sorted(stand_ins)
        self.armed = True

    def read(self, n: int = -1) -> bytes:
        pos = self.reader.tell()
        if self.armed and self.upto < pos <= self.upto + _GAP:
            self.reader.seek(self.upto)
            self._consume(self.reader.read(pos - self.upto), self.upto)
        data = self.reader.read(n)
        if self.armed and pos <= self.upto < pos + len(data):
            self._consume(data, pos)
        return data

    def _consume(self, data: bytes, pos: int) -> None:
        """Hash what *data* (read at *pos*) holds beyond ``upto``, a stand-in for each region met."""
        view, end = memoryview(data), pos + len(data)
        while pos <= self.upto < end:
            region = self._next_region()
            if region is not None and region[0] == self.upto:
                self._stand_in(region)
                continue
            stop = end if region is None else min(end, region[0])
            self.hasher.update(view[self.upto - pos:stop - pos])
            self.upto = stop

    def _next_region(self) -> tuple[int, int, bytes] | None:
        """The first region not started yet (one overlapping what was hashed is dropped: the hash then fails)."""
        while self.next < len(self.stand_ins) and self.stand_ins[self.next][0] < self.upto:
            self.next += 1
        return self.stand_ins[self.next] if self.next < len(self.stand_ins) else None

    def _stand_in(self, region: tuple[int, int, bytes]) -> None:
        self.hasher.update(region[2])
        self.upto = region[1]
        self.next += 1  # an empty member's region ends where it starts: met once

    def digest(self) -> bytes:
        """The whole file's hash: what was not read in order is read now (stand-in regions are not)."""
        while True:
            region = self._next_region()
            if region is not None and region[0] == self.upto:
                self._stand_in(region)
                continue
            self.reader.seek(self.upto)
            chunk = self.reader.read(CHUNK if region is None else min(CHUNK, region[0] - self.upto))
            if not chunk:
                return self.hasher.digest()
            self.hasher.update(chunk)
            self.upto += len(chunk)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.reader.seek(offset, whence)

    def tell(self) -> int:
        return self.reader.tell()

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True


@dataclass
class OpenBundle:
    path: Path
    zf: zipfile.ZipFile
    manifest: dict[str, Any]

    @property
    def producer(self) -> dict[str, Any]:
        return self.manifest["producer"]

    def fail(self, member: str, reason: str) -> BundleError:
        return BundleError(self.path, member, reason)

    def chunks(self, name: str) -> Iterator[bytes]:
        """A member's bytes, never more than the manifest declared (verified already)."""
        try:
            with self.zf.open(name) as src:
                yield from iter(lambda: src.read(CHUNK), b"")
        except _ZIP_ERRORS as exc:
            raise self.fail(name, _("không đọc được ({error})").format(error=error_reason(exc))) from exc

    def members(self, prefix: str) -> list[dict[str, Any]]:
        return [m for m in self.manifest["members"] if m["name"].startswith(prefix)]


@contextmanager
def open_bundle(path: Path, *, check_members: bool = True, progress: Callable[[int, int], None] | None = None,
                tap: Tap | None = None) -> Iterator[OpenBundle]:
    """The bundle at *path*, verified; raises BundleError naming the bundle and the bad member.

    *progress* is called (members checked, members) while hashing; raising from it cancels.
    *tap(name)* may return a function that receives the member's bytes as they are checked
    (they are only known good once this returns).
    """
    path = Path(path)
    parts = PartsReader(path)
    try:
        tail = parts.hide_tail(TRAILER_SIZE)
        if not tail.startswith(TRAILER_MAGIC):
            raise BundleError(path, "", _("không phải gói đồng bộ của ứng dụng, hoặc bị cắt cụt"))
        reader = _HashingReader(parts)
        try:
            zf = zipfile.ZipFile(reader)
        except _ZIP_ERRORS as exc:
            raise BundleError(path, "", _("tệp zip hỏng hoặc bị cắt cụt ({error})").format(error=exc)) from exc
        with zf:
            bundle = OpenBundle(path, zf, {})
            _check_names(bundle)
            bundle.manifest = _read_manifest(bundle)
            # A stand-in is sound only for a member whose bytes are checked against it: without the
            # member checks, format 2 is hashed as plain bytes, so its trailer cannot pass.
            regions = _stand_ins(bundle, parts) if check_members else {}
            reader.arm(list(regions.values()))
            if check_members:
                _check_members(bundle, progress, tap, regions)
            _check_file_signature(bundle, reader, tail)
            yield bundle
    finally:
        parts.close()


def _check_names(bundle: OpenBundle) -> None:
    seen: set[str] = set()
    for info in bundle.zf.infolist():
        name = info.filename
        if name in seen:
            raise bundle.fail(name, _("thành phần bị lặp"))
        seen.add(name)
        if name not in (MANIFEST, SIGNATURE) and not MEMBER_NAME.match(name):
            raise bundle.fail(name, _("thành phần lạ hoặc đường dẫn không an toàn"))
    for required in (MANIFEST, SIGNATURE):
        if required not in seen:
            raise bundle.fail(required, _("thiếu thành phần bắt buộc"))


def _read_small(bundle: OpenBundle, name: str, limit: int) -> bytes:
    info = bundle.zf.getinfo(name)
    if info.file_size > limit:
        raise bundle.fail(name, _("quá lớn ({size} byte)").format(size=info.file_size))
    try:
        with bundle.zf.open(info) as src:
            data = src.read(limit + 1)
    except _ZIP_ERRORS as exc:
        raise bundle.fail(name, _("không đọc được ({error})").format(error=error_reason(exc))) from exc
    if len(data) > limit:
        raise bundle.fail(name, _("quá lớn"))
    return data


def _read_manifest(bundle: OpenBundle) -> dict[str, Any]:
    data = _read_small(bundle, MANIFEST, MAX_MANIFEST)
    try:
        manifest = parse_json(data.decode("utf-8"), bundle.path, MANIFEST)  # a peer's: nested or numbered to harm
        version = int(manifest.get("version", 0))
        producer = manifest["producer"]
        ok_format = manifest.get("format") == FORMAT and isinstance(manifest["members"], list)
        signature = unb64(_read_small(bundle, SIGNATURE, 1024).decode("ascii").strip())
    except InputFileError as exc:
        raise bundle.fail(MANIFEST, _("không đọc được bản kê ({error})").format(error=exc.reason)) from exc
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise bundle.fail(MANIFEST, _("không đọc được bản kê ({error})").format(error=exc)) from exc
    if not ok_format:
        raise bundle.fail(MANIFEST, _("không phải bản kê gói đồng bộ"))
    if version > VERSION:
        raise bundle.fail(MANIFEST, _("gói do phiên bản ứng dụng mới hơn tạo; hãy cập nhật ứng dụng"))
    key = str(producer.get("public_key", ""))
    if fingerprint_of(key) != producer.get("fingerprint") or not verify_signature(key, signature, data):
        raise bundle.fail(SIGNATURE, _("chữ ký của bản kê không hợp lệ (gói đã bị sửa?)"))
    return manifest


def _stand_ins(bundle: OpenBundle, parts: PartsReader) -> dict[str, Region]:
    """Name → (start, end, sha256) of every stored member's data the manifest lists, from format version 2 on."""
    if not stand_in_hash(int(bundle.manifest.get("version", 0))):
        return {}
    declared = {m.get("name"): m for m in bundle.manifest["members"] if isinstance(m, dict)}
    regions = {}
    for info in bundle.zf.infolist():
        member = declared.get(info.filename)
        if member is None or info.compress_type != zipfile.ZIP_STORED:
            continue
        try:
            digest = bytes.fromhex(str(member.get("sha256")))
        except ValueError:
            digest = b""
        if len(digest) != 32:
            raise bundle.fail(info.filename, _("mã băm không khớp bản kê (thành phần bị sửa hoặc hỏng)"))
        start = _data_start(bundle, parts, info)
        regions[info.filename] = (start, start + info.compress_size, digest)
    return regions


def _data_start(bundle: OpenBundle, parts: PartsReader, info: zipfile.ZipInfo) -> int:
    """Where a member's data begins: after its local header, name and extra field (read as zipfile does)."""
    parts.seek(info.header_offset)
    header = parts.read(_LOCAL_HEADER)
    if len(header) < _LOCAL_HEADER or header[:4] != b"PK\x03\x04":
        raise bundle.fail(info.filename, _("tệp zip hỏng hoặc bị cắt cụt ({error})").format(error="local header"))
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + _LOCAL_HEADER + name_length + extra_length


def _check_file_signature(bundle: OpenBundle, reader: _HashingReader, tail: bytes) -> None:
    digest = reader.digest()
    try:
        signature = unb64(tail[len(TRAILER_MAGIC):-1].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        signature = b""
    message = trailer_message(digest, int(bundle.manifest.get("version", 0)))
    if not verify_signature(bundle.producer["public_key"], signature, message):
        raise bundle.fail(_("chữ ký cuối tệp"), _("nội dung gói không khớp chữ ký (gói đã bị sửa hoặc hỏng)"))


def _check_members(bundle: OpenBundle, progress: Callable[[int, int], None] | None, tap: Tap | None,
                   regions: dict[str, Region]) -> None:
    """Every member's size and hash; stored members' regions by threads, the others here, in file order."""
    declared = {m["name"]: m for m in bundle.manifest["members"]}
    present = {i.filename for i in bundle.zf.infolist()} - {MANIFEST, SIGNATURE}
    for name in sorted(present ^ set(declared)):
        raise bundle.fail(name, _("thành phần không khớp bản kê"))
    in_file_order = sorted((i for i in bundle.zf.infolist() if i.filename in declared), key=lambda i: i.header_offset)
    stop = threading.Event()  # set when this pass ends early: the threads leave their member at once
    pool = ThreadPoolExecutor(_REGION_THREADS, thread_name_prefix="bundle-check")
    try:
        by_thread: dict[str, Future[None]] = {
            info.filename: pool.submit(_check_region, bundle, info, declared[info.filename], regions[info.filename],
                                       tap, stop)
            for info in in_file_order if info.filename in regions}
        for number, info in enumerate(in_file_order, start=1):
            member = declared[info.filename]
            if info.filename in by_thread:
                by_thread[info.filename].result()
            else:
                _check_member(bundle, info, int(member["size"]), str(member["sha256"]), tap and tap(info.filename))
            if progress:
                progress(number, len(declared))
    finally:
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)  # no thread still writing once this returns


def _check_region(bundle: OpenBundle, info: zipfile.ZipInfo, member: dict[str, Any], region: Region,
                  tap: Tap | None, stop: threading.Event) -> None:
    """A stored member's data read straight from its region of the file, checked against the manifest."""
    name, size = info.filename, int(member["size"])
    if info.file_size != size:
        raise bundle.fail(name, _("kích thước không khớp bản kê"))
    start, end, _digest = region
    hasher = hashlib.sha256()
    sink = tap(name) if tap else None
    reader = PartsReader(bundle.path)
    try:
        reader.seek(start)
        left = end - start
        while left > 0 and not stop.is_set():
            chunk = reader.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            hasher.update(chunk)
            if sink is not None:
                sink.write(chunk)
    except OSError as exc:
        raise bundle.fail(name, _("không đọc được ({error})").format(error=error_reason(exc))) from exc
    finally:
        reader.close()
        if sink is not None:
            sink.close()
    if left or end - start != size or hasher.hexdigest() != str(member["sha256"]):
        raise bundle.fail(name, _("mã băm không khớp bản kê (thành phần bị sửa hoặc hỏng)"))


def _check_member(bundle: OpenBundle, info: zipfile.ZipInfo, size: int, sha256: str,
                  sink: Sink | None = None) -> None:
    try:
        _read_member(bundle, info, size, sha256, sink)
    finally:
        if sink is not None:
            sink.close()


def _read_member(bundle: OpenBundle, info: zipfile.ZipInfo, size: int, sha256: str, sink: Sink | None) -> None:
    name = info.filename
    if info.file_size != size:
        raise bundle.fail(name, _("kích thước không khớp bản kê"))
    if size > (1 << 20) and size > MAX_RATIO * max(info.compress_size, 1):
        raise bundle.fail(name, _("tỉ lệ nén bất thường (zip bomb?)"))
    hasher, count = hashlib.sha256(), 0
    for chunk in bundle.chunks(name):
        count += len(chunk)
        if count > size:
            raise bundle.fail(name, _("dài hơn kích thước khai báo"))
        hasher.update(chunk)
        if sink is not None:
            sink.write(chunk)
    if count != size or hasher.hexdigest() != sha256:
        raise bundle.fail(name, _("mã băm không khớp bản kê (thành phần bị sửa hoặc hỏng)"))
