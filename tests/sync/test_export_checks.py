"""An export hashes an attachment the first time it sends it, then checks it by the CRC-32 and size it kept.

And the bundle's bytes go to the disk while the export runs (``SplitWriter``'s write-back).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import threading
import zlib

import pytest

from lecturer_app.core.model import Attachment
from lecturer_app.core.store.blobs import BlobError
from lecturer_app.sync import bundle_format
from lecturer_app.sync.blob_checks import FILE_NAME
from lecturer_app.sync.bundle_export import export_bundle
from lecturer_app.sync.bundle_format import SplitWriter
from lecturer_app.sync.bundle_verify import open_bundle

SIZE = 300_000


def _attach(workspace, count: int) -> list[str]:
    shas = [workspace.blobs.put_bytes(random.Random(n).randbytes(SIZE)) for n in range(count)]
    for sha in shas:
        workspace.store.save(Attachment(owner_id="x", sha256=sha, size=SIZE, filename=f"{sha[:6]}.pdf"))
    return sorted(shas)


def _checks(device) -> dict[str, list[int]]:
    return json.loads((device.trust.folder / FILE_NAME).read_text(encoding="utf-8"))["checks"]


def test_an_export_keeps_the_crc32_and_size_of_each_attachment_it_hashed(make_peer, tmp_path):
    with make_peer("A").device() as (workspace, device):
        shas = _attach(workspace, 3)
        assert not (device.trust.folder / FILE_NAME).exists()
        export_bundle(device, workspace.blobs, tmp_path / "1.lbb")
        kept = _checks(device)
        for sha in shas:
            data = workspace.blobs.path(sha).read_bytes()
            assert kept[sha] == [zlib.crc32(data), len(data)]


def test_a_second_export_from_the_kept_checks_imports_like_the_first(make_peer, tmp_path):
    a = make_peer("A")
    with a.device() as (workspace, device):
        shas = _attach(workspace, 3)
        export_bundle(device, workspace.blobs, tmp_path / "1.lbb")
        export_bundle(device, workspace.blobs, tmp_path / "2.lbb")
    with open_bundle(tmp_path / "2.lbb") as bundle:
        assert {m["sha256"] for m in bundle.members("blobs/")} == set(shas)
    result = make_peer("B").json("bundle", "import", str(tmp_path / "2.lbb"), "--trust-new")
    assert (result["blobs_new"], result["rejected"]) == (3, [])


def _zeroed(data: bytes) -> bytes:
    return b"\0" * len(data)


def _cut_short(data: bytes) -> bytes:
    return data[:-1]


def _one_bit_flipped(data: bytes) -> bytes:
    damaged = bytearray(data)
    damaged[len(data) // 2] ^= 0x04
    return bytes(damaged)


@pytest.mark.parametrize("damage", [_zeroed, _cut_short, _one_bit_flipped])
def test_an_attachment_damaged_after_an_export_fails_the_next_export_and_leaves_no_bundle(make_peer, tmp_path,
                                                                                           damage):
    stick = tmp_path / "stick"
    stick.mkdir()
    with make_peer("A").device() as (workspace, device):
        shas = _attach(workspace, 3)
        export_bundle(device, workspace.blobs, tmp_path / "first.lbb")
        victim = workspace.blobs.path(shas[1])
        victim.chmod(0o644)
        victim.write_bytes(damage(victim.read_bytes()))
        with pytest.raises(BlobError) as caught:
            export_bundle(device, workspace.blobs, stick / "second.lbb")
    assert shas[1] in str(caught.value)
    assert list(stick.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name.startswith("bundle-")]


@pytest.mark.parametrize("content", ["không phải JSON", '{"version": 99, "checks": {}}', '{"version": 1}',
                                     '{"version": 1, "checks": {"ab": 5}}'])
def test_a_damaged_or_foreign_checks_file_is_ignored_and_the_attachments_are_hashed_again(make_peer, tmp_path,
                                                                                          content):
    with make_peer("A").device() as (workspace, device):
        shas = _attach(workspace, 2)
        device.trust.folder.mkdir(parents=True, exist_ok=True)
        (device.trust.folder / FILE_NAME).write_text(content, encoding="utf-8")
        victim = workspace.blobs.path(shas[0])
        victim.chmod(0o644)
        victim.write_bytes(_zeroed(victim.read_bytes()))
        with pytest.raises(BlobError) as caught:
            export_bundle(device, workspace.blobs, tmp_path / "a.lbb")
        assert shas[0] in str(caught.value)
        workspace.blobs.path(shas[0]).unlink()  # gone rather than damaged: the export leaves it out
        export_bundle(device, workspace.blobs, tmp_path / "b.lbb")
        assert set(_checks(device)) == {shas[1]}


def test_a_checks_file_that_cannot_be_written_does_not_fail_a_complete_export(make_peer, tmp_path, monkeypatch):
    def full_disk(*_args: object) -> None:
        raise OSError(28, "đĩa đầy")

    monkeypatch.setattr("lecturer_app.sync.blob_checks.write_json", full_disk)
    with make_peer("A").device() as (workspace, device):
        _attach(workspace, 1)
        report = export_bundle(device, workspace.blobs, tmp_path / "a.lbb")
    assert report.parts == [tmp_path / "a.lbb"] and report.blobs == 1
    with open_bundle(tmp_path / "a.lbb"):
        pass


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="write-back is started through posix_fadvise")
def test_the_split_writer_hands_its_bytes_to_the_disk_part_by_part_and_keeps_every_byte(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_format, "WRITEBACK", 10_000)
    handed: list[tuple[int, int]] = []
    real = os.posix_fadvise

    def fadvise(fd: int, offset: int, length: int, advice: int) -> None:
        handed.append((offset, length))
        real(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", fadvise)
    data = random.Random(7).randbytes(1_000_000)
    writer = SplitWriter(tmp_path / "a.lbb", part_size=150_000)
    rng, upto = random.Random(8), 0
    while upto < len(data):
        step = rng.randrange(1, 40_000)
        writer.write(data[upto:upto + step])
        upto += step
    parts = writer.commit()
    assert len(parts) == 7
    assert b"".join(p.read_bytes() for p in parts) == data
    assert writer.hasher.digest() == hashlib.sha256(data).digest()
    assert all(length >= 10_000 for _offset, length in handed)
    assert sum(length for _offset, length in handed) >= len(data) - len(parts) * 50_000  # each part, not just the first
    assert sum(1 for offset, _length in handed if offset == 0) == len(parts)
