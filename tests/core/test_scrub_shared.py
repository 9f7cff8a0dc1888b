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
