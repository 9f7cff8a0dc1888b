import time

import pytest

from lecturer_app.core.model import Bullet, Option, Question, Slide, Topic
from lecturer_app.core.store.hlc import format_stamp, parse_stamp
from lecturer_app.core.store.record_store import RecordNotFound, Store
from lecturer_app.core.store.revisions import Revision


def topic(**kw) -> Topic:
    return Topic(code=kw.pop("code", "T-01"), title=kw.pop("title", "Đảng Cộng sản Việt Nam"), periods=5, **kw)


def test_saving_a_new_record_writes_its_first_revision(store):
    t = topic()
    rev = store.save(t, summary="Tạo mới")
    assert t.id and rev.record_id == t.id
    assert rev.parents == () and rev.generation == 1
    assert rev.author == "Nguyễn Văn A" and rev.device == store.device
    assert store.get(Topic, t.id) == t


def test_editing_writes_a_child_revision_and_keeps_the_old_one(store):
    t = topic()
    first = store.save(t)
    t.title = "Lịch sử Đảng"
    second = store.save(t)
    assert second.parents == (first.rev_id,) and second.generation == 2
    assert [r.rev_id for r in store.history(t.id)] == [first.rev_id, second.rev_id]
    assert store.get(Topic, t.id).title == "Lịch sử Đảng"


def test_saving_unchanged_content_writes_nothing(store):
    t = topic()
    store.save(t)
    assert store.save(t) is None
    assert len(store.history(t.id)) == 1


def test_revision_id_is_the_hash_of_its_content(store):
    rev = store.save(topic())
    assert rev.rev_id == rev.computed_id()
    assert len(rev.rev_id) == 64


def test_restore_brings_old_content_back_as_a_new_revision(store):
    t = topic(title="Bản gốc")
    first = store.save(t)
    t.title = "Bản sửa"
    store.save(t)
    restored = store.restore(t.id, first.rev_id)
    assert store.get(Topic, t.id).title == "Bản gốc"
    assert len(store.history(t.id)) == 3
    assert restored.body == first.body and restored.rev_id != first.rev_id


def test_delete_is_a_tombstone_and_restore_undoes_it(store):
    t = topic()
    first = store.save(t)
    tomb = store.delete(t.id)
    assert tomb.deleted and store.get(Topic, t.id) is None
    store.restore(t.id, first.rev_id)
    assert store.get(Topic, t.id) == t


def test_text_is_stored_in_nfc(store):
    import unicodedata

    t = topic(title=unicodedata.normalize("NFD", "Nghị quyết"))
    store.save(t)
    assert store.get(Topic, t.id).title == "Nghị quyết"


