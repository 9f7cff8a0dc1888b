"""`questions check` and the Moodle XML export read the stored bodies, half of the bank in a forked child.

Both give what they gave from revived Questions in one process (issue #16):
the export the bytes ``moodlexml_writer.export`` writes for the revived
questions, the check the findings ``check_questions`` finds in them, in the
same order, whether a child ran (a core free) or not (a busy machine), and
with duplicates, near duplicates and categories that run across the middle.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from lecturer_app.core import second_process
from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import ImageRef, Option, Question, RubricItem
from lecturer_app.core.questions.quality import check_questions
from lecturer_app.core.store.db import open_database
from lecturer_app.core.store.record_store import Store
from lecturer_app.exporters.questions import moodlexml_writer
from lecturer_app.exporters.questions.common import context_from_store
from tests.exporters.hostile_text import CONTROLS, plant_in_store
from tests.support.cli_runs import stdout_of

# The exit codes of a finished run here: 1 as well, since the bank below holds findings for
# `questions check` and questions an export cannot write whole.
DONE = (0, 1)
STEMS = ["Đảng Cộng sản Việt Nam ra đời năm nào và ở đâu", "Hội nghị thành lập Đảng họp tại Hương Cảng",
         "Chủ tịch Hồ Chí Minh đọc Tuyên ngôn độc lập", "Cách mạng tháng Tám thành công năm 1945"]


def bank_questions(topics: list[str]) -> list[Question]:
    """Forty questions: each kind of finding, a picture missing from the store, topics changing in runs."""
    questions = []
    for n in range(40):
        stem = f"{STEMS[n % 4]} (câu {n // 4})"
        options = [Option(f"Phương án {n} một", True), Option(f"Phương án {n} hai"), Option("Tất cả các đáp án trên")]
        questions.append(Question(type="single_choice", stem=stem, options=options, level="Nhận biết",
                                  topic_ids=[topics[(n // 7) % len(topics)]], points=0.25, tags=["thẻ & <b>"]))
    questions[3].stem = questions[30].stem                       # exact duplicates, one in each half
    questions[3].options = [Option(o.text, o.correct) for o in questions[30].options]
    questions[5].stem = questions[33].stem + " nhé"              # near duplicates across the middle
    questions[5].options = [Option(o.text, o.correct) for o in questions[33].options]
    questions[8].options[1].correct = True                       # two right answers
    questions[12].level, questions[13].topic_ids = "", []
    questions[20].images = [ImageRef("0" * 64, "thiếu.png")]
    questions[21] = Question(type="essay", stem="Phân tích", rubric=[RubricItem("Ý", 0.5)], points=2.0)
    questions[22] = Question(type="single_choice", stem="Đúng hay sai", options=[Option("Đúng", True), Option("Sai")])
    questions[36].options[2].image = ImageRef("1" * 64, "ảnh.png")
    return questions


@pytest.fixture
def data_dir(mini_data_dir: Path) -> Path:
    store = Store(open_database(mini_data_dir / "lecturer_app.sqlite3"), author="thử")
    topics = [t.id for t in LessonBank(store).topics()]
    for question in bank_questions(topics):
        store.save(question)
    plant_in_store(store, Question(options=[Option("x", True), Option("y")], level="Nhận biết"),
                   stem=f"Câu{CONTROLS}giữa", option=f"Phương án{CONTROLS}A")
    store.db.close()
    return mini_data_dir


@pytest.fixture(params=[True, False], ids=["child", "one-process"])
def core_free(request, monkeypatch) -> bool:
    """Whether a core is free.  The test process may run a helper thread (which a CLI process does not):
    the child never touches it, so forking is allowed here wherever the system can fork."""
    if request.param and not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(second_process, "spare_core", lambda: request.param)
    monkeypatch.setattr(second_process, "can_fork_safely", lambda: True)
    return request.param


def revived(data_dir: Path):
    store = Store(open_database(data_dir / "lecturer_app.sqlite3"))
    return store, store.select(Question, order_by="rowid")


def children_forked(monkeypatch) -> list[int]:
    forked: list[int] = []
    real = os.fork

    def fork() -> int:
        pid = real()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return forked


def test_the_export_is_the_file_the_revived_questions_give(data_dir, tmp_path, core_free, monkeypatch):
    forked = children_forked(monkeypatch)
    report = json.loads(stdout_of("--data-dir", str(data_dir), "questions", "export", str(tmp_path / "cli.xml"),
                                  "--format", "moodlexml", "--json", codes=DONE))
    store, questions = revived(data_dir)
    expected = moodlexml_writer.export(questions, tmp_path / "one.xml", context_from_store(store))
    assert (tmp_path / "cli.xml").read_bytes() == (tmp_path / "one.xml").read_bytes()
    assert report == expected.to_json() and len(report["skipped"]) == 2  # the two missing pictures
    assert len(forked) == (1 if core_free else 0)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["cli.xml", "one.xml"]  # no part left


@pytest.mark.parametrize("topic", [None, "AB-01"])
def test_a_selection_is_split_the_same_way(data_dir, tmp_path, core_free, topic):
    args = ["--topic", topic] if topic else ["--level", "Nhận biết"]
    stdout_of("--data-dir", str(data_dir), "questions", "export", str(tmp_path / "cli.xml"), "--format", "moodlexml",
              *args, codes=DONE)
    store, _ = revived(data_dir)
    bank = LessonBank(store)
    topic_id = bank.topic_by_code(topic).id if topic else None
    levels = None if topic else ["Nhận biết"]
    moodlexml_writer.export(bank.iter_questions(topic_id, levels), tmp_path / "one.xml", context_from_store(store))
    assert (tmp_path / "cli.xml").read_bytes() == (tmp_path / "one.xml").read_bytes()


def test_the_check_finds_what_it_finds_in_the_revived_questions(data_dir, core_free, monkeypatch):
    forked = children_forked(monkeypatch)
    report = json.loads(stdout_of("--data-dir", str(data_dir), "questions", "check", "--json", codes=DONE))
    store, questions = revived(data_dir)
    stems = [row[0] for row in store.db.execute("SELECT stem_folded FROM questions ORDER BY rowid")]
    expected = check_questions(questions, stems_folded=stems)
    assert report == {"questions": len(questions), "findings": [f.to_json() for f in expected]}
    codes = {f["code"] for f in report["findings"]}
    assert {"exact_duplicate", "near_duplicate", "several_correct", "missing_level", "missing_topic",
            "unpinned_reference"} <= codes
    assert len(forked) == (2 if core_free else 0)  # the questions, then the near-duplicate blocks


def test_a_child_that_fails_leaves_the_work_to_the_parent(data_dir, tmp_path, monkeypatch):
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    monkeypatch.setattr(second_process, "spare_core", lambda: True)
    monkeypatch.setattr(second_process, "can_fork_safely", lambda: True)
    monkeypatch.setattr(moodlexml_writer, "_write_part", lambda *_args: 1 / 0)  # raises in the child only
    stdout_of("--data-dir", str(data_dir), "questions", "export", str(tmp_path / "cli.xml"), "--format", "moodlexml",
              codes=DONE)
    store, questions = revived(data_dir)
    moodlexml_writer.export(questions, tmp_path / "one.xml", context_from_store(store))
    assert (tmp_path / "cli.xml").read_bytes() == (tmp_path / "one.xml").read_bytes()
