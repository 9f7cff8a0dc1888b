"""``nfc_all``: True only when ``nfc`` leaves every text as it is, tested once on the texts joined (issue #16)."""

from __future__ import annotations

import unicodedata

from lecturer_app.core.text.normalize import nfc, nfc_all

TEXTS = ["Đảng Cộng sản Việt Nam", "dòng một\ndòng hai", "tab\tvà CR\r", "", "ASCII only", "Hà Nội (0,5 điểm)",
         unicodedata.normalize("NFD", "Đảng"), "e", "\u0301", "x\x0bđ", "nul\x00", "\ufffe", "a\u0323\u0302"]


def test_true_only_when_nfc_changes_none_of_the_texts():
    for first in TEXTS:
        for second in TEXTS:
            for texts in ([first], [first, second], [second, first, "Đ"]):
                if nfc_all(texts):
                    assert all(nfc(text) == text for text in texts), texts


def test_clean_texts_are_answered_true_and_one_text_to_normalise_false():
    clean = [text for text in TEXTS if nfc(text) == text and not text.startswith("\u0301")]
    assert nfc_all(clean)
    for text in TEXTS:
        assert nfc_all([text]) == (nfc(text) == text), text


def test_a_mark_that_would_join_the_text_before_it_is_answered_false_each_text_is_then_normalised_alone():
    # "m" + U+0301 is "ḿ" when joined, but neither text changes alone: False is the safe answer.
    assert not nfc_all(["Nam", "\u0301"])


def test_no_texts_need_nothing():
    assert nfc_all([])
