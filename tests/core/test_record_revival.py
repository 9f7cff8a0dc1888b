"""Records revived from stored bodies are what their constructors make (bulk loads skip ``__init__``).

``from_body``/``from_json`` set a record's attributes directly (issue #16):
these tests hold them to what ``cls(**fields)`` gives for every record type,
for bodies that lack fields, carry unknown ones or nest items.
"""

from __future__ import annotations

import dataclasses

import pytest

from lecturer_app.core.model import RECORD_CLASSES, ImageRef, Option, Question
from lecturer_app.core.store.canonical import canonical_json
from lecturer_app.core.text.normalize import XmlSafe, json_may_hold_xml_illegal


def constructed(cls, record_id: str, body: dict):
    """The record as its constructor makes it from *body* (the reference)."""
    names = {f.name for f in dataclasses.fields(cls)} - {"id", "extra"}
    known = {k: v for k, v in body.items() if k in names}
    for key, item_cls in cls.NESTED.items():
        if isinstance(known.get(key), list):
            known[key] = [item_cls(**{k: v for k, v in i.items() if k != "extra"}) for i in known[key]]
        elif isinstance(known.get(key), dict):
            known[key] = item_cls(**known[key])
    return cls(id=record_id, extra={k: v for k, v in body.items() if k not in names}, **known)


@pytest.mark.parametrize("record_type", sorted(RECORD_CLASSES))
def test_every_record_type_revives_as_its_constructor_makes_it(record_type):
    cls = RECORD_CLASSES[record_type]
    body = cls().to_body()
    revived = cls.from_body("r1", body)
    assert revived == constructed(cls, "r1", body)
    assert list(vars(revived)) == list(vars(cls(id="r1")))  # the attributes in the constructor's order
    assert revived.to_body() == body


def test_a_body_without_a_field_gets_its_default_and_a_list_of_its_own():
    first, second = Question.from_body("a", {"stem": "Một"}), Question.from_body("b", {"stem": "Hai"})
    assert first == Question(id="a", stem="Một")
    first.tags.append("thẻ")
    first.options.append(Option("x"))
    assert second.tags == [] and second.options == [] and Question().tags == []


def test_unknown_fields_are_kept_in_extra_at_both_levels():
    body = {"stem": "Câu", "mới": 1, "options": [{"text": "A", "correct": True, "mới": [2]}, {"text": "B"}]}
    question = Question.from_body("q", body)
    assert question.extra == {"mới": 1}
    assert question.options[0].extra == {"mới": [2]} and question.options[1].extra == {}
    assert question.options[1] == Option("B")
    assert Question.from_body("q", question.to_body()) == question


def test_an_options_picture_is_revived_as_a_picture():
    question = Question.from_body("q", {"options": [{"text": "A", "image": {"sha256": "ab", "filename": "a.png"}}]})
    assert question.options[0].image == ImageRef("ab", "a.png")


def test_defaults_are_the_constructors_and_read_only():
    assert dict(Question.defaults()) == {f: getattr(Question(), f) for f in Question.defaults()}
    assert Option.defaults()["pinned"] is False
    with pytest.raises(TypeError):
        Question.defaults()["stem"] = "đổi"  # type: ignore[index]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_stored_json_holding_a_character_xml_cannot_is_noticed(char):
    assert json_may_hold_xml_illegal(canonical_json({"stem": f"Câu{char}hỏi", "tags": []}))
    assert json_may_hold_xml_illegal(canonical_json({"extra": {"key": [f"{char}"]}}))


def test_ordinary_vietnamese_text_with_tabs_and_line_breaks_is_not():
    body = canonical_json({"stem": "Đảng Cộng sản Việt Nam\tra đời\r\nnăm 1930 \"trích\" — ¼ 😀", "options": []})
    assert not json_may_hold_xml_illegal(body)


def test_xml_safe_records_iterate_as_given_and_again():
    records = [Question(stem="a"), Question(stem="b")]
    safe = XmlSafe(records)
    assert list(safe) == records and list(safe) == records
