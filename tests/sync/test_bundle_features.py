"""Bundles (issue #13 item 5): relays, the want return trip, parts, file names, unknown data, clocks, clones, memory."""

from __future__ import annotations

import shutil
import time
import tracemalloc
import unicodedata
import zipfile

import pytest

from lecturer_app.core.model import Attachment, Question, Topic
from lecturer_app.core.store.hlc import HybridClock
from lecturer_app.core.store.revisions import Revision
from lecturer_app.sync.bundle_export import export_bundle
from lecturer_app.sync.bundle_format import existing_parts
from lecturer_app.sync.bundle_import import import_bundle
from lecturer_app.sync.signing import signature_of
from lecturer_app.sync.want import Want


def _save(peer, *records):
    with peer.workspace() as workspace:
        return [workspace.store.save(record) for record in records]


def test_a_relayed_bundle_keeps_the_authors_signatures(make_peer, tmp_path):
    a, b, c = make_peer("A"), make_peer("B"), make_peer("C")
    (rev,) = _save(a, Topic(code="REL-1", title="Từ máy A"))
    a_fp = a.json("device", "show")["fingerprint"]
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    b.ok("bundle", "import", str(tmp_path / "a.lbb"), "--trust-new")
    b.ok("bundle", "export", "-o", str(tmp_path / "b.lbb"))
    code, _out, err = c.run("bundle", "import", str(tmp_path / "b.lbb"))
    assert code == 1 and a_fp in err  # C has to accept A's key as well as B's
    result = c.json("bundle", "import", str(tmp_path / "b.lbb"), "--trust-new")
    assert result["revisions_new"] == 1 and a_fp in result["new_devices"]
    with c.workspace() as workspace:
        assert signature_of(workspace.store, rev.rev_id)[0] == a_fp
        assert workspace.store.log.get(rev.rev_id) == rev


