"""Three-way auto-merge: different fields merge, the same field conflicts, every replica mints the same merge."""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Attachment, Slide, Topic
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.merge import AUTOMERGE, merge_bodies
from lecturer_app.core.store.record_store import Store


@pytest.fixture
def replicas():
    made = [Store(open_database(None), author=name) for name in ("An", "Bình", "Chi")]
    yield made
    for store in made:
        store.db.close()


def everything(store: Store):
    return [rev for _seq, rev in store.log.since(0, limit=-1)]


def exchange(*stores: Store) -> None:
    """Every store takes every other store's revisions, as bundles would carry them."""
    for target in stores:
        for source in stores:
            if source is not target:
                target.apply_all(everything(source))


def shared_topic(a: Store, b: Store, **fields) -> Topic:
    topic = Topic(code="NTD-01", title="Tên cũ", periods=4, **fields)
    a.save(topic)
    exchange(a, b)
    return topic


def edit(store: Store, record_id: str, **changes) -> None:
    topic = store.get(Topic, record_id)
    for name, value in changes.items():
        setattr(topic, name, value)
    store.save(topic)


def test_edits_to_different_fields_merge_on_both_replicas_into_the_same_revision(replicas):
    a, b, _ = replicas
    topic = shared_topic(a, b)
    edit(a, topic.id, title="Tên mới")
    edit(b, topic.id, periods=6)
    exchange(a, b)
    for store in (a, b):
        merged = store.get(Topic, topic.id)
        assert (merged.title, merged.periods) == ("Tên mới", 6)
        assert store.log.head_rev_ids(topic.id) == a.log.head_rev_ids(topic.id)
        head = store.log.heads(topic.id)[0]
        assert head.author == AUTOMERGE and len(head.parents) == 2
        assert store.db.execute("SELECT conflict FROM records WHERE id = ?", [topic.id]).fetchone()[0] == 0


def test_the_same_field_changed_differently_keeps_both_heads_and_flags_the_conflict(replicas):
    a, b, _ = replicas
    topic = shared_topic(a, b)
    edit(a, topic.id, title="Tên của An")
    edit(b, topic.id, title="Tên của Bình")
    exchange(a, b)
    for store in (a, b):
        titles = sorted(h.body["title"] for h in store.log.heads(topic.id))
        assert titles == ["Tên của An", "Tên của Bình"]
        assert store.db.execute("SELECT conflict FROM records WHERE id = ?", [topic.id]).fetchone()[0] == 1


def test_the_same_change_on_both_sides_merges(replicas):
    a, b, _ = replicas
    topic = shared_topic(a, b)
    edit(a, topic.id, title="Cùng một tên", periods=5)
    edit(b, topic.id, title="Cùng một tên")
    exchange(a, b)
    assert (a.get(Topic, topic.id).title, a.get(Topic, topic.id).periods) == ("Cùng một tên", 5)
    assert len(a.log.heads(topic.id)) == 1


def test_an_edit_against_a_delete_is_never_merged_and_the_edit_is_shown(replicas):
    a, b, _ = replicas
    topic = shared_topic(a, b)
    edit(a, topic.id, title="Vẫn dùng")
    b.delete(topic.id)
    exchange(a, b)
    for store in (a, b):
        assert store.get(Topic, topic.id).title == "Vẫn dùng"
        assert len(store.log.heads(topic.id)) == 2


@pytest.mark.parametrize("make", [
    lambda: Slide(deck_id="d", topic_id="t", position="V", title="Trang"),
    lambda: Attachment(owner_id="t", filename="a.pdf", sha256="a" * 64),
])
def test_slides_and_attachments_are_never_merged_field_by_field(replicas, make):
    a, b, _ = replicas
    record = make()
    a.save(record)
    exchange(a, b)
    first, second = a.get(type(record), record.id), b.get(type(record), record.id)
    if isinstance(record, Slide):
        first.title, second.notes = "Trang đã sửa", "Ghi chú mới"
    else:
        first.filename, second.role = "b.pdf", "reference"
    a.save(first)
    b.save(second)
    exchange(a, b)
    assert len(a.log.heads(record.id)) == 2 and len(b.log.heads(record.id)) == 2


def test_merges_made_independently_on_three_replicas_converge(replicas):
    a, b, c = replicas
    topic = shared_topic(a, b)
    exchange(a, b, c)
    edit(a, topic.id, title="Tên mới")
    edit(b, topic.id, periods=6)
    edit(c, topic.id, audience="Đảng viên mới")
    exchange(a, b)          # a and b merge two heads
    exchange(b, c)          # c meets the merge and its own head
    exchange(a, b, c)
    exchange(a, b, c)
    heads = {store.log.head_rev_ids(topic.id)[0] for store in (a, b, c)}
    assert len(heads) == 1
    shown = c.get(Topic, topic.id)
    assert (shown.title, shown.periods, shown.audience) == ("Tên mới", 6, "Đảng viên mới")
    assert {rev.rev_id for rev in everything(a)} == {rev.rev_id for rev in everything(c)}


def test_unknown_fields_merge_like_known_ones():
    base = {"title": "a", "future": {"x": 1}}
    assert merge_bodies(base, [{"title": "b", "future": {"x": 1}}, {"title": "a", "future": {"x": 2}}]) == {
        "title": "b", "future": {"x": 2}}
    assert merge_bodies(base, [{"title": "a", "future": {"x": 3}}, {"title": "a", "future": {"x": 2}}]) is None


def test_a_field_removed_on_one_side_and_untouched_on_the_other_is_removed():
    assert merge_bodies({"a": 1, "b": 2}, [{"a": 1}, {"a": 1, "b": 2}]) == {"a": 1}
