"""Every real public question file imports with a report, never a whole-file failure."""

from __future__ import annotations

import pytest

from lecturer_app.importers.questions import read_questions
from lecturer_app.importers.questions.commit import commit_import, plan_import

FOLDERS = ("gift", "aiken", "moodlexml", "xlsx")


def real_files(real_data):
    return sorted(p for folder in FOLDERS for p in (real_data / folder).iterdir() if p.is_file())


def test_every_real_file_imports_and_each_problem_names_file_place_and_reason(real_data, store):
    files = real_files(real_data)
    assert len(files) >= 9
    for path in files:
        result = read_questions(path)
        assert result.items, path.name
        for problem in result.problems:
            assert problem.file == path.name and problem.where and problem.reason, problem
        plan = plan_import(result, store)
        saved = commit_import(plan, store, None)
        assert len(saved) == len(plan.new)


def test_moodle_aiken_error_fixture_gives_the_two_good_questions_and_one_reason_per_bad_block(real_data):
    result = read_questions(real_data / "aiken" / "moodle_aiken_errors.txt")
    assert [item.question.stem for item in result.items] == ["A good question", "A second good question"]
    assert [[o.text for o in i.question.options if o.correct] for i in result.items] == [
        ["Correct"], ["Correct (No space)"]]
    assert [p.where for p in result.problems] == ["dòng 1", "dòng 5", "dòng 14"]
    assert len({p.reason for p in result.problems}) == 3


def test_excel_sample_reads_the_one_based_key_and_reports_the_missing_picture(real_data):
    result = read_questions(real_data / "xlsx" / "mau_cau_hoi.xlsx")
    first, second = (item.question for item in result.items)
    assert [o.correct for o in first.options] == [True, False, False, False]
    assert len(second.options) == 3 and second.options[0].correct
    # The question is imported without its picture: a warning, not a skipped item (issue #15).
    assert result.problems == []
    assert len(result.warnings) == 1 and "bien_cam.jpg" in result.warnings[0].reason
    assert "dòng 3" in result.warnings[0].where


def test_exam_workbook_gives_one_tag_per_sheet(real_data):
    result = read_questions(real_data / "xlsx" / "mau_de_thi.xlsx")
    assert [item.category for item in result.items] == ["Đề 01", "Đề 01", "Đề 02", "Đề 02"]
    assert [o.text for o in result.items[0].question.options if o.correct] == ["B"]


def test_moodle_xml_skips_unsupported_types_by_line_and_keeps_images(real_data):
    result = read_questions(real_data / "moodlexml" / "amc2moodle_QCM.xml")
    reasons = [p.reason for p in result.problems]
    assert sum("calculatedmulti" in r for r in reasons) == 2
    assert any("description" in r for r in reasons)
    assert all("dòng" in p.where for p in result.problems)
    with_images = [i.question for i in result.items if i.question.images]
    assert with_images and all(ref.sha256 in result.blobs for q in with_images for ref in q.images)
    assert {i.question.type for i in result.items} >= {"single_choice", "multiple_choice", "essay"}


@pytest.mark.parametrize("name, expected_types", [
    ("moodle_questions.gift.txt", {"essay", "single_choice", "multiple_choice", "short_answer"}),
    ("moodle_questions_in_category.gift.txt", {"single_choice", "short_answer"}),
])
def test_gift_samples_map_every_supported_type_and_report_matching_and_numeric(real_data, name, expected_types):
    result = read_questions(real_data / "gift" / name)
    assert {i.question.type for i in result.items} == expected_types
    assert any("matching" in p.reason for p in result.problems)
