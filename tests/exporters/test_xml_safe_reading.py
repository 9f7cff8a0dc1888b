"""Exports read with ``xml_safe=True`` scrub only the questions whose stored JSON may need it, and those fully.

The CLI reads the bank this way so the writers skip their own walk over
every string (issue #16); a question stored before the import boundary
cleaned text must still come out without what XML cannot hold.
"""

from __future__ import annotations

import pytest
from hostile_text import CONTROLS, plant_in_store

from lecturer_app.core.bank.queries import LessonBank
from lecturer_app.core.model import Option, Question
from lecturer_app.core.text.normalize import XmlSafe
from lecturer_app.exporters.questions import EXPORT_FORMATS, exporter

# A backslash before b, f or u looks like an escape in the stored JSON: such a question is walked too, unchanged.
BACKSLASHES = r"Đường dẫn C:\bai\full\user"


@pytest.fixture
def bank(store):
    store.save(Question(stem=BACKSLASHES, options=[Option("Đúng", True), Option("Sai")], level="Nhận biết"))
    plant_in_store(store, Question(options=[Option("x", True), Option("y")], level="Nhận biết"),
                   stem=f"Câu{CONTROLS}giữa", option=f"Phương án{CONTROLS}A")
    plant_in_store(store, Question(options=[Option("x", True), Option("y")], level="Nhận biết", tags=["t"]),
                   tags=[f"thẻ{CONTROLS}"], guide="hướng dẫn\x00", extra_field={"sâu": [f"a{CONTROLS}"]})
    return LessonBank(store)


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if hasattr(value, "__dataclass_fields__"):
        return strings(vars(value))
    return []


def test_questions_read_xml_safe_hold_no_character_xml_cannot(bank):
    questions = bank.iter_questions(xml_safe=True)
    assert isinstance(questions, XmlSafe)
    read = list(questions)
    assert len(read) == 3
    texts = [s for q in read for s in strings(q)]
    assert not any(c in s for s in texts for c in CONTROLS)
    assert "Câu\n\ngiữa" in texts and "thẻ\n\n" in texts and "hướng dẫn" in texts and "a\n\n" in texts
    assert BACKSLASHES in texts


def test_reading_without_it_leaves_the_stored_text_for_the_writers_to_scrub(bank):
    questions = bank.iter_questions()
    assert not isinstance(questions, XmlSafe)
    assert any("\x00" in s for q in questions for s in strings(q))


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_format_is_written_from_questions_read_xml_safe(bank, tmp_path, fmt):
    report = exporter(fmt).export(bank.iter_questions(xml_safe=True), tmp_path / f"out.{fmt}")
    assert report.written >= 2
