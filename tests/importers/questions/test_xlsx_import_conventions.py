"""The faster XLSX import (issue #16) reads the same questions with the same keys as before.

Two proofs: a workbook of every convention the importer reads, each row with
the answer it must give (xlsx_conventions.py), imported as the CLI imports
it; and a generated bank of every type written by the app's own exporter,
imported by the CLI, each stored question compared field by field with the
one written.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from lecturer_app.core.model import Option, Question, RubricItem
from lecturer_app.core.workspace import DB_NAME
from lecturer_app.importers.questions import read_questions
from tests.importers.questions.xlsx_conventions import Expected, expected_rows, write_workbook
from tests.support.cli_runs import run_in


def import_file(data: Path, path: Path) -> tuple[int, str]:
    code, out, err = run_in(data, "questions", "import", str(path))
    return code, out + err


def stored_questions(data: Path) -> dict[str, dict]:
    """Stem → body of every question the import stored (read straight from the database)."""
    with sqlite3.connect(data / DB_NAME) as conn:
        rows = conn.execute("SELECT body FROM questions").fetchall()
    return {body["stem"]: body for body in (json.loads(row[0]) for row in rows)}


def test_every_row_of_every_convention_imports_with_its_key_or_is_refused_by_name(tmp_path, mini_data_dir):
    path = write_workbook(tmp_path / "quy_uoc.xlsx")
    code, printed = import_file(mini_data_dir, path)
    stored = stored_questions(mini_data_dir)
    expected = [e for rows in expected_rows().values() for e in rows]
    assert code == 1  # refused rows make the exit status 1 (docs/cli.md)
    for row in expected:
        if row.refused:
            assert row.stem not in stored, row.stem
            continue
        assert_imported_as(stored[row.stem], row)
    assert len([e for e in expected if not e.refused]) == len([s for s in stored if s in {e.stem for e in expected}])
    refused = [e for e in expected if e.refused]
    skipped = [line for line in printed.splitlines() if line.startswith("quy_uoc.xlsx, trang tính 'Chương 1', dòng")]
    assert len(skipped) == len(refused)  # each refused row is named, with its reason


def assert_imported_as(body: dict, row: Expected) -> None:
    assert body["type"] == row.type, row.stem
    assert tuple(o["correct"] for o in body["options"]) == row.correct, row.stem
    assert tuple(body["answers"]) == row.answers, row.stem
    if row.pinned:
        assert tuple(o["pinned"] for o in body["options"]) == row.pinned, row.stem
    if row.level:
        assert body["level"] == row.level, row.stem
    if row.points is not None:
        assert body["points"] == row.points, row.stem
    assert set(row.tags) <= set(body["tags"]), row.stem
    for name, value in row.extra.items():
        if name != "grouped":
            assert body[name] == value, (row.stem, name)


def test_the_sheet_name_tags_each_question_and_rows_of_one_group_label_share_a_group(tmp_path):
    result = read_questions(write_workbook(tmp_path / "quy_uoc.xlsx"))
    by_stem = {item.question.stem: item for item in result.items}
    assert by_stem["Năm thành lập Đảng?"].category == "Chương 2"
    assert by_stem["Đảng ra đời năm nào?"].category == "Chương 1"
    first, second = by_stem["Đoạn văn, câu 1"].question, by_stem["Đoạn văn, câu 2"].question
    assert first.group_id and first.group_id == second.group_id
    assert any("3 ký tự điều khiển" in note for note in result.notes)


def generated_bank(count: int, seed: int = 16) -> list[Question]:
    """*count* questions of every type, with Vietnamese text, line breaks and the referring options."""
    rng = random.Random(seed)
    words = "Đảng Cộng sản Việt Nam nghị quyết chuyển đổi số Hồ Chí Minh đoàn kết kỷ luật hòa thủy".split()
    kinds = ("single_choice", "multiple_choice", "true_false_4", "short_answer", "essay", "oral")
    questions = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        stem = f"Câu {n}: " + " ".join(rng.choice(words) for _ in range(rng.randint(4, 14))) + "?"
        options = [Option(" ".join(rng.choice(words) for _ in range(rng.randint(1, 5))) + f" ({n}.{k})")
                   for k in range(rng.choice((2, 3, 4, 5)) if kind != "true_false_4" else 4)]
        question = Question(type=kind, stem=stem, level=rng.choice(("Nhận biết", "Thông hiểu", "Vận dụng")),
                            points=rng.choice((0.25, 0.5, 1.0)), tags=[rng.choice(words)],
                            status=rng.choice(("draft", "approved")), feedback=rng.choice(("", "Xem SGK.")))
        if kind in ("single_choice", "multiple_choice", "true_false_4"):
            question.options = options
            if n % 13 == 0 and kind != "true_false_4":
                options[-1].text = "Tất cả các đáp án trên"
            marked = rng.sample(range(len(options)), 1 if kind == "single_choice" else rng.randint(1, len(options)))
            for index in marked:
                options[index].correct = True
        elif kind == "short_answer":
            question.answers = [rng.choice(words), f"đáp án {n}"]
        elif kind == "essay":
            question.rubric = [RubricItem("Nêu được ý thứ nhất", 0.5), RubricItem("Phân tích ý thứ hai", 1.0)]
            question.points = 1.5
        else:
            question.guide = "Trình bày được các ý chính."
        questions.append(question)
    return questions


@pytest.mark.parametrize("count", [600])
def test_a_generated_bank_written_by_the_app_imports_with_the_same_questions_and_keys(tmp_path, mini_data_dir, count):
    from lecturer_app.exporters.questions.xlsx_writer import export

    written = generated_bank(count)
    path = tmp_path / "ngan_hang.xlsx"
    export(written, path)
    code, printed = import_file(mini_data_dir, path)
    assert code == 0, printed
    stored = stored_questions(mini_data_dir)
    for question in written:
        body = stored[question.stem]
        assert body["type"] == question.type
        assert [(o["text"], o["correct"]) for o in body["options"]] == [(o.text, o.correct) for o in question.options]
        assert body["answers"] == question.answers
        assert [(r["text"], r["points"]) for r in body["rubric"]] == [(r.text, r.points) for r in question.rubric]
        assert (body["level"], body["points"], body["status"], body["feedback"], body["guide"]) == (
            question.level, question.points, question.status, question.feedback, question.guide)
        assert question.tags[0] in body["tags"]
        referring = [o["text"] == "Tất cả các đáp án trên" for o in body["options"]]
        assert [o["pinned"] for o in body["options"]] == referring if question.type != "true_false_4" else True
