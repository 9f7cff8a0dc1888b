"""The pass that judges and inserts reads the revision lines again after the bundle was verified.

What guards it is that every member is read through the zip's checks and re-hashed against the
signed manifest as it is read, inside the one transaction: a bundle changed after it was verified
writes nothing.
"""

from __future__ import annotations

import zipfile

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.sync import bundle_import
from lecturer_app.sync.bundle_format import BundleError
from support.zip_members import data_start


def _flip_inside(path, member: str) -> None:
    """Flip one byte in the middle of *member*'s stored data, the file keeping its size."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(member)
    with open(path, "r+b") as f:
        middle = data_start(f, info.header_offset) + info.compress_size // 2
        f.seek(middle)
        byte = f.read(1)[0]
        f.seek(middle)
        f.write(bytes([byte ^ 0x40]))


def test_a_bundle_changed_after_it_was_verified_is_refused_and_nothing_is_written(make_peer, tmp_path, monkeypatch):
    a, b = make_peer("A"), make_peer("B")
    a.ok("device", "show")
    with a.workspace() as workspace:
        workspace.store.save_many([Topic(code=f"HP-{n}", title=f"Chủ đề {n} " + "nội dung " * 20) for n in range(300)])
    bundle = tmp_path / "a.lbb"
    a.ok("bundle", "export", "-o", str(bundle))
    member = sorted(n for n in zipfile.ZipFile(bundle).namelist() if n.startswith("revs/"))[0]
    before = b.digest()
    real_check = bundle_import.check_signers

    def verified_then_changed(*args, **kwargs):  # after every member's hash was checked, before the lines are read
        _flip_inside(bundle, member)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(bundle_import, "check_signers", verified_then_changed)
    with b.device() as (workspace, device), pytest.raises(BundleError) as refused:
        bundle_import.import_bundle(device, workspace.blobs, bundle, trust_new=True)
    assert member in str(refused.value)
    assert b.digest() == before
