"""A peer whose clock is years ahead: its stamps do not date this machine's later edits (docs/design/sync.md § Clocks).

Outcomes stay clock-independent (guarantee 12): both machines end with the same digest, byte for byte.
"""

from __future__ import annotations

import time

from lecturer_app.core.model import Topic
from lecturer_app.core.store.hlc import MAX_AHEAD_MS, HybridClock, parse_stamp
from lecturer_app.sync.bundle_import import import_bundle
from lecturer_app.sync.device import open_device

TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000


def _now_ms() -> int:
    return int(time.time() * 1000)


def _own_stamps(peer) -> list[str]:
    """This machine's own revisions' stamps in the order it minted them."""
    with peer.workspace() as workspace:
        store = workspace.store
        rows = store.db.execute("SELECT hlc FROM revisions WHERE origin_replica = ? ORDER BY origin_seq",
                                [store.device]).fetchall()
    return [row[0] for row in rows]


def _edit_title(store, title: str):
    topic = store.select(Topic, order_by="code")[0]
    topic.title = title
    return store.save(topic)


def test_after_a_bundle_from_a_machine_ten_years_ahead_local_edits_are_stamped_now_and_digests_match(
        make_peer, tmp_path):
    here, ahead = make_peer("A"), make_peer("B")
    with here.workspace() as workspace:
        _edit_title(workspace.store, "Sửa trước khi nhận gói")
    with ahead.workspace() as workspace:
        workspace.store.clock = HybridClock(wall_ms=lambda: _now_ms() + TEN_YEARS_MS)
        future = [_edit_title(workspace.store, "Sửa ở máy chạy trước mười năm"),
                  workspace.store.save(Topic(code="TUONG-LAI", title="Chuyên đề từ tương lai"))]
    ahead.ok("bundle", "export", "-o", str(tmp_path / "b.lbb"))

    started = _now_ms()
    with here.workspace() as workspace:  # the import and the next edit in one session: the running clock
        device = open_device(workspace.data_dir, workspace.store)
        assert import_bundle(device, workspace.blobs, tmp_path / "b.lbb", trust_new=True).revisions_new == 2
        same_session = _edit_title(workspace.store, "Sửa ngay sau khi nhận gói")
    with here.workspace() as workspace:  # the next start of the app: the clock read back from the database
        next_start = workspace.store.save(Topic(code="HOM-NAY", title="Chuyên đề hôm nay"))
    finished = _now_ms()

    for rev in (same_session, next_start):
        assert started <= parse_stamp(rev.hlc)[0] <= finished + MAX_AHEAD_MS, rev.hlc
        assert rev.hlc < min(r.hlc for r in future)
    assert future[0].rev_id in same_session.parents  # the edit builds on the future revision all the same
    own = _own_stamps(here)
    assert len(own) == 3 and own == sorted(own) and len(set(own)) == 3  # own revisions keep their order

    here.ok("bundle", "export", "-o", str(tmp_path / "a.lbb"))
    ahead.ok("bundle", "import", str(tmp_path / "a.lbb"), "--trust-new")
    assert here.ok("sync", "digest", "--json") == ahead.ok("sync", "digest", "--json")
    with here.workspace() as workspace:
        shown = workspace.store.select(Topic, order_by="code")[0].title
    with ahead.workspace() as workspace:
        assert workspace.store.select(Topic, order_by="code")[0].title == shown == "Sửa ngay sau khi nhận gói"
