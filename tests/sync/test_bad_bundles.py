"""Bad input (issue #13 item 8): truncated, tampered, foreign, zip-bomb and path-traversal bundles are refused
with a message naming the bundle and the bad member, and nothing is written."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import random
import zipfile

import pytest

from lecturer_app.core.model import Attachment, Topic
from lecturer_app.sync.bundle_export import export_bundle
from lecturer_app.sync.bundle_format import TRAILER_MAGIC, BundleError, trailer_message
from lecturer_app.sync.bundle_import import import_bundle
from lecturer_app.sync.digest import sync_digest
from lecturer_app.sync.keys import DeviceKey, b64
from support.attachments import save_filled_attachments
from support.zip_members import data_start


def _db_bytes(folder) -> bytes:
    parts = [folder / "lecturer_app.sqlite3", folder / "lecturer_app.sqlite3-wal"]
    return b"".join(p.read_bytes() for p in parts if p.exists())


@pytest.fixture
def bundle(make_peer, tmp_path):
    """A bundle from A with a topic and an attachment, and B (trusting A) to import it."""
    a, b = make_peer("A"), make_peer("B")
    with a.workspace() as workspace:
        sha = workspace.blobs.put_bytes(bytes(range(256)) * 40)
        workspace.store.save(Topic(code="BAD-1", title="Bài có tệp đính kèm"))
        workspace.store.save(Attachment(owner_id="x", sha256=sha, size=10240, filename="tài liệu.pdf"))
    path = tmp_path / "a.lbb"
    a.ok("bundle", "export", "-o", str(path))
    a.ok("bundle", "export", "-o", str(tmp_path / "trust.lbb"))
    return path, b


def _refused(peer, path) -> BundleError:
    with peer.device() as (workspace, device):
        with pytest.raises(BundleError) as caught:
            import_bundle(device, workspace.blobs, path, trust_new=True)
    assert path.name in str(caught.value)
    return caught.value


def test_one_flipped_byte_at_200_random_offsets_is_refused_and_nothing_changes(bundle, tmp_path):
    path, peer = bundle
    original = path.read_bytes()
    rng = random.Random(13)
    with peer.device() as (workspace, device):
        digest, stored = sync_digest(workspace.db), _db_bytes(peer.folder)
        for offset in rng.sample(range(len(original)), 200):
            damaged = bytearray(original)
            damaged[offset] ^= 1 << rng.randrange(8)
            bad = tmp_path / "bad.lbb"
            bad.write_bytes(bytes(damaged))
            with pytest.raises(BundleError) as caught:
                import_bundle(device, workspace.blobs, bad, trust_new=True)
            assert "bad.lbb" in str(caught.value)
            assert sync_digest(workspace.db) == digest
        assert _db_bytes(peer.folder) == stored
        assert device.trust.devices() == {}  # not even the producer was remembered
    code, _out, err = peer.run("bundle", "import", str(tmp_path / "bad.lbb"), "--trust-new")
    assert code == 1 and "bad.lbb" in err


def test_a_member_that_does_not_match_the_manifest_is_named(bundle, tmp_path):
    _path, peer = bundle
    name = "blobs/" + "a" * 64
    declared = [{"name": name, "sha256": "b" * 64, "size": 3}]
    _craft(tmp_path / "m.lbb", {name: b"abc"}, declare=declared)
    error = _refused(peer, tmp_path / "m.lbb")
    assert error.where == name and "mã băm" in str(error)


def test_truncated_bundles_are_refused(bundle, tmp_path):
    path, peer = bundle
    data = path.read_bytes()
    for length in (0, 10, len(data) // 2, len(data) - 1):
        (tmp_path / "cut.lbb").write_bytes(data[:length])
        _refused(peer, tmp_path / "cut.lbb")


def _craft(path, members: dict[str, bytes], *, key: DeviceKey | None = None, declare: dict | None = None,
           compress: int = zipfile.ZIP_DEFLATED) -> None:
    """A bundle made by hand, correctly signed, so only the planted defect can refuse it."""
    key = key or DeviceKey.generate()
    listed = [{"name": n, "sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in members.items()]
    manifest = {"format": "lecturer-app-bundle", "version": 1, "bundle_id": "x", "created": "2026-01-01T00:00:00Z",
                "producer": {"fingerprint": key.fingerprint, "public_key": key.public_b64, "replica_id": "r",
                             "certificate": None}, "devices": {}, "crls": [], "scope": ["bank"],
                "covers": {}, "members": declare or listed, "sealed": None}
    data = json.dumps(manifest).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content, compress)
        zf.writestr("manifest.json", data)
        zf.writestr("manifest.sig", b64(key.sign(data)))
    body = buffer.getvalue()
    sig = b64(key.sign(trailer_message(hashlib.sha256(body).digest())))
    path.write_bytes(body + TRAILER_MAGIC + sig.encode() + b"\n")


def test_a_foreign_file_or_member_is_refused(bundle, tmp_path):
    _path, peer = bundle
    with zipfile.ZipFile(tmp_path / "other.lbb", "w") as zf:
        zf.writestr("readme.txt", "không phải gói")
    _refused(peer, tmp_path / "other.lbb")
    _craft(tmp_path / "extra.lbb", {"notes/readme.txt": b"la"})
    assert _refused(peer, tmp_path / "extra.lbb").where == "notes/readme.txt"
    _craft(tmp_path / "undeclared.lbb", {"blobs/" + "0" * 64: b"la"}, declare=[])
    assert _refused(peer, tmp_path / "undeclared.lbb").where == "blobs/" + "0" * 64


@pytest.mark.parametrize("name", ["../../evil.txt", "/etc/passwd", "blobs/../../x", "revs\\..\\x.jsonl"])
def test_path_traversal_members_are_refused(bundle, tmp_path, name):
    _path, peer = bundle
    _craft(tmp_path / "trav.lbb", {name: b"x"})
    error = _refused(peer, tmp_path / "trav.lbb")
    assert "không an toàn" in str(error)
    assert not (tmp_path / "evil.txt").exists()


def test_a_zip_bomb_is_refused_before_it_is_inflated(bundle, tmp_path):
    _path, peer = bundle
    zeros = bytes(20 << 20)
    name = "blobs/" + hashlib.sha256(zeros).hexdigest()
    _craft(tmp_path / "bomb.lbb", {name: zeros})
    error = _refused(peer, tmp_path / "bomb.lbb")
    assert error.where == name and "zip bomb" in str(error)
    lying = [{"name": name, "sha256": hashlib.sha256(zeros).hexdigest(), "size": 10}]
    _craft(tmp_path / "lie.lbb", {name: zeros}, declare=lying)
    assert _refused(peer, tmp_path / "lie.lbb").where == name


@pytest.mark.parametrize("failure", [errno.ENOSPC, errno.EIO])
def test_a_full_disk_or_pulled_stick_leaves_no_half_bundle(make_peer, tmp_path, failure):
    peer = make_peer("A")
    stick = tmp_path / "stick"
    stick.mkdir()
    with peer.device() as (workspace, device):
        workspace.blobs.put_bytes(b"x" * 5000)
        workspace.store.save(Attachment(owner_id="x", sha256=hashlib.sha256(b"x" * 5000).hexdigest(),
                                        size=5000, filename="a.bin"))
        export_bundle(device, workspace.blobs, stick / "old.lbb")
        old = (stick / "old.lbb").read_bytes()

        def fail(done: int, _total: int) -> None:
            if done >= 1:
                raise OSError(failure, "simulated")

        for name in ("new.lbb", "old.lbb"):
            with pytest.raises(OSError):
                export_bundle(device, workspace.blobs, stick / name, part_size=1000, progress=fail)
    assert sorted(p.name for p in stick.iterdir()) == ["old.lbb"]
    assert (stick / "old.lbb").read_bytes() == old  # the earlier bundle of that name is untouched


def _data_offset(path, name: str) -> int:
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    with open(path, "rb") as raw:
        return data_start(raw, info.header_offset)


def test_a_flipped_byte_in_stored_blobs_names_the_first_bad_one_and_leaves_no_temporary_file(make_peer, tmp_path):
    """Blobs are checked by threads reading their regions; the report is that of a read in file order."""
    a, b = make_peer("A"), make_peer("B")
    with a.workspace() as workspace:
        save_filled_attachments(workspace, 6, 300_000, name="tệp {n}.pdf")
    path = tmp_path / "a.lbb"
    a.ok("bundle", "export", "-o", str(path))
    with zipfile.ZipFile(path) as zf:
        blobs = sorted((i for i in zf.infolist() if i.filename.startswith("blobs/")), key=lambda i: i.header_offset)
    assert all(info.compress_type == zipfile.ZIP_STORED for info in blobs)
    damaged = bytearray(path.read_bytes())
    for info in (blobs[4], blobs[1]):
        damaged[_data_offset(path, info.filename) + 1000] ^= 0x10
    bad = tmp_path / "bad.lbb"
    bad.write_bytes(bytes(damaged))
    assert _refused(b, bad).where == blobs[1].filename
    assert [p.name for p in (b.folder / "blobs").rglob("*") if p.is_file()] == []
