"""Kept appeals in the phúc khảo record (``exam/remarks.py``), written and read back with real answers files.

A kept appeal is a row of the same «Phúc khảo» sheet whose mark before and after are the same, with «Giữ
nguyên» in a ninth column «Kết quả», written only once a mark was kept: a record of changes alone is the file
it always was. An app older than kept appeals reads the first eight columns, so it sees a change to the same
mark: no warning, no other score. A file it saves again loses the ninth column, and its kept rows still read as
kept (no change ever has the same mark before and after).
"""

from __future__ import annotations

import pytest

from lecturer_app.exam.grading import GradingOptions, Response, score_learner
from lecturer_app.exam.remarks import (
    Remark,
    appeal_counts,
    before_appeal,
    changed_components,
    disagreements,
)
from tests.exam import exam_bank_data

HOA, DUC = "Nguyễn Thị Hoa", "Phạm Văn Đức"
CHANGE = Remark("01", "Trần Văn Bình", "TL1", "2,5", "3,75", "Cộng sót ý 2", HOA, "2026-12-05T09:30:00+07:00")
KEPT = Remark("02", "Lê Thị Ánh", "TL1", "3,0", "3,0", "Chấm lại đủ ý: giữ nguyên", DUC, "2026-12-05T10:00:00+07:00",
              kept=True)


@pytest.fixture
def exam(store, tmp_path):
    from lecturer_app.exam.manifest import read_manifest

    report = exam_bank_data.build_small_exam(store, tmp_path / "de")
    return read_manifest(tmp_path / "de"), report.versions[0].key


def _kept_answer(key) -> Remark:
    """Ánh's answer to question 2 (the key's, as her row has it) re-read on appeal and kept."""
    return Remark("02", "Lê Thị Ánh", "Câu 2", key[1], key[1], "Máy đọc đúng ô đã tô", DUC,
                  "2026-12-05T10:05:00+07:00", kept=True)


def _learners(key) -> list[Response]:
    return [Response("Trần Văn Bình", "01", "101", list(key), {1: 3.75}),
            Response("Lê Thị Ánh", "02", "101", list(key), {1: 3.0})]


def _saved(tmp_path, key, remarks, name: str = "bai_lam.xlsx"):
    from lecturer_app.exporters.exam.responses_xlsx import write_responses

    return write_responses(_learners(key), len(key), tmp_path / name, essays=1, oral=True, oral_weight=0.0,
                           remarks=remarks)


def _sheet(path) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(path)["Phúc khảo"].iter_rows(values_only=True))


def test_a_record_of_changes_alone_has_its_eight_columns_as_before(exam, tmp_path):
    _manifest, key = exam
    assert [len(row) for row in _sheet(_saved(tmp_path, key, [CHANGE]))] == [8, 8]


def test_kept_appeals_are_written_with_their_result_and_read_back_kept(exam, tmp_path):
    from lecturer_app.importers.exam_answers import read_answer_file

    manifest, key = exam
    path = _saved(tmp_path, key, [CHANGE, KEPT, _kept_answer(key)])
    assert [row[8] for row in _sheet(path)] == ["Kết quả", "Thay đổi", "Giữ nguyên", "Giữ nguyên"]
    answers = read_answer_file(path, manifest)
    assert answers.remarks == [CHANGE, KEPT, _kept_answer(key)]
    assert not answers.warnings


def test_an_older_app_reading_eight_columns_sees_a_change_to_the_same_mark_and_grades_the_same(exam, tmp_path):
    """What an app older than kept appeals does with the file: the first eight columns, every row a change."""
    from lecturer_app.importers.exam_answers import read_answer_file

    manifest, key = exam
    answers = read_answer_file(_saved(tmp_path, key, [CHANGE, KEPT, _kept_answer(key)]), manifest)
    as_changes = [Remark(*row.row()) for row in answers.remarks]
    assert disagreements(answers.responses, as_changes) == []
    anh = answers.responses[1]
    earlier = before_appeal(anh, as_changes)
    assert earlier is not None
    assert score_learner(earlier, manifest, GradingOptions()) == score_learner(anh, manifest, GradingOptions())


def test_a_file_saved_again_by_an_older_app_keeps_its_kept_appeals_kept(exam, tmp_path):
    """The older app writes the eight columns only: the row with the same mark before and after is still kept."""
    from openpyxl import load_workbook

    from lecturer_app.importers.exam_answers import read_answer_file

    manifest, key = exam
    path = _saved(tmp_path, key, [CHANGE, KEPT])
    workbook = load_workbook(path)
    workbook["Phúc khảo"].delete_cols(9)
    workbook.save(path)
    assert read_answer_file(path, manifest).remarks == [CHANGE, KEPT]


def test_a_kept_mark_edited_by_hand_since_is_said_as_a_changed_one_is(exam, tmp_path):
    from lecturer_app.importers.exam_answers import read_answer_file

    manifest, key = exam
    kept = Remark("02", "Lê Thị Ánh", "TL1", "2,0", "2,0", "giữ nguyên", DUC, "2026-12-05T10:00:00+07:00", kept=True)
    answers = read_answer_file(_saved(tmp_path, key, [CHANGE, kept]), manifest)
    assert answers.warnings == ["Lê Thị Ánh (SBD 02): TL1 trong bảng là «3,0», biên bản phúc khảo ghi «2,0»"]


def test_a_kept_appeal_changes_no_mark_before_the_appeal_and_no_chain():
    binh, anh = _learners(["A", "B"])
    assert before_appeal(anh, [CHANGE, KEPT]) is None
    assert changed_components(anh, [CHANGE, KEPT]) == {}
    later = Remark("02", "Lê Thị Ánh", "TL1", "3,0", "3,5", "Hội đồng chấm lại", HOA, "2026-12-06T08:00:00+07:00")
    assert changed_components(anh, [KEPT, later]) == {"TL1": [later]}
    assert before_appeal(binh, [CHANGE, KEPT]).essay_scores == {1: 2.5}


def test_the_counts_are_learners_parts_and_each_part_changed_or_kept():
    later = Remark("02", "Lê Thị Ánh", "TL1", "3,0", "3,5", "Hội đồng chấm lại", HOA, "2026-12-06T08:00:00+07:00")
    counts = appeal_counts([CHANGE, KEPT, _kept_answer("AB")])
    assert (counts.learners, counts.parts, counts.changed, counts.kept) == (2, 3, 1, 2)
    # Kept at first, changed on a second look: the part counts as changed, once.
    counts = appeal_counts([CHANGE, KEPT, later])
    assert (counts.learners, counts.parts, counts.changed, counts.kept) == (2, 2, 2, 0)
