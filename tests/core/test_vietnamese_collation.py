"""Vietnamese collation: the CLDR alphabet, tones as a secondary difference, names by tên then họ đệm."""

from __future__ import annotations

import random
import unicodedata

import pytest

from lecturer_app.core.text.collation import collation_key, name_sort_key, split_name


def _sorted(words):
    shuffled = list(words)
    random.Random(1).shuffle(shuffled)
    return sorted(shuffled, key=collation_key)


@pytest.mark.parametrize("ordered", [
    ["an", "ăn", "ân", "bạn"],
    ["da", "dân", "đa", "đào", "em"],
    ["em", "êm", "gà"],
    ["o", "ô", "ơ", "pha"],
    ["u", "ư", "vui"],
    ["ma", "mà", "mả", "mã", "má", "mạ"],
    ["Anh", "Ánh", "Bình"],
])
def test_alphabet_and_tones_sort_the_vietnamese_way(ordered):
    assert _sorted(ordered) == ordered


def test_the_base_letters_decide_before_the_tones():
    # "mạ" has the last tone but a earlier letter than "mai".
    assert _sorted(["mai", "mạ"]) == ["mạ", "mai"]
    assert _sorted(["tú", "tuấn"]) == ["tú", "tuấn"]


def test_decomposed_and_precomposed_text_sort_alike():
    assert collation_key(unicodedata.normalize("NFD", "Trường")) == collation_key("Trường")


def test_lower_case_sorts_before_upper_case_of_the_same_word():
    assert _sorted(["An", "an"]) == ["an", "An"]


def test_a_name_splits_into_ho_dem_and_ten():
    assert split_name("  Nguyễn  Thị Ánh ") == ("Nguyễn Thị", "Ánh")
    assert split_name("Giàng A") == ("Giàng", "A")
    assert split_name("") == ("", "")


def test_class_lists_sort_by_ten_then_ho_dem():
    names = ["Trần Văn Bình", "Lê Thị Ánh", "Nguyễn Văn An", "Đỗ Thị An", "Bùi Đức Ân", "Hoàng Văn Đức",
             "Phạm Minh Dũng", "Giàng A Dơ"]
    # "Ánh" (a-n-h) comes before "Ân" (â-n): letters first, the tone only breaks ties.
    expected = ["Đỗ Thị An", "Nguyễn Văn An", "Lê Thị Ánh", "Bùi Đức Ân", "Trần Văn Bình", "Giàng A Dơ",
                "Phạm Minh Dũng", "Hoàng Văn Đức"]
    assert sorted(reversed(names), key=name_sort_key) == expected
