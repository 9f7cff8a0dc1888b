"""i18n.Message: a text found before its reader is known, worded for the screen or for a written document."""

from __future__ import annotations

import pytest

from lecturer_app import i18n
from lecturer_app.core.resources import resource_path
from lecturer_app.i18n import DOCUMENT, N_, NP_, SCREEN, Message, Number, joined, plain


@pytest.fixture
def english():
    i18n.setup("en", resource_path("translations"))
    yield
    i18n.setup("vi", None)


def _flag() -> Message:
    problem = Message.of(N_("'{value}' không phải phương án của câu ({first}–{last})"), value="E", first="A", last="D")
    return Message.of(N_("Câu {n}: {problem}"), n=3, problem=problem)


def test_a_message_reads_in_english_on_screen_and_in_vietnamese_in_a_document(english):
    assert _flag()(SCREEN) == "Question 3: 'E' is not one of the question's options (A–D)"
    assert _flag()(DOCUMENT) == "Câu 3: 'E' không phải phương án của câu (A–D)"


def test_in_vietnamese_the_screen_and_the_document_read_alike():
    assert _flag()(SCREEN) == _flag()(DOCUMENT) == "Câu 3: 'E' không phải phương án của câu (A–D)"


def test_a_number_takes_the_decimal_mark_of_its_reader(english):
    note = Message.of(N_("điểm vấn đáp {got} không được tính: tỉ trọng vấn đáp là 0"), got=Number("7,5"))
    assert "7.5" in note(SCREEN) and note(DOCUMENT) == "điểm vấn đáp 7,5 không được tính: tỉ trọng vấn đáp là 0"


def test_a_count_picks_the_english_form_and_leaves_the_vietnamese_one(english):
    one = Message.of(NP_("'{value}' không hợp lệ: cần {n} chữ Đ/S"), 1, value="X", n=1)
    many = Message.of(NP_("'{value}' không hợp lệ: cần {n} chữ Đ/S"), 4, value="X", n=4)
    assert one(SCREEN) == "'X' is not valid: 1 letter Đ/S is needed"
    assert many(SCREEN) == "'X' is not valid: 4 letters Đ/S are needed"
    assert many(DOCUMENT) == "'X' không hợp lệ: cần 4 chữ Đ/S"


def test_plain_text_and_its_braces_are_never_translated_and_joined_parts_are_worded_alike(english):
    name = plain("{file} trang 1.pdf")
    assert name(SCREEN) == name(DOCUMENT) == "{file} trang 1.pdf"
    page = Message.of(N_("{file}, trang {n}"), file="quet.pdf", n=2)
    both = joined(" + {} ", [name, page])
    assert both(SCREEN) == "{file} trang 1.pdf + {} quet.pdf, page 2"
    assert both(DOCUMENT) == "{file} trang 1.pdf + {} quet.pdf, trang 2"


def test_messages_with_the_same_text_and_parameters_are_equal():
    assert plain("token1") == plain("token1") and plain("token1") != plain("token2")
    assert _flag() == _flag()
