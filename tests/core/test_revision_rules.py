"""The rules sync and the shipped bank rely on: what a revision id covers, which head is shown, how conflicts end.

Written against one-line bugs that the rest of the suite let through (issue
#12, point 21): a field left out of the hash, the winner rule inverted, a
conflict left open by an edit, the bank overwriting a lecturer's work.
"""

from __future__ import annotations

import dataclasses

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.shipped_import import import_bank
from lecturer_app.core.model import Topic
from lecturer_app.core.store.revisions import Revision, display_order_key

BASE = dict(record_id="r1", type="topic", parents=("p1", "p2"), generation=3, body={"title": "Gốc"},
            deleted=False, author="Nguyễn Văn A", device="d1", hlc="2026-01-01T00:00:00.000Z-0000", summary="Sửa",
            origin_replica="d1", origin_seq=7)


@pytest.mark.parametrize(("field", "other"), [
    ("record_id", "r2"), ("type", "slide"), ("parents", ("p1",)), ("generation", 4),
    ("body", {"title": "Khác"}), ("deleted", True), ("author", "Lê Thị B"), ("device", "d2"),
    ("hlc", "2026-01-01T00:00:00.000Z-0001"), ("summary", "Tự động lưu"), ("origin_replica", "d2"),
    ("origin_seq", 8), ("format", 0),
])
def test_every_field_of_a_revision_is_part_of_its_id(field, other):
    """A tombstone with the same id as the live revision would be dropped by sync as "already known"."""
    assert Revision.create(**{**BASE, field: other}).rev_id != Revision.create(**BASE).rev_id


def test_parents_are_hashed_in_a_fixed_order():
    assert Revision.create(**{**BASE, "parents": ("p2", "p1")}).rev_id == Revision.create(**BASE).rev_id


def head(generation: int, rev_id: str, deleted: bool = False) -> Revision:
    return Revision(**{**BASE, "generation": generation, "deleted": deleted, "rev_id": rev_id})


def shown(*heads: Revision) -> str:
    return max(heads, key=display_order_key).rev_id


def test_the_shown_head_is_live_before_deleted_then_newer_generation_then_greater_id():
    assert shown(head(2, "aa"), head(5, "ff", deleted=True)) == "aa"  # an edit beats a deletion made elsewhere
    assert shown(head(3, "aa"), head(2, "ff")) == "aa"  # more edits win over a greater id
    assert shown(head(2, "aa"), head(2, "ff")) == "ff"  # equal: the greater id, the same on every machine
    assert shown(head(1, "bb", deleted=True), head(1, "cc", deleted=True)) == "cc"


def conflicted(store) -> Topic:
    """A topic edited here and, from the same base, on another machine."""
    t = Topic(code="T-01", title="Gốc", periods=5)
    base = store.save(t)
    store.save(Topic(id=t.id, code="T-01", title="Của tôi", periods=5))
    theirs = Revision.create(record_id=t.id, type="topic", parents=(base.rev_id,), generation=2,
                             body={**base.body, "title": "Của máy khác"}, deleted=False, author="B",
                             device="other", hlc="2030-01-01T00:00:00.000Z-0000")
    store.apply(theirs)
    assert len(store.log.head_rev_ids(t.id)) == 2
    return t


def conflict_flag(store, record_id: str) -> int:
    return store.db.execute("SELECT conflict FROM records WHERE id = ?", [record_id]).fetchone()[0]


def test_the_deleted_head_is_not_shown_when_another_machine_kept_editing(store):
    t = conflicted(store)
    mine = [r for r in store.log.heads(t.id) if r.device != "other"][0]
    tombstone = Revision.create(record_id=t.id, type="topic", parents=(mine.rev_id,), generation=3, body={},
                                deleted=True, author="B", device="other", hlc="2030-01-02T00:00:00.000Z-0000")
    store.apply(tombstone)
    assert store.get(Topic, t.id).title == "Của máy khác"  # generation 2, live, beats the generation-3 tombstone


@pytest.mark.parametrize("resolve", [
    lambda store, t: store.save(Topic(id=t.id, code="T-01", title="Đã hợp nhất", periods=5)),
    lambda store, t: store.restore(t.id, store.history(t.id)[0].rev_id),
    lambda store, t: store.delete(t.id),
])
def test_an_edit_restore_or_delete_of_a_record_in_conflict_ends_the_conflict(store, resolve):
    t = conflicted(store)
    both = set(store.log.head_rev_ids(t.id))
    rev = resolve(store, t)
    assert store.log.head_rev_ids(t.id) == [rev.rev_id]
    assert set(rev.parents) == both
    assert conflict_flag(store, t.id) == 0


def edit_bank_topic(mini_bank, old: str, new: str) -> None:
    """The shipped bank with one topic retitled (same version: only that record's revision changes)."""
    catalog = mini_bank / "catalog.toml"
    text = catalog.read_text(encoding="utf-8")
    assert old in text
    catalog.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_bank_version_never_overwrites_a_topic_the_lecturer_changed(store, mini_bank):
    import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-02")
    topic.title = "Tên do giảng viên sửa"
    store.save(topic)
    edit_bank_topic(mini_bank, 'title = "Học tập nghị quyết Đại hội"', 'title = "Học tập nghị quyết Đại hội XIV"')

    report = import_bank(store, mini_bank)
    assert topic.id in report.kept_local
    assert report.added == 0
    assert store.get(Topic, topic.id).title == "Tên do giảng viên sửa"
    assert len(store.log.head_rev_ids(topic.id)) == 1 and conflict_flag(store, topic.id) == 0
    assert report.to_json()["kept_local"] == report.kept_local


def test_an_untouched_record_takes_the_new_bank_content_and_the_rest_is_unchanged(store, mini_bank):
    # Was "kept even when untouched": that left every record of a new bank version unapplied (issue #14).
    first = import_bank(store, mini_bank)
    edit_bank_topic(mini_bank, 'title = "Học tập nghị quyết Đại hội"', 'title = "Học tập nghị quyết Đại hội XIV"')
    report = import_bank(store, mini_bank)
    changed = LessonBank(store).topic_by_code("AB-02")
    assert changed.id in report.upgraded and len(report.upgraded) <= 2 and report.kept_local == []
    assert report.unchanged == first.added - len(report.upgraded) and report.added == 0
    assert changed.title == "Học tập nghị quyết Đại hội XIV"


def test_revision_fields_are_the_ones_the_hash_covers():
    """A new Revision field must be added to hashed_content (and to the parametrized test above)."""
    hashed = set(Revision.create(**BASE).hashed_content()) - {"v"} | {"format"}
    assert {f.name for f in dataclasses.fields(Revision)} - {"rev_id"} == hashed


def test_each_record_in_conflict_is_named_once_however_many_records_are_asked(store):
    """Ids are asked 500 at a time: a record must fall in exactly one slice, or it would be merged twice."""
    t = conflicted(store)
    settled = store.save(Topic(code="T-02", title="Không tranh chấp", periods=3))
    asked = [f"khong-co-{n:04d}" for n in range(1200)]
    asked[0], asked[499], asked[777] = settled.record_id, t.id, settled.record_id
    assert store.log.with_several_heads(asked) == [t.id]
