"""The ways real Vietnamese banks write the right answer: every key right, a doubtful one reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.importers.questions import read_questions

OPTIONS = """A. Nghị quyết Trung ương 3
B. Nghị quyết Trung ương 4
C. Nghị quyết Trung ương 5
D. Nghị quyết Trung ương 6
"""

# Each convention, written under the same four options; B is right in every one.
CONVENTIONS = [
    "•\tB. Nghị quyết Trung ương 4;",
    "* B. Nghị quyết Trung ương 4",
    "- B. Nghị quyết Trung ương 4",
    "=> B",
    "→ B. Nghị quyết Trung ương 4",
    "Đáp án: B. Nghị quyết Trung ương 4",
    "Đáp án B",
    "Đáp án - B",
    "Đáp án: (B)",
    "Đ/A: B",
    "Chọn B",
    "Answer: B",
    "Đáp án đúng: B",
    "• Đáp án: B",
    "=> Đáp án: B. Nghị quyết Trung ương 4",
]


def bank(tmp_path: Path, *answers: str, name: str = "ngan_hang.txt") -> Path:
    body = "".join(f"Câu {n}: Văn kiện nào bàn về xây dựng Đảng (lần {n})?\n{OPTIONS}{answer}\n"
                   for n, answer in enumerate(answers, start=1))
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def keys(result) -> list[str]:
    return ["".join("ABCDEFGHIJ"[i] for i, o in enumerate(item.question.options) if o.correct)
            for item in result.items]


@pytest.mark.parametrize("answer", CONVENTIONS)
def test_each_answer_convention_gives_the_right_key(tmp_path, answer):
    result = read_questions(bank(tmp_path, answer))
    assert not result.problems
    assert keys(result) == ["B"]
    assert len(result.items[0].question.options) == 4


def test_a_bank_mixing_every_convention_imports_every_key(tmp_path):
    result = read_questions(bank(tmp_path, *CONVENTIONS))
    assert keys(result) == ["B"] * len(CONVENTIONS) and not result.problems


def test_a_repeated_answer_naming_another_option_is_reported_with_both_and_the_rest_imports(tmp_path):
    result = read_questions(bank(tmp_path, "• B. Nghị quyết Trung ương 5;", "=> C"))
    assert keys(result) == ["C"]
    [problem] = result.problems
    assert "(Câu 1)" in problem.where
    assert "B" in problem.reason and "Nghị quyết Trung ương 5" in problem.reason and "C" in problem.reason


def test_an_answer_line_whose_text_is_another_option_is_reported(tmp_path):
    result = read_questions(bank(tmp_path, "Đáp án: A. Nghị quyết Trung ương 6"))
    assert not result.items and "phương án D" in result.problems[0].reason


def test_a_repeated_answer_with_a_note_is_reported_not_guessed(tmp_path):
    result = read_questions(bank(tmp_path, "• B. Nghị quyết Trung ương 4 (Lưu ý: đề cũ ghi C)"))
    assert not result.items
    assert "Lưu ý" in result.problems[0].reason


def test_a_placeholder_text_leaves_the_letter_to_decide_and_the_report_says_so(tmp_path):
    result = read_questions(bank(tmp_path, "• B. B"))
    assert keys(result) == ["B"] and not result.problems
    assert any("(Câu 1)" in note and "chữ cái B" in note for note in result.notes)


def test_a_repeated_answer_that_disagrees_with_a_star_is_reported(tmp_path):
    path = tmp_path / "sao.txt"
    path.write_text("Câu 1: Hỏi?\n*A. một\nB. hai\nC. ba\n=> C\n", encoding="utf-8")
    result = read_questions(path)
    assert not result.items and "mâu thuẫn" in result.problems[0].reason


def test_a_bulleted_next_letter_is_an_option_not_an_answer(tmp_path):
    path = tmp_path / "gach.txt"
    path.write_text("Câu 1: Hỏi?\n- A. một\n- B. hai\n- C. ba\n=> B\n", encoding="utf-8")
    result = read_questions(path)
    assert [o.text for o in result.items[0].question.options] == ["một", "hai", "ba"]
    assert keys(result) == ["B"]


def test_an_option_whose_text_starts_with_a_capital_and_a_dot_is_one_option(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_text("Câu 1: Ai là người sáng lập chủ nghĩa duy vật lịch sử?\n"
                    "A. V.I. Lênin\nB. C. Mác\nC. Hêghen\nD. Phoiơbắc\nĐáp án: B\n"
                    "Câu 2: Cùng dòng?\nA. Hêghen   B. C. Mác   C. Phoiơbắc\nĐáp án: B\n", encoding="utf-8")
    result = read_questions(path)
    first, second = (item.question for item in result.items)
    assert [o.text for o in first.options] == ["V.I. Lênin", "C. Mác", "Hêghen", "Phoiơbắc"]
    assert [o.text for o in second.options] == ["Hêghen", "C. Mác", "Phoiơbắc"]
    assert keys(result) == ["B", "B"]


def test_explanation_lines_become_the_questions_explanation(tmp_path):
    path = tmp_path / "giai_thich.txt"
    path.write_text("Câu 1: Đảng ra đời năm nào?\nA. 1925\nB. 1930\nĐáp án: B\n"
                    "Giải thích: Hội nghị hợp nhất họp đầu năm 1930\ntại Hương Cảng.\n"
                    "Câu 2: Thủ đô?\nA. Huế\nB. Hà Nội\n=> B\nExplanation: since 1945.\n", encoding="utf-8")
    first, second = (item.question for item in read_questions(path).items)
    assert first.feedback == "Hội nghị hợp nhất họp đầu năm 1930\ntại Hương Cảng."
    assert second.feedback == "since 1945."
    assert keys(read_questions(path)) == ["B", "B"]


def test_a_stem_line_starting_like_an_answer_word_stays_in_the_stem(tmp_path):
    path = tmp_path / "chon.txt"
    path.write_text("Câu 1: Hãy đọc kỹ.\nChọn A hay B là đúng?\nA. một\nB. hai\nĐáp án: A\n", encoding="utf-8")
    [item] = read_questions(path).items
    assert item.question.stem == "Hãy đọc kỹ.\nChọn A hay B là đúng?"


# --- Word --------------------------------------------------------------------------


def word_bank(path: Path, mark_b) -> Path:
    """Two questions; *mark_b(run)* marks option B of the first, then D of the second."""
    import docx

    document = docx.Document()
    for number, right in ((1, "B"), (2, "D")):
        document.add_paragraph(f"Câu {number}: Câu hỏi số {number}?")
        for letter in "ABCD":
            run = document.add_paragraph().add_run(f"{letter}. phương án {letter}{number}")
            if letter == right:
                mark_b(run)
    document.save(str(path))
    return path


def test_yellow_highlight_marks_the_key_in_word(tmp_path):
    from docx.enum.text import WD_COLOR_INDEX

    def highlight(run):
        run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    result = read_questions(word_bank(tmp_path / "to_vang.docx", highlight))
    assert keys(result) == ["B", "D"]
    assert any("tô vàng" in note for note in result.notes)


def test_a_word_bullet_list_repeating_the_answer_gives_the_key(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Câu 1: Văn kiện nào?")
    for line in OPTIONS.splitlines():
        document.add_paragraph(line)
    document.add_paragraph("B. Nghị quyết Trung ương 4;", style="List Bullet")
    document.save(str(tmp_path / "bullet.docx"))
    result = read_questions(tmp_path / "bullet.docx")
    assert keys(result) == ["B"] and not result.problems


# --- Answer keys apart from the questions, with numbering that restarts per chapter ---------


def chapters_text(key_section: str) -> str:
    """Two chapters, each numbered from Câu 1; chapter 1's keys are A, B and chapter 2's are C, D."""
    return ("CHƯƠNG 1\nCâu 1: Một một?\nA. a\nB. b\nC. c\nD. d\nCâu 2: Một hai?\nA. a\nB. b\nC. c\nD. d\n"
            "CHƯƠNG 2\nCâu 1: Hai một?\nA. a\nB. b\nC. c\nD. d\nCâu 2: Hai hai?\nA. a\nB. b\nC. c\nD. d\n"
            + key_section)


def test_a_key_list_by_number_alone_is_refused_when_the_numbering_restarts(tmp_path):
    path = tmp_path / "lap.txt"
    path.write_text(chapters_text("BẢNG ĐÁP ÁN\n1.A 2.B\n1.C 2.D\n"), encoding="utf-8")
    result = read_questions(path)
    assert not result.items
    assert any("đánh số lại" in p.reason for p in result.problems)


def test_a_key_list_with_only_one_chapters_numbers_is_still_refused(tmp_path):
    path = tmp_path / "mot.txt"
    path.write_text(chapters_text("BẢNG ĐÁP ÁN\n1.A 2.B\n"), encoding="utf-8")
    result = read_questions(path)
    assert not result.items


def test_a_key_list_with_chapter_headings_maps_each_chapter(tmp_path):
    path = tmp_path / "chuong.txt"
    path.write_text(chapters_text("BẢNG ĐÁP ÁN\nChương I: 1.A 2.B\nCHƯƠNG II\n1.C 2.D\n"), encoding="utf-8")
    result = read_questions(path)
    assert keys(result) == ["A", "B", "C", "D"] and not result.problems


def test_word_key_tables_placed_in_each_chapter_map_by_chapter_and_one_final_table_is_refused(tmp_path):
    import docx

    def chapter_doc(path: Path, tables_in_chapters: bool) -> Path:
        document = docx.Document()
        for chapter, answers in ((1, "AB"), (2, "CD")):
            document.add_paragraph(f"CHƯƠNG {chapter}")
            for number in (1, 2):
                document.add_paragraph(f"Câu {number}: Chương {chapter} câu {number}?")
                document.add_paragraph("A. a   B. b   C. c   D. d")
            if tables_in_chapters or chapter == 2:
                table = document.add_table(rows=2, cols=3)
                for column, (number, letter) in enumerate([("Câu", "Đáp án"), ("1", answers[0]), ("2", answers[1])]):
                    table.cell(0, column).text, table.cell(1, column).text = number, letter
        document.save(str(path))
        return path

    assert keys(read_questions(chapter_doc(tmp_path / "moi_chuong.docx", True))) == ["A", "B", "C", "D"]
    refused = read_questions(chapter_doc(tmp_path / "cuoi.docx", False))
    assert keys(refused) == ["C", "D"]  # the chapter-2 table is inside chapter 2; chapter 1 has no key
    assert all("Chương 1" in p.where or "không xác định" in p.reason for p in refused.problems)


def test_continuous_numbering_still_maps_the_key_by_number(tmp_path):
    path = tmp_path / "lien.txt"
    path.write_text("Câu 1: x?\nA. a\nB. b\nCâu 2: y?\nA. a\nB. b\nBẢNG ĐÁP ÁN\n1.B 2.A\n", encoding="utf-8")
    assert keys(read_questions(path)) == ["B", "A"]


def test_options_referring_to_the_others_are_pinned_at_import_in_every_format(tmp_path):
    text = tmp_path / "tat_ca.txt"
    text.write_text("Câu 1: Hỏi?\nA. một\nB. hai\nC. Cả A và B đều đúng\nD. Không có đáp án nào đúng\nĐáp án: C\n",
                    encoding="utf-8")
    gift = tmp_path / "tat_ca.gift"
    gift.write_text("::q:: Hỏi? {~một ~hai =Tất cả các đáp án trên}\n", encoding="utf-8")
    assert [o.pinned for o in read_questions(text).items[0].question.options] == [False, False, True, True]
    assert [o.pinned for o in read_questions(gift).items[0].question.options] == [False, False, True]


def test_an_answer_line_and_a_repeated_option_that_disagree_are_reported(tmp_path):
    result = read_questions(bank(tmp_path, "Đáp án: B\n=> C"))
    assert not result.items and "mâu thuẫn" in result.problems[0].reason


def test_a_line_after_the_repeated_answer_is_not_glued_to_the_last_option(tmp_path):
    result = read_questions(bank(tmp_path, "=> B\nNguồn: Văn kiện Đảng toàn tập"))
    options = result.items[0].question.options
    assert options[3].text == "Nghị quyết Trung ương 6" and keys(result) == ["B"]


def test_a_stem_line_starting_with_giai_thich_stays_in_the_stem(tmp_path):
    path = tmp_path / "stem.txt"
    path.write_text("Câu 1: Đọc đoạn sau.\nGiải thích: vì sao Đảng ra đời năm 1930?\nA. một\nB. hai\nĐáp án: A\n",
                    encoding="utf-8")
    question = read_questions(path).items[0].question
    assert question.stem == "Đọc đoạn sau.\nGiải thích: vì sao Đảng ra đời năm 1930?" and question.feedback == ""


def test_an_aiken_explanation_line_becomes_the_explanation_not_the_next_stem(tmp_path):
    path = tmp_path / "aiken.txt"
    path.write_text("Đảng ra đời năm nào?\nA. 1925\nB. 1930\nANSWER: B\nExplanation: Hội nghị đầu năm 1930.\n\n"
                    "Thủ đô?\nA. Huế\nB. Hà Nội\nANSWER: B\nGiải thích: từ 1945.\n"
                    "Câu cuối?\nA. x\nB. y\nANSWER: A\n", encoding="utf-8")
    result = read_questions(path)
    assert result.format == "aiken"
    assert [(i.question.stem, i.question.feedback) for i in result.items] == [
        ("Đảng ra đời năm nào?", "Hội nghị đầu năm 1930."), ("Thủ đô?", "từ 1945."), ("Câu cuối?", "")]


def test_word_key_section_with_a_table_under_each_chapter_heading_maps_by_chapter(tmp_path):
    import docx

    document = docx.Document()
    for chapter in (1, 2):
        document.add_paragraph(f"CHƯƠNG {chapter}")
        for number in (1, 2):
            document.add_paragraph(f"Câu {number}: Chương {chapter} câu {number}?")
            document.add_paragraph("A. a   B. b   C. c   D. d")
    document.add_paragraph("BẢNG ĐÁP ÁN")
    for heading, answers in (("Chương I", "AB"), ("Chương II", "CD")):
        document.add_paragraph(heading)
        table = document.add_table(rows=2, cols=2)
        for column in (0, 1):
            table.cell(0, column).text, table.cell(1, column).text = str(column + 1), answers[column]
    document.save(str(tmp_path / "bang.docx"))
    assert keys(read_questions(tmp_path / "bang.docx")) == ["A", "B", "C", "D"]


def test_an_arrow_with_several_letters_gives_a_multiple_answer_question(tmp_path):
    result = read_questions(bank(tmp_path, "=> A, C"))
    assert keys(result) == ["AC"] and result.items[0].question.type == "multiple_choice"


def test_an_arrow_line_naming_no_letter_is_reported_not_glued_to_the_last_option(tmp_path):
    result = read_questions(bank(tmp_path, "=> Nghị quyết Trung ương 4", "=> B"))
    assert keys(result) == ["B"]
    [problem] = result.problems
    assert "(Câu 1)" in problem.where and "Nghị quyết Trung ương 4" in problem.reason


def test_a_number_typed_twice_in_one_chapter_makes_the_key_refused_naming_it(tmp_path):
    path = tmp_path / "trung_so.txt"
    path.write_text("CHƯƠNG 1\nCâu 1: x?\nA. a\nB. b\nCâu 1: y?\nA. a\nB. b\n"
                    "BẢNG ĐÁP ÁN\nChương 1: 1.A 2.B\n", encoding="utf-8")
    result = read_questions(path)
    assert not result.items and any("Câu 1;" in p.reason for p in result.problems)


def test_a_numbered_sentence_in_the_key_section_is_not_read_as_a_key(tmp_path):
    """"1. Chủ nghĩa …" starts with a capital C, yet it is a sentence, not "1 → C"; lower-case keys still read."""
    path = tmp_path / "de.txt"
    path.write_text("Câu 1: x?\nA. a\nB. b\nC. c\nCâu 2: y?\nA. a\nB. b\nC. c\nBẢNG ĐÁP ÁN\n"
                    "1. Chủ nghĩa Mác – Lênin là nền tảng tư tưởng\n2.b\n", encoding="utf-8")
    result = read_questions(path)
    keyed = {item.question.stem: [o.text for o in item.question.options if o.correct] for item in result.items}
    assert keyed.get("y?") == ["b"]
    assert "x?" not in keyed or keyed["x?"] != ["c"], "a sentence gave question 1 the key C"
