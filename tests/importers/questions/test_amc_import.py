"""AMC-TXT files, as centres moving from auto-multiple-choice bring them."""

from __future__ import annotations

import pytest

from lecturer_app.importers.questions import detect_format, read_questions

AMC = """# Ngân hàng chuyển từ AMC
Title: Kiểm tra Lý luận chính trị
Lang: VI
Code: 6

*(Chương 1
*[id=cau-1] Đảng Cộng sản Việt Nam ra đời
vào năm nào?
- 1925
+ 1930
-{0} 1945
*)

**{b=2} Những văn kiện nào được thông qua tại Hội nghị thành lập Đảng?
+[0] Chánh cương vắn tắt
+ Sách lược vắn tắt
- Luận cương chính trị

* Câu có hai đáp án đúng nhưng là câu một đáp án
+ x
+ y
- z

* Trình bày ý nghĩa lịch sử của sự kiện thành lập Đảng.
"""


def test_amc_txt_is_detected_and_every_question_keeps_its_key(tmp_path):
    path = tmp_path / "amc.txt"
    path.write_text(AMC, encoding="utf-8")
    assert detect_format(path) == "amc"
    result = read_questions(path)
    first, second, essay = (item.question for item in result.items)
    assert first.stem == "Đảng Cộng sản Việt Nam ra đời\nvào năm nào?" and first.name == "cau-1"
    assert [(o.text, o.correct) for o in first.options] == [("1925", False), ("1930", True), ("1945", False)]
    assert result.items[0].category == "Chương 1"
    assert second.type == "multiple_choice" and [o.correct for o in second.options] == [True, True, False]
    assert essay.type == "essay"
    [problem] = result.problems
    assert problem.place == "amc.txt, dòng 19" and "2 phương án đúng" in problem.reason


def test_a_vietnamese_star_marked_file_is_not_taken_for_amc(tmp_path):
    path = tmp_path / "sao.txt"
    path.write_text("Câu 1: Hỏi?\n*A. một\nB. hai\n* Ghi chú\n+ thêm\n", encoding="utf-8")
    assert detect_format(path) == "txt"


@pytest.mark.parametrize("name, options", [("idaccents_txt.txt", [2, 2]), ("lettre-txt.txt", [4])])
def test_amcs_own_sample_sources_import(real_data, name, options):
    path = real_data / "amc" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    result = read_questions(path)
    assert result.format == "amc" and not result.problems
    assert [len(item.question.options) for item in result.items] == options
    assert all(any(o.correct for o in item.question.options) for item in result.items)


def test_an_amc_question_with_more_options_than_a_paper_letters_is_reported_not_imported(real_data):
    path = real_data / "amc" / "mult-copies.txt"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    result = read_questions(path)
    assert result.format == "amc" and result.items == []
    assert len(result.problems) == 1 and "11 phương án" in result.problems[0].reason
