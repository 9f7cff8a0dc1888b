"""`exam remark --keep`: an appeal re-checked and its mark kept («Giữ nguyên») is recorded, and nothing is regraded.

A centre's appeal council reports every appeal it handled, not only the marks it changed: learner, part
appealed, mark before, result, reason or conclusion, who and when. `--keep` is a flag with no value, given
instead of `--mark` or `--answer` (never with one), so a kept mark cannot be mistaken for a change. The appeal
goes into the same «Phúc khảo» sheet, `exam grade` gives the same scores as before it, and the biên bản lists it
with «Giữ nguyên» and the totals.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
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
    """The answers and marks as «Lưu bài làm và điểm…» saves them: Bình's essay 2,5, An's 3 (An's question 6
    wrong); oral weight 0."""
    return saved_answers(built, tmp_path)


def _keep_binh(built, saved) -> tuple[int, str, str]:
    return remark(built, saved, "--sbd", "01", "--component", "TL1", "--keep", "--reason",
                  "Chấm lại đủ các ý, đúng đáp án: giữ nguyên", "--author", "Nguyễn Thị Hoa")


def _rows(path: Path) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(path)["Phúc khảo"].iter_rows(values_only=True))


def _grade(built, answers: Path, out: Path, *more: str) -> tuple[int, str, str]:
    data_dir, exam, _key = built
    return run(data_dir, "exam", "grade", "--exam", str(exam), "--answers", str(answers), "-o", str(out), *more)


def _members(path: Path, *, but: tuple[str, ...] = ("docProps/core.xml",)) -> dict[str, bytes]:
    """An xlsx's parts, byte for byte; its core properties (the time it was written) left out."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if name not in but}


def _text(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines()]


def test_a_kept_mark_is_recorded_with_its_result_reason_author_and_time_and_the_mark_stays(built, saved):
    from lecturer_app.exam.manifest import read_manifest
    from lecturer_app.importers.exam_answers import read_answer_file

    code, out, err = _keep_binh(built, saved)
    assert code == 0, err
    assert "giữ nguyên «2,5»" in out
    header, row = _rows(saved)
    assert header == ("SBD", "Họ và tên", "Thành phần", "Điểm cũ", "Điểm mới", "Lý do", "Người sửa", "Thời điểm",
                      "Kết quả")
    assert row[:7] + row[8:] == ("01", "Trần Văn Bình", "TL1", "2,5", "2,5",
                                 "Chấm lại đủ các ý, đúng đáp án: giữ nguyên", "Nguyễn Thị Hoa", "Giữ nguyên")
    again = read_answer_file(saved, read_manifest(built[1]))
    assert again.responses[0].essay_scores == {1: 2.5} and not again.warnings
    assert [(r.component, r.kept) for r in again.remarks] == [("TL1", True)]


def test_keep_is_given_instead_of_a_new_value_never_with_one(built, saved, capsys):
    before = saved.read_bytes()
    code, _out, _err = remark(built, saved, "--sbd", "01", "--component", "TL1", "--keep", "--mark", "3",
                              "--reason", "x", "--author", "A")
    assert code == 2 and "not allowed with argument --keep" in capsys.readouterr().err
    assert saved.read_bytes() == before


@pytest.mark.parametrize(("args", "words"), [
    (("--sbd", "01", "--component", "TL2", "--reason", "x"), "không có câu tự luận 2"),
    (("--sbd", "01", "--component", "7", "--reason", "x"), "6 câu trắc nghiệm: không có Câu 7"),
    (("--sbd", "01", "--component", "điểm", "--reason", "x"), "Thành phần «điểm» không có"),
    (("--sbd", "01", "--component", "TL1", "--reason", " "), "lý do"),
    (("--sbd", "09", "--component", "TL1", "--reason", "x"), "SBD 09"),
    (("--sbd", "01", "--component", "vấn đáp", "--reason", "x"), "chưa có điểm"),  # the exam has no oral part
])
def test_a_kept_appeal_of_a_part_the_paper_lacks_or_without_a_reason_is_refused(built, saved, args, words):
    before = saved.read_bytes()
    code, _out, err = remark(built, saved, *args, "--keep", "--author", "A")
    assert code == 1 and words in err, err
    assert saved.read_bytes() == before


