"""How a Word bank's answer marks are found: through character styles, and only when a style marks few options.

Written against one-line bugs that the rest of the suite let through (issue
#12, point 21): marks set through a Word character style ignored, and the
threshold that tells a marker from ordinary formatting moved.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lecturer_app.importers.questions import read_questions

LETTERS = "ABCD"


def bank_docx(path: Path, marked: list[set[int]], *, style: str = "", direct: str = "b") -> Path:
    """Questions of four options, one per paragraph; *marked* lists per question the options marked.

    A mark is set directly on the run (*direct*: "b" bold, "u" underline) or, with *style*,
    through a Word character style that carries the formatting.
    """
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    if style:
        char_style = document.styles.add_style(style, WD_STYLE_TYPE.CHARACTER)
        char_style.font.bold = direct == "b" or None
        char_style.font.underline = direct == "u" or None
    for number, marks in enumerate(marked, start=1):
        document.add_paragraph(f"Câu {number}: Nội dung câu hỏi số {number}?")
        for index, letter in enumerate(LETTERS):
            run = document.add_paragraph().add_run(f"{letter}. Phương án {letter.lower()} của câu {number}")
            if index in marks:
                if style:
                    run.style = document.styles[style]
                elif direct == "b":
                    run.bold = True
                else:
                    run.underline = True
    document.save(str(path))
    return path


def keys(result) -> list[str]:
    return ["".join(LETTERS[i] for i, o in enumerate(item.question.options) if o.correct) for item in result.items]


@pytest.mark.parametrize("direct", ["b", "u"])
def test_a_mark_set_through_a_word_character_style_gives_the_key(tmp_path, direct):
    path = bank_docx(tmp_path / "ngan_hang.docx", [{1}, {3}, {0}], style="Đáp án đúng", direct=direct)
    result = read_questions(path)
    assert keys(result) == ["B", "D", "A"]
    assert not result.problems


def test_the_built_in_strong_style_is_bold(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Câu 1: Đảng ra đời năm nào?")
    for letter, text in zip(LETTERS, ("1925", "1930", "1945", "1954")):
        run = document.add_paragraph().add_run(f"{letter}. {text}")
        if text == "1930":
            run.style = document.styles["Strong"]
    document.save(str(tmp_path / "strong.docx"))
    assert keys(read_questions(tmp_path / "strong.docx")) == ["B"]


def test_a_style_on_just_over_half_of_the_options_is_still_taken_as_the_marker(tmp_path):
    """11 of 20 options bold (55 %): bold marks answers; the questions with three marks are reported."""
    path = bank_docx(tmp_path / "muoi_mot.docx", [{0}, {2}, {0, 1, 2}, {1, 2, 3}, {0, 2, 3}])
    result = read_questions(path)
    assert keys(result) == ["A", "C"]
    assert len(result.problems) == 3


def test_a_style_on_most_options_is_formatting_not_a_marker(tmp_path):
    """13 of 20 options bold (65 %): bold is how this file looks, so no key is guessed from it."""
    path = bank_docx(tmp_path / "muoi_ba.docx", [{0}, {2}, {0, 1, 2}, {0, 1, 2, 3}, {0, 1, 2, 3}])
    result = read_questions(path)
    assert result.items == []
    assert len(result.problems) == 5


def test_the_style_marking_one_option_in_most_questions_wins(tmp_path):
    """Underline marks one option in each of four questions; bold, on one option of one question, is emphasis."""
    import docx

    document = docx.Document()
    for number, (answer, bold) in enumerate([(1, {0}), (3, set()), (0, set()), (2, set())], start=1):
        document.add_paragraph(f"Câu {number}: Câu hỏi {number}?")
        for index, letter in enumerate(LETTERS):
            run = document.add_paragraph().add_run(f"{letter}. Ý {letter} câu {number}")
            run.underline = index == answer or None
            run.bold = index in bold or None
    document.save(str(tmp_path / "gach_chan.docx"))
    assert keys(read_questions(tmp_path / "gach_chan.docx")) == ["B", "D", "A", "C"]
