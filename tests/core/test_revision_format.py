"""The settled hashed form of a revision (format 1) and the partition column."""

from __future__ import annotations

from lecturer_app.core.model import Blueprint, Exam, Topic
from lecturer_app.core.store.canonical import content_hash
from lecturer_app.core.store.record_store import Store
from lecturer_app.core.store.revisions import FORMAT, Revision, _row

OLD_STAMP = "2024-01-01T00:00:00.000Z-0000"


def test_a_new_revision_hashes_its_format_origin_replica_and_counter(store):
    rev = store.save(Topic(code="X", title="Mới"))
    content = rev.hashed_content()
    assert content["v"] == FORMAT == 1
    assert content["origin_replica"] == store.device and content["origin_seq"] >= 1
    assert rev.rev_id == content_hash(content)
    changed = Revision(**{**rev.__dict__, "origin_seq": rev.origin_seq + 1})
    assert changed.computed_id() != rev.rev_id


def test_each_revision_a_replica_mints_takes_the_next_number_across_store_objects(db):
    first, second = Store(db), Store(db)
    a = first.save(Topic(code="A", title="a"))
    b = second.save(Topic(code="B", title="b"))
    c = first.save(Topic(code="C", title="c"))
    assert [a.origin_seq, b.origin_seq, c.origin_seq] == [a.origin_seq, a.origin_seq + 1, a.origin_seq + 2]


def test_a_format_0_revision_from_before_the_settled_form_still_verifies_and_applies(store):
    old = Revision.create(record_id="r0", type="topic", parents=(), generation=1, body={"code": "Y", "title": "Cũ"},
                          deleted=False, author="", device="d", hlc=OLD_STAMP, format=0)
    assert "v" not in old.hashed_content() and "origin_seq" not in old.hashed_content()
    assert store.apply(old)
    assert store.log.get(old.rev_id) == old
    child = store.save(Topic(id="r0", code="Y", title="Mới"))
    assert child.parents == (old.rev_id,) and child.format == 1


def test_the_json_form_round_trips_both_formats(store):
    new = store.save(Topic(code="Z", title="z"))
    old = Revision.create(record_id="r1", type="topic", parents=(), generation=1, body={}, deleted=False,
                          author="", device="d", hlc=OLD_STAMP, format=0)
    for rev in (new, old):
        again = Revision.from_json(rev.to_json())
        assert again == rev and again.computed_id() == rev.rev_id


def test_exams_and_blueprints_live_in_their_own_confidential_partition(store):
    exam, blueprint, topic = Exam(title="Đề"), Blueprint(name="Ma trận"), Topic(code="T", title="t")
    for record in (exam, blueprint, topic):
        store.save(record)
    scopes = dict(store.db.execute("SELECT id, scope FROM records").fetchall())
    assert scopes[exam.id] == f"exam:{exam.id}" and scopes[blueprint.id] == f"exam:{blueprint.id}"
    assert scopes[topic.id] == "bank"
    exam.title = "Đề đã sửa"
    store.save(exam)
    assert store.db.execute("SELECT scope FROM records WHERE id = ?", [exam.id]).fetchone()[0] == f"exam:{exam.id}"


def test_a_file_kept_with_an_exam_takes_the_exams_partition_in_either_order(store):
    from lecturer_app.core.model import Attachment

    exam = Exam(title="Đề")
    store.save(exam)
    kept = Attachment(owner_id=exam.id, filename="dap_an.pdf", sha256="a" * 64)
    store.save(kept)
    scope = store.db.execute("SELECT scope FROM records WHERE id = ?", [kept.id]).fetchone()[0]
    assert scope == f"exam:{exam.id}"

    early = Attachment(id="att-early", owner_id="exam-late", filename="de.pdf", sha256="b" * 64)
    store.save(early)  # its exam arrives afterwards (sync delivers in any order)
    store.save(Exam(id="exam-late", title="Đề đến sau"))
    scope = store.db.execute("SELECT scope FROM records WHERE id = 'att-early'").fetchone()[0]
    assert scope == "exam:exam-late"


def test_a_file_kept_with_a_topic_stays_in_the_bank(store):
    from lecturer_app.core.model import Attachment

    topic = Topic(code="T1", title="t")
    store.save(topic)
    kept = Attachment(owner_id=topic.id, filename="tai_lieu.pdf", sha256="c" * 64)
    store.save(kept)
    assert store.db.execute("SELECT scope FROM records WHERE id = ?", [kept.id]).fetchone()[0] == "bank"


def test_the_first_revisions_of_a_bulk_save_have_the_ids_their_content_hashes_to_whatever_the_texts_hold():
    """A bulk save hashes one template text filled in per revision (issue #16); the ids must be exactly
    Revision.create's, also when the author or summary hold quotes, backslashes, NUL or a marker's own text."""
    import random

    from lecturer_app.core.store.canonical import canonical_json
    from lecturer_app.core.store.revisions import FirstRevisions

    pieces = ["Nguyễn", '"', "\\", "\x00", "\x00hlc", '"\\u0000id"', "body", '"body":null', "đ", "\u2028", " ", "{}"]
    rng = random.Random(16)
    for _ in range(300):
        def text() -> str:
            return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))

        fields = {"type": rng.choice(["question", "topic"]), "author": text(), "device": text(), "summary": text(),
                  "origin_replica": text()}
        body = {"stem": text(), "options": [{"text": text(), "correct": rng.random() < 0.5}], "points": 0.25}
        record_id, hlc, seq = text() or "r", text() or OLD_STAMP, rng.randint(0, 10**9)
        minted = FirstRevisions(**fields).mint(record_id, hlc, seq, body, canonical_json(body))
        made = Revision.create(**fields, parents=(), generation=1, deleted=False, record_id=record_id, hlc=hlc,
                               origin_seq=seq, body=body)
        assert minted == made and minted.rev_id == content_hash(minted.hashed_content())
        assert FirstRevisions(**fields).row(record_id, hlc, seq, canonical_json(body)) == _row(made,
                                                                                                canonical_json(body))


def test_a_bulk_saves_revisions_rows_are_laid_out_by_the_one_row_function_of_the_table(monkeypatch):
    """FirstRevisions.row (an import's rows, made without a body dict) keeps no column order of its own: a
    change to the layout of a ``revisions`` row (here: reversed, one column more) is made in _row alone."""
    from lecturer_app.core.store import revisions
    from lecturer_app.core.store.canonical import canonical_json

    laid_out = revisions._row
    monkeypatch.setattr(revisions, "_row", lambda rev, body_json: [*reversed(laid_out(rev, body_json)), "new"])
    minter = revisions.FirstRevisions(type="question", author="Nguyễn Văn A", device="máy-1", summary="Nhập",
                                      origin_replica="máy-1")
    body = {"stem": "Đảng Cộng sản Việt Nam ra đời năm nào?"}
    row = minter.row("q-1", OLD_STAMP, 7, canonical_json(body))
    assert row == revisions._row(minter.mint("q-1", OLD_STAMP, 7, body, canonical_json(body)), canonical_json(body))
