"""The export writes the plain attachments first, on a worker, while the revision lines are read and deflated.

What must not change: every member's bytes (and the manifest's sha256 and
size of each), every blob the lines name is in the bundle, memory stays
bounded (deflated members wait up to a limit), and an error or a cancel on
either side leaves no bundle and no thread behind.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import zipfile
import zlib

import pytest

from lecturer_app.core.model import Attachment
from lecturer_app.sync import bundle_export
from lecturer_app.sync.bundle_export import export_bundle
from lecturer_app.sync.bundle_format import MANIFEST, TRAILER_SIZE, PartsReader
from lecturer_app.sync.held_members import HeldMembers, Stopped, prepare, write_prepared
from lecturer_app.sync.selection import finish_blobs, make_selection, plain_blobs_ahead, selected_lines
from lecturer_app.sync.signing import sign_own_revisions
from lecturer_app.sync.want import Want, make_want
from support.attachments import save_filled_attachments
from support.exam_secrets import build_exam

SIZE = 200_000


def _attach(workspace, count: int, owner: str = "x") -> list[str]:
    shas = [workspace.blobs.put_bytes(random.Random(f"{owner}{n}").randbytes(SIZE)) for n in range(count)]
    for sha in shas:
        workspace.store.save(Attachment(owner_id=owner, sha256=sha, size=SIZE, filename=f"{sha[:6]}.pdf"))
    return sorted(shas)


def _members(path) -> tuple[list[zipfile.ZipInfo], dict[str, bytes], dict]:
    with PartsReader(path) as parts:
        parts.hide_tail(TRAILER_SIZE)
        with zipfile.ZipFile(parts) as zf:
            infos = sorted(zf.infolist(), key=lambda i: i.header_offset)
            data = {i.filename: zf.read(i) for i in infos}  # zipfile checks every CRC-32 as it reads
    return infos, data, json.loads(data[MANIFEST])


def test_attachments_come_first_and_every_member_is_the_bytes_the_manifest_names(make_peer, tmp_path):
    with make_peer("A").device() as (workspace, device):
        shas = _attach(workspace, 3)
        bundle_export.LINES_PER_MEMBER, old = 40, bundle_export.LINES_PER_MEMBER  # several revision members
        try:
            export_bundle(device, workspace.blobs, tmp_path / "a.lbb")
        finally:
            bundle_export.LINES_PER_MEMBER = old
        lines = b"".join(selected_lines(workspace.store, make_selection(workspace.store, None, None, None), False))
        blob_bytes = {sha: workspace.blobs.path(sha).read_bytes() for sha in shas}
    infos, data, manifest = _members(tmp_path / "a.lbb")
    names = [i.filename for i in infos]
    revs = [n for n in names if n.startswith("revs/")]
    assert len(revs) > 2 and revs == sorted(revs)
    assert names[:3] == [f"blobs/{sha}" for sha in shas]  # in file order, before every revision member
    assert names[3:3 + len(revs)] == revs
    assert b"".join(data[n] for n in revs) == lines  # the same lines, in the same order, as before
    for sha in shas:
        assert data[f"blobs/{sha}"] == blob_bytes[sha]
    listed = {m["name"]: m for m in manifest["members"]}
    assert set(listed) == set(names) - {MANIFEST, "manifest.sig"}
    for name, member in listed.items():
        assert member["size"] == len(data[name])
        assert member["sha256"] == hashlib.sha256(data[name]).hexdigest()
    assert [m["name"] for m in manifest["members"]] == [n for n in names if n in listed]  # in file order


def test_a_member_deflated_beforehand_reads_back_as_zipfile_wrote_it(tmp_path):
    data = "Câu hỏi về nghiệp vụ công tác Đảng\n".encode() * 3000
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as zf:
        info = write_prepared(zf, prepare("revs/0001.jsonl", data, 1))
        zf.writestr("after", b"next member")
    assert not info.flag_bits & 0x08  # CRC-32 and sizes in the local header: no data descriptor
    with zipfile.ZipFile(tmp_path / "a.zip") as zf:
        assert zf.testzip() is None
        assert zf.read("revs/0001.jsonl") == data and zf.read("after") == b"next member"
        stored = zf.getinfo("revs/0001.jsonl")
        assert (stored.CRC, stored.file_size, stored.compress_type) == (zlib.crc32(data), len(data),
                                                                        zipfile.ZIP_DEFLATED)
        assert stored.compress_size < len(data) // 10


def test_the_blobs_known_ahead_are_those_the_lines_name(make_peer, tmp_path):
    """Plain bank attachments, a want that holds everything but one of them, and an exam's picture (never plain)."""
    a = make_peer("A")
    secret = build_exam(a)
    with a.device() as (workspace, device):
        store = workspace.store
        shas = _attach(workspace, 4)
        sign_own_revisions(store, device.key)  # as the export does first: unsigned revisions are not sent
        everything_but_one = make_want(store, workspace.blobs)
        everything_but_one["missing_blobs"] = [shas[0]]
        for want, expected in ((None, set(shas)), (Want(everything_but_one), {shas[0]})):
            selection = make_selection(store, None, None, want)
            ahead = plain_blobs_ahead(store, selection)
            for _line in selected_lines(store, selection, sealed=False):
                pass
            finish_blobs(store, selection)
            assert ahead == selection.plain_blobs == expected
            assert secret.sha256 not in ahead