def test_a_failed_transaction_leaves_nothing_behind(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.save(topic(code="A"))
            raise RuntimeError("boom")
    assert store.select(Topic) == []
    assert store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == 0


def test_unknown_record_raises_not_found(store):
    with pytest.raises(RecordNotFound):
        store.history("nope")
    with pytest.raises(RecordNotFound):
        store.delete("nope")


def test_concurrent_heads_are_kept_and_flagged_as_conflict(store):
    t = topic(title="Gốc")
    base = store.save(t)
    mine = store.save(Topic(id=t.id, code="T-01", title="Của tôi", periods=5))
    theirs = Revision.create(record_id=t.id, type="topic", parents=(base.rev_id,), generation=2,
                             body={**base.body, "title": "Của máy khác"}, deleted=False,
                             author="B", device="other", hlc="2030-01-01T00:00:00.000Z-0000")
    assert store.apply(theirs)
    assert not store.apply(theirs)  # idempotent
    heads = store.log.head_rev_ids(t.id)
    assert sorted(heads) == sorted([mine.rev_id, theirs.rev_id])
    conflict = store.db.execute("SELECT conflict FROM records WHERE id = ?", [t.id]).fetchone()[0]
    assert conflict == 1
    shown = max([mine, theirs], key=lambda r: r.rev_id)
    assert store.get(Topic, t.id).title == shown.body["title"]


def test_a_revision_whose_id_does_not_match_is_refused(store):
    rev = Revision.create(record_id="x", type="topic", parents=(), generation=1, body={"title": "a"},
                          deleted=False, author="", device="d", hlc="2024-01-01T00:00:00.000Z-0000")
    forged = Revision(**{**rev.__dict__, "body": {"title": "b"}})
    with pytest.raises(ValueError):
        store.apply(forged)


def test_nested_fields_round_trip_through_the_store(store):
    s = Slide(deck_id="d", topic_id="t", position="V", title="Kết cấu",
              bullets=[Bullet("Ý chính", 0), Bullet("Ý phụ", 1)])
    q = Question(stem="Câu hỏi?", options=[Option("Đúng", True), Option("Tất cả", pinned=True)])
    store.save(s)
    store.save(q)
    assert store.get(Slide, s.id) == s
    assert store.get(Question, q.id) == q


def test_unknown_body_fields_are_kept_when_saving_again(store):
    rev = Revision.create(record_id="r1", type="topic", parents=(), generation=1,
                          body={"code": "X", "title": "Cũ", "future_field": {"a": 1}}, deleted=False,
                          author="", device="d", hlc="2024-01-01T00:00:00.000Z-0000")
    store.apply(rev)
    t = store.get(Topic, "r1")
    t.title = "Mới"
    new = store.save(t)
    assert new.body["future_field"] == {"a": 1}


def test_rebuilding_read_tables_gives_the_same_state(store):
    t = topic()
    store.save(t)
    t.title = "Tên mới"
    store.save(t)
    store.rebuild_materialized()
    assert store.get(Topic, t.id).title == "Tên mới"


def test_replica_id_persists_in_the_database(db):
    assert Store(db).device == Store(db).device


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    from lecturer_app.core.errors import InputFileError
    from lecturer_app.core.store.db import open_database

    bogus = tmp_path / "lecturer_app.sqlite3"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(InputFileError) as info:
        open_database(bogus)
    assert str(bogus) in str(info.value)
    assert bogus.read_bytes() == b"this is not sqlite" * 100


def test_read_or_none_skips_missing_and_damaged_blobs(tmp_path):
    from lecturer_app.core.store.blobs import BlobStore

    blobs = BlobStore(tmp_path / "blobs")
    sha = blobs.put_bytes("ảnh".encode())
    assert blobs.read_or_none(sha) == "ảnh".encode()
    blobs.path(sha).write_bytes(b"x")
    assert blobs.read_or_none(sha) is None
    assert blobs.read_or_none("0" * 64) is None


def test_save_many_writes_all_records_in_one_transaction(store):
    topics = [topic(code=f"T-{i}") for i in range(3)]
    revisions = store.save_many(topics, summary="Nhập")
    assert [r.record_id for r in revisions] == [t.id for t in topics]
    assert len(store.select(Topic)) == 3


def test_save_many_is_all_or_nothing(store):
    bad = topic(code="BAD")
    bad.extra["not_json"] = {1, 2}
    with pytest.raises(TypeError):
        store.save_many([topic(code="OK"), bad])
    assert store.select(Topic) == []
    assert store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == 0


NEWER_QUESTION_BODY = {
    "type": "single_choice", "stem": "Câu hỏi?", "future": 1,
    "options": [{"text": "A", "correct": True, "weight": 0.5,
                 "image": {"sha256": "a" * 64, "filename": "h.png", "alt": "", "crop": [0, 0, 1, 1]}},
                {"text": "B", "correct": False, "audio": "b.mp3"}],
    "rubric": [{"text": "Ý 1", "points": 1.0, "rubric_id": "r-1"}],
    "images": [{"sha256": "b" * 64, "filename": "x.png", "alt": "", "width_mm": 40}],
}


@pytest.mark.parametrize(("record_type", "body", "edit"), [
    ("question", NEWER_QUESTION_BODY, lambda q: setattr(q, "stem", "Câu hỏi đã sửa?")),
    ("slide", {"deck_id": "d", "title": "T", "bullets": [{"text": "Ý", "level": 0, "style": "quote"}],
               "right_bullets": [], "images": [{"sha256": "c" * 64, "filename": "p.png", "alt": "", "dpi": 300}]},
     lambda s: setattr(s, "title", "T2")),
    ("topic", {"code": "X", "title": "T", "memberships": [{"program_id": "p", "number": 3, "semester": 2}]},
     lambda t: setattr(t, "title", "T2")),
    ("blueprint", {"name": "B", "cells": [{"topic_code": "X", "count": 2, "weight": "cao"}]},
     lambda b: setattr(b, "name", "B2")),
    ("exam", {"title": "E", "versions": [{"code": "101", "key": ["A"], "printed_at": "x"}]},
     lambda e: setattr(e, "title", "E2")),
])
def test_unknown_fields_inside_nested_items_survive_an_older_clients_save(store, record_type, body, edit):
    from lecturer_app.core.model import RECORD_CLASSES

    rev = Revision.create(record_id="n1", type=record_type, parents=(), generation=1, body=body,
                          deleted=False, author="", device="d", hlc="2024-01-01T00:00:00.000Z-0000")
    store.apply(rev)
    record = store.get(RECORD_CLASSES[record_type], "n1")
    edit(record)
    saved = store.save(record).body

    def leaves(value, path=""):
        if isinstance(value, dict):
            return {k: v for key, item in value.items() for k, v in leaves(item, f"{path}/{key}").items()}
        if isinstance(value, list) and value:
            return {k: v for i, item in enumerate(value) for k, v in leaves(item, f"{path}[{i}]").items()}
        return {path: value}

    edited = {"/stem", "/title", "/name"}
    expected = {path: value for path, value in leaves(body).items() if path not in edited}
    assert expected.items() <= leaves(saved).items()


def test_an_operation_returns_what_it_changed_by_type(store):
    from lecturer_app.core.model import PlanSection

    kept = topic()
    store.save(kept)

    def edit(s):
        kept.title = "Tên mới"
        s.save(kept)
        section = PlanSection(plan_id="p", topic_id=kept.id, position="V", heading="I", body="")
        s.save(section)
        return section.id

    section_id, changes = store.run(edit)
    assert changes.ids("topic") == {kept.id} and changes.ids("plan_section") == {section_id}
    assert changes.touches("plan_section") and not changes.touches("slide")
    later = store.changes_since(changes.upto)
    assert not later and later.upto == changes.upto


def test_the_change_feed_sees_writes_made_on_another_connection(tmp_path):
    from lecturer_app.core.store.db import open_database

    path = tmp_path / "data.sqlite3"
    here, there = Store(open_database(path)), Store(open_database(path))
    mark = here.changes_since(0).upto
    written = there.save(topic())
    changes = here.changes_since(mark)
    assert changes.ids("topic") == {written.record_id}


def test_a_failed_operation_changes_nothing_and_raises(store):
    def broken(s):
        s.save(topic())
        raise RuntimeError("hỏng")

    with pytest.raises(RuntimeError):
        store.run(broken)
    assert not store.changes_since(0)


def test_a_batch_with_one_forged_revision_writes_nothing(store):
    good = [Revision.create(record_id=f"b{i}", type="topic", parents=(), generation=1,
                            body={"code": f"B{i}", "title": "t"}, deleted=False, author="", device="d",
                            hlc="2024-01-01T00:00:00.000Z-0000") for i in range(3)]
    forged = Revision(**{**good[1].__dict__, "body": {"code": "B1", "title": "sửa lén"}})
    with pytest.raises(ValueError):
        store.apply_all([good[0], forged, good[2]])
    assert store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == 0


def test_applying_a_batch_twice_adds_nothing_the_second_time(store):
    batch = [Revision.create(record_id=f"c{i}", type="topic", parents=(), generation=1,
                             body={"code": f"C{i}", "title": "t"}, deleted=False, author="", device="d",
                             hlc="2024-01-01T00:00:00.000Z-0000") for i in range(3)]
    added, changes = store.apply_all(batch)
    assert len(added) == 3 and changes.ids("topic") == {"c0", "c1", "c2"}
    again, nothing = store.apply_all(reversed(batch))
    assert again == [] and not nothing


def test_opening_a_store_reads_the_newest_stamp_from_one_row_not_a_scan_of_the_log(db):
    from lecturer_app.core.store.record_store import LAST_STAMP_SQL

    plan = " ".join(row[3] for row in db.execute("EXPLAIN QUERY PLAN " + LAST_STAMP_SQL).fetchall())
    assert "revisions" not in plan and "SCAN" not in plan


def test_the_stored_newest_stamp_follows_every_way_a_revision_arrives_and_never_goes_back(store):
    from lecturer_app.core.store.record_store import LAST_STAMP_SQL

    def stamp() -> str:
        return store.db.execute(LAST_STAMP_SQL).fetchone()[0]

    def newest() -> str:
        return store.db.execute("SELECT MAX(hlc) FROM revisions").fetchone()[0]

    store.save(topic())
    assert stamp() == newest()
    store.save_many([topic(code=f"T-{n}") for n in range(3)])
    assert stamp() == newest()
    older, later = (Revision.create(record_id=f"far-{year}", type="topic", parents=(), generation=1,
                                    body={"code": f"F{year}", "title": "t"}, deleted=False, author="", device="d",
                                    hlc=f"{year}-01-01T00:00:00.000Z-0000") for year in (2001, 2999))
    before = stamp()
    store.apply_all([older])
    assert stamp() == before  # an older revision from elsewhere does not move it back
    store.apply_all([later])
    assert stamp() == newest() == later.hlc
    # A new store's clock does not follow a stamp centuries ahead (hlc.MAX_AHEAD_MS), but starts past its own.
    assert before < Store(store.db).save(topic(code="T-9")).hlc < later.hlc


def test_counting_and_listing_conflicts_reads_only_the_records_in_conflict(store):
    from lecturer_app.core.store.conflicts import conflict_count, list_conflicts

    for sql in ("SELECT COUNT(*) FROM records WHERE conflict = 1",
                "SELECT id FROM records WHERE conflict = 1 ORDER BY hlc, id"):
        plan = " ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql).fetchall())
        assert "records_in_conflict" in plan and "TEMP B-TREE" not in plan, plan
    assert conflict_count(store) == 0 and list_conflicts(store) == []


def _stamped_at(ms: int, record_id: str) -> Revision:
    """A revision from another replica whose clock read *ms*."""
    return Revision.create(record_id=record_id, type="topic", parents=(), generation=1,
                           body={"code": record_id, "title": "t"}, deleted=False, author="", device="d",
                           hlc=format_stamp(ms, 7))


def test_a_reopened_store_stamps_after_every_stamp_already_written(db):
    first = Store(db, author="A")
    stamps = [first.save(Topic(code=f"T{n}", title="x")).hlc for n in range(3)]
    # A replica whose clock runs a little ahead (within hlc.MAX_AHEAD_MS): its stamp is followed.
    ahead = _stamped_at(int(time.time() * 1000) + 60_000, "ahead")
    first.apply_all([ahead])
    assert Store(db, author="A").save(Topic(code="T9", title="y")).hlc > max([*stamps, ahead.hlc])


def test_a_store_reopened_after_a_revision_from_years_ahead_stamps_near_now_after_its_own_stamps(db):
    first = Store(db, author="A")
    own = [first.save(Topic(code=f"T{n}", title="x")).hlc for n in range(3)]
    far = _stamped_at(int(time.time() * 1000) + 10 * 365 * 24 * 3600 * 1000, "far")
    first.apply_all([far])
    assert first.last_stamp() == far.hlc  # the log's newest stamp is the peer's
    before = int(time.time() * 1000)
    later = Store(db, author="A").save(Topic(code="T9", title="y")).hlc
    assert later > max(own) and later < far.hlc
    assert before <= parse_stamp(later)[0] <= int(time.time() * 1000)


@pytest.mark.parametrize("author", ["Nguyễn Văn A", '","body":null,"x":"', 'a"body":null', "\\", ""])
def test_a_saved_revisions_id_is_the_hash_of_its_whole_content_whatever_the_author(db, author):
    store = Store(db, author=author)
    section = {"body": None, "heading": '"body":null', "nested": {"body": "x"}}
    rev = store.save(Topic(code="T1", title='ti"tle', extra={"body": section}), summary='"body":null')
    assert rev.rev_id == rev.computed_id()
    assert Revision.create(**{k: getattr(rev, k) for k in ("record_id", "type", "parents", "generation", "body",
                                                            "deleted", "author", "device", "hlc", "summary",
                                                            "origin_replica", "origin_seq")}).rev_id == rev.rev_id


def _history_of_two_records() -> list[Revision]:
    """A topic created then edited, and a question, as another replica would send them (parents first)."""
    source = Store(_memory_db(), author="Máy khác")
    first = source.save(Topic(code="S1", title="Bản đầu"))
    topic = source.require(Topic, first.record_id)
    topic.title = "Bản sửa"
    source.save(topic)
    source.save(Question(stem="Câu hỏi từ máy khác", topic_ids=[topic.id]))
    return [rev for _seq, rev in source.log.since(0)]


def _memory_db():
    from lecturer_app.core.store.db import open_database

    return open_database(None)


def _state(store: Store) -> tuple:
    heads = store.db.execute("SELECT record_id, rev_id FROM heads ORDER BY 1, 2").fetchall()
    rows = store.db.execute("SELECT id, head_rev, conflict, scope FROM records ORDER BY id").fetchall()
    read = store.db.execute("SELECT id, body FROM topics UNION ALL SELECT id, body FROM questions ORDER BY 1").fetchall()
    found = store.db.execute("SELECT record_id, fts_table FROM search_rows ORDER BY 1").fetchall()
    return heads, rows, read, found


def test_applying_a_stream_in_batches_ends_as_applying_it_at_once():
    revisions = _history_of_two_records()
    at_once, in_batches = Store(_memory_db()), Store(_memory_db())
    at_once.apply_all(revisions)
    count, changes = in_batches.apply_batches([revisions[:1], revisions[1:2], revisions[2:]])
    assert count == 3 and changes.touches("topic", "question")
    assert _state(in_batches) == _state(at_once)
    assert in_batches.apply_batches([revisions])[0] == 0  # known revisions are ignored


def test_a_forged_revision_in_a_later_batch_rolls_every_batch_back():
    revisions = _history_of_two_records()
    forged = Revision(**{**revisions[2].__dict__, "body": {**revisions[2].body, "stem": "sửa lén"}})
    store = Store(_memory_db())
    with pytest.raises(ValueError):
        store.apply_batches([revisions[:2], [forged]])
    assert store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == 0
    assert store.db.execute("SELECT COUNT(*) FROM topics").fetchone()[0] == 0
