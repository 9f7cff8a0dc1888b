"""A damaged or hand-edited exam.json is refused before grading, naming the file and the value's place.

Grading used to fail half-way with "Lỗi không mong đợi" (a TypeError in item analysis, an IndexError in
the score sheet) on the values below; each is a mutant the input fuzzer found (tests/support/input_fuzz.py),
made here from a valid exam.json written by ``manifest_text``.
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest

from lecturer_app.cli import main
from lecturer_app.core.errors import InputFileError
from lecturer_app.exam.manifest import manifest_text, read_manifest

YEARS = ["1930", "1945", "1954", "1975"]
BODY = {
    "format": 1, "confidential": True, "title": "Kiểm tra", "seed": 1, "exam_id": "exam-1",
    "master": ["q1", "q2", "e1"], "master_options": {"q1": YEARS, "q2": YEARS},
    "stems": {"q1": "Đảng ra đời năm nào?", "q2": "Năm nào?", "e1": "Trình bày."}, "bank_codes": {"q1": "NTD-01"},
    "versions": [{"code": "101", "essays": [{"id": "e1", "points": 4.0}],
                  "items": [{"id": "q1", "type": "single_choice", "points": 3.0, "key": "B", "options": YEARS,
                             "order": [0, 1, 2, 3]},
                            {"id": "q2", "type": "multiple_choice", "points": 3.0, "key": "AC", "options": YEARS,
                             "order": [3, 2, 1, 0]}]}],
}
ITEM = ("versions", 0, "items", 0)


def _exam(tmp_path: Path, place: tuple = (), value: object = None) -> Path:
    """An exam folder whose exam.json is BODY with the value at *place* replaced (or BODY as it is)."""
    body = copy.deepcopy(BODY)
    if place:
        parent: object = body
        for key in place[:-1]:
            parent = parent[key]  # type: ignore[index]
        parent[place[-1]] = value  # type: ignore[index]
    folder = tmp_path / "de_thi"
    folder.mkdir()
    (folder / "exam.json").write_text(manifest_text(body), encoding="utf-8")
    return folder


def test_a_valid_exam_json_is_read(tmp_path):
    manifest = read_manifest(_exam(tmp_path))
    assert manifest.versions["101"].items[1].order == [3, 2, 1, 0] and manifest.total_points == 10.0


@pytest.mark.parametrize(("old", "new"), [('"key":"B"', '"key":"C"'), ('"order":[3,2,1,0]', '"order":[2,3,1,0]'),
                                          ('"points":3.0', '"points":9.0')])
def test_a_flipped_key_order_or_score_is_refused_by_the_checksum_not_graded_wrong(tmp_path, old, new):
    """Valid JSON of the right shape: only the checksum tells that the key is not the exam's any more."""
    path = _exam(tmp_path) / "exam.json"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputFileError, match="sha256"):
        read_manifest(path.parent)


def test_an_exam_json_written_before_the_checksum_is_still_read(tmp_path):
    path = _exam(tmp_path) / "exam.json"
    path.write_text(json.dumps(BODY, ensure_ascii=False), encoding="utf-8")
    assert read_manifest(path.parent).versions["101"].items[0].key == "B"


@pytest.mark.parametrize(("place", "value", "where"), [
    ((*ITEM, "order"), 1.5, "versions[0].items[0].order"),
    ((*ITEM, "order"), [0, 1, 2, [3]], "versions[0].items[0].order[3]"),
    ((*ITEM, "order"), [0, 1, 2, 7], "versions[0].items[0].order"),  # an option the question does not have
    ((*ITEM, "options", 3), None, "versions[0].items[0].options[3]"),
    ((*ITEM, "points"), None, "versions[0].items[0].points"),
    ((*ITEM, "points"), "1.5", "versions[0].items[0].points"),
    ((*ITEM, "key"), "H", "versions[0].items[0].key"),
    (("versions", 0, "essays", 0, "points"), -4.0, "versions[0].essays[0].points"),
    (("master_options", "q1"), [*YEARS, *YEARS, "2000"], "master_options.q1"),  # 9 options: no letter for one
    (("stems", "q1"), {"text": "?"}, "stems.q1"),
    (("versions",), [], "versions"),
])
def test_a_wrong_value_in_exam_json_is_refused_naming_its_place(tmp_path, place, value, where):
    with pytest.raises(InputFileError) as refused:
        read_manifest(_exam(tmp_path, place, value))
    assert refused.value.path.name == "exam.json" and refused.value.where == where


def test_exam_grade_on_a_damaged_exam_json_says_so_and_writes_no_score_sheet(tmp_path):
    exam = _exam(tmp_path, (*ITEM, "order"), [0, 1, 2, 7])
    answers = tmp_path / "bai_lam.csv"
    answers.write_text("Họ và tên,SBD,Mã đề,1,2\nNguyễn Văn An,01,101,B,AC\n", encoding="utf-8")
    err = io.StringIO()
    code = main(["--data-dir", str(tmp_path / "data"), "exam", "grade", "--exam", str(exam), "--answers",
                 str(answers), "-o", str(tmp_path / "diem.xlsx")], out=io.StringIO(), err=err)
    assert code == 1 and "exam.json (versions[0].items[0].order)" in err.getvalue()
    assert "không mong đợi" not in err.getvalue() and not (tmp_path / "diem.xlsx").exists()


def test_an_exam_json_nested_a_thousand_deep_is_refused_as_json(tmp_path):
    folder = _exam(tmp_path)
    (folder / "exam.json").write_text("[" * 1000 + json.dumps(BODY) + "]" * 1000, encoding="utf-8")
    with pytest.raises(InputFileError, match="lồng nhau quá sâu"):
        read_manifest(folder)
