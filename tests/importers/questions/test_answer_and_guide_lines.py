"""Lines after a question's options: the guide's words, a second set of options, a key table.

A bank often explains its key on the lines after it ("Đáp án: B" then
"Đáp án: A sai vì …", or a "Lời giải:" block that quotes the answer).  Those
lines are kept as the explanation shown after answering; read as a new
answer they would replace the key or have the question refused.  Options
that start again at A, or a key table whose chapter is unknown, make the
app report, never guess.
"""

from __future__ import annotations

from pathlib import Path

from lecturer_app.importers.questions.marked_text import Line, Run, parse_lines
from lecturer_app.importers.questions.report import ImportResult

QUESTION = ["Câu 1: Đảng Cộng sản Việt Nam ra đời năm nào?", "A. 1925", "B. 1930", "C. 1945"]


def parse(*texts: str) -> ImportResult:
    result = ImportResult(Path("de.txt"), "txt")
    parse_lines([Line(f"dòng {n}", [Run(text)]) for n, text in enumerate(texts, start=1)], result)
    return result


def key(result: ImportResult) -> list[bool]:
    return [option.correct for option in result.items[0].question.options]


def test_a_line_after_the_answer_that_starts_with_dap_an_explains_it_and_does_not_replace_it():
    result = parse(*QUESTION, "Đáp án: B", "Đáp án: A sai vì năm 1925 là năm thành lập Hội Việt Nam Cách mạng Thanh niên.")
    assert result.problems == []
    assert key(result) == [False, True, False]
    assert result.items[0].question.feedback == (
        "Đáp án: A sai vì năm 1925 là năm thành lập Hội Việt Nam Cách mạng Thanh niên.")


def test_a_guide_that_quotes_an_answer_is_the_guide_not_the_key():
    result = parse(*QUESTION, "Đáp án: B", "Lời giải:", "Đáp án: C là năm Cách mạng Tháng Tám thành công.")
    assert result.problems == []
    assert key(result) == [False, True, False]
    assert result.items[0].question.feedback == "Đáp án: C là năm Cách mạng Tháng Tám thành công."


def test_options_that_start_again_at_a_are_reported_never_glued_onto_the_last_option():
    """Two questions run together ("Câu 2" missing): the second set of options is not the text of option B."""
    result = parse("Câu 1: Đảng ra đời năm nào?", "A. 1925", "B. 1930", "A. Hà Nội", "B. Huế", "Đáp án: B")
    assert result.items == []
    assert [p.where for p in result.problems] == ["dòng 1 (Câu 1)"]


def test_a_key_table_above_the_first_chapter_heading_is_refused_when_numbering_restarts():
    """Its chapter is unknown: mapped by number, it would give the keys of chapter 1 to chapter 2 or the reverse."""
    result = ImportResult(Path("de.txt"), "txt")
    key_table = Line("dòng 7", table=[["Câu", "1", "2"], ["Đáp án", "B", "A"]], table_html="<table></table>")
    lines = [Line(f"dòng {n}", [Run(text)]) for n, text in enumerate(
        ["Câu 1: Đảng ra đời năm nào?", "A. 1925", "B. 1930", "Câu 2: Thủ đô nước ta?", "A. Hà Nội", "B. Huế"],
        start=1)]
    lines += [key_table, Line("dòng 8", [Run("Chương 2: Nhà nước")]), Line("dòng 9", [Run("Câu 1: Hiến pháp đầu tiên?")]),
              Line("dòng 10", [Run("A. 1946")]), Line("dòng 11", [Run("B. 1959")])]
    parse_lines(lines, result)
    assert result.items == []
    assert result.problems[0].reason.startswith("bảng đáp án không dùng được: số câu lặp lại (Câu 1;")
