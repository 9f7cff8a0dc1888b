"""Writing to the store, rule by rule: who wrote what, which partition, what arrives from elsewhere.

Written where mutation testing found the suite silent (docs/testing.md):
each test states what a lecturer (or a synced replica) relies on.
"""

from __future__ import annotations

from lecturer_app.core.model import Attachment, Exam, Question, Topic
from lecturer_app.core.store.record_store import BULK_ROWS


def scope(store, record_id: str) -> str:
    return store.db.execute("SELECT scope FROM records WHERE id = ?", [record_id]).fetchone()[0]


# --- save_many -----------------------------------------------------------------------------------


def test_a_bulk_save_names_the_author_given_on_every_revision_new_or_known(store):
    """A batch of more than BULK_ROWS new records around a known one: every revision says who wrote it."""
    known = Topic(code="K", title="Đã lưu")
    store.save(known)
    known.title = "Đã sửa"
    records = [Topic(code=f"N{n}", title="Mới") for n in range(BULK_ROWS + 1)]
    saved = store.save_many([*records[:BULK_ROWS], known, records[BULK_ROWS]], author="Trần Thị B")
    assert len(saved) == BULK_ROWS + 2
    assert {rev.author for rev in saved} == {"Trần Thị B"}
    assert store.history(known.id)[-1].author == "Trần Thị B"
    assert store.author == "Nguyễn Văn A"  # the store's own author is unchanged


def test_new_records_saved_just_before_a_known_one_name_the_author_given_too(store):
    """The new records written when a known one interrupts the batch, before it is saved."""
    known = Topic(code="K", title="Đã lưu")
    store.save(known)
    known.title = "Đã sửa"
    saved = store.save_many([Topic(code="N1", title="Mới"), known, Topic(code="N2", title="Mới")], author="Trần Thị B")
    assert [rev.author for rev in saved] == ["Trần Thị B"] * 3


def test_a_bulk_save_returns_one_revision_per_record_even_past_a_full_batch(store):
    known = Topic(code="K", title="Đã lưu")
    store.save(known)
    known.title = "Đã sửa"
    records = [Topic(code=f"N{n}", title="Mới") for n in range(BULK_ROWS)]
    saved = store.save_many([known, *records])
    assert [rev.record_id for rev in saved] == [known.id, *(r.id for r in records)]


# --- partitions --------------------------------------------------------------------------------


def test_a_file_bulk_saved_with_an_exam_stays_in_the_exams_partition(store):
    """An exam's answer sheet imported together with other files never lands in the shared bank."""
    exam = Exam(title="Đề thi học kỳ")
    store.save(exam)
    kept = [Attachment(owner_id=exam.id, filename="dap_an.pdf", sha256="a" * 64),
            Attachment(owner_id="", filename="tai_lieu.pdf", sha256="b" * 64)]
    store.save_many(kept)
    assert scope(store, kept[0].id) == f"exam:{exam.id}"
    assert scope(store, kept[1].id) == "bank"


def test_a_file_whose_owner_is_unknown_here_is_in_the_bank_until_its_exam_arrives(store):
    kept = Attachment(owner_id="exam-chua-den", filename="de.pdf", sha256="c" * 64)
    store.save_many([kept])
    assert scope(store, kept.id) == "bank"
    store.save(Exam(id="exam-chua-den", title="Đề đến sau"))
    assert scope(store, kept.id) == "exam:exam-chua-den"


# --- reading -----------------------------------------------------------------------------------


def test_reading_in_batches_without_a_filter_or_an_order_gives_every_record_with_its_id(store):
    saved = [Question(stem=f"Câu {n}?") for n in range(5)]
    store.save_many(saved)
    read = list(store.iter_select(Question, batch=2))
    assert sorted((q.id, q.stem) for q in read) == sorted((q.id, q.stem) for q in saved)
    with_columns = list(store.iter_bodies_with(Question, ["id"], batch=2))
    assert sorted((record_id, values) for record_id, _body, values in with_columns) == sorted(
        (q.id, (q.id,)) for q in saved)


def test_reading_with_columns_follows_the_order_asked(store):
    store.save_many([Topic(code=code, title=code) for code in ("B", "C", "A")])
    rows = store.iter_bodies_with(Topic, ["code"], order_by="code DESC")
    assert [values for _id, _body, values in rows] == [("C",), ("B",), ("A",)]


# --- adopting an official or shipped version -----------------------------------------------------

FUTURE_STAMP = "2099-01-01T00:00:00.000Z-0000"


def official_version(record_id: str, parent: str, title: str, *, deleted: bool = False):
    from lecturer_app.core.store.revisions import Revision

    return Revision.create(record_id=record_id, type="topic", parents=(parent,), generation=2,
                           body={} if deleted else {"code": "CĐ01", "title": title}, deleted=deleted,
                           author="Ban biên soạn", device="may-tinh-tinh", hlc=FUTURE_STAMP, summary="Bản chính thức")


