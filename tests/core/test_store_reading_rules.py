"""Reading the store back: batches give what one query gives, revisions survive their JSON form, ancestry.

Written where mutation testing found the suite silent (docs/testing.md).
"""

from __future__ import annotations

import pytest

from lecturer_app.core.model import Topic
from lecturer_app.core.store.record_store import RecordNotFound
from lecturer_app.core.store.revisions import Revision


def topics(store, n: int) -> list[Topic]:
    saved = [Topic(code=f"CĐ{i:02d}", title=f"Chuyên đề {i}") for i in range(n)]
    store.save_many(saved)
    return saved


@pytest.mark.parametrize("batch", [1, 2, 3, 1000])
def test_reading_in_batches_gives_every_record_once_in_order(store, batch):
    topics(store, 7)
    expected = [t.code for t in store.select(Topic, order_by="code DESC")]
    assert [t.code for t in store.iter_select(Topic, order_by="code DESC", batch=batch)] == expected
    assert len(expected) == 7


def test_reading_in_batches_filters_like_select(store):
    topics(store, 5)
    found = store.iter_select(Topic, "code IN (?, ?)", ["CĐ01", "CĐ03"], order_by="code", batch=1)
    assert [(t.code, t.title) for t in found] == [("CĐ01", "Chuyên đề 1"), ("CĐ03", "Chuyên đề 3")]


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_reading_with_columns_gives_each_record_with_its_own_values(store, batch):
    saved = topics(store, 5)
    rows = list(store.iter_bodies_with(Topic, ["code", "id"], "code >= ?", ["CĐ02"], order_by="code", batch=batch))
    assert [(body["code"], values) for _id, body, values in rows] == [(t.code, (t.code, t.id)) for t in saved[2:]]
    assert all(record_id == values[1] for record_id, _body, values in rows)


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_reading_bodies_gives_each_record_id_with_its_stored_body_filtered_and_in_order(store, batch):
    saved = topics(store, 5)
    rows = list(store.iter_bodies(Topic, "code >= ?", ["CĐ02"], order_by="code DESC", batch=batch))
    assert [(record_id, body["code"], body["title"]) for record_id, body in rows] == [
        (t.id, t.code, t.title) for t in reversed(saved[2:])]


def test_reading_bodies_without_a_filter_gives_every_record_once(store):
    saved = topics(store, 3)
    assert sorted(record_id for record_id, _body in store.iter_bodies(Topic)) == sorted(t.id for t in saved)


def test_a_record_not_found_names_what_was_asked_for():
    assert str(RecordNotFound("CĐ99")) == "Không tìm thấy: CĐ99"
    assert str(RecordNotFound()) == "Không tìm thấy: "


def test_a_revision_read_back_from_json_is_the_same_revision(store):
    (topic,) = topics(store, 1)
    topic.title = "Đổi tên"
    store.save(topic, summary="Sửa tên")
    for revision in store.history(topic.id):
        again = Revision.from_json(revision.to_json())
        assert again == revision and again.computed_id() == revision.rev_id


def test_a_revision_of_the_first_format_reads_back_with_its_defaults():
    old = Revision.create(record_id="r1", type="topic", parents=("b", "a"), generation=2, body={"title": "x"},
                          deleted=True, author="A", device="d", hlc="h", summary="s", format=0)
    data = old.to_json()
    assert "v" not in data and "origin_seq" not in data
    again = Revision.from_json(data)
    assert again == old and again.parents == ("a", "b") and again.computed_id() == old.rev_id
    del data["summary"]  # revisions written before summaries were carried
    assert Revision.from_json(data).summary == ""


def test_ancestors_are_the_revision_and_every_revision_before_it(store):
    (topic,) = topics(store, 1)
    (first,) = (rev.rev_id for rev in store.history(topic.id))
    topic.title = "Lần hai"
    store.save(topic)
    topic.title = "Lần ba"
    store.save(topic)
    history = store.history(topic.id)
    ids = {rev.rev_id for rev in history}
    newest = max(history, key=lambda rev: rev.generation)
    oldest = min(history, key=lambda rev: rev.generation)
    assert store.log.ancestors(newest.rev_id) == ids
    assert store.log.ancestors(oldest.rev_id) == {oldest.rev_id} == {first}
    assert store.log.ancestors("khong-co") == set()


