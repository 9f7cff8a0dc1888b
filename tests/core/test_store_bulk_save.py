"""`Store.save_many` writes new records one statement per table, and writes exactly what saving them one by one writes.

An import's questions are new records; saving each took six statements and
three JSON encodings (issue #16). The bulk path must not change a single row.
"""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from lecturer_app.core.model import Attachment, Blueprint, Bullet, Membership, Option, Question, Record, Slide, Topic
from lecturer_app.core.store import question_rows, record_store
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import Database, open_database
from lecturer_app.core.store.hlc import HybridClock
from lecturer_app.core.store.integrity import check_database
from lecturer_app.core.store.record_store import BULK_ROWS, Store
from lecturer_app.core.store.search import search


def records(sha256: str) -> list[Record]:
    """New records of every kind the read tables, link tables and both search indexes hold."""
    made: list[Record] = [Topic(code="T-1", title="Xây dựng Đảng về đạo đức", periods=4,
                                memberships=[Membership("p1", "m1", 3), Membership("p2", None, None)])]
    for n in range(7):
        made.append(Question(stem=f"Câu hỏi {n} về đảng viên?", level="Nhận biết",
                             options=[Option("Đúng", correct=True), Option("Sai")],
                             topic_ids=["t1", "t2", "t1"] if n % 2 else [], guide="Ý chính"))
    made.append(Slide(deck_id="d1", topic_id="t1", position="a0", title="Quán triệt",
                      bullets=[Bullet("Học tập và làm theo", 0)]))
    made.append(Attachment(owner_id="exam-1", sha256=sha256, size=3, filename="đề.pdf"))
    made.append(Blueprint(name="Ma trận"))
    return made


def saved_store(monkeypatch, blobs: BlobStore, *, bulk: bool) -> tuple[Store, list]:
    """The same history written with ids and stamps that do not vary, the new records in bulk or one by one."""
    counter = itertools.count()
    monkeypatch.setattr(record_store, "uuid7", lambda: f"00000000-0000-7000-8000-{next(counter):012d}")
    store = Store(open_database(None), author="A", clock=HybridClock(wall_ms=lambda: 1_700_000_000_000))
    known = Topic(code="OLD", title="Đã có")
    store.save(known)
    gone = Question(stem="Câu sẽ xóa?")
    store.save(gone)
    store.delete(gone.id)  # frees the largest rowid of the question index
    known.title = "Đã sửa"
    batch = [*records(blobs.put_bytes(b"pdf")), known, Question(stem="Câu sau bản ghi cũ?")]
    if bulk:
        return store, store.save_many(batch, summary="Nhập")
    with store.transaction():
        return store, [store.save(record, summary="Nhập") for record in batch]


def contents(db: Database) -> dict[str, list[tuple]]:
    """Every table's rows in a stable order; the full-text indexes by their rows, not their B-tree pages."""
    names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    indexes = ("search_index", *question_rows.INDEX_TABLES.values())
    shadow = tuple(f"{name}_" for name in indexes)
    return {name: sorted(db.execute(f'SELECT {"rowid, " if name in indexes else ""}* FROM "{name}"'), key=repr)
            for name in names if not name.startswith(shadow) and name != "_sqlite_migrations"}  # when each ran


def test_a_bulk_save_writes_exactly_what_saving_one_by_one_writes(monkeypatch, tmp_path):
    blobs = BlobStore(tmp_path / "blobs")
    one_by_one, singles = saved_store(monkeypatch, blobs, bulk=False)
    bulk, batch = saved_store(monkeypatch, blobs, bulk=True)

    assert [rev.rev_id for rev in batch] == [rev.rev_id for rev in singles]
    assert contents(bulk.db) == contents(one_by_one.db)
    assert all(contents(bulk.db)[name] for name in question_rows.INDEX_TABLES.values())  # full-text rows compared
    assert check_database(bulk.db, blobs).problems == []
    one_by_one.db.close()
    bulk.db.close()


def test_a_bulk_save_takes_the_same_number_of_statements_for_ten_or_a_thousand_questions(store, monkeypatch):
    calls: list[str] = []
    for method in ("execute", "executemany"):
        original = getattr(store.db, method)
        monkeypatch.setattr(store.db, method, lambda sql, *args, run=original: calls.append(sql) or run(sql, *args))

    def statements(count: int) -> int:
        questions = [Question(stem=f"Câu {count}-{n}?", options=[Option("A", correct=True), Option("B")],
                              topic_ids=["t1"]) for n in range(count)]
        calls.clear()
        store.save_many(questions)
        return len(calls)

    assert statements(10) == statements(BULK_ROWS) > 0