def test_grading_after_a_kept_appeal_is_byte_for_byte_the_grading_before_it(built, saved, tmp_path):
    """The score sheet's parts, the JSON and the learners' answers sheet: the same bytes as before the appeal."""
    code, before_json, err = _grade(built, saved, tmp_path / "truoc.xlsx", "--json")
    assert code == 0, err
    answers_before = _members(saved)["xl/worksheets/sheet1.xml"]
    assert _keep_binh(built, saved)[0] == 0
    assert remark(built, saved, "--sbd", "02", "--component", "6", "--keep", "--reason", "Máy đọc đúng ô đã tô",
                  "--author", "A")[0] == 0
    code, after_json, err = _grade(built, saved, tmp_path / "sau.xlsx", "--json")
    assert code == 0, err
    assert after_json == before_json
    assert _members(tmp_path / "sau.xlsx") == _members(tmp_path / "truoc.xlsx")
    assert _members(saved)["xl/worksheets/sheet1.xml"] == answers_before


def test_the_minutes_list_kept_and_changed_appeals_with_their_result_and_the_totals(built, saved, tmp_path):
    _data, _exam, key = built
    assert _keep_binh(built, saved)[0] == 0
    assert remark(built, saved, "--sbd", "02", "--component", "6", "--answer", key[5], "--reason",
                  "Máy đọc nhầm ô tô", "--author", "Phạm Văn Đức")[0] == 0
    code, _out, err = _grade(built, saved, tmp_path / "bang_diem.xlsx", "--minutes", str(tmp_path / "bien_ban.pdf"))
    assert code == 0, err
    lines = _text(tmp_path / "bien_ban.pdf")
    assert any(line.startswith("1 01 Trần Văn Bình TL1 2,5 2,5 Giữ nguyên Chấm lại đủ các ý") for line in lines), lines
    assert any(line.startswith("2 02 Nguyễn Văn An Câu 6 ") and " Thay đổi Máy đọc nhầm ô tô" in line
               for line in lines), lines
    assert ("Số đơn phúc khảo: 2; số phần bài thi được phúc khảo: 2, trong đó thay đổi điểm: 1, giữ nguyên "
            "điểm: 1.") in lines
    # Both learners' totals: Bình's the same before and after (6 MC points + 2,5), An's up by question 6.
    assert "1 01 Trần Văn Bình 8,5 8,5 Giỏi" in lines
    assert "2 02 Nguyễn Văn An 8,0 9,0 Giỏi" in lines


def test_minutes_of_kept_appeals_alone_are_written(built, saved, tmp_path):
    assert _keep_binh(built, saved)[0] == 0
    code, _out, err = _grade(built, saved, tmp_path / "bang_diem.xlsx", "--minutes", str(tmp_path / "bien_ban.pdf"))
    assert code == 0, err
    assert ("Số đơn phúc khảo: 1; số phần bài thi được phúc khảo: 1, trong đó thay đổi điểm: 0, giữ nguyên "
            "điểm: 1.") in _text(tmp_path / "bien_ban.pdf")


def test_in_json_a_kept_appeal_is_under_kept_never_under_change(built, saved):
    code, out, err = remark(built, saved, "--sbd", "01", "--component", "TL1", "--keep", "--reason", "Đúng",
                            "--author", "A", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert "change" not in result and result["file"] == str(saved)
    kept = result["kept"]
    assert (kept["component"], kept["before"], kept["after"], kept["reason"]) == ("TL1", "2,5", "2,5", "Đúng")
