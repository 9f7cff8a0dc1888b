"""The import pins an option exactly when the option, read alone, refers to the others (issue #16).

``pin_referring_options`` first searches a question's folded options at once
for how a reference can begin, and matches option by option only when one
may; the pins must be those of matching every option.
"""

from __future__ import annotations

import random

from lecturer_app.core.model import Option, Question
from lecturer_app.core.questions.referring import pin_referring_options, refers_to_other_options

REFERENCES = [
    "Tất cả các đáp án trên", "Tất cả đều đúng", "Cả A, B, C", "Cả A và B đều đúng", "Cả A, B và C đều đúng",
    "Không có đáp án nào đúng", "Không có phương án nào đúng", "Cả hai phương án trên", "A và C đều đúng",
    "Các đáp án trên đều sai", "Không phải các đáp án trên", "All of the above", "None of the above",
    "Những ý kiến trên", "Mọi phương án trên", "Đáp án A, B", "Ý A và B", "Câu trả lời khác", "Lựa chọn còn lại",
    "Phương án A; C đúng", "ava b", "Ba đáp án trên", "Hai phương án neu trên", "Both A and B", "Neither of them",
    "Cả 3 đáp án", "Ý kiến khác", "Cả ba", "A&B", "a hoặc b", "A and C", "B or D",
]
ORDINARY = ["Tất cả giai cấp công nhân", "Cả nước", "Cả hai miền Nam Bắc", "Tất cả mọi người", "Không có", "A",
            "Chủ nghĩa Mác - Lênin", "Hội nghị thành lập Đảng", "1930", "Ý thức xã hội", "Bác Hồ", "", "  "]
# What the strip and the collapsed blanks of a reference allow around it, and what they do not.
AROUND = [("", ""), ("  ", " ."), (". ", "!"), ("\t;", ":"), ("\n", ""), ("\n. ", ""), ("“", "”"), ("- ", "")]


def _pins(texts: list[str]) -> list[bool]:
    question = Question(type="single_choice", options=[Option(text) for text in texts])
    pin_referring_options(question)
    return [option.pinned for option in question.options]


def test_each_option_is_pinned_exactly_when_it_refers_to_the_others_alone():
    texts = [before + text.replace(" ", "  " if len(text) % 2 else " ") + after
             for text in REFERENCES + ORDINARY for before, after in AROUND]
    assert any(refers_to_other_options(text) for text in texts)
    draw = random.Random(16)
    questions = [[text] for text in texts] + [draw.sample(texts, draw.randint(2, 5)) for _ in range(3000)]
    for options in questions:
        assert _pins(options) == [refers_to_other_options(text) for text in options], options


def test_a_question_without_references_pins_nothing_and_one_with_them_pins_them_in_place():
    assert _pins(["Hội nghị", "Cả nước", "1930", "Chủ nghĩa Mác - Lênin"]) == [False] * 4
    assert _pins(["x", "y", "Cả A và B đều đúng", "Tất cả các đáp án trên"]) == [False, False, True, True]


def test_an_option_separator_inside_a_text_still_leaves_every_option_checked():
    # A text holding the folding separator is folded on its own (core.text.normalize.fold_each).
    assert _pins(["a\x1fb", "Tất cả các đáp án trên"]) == [False, True]
