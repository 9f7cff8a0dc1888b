"""What callers of Store and RevisionLog rely on, pinned where mutation testing found the suite silent (docs/testing.md)."""

from __future__ import annotations

import time

import pytest

from lecturer_app.core.model import Membership, Question, Topic
from lecturer_app.core.store.hlc import MAX_AHEAD_MS, HybridClock, format_stamp, parse_stamp
from lecturer_app.core.store.record_store import RecordNotFound, Store
from lecturer_app.core.store.revisions import Revision

FUTURE = "2031-05-01T08:00:00.000Z-0007"


def test_a_first_revision_has_no_parents_and_generation_one(store):
    rev = Revision.create(record_id="r", type="topic", generation=1, body={}, deleted=False, author="",
                          device="d", hlc=FUTURE)
    assert rev.parents == () and rev.rev_id == rev.computed_id()


def test_author_and_summary_are_written_as_given(db):
    store = Store(db)
    t = Topic(code="T-01", title="A")
    assert store.save(t).author == "" and store.history(t.id)[0].summary == ""
    t.title = "B"
    rev = store.save(t, summary="Sửa tên", author="Lê Thị B")
    assert (rev.author, rev.summary) == ("Lê Thị B", "Sửa tên")
    (many,) = store.save_many([Topic(code="T-02", title="C")], summary="Nhập", author="Trần C")
    assert (many.author, many.summary) == ("Trần C", "Nhập")
    assert Store(db, author="Nguyễn A").save(Topic(code="T-03", title="D")).author == "Nguyễn A"


