"""Scrubbing text XML cannot hold walks an object shared by many places once and still cleans every place."""

from __future__ import annotations

from lecturer_app.core.model import Option, Question
from lecturer_app.core.text.normalize import scrub_xml_illegal


def test_a_question_shared_by_every_version_is_cleaned_once_and_seen_clean_everywhere():
    question = Question(type="single_choice", stem="Câu\x00 hỏi", options=[Option("A\x1b"), Option("B")])
    object.__setattr__(question, "stem", "Câu\x00 hỏi")   # as stored before the import boundary cleaned it
    question.options[0].text = "A\x1b"
    versions = [{"code": str(101 + n), "items": [question, question]} for n in range(24)]
    assert scrub_xml_illegal(versions) == 2
    assert question.stem == "Câu hỏi" and question.options[0].text == "A"
    assert all(item.stem == "Câu hỏi" for version in versions for item in version["items"])


def test_equal_but_separate_objects_are_each_cleaned():
    first, second = ({"stem": "Câu\x0b hai"} for _ in range(2))
    assert scrub_xml_illegal([first, second]) == 2
    assert first["stem"] == second["stem"] == "Câu\n hai"


class Label(str):
    """A str subclass: still text to clean."""


def test_numbers_and_none_are_passed_over_and_every_kind_of_text_still_cleaned():
    order = [2, 0, 1, 3]
    values = {"order": order, "points": 0.25, "pinned": True, "image": None, "label": Label("Mã\x00 đề"),
              "options": [1.5, "B\x07", 0, {"text": "C\x1f"}]}
    assert scrub_xml_illegal(values) == 3
    assert values["label"] == "Mã đề" and values["options"] == [1.5, "B", 0, {"text": "C"}]
    assert values["order"] is order and order == [2, 0, 1, 3]
    assert (values["points"], values["pinned"], values["image"]) == (0.25, True, None)
