"""`exam remark`: one mark (or answer) changed on appeal from the command line, recorded in the answers file.

The change is checked as the grading grid checks a mark (a number with a decimal comma, within the
component's maximum), needs a reason, is signed with the author's name and time, and is kept with every
earlier change in the file's «Phúc khảo» sheet. `exam grade` then shows the total before the appeal and, with
`--minutes`, writes the biên bản.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.commands.remarked_exam import built_exam, remark, saved_answers
from tests.support.cli_runs import run_in as run


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A data folder with the exam test bank and an exam of 6 MC (6 points) and 1 essay (4 points), one version."""
    return built_exam(tmp_path_factory)


@pytest.fixture
def saved(built, tmp_path):
    """The answers and marks as «Lưu bài làm và điểm…» saves them: Bình's essay 2,5, An's 3; oral weight 0."""
    return saved_answers(built, tmp_path)


def _sheet(path: Path) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(path)["Phúc khảo"].iter_rows(min_row=2, values_only=True))


def test_a_mark_changed_is_written_back_with_its_reason_author_and_time(built, saved):
    code, out, err = remark(built, saved, "--sbd", "01", "--component", "TL1", "--mark", "3,75",
                            "--reason", "Cộng sót ý 2", "--author", "Nguyễn Thị Hoa")
    assert code == 0, err
    assert "2,5 → 3,75" in out
    (row,) = _sheet(saved)
    assert row[:7] == ("01", "Trần Văn Bình", "TL1", "2,5", "3,75", "Cộng sót ý 2", "Nguyễn Thị Hoa")
    data_dir, exam, _key = built
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.importers.exam_answers import read_answer_file

    again = read_answer_file(saved, read_manifest(exam))
    assert again.responses[0].essay_scores == {1: 3.75} and again.oral_weight == 0.0 and not again.warnings


def test_a_second_change_chains_and_an_answer_corrected_is_recorded_too(built, saved):
    remark(built, saved, "--sbd", "01", "--component", "TL1", "--mark", "3,5", "--reason", "lần 1", "--author", "A")
    remark(built, saved, "--sbd", "01", "--component", "tl1", "--mark", "3.75", "--reason", "lần 2", "--author", "B")
    _data, _out, key = built
    code, _o, err = remark(built, saved, "--sbd", "02", "--component", "6", "--answer", key[5].lower(),
                           "--reason", "Máy đọc nhầm ô tô", "--author", "B")
    assert code == 0, err
    wrong = "A" if key[5] != "A" else "B"  # what An's row answered (the fixture)
    assert [r[2:6] for r in _sheet(saved)] == [("TL1", "2,5", "3,5", "lần 1"), ("TL1", "3,5", "3,75", "lần 2"),
                                               ("Câu 6", wrong, key[5], "Máy đọc nhầm ô tô")]


@pytest.mark.parametrize(("args", "words"), [
    (("--component", "TL1", "--mark", "4,5"), "ngoài khoảng 0–4"),
    (("--component", "TL1", "--mark", "nan"), "không phải là điểm"),
    (("--component", "Vấn đáp", "--mark", "11"), "ngoài khoảng 0–10"),
    (("--component", "TL2", "--mark", "1"), "không có câu tự luận 2"),
    (("--component", "TL1", "--mark", "2,5"), "không có gì để sửa"),
    (("--component", "7", "--answer", "A"), "6 câu trắc nghiệm"),
    (("--component", "3", "--answer", "E"), "không phải phương án"),
    (("--component", "điểm", "--mark", "1"), "Thành phần «điểm» không có"),
])
def test_a_change_that_is_no_valid_mark_is_refused_and_the_file_is_unchanged(built, saved, args, words):
    before = saved.read_bytes()
    code, _out, err = remark(built, saved, "--sbd", "01", *args, "--reason", "x", "--author", "A")
    assert code == 1 and words in err, err
    assert saved.read_bytes() == before


def test_a_change_needs_a_reason_and_an_author(built, saved):
    code, _out, err = remark(built, saved, "--sbd", "01", "--component", "TL1", "--mark", "3", "--reason", " ",
                             "--author", "A")
    assert code == 1 and "lý do" in err
    code, _out, err = remark(built, saved, "--sbd", "09", "--component", "TL1", "--mark", "3", "--reason", "x",
                             "--author", "A")
    assert code == 1 and "SBD 09" in err


def test_exam_grade_shows_the_total_before_the_appeal_and_writes_the_minutes(built, saved, tmp_path):
    from openpyxl import load_workbook

    remark(built, saved, "--sbd", "01", "--component", "TL1", "--mark", "3,75", "--reason", "Cộng sót ý 2",
           "--author", "Nguyễn Thị Hoa")
    data_dir, exam, _key = built
    code, out, err = run(data_dir, "exam", "grade", "--exam", str(exam), "--answers", str(saved), "-o",
                         str(tmp_path / "bang_diem.xlsx"), "--minutes", str(tmp_path / "bien_ban.pdf"))
    assert code == 0, err
    sheet = load_workbook(tmp_path / "bang_diem.xlsx")["Bảng điểm"]
    header = [c.value for c in sheet[1]]
    binh = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[1] == "Trần Văn Bình")
    assert (binh[header.index("Bằng số")], binh[header.index("Điểm trước phúc khảo")]) == ("9,75", 8.5)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "bien_ban.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Cộng sót ý 2" in text and "Nguyễn Thị Hoa" in text and "9,75" in text


def test_exam_grade_refuses_minutes_when_nothing_was_changed(built, saved, tmp_path):
    data_dir, exam, _key = built
    code, _out, err = run(data_dir, "exam", "grade", "--exam", str(exam), "--answers", str(saved), "-o",
                          str(tmp_path / "bang_diem.xlsx"), "--minutes", str(tmp_path / "bien_ban.pdf"))
    assert code == 1 and "chưa có điểm nào sửa" in err
    assert not (tmp_path / "bien_ban.pdf").exists()


def test_without_an_author_name_in_the_settings_the_change_asks_for_one(built, saved):
    before = saved.read_bytes()
    code, _out, err = remark(built, saved, "--sbd", "01", "--component", "TL1", "--mark", "3", "--reason", "x")
    assert code == 1 and "--author" in err
    assert saved.read_bytes() == before
