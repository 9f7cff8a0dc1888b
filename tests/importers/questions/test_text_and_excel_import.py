"""Plain text in the Word conventions, and Excel in the app template or teachers' layouts."""

from __future__ import annotations

from pathlib import Path

from lecturer_app.core.model import RubricItem
from lecturer_app.importers.legacy_vietnamese import LegacyEncoding, encode
from lecturer_app.importers.questions import read_questions

TEXT = """ĐỀ CƯƠNG ÔN TẬP
CHƯƠNG 1
Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?
A. 1925   B. 1930   C. 1945   D. 1954
Đáp án: B
Chương II: Tư tưởng Hồ Chí Minh
Câu 2. Ai là Tổng Bí thư đầu tiên?
*A. Trần Phú
B. Lê Duẩn
Câu 3: Chọn các ý đúng
A. x
B. y
C. z
Đáp án: A, C
Câu 4: Trình bày hoàn cảnh ra đời của Đảng.
Hướng dẫn chấm:
- Bối cảnh quốc tế (0,5 điểm)
- Bối cảnh trong nước (1,5 điểm)
Câu 5: Thủ đô của Việt Nam?
Đáp án: Hà Nội
Câu 6: Nhận định về Hội nghị
a) Họp ở Hương Cảng
b) Họp năm 1945
c) Thông qua Chánh cương vắn tắt
d) Do Lê Duẩn chủ trì
Đáp án: a) Đ b) S c) Đ d) S
Câu 7: Không có đáp án
A. x
B. y
Câu 8: Theo bảng
A. một   B. hai   C. ba
BẢNG ĐÁP ÁN
1.B  2.A  8.C
"""


def test_text_conventions_give_every_type_and_chapter_categories(tmp_path):
    path = tmp_path / "de_cuong.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = read_questions(path)
    by_number = {item.where.split("(Câu ")[1].rstrip(")"): item for item in result.items}
    assert by_number["1"].category == "CHƯƠNG 1" and by_number["2"].category == "Chương II: Tư tưởng Hồ Chí Minh"
    assert [o.correct for o in by_number["1"].question.options] == [False, True, False, False]
    assert by_number["2"].question.options[0].correct
    assert by_number["3"].question.type == "multiple_choice"
    essay = by_number["4"].question
    assert essay.type == "essay" and essay.points == 2.0
    assert essay.rubric == [RubricItem("Bối cảnh quốc tế", 0.5), RubricItem("Bối cảnh trong nước", 1.5)]
    assert by_number["5"].question.answers == ["Hà Nội"]
    assert [o.correct for o in by_number["6"].question.options] == [True, False, True, False]
    assert [o.correct for o in by_number["8"].question.options] == [False, False, True]
    assert [p.place for p in result.problems] == ["de_cuong.txt, dòng 27 (Câu 7)"]


def test_a_vni_text_file_saved_by_an_old_editor_is_converted(tmp_path):
    legacy = encode("Câu 1: Đảng ra đời năm nào?\nA. 1925  B. 1930\nĐáp án: B\n", LegacyEncoding.VNI)
    path = tmp_path / "cu.txt"
    path.write_bytes(legacy.encode("cp1252"))
    result = read_questions(path, "txt")
    assert result.items[0].question.stem == "Đảng ra đời năm nào?"
    assert result.notes


def workbook(path: Path, rows: list[list[object]], title: str = "Câu hỏi") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_teacher_layout_with_title_rows_letters_and_option_text_keys(tmp_path):
    path = workbook(tmp_path / "nh.xlsx", [
        ["NGÂN HÀNG CÂU HỎI MÔN LỊCH SỬ ĐẢNG"],
        [],
        ["STT", "Nội dung câu hỏi", "A", "B", "C", "D", "Đáp án", "Mức độ", "Điểm"],
        [1, "Đảng ra đời năm nào?", "1925", "1930", "1945", "", "B", "NB", "0,25"],
        [2, "Thủ đô?", "Huế", "Hà Nội", "", "", "Hà Nội", "TH", 0.5],
        [3, "Câu sai khoá", "x", "y", "", "", "E", "", ""],
        [4, "Điểm sai", "x", "y", "", "", "A", "", "mười"],
    ])
    result = read_questions(path)
    first, second = (i.question for i in result.items)
    assert first.options[1].correct and first.level == "Nhận biết" and first.points == 0.25
    assert second.options[1].correct and second.level == "Thông hiểu" and second.points == 0.5
    assert [p.place for p in result.problems] == ["nh.xlsx, trang tính 'Câu hỏi', dòng 6",
                                                   "nh.xlsx, trang tính 'Câu hỏi', dòng 7"]


def test_a_workbook_without_a_question_column_says_so(tmp_path):
    path = workbook(tmp_path / "x.xlsx", [["Họ tên", "Điểm"], ["An", 7]])
    result = read_questions(path)
    assert result.items == [] and "Câu hỏi" in result.problems[0].reason


def test_rows_with_the_same_group_label_share_one_group(tmp_path):
    path = workbook(tmp_path / "g.xlsx", [
        ["Câu hỏi", "A", "B", "Đáp án", "Nhóm"],
        ["Theo đoạn văn, ý chính là gì?", "x", "y", "A", "Đoạn 1"],
        ["Tác giả muốn nói gì?", "p", "q", "B", "đoạn 1"],
        ["Câu độc lập", "m", "n", "A", ""],
    ])
    first, second, alone = (i.question for i in read_questions(path).items)
    assert first.group_id and first.group_id == second.group_id and alone.group_id is None


def test_a_sheet_typed_in_tcvn3_is_converted(tmp_path):
    header = [encode(text, LegacyEncoding.TCVN3) for text in ("Câu hỏi", "A", "B", "Đáp án")]
    tcvn3 = [encode(text, LegacyEncoding.TCVN3) for text in ("Đảng ra đời năm nào?", "Năm một nghìn chín trăm")]
    path = workbook(tmp_path / "cu.xlsx", [header, [tcvn3[0], tcvn3[1], "1945", "A"]])
    result = read_questions(path)
    question = result.items[0].question
    assert question.stem == "Đảng ra đời năm nào?" and question.options[0].text == "Năm một nghìn chín trăm"
    assert any("TCVN3" in note for note in result.notes)


def test_other_option_label_styles_are_read(tmp_path):
    path = tmp_path / "nhan.txt"
    path.write_text("Câu 1: Một?\n(A) x   (B) y\nĐáp án: B\nCâu 2: Hai?\nA/ p   *B/ q\n", encoding="utf-8")
    items = read_questions(path).items
    assert [[(o.text, o.correct) for o in i.question.options] for i in items] == [
        [("x", False), ("y", True)], [("p", False), ("q", True)]]


def test_a_missing_picture_is_a_warning_on_an_imported_question_not_a_skipped_item(tmp_path):
    """Issue #15 item 11: the question is imported, so its note must not sit among the skipped items."""
    path = workbook(tmp_path / "hinh.xlsx", [
        ["STT", "Nội dung câu hỏi", "A", "B", "Đáp án", "Hình ảnh"],
        [1, "Sơ đồ nào đúng?", "Sơ đồ 1", "Sơ đồ 2", "A", "so_do.png"],
    ])
    result = read_questions(path)
    assert [i.question.stem for i in result.items] == ["Sơ đồ nào đúng?"]
    assert result.problems == []
    assert ["so_do.png" in w.reason and "được nhập" in w.reason for w in result.warnings] == [True]
