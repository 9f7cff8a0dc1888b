"""Views refresh from change sets (issue #13): only what a write touched, and no timer polls the database."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Attachment, Topic
from lecturer_app.core.store.conflicts import conflict_count


def _count_calls(monkeypatch, obj, name: str) -> list[int]:
    calls: list[int] = []
    original = getattr(obj, name)
    monkeypatch.setattr(obj, name, lambda *args: (calls.append(1), original(*args))[1])
    return calls


def test_no_timer_polls_for_conflicts(sync_window):
    assert not sync_window.conflicts_button.findChildren(QTimer)
    assert not any(timer.isActive() and not timer.isSingleShot() for timer in sync_window.findChildren(QTimer))


def test_a_conflict_written_by_any_operation_shows_when_it_finishes(sync_window, peer, finish, tmp_path):
    """Not the sync actions: a plain operation on a worker connection, and nobody tells the button."""
    store = sync_window.context.store
    topic = LessonBank(store).require_topic("AB-02")
    topic.title = "Tên đặt ở máy A"
    store.save(topic)
    peer.retitle("AB-02", "Tên đặt ở máy B")
    bundle = peer.export(tmp_path / "b.lbb")
    context = sync_window.context

    def work(report):
        from lecturer_app.sync.bundle_import import import_bundle
        from lecturer_app.sync.device import open_device

        with context.worker_store() as worker:
            return import_bundle(open_device(context.workspace.data_dir, worker), context.workspace.blobs, bundle,
                                 trust_new=True)

    assert not sync_window.conflicts_button.isVisible()
    finish(sync_window.run_operation("Nhập", work))
    assert conflict_count(store) == 1
    assert sync_window.conflicts_button.isVisible() and sync_window.conflicts_button.text() == "Xung đột (1)"


def test_the_bank_tree_reloads_only_for_changes_it_shows(sync_window, monkeypatch):
    reloads = _count_calls(monkeypatch, sync_window.browser, "reload")
    store = sync_window.context.store
    topic = LessonBank(store).require_topic("AB-01")
    store.save(Attachment(owner_id=topic.id, sha256="a" * 64, size=1, filename="tệp.pdf"))
    sync_window.changes.flush()
    assert reloads == []  # an attachment is not in the tree
    topic.title = "Tên mới trong cây"
    store.save(topic)
    sync_window.changes.flush()
    assert reloads == [1]


def test_the_own_write_waits_for_the_event_loop_and_a_burst_is_one_change_set(sync_window, qtbot):
    seen = []
    sync_window.changes.subscribe(seen.append)
    store = sync_window.context.store
    for code in ("AB-01", "AB-02"):
        topic = LessonBank(store).require_topic(code)
        topic.title += " (sửa)"
        store.save(topic)
    assert seen == []
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=2000)
    assert len(seen[0].ids("topic")) == 2 and sync_window.changes.own


def test_a_topic_page_reloads_for_a_write_elsewhere_not_for_its_own(sync_window, finish, monkeypatch):
    store = sync_window.context.store
    topic = LessonBank(store).require_topic("AB-01")
    other = LessonBank(store).require_topic("AB-02")
    page = sync_window.open_topic(topic.id)
    editor = page.editors()[0]  # the topic's information
    reloads = _count_calls(monkeypatch, type(editor), "reload")
    topic = store.require(Topic, topic.id)
    topic.title = "Sửa ngay trên máy này"
    store.save(topic)
    sync_window.changes.flush()
    assert reloads == []  # its own save
    context = sync_window.context

    def rename(record_id: str, title: str):
        def work(report):
            with context.worker_store() as worker:
                record = worker.require(Topic, record_id)
                record.title = title
                worker.save(record)
        return work

    finish(sync_window.run_operation("Sửa", rename(other.id, "Chuyên đề khác, sửa nơi khác")))
    assert reloads == []  # another topic
    finish(sync_window.run_operation("Sửa", rename(topic.id, "Sửa ở kết nối khác")))
    assert reloads == [1]
