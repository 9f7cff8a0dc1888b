"""The phúc khảo record kept in the answers-and-marks file (``exam/remarks.py``), read back by ``read_answer_file``.

The «Phúc khảo» sheet is no learner rows; its changes come back in order, the mark before the appeal is the
first change's *before*, and a mark edited by hand since (it no longer equals the last change) is said.
"""

from __future__ import annotations

import pytest

from lecturer_app.core.errors import UserFacingError
from lecturer_app.exam.grading import Response
from lecturer_app.exam.remarks import Remark, before_appeal, chain_text, changed_components, component_name
from tests.exam import exam_bank_data

CHANGES = [
    Remark("01", "Trần Văn Bình", "TL1", "2,5", "3,5", "lần 1", "Nguyễn Thị Hoa", "2026-12-05T09:30:00+07:00"),
    Remark("01", "Trần Văn Bình", "TL1", "3,5", "3,75", "=1+1 không phải công thức", "Phạm Văn Đức",
           "2026-12-06T14:05:00+07:00"),
    Remark("02", "Lê Thị Ánh", "Vấn đáp", "", "7,0", "thi bổ sung", "Phạm Văn Đức", "2026-12-06T14:10:00+07:00"),
]


@pytest.fixture
def exam(store, tmp_path):
    from lecturer_app.exam.manifest import read_manifest

    report = exam_bank_data.build_small_exam(store, tmp_path / "de")
    return read_manifest(tmp_path / "de"), report.versions[0].key


def _saved(tmp_path, key, binh_essay: float = 3.75):
    from lecturer_app.exporters.exam.responses_xlsx import write_responses

    responses = [Response("Trần Văn Bình", "01", "101", list(key), {1: binh_essay}),
                 Response("Lê Thị Ánh", "02", "101", list(key), {1: 3.0}, 7.0)]
    return write_responses(responses, len(key), tmp_path / "bai_lam.xlsx", essays=1, oral=True, oral_weight=0.5,
                           remarks=CHANGES)


def test_the_record_comes_back_in_order_and_is_no_learner_row(exam, tmp_path):
    from lecturer_app.importers.exam_answers import read_answer_file

    manifest, key = exam
    answers = read_answer_file(_saved(tmp_path, key), manifest)
    assert answers.remarks == CHANGES  # a reason starting with "=" stays text
    assert [r.name for r in answers.responses] == ["Trần Văn Bình", "Lê Thị Ánh"]
    assert answers.marks_saved and not answers.rejected and not answers.warnings


def test_a_mark_edited_by_hand_since_the_last_change_is_said(exam, tmp_path):
    from lecturer_app.importers.exam_answers import read_answer_file

    manifest, key = exam
    answers = read_answer_file(_saved(tmp_path, key, binh_essay=4.0), manifest)
    assert answers.warnings == ["Trần Văn Bình (SBD 01): TL1 trong bảng là «4,0», biên bản phúc khảo ghi «3,75»"]


def test_the_mark_before_the_appeal_is_the_first_change_before_value():
    binh = Response("Trần Văn Bình", "01", "101", ["A"], {1: 3.75})
    earlier = before_appeal(binh, CHANGES)
    assert earlier is not None and earlier.essay_scores == {1: 2.5} and binh.essay_scores == {1: 3.75}
    assert chain_text(changed_components(binh, CHANGES)["TL1"]) == "2,5 → 3,5 → 3,75"
    anh = Response("Lê Thị Ánh", "02", "101", ["A"], {}, 7.0)
    assert before_appeal(anh, CHANGES).oral_score is None
    assert before_appeal(Response("Khác", "03", "101", ["A"]), CHANGES) is None


@pytest.mark.parametrize(("typed", "name"), [("TL1", "TL1"), ("tl 2", "TL2"), ("Vấn đáp", "Vấn đáp"),
                                             ("van dap", "Vấn đáp"), ("5", "Câu 5"), ("câu 12", "Câu 12")])
def test_components_are_named_as_the_record_names_them(typed, name):
    assert component_name(typed) == name


def test_an_unknown_component_is_an_error_in_words():
    with pytest.raises(UserFacingError, match="Thành phần «điểm» không có"):
        component_name("điểm")
