"""Lines under a question after its answer: the guide's words, never a second answer.

A bank often explains its key on the lines after it ("Đáp án: B" then
"Đáp án B đúng vì …", or a "Lời giải:" block that quotes the answer).  Those
lines are kept as the explanation shown after answering; read as a new
answer they would replace the key or have the question refused.
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
