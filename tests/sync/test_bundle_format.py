"""Bundle format 2 (an attachment's bytes hashed once each way) and format 1 bundles from older apps.

``data/format-1.lbb`` was written by the format-1 exporter (main at 577b8d2)
from a fresh installation: a topic "Bài từ gói định dạng 1" with two
attachments (12,900 bytes of text and an empty file), sent with a want file
of a fresh installation, so it holds only those three revisions.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from lecturer_app.core.model import Attachment, Topic
from lecturer_app.core.store.blobs import BlobError
from lecturer_app.sync.bundle_export import export_bundle
from lecturer_app.sync.bundle_format import TRAILER_MAGIC, TRAILER_SIZE, VERSION, BundleError, PartsReader
from lecturer_app.sync.bundle_verify import open_bundle
from lecturer_app.sync.keys import unb64, verify_signature
from lecturer_app.sync.want import read_want
from lecturer_app.sync.write_behind import WriteBehind
from support.attachments import save_filled_attachments
from support.zip_members import data_start

FORMAT_1 = Path(__file__).parent / "data" / "format-1.lbb"
OLD_TEXT = "Giáo án bản cũ — tệp đính kèm. ".encode() * 300
EMPTY = hashlib.sha256(b"").hexdigest()


def _stored_data(path: Path) -> list[tuple[str, int, int, int]]:
    """(member, header, start, end) of every stored member: its local header's offset and its data's span."""
    with PartsReader(path) as reader:
        reader.hide_tail(TRAILER_SIZE)
        with zipfile.ZipFile(reader) as zf:
            regions = []
            for info in zf.infolist():
                if info.compress_type == zipfile.ZIP_STORED and info.filename.startswith(("blobs/", "sealed/")):
                    start = data_start(reader, info.header_offset)
                    regions.append((info.filename, info.header_offset, start, start + info.compress_size))
    return regions


def _refused_everywhere(path: Path, offsets: list[int], tmp_path: Path) -> None:
    original = path.read_bytes()
    bad = tmp_path / "hong.lbb"
    for offset in offsets:
        damaged = bytearray(original)
        damaged[offset] ^= 0x10
        bad.write_bytes(bytes(damaged))
        with pytest.raises(BundleError):
            with open_bundle(bad):
                pass


@pytest.fixture
def format_2(make_peer, tmp_path) -> tuple[Path, str]:
    """A format-2 bundle like the format-1 one: a topic, a text attachment and an empty one (and no shipped bank)."""
    a = make_peer("A")
    make_peer("fresh").ok("bundle", "want", "-o", str(tmp_path / "want.json"))
    with a.device() as (workspace, device):
        sha = workspace.blobs.put_bytes(OLD_TEXT)
        workspace.blobs.put_bytes(b"")
        topic = Topic(code="MOI-1", title="Bài từ gói định dạng 2")
        workspace.store.save(topic)
        workspace.store.save(Attachment(owner_id=topic.id, sha256=sha, size=len(OLD_TEXT), filename="giáo án.pdf"))
        workspace.store.save(Attachment(owner_id=topic.id, sha256=EMPTY, size=0, filename="rỗng.txt"))
        export_bundle(device, workspace.blobs, tmp_path / "moi.lbb", want=read_want(tmp_path / "want.json"))
    return tmp_path / "moi.lbb", sha


def test_a_format_1_bundle_from_an_older_app_still_imports(make_peer, tmp_path):
    b = make_peer("B")
    shutil.copy(FORMAT_1, tmp_path / "cu.lbb")
    result = b.json("bundle", "import", str(tmp_path / "cu.lbb"), "--trust-new")
    assert (result["revisions_new"], result["blobs_new"], result["rejected"]) == (3, 2, [])
    with b.workspace() as workspace:
        assert "Bài từ gói định dạng 1" in [topic.title for topic in workspace.store.select(Topic)]
        assert workspace.blobs.path(hashlib.sha256(OLD_TEXT).hexdigest()).read_bytes() == OLD_TEXT
        assert workspace.blobs.has(EMPTY)


def test_one_flipped_byte_in_a_format_1_bundle_is_still_refused_even_inside_an_attachment(tmp_path):
    data = FORMAT_1.read_bytes()
    inside = [o for _name, _header, start, end in _stored_data(FORMAT_1) for o in range(start, end)]
    known = set(inside)
    outside = [o for o in range(len(data)) if o not in known]
    rng = random.Random(1)
    _refused_everywhere(FORMAT_1, rng.sample(inside, 40) + rng.sample(outside, 160), tmp_path)


def test_new_bundles_are_format_2_and_import_with_their_empty_attachment(format_2, make_peer):
    path, sha = format_2
    with open_bundle(path) as bundle:
        assert bundle.manifest["version"] == VERSION == 2
    result = make_peer("B").json("bundle", "import", str(path), "--trust-new")
    assert (result["revisions_new"], result["blobs_new"], result["rejected"]) == (3, 2, [])


def test_bytes_around_and_between_attachment_data_of_a_format_2_bundle_are_covered_by_the_trailer(format_2, tmp_path):
    """Every byte of each attachment's local header and data descriptor, where the data it stands for begins
    and ends, and 100 bytes elsewhere outside attachment data (revisions, manifest, directory, trailer)."""
    path, _sha = format_2
    regions = _stored_data(path)
    inside = {o for _name, _header, start, end in regions for o in range(start, end)}
    edges = [o for _name, header, start, end in regions for o in [*range(header, start), *range(end, end + 24)]]
    inside.update(edges)
    elsewhere = [o for o in range(path.stat().st_size) if o not in inside]
    _refused_everywhere(path, edges + random.Random(3).sample(elsewhere, 100), tmp_path)


def test_a_flipped_byte_inside_an_attachment_of_a_format_2_bundle_names_it(format_2, tmp_path):
    path, sha = format_2
    (name, _header, start, end), = [r for r in _stored_data(path) if r[2] < r[3]]
    assert name == f"blobs/{sha}" and end - start == len(OLD_TEXT)
    for offset in random.Random(2).sample(range(start, end), 20):
        damaged = bytearray(path.read_bytes())
        damaged[offset] ^= 0x01
        (tmp_path / "hong.lbb").write_bytes(bytes(damaged))
        with pytest.raises(BundleError) as caught:
            with open_bundle(tmp_path / "hong.lbb"):
                pass
        assert caught.value.where == name  # its hash (or first its CRC-32) fails


def test_a_damaged_attachment_fails_the_export_and_leaves_no_bundle(make_peer, tmp_path):
    a = make_peer("A")
    stick = tmp_path / "stick"
    stick.mkdir()
    with a.device() as (workspace, device):
        shas = save_filled_attachments(workspace, 3, 300_000, name="{sha:.6}.jpg")
        damaged = workspace.blobs.path(sorted(shas)[1])
        damaged.chmod(0o644)
        damaged.write_bytes(b"\0" * 300_000)
        with pytest.raises(BlobError) as caught:
            export_bundle(device, workspace.blobs, stick / "a.lbb")
    assert sorted(shas)[1] in str(caught.value)
    assert list(stick.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name.startswith("bundle-")]


class _Cancelled(Exception):
    pass


def test_cancelling_among_the_attachments_stops_the_reader_and_leaves_no_bundle(make_peer, tmp_path):
    a = make_peer("A")
    stick = tmp_path / "stick"
    stick.mkdir()
    with a.device() as (workspace, device):
        save_filled_attachments(workspace, 6, 3 << 20, name="{n}.mp4")  # more than the read-ahead ring holds

        def cancel(done: int, _total: int) -> None:
            if done >= 3:  # the revision member, then two attachments
                raise _Cancelled

        with pytest.raises(_Cancelled):
            export_bundle(device, workspace.blobs, stick / "a.lbb", progress=cancel)
    assert list(stick.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name.startswith("bundle-")]


def test_write_behind_keeps_order_and_raises_the_workers_error_in_the_caller():
    done: list[int] = []
    with WriteBehind() as behind:
        for n in range(5):
            behind.submit(lambda n=n: done.append(n))
    assert done == [0, 1, 2, 3, 4]

    def fail() -> None:
        raise OSError(28, "đĩa đầy")

    with pytest.raises(OSError, match="đĩa đầy"):
        with WriteBehind() as behind:
            behind.submit(fail)
            for n in range(5, 10):
                behind.submit(lambda n=n: done.append(n))
    assert done == [0, 1, 2, 3, 4]  # nothing after the error is written


def test_the_format_2_trailer_signs_the_file_with_each_attachments_data_replaced_by_its_sha256(format_2):
    """The rule written out independently of the reader: what the exporter signs, byte for byte."""
    path, _sha = format_2
    data = path.read_bytes()
    body, tail = data[:-TRAILER_SIZE], data[-TRAILER_SIZE:]
    hasher, upto = hashlib.sha256(), 0
    for _name, _header, start, end in _stored_data(path):
        hasher.update(body[upto:start])
        hasher.update(hashlib.sha256(body[start:end]).digest())
        upto = end
    hasher.update(body[upto:])
    with open_bundle(path) as bundle:
        key = bundle.producer["public_key"]
    signature = unb64(tail[len(TRAILER_MAGIC):-1].decode("ascii"))
    assert verify_signature(key, signature, b"lecturer-app bundle file v2 " + hasher.digest())
    assert not verify_signature(key, signature, b"lecturer-app bundle file " + hashlib.sha256(body).digest())