def test_a_bulk_save_of_more_than_one_batch_numbers_every_revision_once(store):
    store.save(Topic(code="T", title="Trước"))
    questions = [Question(stem=f"Câu {n}?") for n in range(BULK_ROWS + 5)]
    revisions = store.save_many(questions)
    after = store.save(Topic(code="U", title="Sau"))
    seqs = [rev.origin_seq for rev in revisions]
    assert seqs == list(range(2, BULK_ROWS + 7)) and after.origin_seq == BULK_ROWS + 7
    stamps = [rev.hlc for rev in revisions]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert all(rev.rev_id == rev.computed_id() for rev in revisions)
    assert store.counts()["question"] == BULK_ROWS + 5


def test_new_and_known_records_mixed_are_saved_in_the_given_order(store):
    known = Topic(code="K", title="Đã lưu")
    store.save(known)
    fresh = Question(stem="Câu mới?")
    known.title = "Đã sửa"
    result = store.save_many([Question(stem="Câu một?"), known, fresh, fresh, Topic(code="N", title="Mới")])
    assert [rev and rev.record_id for rev in result] == [result[0].record_id, known.id, fresh.id, None,
                                                          result[4].record_id]
    assert [rev.origin_seq for rev in result if rev] == [2, 3, 4, 5]
    assert store.get(Topic, known.id).title == "Đã sửa" and result[1].generation == 2


def test_bulk_saved_questions_are_found_by_search_and_listed_under_their_topics(store):
    store.save_many([Question(stem="Nguyên tắc tập trung dân chủ?", topic_ids=["t9"]),
                     Question(stem="Tự phê bình và phê bình?", topic_ids=["t9"])])
    assert [hit.title for hit in search(store.db, "tap trung dan chu")] == ["Nguyên tắc tập trung dân chủ?"]
    linked = store.db.execute("SELECT COUNT(*) FROM question_topics WHERE topic_id = 't9'").fetchone()[0]
    assert linked == 2


def test_a_failed_bulk_save_leaves_nothing_behind(store):
    bad = Question(stem="Hỏng?")
    bad.extra["not_json"] = {1, 2}
    with pytest.raises(TypeError):
        store.save_many([Question(stem=f"Câu {n}?") for n in range(5)] + [bad])
    for table in ("revisions", "heads", "records", "questions", *question_rows.INDEX_TABLES.values(), "search_rows"):
        assert store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("ROLLBACK")  # no transaction was left open


def questions_saved(monkeypatch, *, prepared: bool) -> Store:
    """New questions written into a store holding others (ids and stamps fixed), with bodies made beforehand
    (``save_prepared``, an import's path) or by ``save_many`` itself."""
    counter = itertools.count()
    monkeypatch.setattr(record_store, "uuid7", lambda: f"00000000-0000-7000-8000-{next(counter):012d}")
    store = Store(open_database(None), author="A", clock=HybridClock(wall_ms=lambda: 1_700_000_000_000))
    store.save(Question(stem="Câu đã có?"))
    batch = [question for question in records("0" * 64) if isinstance(question, Question)]
    index_later = question_rows.IndexLater()
    with store.transaction():
        if prepared:
            store.save_prepared(batch, [question_rows.prepare_question(q) for q in batch], summary="Nhập",
                                question_index=index_later)
        else:
            store.save_many(batch, summary="Nhập", question_index=index_later)
        index_later.write(store.db)
    return store


def test_questions_whose_bodies_were_made_beforehand_are_stored_as_a_bulk_save_stores_them(monkeypatch):
    from_bodies, bulk = questions_saved(monkeypatch, prepared=True), questions_saved(monkeypatch, prepared=False)
    assert contents(from_bodies.db) == contents(bulk.db)
    assert len(contents(from_bodies.db)["revisions"]) == 8
    from_bodies.db.close()
    bulk.db.close()


def test_saving_prepared_bodies_takes_the_callers_transaction_and_new_questions_only(store):
    question = Question(stem="Câu?")
    with pytest.raises(RuntimeError):
        store.save_prepared([question], [question_rows.prepare_question(question)], summary="",
                            question_index=question_rows.IndexLater())
    store.save(question)
    with store.transaction(), pytest.raises(ValueError):
        store.save_prepared([question], [question_rows.prepare_question(question)], summary="",
                            question_index=question_rows.IndexLater())
