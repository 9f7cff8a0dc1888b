"""Marking a topic official in the store (core/bank/official.py); the scope checks are in tests/sync and tests/server."""

from __future__ import annotations

import pytest

from lecturer_app.core.bank.official import (
    ConflictBlocksMarking,
    mark_official,
    official_status,
    topic_member_ids,
)
from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.shipped_import import import_bank
from lecturer_app.core.store.record_store import RecordNotFound
from lecturer_app.core.store.revisions import Revision


def test_a_mark_names_every_record_of_the_topic_and_marking_again_unchanged_writes_nothing(store, mini_bank):
    import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-01")
    mark = mark_official(store, topic.id, "Duyệt")
    members = topic_member_ids(store, topic.id)
    assert set(mark.body["revisions"]) == set(members) and len(members) > 5  # plan, sections, deck, slides, question
    assert all(mark.body["revisions"][rid] == store.log.head_rev_ids(rid)[0] for rid in members)
    assert official_status(store, topic.id).is_official
    assert mark_official(store, topic.id, "Duyệt") is None


def test_a_topic_in_conflict_or_an_unknown_one_cannot_be_marked(store, mini_bank):
    import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-02")
    shipped = store.log.heads(topic.id)[0]
    topic.title = "Sửa ở máy này"
    store.save(topic)
    other = Revision.create(record_id=topic.id, type="topic", parents=(shipped.rev_id,), generation=2,
                            body={**shipped.body, "title": "Sửa ở máy khác"}, deleted=False, author="B",
                            device="máy-khác", hlc=shipped.hlc, origin_replica="máy-khác", origin_seq=1)
    store.apply(other)
    with pytest.raises(ConflictBlocksMarking, match="xung đột"):
        mark_official(store, topic.id)
    with pytest.raises(RecordNotFound):
        mark_official(store, "không-có")
