import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from lecturer_app.core.text.normalize import (
    fold,
    fold_each,
    fold_with_positions,
    nfc,
    nfc_deep,
    normalize_tone_placement,
    search_form,
)


def test_fold_drops_tones_and_maps_d_with_stroke():
    assert fold("Đảng Cộng sản Việt Nam") == "dang cong san viet nam"
    assert fold("Chuyển đổi số") == "chuyen doi so"
    assert fold("ĐƯỜNG LỐI") == "duong loi"


def test_fold_treats_nfd_input_like_nfc():
    assert fold(unicodedata.normalize("NFD", "Nghị quyết")) == fold("Nghị quyết") == "nghi quyet"


def test_fold_is_nfd_without_combining_marks_casefolded_for_every_latin_letter_and_mix():
    """fold drops the marks of ASCII-and-Vietnamese text by dropping every non-ASCII character of its NFD
    (issue #16): the result is the definition's for every letter and for text mixing in other characters."""
    import random

    def definition(text: str) -> str:
        marks = ("\u0300", "\u036f"), ("\u1ab0", "\u1aff"), ("\u1dc0", "\u1dff"), ("\u20d0", "\u20ff"), ("\ufe20", "\ufe2f")
        decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
        return "".join(c for c in decomposed if not any(low <= c <= high for low, high in marks)).casefold()

    letters = [chr(point) for point in [*range(0x20, 0x250), *range(0x1E00, 0x1F00)]]
    others = ["\u0301", "\u1dc0", "Σ", "ß", "Æ", "ł", "–", "\u00a0", "ﬁ", "İ", "中"]
    for letter in letters:
        assert fold(letter) == definition(letter), hex(ord(letter))
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice(letters if rng.random() < 0.9 else others) for _ in range(rng.randint(0, 20)))
        assert fold(text) == definition(text), text


def test_fold_each_folds_texts_together_as_each_alone_even_with_marks_at_their_edges_or_the_separator():
    """fold_each folds a question's options in one call (issue #16); a text is folded as fold() folds it alone,
    whatever its neighbours, including a loose mark at its start and a text holding the separator itself."""
    import random

    pieces = ["Đảng", "\u0301a", "e\u0302\u0301", "Σ", "ß", "中", "ﬁ", "İ", " ", "", "A.", "\u1dc0", "x\x1fy"]
    rng = random.Random(16)
    for _ in range(2000):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 5))]
        assert fold_each(texts) == [fold(text) for text in texts], texts


def test_nfc_composes_combining_marks():
    decomposed = unicodedata.normalize("NFD", "Việt")
    assert len(decomposed) > len("Việt")
    assert nfc(decomposed) == "Việt"


def test_nfc_deep_normalises_nested_values_and_keys():
    value = {unicodedata.normalize("NFD", "tên"): [unicodedata.normalize("NFD", "Đảng"), 3]}
    assert nfc_deep(value) == {"tên": ["Đảng", 3]}


def test_tone_placement_is_unified_on_the_first_vowel_of_open_syllables():
    assert normalize_tone_placement("hoà bình") == normalize_tone_placement("hòa bình") == "hòa bình"
    assert normalize_tone_placement("thuỷ lợi") == "thủy lợi"
    assert normalize_tone_placement("khoẻ") == "khỏe"


def test_tone_placement_leaves_closed_syllables_and_qu_alone():
    for word in ("hoàng", "quý", "quá", "của", "thuế", "tuyết", "hoài", "luật", "hoặc", "thuận", "Huệ", "thuở"):
        assert normalize_tone_placement(word) == word


def test_fold_with_positions_maps_back_to_the_original():
    folded, positions = fold_with_positions("Đảng ủy")
    start = folded.index("uy")
    assert "Đảng ủy"[positions[start]:positions[start + 1] + 1] == "ủy"


def test_tone_placement_only_moves_a_tone_within_oa_oe_uy_on_real_text():
    import re

    from lecturer_app.core.resources import bank_path

    text = "\n".join(p.read_text(encoding="utf-8") for p in bank_path().rglob("*.*") if p.suffix in (".md", ".toml"))
    for word in set(re.findall(r"\w+", text)):
        moved = normalize_tone_placement(word)
        if moved == word:
            continue
        assert fold(moved) == fold(word) and len(moved) == len(word), word
        assert re.search(r"([oòóỏõọ]a|[oòóỏõọ]e|[uùúủũụ]y)$", moved.lower()), (word, moved)


def test_tone_placement_accepts_decomposed_input():
    assert normalize_tone_placement(unicodedata.normalize("NFD", "hoà thuỷ")) == "hòa thủy"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("hoaeuyqHOAUYđĐ \n\t\x0b\x00\ufffe") + ["\u0300", "\u0301", "\u0303",
                                                                                    "\u0309", "\u0323", "à", "ỷ",
                                                                                    "ẻ", "Ỳ", "\ud800"])))
def test_the_search_form_is_the_nfc_text_with_its_tones_placed(text):
    # The index's exact form; computed with one NFC pass, it must equal the two-pass definition it replaced.
    assert search_form(text) == normalize_tone_placement(nfc(text))


def test_folding_texts_together_gives_each_text_its_own_fold_whatever_the_texts_hold():
    """fold_each folds a question's options in one call over them joined; the result must be fold() of each,
    also for empty texts, marks at a text's edge, and a text holding the separator itself (folded alone)."""
    from lecturer_app.core.text.normalize import FOLD_SEPARATOR, fold, fold_each

    cases = [[], ["Đảng"], ["Đảng Cộng sản", "", "ĐỔI MỚI"], ["a\u0301", "\u0301b", "ß"], ["x", f"y{FOLD_SEPARATOR}z", "w"],
             ["€ 5", "Nhà nước", "中文"]]
    for texts in cases:
        assert fold_each(texts) == [fold(text) for text in texts], texts