def test_a_store_opened_later_stamps_after_every_stamp_it_holds_within_reach(db):
    store = Store(db)
    soon = format_stamp(int(time.time() * 1000) + MAX_AHEAD_MS // 2, 7)  # another machine a little ahead
    seen = Revision.create(record_id="x", type="topic", parents=(), generation=1, body={"title": "Từ máy khác"},
                           deleted=False, author="B", device="other", hlc=soon)
    store.apply(seen)
    later = Store(db)  # e.g. the next start of the app
    assert later.save(Topic(code="T-09", title="Sau")).hlc > soon


def test_a_store_opened_later_stamps_after_its_own_stamps_even_from_a_clock_that_ran_ahead(db):
    ahead = Store(db, clock=HybridClock(wall_ms=lambda: parse_stamp(FUTURE)[0]))  # this machine's clock was wrong
    own = ahead.save(Topic(code="T-01", title="Khi đồng hồ chạy trước")).hlc
    seen = Revision.create(record_id="x", type="topic", parents=(), generation=1, body={"title": "Từ máy khác"},
                           deleted=False, author="B", device="other", hlc=FUTURE)
    ahead.apply(seen)
    later = Store(db)  # the clock set right since: its own stamps still never go back
    assert own < later.save(Topic(code="T-09", title="Sau")).hlc < FUTURE


def test_a_tombstone_has_an_empty_body_and_restore_names_the_version(store):
    t = Topic(code="T-01", title="A")
    first = store.save(t)
    tomb = store.delete(t.id)
    assert tomb.deleted and tomb.body == {}
    back = store.restore(t.id, first.rev_id)
    assert back.summary == f"Khôi phục phiên bản {first.rev_id[:10]}"
    assert store.restore(t.id, first.rev_id, summary="Lấy lại").summary == "Lấy lại"


def test_restoring_a_revision_of_another_record_is_refused(store):
    a, b = Topic(code="A", title="A"), Topic(code="B", title="B")
    rev_a = store.save(a)
    store.save(b)
    with pytest.raises(RecordNotFound) as caught:
        store.restore(b.id, rev_a.rev_id)
    assert caught.value.args == (rev_a.rev_id,)


def test_not_found_errors_carry_the_id_the_message_names(store):
    with pytest.raises(RecordNotFound) as caught:
        store.delete("khong-co")
    assert caught.value.args == ("khong-co",)
    with pytest.raises(RecordNotFound) as caught:
        store.require(Topic, "khong-co")
    assert caught.value.args == ("khong-co",)


def test_a_forged_revision_is_refused_naming_it(store):
    rev = Revision.create(record_id="x", type="topic", parents=(), generation=1, body={"title": "a"},
                          deleted=False, author="", device="d", hlc=FUTURE)
    forged = Revision(**{**rev.__dict__, "body": {"title": "b"}})
    with pytest.raises(ValueError, match=rev.rev_id):
        store.apply(forged)


def test_a_parent_that_arrives_after_its_child_never_becomes_a_head(store):
    base = Revision.create(record_id="r", type="topic", parents=(), generation=1, body={"title": "Gốc"},
                           deleted=False, author="", device="d", hlc="2026-01-01T00:00:00.000Z-0000")
    child = Revision.create(record_id="r", type="topic", parents=(base.rev_id,), generation=2,
                            body={"title": "Con"}, deleted=False, author="", device="d",
                            hlc="2026-01-02T00:00:00.000Z-0000")
    store.apply(child)
    store.apply(base)
    assert store.log.head_rev_ids("r") == [child.rev_id]
    assert store.get(Topic, "r").title == "Con"


def test_the_change_feed_gives_local_sequence_numbers_in_order(store):
    for n in range(3):
        store.save(Topic(code=f"T-{n}", title=str(n)))
    feed = store.log.since(0)
    seqs = [seq for seq, _ in feed]
    assert seqs == sorted(seqs) and len(seqs) == 3 and all(isinstance(s, int) for s in seqs)
    assert [seq for seq, _ in store.log.since(seqs[0])] == seqs[1:]
    assert len(store.log.since(0, limit=2)) == 2


def test_rebuilding_the_read_tables_keeps_links_and_search(store):
    program_id = "p-1"
    topic = Topic(code="T-01", title="Lịch sử Đảng", memberships=[Membership(program_id, None, 3)])
    store.save(topic)
    question = Question(stem="Đảng ra đời năm nào?", answers=["1930"], type="short_answer", topic_ids=[topic.id])
    store.save(question)

    def state():
        return (store.db.execute("SELECT * FROM topic_programs").fetchall(),
                store.db.execute("SELECT * FROM question_topics").fetchall(),
                store.db.execute("SELECT COUNT(*) FROM search_rows").fetchone())

    before = state()
    store.rebuild_materialized()
    assert state() == before
    assert before[0] == [(topic.id, program_id, None, 3)] and before[1] == [(question.id, topic.id)]


def test_a_revision_travels_as_json_and_comes_back_identical():
    rev = Revision.create(record_id="r", type="topic", parents=("b", "a"), generation=2, body={"title": "Tên"},
                          deleted=True, author="Lê B", device="d", hlc=FUTURE, summary="Xóa")
    data = rev.to_json()
    assert data["rev_id"] == rev.rev_id and data["parents"] == ["a", "b"]
    assert Revision.from_json(data) == rev
    loose = {**data, "parents": ["b", "a"], "generation": "2", "deleted": 1}
    del loose["summary"]
    back = Revision.from_json(loose)
    assert (back.parents, back.generation, back.deleted, back.summary) == (("a", "b"), 2, True, "")


def test_counts_types_and_any_record_by_id(store):
    t = Topic(code="T-01", title="A")
    store.save(t)
    q = Question(stem="?", answers=["x"], type="short_answer")
    store.save(q)
    store.save(Topic(code="T-02", title="B"))
    assert store.counts() == {"topic": 2, "question": 1}
    assert store.record_type(q.id) == "question" and store.record_type("khong-co") is None
    assert store.load_any(t.id).title == "A" and isinstance(store.load_any(q.id), Question)
    store.delete(t.id)
    assert store.load_any(t.id) is None and store.load_any("khong-co") is None
    assert store.counts() == {"topic": 1, "question": 1}