def test_the_change_feed_starts_after_the_position_given_and_stops_at_the_limit(store):
    topics(store, 4)
    feed = store.log.since(0)
    assert [seq for seq, _rev in feed] == sorted(seq for seq, _rev in feed) and len(feed) >= 4
    second = feed[1][0]
    assert [seq for seq, _rev in store.log.since(second)] == [seq for seq, _rev in feed[2:]]
    assert store.log.since(0, limit=2) == feed[:2]


def test_require_gives_the_record_and_names_a_missing_one(store):
    (topic,) = topics(store, 1)
    assert store.require(Topic, topic.id).code == "CĐ00"
    with pytest.raises(RecordNotFound) as raised:
        store.require(Topic, "khong-co")
    assert str(raised.value) == "Không tìm thấy: khong-co"


def test_the_history_of_an_unknown_record_names_it(store):
    with pytest.raises(RecordNotFound) as raised:
        store.history("khong-co")
    assert str(raised.value) == "Không tìm thấy: khong-co"


def test_a_record_of_any_type_loads_with_its_own_id_and_not_once_deleted(store):
    (topic,) = topics(store, 1)
    loaded = store.load_any(topic.id)
    assert isinstance(loaded, Topic) and (loaded.id, loaded.code) == (topic.id, "CĐ00")
    store.delete(topic.id)
    assert store.load_any(topic.id) is None


def test_a_save_or_delete_without_a_summary_records_none(store):
    (topic,) = topics(store, 1)
    store.delete(topic.id)
    assert [rev.summary for rev in store.history(topic.id)] == ["", ""]


def test_rebuilding_the_read_tables_drops_rows_the_log_does_not_hold(store):
    kept, gone = topics(store, 2)
    store.delete(gone.id)
    store.db.execute("INSERT INTO topics (id, body) SELECT 'lac-loai', body FROM topics WHERE id = ?", [kept.id])
    store.rebuild_materialized()
    assert [t.id for t in store.select(Topic)] == [kept.id]


def _edit_elsewhere(base: Revision, device: str, **changes) -> Revision:
    return Revision.create(record_id=base.record_id, type=base.type, parents=(base.rev_id,),
                           generation=base.generation + 1, body={**base.body, **changes}, deleted=False,
                           author="Máy khác", device=device, hlc=f"2099-01-01T00:00:00.000Z-000{len(device)}",
                           origin_replica=device, origin_seq=1)


def test_two_edits_of_different_fields_made_elsewhere_merge_into_one_record(store):
    (topic,) = topics(store, 1)
    (base,) = store.history(topic.id)
    edits = [_edit_elsewhere(base, "may-a", title="Tên mới"), _edit_elsewhere(base, "may-bb", periods=8)]
    for edit in edits:
        store.apply(edit)
    assert len(store.log.heads(topic.id)) == 2
    (merge,) = store.automerge([topic.id])
    assert sorted(merge.parents) == sorted(edit.rev_id for edit in edits)
    shown = store.require(Topic, topic.id)
    assert (shown.title, shown.periods) == ("Tên mới", 8)
    assert store.log.heads(topic.id) == [merge]
    assert store.automerge([topic.id]) == []


def test_every_saved_revision_names_this_device_and_counts_up(store):
    saved = topics(store, 3)
    revisions = [store.history(t.id)[0] for t in saved]
    assert {rev.origin_replica for rev in revisions} == {store.device} and store.device
    assert [rev.origin_seq for rev in revisions] == [1, 2, 3]


def test_reading_xml_safe_scrubs_what_xml_cannot_hold_and_plain_reading_gives_the_text_as_stored(store):
    """Text from a replica that stored it before control characters were cleaned: exports must still be XML."""
    saved = topics(store, 3)
    (base,) = store.history(saved[1].id)
    store.apply(_edit_elsewhere(base, "may-cu", title="Chuyên đề\x0b1\x00"))
    safe = [t.title for t in store.iter_select(Topic, order_by="code", batch=2, xml_safe=True)]
    assert safe[0] == "Chuyên đề 0" and safe[2] == "Chuyên đề 2"
    assert "\x0b" not in safe[1] and "\x00" not in safe[1] and safe[1].startswith("Chuyên đề")
    assert [t.title for t in store.iter_select(Topic, order_by="code")][1] == "Chuyên đề\x0b1\x00"
