import signal
import subprocess
import sys
import textwrap

import pytest

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.bank.shipped_import import import_bank, shipped_revisions
from lecturer_app.core.errors import InputFileError
from lecturer_app.core.model import Topic
from lecturer_app.core.store.blobs import BlobStore
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.integrity import check_workspace
from lecturer_app.core.store.record_store import Store


def test_import_creates_programs_topics_plans_decks_and_questions(store, mini_bank):
    report = import_bank(store, mini_bank)
    bank = LessonBank(store)
    assert [p.code for p in bank.programs()] == ["AB", "CD"]
    assert [t.code for t in bank.topics()] == ["AB-01", "AB-02", "CD-01"]
    topic = bank.topic_by_code("AB-01")
    assert topic.sample and topic.periods == 5 and topic.audience == "Quần chúng ưu tú"
    sections = bank.sections(bank.plan(topic.id).id)
    assert [s.kind for s in sections] == ["muc_tieu", "noi_dung"]
    assert "3/2/1930" in sections[1].body
    slides = bank.slides(bank.deck(topic.id).id)
    assert [s.layout for s in slides] == ["title", "bullets"]
    assert [(b.text, b.level) for b in slides[1].bullets] == [("Đảng ra đời", 0), ("Hội nghị 1930", 1)]
    assert bank.questions(topic.id)[0].options[1].correct
    assert report.added == len(shipped_revisions(mini_bank)[1])


def test_a_topic_may_belong_to_several_programs(store, mini_bank):
    import_bank(store, mini_bank)
    bank = LessonBank(store)
    assert [t.code for t in bank.topics("CD")] == ["AB-01", "CD-01"]


def test_topics_without_content_get_the_full_plan_skeleton(store, mini_bank):
    import_bank(store, mini_bank)
    bank = LessonBank(store)
    topic = bank.topic_by_code("AB-02")
    sections = bank.sections(bank.plan(topic.id).id)
    assert [s.heading for s in sections][0] == "I. MỤC TIÊU"
    assert [s.kind for s in sections] == [
        "muc_tieu", "phuong_phap", "phuong_tien", "tai_lieu", "ket_cau", "tien_trinh", "cau_hoi", "noi_dung"]
    assert "Ổn định lớp" in sections[5].body
    assert not topic.sample


def test_two_machines_get_identical_ids_and_revisions(mini_bank):
    dumps = []
    for _ in range(2):
        db = open_database(None)
        store = Store(db, author="người dùng khác nhau")
        import_bank(store, mini_bank)
        dumps.append(db.execute("SELECT rev_id, record_id FROM revisions ORDER BY rev_id").fetchall())
        db.close()
    assert dumps[0] == dumps[1] and dumps[0]


def test_shipped_revisions_take_author_and_time_from_the_bank(store, mini_bank):
    import_bank(store, mini_bank)
    revs = store.log.since(0, limit=-1)
    assert {r.author for _, r in revs} == {"Ban biên soạn"}
    assert {r.hlc for _, r in revs} == {"2024-12-01T00:00:00.000Z-0000"}
    assert {r.device for _, r in revs} == {"bank:0d7c2a34-6a8e-4f0e-9a51-0c9d2f1e7b11"}


def test_reimport_is_a_no_op_and_never_overwrites_local_edits(store, mini_bank):
    import_bank(store, mini_bank)
    topic = LessonBank(store).topic_by_code("AB-02")
    topic.title = "Tên do giảng viên sửa"
    store.save(topic)
    before = store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0]
    report = import_bank(store, mini_bank)
    assert report.added == 0
    assert store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == before
    assert store.get(Topic, topic.id).title == "Tên do giảng viên sửa"


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda f: (f / "catalog.toml").write_text("[[topics]\n", encoding="utf-8"), "catalog.toml"),
        (lambda f: (f / "catalog.toml").write_text(
            (f / "catalog.toml").read_text(encoding="utf-8").replace('program = "CD"\nperiods = 6', 'program = "ZZ"'),
            encoding="utf-8"), "topics[3]"),
        (lambda f: (f / "bank.toml").unlink(), "bank.toml"),
        (lambda f: (f / "topics" / "AB-01" / "slides.toml").write_bytes(b"title = '\xff'\n"), "slides.toml"),
    ],
)
def test_a_broken_bank_names_the_file_and_place_and_writes_nothing(store, mini_bank, mutation, message):
    mutation(mini_bank)
    with pytest.raises(InputFileError) as info:
        import_bank(store, mini_bank)
    assert message in str(info.value)
    assert store.db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == 0


def test_killing_the_process_mid_import_leaves_all_or_nothing(tmp_path, mini_bank):
    db_path = tmp_path / "killed.sqlite3"
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from lecturer_app.core.store.db import open_database
        from lecturer_app.core.store.record_store import Store
        from lecturer_app.core.bank.shipped_import import import_bank
        import lecturer_app.core.bank.shipped_import as bi
        store = Store(open_database(Path({str(db_path)!r})))
        original = store.log.insert_new
        def insert_then_die(revisions):
            # The bank's revisions go in as one batch: die once they are written, before the commit.
            assert len(revisions) >= 20
            original(revisions)
            os.kill(os.getpid(), signal.SIGKILL)
        store.log.insert_new = insert_then_die
        import_bank(store, Path({str(mini_bank)!r}))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    db = open_database(db_path)
    store = Store(db)
    assert db.execute("SELECT COUNT(*) FROM revisions").fetchone()[0] == 0
    assert check_workspace(store, BlobStore(tmp_path / "blobs")).ok
    report = import_bank(store, mini_bank)
    assert report.added > 20 and check_workspace(store, BlobStore(tmp_path / "blobs")).ok
    db.close()
