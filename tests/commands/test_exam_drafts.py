"""`exam build|blueprint|oral` use reviewed questions only, unless `--include-drafts` is given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli_runs import run_in as run


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """The shipped bank plus topic NH-01 whose 8 questions were imported and not yet reviewed."""
    from lecturer_app.core.model import Option, Question, Topic
    from lecturer_app.core.workspace import open_workspace

    folder = tmp_path_factory.mktemp("data")
    workspace = open_workspace(folder)
    topic = Topic(code="NH-01", title="Chuyên đề vừa nhập câu hỏi")
    with workspace.store.transaction():
        workspace.store.save(topic)
        for n in range(8):
            workspace.store.save(Question(type="single_choice", stem=f"Câu nháp {n}?", topic_ids=[topic.id],
                                          options=[Option("Đúng", correct=True), Option("Sai"), Option("Khác"),
                                                   Option("Không")]))
    workspace.close()
    return folder


def test_a_topic_of_drafts_gives_no_paper_and_says_why(data_dir, tmp_path):
    code, _out, err = run(data_dir, "exam", "build", "--topics", "NH-01", "--mc", "4", "--seed", "1",
                          "-o", str(tmp_path / "de"))
    assert code == 1
    assert "8 câu nháp chưa duyệt" in err
    assert not (tmp_path / "de" / "exam.json").exists()


def test_include_drafts_is_an_explicit_choice_that_is_warned_about(data_dir, tmp_path):
    code, out, err = run(data_dir, "exam", "build", "--topics", "NH-01", "--mc", "4", "--seed", "1",
                         "--versions", "1", "--no-docx", "--include-drafts", "-o", str(tmp_path / "de"), "--json")
    assert code == 0, err
    assert len(json.loads(out)["versions"][0]["questions"]) == 4
    assert "4 câu nháp chưa duyệt" in err


def test_the_quick_mode_still_builds_from_the_shipped_reviewed_questions(data_dir, tmp_path):
    from lecturer_app.core.bank.queries import LessonBank
    from lecturer_app.core.workspace import open_workspace

    workspace = open_workspace(data_dir)
    bank = LessonBank(workspace.store)
    codes = [t.code for t in bank.topics() if t.code != "NH-01"
             and any(q.type == "single_choice" for q in bank.questions(t.id))]
    workspace.close()
    if not codes:
        pytest.skip("the shipped bank has no sample questions")
    code, _out, err = run(data_dir, "exam", "build", "--topics", ",".join(codes), "--mc", "4", "--seed", "2",
                          "--versions", "1", "--no-docx", "-o", str(tmp_path / "de"))
    assert code == 0, err


def test_the_blueprint_check_counts_drafts_apart(data_dir, tmp_path):
    from lecturer_app.core.model import Blueprint, BlueprintCell
    from lecturer_app.exporters.exam.blueprint_xlsx import write_blueprint_xlsx

    path = write_blueprint_xlsx(Blueprint(total_points=10.0, cells=[
        BlueprintCell("NH-01", "", "single_choice", 4, 10.0)]), None, tmp_path / "ma_tran.xlsx")
    code, out, _err = run(data_dir, "exam", "blueprint", "--check", str(path), "--json")
    cell = json.loads(out)["cells"][0]
    assert (code, cell["available"], cell["drafts"], cell["fillable"]) == (1, 0, 8, False)
    code, out, _err = run(data_dir, "exam", "blueprint", "--check", str(path), "--include-drafts")
    assert code == 0 and "4/8" in out and "(+8 câu nháp)" in out