def test_a_blob_the_list_ahead_missed_still_follows_the_lines(make_peer, tmp_path, monkeypatch):
    """As when a revision naming a new attachment is written between the list and the lines."""
    with make_peer("A").device() as (workspace, device):
        shas = _attach(workspace, 3)
        monkeypatch.setattr(bundle_export, "plain_blobs_ahead", lambda store, selection: {shas[0]})
        report = export_bundle(device, workspace.blobs, tmp_path / "a.lbb")
    infos, data, _manifest = _members(tmp_path / "a.lbb")
    names = [i.filename for i in infos]
    assert report.blobs == 3
    assert names[0] == f"blobs/{shas[0]}"
    last_rev = max(n for n, name in enumerate(names) if name.startswith("revs/"))
    assert names[last_rev + 1:last_rev + 3] == [f"blobs/{shas[1]}", f"blobs/{shas[2]}"]
    b = make_peer("B")
    b.ok("bundle", "import", str(tmp_path / "a.lbb"), "--trust-new")
    with b.device() as (workspace_b, _device_b):
        assert all(workspace_b.blobs.has(sha) for sha in shas)


def test_held_members_wait_for_the_attachments_in_order_and_within_their_limit():
    written: list[str] = []
    members = [prepare(f"revs/{n:04d}.jsonl", random.Random(n).randbytes(50_000), 1) for n in range(6)]
    held = HeldMembers(lambda m: written.append(m.name), hold=max(len(m.data) for m in members[:2]) * 2)
    held.put(members[0])
    held.put(members[1])
    assert written == []  # within the limit: kept in memory
    third = threading.Thread(target=held.put, args=(members[2],))
    third.start()
    third.join(0.3)
    assert third.is_alive() and written == []  # past the limit: the worker waits, nothing is written early
    held.release()
    third.join()
    for member in members[3:]:
        held.put(member)
    held.flush()
    assert written == [m.name for m in members]


def test_a_worker_waiting_for_the_attachments_gives_up_when_the_export_stops():
    held = HeldMembers(lambda m: None, hold=0)
    errors: list[BaseException] = []

    def put() -> None:
        try:
            held.put(prepare("revs/0001.jsonl", b"{}\n", 1))
        except Stopped as exc:
            errors.append(exc)

    worker = threading.Thread(target=put)
    worker.start()
    held.stop()
    worker.join(5)
    assert not worker.is_alive() and len(errors) == 1


class _Cancelled(Exception):
    pass


@pytest.mark.parametrize("at", [1, 4])
def test_a_cancel_while_the_attachments_and_the_lines_overlap_leaves_no_bundle_and_no_thread(make_peer, tmp_path,
                                                                                           at):
    a = make_peer("A")
    stick = tmp_path / "stick"
    stick.mkdir()
    with a.device() as (workspace, device):
        save_filled_attachments(workspace, 5, 3 << 20, name="{n}.mp4")

        def cancel(done: int, _total: int) -> None:
            if done >= at:
                raise _Cancelled

        with pytest.raises(_Cancelled):
            export_bundle(device, workspace.blobs, stick / "a.lbb", progress=cancel)
    assert list(stick.iterdir()) == []
    assert not [t for t in threading.enumerate() if t.name.startswith("bundle-")]