def test_adopting_the_official_version_shows_it_and_keeps_the_lecturers_work_in_the_history(store):
    topic = Topic(code="CĐ01", title="Bản đầu")
    first = store.save(topic)
    topic.title = "Bản giảng viên sửa"
    own = store.save(topic)
    official = official_version(topic.id, first.rev_id, "Bản chính thức")
    adopted = store.adopt(topic.id, official, summary="Dùng bản chính thức")
    assert store.get(Topic, topic.id).title == "Bản chính thức"
    assert set(adopted.parents) == {own.rev_id, official.rev_id} and adopted.generation == 3
    assert adopted.summary == "Dùng bản chính thức" and adopted.author == store.author
    assert [rev.rev_id for rev in store.history(topic.id)] == [first.rev_id, own.rev_id, official.rev_id,
                                                                 adopted.rev_id]
    assert store.log.heads(topic.id) == [adopted]
    # The official stamp comes from a clock decades ahead: the adoption is stamped by this machine's time
    # (hlc.MAX_AHEAD_MS) and still follows the official version in the history, which is ordered by the log.
    assert own.hlc < adopted.hlc < FUTURE_STAMP
    store.restore(topic.id, own.rev_id)
    assert store.get(Topic, topic.id).title == "Bản giảng viên sửa"


def test_adopting_again_a_version_already_here_and_edited_since_brings_its_content_back(store):
    topic = Topic(code="CĐ01", title="Bản đầu")
    first = store.save(topic)
    official = official_version(topic.id, first.rev_id, "Bản chính thức")
    assert store.apply(official)  # taken earlier (a sync), then edited here
    topic.title = "Sửa sau bản chính thức"
    edited = store.save(topic)
    adopted = store.adopt(topic.id, official, summary="Dùng lại bản chính thức")
    assert set(adopted.parents) == {edited.rev_id, official.rev_id}
    assert store.get(Topic, topic.id).title == "Bản chính thức"
    assert [rev.rev_id for rev in store.history(topic.id)] == [first.rev_id, official.rev_id, edited.rev_id,
                                                                 adopted.rev_id]


def test_adopting_a_deleted_official_version_deletes_the_record(store):
    topic = Topic(code="CĐ01", title="Bản đầu")
    first = store.save(topic)
    adopted = store.adopt(topic.id, official_version(topic.id, first.rev_id, "", deleted=True), summary="Bỏ")
    assert adopted.deleted and store.get(Topic, topic.id) is None


def test_adopting_a_version_of_another_record_is_refused_and_writes_nothing(store):
    import pytest

    from lecturer_app.core.store.record_store import RecordNotFound

    topic, other = Topic(code="CĐ01", title="Một"), Topic(code="CĐ02", title="Hai")
    first = store.save(topic)
    store.save(other)
    stray = official_version(other.id, first.rev_id, "Lạc chỗ")
    with pytest.raises(RecordNotFound, match=stray.rev_id):
        store.adopt(topic.id, stray, summary="Sai")
    assert store.log.get(stray.rev_id) is None and len(store.history(topic.id)) == 1


# --- revisions arriving from elsewhere (sync, bundles, the shipped bank) ------------------------------

STAMP = "2026-01-01T00:00:00.000Z-0000"


def made_elsewhere(record_id: str, rtype: str, body: dict, *, parents: tuple[str, ...] = (), generation: int = 1,
                   device: str = "may-khac"):
    from lecturer_app.core.store.revisions import Revision

    return Revision.create(record_id=record_id, type=rtype, parents=parents, generation=generation, body=body,
                           deleted=False, author="Người khác", device=device, hlc=STAMP)


def test_an_exam_that_arrives_from_elsewhere_is_in_its_own_partition_with_the_files_that_came_before_it(store):
    """Sync delivers in any order: the answer sheet first, its exam in a later batch, a second exam with its file."""
    sheet = made_elsewhere("dap-an", "attachment", {"owner_id": "de-1", "filename": "dap_an.pdf", "sha256": "a" * 64})
    store.apply_all([sheet])
    assert scope(store, "dap-an") == "bank"  # its exam is not known yet
    exam = made_elsewhere("de-1", "exam", {"title": "Đề 1"})
    other_exam = made_elsewhere("de-2", "exam", {"title": "Đề 2"})
    other_sheet = made_elsewhere("dap-an-2", "attachment", {"owner_id": "de-2", "filename": "b.pdf", "sha256": "b" * 64})
    store.apply_all([exam, other_sheet, other_exam])
    assert scope(store, "de-1") == "exam:de-1" and scope(store, "de-2") == "exam:de-2"
    assert scope(store, "dap-an") == "exam:de-1" and scope(store, "dap-an-2") == "exam:de-2"
    late = made_elsewhere("dap-an-3", "attachment", {"owner_id": "de-1", "filename": "c.pdf", "sha256": "c" * 64})
    store.apply_all([late])  # a file of an exam already here
    assert scope(store, "dap-an-3") == "exam:de-1"


