"""A question read as a mapping of its fields: the same from its stored body as from the Question it revives to.

``questions check`` and the Moodle XML export read every stored body this way
(issue #16); whatever the body holds or lacks, they must see what the
revived Question holds.
"""

from __future__ import annotations

import pytest

from lecturer_app.core.model import ImageRef, Option, Question, RubricItem
from lecturer_app.core.questions.fields import body_fields, question_fields

BODIES = [
    {},
    Question(stem="Đủ mọi trường", options=[Option("A", True), Option("B", pinned=True)], level="Nhận biết",
             tags=["t"], topic_ids=["x"], points=0.25).to_body(),
    {"stem": "Thiếu trường", "options": [{"text": "A"}, {"correct": True}]},
    {"stem": "Trường lạ", "mới": [1, 2], "options": [{"text": "A", "màu": "đỏ", "correct": True}]},
    Question(type="essay", stem="Tự luận", rubric=[RubricItem("Ý một", 0.5)], guide="Hướng dẫn",
             images=[ImageRef("ab" * 32, "h.png", "hình")]).to_body(),
    {"options": [{"text": "Có ảnh", "image": {"sha256": "cd" * 32, "filename": "a.png"}}, {"text": "Không"}],
     "images": [{"sha256": "ef" * 32}], "rubric": [{"text": "Ý"}]},
]


def known(fields: dict) -> dict:
    """The fields a reader may read (a body's unknown keys may ride along: nobody reads them)."""
    options = [{k: o[k] for k in Option.defaults()} for o in fields["options"]]
    return {**{k: fields[k] for k in (*Question.defaults(), "id")}, "options": options}


@pytest.mark.parametrize("body", BODIES)
def test_a_stored_body_reads_as_the_question_it_revives_to(body):
    fields = body_fields("q1", body)
    assert known(fields) == question_fields(Question.from_body("q1", body))


def test_every_field_and_the_id_are_there():
    fields = body_fields("q1", {})
    assert set(fields) == {*Question.defaults(), "id"} and fields["id"] == "q1"
    assert set(question_fields(Question(options=[Option("A")]))["options"][0]) == set(Option.defaults())