def test_the_want_file_makes_the_next_bundle_carry_only_what_the_receiver_lacks(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    _save(a, Topic(code="W-1", title="Một"))
    a.ok("bundle", "export", "-o", str(tmp_path / "1.lbb"))
    b.ok("bundle", "import", str(tmp_path / "1.lbb"), "--trust-new")
    _save(a, Topic(code="W-2", title="Hai"))
    b.ok("bundle", "want", "-o", str(tmp_path / "want.json"))
    small = a.json("bundle", "export", "-o", str(tmp_path / "2.lbb"), "--want", str(tmp_path / "want.json"))
    full = a.json("bundle", "export", "-o", str(tmp_path / "all.lbb"))
    assert small["revisions"] == 1 and full["revisions"] > 100  # the shipped bank, W-1 and W-2
    assert b.json("bundle", "import", str(tmp_path / "2.lbb"))["revisions_new"] == 1
    assert a.digest() == b.digest()


def test_the_cli_refuses_a_damaged_want_file_or_the_senders_own_naming_it_and_writes_no_bundle(make_peer, tmp_path):
    a = make_peer("A")
    a.ok("bundle", "want", "-o", str(tmp_path / "của A.json"))
    (tmp_path / "hỏng.json").write_text('{"kind": "want", "held": {"r1": [[1]]}}', encoding="utf-8")
    for name, says in (("của A.json", "do chính máy này ghi"), ("hỏng.json", "tệp «đã có» bị hỏng")):
        code, _out, err = a.run("bundle", "export", "-o", str(tmp_path / "x.lbb"), "--want", str(tmp_path / name))
        assert code == 1 and name in err and says in err
    assert not list(tmp_path.glob("x.lbb*"))


def test_want_ranges_name_exactly_what_is_held():
    want = Want({"held": {"r1": [[1, 3], [7, 7]]}, "merges": ["m"], "missing_blobs": []})
    assert [want.has("r1", n, "") for n in (1, 3, 4, 7, 8)] == [True, True, False, True, False]
    assert want.has("automerge", 0, "m") and not want.has("automerge", 0, "n") and not want.has("r2", 1, "")


def test_a_large_bundle_is_split_into_parts_that_import_together(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    with a.device() as (workspace, device):
        payload = bytes(range(256)) * 400
        sha = workspace.blobs.put_bytes(payload)
        workspace.store.save(Attachment(owner_id="p", sha256=sha, size=len(payload), filename="lớn.bin"))
        report = export_bundle(device, workspace.blobs, tmp_path / "big.lbb", part_size=20_000)
    parts = existing_parts(tmp_path / "big.lbb")
    assert len(parts) == len(report.parts) > 5 and all(p.stat().st_size <= 20_000 for p in parts)
    assert parts[1].name == "big.lbb.002"
    result = b.json("bundle", "import", str(tmp_path / "big.lbb"), "--trust-new")
    assert result["blobs_new"] == 1
    with b.workspace() as workspace:
        assert workspace.blobs.read_bytes(sha) == payload
    parts[-1].unlink()  # a part left behind on the desk
    code, _out, err = b.run("bundle", "verify", str(tmp_path / "big.lbb"))
    assert code == 1 and "big.lbb" in err


def test_nfc_and_nfd_vietnamese_names_and_unknown_data_are_relayed_intact(make_peer, tmp_path):
    a, b, c = make_peer("A"), make_peer("B"), make_peer("C")
    nfd = unicodedata.normalize("NFD", "Bài giảng Nghị quyết.pptx")
    nfc = unicodedata.normalize("NFC", "Tài liệu học tập.pdf")
    assert nfd != unicodedata.normalize("NFC", nfd)
    with a.workspace() as workspace:
        store = workspace.store
        future = [
            Revision.create(record_id="00000000-0000-7000-8000-00000000f001", type="future_note", parents=(),
                            generation=1, body={"text": "Loại bản ghi mới", "nested": {"x": [1, {"y": nfd}]}},
                            deleted=False, author="A", device=store.device, hlc=store.clock.now(),
                            origin_replica=store.device, origin_seq=9_000_001),
            Revision.create(record_id="00000000-0000-7000-8000-00000000f002", type="attachment", parents=(),
                            generation=1, body={"filename": nfd, "sha256": "", "future_field": {"k": nfc}},
                            deleted=False, author="A", device=store.device, hlc=store.clock.now(),
                            origin_replica=store.device, origin_seq=9_000_002),
            Revision.create(record_id="00000000-0000-7000-8000-00000000f003", type="attachment", parents=(),
                            generation=1, body={"filename": nfc}, deleted=False, author="A", device=store.device,
                            hlc=store.clock.now(), origin_replica=store.device, origin_seq=9_000_003),
        ]
        store.apply_all(future)
    stick = tmp_path / unicodedata.normalize("NFD", "Ổ USB của Hiền")
    stick.mkdir()
    a.ok("bundle", "export", "-o", str(stick / unicodedata.normalize("NFD", "gói đồng bộ.lbb")))
    b.ok("bundle", "import", str(stick / unicodedata.normalize("NFD", "gói đồng bộ.lbb")), "--trust-new")
    b.ok("bundle", "export", "-o", str(stick / unicodedata.normalize("NFC", "gói từ máy B.lbb")))
    relayed = c.json("bundle", "import", str(stick / unicodedata.normalize("NFC", "gói từ máy B.lbb")), "--trust-new")
    assert not relayed["rejected"]
    with c.workspace() as workspace:
        for rev in future:
            assert workspace.store.log.get(rev.rev_id).body == rev.body  # byte-for-byte: NFD stays NFD
    assert a.digest() == c.digest()


def test_clock_skew_of_years_gives_the_same_result(make_peer, tmp_path):
    year_ms = 365 * 24 * 3600 * 1000
    digests = []
    for order in ("ab", "ba"):
        a, b = make_peer(f"A{order}"), make_peer(f"B{order}")
        for peer, skew, title in ((a, 5 * year_ms, "Tương lai"), (b, -5 * year_ms, "Quá khứ")):
            with peer.workspace() as workspace:
                workspace.store.clock = HybridClock(wall_ms=lambda s=skew: int(time.time() * 1000) + s)
                topic = workspace.store.select(Topic, order_by="code")[0]
                topic.title = title
                workspace.store.save(topic)
                workspace.store.save(Topic(code=f"SKEW-{title}", title=title))
        a.ok("bundle", "export", "-o", str(tmp_path / f"a{order}.lbb"))
        b.ok("bundle", "export", "-o", str(tmp_path / f"b{order}.lbb"))
        first, second = (a, b) if order == "ab" else (b, a)
        second.ok("bundle", "import", str(tmp_path / f"{first.folder.name[0].lower()}{order}.lbb"), "--trust-new")
        first.ok("bundle", "import", str(tmp_path / f"{second.folder.name[0].lower()}{order}.lbb"), "--trust-new")
        assert a.digest() == b.digest()
        digests.append(a.digest())
    assert digests[0]["revisions"] == digests[1]["revisions"]


def test_a_copied_data_folder_mints_under_a_new_replica_and_nothing_is_lost(make_peer, tmp_path, peer_at):
    a = make_peer("A")
    a.ok("device", "show")
    _save(a, Topic(code="CL-1", title="Trước khi chép"))
    copy = tmp_path / "A-copy"
    shutil.copytree(a.folder, copy)
    b = peer_at(copy)
    (mine,) = _save(a, Topic(code="CL-2", title="Máy gốc"))
    (theirs,) = _save(b, Topic(code="CL-3", title="Máy chép"))
    assert mine.origin_replica != theirs.origin_replica and theirs.origin_seq == 1  # its counter starts over
    b.ok("bundle", "export", "-o", str(tmp_path / "b.lbb"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    assert a.json("bundle", "import", str(tmp_path / "b.lbb"))["revisions_new"] == 1
    assert b.json("bundle", "import", str(tmp_path / "a.lbb"))["revisions_new"] == 1
    assert a.digest() == b.digest()


def test_export_and_import_stream_attachments_in_bounded_memory(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    big = tmp_path / "big.bin"
    with open(big, "wb") as out:
        for n in range(48):
            out.write(bytes([n]) * (1 << 20))
    with a.device() as (workspace, device):
        sha, size = workspace.blobs.put_file(big)
        workspace.store.save(Attachment(owner_id="m", sha256=sha, size=size, filename="video.mp4"))
        tracemalloc.start()
        export_bundle(device, workspace.blobs, tmp_path / "m.lbb")
        exported_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    with b.device() as (workspace, device):
        tracemalloc.start()
        result = import_bundle(device, workspace.blobs, tmp_path / "m.lbb", trust_new=True)
        imported_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.blobs_new == 1 and workspace.blobs.verify(sha)
    assert exported_peak < 16 << 20 and imported_peak < 16 << 20, (exported_peak, imported_peak)
    with zipfile.ZipFile(tmp_path / "m.lbb") as zf:
        assert zf.getinfo(f"blobs/{sha}").file_size == size


class _Cancelled(Exception):
    pass


def test_cancelling_an_import_while_it_verifies_writes_nothing(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    with a.workspace() as workspace:
        sha = workspace.blobs.put_bytes(b"noi dung" * 1000)
        workspace.store.save(Attachment(owner_id="c", sha256=sha, size=8000, filename="c.bin"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    before = b.digest()

    def cancel(done: int, total: int) -> None:
        raise _Cancelled

    with b.device() as (workspace, device):
        with pytest.raises(_Cancelled):
            import_bundle(device, workspace.blobs, tmp_path / "a.lbb", trust_new=True, progress=cancel)
        assert not workspace.blobs.has(sha)
    assert b.digest() == before


def test_importing_a_bundle_again_leaves_the_database_byte_identical(make_peer, tmp_path):
    a, b = make_peer("A"), make_peer("B")
    _save(a, Topic(code="TWICE-1", title="Hai lần"))
    a.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    files = [b.folder / "lecturer_app.sqlite3", b.folder / "lecturer_app.sqlite3-wal"]
    with b.device() as (workspace, device):
        assert import_bundle(device, workspace.blobs, tmp_path / "a.lbb", trust_new=True).revisions_new == 1
        before = [p.read_bytes() for p in files if p.exists()]
        again = import_bundle(device, workspace.blobs, tmp_path / "a.lbb")
        assert again.revisions_new == 0 and again.already_imported
        assert [p.read_bytes() for p in files if p.exists()] == before


def _import_peak(make_peer, tmp_path, name: str, count: int) -> int:
    """Traced peak of importing a bundle of *count* new questions (each with a 1 KB stem)."""
    source, target = make_peer(f"{name}-nguon"), make_peer(f"{name}-nhan")
    with source.workspace() as workspace:
        workspace.store.save_many(Question(stem=f"Câu {n}: " + "nội dung dài " * 80, topic_ids=["t"])
                                  for n in range(count))
    source.ok("bundle", "export", "-o", str(tmp_path / f"{name}.lbb"))
    with target.device() as (workspace, device):
        tracemalloc.start()
        report = import_bundle(device, workspace.blobs, tmp_path / f"{name}.lbb", trust_new=True)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert report.revisions_new == count and not report.rejected
    return peak


def test_import_memory_does_not_grow_with_the_number_of_revisions(make_peer, tmp_path, monkeypatch):
    """Revisions are judged, then inserted, a batch at a time: four times the revisions is not four times the memory."""
    monkeypatch.setattr("lecturer_app.sync.bundle_import.BATCH", 50)
    small = _import_peak(make_peer, tmp_path, "it", 250)
    large = _import_peak(make_peer, tmp_path, "nhieu", 1000)
    assert large < 1.6 * small, (small, large)


def test_each_bundle_line_is_the_revision_and_its_signature_as_json(make_peer):
    """The lines SQLite builds from the stored rows say exactly what ``Revision.to_json()`` says."""
    import json

    from lecturer_app.sync.selection import make_selection, selected_lines
    from lecturer_app.sync.signing import sign_own_revisions

    odd = 'Trích "dẫn" \\ gạch\nxuống dòng\t' + unicodedata.normalize("NFD", "Tiếng Việt") + "\x01"
    with make_peer("A").device() as (workspace, device):
        store = workspace.store
        topic = Topic(code="LINE-1", title=odd, extra={"khác": [1.5, None, True, {"sâu": odd}]})
        store.save(topic, summary=odd)
        store.delete(topic.id)
        old_form = Revision.create(record_id="v0", type="topic", parents=(), generation=1,
                                   body={"code": "V0", "title": "bản cũ"}, deleted=False, author=odd, device="d",
                                   hlc="2024-01-01T00:00:00.000Z-0000", format=0)
        store.apply_all([old_form])
        sign_own_revisions(store, device.key)
        lines = [json.loads(line) for line in selected_lines(store, make_selection(store, None, None, None), False)]
        expected = {rev.rev_id: rev for _seq, rev in store.log.since(0, limit=10**6)}
        assert len(lines) == len(expected)
        for line in lines:
            rev = expected[line["rev"]["rev_id"]]
            signed = signature_of(store, rev.rev_id)  # none for the shipped bank's revisions
            sig = {"signer": signed[0], "signature": signed[1]} if signed else None
            assert line == {"rev": rev.to_json(), "sig": sig}
            assert Revision.from_json(line["rev"]).computed_id() == rev.rev_id
        assert {line["rev"].get("v") for line in lines} == {None, 1}