def test_the_bank_import_may_turn_revisions_away_and_is_asked_about_every_one(store):
    """``skip`` (the bank never overwrites local work) is asked of each revision, known ones included."""
    kept = made_elsewhere("chuyen-de-1", "topic", {"code": "CĐ01", "title": "Giữ"})
    store.apply_all([kept])
    turned_away = made_elsewhere("chuyen-de-2", "topic", {"code": "CĐ02", "title": "Không lấy"})
    new = made_elsewhere("chuyen-de-3", "topic", {"code": "CĐ03", "title": "Lấy"})
    asked: list[str] = []

    def skip(rev) -> bool:
        asked.append(rev.record_id)
        return rev.record_id == "chuyen-de-2"

    added, _changes = store.apply_all([kept, turned_away, new], skip=skip)
    assert asked == ["chuyen-de-1", "chuyen-de-2", "chuyen-de-3"]
    assert [rev.record_id for rev in added] == ["chuyen-de-3"]
    assert store.get(Topic, "chuyen-de-2") is None and store.get(Topic, "chuyen-de-3").title == "Lấy"


def test_a_forged_revision_is_refused_naming_it_and_nothing_of_its_batch_is_taken(store):
    import dataclasses

    import pytest

    good = made_elsewhere("chuyen-de-1", "topic", {"code": "CĐ01", "title": "Thật"})
    forged = dataclasses.replace(made_elsewhere("chuyen-de-2", "topic", {"code": "CĐ02", "title": "Thật"}),
                                 body={"code": "CĐ02", "title": "Giả"})
    with pytest.raises(ValueError, match=forged.rev_id):
        store.apply_all([good, forged])
    assert store.get(Topic, "chuyen-de-1") is None


def test_a_sync_of_more_than_a_thousand_records_takes_each_like_a_small_one(store):
    """Ids are looked up 500 at a time: what is already here, edited here and elsewhere, or arrives with its
    child must be found in every slice, the first and the last."""
    here = [Topic(code=f"H{n}", title="Ở đây") for n in range(2)]
    store.save_many(here)
    base = made_elsewhere("zz-hai-may", "topic", {"code": "Z1", "title": "Gốc"})  # sorts after every other id
    store.apply_all([base])
    heads = {topic.id: store.log.heads(topic.id)[0] for topic in here} | {base.record_id: base}
    fresh = [made_elsewhere(f"moi-{n:04d}", "topic", {"code": f"M{n}", "title": "Mới"}) for n in range(1100)]

    def edit(record_id: str, **changes):
        head = heads[record_id]
        return made_elsewhere(record_id, "topic", {**head.body, **changes}, parents=(head.rev_id,), generation=2,
                              device="may-" + "-".join(sorted(changes)))

    parent = made_elsewhere("zz-cha-con", "topic", {"code": "Z2", "title": "Cha"})
    child = made_elsewhere("zz-cha-con", "topic", {"code": "Z2", "title": "Con"}, parents=(parent.rev_id,),
                           generation=2)
    # An edit of a record held here at position 500, then at the end: a known revision, an edit, two edits of
    # different fields of one record (merged), and a record arriving with its child before it.
    arriving = [*fresh[:500], edit(here[0].id, title="Sửa ở máy khác"), *fresh[500:], heads[here[1].id],
                edit(here[1].id, title="Sửa tiêu đề"), edit("zz-hai-may", title="Sửa tiêu đề"),
                edit("zz-hai-may", code="Z1b"), child, parent]
    added, _changes = store.apply_all(arriving)
    assert len(added) == len(arriving) - 1
    assert store.get(Topic, here[0].id).title == "Sửa ở máy khác"
    assert store.get(Topic, here[1].id).title == "Sửa tiêu đề"
    merged = store.get(Topic, "zz-hai-may")
    assert (merged.code, merged.title) == ("Z1b", "Sửa tiêu đề") and len(store.log.heads("zz-hai-may")) == 1
    assert store.log.head_rev_ids("zz-cha-con") == [child.rev_id] and store.get(Topic, "zz-cha-con").title == "Con"
    conflicts = store.db.execute("SELECT COUNT(*) FROM records WHERE conflict = 1").fetchone()[0]
    assert conflicts == 0 and store.counts()["topic"] == 1100 + 2 + 2


def test_the_change_feed_gives_a_thousand_revisions_at_a_time_unless_asked_otherwise(store):
    store.save_many([Topic(code=f"T{n}", title="t") for n in range(1001)])
    first = store.log.since(0)
    assert len(first) == 1000 and [seq for seq, _rev in first] == sorted(seq for seq, _rev in first)
    rest = store.log.since(first[-1][0])
    assert len(rest) == 1 and rest[0][0] > first[-1][0]


def test_adopting_the_version_already_shown_names_it_once_among_the_parents(store):
    topic = Topic(code="T-01", title="Bản chính thức")
    shown = store.save(topic)
    adopted = store.adopt(topic.id, shown, summary="Dùng bản chính thức")
    assert adopted.parents == (shown.rev_id,)
    assert store.log.head_rev_ids(topic.id) == [adopted.rev_id]
